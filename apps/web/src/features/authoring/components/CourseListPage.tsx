import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { PageHeading } from '../../../components/PageHeading';
import { usePageTitle } from '../../../lib/usePageTitle';
import { authoringKeys, fetchCourses } from '../api/authoring';
import { CourseStatusBadge } from './CourseStatusBadge';

export function CourseListPage() {
  const { t } = useTranslation();
  usePageTitle(t('authoring.list.title'));
  const courses = useQuery({ queryKey: authoringKeys.courses, queryFn: fetchCourses });
  return (
    <div className="page page-wide">
      <div className="page-head">
        <PageHeading>{t('authoring.list.title')}</PageHeading>
        <Link className="button" to="courses/new">
          {t('authoring.list.new')}
        </Link>
      </div>
      {courses.isPending ? <Loading /> : null}
      {courses.isError ? <ErrorMessage error={courses.error} onRetry={() => void courses.refetch()} /> : null}
      {courses.data ? (
        courses.data.items.length ? (
          <div className="table-wrap">
            <table className="data">
              <caption>{t('authoring.list.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('authoring.course.title')}</th>
                  <th scope="col">{t('authoring.course.locale')}</th>
                  <th scope="col">{t('authoring.list.status')}</th>
                  <th scope="col" className="num">
                    {t('authoring.list.version')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {courses.data.items.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      <Link to={`courses/${c.id}`}>{c.title}</Link>
                    </th>
                    <td>{c.locale.toUpperCase()}</td>
                    <td>
                      <CourseStatusBadge status={c.status} />
                    </td>
                    <td className="num">{c.version}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="empty">{t('authoring.list.empty')}</p>
        )
      ) : null}
    </div>
  );
}
