import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { PupilsResult } from '../../../api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Icon } from '../../../components/Icon';
import { useFormat } from '../../../i18n/format';
import { usePageTitle } from '../../../lib/usePageTitle';
import { downloadJobResult, uploadPupils } from '../../../api/cohorts';
import { useCohort } from '../../../lib/useOrganization';
import { useJob } from '../hooks/useJob';
import { CsvInput } from './CsvInput';
import { JobProgress } from './JobProgress';
import { LineErrors } from './LineErrors';

/** Pupil accounts without e-mail from a `name,class` CSV, and the printable sheet of sign-in codes. */
export function PupilsTab() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { orgId = '', cohortId = '' } = useParams();
  const { cohort } = useCohort(orgId, cohortId);
  usePageTitle(t('manage.dashboard.pupilsTitle', { name: cohort?.name ?? '' }));
  const [csv, setCsv] = useState('');
  const [csvError, setCsvError] = useState<string | undefined>();
  const [result, setResult] = useState<PupilsResult | null>(null);
  const upload = useMutation({ mutationFn: () => uploadPupils(cohortId, csv), onSuccess: setResult });
  const job = useJob(result?.jobId ?? null);
  const sheet = useMutation({ mutationFn: (jobId: string) => downloadJobResult(jobId, 'pupil-codes.pdf') });
  const ready = job.data?.status === 'done' && job.data.hasResult;

  return (
    <section aria-labelledby="pupils-heading">
      <h2 id="pupils-heading">{t('manage.pupils.title')}</h2>
      <p>{t('manage.pupils.intro')}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!csv.trim()) {
            setCsvError(t('manage.csv.empty'));
            return;
          }
          setCsvError(undefined);
          upload.mutate();
        }}
      >
        <CsvInput id="pupils-csv" header="name,class" value={csv} onChange={setCsv} error={csvError} />
        {upload.error ? <ErrorMessage error={upload.error} /> : null}
        <div className="form-actions">
          <button type="submit" className="button" disabled={upload.isPending}>
            {t('manage.pupils.create')}
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {result ? (
          <div className={result.errors.length ? 'alert alert-warning' : 'alert alert-success'}>
            <Icon name={result.errors.length ? 'warning' : 'check'} />
            <div>
              <p>{t('manage.pupils.summary', { created: fmt.number(result.created), errors: fmt.number(result.errors.length) })}</p>
              <LineErrors errors={result.errors} caption={t('manage.enrol.badLines')} />
            </div>
          </div>
        ) : null}
      </div>
      {result?.jobId ? (
        <section aria-labelledby="sheet-heading" className="card">
          <h3 id="sheet-heading">{t('manage.pupils.sheetTitle')}</h3>
          <p>{t('manage.pupils.sheetIntro')}</p>
          {ready ? null : <JobProgress id="sheet-job" job={job.data} error={job.error} />}
          {sheet.error ? <ErrorMessage error={sheet.error} /> : null}
          <button
            type="button"
            className="button"
            disabled={!ready || sheet.isPending}
            onClick={() => {
              if (result.jobId) sheet.mutate(result.jobId);
            }}
          >
            <Icon name="download" size={18} />
            {t('manage.pupils.download')}
          </button>
        </section>
      ) : null}
    </section>
  );
}
