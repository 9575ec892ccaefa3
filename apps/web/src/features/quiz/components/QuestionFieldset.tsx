import { useTranslation } from 'react-i18next';
import type { QuizQuestion } from '../../../api';
import { Icon } from '../../../components/Icon';

interface Props {
  question: QuizQuestion;
  number: number;
  total: number;
  selected: string[];
  missing: boolean;
  onChange: (optionIds: string[]) => void;
}

/** One choice question: radio buttons (single choice, true/false) or checkboxes (multiple choice) in a fieldset. */
export function QuestionFieldset({ question, number, total, selected, missing, onChange }: Props) {
  const { t } = useTranslation();
  const base = `q-${question.id}`;
  const single = question.kind === 'single' || question.kind === 'true-false';
  return (
    <fieldset id={base} className={missing ? 'question question-missing' : 'question'} aria-describedby={`${base}-hint${missing ? ` ${base}-error` : ''}`}>
      <legend>
        <span className="question-number">{t('quiz.questionNumber', { number, total })}</span>
        <span className="question-prompt">{question.prompt}</span>
      </legend>
      <p id={`${base}-hint`} className="hint">
        {single ? t('quiz.chooseOne') : t('quiz.chooseAll')}
      </p>
      {missing ? (
        <p id={`${base}-error`} className="field-error">
          <Icon name="warning" size={16} />
          {t('quiz.answerThis')}
        </p>
      ) : null}
      <ul className="options">
        {question.options.map((option) => {
          const id = `${base}-${option.id}`;
          const checked = selected.includes(option.id);
          return (
            <li key={option.id} className="option">
              <input
                id={id}
                type={single ? 'radio' : 'checkbox'}
                name={base}
                value={option.id}
                checked={checked}
                onChange={(e) => {
                  if (single) onChange([option.id]);
                  else onChange(e.target.checked ? [...selected, option.id] : selected.filter((o) => o !== option.id));
                }}
              />
              <label htmlFor={id}>{option.text}</label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
