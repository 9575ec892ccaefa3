import type { Locale } from '@kindling/domain';

/**
 * The one rule for how Kindling writes dates and numbers: by the reader's language, not by a
 * region. The web app (apps/web/src/i18n/format.ts), the certificate PDF and every e-mail use
 * these tags, so a teacher reads "1.234" and "8 marzo 2027" the same way on every page, PDF and
 * e-mail (it, de and fr are the languages' own forms, the same as it-IT, de-DE and fr-FR).
 */
export const INTL_TAGS: Record<Locale, string> = { en: 'en-GB', it: 'it-IT', de: 'de-DE', fr: 'fr-FR' };

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const dayFormats = new Map<Locale, Intl.DateTimeFormat>();
const numberFormats = new Map<Locale, Intl.NumberFormat>();

/** Whether `value` is a calendar day written `YYYY-MM-DD`. */
export function isIsoDay(value: unknown): value is string {
  const m = typeof value === 'string' ? ISO_DAY.exec(value) : null;
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/**
 * A calendar day (`YYYY-MM-DD`) written out as in running text: 8 March 2027, 8. März 2027,
 * 8 marzo 2027, 8 mars 2027. The first of the month is an ordinal in French and Italian, as
 * they write it: "le 1er mars", "il 1º marzo".
 */
export function formatDay(isoDay: string, locale: Locale): string {
  const [y, m, d] = isoDay.split('-').map(Number);
  let fmt = dayFormats.get(locale);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat(INTL_TAGS[locale], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    dayFormats.set(locale, fmt);
  }
  const text = fmt.format(new Date(Date.UTC(y!, m! - 1, d!)));
  if (d === 1 && locale === 'fr') return text.replace(/^1(?=\s)/, '1er');
  if (d === 1 && locale === 'it') return text.replace(/^1(?=\s)/, '1º');
  return text;
}

/** A number grouped and with the decimal mark of the reader's language (1,234 · 1.234 · 1 234). */
export function formatNumber(value: number, locale: Locale): string {
  let fmt = numberFormats.get(locale);
  if (!fmt) {
    fmt = new Intl.NumberFormat(INTL_TAGS[locale], { maximumFractionDigits: 2 });
    numberFormats.set(locale, fmt);
  }
  return fmt.format(value);
}

/** Italian articles before a word that starts with a vowel sound, and their elided forms. */
const ELIDED: Record<string, string> = { il: 'l’', al: 'all’', dal: 'dall’', del: 'dell’', nel: 'nell’', sul: 'sull’' };

/** A number read with a vowel first in Italian: 8 (otto), 80–89…, 11 (undici), 11.000. */
const VOWEL_NUMBER = /^(8|11(?!\d))/;

/**
 * Italian elides the article before a number read with a vowel first: "l’8 marzo",
 * "entro l’11 aprile", "dall’8 %". `template` is the message with `{param}` placeholders; the
 * article before a placeholder is elided when the value filled in starts with such a number.
 */
export function elideItalianArticles(template: string, params: Record<string, string | number>): string {
  return template.replace(/(^|[^\p{L}’'])(il|al|dal|del|nel|sul)( )\{(\w+)\}/giu, (whole, before: string, article: string, _space: string, name: string) => {
    const value = params[name];
    if (value === undefined || !VOWEL_NUMBER.test(String(value))) return whole;
    const elided = ELIDED[article.toLowerCase()]!;
    const cased = article[0] === article[0]!.toUpperCase() ? elided[0]!.toUpperCase() + elided.slice(1) : elided;
    return `${before}${cased}{${name}}`;
  });
}

/**
 * French typesetting: a narrow no-break space (U+202F) before ? ! ; and a no-break space
 * (U+00A0) before : and inside « », so that a mark never wraps alone onto the next line.
 */
export function frenchSpaces(text: string): string {
  return text
    .replace(/[ \u00a0\u202f]+([?!;])/g, '\u202f$1')
    .replace(/[ \u00a0\u202f]+:/g, '\u00a0:')
    .replace(/«[ \u00a0\u202f]+/g, '«\u00a0')
    .replace(/[ \u00a0\u202f]+»/g, '\u00a0»');
}
