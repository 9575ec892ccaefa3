import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CertificateNameView } from '../../../api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { TextField } from '../../../components/form';
import { Loading } from '../../../components/Loading';
import { StatusMessage } from '../../../components/StatusMessage';
import { useFormat } from '../../../i18n/format';
import {
  fetchMyCertificateName,
  myCertificateNameKey,
  setMyCertificateName,
  withdrawMyCertificateName,
} from '../api/certificates';

/**
 * The learner's legal name for certificates. Before any enrolment in an accredited course a
 * change applies at once; afterwards it waits for a manager's approval ("needs approval").
 */
export function CertificateNameCard() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: myCertificateNameKey, queryFn: fetchMyCertificateName });
  const [value, setValue] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [status, setStatus] = useState<string | null>(null);
  const saved = (view: CertificateNameView) => {
    queryClient.setQueryData(myCertificateNameKey, view);
    setValue(null);
    setStatus(view.pendingRequest ? t('certificateNames.requested') : t('certificateNames.saved'));
  };
  const save = useMutation({ mutationFn: (name: string) => setMyCertificateName(name), onSuccess: saved });
  const withdraw = useMutation({
    mutationFn: withdrawMyCertificateName,
    onSuccess: (view) => {
      queryClient.setQueryData(myCertificateNameKey, view);
      setStatus(t('certificateNames.withdrawn'));
    },
  });

  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  const view = query.data;
  const current = value ?? view.pendingRequest?.requestedName ?? view.effectiveName;

  return (
    <section className="card" aria-labelledby="certificate-name-title">
      <h2 id="certificate-name-title">{t('certificateNames.title')}</h2>
      <p>
        {t('certificateNames.current')} <strong>{view.effectiveName}</strong>
      </p>
      {view.pendingRequest ? (
        <p className="badge badge-active" role="status">
          {t('certificateNames.pending', { name: view.pendingRequest.requestedName, date: fmt.date(view.pendingRequest.requestedAt) })}
        </p>
      ) : null}
      {!view.pendingRequest && view.lastDecision?.status === 'rejected' ? (
        <p className="hint">
          {t('certificateNames.rejected', { name: view.lastDecision.requestedName })}
          {view.lastDecision.note ? ` ${t('certificateNames.rejectedNote', { note: view.lastDecision.note })}` : ''}
        </p>
      ) : null}
      <form
        className="inline-form"
        noValidate
        aria-label={t('certificateNames.formLabel')}
        onSubmit={(e) => {
          e.preventDefault();
          const name = current.trim();
          if (!name) {
            setError(t('validation.required'));
            return;
          }
          setError(undefined);
          save.mutate(name);
        }}
      >
        <TextField
          id="certificate-name"
          label={t('certificateNames.label')}
          hint={view.approvalRequired ? t('certificateNames.hintApproval') : t('certificateNames.hintDirect')}
          value={current}
          error={error}
          maxLength={200}
          autoComplete="name"
          onChange={(e) => setValue(e.target.value)}
        />
        {save.error ? <ErrorMessage error={save.error} /> : null}
        {withdraw.error ? <ErrorMessage error={withdraw.error} /> : null}
        <div className="form-actions">
          <button type="submit" className="button" disabled={save.isPending}>
            {view.approvalRequired ? t('certificateNames.request') : t('certificateNames.save')}
          </button>
          {view.pendingRequest ? (
            <button type="button" className="button button-secondary" disabled={withdraw.isPending} onClick={() => withdraw.mutate()}>
              {t('certificateNames.withdraw')}
            </button>
          ) : null}
        </div>
      </form>
      <StatusMessage message={status} />
    </section>
  );
}
