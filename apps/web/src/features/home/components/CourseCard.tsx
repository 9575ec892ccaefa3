import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MyEnrolment } from '../../../api';
import { Icon } from '../../../components/Icon';
import { ProgressBar } from '../../../components/ProgressBar';
import { StatusBadge } from '../../../components/StatusBadge';
import { isPastDue, useFormat } from '../../../i18n/format';

export function CourseCard({ enrolment }: { enrolment: MyEnrolment }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const overdue = enrolment.status === 'active' && isPastDue(enrolment.dueOn);
  const action =
    enrolment.status === 'completed'
      ? t('home.review')
      : enrolment.progressPercent > 0 || enrolment.lastLessonId
        ? t('home.continue')
        : t('home.start');
  const headingId = `course-${enrolment.id}`;
  const required = enrolment.learningTime.requiredSeconds === null ? null : Math.round(enrolment.learningTime.requiredSeconds / 60);
  const studied = Math.floor(enrolment.learningTime.learningSeconds / 60);
  return (
    <li className="card course-card">
      <article aria-labelledby={headingId}>
        <div className="card-head">
          <h3 id={headingId}>{enrolment.course.title}</h3>
          <StatusBadge status={enrolment.status} />
        </div>
        {enrolment.organization ? <p className="meta">{enrolment.organization.name}</p> : null}
        {enrolment.renewsCertificateExpiresOn && enrolment.status !== 'withdrawn' ? (
          <p className="renewal-line">
            <Icon name="clock" size={16} /> {t('office3.home.renewal', { date: fmt.date(enrolment.renewsCertificateExpiresOn) })}
          </p>
        ) : null}
        <ProgressBar id={`progress-${enrolment.id}`} value={enrolment.progressPercent} label={t('home.progress')} />
        {enrolment.dueOn && enrolment.status === 'active' ? (
          <p className={overdue ? 'due overdue' : 'due'}>
            <Icon name={overdue ? 'warning' : 'clock'} size={16} />
            {t('home.due', { date: fmt.date(enrolment.dueOn) })}
            {overdue ? ` · ${t('home.overdue')}` : ''}
          </p>
        ) : null}
        {required !== null && enrolment.status === 'active' ? (
          <p className="meta icon-text">
            <Icon name="clock" size={16} />
            {t('hours.studiedOfRequired', { studied: fmt.minutes(studied), required: fmt.minutes(required) })}
          </p>
        ) : null}
        {enrolment.requirementsNotMet === 'learning-time' ? (
          <p className="meta" role="status">
            <strong>{t('hours.remainingShort', { remaining: fmt.minutes(enrolment.learningTime.remainingMinutes) })}</strong>
          </p>
        ) : null}
        {enrolment.completedAt ? <p className="meta">{t('home.completedOn', { date: fmt.date(enrolment.completedAt) })}</p> : null}
        <div className="card-actions">
          {enrolment.status !== 'withdrawn' ? (
            <Link className="button" to={`/learn/${enrolment.id}`}>
              {action}
              <span className="visually-hidden">: {enrolment.course.title}</span>
            </Link>
          ) : null}
          {enrolment.certificate?.status === 'valid' ? (
            <Link className="button button-secondary" to="/certificates">
              {t('home.certificate')}
              <span className="visually-hidden">: {enrolment.course.title}</span>
            </Link>
          ) : null}
        </div>
      </article>
    </li>
  );
}
