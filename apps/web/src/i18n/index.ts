import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../api/types';
import en from './locales/en.json';
import { typographyPostProcessor } from './typography';

export const LOCALES: readonly Locale[] = ['en', 'it', 'de', 'fr'];

/** Names of the languages in their own language, for the picker. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', it: 'Italiano', de: 'Deutsch', fr: 'Français' };

const STORAGE_KEY = 'kindling.locale';
/** A language picked while signed out (the sign-in page's picker), sent with the next sign-in. */
const CHOICE_KEY = 'kindling.localeChoice';

// English ships with the entry chunk; the other languages load when chosen.
const loaders: Record<Exclude<Locale, 'en'>, () => Promise<{ default: typeof en }>> = {
  it: () => import('./locales/it.json'),
  de: () => import('./locales/de.json'),
  fr: () => import('./locales/fr.json'),
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function storedLocale(): Locale | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

/** The language to start with: the one chosen before on this device, else the browser's. */
export function initialLocale(): Locale {
  const stored = storedLocale();
  if (stored) return stored;
  for (const tag of navigator.languages) {
    const base = tag.slice(0, 2).toLowerCase();
    if (isLocale(base)) return base;
  }
  return 'en';
}

/** The API's readable hint beside its httpOnly session cookies: someone is signed in. */
const signedIn = (): boolean => document.cookie.split('; ').some((c) => c.startsWith('kindling_session='));

/**
 * Switches the interface language (loading it when needed) and remembers it on this device. A
 * language picked while signed out is also kept as the person's choice, which the next sign-in
 * sends to be saved on the account (signed in, the picker saves it with PATCH /api/me).
 */
export async function setLocale(locale: Locale): Promise<void> {
  await applyLocale(locale);
  if (!signedIn()) {
    try {
      window.sessionStorage.setItem(CHOICE_KEY, locale);
    } catch {
      // storage disabled: the choice is not sent with the sign-in
    }
  }
}

/** The language picked while signed out, if any (the sign-in sends it as the account's choice). */
export function signedOutLocaleChoice(): Locale | null {
  try {
    const value = window.sessionStorage.getItem(CHOICE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

/** After a sign-in (the choice was sent) or a sign-out: forget the signed-out choice. */
export function forgetLocaleChoice(): void {
  try {
    window.sessionStorage.removeItem(CHOICE_KEY);
  } catch {
    // nothing kept
  }
}

/**
 * Switches the interface to a language without counting it as a choice: the account's (after
 * sign-in) or the one this device starts with.
 */
export async function applyLocale(locale: Locale): Promise<void> {
  if (locale !== 'en' && !i18n.hasResourceBundle(locale, 'translation')) {
    const module = await loaders[locale]();
    i18n.addResourceBundle(locale, 'translation', module.default);
  }
  await i18n.changeLanguage(locale);
  document.documentElement.lang = locale;
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // storage may be disabled: the choice then lasts for this page only
  }
}

export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : 'en';
}

export async function initI18n(): Promise<void> {
  await i18n.use(initReactI18next).use(typographyPostProcessor).init({
    resources: { en: { translation: en } },
    postProcess: ['typography'],
    lng: 'en',
    fallbackLng: 'en',
    supportedLngs: [...LOCALES],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const locale = initialLocale();
  try {
    await applyLocale(locale);
  } catch {
    await applyLocale('en');
  }
}

export { i18n };
