/**
 * Errors the domain raises, by code; mapped to HTTP in exactly one place
 * (AllExceptionsFilter.statusOf). Services throw these, never HttpExceptions, so the
 * worker can use the same services.
 */
export type DomainErrorCode =
  | 'invalid' // 400: the request is malformed or breaks a rule
  | 'unauthenticated' // 401
  | 'forbidden' // 403: signed in, lacks a platform role
  | 'not_found' // 404: does not exist, or the caller may not see it
  | 'conflict' // 409: clashes with the current state
  | 'gone' // 410: a token that was valid once
  | 'payload_too_large' // 413
  | 'unsupported_media_type' // 415
  | 'too_many_requests'; // 429

/**
 * A text that reaches a person, by key in the server catalogues (@kindling/i18n) with its
 * parameters; the API's error filter translates it into the caller's language.
 */
export interface Message {
  key: string;
  /** a parameter may itself be a plain text or a keyed message (translated first) */
  params?: Record<string, MessageParam>;
}

export type MessageParam = string | number | Message;

export const msg = (key: string, params?: Record<string, MessageParam>): Message => ({ key, params });

export const isMessage = (value: unknown): value is Message =>
  typeof value === 'object' && value !== null && typeof (value as Message).key === 'string';

export type MessageLike = string | Message;

const plain = (m: MessageLike): string => (typeof m === 'string' ? m : m.key);

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly messages: MessageLike | MessageLike[],
    readonly headers: Record<string, string> = {},
  ) {
    super(Array.isArray(messages) ? messages.map(plain).join('; ') : plain(messages));
  }
}

/**
 * "<subject> not found", by key `errors.notFound.<subject>` (libs/i18n/src/messages/errors.ts);
 * tests/unit/message-keys.test.ts checks every subject thrown has its key.
 */
export const notFound = (subject: string) => new DomainError('not_found', msg(`errors.notFound.${subject}`));
export const conflict = (message: MessageLike) => new DomainError('conflict', message);
export const invalid = (messages: MessageLike | MessageLike[]) => new DomainError('invalid', messages);
