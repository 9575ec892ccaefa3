import type { UsersRepository } from '@kindling/db';
import { type Locale, localeFromAcceptLanguage, resolveLocale } from '@kindling/domain';

/** What the language rule needs of an account (UsersRepository.localeState). */
export type AccountLocaleLookup = (userId: string) => Promise<{ locale: Locale; chosen: boolean; organisationDefault: Locale | null } | null>;

/**
 * The language of messages meant for the caller (errors, CSV line errors), by the contract's
 * rule: the account's explicit choice, else its organisation's default, else the request's
 * Accept-Language, else the account's stored language (English without an account). An account
 * that cannot be read (the database away) leaves the header to decide.
 */
export async function callerLocale(
  lookup: AccountLocaleLookup | undefined,
  userId: string | null | undefined,
  acceptLanguage: string | readonly string[] | undefined,
): Promise<Locale> {
  const header = localeFromAcceptLanguage(acceptLanguage);
  if (!userId || !lookup) return header ?? 'en';
  const state = await lookup(userId).catch(() => null);
  if (!state) return header ?? 'en';
  return resolveLocale({ chosen: state.chosen ? state.locale : null, organisationDefault: state.organisationDefault, acceptLanguage, fallback: state.locale });
}

/** The lookup over UsersRepository, for the exception filter and the controllers. */
export const accountLocales =
  (users: UsersRepository): AccountLocaleLookup =>
  (userId) =>
    users.localeState(userId);
