import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubmissionResult } from '../../../api';
import { Icon } from '../../../components/Icon';
import { useFormat } from '../../../i18n/format';

export function attemptsLeftText(t: ReturnType<typeof useTranslation>['t'], attemptsLeft: number | null): string {
  return attemptsLeft === null ? t('quiz.attemptsUnlimited') : t('quiz.attemptsLeft', { count: attemptsLeft });
}

/** Pass or fail, written out, with the score, the pass mark and the attempts left. */
export function QuizResult({ result, passMark }: { result: SubmissionResult; passMark: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className={result.passed ? 'result result-pass' : 'result result-fail'} aria-labelledby="quiz-result">
      <h2 id="quiz-result" ref={heading} tabIndex={-1}>
        <Icon name={result.passed ? 'check' : 'cross'} size={28} />
        {result.passed ? t('quiz.passed') : t('quiz.failed')}
      </h2>
      <p className="result-score">
        {t('quiz.score', { score: fmt.percent(result.scorePercent), passMark: fmt.percent(passMark) })}
      </p>
      {result.passed ? null : <p>{attemptsLeftText(t, result.attemptsLeft)}</p>}
    </section>
  );
}
