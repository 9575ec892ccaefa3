import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MyEnrolment } from '../../../api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { PageHeading } from '../../../components/PageHeading';
import { ProgressBar } from '../../../components/ProgressBar';
import { usePageTitle } from '../../../lib/usePageTitle';
import { useMe } from '../../../lib/useSession';
import { fetchMyEnrolments, myEnrolmentsKey } from '../../../api/enrolments';
import { CourseCard } from './CourseCard';
import { JoinCourses } from './JoinCourses';

/** The course to offer first: the active one the learner last worked in, else the first active one. */
function continueWith(enrolments: MyEnrolment[]): MyEnrolment | undefined {
  const active = enrolments.filter((e) => e.status === 'active');
  return active.find((e) => e.lastLessonId && e.progressPercent > 0) ?? active.find((e) => e.lastLessonId) ?? active[0];
}

export function LearnerHome() {
  const { t } = useTranslation();
  const me = useMe();
  usePageTitle(t('home.title'));
  const enrolments = useQuery({ queryKey: myEnrolmentsKey, queryFn: fetchMyEnrolments });
  const resume = enrolments.data ? continueWith(enrolments.data) : undefined;

  return (
    <div className="page">
      <PageHeading>{t('home.title')}</PageHeading>
      {me.data ? <p className="lead">{t('home.greeting', { name: me.data.name })}</p> : null}
      {enrolments.isPending ? <Loading /> : null}
      {enrolments.isError ? <ErrorMessage error={enrolments.error} onRetry={() => void enrolments.refetch()} /> : null}

      {resume ? (
        <section aria-labelledby="continue-heading" className="card card-highlight">
          <h2 id="continue-heading">{resume.progressPercent > 0 ? t('home.continueTitle') : t('home.startTitle')}</h2>
          <p className="course-name">{resume.course.title}</p>
          <ProgressBar id="continue-progress" value={resume.progressPercent} label={t('home.progress')} />
          <Link className="button" to={`/learn/${resume.id}`}>
            {resume.progressPercent > 0 ? t('home.continue') : t('home.start')}
            <span className="visually-hidden">: {resume.course.title}</span>
          </Link>
        </section>
      ) : null}

      {enrolments.data ? (
        <section aria-labelledby="courses-heading" className="section">
          <h2 id="courses-heading">{t('home.myCourses')}</h2>
          {enrolments.data.length ? (
            <ul className="card-list">
              {enrolments.data.map((e) => (
                <CourseCard key={e.id} enrolment={e} />
              ))}
            </ul>
          ) : (
            <p className="empty">{t('home.empty')}</p>
          )}
        </section>
      ) : null}
      {enrolments.data ? <JoinCourses enrolments={enrolments.data} /> : null}
    </div>
  );
}
