import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { OrganizationBody } from '../../../api';
import { FormAlert } from '../../../components/FormAlert';
import { SelectField, TextField, useFieldErrorText } from '../../../components/form';
import { StatusMessage } from '../../../components/StatusMessage';
import { applyApiErrors } from '../../../lib/applyApiErrors';
import { cohortKeys } from '../../../api/cohorts';
import { createOrganization } from '../api/platform';
import { COUNTRY_CODES, countryOptions } from '../../../lib/countries';

export const KINDS = ['school', 'hospital', 'municipality', 'company', 'other'] as const;

const schema = z.object({
  name: z.string().trim().min(1, 'validation.required').max(200, 'validation.tooLong'),
  kind: z.enum(KINDS),
  country: z.string().refine((v) => v === '' || COUNTRY_CODES.includes(v), 'platform.orgs.countryInvalid'),
});
type Values = z.infer<typeof schema>;

export function OrganizationForm() {
  const { t, i18n } = useTranslation();
  const countries = useMemo(() => countryOptions(i18n.language), [i18n.language]);
  const queryClient = useQueryClient();
  const errorOf = useFieldErrorText();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { name: '', kind: 'school', country: '' } });
  const submit = form.handleSubmit(async (v) => {
    setFormErrors([]);
    setSaved(null);
    const body: OrganizationBody = { name: v.name, kind: v.kind };
    if (v.country) body.country = v.country;
    try {
      await createOrganization(body);
      setSaved(t('platform.orgs.created', { name: v.name }));
      form.reset();
      await queryClient.invalidateQueries({ queryKey: cohortKeys.organizations });
    } catch (error) {
      setFormErrors(applyApiErrors(t, error, form.setError, ['name', 'kind', 'country']));
    }
  });
  return (
    <form noValidate onSubmit={(e) => void submit(e)}>
      <FormAlert messages={formErrors} />
      <div className="form-grid">
        <TextField id="org-name" label={t('platform.orgs.name')} error={errorOf(form.formState.errors.name)} {...form.register('name')} />
        <SelectField id="org-kind" label={t('platform.orgs.kind')} {...form.register('kind')}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`manage.kinds.${k}`)}
            </option>
          ))}
        </SelectField>
        <SelectField id="org-country" label={t('platform.orgs.country')} optional error={errorOf(form.formState.errors.country)} {...form.register('country')}>
          <option value="">{t('office2.country.none')}</option>
          {countries.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={form.formState.isSubmitting}>
          {t('platform.orgs.create')}
        </button>
      </div>
      <StatusMessage message={saved} />
    </form>
  );
}
