import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Dates, times and numbers formatted with Intl for the chosen interface language. */
export interface Formatters {
  /** A calendar date; `YYYY-MM-DD` values are read as dates, not as UTC midnight. */
  date(value: string | null | undefined): string;
  dateTime(value: string | null | undefined): string;
  number(value: number | null | undefined, digits?: number): string;
  /** `value` is already a percentage (0–100). */
  percent(value: number | null | undefined): string;
  minutes(value: number | null | undefined): string;
}

/**
 * The one rule for dates and numbers, shared with the certificate PDF and the e-mails
 * (INTL_TAGS in libs/i18n): by the reader's language, not by a region — "1.234" and
 * "8 March 2027" on every page, PDF and e-mail.
 */
export const INTL_TAGS: Record<string, string> = { en: 'en-GB', it: 'it-IT', de: 'de-DE', fr: 'fr-FR' };

export function createFormatters(language: string): Formatters {
  const locale = INTL_TAGS[language] ?? language;
  const dateFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'long' });
  const dateOnlyFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  const dateTimeFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const percentFmt = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const minutesFmt = new Intl.NumberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'long' });
  const numberFmts = new Map<number, Intl.NumberFormat>();
  const dash = '–';
  return {
    date(value) {
      if (!value) return dash;
      const d = new Date(value);
      if (Number.isNaN(d.getTime())) return dash;
      const fmt = DATE_ONLY.test(value) ? dateOnlyFmt : dateFmt;
      // French and Italian write the first of the month as an ordinal: 1er mars, 1º marzo.
      const ordinal = language === 'fr' ? '1er' : language === 'it' ? '1º' : null;
      if (!ordinal) return fmt.format(d);
      return fmt
        .formatToParts(d)
        .map((p) => (p.type === 'day' && p.value === '1' ? ordinal : p.value))
        .join('');
    },
    dateTime(value) {
      if (!value) return dash;
      const d = new Date(value);
      return Number.isNaN(d.getTime()) ? dash : dateTimeFmt.format(d);
    },
    number(value, digits = 0) {
      if (value === null || value === undefined || Number.isNaN(value)) return dash;
      let fmt = numberFmts.get(digits);
      if (!fmt) {
        fmt = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
        numberFmts.set(digits, fmt);
      }
      return fmt.format(value);
    },
    percent(value) {
      if (value === null || value === undefined || Number.isNaN(value)) return dash;
      return percentFmt.format(value / 100);
    },
    minutes(value) {
      if (value === null || value === undefined) return dash;
      return minutesFmt.format(value);
    },
  };
}

export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  return useMemo(() => createFormatters(i18n.language), [i18n.language]);
}

/** Whether a `YYYY-MM-DD` due date is in the past (the whole due day still counts). */
export function isPastDue(dueOn: string | null | undefined, now = new Date()): boolean {
  if (!dueOn) return false;
  const end = new Date(DATE_ONLY.test(dueOn) ? `${dueOn}T23:59:59.999Z` : dueOn);
  return end.getTime() < now.getTime();
}
