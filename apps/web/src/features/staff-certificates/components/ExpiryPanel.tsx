import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { operations, request } from '../../../api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { useFormat } from '../../../i18n/format';

/** Certificates that expire within 60 days and expired ones, per cohort and in total (issue 18 point 3). */
export function ExpiryPanel({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const expiry = useQuery({
    queryKey: ['certificate-expiry', orgId],
    queryFn: () => request(operations.certificateExpiry, { params: { orgId } }),
  });
  if (expiry.isError) return <ErrorMessage error={expiry.error} onRetry={() => void expiry.refetch()} />;
  const data = expiry.data;
  if (!data || data.cohorts.length === 0) return null;
  return (
    <section className="card" aria-labelledby="expiry-heading">
      <h2 id="expiry-heading">{t('office2.expiry.title')}</h2>
      <p>
        {t('office2.expiry.summary', { expiring: fmt.number(data.expiringSoon), days: fmt.number(data.withinDays), expired: fmt.number(data.expired) })}
      </p>
      <div className="table-wrap">
        <table className="data">
          <caption className="visually-hidden">{t('office2.expiry.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('office2.expiry.cohort')}</th>
              <th scope="col">{t('office2.expiry.expiring', { days: fmt.number(data.withinDays) })}</th>
              <th scope="col">{t('office2.expiry.expired')}</th>
            </tr>
          </thead>
          <tbody>
            {data.cohorts.map((c) => (
              <tr key={c.cohortId ?? 'none'}>
                <th scope="row">{c.cohortName ?? t('office2.expiry.noCohort')}</th>
                <td>{fmt.number(c.expiringSoon)}</td>
                <td>{fmt.number(c.expired)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
