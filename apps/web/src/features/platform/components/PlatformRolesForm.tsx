import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlatformRole } from '../../../api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { TextField } from '../../../components/form';
import { StatusMessage } from '../../../components/StatusMessage';
import { setPlatformRoles } from '../api/platform';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ROLES: PlatformRole[] = ['author', 'admin'];

/** Set the platform roles of a user by id (replaces the user's roles). */
export function PlatformRolesForm() {
  const { t } = useTranslation();
  const [userId, setUserId] = useState('');
  const [roles, setRoles] = useState<PlatformRole[]>([]);
  const [idError, setIdError] = useState<string | undefined>();
  const [saved, setSaved] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: () => setPlatformRoles(userId.trim(), roles),
    onSuccess: () => { setSaved(t('platform.roles.saved')); },
  });
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(null);
        if (!UUID.test(userId.trim())) {
          setIdError(t('platform.roles.userIdInvalid'));
          return;
        }
        setIdError(undefined);
        mutation.mutate();
      }}
    >
      <TextField id="roles-user" label={t('platform.roles.userId')} hint={t('platform.roles.userIdHint')} value={userId} error={idError} spellCheck={false} onChange={(e) => { setUserId(e.target.value); }} />
      <fieldset>
        <legend>{t('platform.roles.roles')}</legend>
        {ROLES.map((role) => (
          <div key={role} className="field field-checkbox">
            <input
              id={`role-${role}`}
              type="checkbox"
              checked={roles.includes(role)}
              onChange={(e) => { setRoles((r) => (e.target.checked ? [...r, role] : r.filter((x) => x !== role))); }}
            />
            <label htmlFor={`role-${role}`}>{t(`platform.roles.${role}`)}</label>
          </div>
        ))}
        <p className="hint">{t('platform.roles.replaceHint')}</p>
      </fieldset>
      {mutation.error ? <ErrorMessage error={mutation.error} /> : null}
      <div className="form-actions">
        <button type="submit" className="button" disabled={mutation.isPending}>
          {t('platform.roles.save')}
        </button>
      </div>
      <StatusMessage message={saved} />
    </form>
  );
}
