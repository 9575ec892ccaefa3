import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubmissionResult } from '../../../api';
import { Icon } from '../../../components/Icon';
import { useFormat } from '../../../i18n/format';

/** The attempts-left sentence; takes the texts rather than `t` (whose full type is too deep to pass around). */
export function attemptsLeftText(texts: { unlimited: string; left: (count: number) => string }, attemptsLeft: number | null): string {
  return attemptsLeft === null ? texts.unlimited : texts.left(attemptsLeft);
}

type Review = NonNullable<SubmissionResult['review']>;

/** The learner's answer to one question, per kind, with the correct one when revealed and the per-option feedback. */
function ReviewAnswer({ q }: { q: Review[number] }) {
  const { t } = useTranslation();
  if (q.kind === 'short-text') {
    return (
      <>
        <p>{t('authoring2.review.yourText')}: {q.text ? <q>{q.text}</q> : '—'}</p>
        {q.acceptedAnswers ? <p>{t('authoring2.review.accepted')}: {q.acceptedAnswers.join(' · ')}</p> : null}
      </>
    );
  }
  if (q.kind === 'matching') {
    const choice = new Map((q.choices ?? []).map((c) => [c.id, c.text]));
    const pairOf = new Map((q.pairs ?? []).map((p) => [p.optionId, p]));
    return (
      <ul className="review-options">
        {q.options.map((o) => {
          const pair = pairOf.get(o.id);
          return (
            <li key={o.id} className={pair?.correct === true ? 'review-option review-option-correct' : 'review-option'}>
              {o.text} → {pair ? choice.get(pair.choiceId) : '—'}
              {pair?.correct === true ? <span className="badge badge-pass"> {t('quiz.reviewRight')}</span> : null}
              {pair?.correct === false ? <span className="badge"> {t('quiz.reviewWrong')}</span> : null}
            </li>
          );
        })}
      </ul>
    );
  }
  if (q.kind === 'ordering') {
    const text = new Map(q.options.map((o) => [o.id, o.text]));
    return (
      <>
        <p>{t('authoring2.review.yourOrder')}</p>
        <ol className="review-options">
          {q.options.map((o) => <li key={o.id} className="review-option">{o.text}</li>)}
        </ol>
        {q.correctOrder ? (
          <>
            <p>{t('authoring2.review.correctOrder')}</p>
            <ol className="review-options">
              {q.correctOrder.map((id) => <li key={id} className="review-option review-option-correct">{text.get(id)}</li>)}
            </ol>
          </>
        ) : null}
      </>
    );
  }
  return (
    <ul className="review-options">
      {q.options.map((o) => (
        <li key={o.id} className={o.correct === true ? 'review-option review-option-correct' : 'review-option'}>
          {o.text}
          {o.chosen ? <span className="badge"> {t('quiz.reviewYourChoice')}</span> : null}
          {o.correct === true ? <span className="badge badge-pass"> {t('quiz.reviewCorrectOption')}</span> : null}
          {o.feedback ? <span className="review-option-feedback"> — {o.feedback}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** Per question: right or wrong, the learner's choices, the correct options when revealed, the author's feedback. */
function QuizReview({ review, answersRevealed, revealNever }: { review: Review; answersRevealed: boolean; revealNever: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="quiz-review" aria-labelledby="quiz-review-title">
      <h3 id="quiz-review-title">{t('quiz.reviewTitle')}</h3>
      {answersRevealed ? null : <p className="hint">{revealNever ? t('quiz.reviewAnswersNever') : t('quiz.reviewAnswersHidden')}</p>}
      <ol className="quiz-review-list">
        {review.map((q, index) => (
          <li key={q.id} className={q.correct ? 'review-item review-right' : 'review-item review-wrong'}>
            <p className="review-question">
              <span className="visually-hidden">{t('quiz.questionNumber', { number: index + 1, total: review.length })}: </span>
              {q.prompt}
            </p>
            <p className={q.correct ? 'status-line status-pass' : 'status-line status-fail'}>
              <Icon name={q.correct ? 'check' : 'cross'} />{' '}
              {q.correct ? t('quiz.reviewRight') : q.answered ? t('quiz.reviewWrong') : t('quiz.reviewUnanswered')}
            </p>
            <ReviewAnswer q={q} />
            {q.feedback ? (
              <p className="review-feedback">
                <strong>{t('quiz.reviewFeedback')}:</strong> {q.feedback}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Pass or fail, written out, with the score, the pass mark, the attempts left and the review. */
export function QuizResult({ result, passMark }: { result: SubmissionResult; passMark: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  // Correct answers hidden although passed or exhausted: the author chose never to show them.
  const revealNever = !result.answersRevealed && (result.passed || result.attemptsLeft === 0);
  return (
    <section className={result.passed ? 'result result-pass' : 'result result-fail'} aria-labelledby="quiz-result">
      <h2 id="quiz-result" ref={heading} tabIndex={-1}>
        <Icon name={result.passed ? 'check' : 'cross'} size={28} />
        {result.passed ? t('quiz.passed') : t('quiz.failed')}
      </h2>
      <p className="result-score">
        {t('quiz.score', { score: fmt.percent(result.scorePercent), passMark: fmt.percent(passMark) })}
      </p>
      {result.expired ? <p role="status">{t('authoring2.review.expired')}</p> : null}
      {result.passed ? null : <p>{attemptsLeftText({ unlimited: t('quiz.attemptsUnlimited'), left: (count) => t('quiz.attemptsLeft', { count }) }, result.attemptsLeft)}</p>}
      {result.review && result.review.length > 0 ? (
        <QuizReview review={result.review} answersRevealed={result.answersRevealed === true} revealNever={revealNever} />
      ) : null}
    </section>
  );
}
