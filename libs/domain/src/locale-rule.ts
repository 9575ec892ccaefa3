import { isLocale, type Locale } from './locale.js';

/**
 * The first supported language (en/it/de/fr) of an HTTP `Accept-Language` header, by quality
 * (`q`), then by order; a region (`de-CH`) counts for its language. null when none is supported.
 */
export function localeFromAcceptLanguage(header: string | readonly string[] | null | undefined): Locale | null {
  const text = Array.isArray(header) ? header.join(',') : typeof header === 'string' ? header : '';
  if (text.length === 0 || text.length > 1000) return null;
  const ranked: { locale: Locale; q: number; at: number }[] = [];
  text.split(',').forEach((part, at) => {
    const [tag = '', ...params] = part.trim().split(';');
    const base = tag.trim().toLowerCase().split('-')[0];
    if (!isLocale(base)) return;
    let q = 1;
    for (const p of params) {
      const [k, v] = p.split('=').map((s) => s.trim());
      if (k === 'q') q = Number(v);
    }
    if (!Number.isFinite(q) || q <= 0 || q > 1) return;
    ranked.push({ locale: base, q, at });
  });
  ranked.sort((a, b) => b.q - a.q || a.at - b.at);
  return ranked[0]?.locale ?? null;
}

export interface LocaleInputs {
  /** An explicit choice: the person's own (sign-in page, profile) or, for a new account, the inviter's CSV column. */
  chosen?: string | null;
  /** The organisation's default language (`organizations.default_locale`). */
  organisationDefault?: string | null;
  /** The browser's `Accept-Language` header (or an already-parsed language). */
  acceptLanguage?: string | readonly string[] | null;
  /** When nothing above names a supported language (default `en`). */
  fallback?: Locale;
}

/**
 * Kindling's one language rule: the explicit choice, else the organisation's default, else the
 * first of en/it/de/fr the browser accepts, else the fallback. Values that are not a supported
 * language are skipped, never trusted.
 */
export function resolveLocale(inputs: LocaleInputs): Locale {
  if (isLocale(inputs.chosen)) return inputs.chosen;
  if (isLocale(inputs.organisationDefault)) return inputs.organisationDefault;
  return localeFromAcceptLanguage(inputs.acceptLanguage) ?? inputs.fallback ?? 'en';
}
