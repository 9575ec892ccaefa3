import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrgCertificate } from '../../../api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { TextArea } from '../../../components/form';
import { reissueCertificate, revokeCertificate } from '../api/certificates';

export type CertificateAction = 'revoke' | 'reissue';

interface Props {
  certificate: OrgCertificate;
  kind: CertificateAction;
  onDone: (message: string) => void;
  onCancel: () => void;
}

/**
 * Revoke with a reason, or re-issue with a reason: both shown inline under the row. A re-issue
 * prints the holder's approved certificate name from the server, never a name typed here.
 */
export function CertificateActionForm({ certificate, kind, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();
  const done = async (message: string) => {
    onDone(message);
    await queryClient.invalidateQueries({ queryKey: ['org-certificates'] });
  };
  const revoke = useMutation({
    mutationFn: () => revokeCertificate(certificate.id, value.trim()),
    onSuccess: () => done(t('manage.certificates.revoked', { number: certificate.number })),
  });
  const reissue = useMutation({
    mutationFn: () => reissueCertificate(certificate.id, value.trim()),
    onSuccess: (accepted) => done(t('manage.certificates.reissued', { number: certificate.number, version: accepted.version })),
  });
  const mutation = kind === 'revoke' ? revoke : reissue;
  const id = `${kind}-${certificate.id}`;
  const label =
    kind === 'revoke'
      ? t('manage.certificates.revokeLabel', { number: certificate.number })
      : t('manage.certificates.reissueLabel', { number: certificate.number });

  return (
    <form
      className="inline-form"
      noValidate
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        if (!value.trim()) {
          setError(t('validation.required'));
          return;
        }
        setError(undefined);
        mutation.mutate();
      }}
    >
      <TextArea
        id={id}
        label={kind === 'revoke' ? t('manage.certificates.reason') : t('certificateNames.reissueReason')}
        hint={kind === 'revoke' ? t('manage.certificates.reasonHint') : t('certificateNames.reissueHint')}
        rows={2}
        value={value}
        error={error}
        onChange={(e) => setValue(e.target.value)}
        autoFocus
      />
      {mutation.error ? <ErrorMessage error={mutation.error} /> : null}
      <div className="form-actions">
        <button type="submit" className={kind === 'revoke' ? 'button button-danger' : 'button'} disabled={mutation.isPending}>
          {kind === 'revoke' ? t('manage.certificates.confirmRevoke') : t('manage.certificates.confirmReissue')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
