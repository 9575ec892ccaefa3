import { useTranslation } from 'react-i18next';
import type { Job } from '../../../api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { ProgressBar } from '../../../components/ProgressBar';
import { useFormat } from '../../../i18n/format';

/** The progress of a background job, as a bar and in words. */
export function JobProgress({ job, error, id }: { job: Job | undefined; error: unknown; id: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (error) return <ErrorMessage error={error} />;
  const percent = job?.total ? (100 * job.processed) / job.total : 0;
  return (
    <div>
      <ProgressBar id={id} value={job?.status === 'done' ? 100 : percent} label={t('manage.job.progress')} />
      <p aria-live="polite" className="hint">
        {job ? t('manage.job.counts', { processed: fmt.number(job.processed), total: fmt.number(job.total), status: t(`manage.job.status.${job.status}`) }) : t('common.loading')}
      </p>
      {job?.status === 'failed' ? <ErrorMessage error={new Error(job.error ?? 'failed')} /> : null}
    </div>
  );
}
