import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { enrolOne } from '../../../api/cohorts';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { SelectField, TextField } from '../../../components/form';
import { StatusMessage } from '../../../components/StatusMessage';
import { formText } from '../../../lib/storage';
import { LineErrors } from './LineErrors';

const LANGUAGES = ['en', 'it', 'de', 'fr'] as const;
type Language = (typeof LANGUAGES)[number];

/** Enrols one person from a form: no file, the same rules as a line of a spreadsheet. */
export function AddPersonForm({ cohortId }: { cohortId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [emailError, setEmailError] = useState<string | undefined>();
  const [status, setStatus] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const add = useMutation({
    mutationFn: (learner: Parameters<typeof enrolOne>[1]) => enrolOne(cohortId, learner),
    onSuccess: (report, learner) => {
      if (!('enrolled' in report) || report.errors.length > 0) return;
      const name = [learner.firstName, learner.lastName].filter(Boolean).join(' ') || learner.email;
      setStatus(report.enrolled === 0 ? t('office1.addPerson.already', { name }) : report.invited > 0 ? t('office1.addPerson.invited', { name }) : t('office1.addPerson.enrolled', { name }));
      setFormKey((k) => k + 1);
      void queryClient.invalidateQueries({ queryKey: ['cohort', cohortId] });
    },
  });
  const lineErrors = add.data && 'errors' in add.data ? add.data.errors : [];

  return (
    <section aria-labelledby="add-person-heading" className="section card">
      <h3 id="add-person-heading">{t('office1.addPerson.title')}</h3>
      <p>{t('office1.addPerson.intro')}</p>
      <form
        key={formKey}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const data = new FormData(e.currentTarget);
          const email = formText(data, 'email').trim();
          if (!email) {
            setEmailError(t('office1.addPerson.emailRequired'));
            return;
          }
          setEmailError(undefined);
          setStatus(null);
          const language = formText(data, 'language');
          const person: Parameters<typeof enrolOne>[1] = { email };
          const firstName = formText(data, 'firstName').trim();
          const lastName = formText(data, 'lastName').trim();
          const employeeNumber = formText(data, 'employeeNumber').trim();
          const group = formText(data, 'group').trim();
          if (firstName) person.firstName = firstName;
          if (lastName) person.lastName = lastName;
          if (employeeNumber) person.employeeNumber = employeeNumber;
          if (group) person.group = group;
          if (LANGUAGES.includes(language as Language)) person.language = language as Language;
          add.mutate(person);
        }}
      >
        <div className="mapping-grid">
          <TextField id="add-email" name="email" type="email" autoComplete="off" label={t('office1.addPerson.email')} error={emailError} />
          <TextField id="add-first" name="firstName" autoComplete="off" label={t('office1.addPerson.firstName')} optional />
          <TextField id="add-last" name="lastName" autoComplete="off" label={t('office1.addPerson.lastName')} optional />
          <SelectField id="add-language" name="language" label={t('office1.addPerson.language')} defaultValue="">
            <option value="">{t('office1.addPerson.languageDefault')}</option>
            {LANGUAGES.map((l) => (
              <option key={l} value={l} lang={l}>
                {t(`office1.languages.${l}`)}
              </option>
            ))}
          </SelectField>
          <TextField id="add-employee" name="employeeNumber" autoComplete="off" maxLength={64} label={t('office1.addPerson.employeeNumber')} optional />
          <TextField id="add-unit" name="group" autoComplete="off" maxLength={64} label={t('office3.addPerson.unit')} optional />
        </div>
        {add.error ? <ErrorMessage error={add.error} /> : null}
        {lineErrors.length > 0 ? <LineErrors errors={lineErrors} caption={t('manage.enrol.badLines')} /> : null}
        <div className="form-actions">
          <button type="submit" className="button" disabled={add.isPending}>
            {t('office1.addPerson.submit')}
          </button>
        </div>
      </form>
      <StatusMessage message={status} />
    </section>
  );
}
