import { isLocale, type Locale } from '@kindling/domain';
import { de } from './messages/de.js';
import { en, type MessageKey } from './messages/en.js';
import { fr } from './messages/fr.js';
import { it } from './messages/it.js';
import { elideItalianArticles, formatDay, frenchSpaces, isIsoDay } from './format.js';

export type { MessageKey };
export type MessageParams = Record<string, string | number>;

export const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { en, it, de, fr };

/** A person's language, or English when what we hold is not one of Kindling's four. */
export const localeOr = (value: unknown, fallback: Locale = 'en'): Locale => (isLocale(value) ? value : fallback);

/**
 * The text of `key` in `locale`, with {parameters} filled in; a missing parameter is an error.
 * A `date` parameter may be given as `YYYY-MM-DD`: it is written out for the reader.
 */
export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  // A {date} given as YYYY-MM-DD is written as the reader writes a day ("8 marzo 2027", "1er mars").
  const filled: MessageParams = isIsoDay(params.date) ? { ...params, date: formatDay(params.date, locale) } : params;
  let template = CATALOGUES[locale][key] ?? en[key];
  // Italian elides the article before a vowel sound: "l’8 marzo", "entro l’11 aprile".
  if (locale === 'it') template = elideItalianArticles(template, filled);
  // French spaces before ? ! : ; and inside « » do not break (the catalogues are written so too).
  if (locale === 'fr') template = frenchSpaces(template);
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = filled[name];
    if (value === undefined) throw new Error(`message ${key} needs the parameter {${name}}`);
    return String(value);
  });
}

/**
 * A keyed message from a DomainError in `locale`. Keys not (yet) in the catalogue pass through
 * as they are, so a missing key shows up as itself rather than as a crash; the catalogue test
 * finds them.
 */
export interface KeyedMessage {
  key: string;
  params?: Record<string, string | number | KeyedMessage>;
}

export function translateMessage(locale: Locale, message: KeyedMessage): string {
  if (!(message.key in en)) return message.key;
  const params: MessageParams = {};
  for (const [name, value] of Object.entries(message.params ?? {})) {
    params[name] = typeof value === 'object' ? translateMessage(locale, value) : value;
  }
  return translate(locale, message.key as MessageKey, params);
}
