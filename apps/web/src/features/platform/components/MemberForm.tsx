import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { MemberBody, Organization } from '../../../api';
import { FormAlert } from '../../../components/FormAlert';
import { SelectField, TextField, useFieldErrorText } from '../../../components/form';
import { StatusMessage } from '../../../components/StatusMessage';
import { applyApiErrors } from '../../../lib/applyApiErrors';
import { addMember, membersKey } from '../api/platform';

const schema = z.object({
  orgId: z.string().min(1, 'validation.required'),
  email: z.string().trim().min(1, 'validation.required').regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'validation.email'),
  role: z.enum(['manager', 'learner']),
  name: z.string().trim().max(200, 'validation.tooLong'),
});
type Values = z.infer<typeof schema>;

/** Give a user a role in an organisation (the user must already have an account). */
export function MemberForm({ organizations }: { organizations: Organization[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errorOf = useFieldErrorText();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { orgId: '', email: '', role: 'manager', name: '' } });
  const submit = form.handleSubmit(async (v) => {
    setFormErrors([]);
    setSaved(null);
    const body: MemberBody = { email: v.email, role: v.role };
    if (v.name) body.name = v.name;
    try {
      const added = await addMember(v.orgId, body);
      const org = organizations.find((o) => o.id === v.orgId)?.name ?? '';
      const message = t('platform.members.added', { email: v.email, org, role: t(`platform.members.roles.${v.role}`) });
      setSaved(added.invited ? `${message} ${t('platform.members.invited')}` : message);
      await queryClient.invalidateQueries({ queryKey: membersKey(v.orgId) });
      form.reset({ ...v, email: '', name: '' });
    } catch (error) {
      setFormErrors(applyApiErrors(t, error, form.setError, ['email', 'role', 'name']));
    }
  });
  return (
    <form noValidate onSubmit={(e) => void submit(e)}>
      <FormAlert messages={formErrors} />
      <div className="form-grid">
        <SelectField id="member-org" label={t('platform.members.organization')} error={errorOf(form.formState.errors.orgId)} {...form.register('orgId')}>
          <option value="">{t('platform.members.chooseOrganization')}</option>
          {organizations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </SelectField>
        <TextField id="member-email" type="email" label={t('auth.email')} error={errorOf(form.formState.errors.email)} {...form.register('email')} />
        <SelectField id="member-role" label={t('platform.members.role')} {...form.register('role')}>
          <option value="manager">{t('platform.members.roles.manager')}</option>
          <option value="learner">{t('platform.members.roles.learner')}</option>
        </SelectField>
        <TextField id="member-name" label={t('platform.members.name')} optional error={errorOf(form.formState.errors.name)} {...form.register('name')} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={form.formState.isSubmitting}>
          {t('platform.members.add')}
        </button>
      </div>
      <StatusMessage message={saved} />
    </form>
  );
}
