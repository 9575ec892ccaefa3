import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadProgress } from '../../../api/cohorts';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Icon } from '../../../components/Icon';
import { SelectField } from '../../../components/form';

const LANGUAGES = ['en', 'it', 'de', 'fr'] as const;
type Language = (typeof LANGUAGES)[number];
type Separator = 'comma' | 'semicolon' | 'tab';

/** The separator a spreadsheet in that language expects: semicolon where the decimal mark is a comma. */
export const defaultSeparator = (lang: Language): Separator => (lang === 'en' ? 'comma' : 'semicolon');

export const asLanguage = (value: string | undefined): Language => LANGUAGES.find((l) => value?.startsWith(l)) ?? 'en';

/**
 * The progress list as people read it (layout=people): headers, statuses and dates in the chosen
 * language, the separator the manager's spreadsheet expects; the same filter (or selection) as the table.
 */
export function PeopleExport({ cohortId, query, idPrefix = 'export' }: { cohortId: string; query: Record<string, string | undefined>; idPrefix?: string }) {
  const { t, i18n } = useTranslation();
  const [lang, setLang] = useState<Language>(asLanguage(i18n.language));
  const [separator, setSeparator] = useState<Separator>(defaultSeparator(asLanguage(i18n.language)));
  const exporter = useMutation({
    mutationFn: (format: 'csv' | 'xlsx' | 'data') =>
      format === 'data'
        ? downloadProgress(cohortId, 'csv', query)
        : downloadProgress(cohortId, format, { ...query, layout: 'people', lang, ...(format === 'csv' ? { separator } : {}) }),
  });
  return (
    <div>
      <div className="toolbar">
        <SelectField
          id={`${idPrefix}-lang`}
          label={t('office1.export.language')}
          value={lang}
          onChange={(e) => {
            const next = asLanguage(e.target.value);
            setLang(next);
            setSeparator(defaultSeparator(next));
          }}
        >
          {LANGUAGES.map((l) => (
            <option key={l} value={l} lang={l}>
              {t(`office1.languages.${l}`)}
            </option>
          ))}
        </SelectField>
        <SelectField id={`${idPrefix}-separator`} label={t('office1.export.separator')} value={separator} onChange={(e) => { setSeparator(e.target.value as Separator); }}>
          <option value="semicolon">{t('office1.export.semicolon')}</option>
          <option value="comma">{t('office1.export.comma')}</option>
          <option value="tab">{t('office1.export.tab')}</option>
        </SelectField>
      </div>
      <div className="form-actions">
        <button type="button" className="button" disabled={exporter.isPending} onClick={() => { exporter.mutate('xlsx'); }}>
          <Icon name="download" size={18} />
          {t('office1.export.xlsx')}
        </button>
        <button type="button" className="button button-secondary" disabled={exporter.isPending} onClick={() => { exporter.mutate('csv'); }}>
          <Icon name="download" size={18} />
          {t('office1.export.csv')}
        </button>
        <button type="button" className="button button-secondary" disabled={exporter.isPending} onClick={() => { exporter.mutate('data'); }}>
          <Icon name="download" size={18} />
          {t('office1.export.data')}
        </button>
      </div>
      {exporter.error ? <ErrorMessage error={exporter.error} /> : null}
    </div>
  );
}
