import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { EnrolmentReport, EnrolmentUploadResult } from '../../../api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Icon } from '../../../components/Icon';
import { useFormat } from '../../../i18n/format';
import { usePageTitle } from '../../../lib/usePageTitle';
import { uploadEnrolments } from '../../../api/cohorts';
import { useCohort } from '../../../lib/useOrganization';
import { useJob } from '../hooks/useJob';
import { AddPersonForm } from './AddPersonForm';
import { CsvInput } from './CsvInput';
import { JobProgress } from './JobProgress';
import { LineErrors } from './LineErrors';
import { SpreadsheetMapping } from './SpreadsheetMapping';

function isReport(result: EnrolmentUploadResult): result is EnrolmentReport {
  return !('jobId' in result);
}

function Report({ report, preview }: { report: EnrolmentReport; preview: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <div className={report.errors.length ? 'alert alert-warning' : 'alert alert-success'}>
      <Icon name={report.errors.length ? 'warning' : 'check'} />
      <div>
        <p>
          {preview
            ? t('manage.enrol.previewSummary', { enrolled: fmt.number(report.enrolled), already: fmt.number(report.alreadyEnrolled), errors: fmt.number(report.errors.length) })
            : t('manage.enrol.doneSummary', { enrolled: fmt.number(report.enrolled), already: fmt.number(report.alreadyEnrolled), errors: fmt.number(report.errors.length) })}
        </p>
        <LineErrors errors={report.errors} caption={preview ? t('manage.enrol.badLinesPreview') : t('manage.enrol.badLines')} />
      </div>
    </div>
  );
}

/** CSV enrolment: a dry run shows every bad line first; large files are processed as a job. */
export function EnrolTab() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { orgId = '', cohortId = '' } = useParams();
  const { cohort } = useCohort(orgId, cohortId);
  usePageTitle(t('manage.dashboard.enrolTitle', { name: cohort?.name ?? '' }));
  const [csv, setCsv] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [options, setOptions] = useState<{ sheet?: string; mapping?: string }>({});
  const [csvError, setCsvError] = useState<string | undefined>();
  const [preview, setPreview] = useState<EnrolmentReport | null>(null);
  const [previewJob, setPreviewJob] = useState<string | null>(null);
  const [result, setResult] = useState<EnrolmentReport | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  const dryRun = useMutation({
    mutationFn: (next: { sheet?: string; mapping?: string } = options) => uploadEnrolments(cohortId, file ?? csv, true, next),
    onSuccess: (r) => {
      setResult(null);
      setJobId(null);
      if (isReport(r)) setPreview(r);
      else setPreviewJob(r.jobId);
    },
  });
  const confirm = useMutation({
    mutationFn: () => uploadEnrolments(cohortId, file ?? csv, false, options),
    onSuccess: (r) => {
      if (isReport(r)) setResult(r);
      else setJobId(r.jobId);
      void queryClient.invalidateQueries({ queryKey: ['cohort', cohortId] });
    },
  });
  const previewJobState = useJob(previewJob);
  const job = useJob(jobId);
  const shownPreview = preview ?? (previewJobState.data?.status === 'done' ? (previewJobState.data.report ?? null) : null);
  const finalReport = result ?? (job.data?.status === 'done' ? (job.data.report ?? null) : null);

  useEffect(() => {
    if (shownPreview || finalReport) resultRef.current?.focus();
  }, [shownPreview, finalReport]);

  const reset = () => {
    setPreview(null);
    setPreviewJob(null);
    setResult(null);
    setJobId(null);
    setFile(null);
    setOptions({});
    dryRun.reset();
    confirm.reset();
  };

  return (
    <section aria-labelledby="enrol-heading">
      <h2 id="enrol-heading">{t('manage.enrol.title')}</h2>
      <p>{t('manage.enrol.intro')}</p>
      {!shownPreview && !previewJob ? (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!file && !csv.trim()) {
              setCsvError(t('manage.csv.empty'));
              return;
            }
            setCsvError(undefined);
            dryRun.mutate(options);
          }}
        >
          <CsvInput
            id="enrol-csv"
            header="email,name"
            hint={t('office.fileHint')}
            value={csv}
            onChange={(text) => {
              setFile(null);
              setCsv(text);
            }}
            onFile={setFile}
            error={csvError}
          />
          {dryRun.error ? <ErrorMessage error={dryRun.error} /> : null}
          <div className="form-actions">
            <button type="submit" className="button" disabled={dryRun.isPending}>
              {dryRun.isPending ? t('manage.enrol.checking') : t('manage.enrol.check')}
            </button>
          </div>
        </form>
      ) : null}

      {previewJob && !shownPreview ? <JobProgress id="preview-job" job={previewJobState.data} error={previewJobState.error} /> : null}

      <div ref={resultRef} tabIndex={-1} aria-live="polite">
        {shownPreview && !jobId && !result ? (
          <>
            <h3>{t('manage.enrol.previewTitle')}</h3>
            {shownPreview.spreadsheet ? (
              <SpreadsheetMapping
                key={JSON.stringify([shownPreview.spreadsheet.sheet, shownPreview.spreadsheet.mapping])}
                info={shownPreview.spreadsheet}
                busy={dryRun.isPending}
                onApply={(sheet, mapping) => {
                  const next = { ...(sheet ? { sheet } : {}), ...(mapping ? { mapping } : {}) };
                  setOptions(next);
                  dryRun.mutate(next);
                }}
              />
            ) : null}
            {dryRun.error ? <ErrorMessage error={dryRun.error} /> : null}
            <Report report={shownPreview} preview />
            {confirm.error ? <ErrorMessage error={confirm.error} /> : null}
            <div className="form-actions">
              <button type="button" className="button" disabled={confirm.isPending || shownPreview.enrolled === 0} onClick={() => { confirm.mutate(); }}>
                {t('manage.enrol.confirm', { count: shownPreview.enrolled })}
              </button>
              <button type="button" className="button button-secondary" onClick={reset}>
                {t('manage.enrol.another')}
              </button>
            </div>
          </>
        ) : null}
        {finalReport ? (
          <>
            <h3>{t('manage.enrol.doneTitle')}</h3>
            <Report report={finalReport} preview={false} />
            <button type="button" className="button button-secondary" onClick={reset}>
              {t('manage.enrol.another')}
            </button>
          </>
        ) : null}
      </div>
      {jobId && !finalReport ? <JobProgress id="enrol-job" job={job.data} error={job.error} /> : null}
      {/* One person without a file, while no file is being previewed or enrolled (its fields would read like the mapping's). */}
      {!shownPreview && !previewJob && !finalReport && !jobId ? <AddPersonForm cohortId={cohortId} /> : null}
    </section>
  );
}
