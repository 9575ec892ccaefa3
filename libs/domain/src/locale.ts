/** The languages Kindling's interface, courses and instruments are written in. */
export type Locale = 'en' | 'it' | 'de' | 'fr';

export const LOCALES: readonly Locale[] = ['en', 'it', 'de', 'fr'];

/** A text given in every supported language. */
export type LocalizedText = Record<Locale, string>;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
