import { randomUUID } from 'node:crypto';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { redactUrl } from '../logging/redact-url.js';
import { DomainError, type DomainErrorCode, type MessageLike, msg } from '@kindling/common';
import { type Locale, localeFromAcceptLanguage } from '@kindling/domain';
import { type AccountLocaleLookup, callerLocale } from '../i18n/caller-locale.js';
import { translateMessage } from '@kindling/i18n';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  errorId?: string;
}

const reasons: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  409: 'Conflict', 410: 'Gone', 413: 'Payload Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Entity',
  429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

export function statusOf(code: DomainErrorCode): number {
  switch (code) {
    case 'invalid': return 400;
    case 'unauthenticated': return 401;
    case 'forbidden': return 403;
    case 'not_found': return 404;
    case 'conflict': return 409;
    case 'gone': return 410;
    case 'payload_too_large': return 413;
    case 'unsupported_media_type': return 415;
    case 'too_many_requests': return 429;
    default: {
      const exhaustive: never = code;
      return exhaustive;
    }
  }
}

/** The framework's own 4xx answers (a route that does not exist, a body that is not JSON) by key. */
function frameworkMessage(status: number, message: string | string[]): MessageLike | null {
  if (status === 404) return msg('request.notFound');
  if (status === 413) return msg('request.tooLarge');
  if (status === 415) return msg('request.encoding');
  if (status === 400 && /uuid is expected/.test(String(message))) return msg('request.uuidParameter');
  if (status === 400) return /JSON|Unexpected (token|end|non-whitespace)/.test(String(message)) ? msg('request.notJson') : msg('request.bad');
  return null;
}

/** body-parser and friends throw errors with a `status`/`type` instead of HttpExceptions. */
function fromMiddlewareError(e: unknown): { status: number; message: MessageLike } | null {
  if (typeof e !== 'object' || e === null) return null;
  const err = e as { status?: unknown; type?: unknown; message?: unknown };
  if (typeof err.status !== 'number' || err.status < 400 || err.status >= 500) return null;
  if (err.type === 'entity.too.large') return { status: 413, message: msg('request.tooLarge') };
  if (err.type === 'entity.parse.failed') return { status: 400, message: msg('request.notJson') };
  if (err.type === 'encoding.unsupported' || err.type === 'charset.unsupported') return { status: 415, message: msg('request.encoding') };
  return { status: err.status, message: msg('request.bad') };
}

/**
 * One error shape for every answer: { statusCode, error, message }. HttpExceptions and
 * DomainErrors pass through with their status; anything else is our fault: a logged 500
 * with an error id the caller can quote.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  /** Without a lookup (unit tests), messages follow Accept-Language alone. */
  constructor(private readonly accountLocale?: AccountLocaleLookup) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    const described = this.describe(exception, req);
    const userId = (req as Request & { user?: { sub?: unknown } }).user?.sub;
    // The contract's language rule for messages: the account's explicit choice, else its
    // organisation's default, else Accept-Language. Only a signed-in caller has an account to ask,
    // and a 5xx (perhaps the database itself) is answered at once, in the header's language.
    if (described.status >= 500 || typeof userId !== 'string' || !this.accountLocale) return this.send(res, described);
    callerLocale(this.accountLocale, userId, req.headers?.['accept-language']).then(
      (locale) => this.send(res, this.describe(exception, req, locale)),
      () => this.send(res, described),
    );
  }

  private send(res: Response, { status, body, headers }: { status: number; body: ErrorBody; headers: Record<string, string> }): void {
    if (res.headersSent) {
      res.end();
      return;
    }
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    res.status(status).json(body);
  }

  describe(
    exception: unknown,
    req: Request,
    locale: Locale = localeFromAcceptLanguage(req.headers?.['accept-language']) ?? 'en',
  ): { status: number; body: ErrorBody; headers: Record<string, string> } {
    const text = (m: MessageLike) => (typeof m === 'string' ? m : translateMessage(locale, m));
    if (exception instanceof DomainError) {
      const status = statusOf(exception.code);
      const message = Array.isArray(exception.messages) ? exception.messages.map(text) : text(exception.messages);
      return { status, body: { statusCode: status, error: reasons[status] ?? 'Error', message }, headers: exception.headers };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status < 500) {
        const response = exception.getResponse();
        let message: string | string[] = exception.message;
        if (typeof response === 'object' && response !== null && 'message' in response) {
          const m = (response as { message: unknown }).message;
          if (typeof m === 'string' || (Array.isArray(m) && m.every((x) => typeof x === 'string'))) message = m as string | string[];
        } else if (typeof response === 'string') {
          message = response;
        }
        // Kindling's own code throws DomainErrors (the source scan sees to it): an HttpException comes
        // from the framework (no route, an unparsable body), in its English; answer it by key.
        const framework = frameworkMessage(status, message);
        return { status, body: { statusCode: status, error: reasons[status] ?? 'Error', message: framework ? text(framework) : message }, headers: {} };
      }
    }
    const middleware = fromMiddlewareError(exception);
    if (middleware) {
      return {
        status: middleware.status,
        body: { statusCode: middleware.status, error: reasons[middleware.status] ?? 'Error', message: text(middleware.message) },
        headers: {},
      };
    }
    const unstorable = unstorableText(exception);
    if (unstorable) return { status: 400, body: { statusCode: 400, error: 'Bad Request', message: text(unstorable) }, headers: {} };
    const errorId = randomUUID();
    const unavailable = isUnavailable(exception);
    const status = unavailable ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.INTERNAL_SERVER_ERROR;
    this.logger.error(
      { errorId, err: exception, method: req.method, url: redactUrl(req.originalUrl) },
      exception instanceof Error ? exception.message : 'non-error thrown',
    );
    return {
      status,
      body: {
        statusCode: status,
        error: reasons[status] ?? 'Error',
        message: text(msg(unavailable ? 'request.unavailable' : 'request.internal', { errorId })),
        errorId,
      },
      headers: unavailable ? { 'Retry-After': '5' } : {},
    };
  }
}

/** Lost database or Redis connections are a 503 the client may retry, not a bug. */
function isUnavailable(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const code = (e as { code?: unknown }).code;
  const message = e instanceof Error ? e.message : '';
  return (
    code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === '57P01' || code === '57P03' || code === '08006' || code === '08001' ||
    /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|Connection is closed|max retries per request|Stream isn't writeable/i.test(message)
  );
}

/**
 * Text PostgreSQL refuses to store (U+0000, invalid byte sequences) came from the caller:
 * a backstop for input that reached the database past the pipes (InputSanityPipe names the field).
 */
function unstorableText(e: unknown): MessageLike | null {
  if (typeof e !== 'object' || e === null) return null;
  const code = (e as { code?: unknown }).code;
  if (code === '22021' || code === '22P05') return msg('request.unstorable');
  return null;
}
