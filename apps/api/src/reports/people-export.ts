import type { Locale } from '@kindling/domain';
import { translate, type MessageKey } from '@kindling/i18n';
import type { ProgressRowDto } from './dto/reports.dto.js';
import { type CellValue, csvField } from './spreadsheet.js';

/**
 * Progress exports for people (`layout=people`): headers and statuses in the manager's
 * language, days in the local form, time studied, and the list separator their spreadsheet
 * expects (semicolon for it/de/fr, comma for en, unless chosen). The default `layout=data`
 * stays the stable, machine-readable form (camelCase headers, ISO times) scripts rely on.
 */

export type Separator = ',' | ';' | '\t';
export const SEPARATORS = { comma: ',', semicolon: ';', tab: '\t' } as const;

/** The separator a spreadsheet in `locale` expects. */
export const defaultSeparator = (locale: Locale): Separator => (locale === 'en' ? ',' : ';');

const TAGS: Record<Locale, string> = { en: 'en-GB', it: 'it-CH', de: 'de-CH', fr: 'fr-CH' };

const COLUMNS: MessageKey[] = [
  'office.export.name', 'office.export.email', 'office3.export.employeeNumber', 'office3.export.unit', 'office.export.status', 'office.export.progress', 'office.export.lessons',
  'office.export.lessonsTotal', 'office.export.score', 'office.export.minutes', 'office.export.minutesRequired',
  'office.export.completedOn', 'office.export.certificate', 'office.export.lastActivity',
];

export const peopleHeaders = (locale: Locale): string[] => COLUMNS.map((key) => translate(locale, key));

export function statusLabel(row: Pick<ProgressRowDto, 'status' | 'overdue'>, locale: Locale): string {
  if (row.status === 'active' && row.overdue) return translate(locale, 'office.status.overdue');
  const key = row.status === 'completed' ? 'office.status.completed' : row.status === 'withdrawn' ? 'office.status.withdrawn' : 'office.status.active';
  return translate(locale, key);
}

/** A day in the manager's local form (04.12.2026, 04/12/2026), in Swiss time. */
export function localDay(iso: string | null, locale: Locale): string | null {
  if (!iso) return null;
  return new Intl.DateTimeFormat(TAGS[locale], { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/Zurich' }).format(new Date(iso));
}

/** A row's typed values: dates as Date (XLSX) and numbers as numbers. */
export function peopleValues(row: ProgressRowDto, locale: Locale): (string | number | Date | null)[] {
  return [
    row.name, row.email, row.employeeNumber, row.unit, statusLabel(row, locale), row.progressPercent, row.lessonsCompleted, row.lessonsTotal, row.bestFinalScore,
    row.minutes, row.minutesRequired, row.completedAt ? new Date(row.completedAt) : null, row.certificateNumber,
    row.lastActivityAt ? new Date(row.lastActivityAt) : null,
  ];
}

/** A CSV number in the locale's form (decimal comma for it/fr). */
function localNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(TAGS[locale], { useGrouping: false, maximumFractionDigits: 2 }).format(value);
}

/** One CSV line with the chosen separator; text neutralised and quoted as in the data layout. */
export function peopleCsvLine(values: readonly (string | number | Date | null)[], locale: Locale, separator: Separator): string {
  const fields = values.map((v) => {
    if (v instanceof Date) return csvField(localDay(v.toISOString(), locale));
    if (typeof v === 'number') {
      const text = localNumber(v, locale);
      return text.includes(separator) ? `"${text}"` : text;
    }
    const field = csvField(v as CellValue);
    // csvField quotes for , and ; already; a tab separator needs quoting too.
    return separator === '\t' && field.includes('\t') && !field.startsWith('"') ? `"${field.replace(/"/g, '""')}"` : field;
  });
  return `${fields.join(separator)}\r\n`;
}

/** The number format of each XLSX column (dates as dates, percentages and minutes as numbers). */
export const PEOPLE_XLSX_FORMATS: (string | null)[] = [null, null, null, null, null, '0', '0', '0', '0.##', '0', '0', 'dd.mm.yyyy', null, 'dd.mm.yyyy'];
