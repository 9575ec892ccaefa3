import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CourseDetail, Instrument } from '../../../api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { SelectField } from '../../../components/form';
import { StatusMessage } from '../../../components/StatusMessage';
import { currentLocale } from '../../../i18n';
import { attachInstrument, authoringKeys, fetchInstruments } from '../api/authoring';

export function instrumentTitle(instrument: Instrument): string {
  const text = instrument.title[currentLocale()] ?? instrument.title.en ?? instrument.key;
  return `${text} (v${instrument.version})`;
}

/** Attach a self-assessment instrument to the course, or none. */
export function SelfAssessmentPicker({ course }: { course: CourseDetail }) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const instruments = useQuery({ queryKey: authoringKeys.instruments, queryFn: fetchInstruments, staleTime: 10 * 60_000 });
  const [value, setValue] = useState(course.selfAssessment?.instrumentId ?? '');
  const [saved, setSaved] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => attachInstrument(course.id, value || null),
    onSuccess: async () => {
      setSaved(t('common.saved'));
      await queryClient.invalidateQueries({ queryKey: authoringKeys.course(course.id) });
    },
  });
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(null);
        save.mutate();
      }}
    >
      <SelectField
        id={id}
        label={t('authoring.selfAssessment.instrument')}
        hint={t('authoring.selfAssessment.hint')}
        value={value}
        onChange={(e) => { setValue(e.target.value); }}
        disabled={instruments.isPending}
      >
        <option value="">{t('authoring.selfAssessment.none')}</option>
        {(instruments.data ?? []).map((i) => (
          <option key={i.id} value={i.id}>
            {instrumentTitle(i)}
          </option>
        ))}
      </SelectField>
      {instruments.isError ? <ErrorMessage error={instruments.error} /> : null}
      {save.error ? <ErrorMessage error={save.error} /> : null}
      <div className="form-actions">
        <button type="submit" className="button button-secondary" disabled={save.isPending}>
          {t('authoring.selfAssessment.save')}
        </button>
      </div>
      <StatusMessage message={saved} />
    </form>
  );
}
