import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { SubmissionResult } from '../../../api';
import { isApiError } from '../../../api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Icon } from '../../../components/Icon';
import { Loading } from '../../../components/Loading';
import { PageHeading } from '../../../components/PageHeading';
import { useFormat } from '../../../i18n/format';
import { usePageTitle } from '../../../lib/usePageTitle';
import { myEnrolmentsKey } from '../../../api/enrolments';
import { enrolmentKey } from '../../../api/learning';
import { Pager } from '../../../components/Pager';
import type { Step } from '../../../lib/steps';
import { usePlayer } from '../../../lib/useEnrolment';
import { attemptKey, fetchAttempt, startAttempt } from '../api/quiz';
import { attemptStorage } from '../hooks/attemptStorage';
import { AttemptForm } from './AttemptForm';
import { QuizResult } from './QuizResult';

export function QuizView() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const queryClient = useQueryClient();
  const { quizId = '' } = useParams();
  const { enrolment, steps } = usePlayer();
  const step = steps.find((s): s is Extract<Step, { kind: 'quiz' }> => s.kind === 'quiz' && s.id === quizId);
  const quiz = enrolment.course.modules.flatMap((m) => m.quizzes).find((q) => q.id === quizId);
  const progress = enrolment.quizzes.find((q) => q.quizId === quizId);
  usePageTitle(quiz ? t('player.quizTitle', { title: quiz.title }) : t('quiz.quiz'));

  const [attemptId, setAttemptId] = useState<string | null>(() => attemptStorage.attemptId(enrolment.id, quizId));
  const [result, setResult] = useState<SubmissionResult | null>(null);

  const attempt = useQuery({
    queryKey: attemptKey(attemptId ?? ''),
    queryFn: () => fetchAttempt(attemptId ?? ''),
    enabled: attemptId !== null,
    staleTime: Infinity,
    retry: false,
  });

  const forget = () => {
    attemptStorage.forget(enrolment.id, quizId, attemptId);
    setAttemptId(null);
  };

  // The stored attempt is over (submitted in another tab, or gone): start from the quiz page.
  const attemptGone = attempt.isError && isApiError(attempt.error) && [403, 404, 409, 410].includes(attempt.error.status);
  useEffect(() => {
    if (attemptGone) {
      attemptStorage.forget(enrolment.id, quizId, attemptId);
      setAttemptId(null);
    }
  }, [attemptGone, enrolment.id, quizId, attemptId]);

  // Submitted meanwhile (another tab): the server answers with the result instead of the questions.
  const fetched = attempt.data;
  const open = fetched && 'questions' in fetched ? fetched : undefined;
  useEffect(() => {
    if (fetched && !('questions' in fetched)) {
      attemptStorage.forget(enrolment.id, quizId, fetched.id);
      setAttemptId(null);
      setResult({
        scorePercent: fetched.scorePercent,
        passed: fetched.passed,
        attemptsLeft: fetched.attemptsLeft,
        expired: fetched.expired,
        answersRevealed: fetched.answersRevealed,
        review: fetched.review,
      });
    }
  }, [fetched, enrolment.id, quizId]);

  const start = useMutation({
    mutationFn: () => startAttempt(enrolment.id, quizId),
    onSuccess: (created) => {
      queryClient.setQueryData(attemptKey(created.id), created);
      attemptStorage.rememberAttempt(enrolment.id, quizId, created.id);
      setResult(null);
      setAttemptId(created.id);
    },
    // Refused (no attempts left, the enrolment is no longer active): refresh the facts, which the
    // page then explains in the learner's language instead of the server's sentence.
    onError: (error) => {
      if (isApiError(error, 409)) {
        void queryClient.invalidateQueries({ queryKey: enrolmentKey(enrolment.id) });
        void queryClient.invalidateQueries({ queryKey: myEnrolmentsKey });
      }
    },
  });

  const onSubmitted = (submitted: SubmissionResult) => {
    attemptStorage.forget(enrolment.id, quizId, attemptId);
    setAttemptId(null);
    setResult(submitted);
    void queryClient.invalidateQueries({ queryKey: enrolmentKey(enrolment.id) });
    void queryClient.invalidateQueries({ queryKey: myEnrolmentsKey });
  };

  if (!quiz || !step) {
    return (
      <div>
        <PageHeading>{t('quiz.missing')}</PageHeading>
        <Link to={`/learn/${enrolment.id}`}>{t('player.resume')}</Link>
      </div>
    );
  }

  const attemptsLeft = result ? result.attemptsLeft : (progress?.attemptsLeft ?? quiz.maxAttempts ?? null);
  const passed = result?.passed ?? progress?.passed ?? false;
  const canStart = enrolment.status === 'active' && attemptsLeft !== 0;
  const inAttempt = attemptId !== null && open !== undefined;

  return (
    <div className="quiz">
      <p className="eyebrow">{step.module.title}</p>
      <PageHeading>{t('player.quizTitle', { title: quiz.title })}</PageHeading>

      <div aria-live="polite" className="live">
        {result ? <QuizResult result={result} passMark={quiz.passMark} /> : null}
      </div>

      {attemptId !== null && attempt.isPending ? <Loading label={t('quiz.resuming')} /> : null}
      {attempt.isError && !attemptGone ? <ErrorMessage error={attempt.error} onRetry={() => void attempt.refetch()} /> : null}

      {inAttempt ? (
        <AttemptForm key={open.id} attempt={open} onSubmitted={onSubmitted} onGone={forget} />
      ) : (
        <>
          <dl className="facts">
            <div>
              <dt>{t('quiz.passMark')}</dt>
              <dd>{fmt.percent(quiz.passMark)}</dd>
            </div>
            <div>
              <dt>{t('quiz.questions')}</dt>
              <dd>{fmt.number(quiz.questionCount)}</dd>
            </div>
            <div>
              <dt>{t('quiz.attempts')}</dt>
              <dd>{attemptsLeft === null ? t('quiz.unlimited') : fmt.number(attemptsLeft)}</dd>
            </div>
            {progress?.bestScore !== null && progress?.bestScore !== undefined ? (
              <div>
                <dt>{t('quiz.bestScore')}</dt>
                <dd>{fmt.percent(progress.bestScore)}</dd>
              </div>
            ) : null}
          </dl>
          {passed && !result ? (
            <p className="status-line status-pass">
              <Icon name="check" /> {t('quiz.alreadyPassed')}
            </p>
          ) : null}
          {start.error ? (
            isApiError(start.error, 409) ? (
              <p className="status-line status-fail" role="alert">
                <Icon name="cross" /> {t('learnerLanguage.quizStartRefused')}
              </p>
            ) : (
              <ErrorMessage error={start.error} />
            )
          ) : null}
          {canStart && attemptId === null ? (
            <div className="form-actions">
              <button
                type="button"
                className={passed ? 'button button-secondary' : 'button'}
                aria-disabled={start.isPending ? true : undefined}
                onClick={() => {
                  if (!start.isPending) start.mutate();
                }}
              >
                {result || progress?.attemptsUsed ? t('quiz.tryAgain') : t('quiz.start')}
              </button>
            </div>
          ) : null}
          {attemptsLeft === 0 && !passed ? (
            <p className="status-line status-fail">
              <Icon name="cross" /> {t('quiz.noAttemptsLeft')}
            </p>
          ) : null}
          <Pager steps={steps} current={step.key} emphasiseNext={passed} />
        </>
      )}
    </div>
  );
}
