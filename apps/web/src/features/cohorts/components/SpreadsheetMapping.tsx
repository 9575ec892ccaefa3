import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnMapping, SpreadsheetInfo } from '../../../api';
import { SelectField } from '../../../components/form';
import { useFormat } from '../../../i18n/format';

const FIELDS = ['email', 'firstName', 'lastName', 'fullName', 'language', 'employeeNumber', 'group'] as const;
type Field = (typeof FIELDS)[number];

/** `email:2,firstName:0` from a mapping (the API's ?mapping= form). */
export const mappingQuery = (mapping: ColumnMapping): string =>
  FIELDS.filter((f) => typeof mapping[f] === 'number')
    .map((f) => `${f}:${String(mapping[f])}`)
    .join(',');

/**
 * What the server read (encoding, separator, sheet) and which column it took for what; the
 * manager corrects the mapping or picks another sheet and checks again.
 */
export function SpreadsheetMapping({ info, busy, onApply }: { info: SpreadsheetInfo; busy: boolean; onApply: (sheet: string | undefined, mapping: string) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [mapping, setMapping] = useState<ColumnMapping>(info.mapping);
  const [sheet, setSheet] = useState<string | undefined>(info.sheet ?? undefined);
  const separator = info.delimiter === ';' ? 'semicolon' : info.delimiter === '\t' ? 'tab' : 'comma';
  return (
    <section aria-labelledby="mapping-heading" className="card">
      <h3 id="mapping-heading">{t('office.mappingTitle')}</h3>
      <p className="meta">
        <span>{t('office.read', { format: info.format.toUpperCase() })}</span>
        {info.encoding ? <span>{t('office.encoding', { encoding: t(`office1.encodings.${info.encoding}`) })}</span> : null}
        {info.delimiter ? <span>{t('office.separator', { separator: t(`office.separators.${separator}`) })}</span> : null}
        <span>{t('office.lines', { count: info.lines, formatted: fmt.number(info.lines) })}</span>
      </p>
      <p className="hint">{t('office.mappingHint')}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          onApply(sheet, mappingQuery(mapping));
        }}
      >
        {info.sheets.length > 1 ? (
          <SelectField id="mapping-sheet" label={t('office.sheet')} hint={t('office1.sheetChoice')} value={sheet ?? ''} onChange={(e) => { setSheet(e.target.value); }}>
            {info.sheets.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </SelectField>
        ) : null}
        <div className="mapping-grid">
          {FIELDS.map((field: Field) => (
            <SelectField
              key={field}
              id={`mapping-${field}`}
              label={t(`office.fields.${field}`)}
              value={typeof mapping[field] === 'number' ? String(mapping[field]) : ''}
              onChange={(e) => {
                const value = e.target.value;
                setMapping((m) => {
                  const next: ColumnMapping = { ...m };
                  if (value === '') delete next[field];
                  else next[field] = Number(value);
                  return next;
                });
              }}
            >
              <option value="">{t('office.none')}</option>
              {info.header.map((name, i) => (
                <option key={`${String(i)}-${name}`} value={String(i)}>
                  {name || `#${String(i + 1)}`}
                </option>
              ))}
            </SelectField>
          ))}
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-secondary" disabled={busy}>
            {t('office.apply')}
          </button>
        </div>
      </form>
      {info.preview.length > 0 ? (
        <div className="table-scroll">
          <table>
            <caption>{t('office.previewRows')}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('office.fields.email')}</th>
                <th scope="col">{t('office.fields.fullName')}</th>
                <th scope="col">{t('office.fields.employeeNumber')}</th>
                <th scope="col">{t('office.fields.group')}</th>
              </tr>
            </thead>
            <tbody>
              {info.preview.map((row) => (
                <tr key={row.line}>
                  <td>{row.line}</td>
                  <td>{row.email}</td>
                  <td>{row.name}</td>
                  <td>{row.employeeNumber ?? ''}</td>
                  <td>{row.group ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
