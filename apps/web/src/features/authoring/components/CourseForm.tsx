import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { CourseBody, CourseDetail } from '../../../api';
import { FormAlert } from '../../../components/FormAlert';
import { CheckboxField, SelectField, TextArea, TextField, useFieldErrorText } from '../../../components/form';
import { StatusMessage } from '../../../components/StatusMessage';
import { currentLocale, LOCALE_NAMES, LOCALES } from '../../../i18n';
import { applyApiErrors } from '../../../lib/applyApiErrors';
import { COURSE_FIELDS, courseBody, courseDefaults, courseSchema, type CourseValues, requiredMinutes } from '../hooks/courseForm';

interface Props {
  course?: CourseDetail;
  submitLabel: string;
  onSubmit: (body: CourseBody) => Promise<unknown>;
}

/** Title, summary, language, accreditation and completion rules of a course. */
export function CourseForm({ course, submitLabel, onSubmit }: Props) {
  const { t } = useTranslation();
  const errorOf = useFieldErrorText();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  const form = useForm<CourseValues>({ resolver: zodResolver(courseSchema), defaultValues: courseDefaults(course, currentLocale()) });
  const errors = form.formState.errors;
  const ratio = course?.minTimeRule.ratio ?? null;
  const hours = Number(form.watch('accreditation.hours'));
  const minMinutes = Number(form.watch('completion.minMinutes') || 0);
  const required = ratio !== null && Number.isFinite(hours) && hours > 0 ? requiredMinutes(hours, ratio) : null;
  const rule =
    ratio === null ? null : (
      <div id="course-min-time-rule">
        <p className="hint">{t('hours.ruleStatement', { percent: Math.round(ratio * 1000) / 10 })}</p>
        {required !== null && minMinutes < required ? (
          <p className="hint" role="status">
            <strong>{t('hours.ruleNotMet', { minutes: required })}</strong>
          </p>
        ) : null}
      </div>
    );

  const submit = form.handleSubmit(async (values) => {
    setFormErrors([]);
    setSaved(null);
    try {
      await onSubmit(courseBody(values, course ? 'edit' : 'create'));
      setSaved(t('common.saved'));
      form.reset(values);
    } catch (error) {
      setFormErrors(applyApiErrors(t, error, form.setError, COURSE_FIELDS));
    }
  });

  return (
    <form noValidate onSubmit={(e) => void submit(e)}>
      <FormAlert messages={formErrors} />
      <TextField id="course-title" label={t('authoring.course.title')} error={errorOf(errors.title)} {...form.register('title')} />
      <TextArea id="course-summary" label={t('authoring.course.summary')} optional rows={3} error={errorOf(errors.summary)} {...form.register('summary')} />
      <SelectField id="course-locale" label={t('authoring.course.locale')} hint={t('authoring.course.localeHint')} error={errorOf(errors.locale)} {...form.register('locale')}>
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </SelectField>
      <CheckboxField id="course-self-enrolment" label={t('authoring.course.selfEnrolment')} hint={t('authoring.course.selfEnrolmentHint')} {...form.register('selfEnrolment')} />
      <fieldset>
        <legend>{t('authoring.course.accreditation')}</legend>
        <p className="hint">{t('authoring.course.accreditationHint')}</p>
        <div className="form-grid">
          <TextField id="course-acc-body" label={t('authoring.course.accreditationBody')} error={errorOf(errors.accreditation?.body)} {...form.register('accreditation.body')} />
          <TextField id="course-acc-reference" label={t('authoring.course.accreditationReference')} error={errorOf(errors.accreditation?.reference)} {...form.register('accreditation.reference')} />
          <TextField id="course-acc-hours" label={t('authoring.course.hours')} inputMode="decimal" error={errorOf(errors.accreditation?.hours)} {...form.register('accreditation.hours')} />
        </div>
        {rule}
      </fieldset>
      <fieldset>
        <legend>{t('authoring.course.completion')}</legend>
        <p className="hint">{t('authoring.course.completionHint')}</p>
        <TextField
          id="course-min-minutes"
          label={t('authoring.course.minMinutes')}
          optional
          inputMode="numeric"
          error={errorOf(errors.completion?.minMinutes)}
          {...form.register('completion.minMinutes')}
        />
        {required !== null ? <p className="hint">{t('hours.ruleForHours', { count: hours, minutes: required })}</p> : null}
      </fieldset>
      <fieldset>
        <legend>{t('credentials.validityLegend')}</legend>
        <TextField
          id="course-validity-months"
          label={t('credentials.validityLabel')}
          hint={t('credentials.validityHint')}
          optional
          inputMode="numeric"
          error={errorOf(errors.certificateValidityMonths)}
          {...form.register('certificateValidityMonths')}
        />
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? t('common.saving') : submitLabel}
        </button>
      </div>
      <StatusMessage message={saved} />
    </form>
  );
}
