import { useFieldArray, type Control, type FieldErrors, type UseFormRegister, type UseFormSetValue, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../../components/Icon';
import { SelectField, TextArea, TextField, useFieldErrorText } from '../../../components/form';
import type { QuizValues } from '../hooks/quizForm';

interface Props {
  index: number;
  count: number;
  control: Control<QuizValues>;
  register: UseFormRegister<QuizValues>;
  setValue: UseFormSetValue<QuizValues>;
  errors: FieldErrors<QuizValues>;
  onRemove: () => void;
}

/** One question: prompt, single or multiple choice, options with the correct ones marked. */
export function QuestionEditor({ index, count, control, register, setValue, errors, onRemove }: Props) {
  const { t } = useTranslation();
  const errorOf = useFieldErrorText();
  const options = useFieldArray({ control, name: `questions.${index}.options` });
  const kind = useWatch({ control, name: `questions.${index}.kind` });
  const values = useWatch({ control, name: `questions.${index}.options` });
  const qErrors = errors.questions?.[index];
  const optionsError = errorOf(qErrors?.options?.root ?? (qErrors?.options?.message ? { type: qErrors.options.type ?? 'validate', message: qErrors.options.message } : undefined));
  const base = `question-${index}`;

  const markCorrect = (at: number, checked: boolean) => {
    if (kind === 'single') {
      values.forEach((_, i) => { setValue(`questions.${index}.options.${i}.correct`, i === at, { shouldDirty: true }); });
    } else {
      setValue(`questions.${index}.options.${at}.correct`, checked, { shouldDirty: true });
    }
  };

  return (
    <fieldset className="question-editor" id={base}>
      <legend>{t('authoring.quiz.questionNumber', { number: index + 1, total: count })}</legend>
      <TextArea id={`${base}-prompt`} label={t('authoring.quiz.prompt')} rows={2} error={errorOf(qErrors?.prompt)} {...register(`questions.${index}.prompt`)} />
      <TextArea id={`${base}-feedback`} label={t('editions.feedback')} rows={2} error={errorOf(qErrors?.feedback)} {...register(`questions.${index}.feedback`)} />
      <SelectField id={`${base}-kind`} label={t('authoring.quiz.kind')} {...register(`questions.${index}.kind`)}>
        <option value="single">{t('authoring.quiz.single')}</option>
        <option value="multiple">{t('authoring.quiz.multiple')}</option>
      </SelectField>
      <fieldset aria-describedby={optionsError ? `${base}-options-error` : undefined}>
        <legend>{t('authoring.quiz.options')}</legend>
        <p className="hint">{kind === 'single' ? t('authoring.quiz.markOne') : t('authoring.quiz.markAll')}</p>
        {options.fields.map((field, at) => (
          <div key={field.id} className="option-row">
            <TextField
              id={`${base}-option-${at}`}
              label={t('authoring.quiz.optionNumber', { number: at + 1 })}
              error={errorOf(qErrors?.options?.[at]?.text)}
              {...register(`questions.${index}.options.${at}.text`)}
            />
            <div className="field field-checkbox">
              <input
                id={`${base}-option-${at}-correct`}
                type={kind === 'single' ? 'radio' : 'checkbox'}
                name={`${base}-correct`}
                checked={values[at]?.correct ?? false}
                onChange={(e) => { markCorrect(at, e.target.checked); }}
              />
              <label htmlFor={`${base}-option-${at}-correct`}>
                {t('authoring.quiz.correct')}
                <span className="visually-hidden"> ({t('authoring.quiz.optionNumber', { number: at + 1 })})</span>
              </label>
            </div>
            <button type="button" className="button button-secondary button-small" disabled={options.fields.length <= 2} onClick={() => { options.remove(at); }}>
              {t('authoring.quiz.removeOption')}
              <span className="visually-hidden"> {t('authoring.quiz.optionNumber', { number: at + 1 })}</span>
            </button>
          </div>
        ))}
        {optionsError ? (
          <p id={`${base}-options-error`} className="field-error">
            <Icon name="warning" size={16} />
            {optionsError}
          </p>
        ) : null}
        <button type="button" className="button button-secondary button-small" onClick={() => { options.append({ text: '', correct: false }); }}>
          {t('authoring.quiz.addOption')}
        </button>
      </fieldset>
      <button type="button" className="button button-secondary button-small" disabled={count <= 1} onClick={onRemove}>
        {t('authoring.quiz.removeQuestion', { number: index + 1 })}
      </button>
    </fieldset>
  );
}
