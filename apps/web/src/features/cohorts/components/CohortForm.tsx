import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { CohortBody } from '../../../api';
import { FormAlert } from '../../../components/FormAlert';
import { SelectField, TextField, useFieldErrorText } from '../../../components/form';
import { StatusMessage } from '../../../components/StatusMessage';
import { applyApiErrors } from '../../../lib/applyApiErrors';
import { cohortKeys, createCohort, fetchCourses } from '../../../api/cohorts';

const AUDIENCES = ['teachers', 'students', 'health-staff', 'other'] as const;

const schema = z
  .object({
    name: z.string().trim().min(1, 'validation.required').max(200, 'validation.tooLong'),
    courseId: z.string().min(1, 'validation.required'),
    audience: z.enum(AUDIENCES),
    startsOn: z.string(),
    dueOn: z.string(),
  })
  .refine((v) => !v.startsOn || !v.dueOn || v.startsOn <= v.dueOn, { path: ['dueOn'], message: 'manage.cohorts.dueBeforeStart' });
type Values = z.infer<typeof schema>;
const FIELDS = ['name', 'courseId', 'audience', 'startsOn', 'dueOn'] as const;

export function CohortForm({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errorOf = useFieldErrorText();
  const courses = useQuery({ queryKey: cohortKeys.publishedCourses, queryFn: fetchCourses });
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { name: '', courseId: '', audience: 'teachers', startsOn: '', dueOn: '' },
  });
  const errors = form.formState.errors;
  const published = (courses.data?.items ?? []).filter((c) => c.status === 'published');

  const submit = form.handleSubmit(async (v) => {
    setFormErrors([]);
    setSaved(null);
    const body: CohortBody = { name: v.name, courseId: v.courseId, audience: v.audience };
    if (v.startsOn) body.startsOn = v.startsOn;
    if (v.dueOn) body.dueOn = v.dueOn;
    try {
      await createCohort(orgId, body);
      setSaved(t('manage.cohorts.created', { name: v.name }));
      form.reset();
      await queryClient.invalidateQueries({ queryKey: cohortKeys.cohorts(orgId) });
    } catch (error) {
      setFormErrors(applyApiErrors(t, error, form.setError, FIELDS));
    }
  });

  return (
    <form noValidate onSubmit={(e) => void submit(e)}>
      <FormAlert messages={formErrors} />
      <div className="form-grid">
        <TextField id="cohort-name" label={t('manage.cohorts.name')} error={errorOf(errors.name)} {...form.register('name')} />
        <SelectField id="cohort-course" label={t('manage.cohorts.course')} error={errorOf(errors.courseId)} {...form.register('courseId')}>
          <option value="">{t('manage.cohorts.chooseCourse')}</option>
          {published.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </SelectField>
        <SelectField id="cohort-audience" label={t('manage.cohorts.audience')} error={errorOf(errors.audience)} {...form.register('audience')}>
          {AUDIENCES.map((a) => (
            <option key={a} value={a}>
              {t(`manage.audiences.${a}`)}
            </option>
          ))}
        </SelectField>
        <TextField id="cohort-starts" type="date" label={t('manage.cohorts.startsOn')} optional error={errorOf(errors.startsOn)} {...form.register('startsOn')} />
        <TextField id="cohort-due" type="date" label={t('manage.cohorts.dueOn')} optional error={errorOf(errors.dueOn)} {...form.register('dueOn')} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={form.formState.isSubmitting}>
          {t('manage.cohorts.create')}
        </button>
      </div>
      <StatusMessage message={saved} />
    </form>
  );
}
