import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation, useParams } from 'react-router';
import { isApiError } from '../../../api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Icon } from '../../../components/Icon';
import { Loading } from '../../../components/Loading';
import { PageHeading } from '../../../components/PageHeading';
import { ProgressBar } from '../../../components/ProgressBar';
import { isPastDue, useFormat } from '../../../i18n/format';
import { usePageTitle } from '../../../lib/usePageTitle';
import { buildSteps } from '../../../lib/steps';
import { useEnrolment, type PlayerContext } from '../../../lib/useEnrolment';
import { useHeartbeat } from '../hooks/useHeartbeat';
import { Outline } from './Outline';
import { VersionOfferBanner } from './VersionOfferBanner';

function CourseNotFound() {
  const { t } = useTranslation();
  usePageTitle(t('player.notFound'));
  return (
    <div className="page narrow">
      <PageHeading>{t('player.notFound')}</PageHeading>
      <p>
        <Link to="/">{t('player.backHome')}</Link>
      </p>
    </div>
  );
}

/** The course player: course header, the page of the current step, the outline. */
export function PlayerLayout() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { enrolmentId = '' } = useParams();
  const { pathname } = useLocation();
  const query = useEnrolment(enrolmentId);
  const enrolment = query.data;
  useHeartbeat(enrolmentId, enrolment?.status === 'active');
  const steps = useMemo(() => (enrolment ? buildSteps(enrolment) : []), [enrolment]);

  if (query.isPending) return <Loading />;
  if (isApiError(query.error, 404)) return <CourseNotFound />;
  if (query.isError) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  if (!enrolment) return <CourseNotFound />;

  const prePath = `/learn/${enrolment.id}/self-assessment/pre`;
  const needsPre = enrolment.selfAssessment.required && !enrolment.selfAssessment.pre && enrolment.status === 'active';
  if (needsPre && pathname !== prePath) return <Navigate to={prePath} replace />;

  const dueOn = enrolment.cohort?.dueOn ?? null;
  const required = enrolment.learningTime.requiredSeconds === null ? null : Math.round(enrolment.learningTime.requiredSeconds / 60);
  const context: PlayerContext = { enrolment, steps };

  return (
    <div className="player">
      <div className="player-header">
        <p className="player-course">{enrolment.course.title}</p>
        <ProgressBar id="player-progress" value={enrolment.progressPercent} label={t('player.progress')} />
        <p className="meta">
          <span id="player-learning-time">
            <Icon name="clock" size={16} />{' '}
            {required !== null
              ? t('hours.studiedOfRequired', { studied: fmt.minutes(enrolment.minutes), required: fmt.minutes(required) })
              : t('player.learningTime', { time: fmt.minutes(enrolment.minutes) })}
          </span>
          {dueOn ? (
            <span className={isPastDue(dueOn) && enrolment.status === 'active' ? 'overdue' : undefined}>
              {t('home.due', { date: fmt.date(dueOn) })}
              {isPastDue(dueOn) && enrolment.status === 'active' ? ` · ${t('home.overdue')}` : ''}
            </span>
          ) : null}
          <a href="#outline" className="outline-jump">
            {t('player.jumpToOutline')}
          </a>
        </p>
        {enrolment.requirementsNotMet === 'learning-time' ? (
          <div className="alert alert-info" role="status" id="player-time-missing">
            <Icon name="clock" />
            <div>
              <p>
                <strong>{t('hours.timeMissingTitle')}</strong>
              </p>
              <p>
                {t('hours.timeMissing', {
                  required: fmt.minutes(required),
                  studied: fmt.minutes(enrolment.minutes),
                  remaining: fmt.minutes(enrolment.learningTime.remainingMinutes),
                })}
              </p>
            </div>
          </div>
        ) : null}
        {enrolment.status === 'active' && !enrolment.cohort ? <VersionOfferBanner enrolmentId={enrolment.id} /> : null}
        {enrolment.status === 'completed' ? (
          <div className="alert alert-success" role="status">
            <Icon name="check" />
            <p>
              {t('player.courseCompleted')} <Link to="/certificates">{t('player.seeCertificate')}</Link>
            </p>
          </div>
        ) : null}
      </div>
      <div className="player-grid">
        <div className="player-content">
          <Outlet context={context} />
        </div>
        <aside className="player-outline" id="outline" aria-label={t('player.outline')}>
          <Outline steps={steps} />
        </aside>
      </div>
    </div>
  );
}
