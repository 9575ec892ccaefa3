import { isLocale, type Locale } from '@kindling/domain';
import { de } from './messages/de.js';
import { en, type MessageKey } from './messages/en.js';
import { fr } from './messages/fr.js';
import { it } from './messages/it.js';

export type { MessageKey };
export type MessageParams = Record<string, string | number>;

export const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { en, it, de, fr };

/** A person's language, or English when what we hold is not one of Kindling's four. */
export const localeOr = (value: unknown, fallback: Locale = 'en'): Locale => (isLocale(value) ? value : fallback);

/** The text of `key` in `locale`, with {parameters} filled in; a missing parameter is an error. */
export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const template = CATALOGUES[locale][key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
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
