import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CertificateNameRequest } from '../../../api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { TextField } from '../../../components/form';
import { useFormat } from '../../../i18n/format';
import { approveNameRequest, fetchNameRequests, nameRequestsKey, rejectNameRequest } from '../api/certificates';

interface Props {
  orgId: string;
  onStatus: (message: string) => void;
}

function RequestRow({ orgId, request, onStatus }: Props & { request: CertificateNameRequest }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const queryClient = useQueryClient();
  const [rejecting, setRejecting] = useState(false);
  const [note, setNote] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['certificate-name-requests', orgId] });
  const approve = useMutation({
    mutationFn: () => approveNameRequest(orgId, request.id),
    onSuccess: async (decided) => {
      onStatus(
        decided.certificatesToReissue > 0
          ? t('certificateNames.approvedReissue', { name: decided.requestedName, count: decided.certificatesToReissue })
          : t('certificateNames.approved', { name: decided.requestedName }),
      );
      await refresh();
    },
  });
  const reject = useMutation({
    mutationFn: () => rejectNameRequest(orgId, request.id, note.trim()),
    onSuccess: async () => {
      onStatus(t('certificateNames.rejectedStatus', { name: request.requestedName }));
      await refresh();
    },
  });
  const busy = approve.isPending || reject.isPending;
  return (
    <tr>
      <th scope="row">
        {request.displayName}
        {request.email ? <span className="hint block">{request.email}</span> : null}
      </th>
      <td>{request.previousName}</td>
      <td>
        <strong>{request.requestedName}</strong>
      </td>
      <td>{fmt.date(request.requestedAt)}</td>
      <td>
        {rejecting ? (
          <form
            className="inline-form"
            aria-label={t('certificateNames.rejectLabel', { name: request.requestedName })}
            onSubmit={(e) => {
              e.preventDefault();
              reject.mutate();
            }}
          >
            <TextField
              id={`reject-${request.id}`}
              label={t('certificateNames.note')}
              optional
              maxLength={500}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              autoFocus
            />
            <div className="form-actions">
              <button type="submit" className="button button-danger button-small" disabled={busy}>
                {t('certificateNames.confirmReject')}
              </button>
              <button type="button" className="button button-secondary button-small" onClick={() => setRejecting(false)}>
                {t('common.cancel')}
              </button>
            </div>
          </form>
        ) : (
          <span className="card-actions">
            <button type="button" className="button button-small" disabled={busy} onClick={() => approve.mutate()}>
              {t('certificateNames.approve')}
              <span className="visually-hidden"> {request.requestedName}</span>
            </button>
            <button type="button" className="button button-secondary button-small" disabled={busy} onClick={() => setRejecting(true)}>
              {t('certificateNames.reject')}
              <span className="visually-hidden"> {request.requestedName}</span>
            </button>
          </span>
        )}
        {approve.error ? <ErrorMessage error={approve.error} /> : null}
        {reject.error ? <ErrorMessage error={reject.error} /> : null}
      </td>
    </tr>
  );
}

/** Pending certificate-name changes of the organisation's learners: approve or reject each one (audited). */
export function NameRequestsPanel({ orgId, onStatus }: Props) {
  const { t } = useTranslation();
  const requests = useQuery({ queryKey: nameRequestsKey(orgId), queryFn: () => fetchNameRequests(orgId) });
  if (requests.isError) return <ErrorMessage error={requests.error} onRetry={() => void requests.refetch()} />;
  if (!requests.data?.length) return null;
  return (
    <section aria-labelledby="name-requests-title" className="card">
      <h2 id="name-requests-title">{t('certificateNames.requestsTitle', { count: requests.data.length })}</h2>
      <p className="hint">{t('certificateNames.requestsHint')}</p>
      <div className="table-wrap">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('certificateNames.learner')}</th>
              <th scope="col">{t('certificateNames.previous')}</th>
              <th scope="col">{t('certificateNames.requestedName')}</th>
              <th scope="col">{t('certificateNames.requestedOn')}</th>
              <th scope="col">{t('manage.certificates.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {requests.data.map((r) => (
              <RequestRow key={r.id} orgId={orgId} request={r} onStatus={onStatus} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
