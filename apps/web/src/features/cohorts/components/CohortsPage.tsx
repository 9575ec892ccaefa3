import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { PageHeading } from '../../../components/PageHeading';
import { useFormat } from '../../../i18n/format';
import { usePageTitle } from '../../../lib/usePageTitle';
import { useCohorts, useOrganizationName } from '../../../lib/useOrganization';
import { CohortForm } from './CohortForm';
import { OrgHeader } from '../../../components/OrgTabs';

export function CohortsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { orgId = '' } = useParams();
  const name = useOrganizationName(orgId);
  const cohorts = useCohorts(orgId);
  const title = t('manage.cohorts.title', { name });
  usePageTitle(title);

  return (
    <div className="page page-wide">
      <OrgHeader orgId={orgId} current={t('manage.orgs.cohorts')} />
      <PageHeading>{title}</PageHeading>
      {cohorts.isPending ? <Loading /> : null}
      {cohorts.isError ? <ErrorMessage error={cohorts.error} onRetry={() => void cohorts.refetch()} /> : null}
      {cohorts.data ? (
        cohorts.data.length ? (
          <div className="table-wrap">
            <table className="data">
              <caption className="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('manage.cohorts.name')}</th>
                  <th scope="col">{t('manage.cohorts.course')}</th>
                  <th scope="col">{t('manage.cohorts.audience')}</th>
                  <th scope="col">{t('manage.cohorts.startsOn')}</th>
                  <th scope="col">{t('manage.cohorts.dueOn')}</th>
                  <th scope="col" className="num">
                    {t('manage.summary.enrolled')}
                  </th>
                  <th scope="col" className="num">
                    {t('manage.summary.completed')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {cohorts.data.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      <Link to={`cohorts/${c.id}`}>{c.name}</Link>
                    </th>
                    <td>{c.courseTitle ?? '–'}</td>
                    <td>{t(`manage.audiences.${c.audience}`)}</td>
                    <td>{fmt.date(c.startsOn)}</td>
                    <td>{fmt.date(c.dueOn)}</td>
                    <td className="num">{fmt.number(c.enrolled)}</td>
                    <td className="num">{fmt.number(c.completed)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="empty">{t('manage.cohorts.empty')}</p>
        )
      ) : null}
      <section aria-labelledby="new-cohort" className="section card">
        <h2 id="new-cohort">{t('manage.cohorts.new')}</h2>
        <CohortForm orgId={orgId} />
      </section>
    </div>
  );
}
