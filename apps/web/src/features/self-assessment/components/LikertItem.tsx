import { useTranslation } from 'react-i18next';
import { Icon } from '../../../components/Icon';
import type { SelfAssessmentItem } from '../hooks/groupByScale';

interface Props {
  /** The instrument's language (the course's), which may differ from the interface's. */
  lang?: string | undefined;
  item: SelfAssessmentItem;
  number: number;
  points: { value: number; label: string }[];
  value: number | undefined;
  missing: boolean;
  onChange: (value: number) => void;
}

/** One Likert item: a radio group in a fieldset, the statement as its legend. Arrow keys move along the scale. */
export function LikertItem({ lang, item, number, points, value, missing, onChange }: Props) {
  const { t } = useTranslation();
  const base = `sa-${item.id}`;
  return (
    <fieldset
      id={base}
      className={missing ? 'likert question-missing' : 'likert'}
      lang={lang}
      aria-describedby={missing ? `${base}-error` : undefined}
    >
      <legend>
        <span className="question-number">{number}.</span> {item.text}
      </legend>
      {missing ? (
        <p id={`${base}-error`} className="field-error">
          <Icon name="warning" size={16} />
          {t('selfAssessment.answerThis')}
        </p>
      ) : null}
      <div className="likert-options">
        {points.map((point) => {
          const id = `${base}-${point.value}`;
          return (
            <div key={point.value} className="likert-option">
              <input
                id={id}
                type="radio"
                name={base}
                value={point.value}
                checked={value === point.value}
                onChange={() => { onChange(point.value); }}
              />
              <label htmlFor={id}>{point.label}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
