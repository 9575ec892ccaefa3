import type { TFunction } from 'i18next';
import { isApiError } from '../api';

/** A server message (already in the reader's language) as a sentence: capital first, full stop last. */
function sentence(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return '';
  const capital = trimmed.charAt(0).toLocaleUpperCase() + trimmed.slice(1);
  return /[.!?…)]$/u.test(capital) ? capital : `${capital}.`;
}

/**
 * A translated title for an error and, for 403/404/410/429, the API's own more specific message
 * (an expired link, a closed registration, the seconds to wait), which the API already wrote in
 * the reader's language (the web app sends Accept-Language).
 */
export function errorParts(t: TFunction, error: unknown): { title: string; details: string | null } {
  if (!isApiError(error)) return { title: t('errors.unexpected'), details: null };
  const server = error.messages.map(sentence).filter(Boolean).join(' ') || null;
  switch (error.status) {
    case 403:
      return { title: t('errors.forbidden'), details: server };
    case 404:
      return { title: t('errors.notFound'), details: server };
    case 410:
      return { title: t('errors.gone'), details: server };
    case 429:
      return { title: t('errors.tooMany'), details: server };
    default:
      return { title: errorText(t, error), details: null };
  }
}

/** A translated sentence for an error; the API's own messages are added for 400/409/422 and 403/404/410/429. */
export function errorText(t: TFunction, error: unknown): string {
  if (!isApiError(error)) return t('errors.unexpected');
  const details = error.messages.join(' ');
  switch (error.status) {
    case 0:
      return t('errors.network');
    case 401:
      return t('errors.signedOut');
    case 403:
    case 404:
    case 410:
    case 429: {
      const parts = errorParts(t, error);
      return parts.details ? `${parts.title} ${parts.details}` : parts.title;
    }
    case 400:
    case 409:
    case 422:
      return details ? t('errors.rejectedWith', { details }) : t('errors.rejected');
    default:
      return error.status >= 500 ? t('errors.server') : t('errors.unexpected');
  }
}
