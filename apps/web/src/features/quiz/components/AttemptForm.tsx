import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attempt, SubmissionResult } from '../../../api';
import { isApiError } from '../../../api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { INTL_TAGS } from '../../../i18n/format';
import { Icon } from '../../../components/Icon';
import { submitAttempt } from '../api/quiz';
import { attemptStorage, type Answers } from '../hooks/attemptStorage';
import { QuestionFieldset } from './QuestionFieldset';
import { answerOf, isAnswered, MatchingQuestion, OrderingQuestion, ShortTextQuestion } from './QuestionKinds';

interface Props {
  attempt: Attempt;
  onSubmitted: (result: SubmissionResult) => void;
  /** The attempt was submitted elsewhere (another tab): forget it. */
  onGone: () => void;
}

export function AttemptForm({ attempt, onSubmitted, onGone }: Props) {
  const { t, i18n } = useTranslation();
  const [answers, setAnswers] = useState<Answers>(() => attemptStorage.answers(attempt.id));
  const [showMissing, setShowMissing] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  useEffect(() => { attemptStorage.saveAnswers(attempt.id, answers); }, [attempt.id, answers]);

  const submission = useMutation({
    mutationFn: () =>
      submitAttempt(attempt.id, {
        answers: attempt.questions.map((q) => answerOf(q, answers[q.id])),
      }),
    onSuccess: onSubmitted,
    onError: (error) => {
      if (isApiError(error, 409) || isApiError(error, 404)) onGone();
    },
  });

  const missing = attempt.questions.filter((q) => !isAnswered(q, answers[q.id]));
  const total = attempt.questions.length;

  const submit = () => {
    if (submission.isPending) return;
    if (missing.length) {
      setShowMissing(true);
      window.requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    submission.mutate();
  };

  return (
    <form
      className="attempt"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <p className="hint">{t('quiz.savedLocally')}</p>
      {showMissing && missing.length ? (
        <div className="alert alert-error" role="alert" tabIndex={-1} ref={summaryRef}>
          <Icon name="warning" />
          <div>
            <p>{t('quiz.unanswered', { count: missing.length })}</p>
            <ul>
              {missing.map((q) => (
                <li key={q.id}>
                  <a href={`#q-${q.id}`}>{t('quiz.questionNumber', { number: attempt.questions.indexOf(q) + 1, total })}</a>
                </li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
      {attempt.expiresAt ? <p className="hint">{t('authoring2.learner.timeLimit', { time: new Date(attempt.expiresAt).toLocaleTimeString(INTL_TAGS[i18n.language] ?? i18n.language, { hour: '2-digit', minute: '2-digit' }) })}</p> : null}
      {attempt.questions.map((question, index) => {
        const props = {
          question,
          number: index + 1,
          total,
          value: answers[question.id] ?? [],
          missing: showMissing && !isAnswered(question, answers[question.id]),
          onChange: (value: string[]) => { setAnswers((old) => ({ ...old, [question.id]: value })); },
        };
        if (question.kind === 'ordering') return <OrderingQuestion key={question.id} {...props} />;
        if (question.kind === 'matching') return <MatchingQuestion key={question.id} {...props} />;
        if (question.kind === 'short-text') return <ShortTextQuestion key={question.id} {...props} />;
        return <QuestionFieldset key={question.id} {...props} selected={props.value} />;
      })}
      {submission.error ? (
        // The answers were refused as they stand (400): say so in the learner's language, not the server's.
        isApiError(submission.error, 400) ? (
          <div className="alert alert-error" role="alert">
            <Icon name="warning" />
            <p>{t('learnerLanguage.quizAnswersRefused')}</p>
          </div>
        ) : (
          <ErrorMessage error={submission.error} />
        )
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button" aria-disabled={submission.isPending ? true : undefined}>
          {submission.isPending ? t('quiz.submitting') : t('quiz.submit')}
        </button>
        <span className="hint">{t('quiz.answeredCount', { answered: total - missing.length, total })}</span>
      </div>
    </form>
  );
}
