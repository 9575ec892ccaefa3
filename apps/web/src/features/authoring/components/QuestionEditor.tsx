import { useFieldArray, type Control, type FieldErrors, type UseFormRegister, type UseFormSetValue, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../../components/Icon';
import { SelectField, TextArea, TextField, useFieldErrorText } from '../../../components/form';
import type { QuestionKindValue, QuizValues } from '../hooks/quizForm';

interface Props {
  index: number;
  count: number;
  control: Control<QuizValues>;
  register: UseFormRegister<QuizValues>;
  setValue: UseFormSetValue<QuizValues>;
  errors: FieldErrors<QuizValues>;
  onRemove: () => void;
}

/**
 * One question: prompt, kind, then per kind the options with the correct ones marked and their
 * feedback (choice kinds), the options in their correct order with move buttons (ordering), each
 * option with its match (matching), or the accepted answers (short text); tags for the draws.
 */
export function QuestionEditor({ index, count, control, register, setValue, errors, onRemove }: Props) {
  const { t } = useTranslation();
  const errorOf = useFieldErrorText();
  const options = useFieldArray({ control, name: `questions.${index}.options` });
  const kind = useWatch({ control, name: `questions.${index}.kind` });
  const values = useWatch({ control, name: `questions.${index}.options` });
  const qErrors = errors.questions?.[index];
  const optionsError = errorOf(qErrors?.options?.root ?? (qErrors?.options?.message ? { type: qErrors.options.type ?? 'validate', message: qErrors.options.message } : undefined));
  const base = `question-${index}`;

  const choice = kind === 'single' || kind === 'multiple' || kind === 'true-false';
  const oneCorrect = kind === 'single' || kind === 'true-false';
  const changeKind = (next: QuestionKindValue) => {
    // true/false: two options, worded in the author's language when still empty
    if (next === 'true-false') {
      const first = values[0] ?? { text: '', correct: true, match: '', feedback: '' };
      const second = values[1] ?? { text: '', correct: false, match: '', feedback: '' };
      setValue(`questions.${index}.options`, [
        { ...first, text: first.text || t('authoring2.editor.true'), correct: first.correct || !second.correct },
        { ...second, text: second.text || t('authoring2.editor.false'), correct: !(first.correct || !second.correct) },
      ], { shouldDirty: true });
    }
  };

  const markCorrect = (at: number, checked: boolean) => {
    if (oneCorrect) {
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
      <SelectField
        id={`${base}-kind`}
        label={t('authoring.quiz.kind')}
        {...register(`questions.${index}.kind`, { onChange: (e: { target: { value: QuestionKindValue } }) => { changeKind(e.target.value); } })}
      >
        <option value="single">{t('authoring.quiz.single')}</option>
        <option value="multiple">{t('authoring.quiz.multiple')}</option>
        <option value="true-false">{t('authoring2.editor.kindTrueFalse')}</option>
        <option value="ordering">{t('authoring2.editor.kindOrdering')}</option>
        <option value="matching">{t('authoring2.editor.kindMatching')}</option>
        <option value="short-text">{t('authoring2.editor.kindShortText')}</option>
      </SelectField>
      <TextField
        id={`${base}-tags`}
        label={t('authoring2.editor.tags')}
        hint={t('authoring2.editor.tagsHint')}
        optional
        error={errorOf(qErrors?.tags)}
        {...register(`questions.${index}.tags`)}
      />
      {kind === 'short-text' ? (
        <TextArea
          id={`${base}-accepted`}
          label={t('authoring2.editor.acceptedAnswers')}
          hint={t('authoring2.editor.acceptedHint')}
          rows={3}
          error={errorOf(qErrors?.acceptedAnswers)}
          {...register(`questions.${index}.acceptedAnswers`)}
        />
      ) : (
      <fieldset aria-describedby={optionsError ? `${base}-options-error` : undefined}>
        <legend>{t('authoring.quiz.options')}</legend>
        <p className="hint">
          {kind === 'ordering'
            ? t('authoring2.editor.orderingHint')
            : kind === 'matching'
              ? t('authoring2.editor.matchingHint')
              : oneCorrect ? t('authoring.quiz.markOne') : t('authoring.quiz.markAll')}
        </p>
        {options.fields.map((field, at) => (
          <div key={field.id} className="option-row">
            <TextField
              id={`${base}-option-${at}`}
              label={t('authoring.quiz.optionNumber', { number: at + 1 })}
              error={errorOf(qErrors?.options?.[at]?.text)}
              {...register(`questions.${index}.options.${at}.text`)}
            />
            {kind === 'matching' ? (
              <TextField
                id={`${base}-option-${at}-match`}
                label={t('authoring2.editor.matchNumber', { number: at + 1 })}
                error={errorOf(qErrors?.options?.[at]?.match)}
                {...register(`questions.${index}.options.${at}.match`)}
              />
            ) : null}
            {choice ? (
            <div className="field field-checkbox">
              <input
                id={`${base}-option-${at}-correct`}
                type={oneCorrect ? 'radio' : 'checkbox'}
                name={`${base}-correct`}
                checked={values[at]?.correct ?? false}
                onChange={(e) => { markCorrect(at, e.target.checked); }}
              />
              <label htmlFor={`${base}-option-${at}-correct`}>
                {t('authoring.quiz.correct')}
                <span className="visually-hidden"> ({t('authoring.quiz.optionNumber', { number: at + 1 })})</span>
              </label>
            </div>
            ) : null}
            {choice ? (
              <TextField
                id={`${base}-option-${at}-feedback`}
                label={t('authoring2.editor.optionFeedback', { number: at + 1 })}
                optional
                error={errorOf(qErrors?.options?.[at]?.feedback)}
                {...register(`questions.${index}.options.${at}.feedback`)}
              />
            ) : null}
            {kind === 'ordering' ? (
              <span className="ordering-buttons">
                <button type="button" className="button button-secondary button-small" aria-disabled={at === 0 ? true : undefined}
                  onClick={() => { if (at > 0) options.move(at, at - 1); }}>
                  {t('authoring2.learner.moveUp')}
                  <span className="visually-hidden">: {t('authoring.quiz.optionNumber', { number: at + 1 })}</span>
                </button>
                <button type="button" className="button button-secondary button-small" aria-disabled={at === options.fields.length - 1 ? true : undefined}
                  onClick={() => { if (at < options.fields.length - 1) options.move(at, at + 1); }}>
                  {t('authoring2.learner.moveDown')}
                  <span className="visually-hidden">: {t('authoring.quiz.optionNumber', { number: at + 1 })}</span>
                </button>
              </span>
            ) : null}
            <button type="button" className="button button-secondary button-small" disabled={options.fields.length <= 2 || kind === 'true-false'} onClick={() => { options.remove(at); }}>
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
        {kind === 'true-false' ? null : (
          <button type="button" className="button button-secondary button-small" onClick={() => { options.append({ text: '', correct: false, match: '', feedback: '' }); }}>
            {t('authoring.quiz.addOption')}
          </button>
        )}
      </fieldset>
      )}
      <button type="button" className="button button-secondary button-small" disabled={count <= 1} onClick={onRemove}>
        {t('authoring.quiz.removeQuestion', { number: index + 1 })}
      </button>
    </fieldset>
  );
}
