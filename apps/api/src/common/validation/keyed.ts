import type { MessageKey } from '@kindling/i18n';

/**
 * A DTO's own validation message, by key: class-validator only carries strings, so the key and
 * its parameters travel encoded in the string, and the ValidationPipe's exceptionFactory turns it
 * back into a keyed message (adding the field's path as {field}). A DTO never writes an English
 * sentence: `@Matches(NOT_BLANK, { message: keyed('validation.notBlank') })`.
 */
const MARK = 'kindling-key:';

export function keyed(key: MessageKey, params: Record<string, string | number> = {}): string {
  return MARK + JSON.stringify([key, params]);
}

/** The key and parameters of a `keyed()` text; null for any other text. */
export function unkeyed(text: string): [string, Record<string, string | number>] | null {
  if (!text.startsWith(MARK)) return null;
  try {
    const [key, params] = JSON.parse(text.slice(MARK.length)) as [string, Record<string, string | number>];
    return typeof key === 'string' ? [key, params ?? {}] : null;
  } catch {
    return null;
  }
}
