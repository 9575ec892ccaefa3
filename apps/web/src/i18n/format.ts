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

export function createFormatters(locale: string): Formatters {
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
      return (DATE_ONLY.test(value) ? dateOnlyFmt : dateFmt).format(d);
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
