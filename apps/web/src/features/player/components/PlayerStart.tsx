import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { PageHeading } from '../../../components/PageHeading';
import { usePageTitle } from '../../../lib/usePageTitle';
import { resumeStep } from '../../../lib/steps';
import { usePlayer } from '../../../lib/useEnrolment';

/** `/learn/:id`: continue where the learner left off, on whichever device. */
export function PlayerStart() {
  const { t } = useTranslation();
  const { enrolment, steps } = usePlayer();
  usePageTitle(enrolment.course.title);
  const step = resumeStep(enrolment, steps);
  if (step) return <Navigate to={step.href} replace />;
  return (
    <div>
      <PageHeading>{enrolment.course.title}</PageHeading>
      <p>{t('player.empty')}</p>
      <Link to="/">{t('player.backHome')}</Link>
    </div>
  );
}
