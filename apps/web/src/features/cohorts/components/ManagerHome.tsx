import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { cohortKeys, fetchCohorts } from '../../../api/cohorts';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { PageHeading } from '../../../components/PageHeading';
import { useFormat } from '../../../i18n/format';
import { usePageTitle } from '../../../lib/usePageTitle';
import { useMe } from '../../../lib/useSession';

/**
 * Where a manager lands: every cohort of the organisations they manage, with enrolled, completed and
 * overdue counts and links into each cohort's dashboard (issue 18, point 4).
 */
export default function ManagerHome() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  usePageTitle(t('office1.home.title'));
  const managed = (me.data?.memberships ?? []).filter((m) => m.role === 'manager');
  const lists = useQueries({
    queries: managed.map((m) => ({ queryKey: cohortKeys.cohorts(m.organizationId), queryFn: () => fetchCohorts(m.organizationId) })),
  });

  return (
    <div className="page page-wide manager-home">
      <PageHeading>{t('office1.home.title')}</PageHeading>
      {me.data ? <p className="lead">{t('home.greeting', { name: me.data.name })}</p> : null}
      <p>{t('office1.home.intro')}</p>
      {managed.map((m, i) => {
        const list = lists[i];
        const headingId = `org-${m.organizationId}`;
        return (
          <section key={m.organizationId} aria-labelledby={headingId} className="section">
            <h2 id={headingId}>{m.organizationName}</h2>
            {list?.isPending ? <Loading /> : null}
            {list?.isError ? <ErrorMessage error={list.error} onRetry={() => void list.refetch()} /> : null}
            {list?.data ? (
              list.data.length ? (
                <div className="table-wrap">
                  <table className="data">
                    <caption className="visually-hidden">{m.organizationName}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('office1.home.cohort')}</th>
                        <th scope="col">{t('manage.cohorts.course')}</th>
                        <th scope="col">{t('office1.home.dueOn')}</th>
                        <th scope="col" className="num">
                          {t('office1.home.enrolled')}
                        </th>
                        <th scope="col" className="num">
                          {t('office1.home.completed')}
                        </th>
                        <th scope="col" className="num">
                          {t('office1.home.overdue')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {list.data.map((c) => {
                        const base = `/manage/organizations/${m.organizationId}/cohorts/${c.id}`;
                        return (
                          <tr key={c.id}>
                            <th scope="row">
                              <Link to={base}>{c.name}</Link>
                            </th>
                            <td>{c.courseTitle}</td>
                            <td>{c.dueOn ? fmt.date(c.dueOn) : t('office1.home.noDue')}</td>
                            <td className="num stat-num">
                              <Link to={`${base}/learners`} aria-label={`${t('office1.home.learners')}, ${c.name}: ${fmt.number(c.enrolled)}`}>
                                {fmt.number(c.enrolled)}
                              </Link>
                            </td>
                            <td className="num stat-num">{fmt.number(c.completed)}</td>
                            <td className="num stat-num">
                              {c.overdue > 0 ? (
                                <Link to={`${base}/learners?status=overdue`} className="overdue" aria-label={`${t('office1.home.overdue')}, ${c.name}: ${fmt.number(c.overdue)}`}>
                                  {fmt.number(c.overdue)}
                                </Link>
                              ) : (
                                fmt.number(0)
                              )}
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              ) : (
                <p className="empty">{t('office1.home.empty')}</p>
              )
            ) : null}
            <p>
              <Link to={`/manage/organizations/${m.organizationId}`}>{t('office1.home.allCohorts', { name: m.organizationName })}</Link>
            </p>
          </section>
        );
      })}
      <p className="section">
        <Link to="/my-learning">{t('office1.home.myLearning')}</Link>
      </p>
    </div>
  );
}
