import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuizQuestion } from '../../../api';
import { Icon } from '../../../components/Icon';

interface KindProps {
  question: QuizQuestion;
  number: number;
  total: number;
  value: string[];
  missing: boolean;
  onChange: (value: string[]) => void;
}

function Legend({ question, number, total }: Pick<KindProps, 'question' | 'number' | 'total'>) {
  const { t } = useTranslation();
  return (
    <legend>
      <span className="question-number">{t('quiz.questionNumber', { number, total })}</span>
      <span className="question-prompt">{question.prompt}</span>
    </legend>
  );
}

function Missing({ id, show }: { id: string; show: boolean }) {
  const { t } = useTranslation();
  return show ? (
    <p id={id} className="field-error">
      <Icon name="warning" size={16} />
      {t('quiz.answerThis')}
    </p>
  ) : null;
}

/**
 * Ordering: the options as a list with "move up" and "move down" buttons (keyboard and screen
 * readers; no drag-and-drop needed). The value is every option id in the learner's order.
 */
export function OrderingQuestion({ question, number, total, value, missing, onChange }: KindProps) {
  const { t } = useTranslation();
  const base = `q-${question.id}`;
  const [announcement, setAnnouncement] = useState('');
  const order = value.length === question.options.length ? value : question.options.map((o) => o.id);
  const textOf = (id: string) => question.options.find((o) => o.id === id)?.text ?? '';
  const move = (from: number, to: number) => {
    const next = [...order];
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item!);
    onChange(next);
    setAnnouncement(t('authoring2.learner.moved', { text: textOf(item!), position: to + 1, total: next.length }));
    window.requestAnimationFrame(() => document.getElementById(`${base}-${item}-${to < from ? 'up' : 'down'}`)?.focus());
  };
  return (
    <fieldset id={base} className={missing ? 'question question-missing' : 'question'} aria-describedby={`${base}-hint`}>
      <Legend question={question} number={number} total={total} />
      <p id={`${base}-hint`} className="hint">{t('authoring2.learner.orderHint')}</p>
      <Missing id={`${base}-error`} show={missing} />
      <ol className="ordering-list">
        {order.map((id, at) => (
          <li key={id} className="ordering-item">
            <span className="ordering-text">{textOf(id)}</span>
            <span className="ordering-buttons">
              <button
                id={`${base}-${id}-up`}
                type="button"
                className="button button-secondary button-small"
                aria-disabled={at === 0 ? true : undefined}
                onClick={() => { if (at > 0) move(at, at - 1); }}
              >
                {t('authoring2.learner.moveUp')}
                <span className="visually-hidden">: {textOf(id)}</span>
              </button>
              <button
                id={`${base}-${id}-down`}
                type="button"
                className="button button-secondary button-small"
                aria-disabled={at === order.length - 1 ? true : undefined}
                onClick={() => { if (at < order.length - 1) move(at, at + 1); }}
              >
                {t('authoring2.learner.moveDown')}
                <span className="visually-hidden">: {textOf(id)}</span>
              </button>
            </span>
          </li>
        ))}
      </ol>
      <p className="visually-hidden" aria-live="polite">{announcement}</p>
    </fieldset>
  );
}

/** Matching: one labelled select per option, offering the shuffled matches. Value: `optionId=choiceId` entries. */
export function MatchingQuestion({ question, number, total, value, missing, onChange }: KindProps) {
  const { t } = useTranslation();
  const base = `q-${question.id}`;
  const chosen = new Map(value.map((entry) => entry.split('=') as [string, string]));
  const set = (optionId: string, choiceId: string) => {
    const next = new Map(chosen);
    if (choiceId) next.set(optionId, choiceId);
    else next.delete(optionId);
    onChange([...next].map(([o, c]) => `${o}=${c}`));
  };
  return (
    <fieldset id={base} className={missing ? 'question question-missing' : 'question'} aria-describedby={`${base}-hint`}>
      <Legend question={question} number={number} total={total} />
      <p id={`${base}-hint`} className="hint">{t('authoring2.learner.matchHint')}</p>
      <Missing id={`${base}-error`} show={missing} />
      {question.options.map((option) => (
        <div key={option.id} className="field matching-row">
          <label htmlFor={`${base}-${option.id}`}>{option.text}</label>
          <select id={`${base}-${option.id}`} value={chosen.get(option.id) ?? ''} onChange={(e) => { set(option.id, e.target.value); }}>
            <option value="">{t('authoring2.learner.choose')}</option>
            {(question.choices ?? []).map((choice) => (
              <option key={choice.id} value={choice.id}>{choice.text}</option>
            ))}
          </select>
        </div>
      ))}
    </fieldset>
  );
}

/** Short text: one text field; the value is `[text]`. */
export function ShortTextQuestion({ question, number, total, value, missing, onChange }: KindProps) {
  const { t } = useTranslation();
  const base = `q-${question.id}`;
  return (
    <fieldset id={base} className={missing ? 'question question-missing' : 'question'}>
      <Legend question={question} number={number} total={total} />
      <Missing id={`${base}-error`} show={missing} />
      <div className="field">
        <label htmlFor={`${base}-text`}>{t('authoring2.learner.yourAnswer')}</label>
        <input
          id={`${base}-text`}
          type="text"
          maxLength={500}
          autoComplete="off"
          value={value[0] ?? ''}
          aria-describedby={missing ? `${base}-error` : undefined}
          onChange={(e) => { onChange(e.target.value === '' ? [] : [e.target.value]); }}
        />
      </div>
    </fieldset>
  );
}

/** Whether a question counts as answered in the form (ordering always is: its order is an answer). */
export function isAnswered(question: QuizQuestion, value: string[] | undefined): boolean {
  if (question.kind === 'ordering') return true;
  if (question.kind === 'matching') return (value?.length ?? 0) === question.options.length;
  if (question.kind === 'short-text') return (value?.[0] ?? '').trim() !== '';
  return (value?.length ?? 0) > 0;
}

/** The submitted answer for a question from the form's value. */
export function answerOf(question: QuizQuestion, value: string[] | undefined) {
  const v = value ?? [];
  switch (question.kind) {
    case 'ordering':
      return { questionId: question.id, optionIds: v.length === question.options.length ? v : question.options.map((o) => o.id) };
    case 'matching':
      return {
        questionId: question.id,
        optionIds: [],
        pairs: v.map((entry) => {
          const [optionId = '', choiceId = ''] = entry.split('=');
          return { optionId, choiceId };
        }),
      };
    case 'short-text':
      return { questionId: question.id, optionIds: [], text: v[0] ?? '' };
    default:
      return { questionId: question.id, optionIds: v };
  }
}
