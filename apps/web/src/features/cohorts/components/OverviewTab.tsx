import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Icon } from '../../../components/Icon';
import { Loading } from '../../../components/Loading';
import { useFormat } from '../../../i18n/format';
import { usePageTitle } from '../../../lib/usePageTitle';
import { cohortKeys, fetchDistribution, fetchFunnel, fetchOverdue, fetchSummary } from '../../../api/cohorts';
import { useCohort } from '../../../lib/useOrganization';
import { Funnel } from './Funnel';
import { PeopleExport } from './PeopleExport';
import { ScoreDistributionChart } from './ScoreDistributionChart';
import { NewerVersionNotice } from './NewerVersionNotice';

export function OverviewTab() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { orgId = '', cohortId = '' } = useParams();
  const { cohort } = useCohort(orgId, cohortId);
  usePageTitle(t('manage.dashboard.overviewTitle', { name: cohort?.name ?? '' }));
  const summary = useQuery({ queryKey: cohortKeys.summary(cohortId), queryFn: () => fetchSummary(cohortId) });
  const funnel = useQuery({ queryKey: cohortKeys.funnel(cohortId), queryFn: () => fetchFunnel(cohortId) });
  const overdue = useQuery({ queryKey: cohortKeys.overdue(cohortId), queryFn: () => fetchOverdue(cohortId) });
  const distribution = useQuery({ queryKey: cohortKeys.distribution(cohortId), queryFn: () => fetchDistribution(cohortId) });

  return (
    <>
      <NewerVersionNotice cohortId={cohortId} />
      <section aria-labelledby="summary-heading">
        <h2 id="summary-heading">{t('manage.summary.title')}</h2>
        {summary.isPending ? <Loading /> : null}
        {summary.isError ? <ErrorMessage error={summary.error} /> : null}
        {summary.data ? (
          <dl className="stats">
            <div className="stat">
              <dt>{t('manage.summary.enrolled')}</dt>
              <dd>{fmt.number(summary.data.enrolled)}</dd>
            </div>
            <div className="stat">
              <dt>{t('manage.summary.started')}</dt>
              <dd>{fmt.number(summary.data.started)}</dd>
            </div>
            <div className="stat">
              <dt>{t('manage.summary.completed')}</dt>
              <dd>{fmt.number(summary.data.completed)}</dd>
            </div>
            <div className="stat">
              <dt>{t('manage.summary.overdue')}</dt>
              <dd>{fmt.number(summary.data.overdue)}</dd>
            </div>
            <div className="stat">
              <dt>{t('manage.summary.completionRate')}</dt>
              <dd>{fmt.percent(summary.data.completionRate * 100)}</dd>
            </div>
            <div className="stat">
              <dt>{t('manage.summary.averageScore')}</dt>
              <dd>{fmt.percent(summary.data.averageFinalScore)}</dd>
            </div>
          </dl>
        ) : null}
        <PeopleExport cohortId={cohortId} query={{}} idPrefix="overview-export" />
      </section>

      <section aria-labelledby="funnel-heading" className="section">
        <h2 id="funnel-heading">{t('manage.funnel.title')}</h2>
        {funnel.isPending ? <Loading /> : null}
        {funnel.isError ? <ErrorMessage error={funnel.error} /> : null}
        {funnel.data ? <Funnel data={funnel.data} /> : null}
      </section>

      <section aria-labelledby="overdue-heading" className="section">
        <h2 id="overdue-heading">{t('manage.overdue.title')}</h2>
        {overdue.isPending ? <Loading /> : null}
        {overdue.isError ? <ErrorMessage error={overdue.error} /> : null}
        {overdue.data ? (
          overdue.data.rows.length ? (
            <div className="table-wrap">
              <table className="data">
                <caption className="visually-hidden">{t('manage.overdue.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('manage.table.name')}</th>
                    <th scope="col">{t('manage.table.email')}</th>
                    <th scope="col" className="num">
                      {t('manage.table.progress')}
                    </th>
                    <th scope="col">{t('manage.overdue.lastActivity')}</th>
                  </tr>
                </thead>
                <tbody>
                  {overdue.data.rows.map((row) => (
                    <tr key={row.userId}>
                      <th scope="row">{row.name}</th>
                      <td>{row.email ?? '–'}</td>
                      <td className="num">{fmt.percent(row.progressPercent)}</td>
                      <td>{row.lastActivityAt ? fmt.dateTime(row.lastActivityAt) : t('manage.overdue.never')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="status-line status-pass">
              <Icon name="check" /> {t('manage.overdue.none')}
            </p>
          )
        ) : null}
        {overdue.data && overdue.data.total > overdue.data.rows.length ? (
          <p>{t('manage.overdue.more', { shown: fmt.number(overdue.data.rows.length), total: fmt.number(overdue.data.total) })}</p>
        ) : null}
        <p>
          <Link to="learners?status=overdue">{t('manage.overdue.allOverdue')}</Link>
        </p>
      </section>

      <section aria-labelledby="distribution-heading" className="section">
        <h2 id="distribution-heading">{t('manage.distribution.title')}</h2>
        {distribution.isPending ? <Loading /> : null}
        {distribution.isError ? <ErrorMessage error={distribution.error} /> : null}
        {distribution.data ? <ScoreDistributionChart data={distribution.data} /> : null}
      </section>
    </>
  );
}
