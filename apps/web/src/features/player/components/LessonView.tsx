import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { EnrolmentDetail } from '../../../api';
import { isApiError } from '../../../api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Icon } from '../../../components/Icon';
import { Loading } from '../../../components/Loading';
import { PageHeading } from '../../../components/PageHeading';
import { useFormat } from '../../../i18n/format';
import { usePageTitle } from '../../../lib/usePageTitle';
import { myEnrolmentsKey } from '../../../api/enrolments';
import { completeLesson, enrolmentKey, fetchLesson, lessonKey } from '../../../api/learning';
import { usePlayer } from '../../../lib/useEnrolment';
import { Pager } from '../../../components/Pager';
import { LessonContent } from '../../../components/LessonContent';

export function LessonView() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const queryClient = useQueryClient();
  const { lessonId = '' } = useParams();
  const { enrolment, steps } = usePlayer();
  const step = steps.find((s) => s.kind === 'lesson' && s.id === lessonId);
  const lesson = useQuery({ queryKey: lessonKey(lessonId), queryFn: () => fetchLesson(lessonId), enabled: !!step });
  usePageTitle(lesson.data?.title ?? (step?.kind === 'lesson' ? step.title : t('player.lesson')));

  const done = step?.done ?? false;
  const complete = useMutation({
    mutationFn: () => completeLesson(enrolment.id, lessonId),
    onSuccess: (result) => {
      queryClient.setQueryData<EnrolmentDetail>(enrolmentKey(enrolment.id), (old) =>
        old
          ? {
              ...old,
              progressPercent: result.progressPercent,
              status: result.status,
              lastLessonId: lessonId,
              lessons: [
                ...old.lessons.filter((l) => l.lessonId !== lessonId),
                { lessonId, completedAt: new Date().toISOString() },
              ],
            }
          : old,
      );
      void queryClient.invalidateQueries({ queryKey: enrolmentKey(enrolment.id) });
      void queryClient.invalidateQueries({ queryKey: myEnrolmentsKey });
    },
  });

  if (step?.kind !== 'lesson') {
    return (
      <div>
        <PageHeading>{t('player.lessonMissing')}</PageHeading>
        <Link to={`/learn/${enrolment.id}`}>{t('player.resume')}</Link>
      </div>
    );
  }
  if (lesson.isPending) return <Loading />;
  if (lesson.isError) return <ErrorMessage error={lesson.error} onRetry={() => void lesson.refetch()} />;

  const needsPre = isApiError(complete.error, 409);
  const canComplete = enrolment.status === 'active';

  return (
    <article className="lesson" aria-labelledby="lesson-title">
      <p className="eyebrow">{step.module.title}</p>
      <PageHeading id="lesson-title">{lesson.data.title}</PageHeading>
      {lesson.data.minutes ? (
        <p className="meta icon-text">
          <Icon name="clock" size={16} />
          {t('player.estimated', { time: fmt.minutes(lesson.data.minutes) })}
        </p>
      ) : null}
      {/* bodyHtml is rendered from Markdown and sanitised by the server (sanitize-html). */}
      <LessonContent title={lesson.data.title} videoUrl={lesson.data.videoUrl} videoText={lesson.data.videoText} bodyHtml={lesson.data.bodyHtml} lang={enrolment.course.locale} />

      <div className="lesson-actions">
        {canComplete || done ? (
          <button
            type="button"
            className={done ? 'button button-done' : 'button'}
            aria-disabled={done || complete.isPending ? true : undefined}
            onClick={() => {
              if (!done && !complete.isPending) complete.mutate();
            }}
          >
            <Icon name={done ? 'check' : 'circle'} />
            {done ? t('player.completed') : complete.isPending ? t('common.saving') : t('player.markComplete')}
          </button>
        ) : null}
        <div aria-live="polite" aria-atomic="true" className="live">
          {complete.isSuccess ? <p className="status-text">{t('player.savedProgress')}</p> : null}
        </div>
        {complete.error ? (
          needsPre ? (
            <div className="alert alert-error" role="alert">
              <Icon name="warning" />
              <p>
                {t('player.preFirst')} <Link to={`/learn/${enrolment.id}/self-assessment/pre`}>{t('player.preTitle')}</Link>
              </p>
            </div>
          ) : (
            <ErrorMessage error={complete.error} onRetry={() => { complete.mutate(); }} />
          )
        ) : null}
      </div>
      <Pager steps={steps} current={step.key} emphasiseNext={done} />
    </article>
  );
}
