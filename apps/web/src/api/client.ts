import createClient from 'openapi-fetch';
import { operations, type Operation } from './operations';
import type { paths } from './schema.gen';
import type { ApiErrorBody } from './types';

/** The names of the `{params}` in a path template, e.g. `'/a/{id}/b/{quizId}'` → `'id' | 'quizId'`. */
type ParamNames<P extends string> = P extends `${string}{${infer Param}}${infer Rest}` ? Param | ParamNames<Rest> : never;

export type PathParams<P extends string> = Record<ParamNames<P>, string>;

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

type ParamsArg<P extends string> = [ParamNames<P>] extends [never] ? { params?: undefined } : { params: PathParams<P> };
type BodyArg<Req> = undefined extends Req ? { body?: Req } : { body: Req };

/** The documented query parameters; `undefined`, `null` and '' are left out of the URL. */
type QueryArg<Q> = [Q] extends [never] ? { query?: undefined } : { query?: { [K in keyof Q]?: Q[K] | null | '' } };

export type RequestArgs<P extends string, Req, Q = never> = ParamsArg<P> &
  BodyArg<Req> &
  QueryArg<Q> & { signal?: AbortSignal };

/** Allows leaving out the arguments when nothing is required. */
type ArgsTuple<P extends string, Req, Q> =
  Record<string, never> extends ParamsArg<P> & BodyArg<Req>
    ? [args?: RequestArgs<P, Req, Q>]
    : [args: RequestArgs<P, Req, Q>];

type AnyOperation = Operation<string, unknown, unknown, Query>;
type AnyArgs = { params?: Record<string, string>; body?: unknown; query?: Query; signal?: AbortSignal };

/** A 4xx/5xx answer (or a network failure, status 0) with the API's error messages. */
export class ApiError extends Error {
  readonly status: number;
  readonly error: string;
  readonly messages: string[];

  constructor(status: number, error: string, messages: string[]) {
    super(messages[0] ?? error);
    this.name = 'ApiError';
    this.status = status;
    this.error = error;
    this.messages = messages;
  }
}

export function isApiError(value: unknown, status?: number): value is ApiError {
  return value instanceof ApiError && (status === undefined || value.status === status);
}

let onSessionLost: (() => void) | null = null;

/** Called when the session cannot be refreshed: the app goes to sign-in, keeping the URL. */
export function setSessionLostHandler(handler: (() => void) | null): void {
  onSessionLost = handler;
}

/** Empty values are left out of the query string (forms send '' for "any"). */
function serializeQuery(query: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value as QueryValue));
  }
  return search.toString();
}

/**
 * openapi-fetch over the generated `paths`: URLs, path parameters, JSON bodies and parsing.
 * Not exported: every call goes through `request`/`download` for the session and error handling.
 */
const api = createClient<paths>({
  baseUrl: '',
  credentials: 'same-origin',
  headers: { Accept: 'application/json' },
  querySerializer: serializeQuery,
});

type ParseAs = 'json' | 'blob';
/** openapi-fetch's request() with the types of one operation already applied by `Operation`. */
type LooseRequest = (
  method: string,
  path: string,
  init: Record<string, unknown>,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
const send = api.request as unknown as LooseRequest;

/**
 * The interface's current language (set on <html lang> by the i18n layer), sent as
 * Accept-Language on every call so the API's own messages come back in that language.
 */
export function uiLanguage(): string {
  const lang = typeof document === 'undefined' ? '' : document.documentElement.lang;
  return /^(en|it|de|fr)$/.test(lang) ? lang : 'en';
}

let refreshing: Promise<boolean> | null = null;

/** One refresh at a time, shared by every request that met a 401 meanwhile (the cookie carries the token: no body). */
function refreshSession(): Promise<boolean> {
  refreshing ??= send(operations.refresh.method, operations.refresh.path, { parseAs: 'stream', headers: { 'Accept-Language': uiLanguage() } })
    .then(({ response }) => response.ok)
    .catch(() => false)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

function toApiError(res: Response, error: unknown): ApiError {
  const body = (error && typeof error === 'object' ? error : {}) as Partial<ApiErrorBody>;
  const messages = Array.isArray(body.message) ? body.message : body.message ? [body.message] : [];
  return new ApiError(res.status, body.error ?? res.statusText, messages);
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function call(op: AnyOperation, args: AnyArgs | undefined, parseAs: ParseAs): Promise<{ data: unknown; response: Response }> {
  const init: Record<string, unknown> = {
    params: { path: args?.params, query: args?.query },
    parseAs,
    headers: { 'Accept-Language': uiLanguage() },
  };
  if (args?.signal) init.signal = args.signal;
  if (args?.body !== undefined && op.body !== 'none') {
    if (op.body === 'csv') {
      // A spreadsheet file goes as its bytes (the server finds the encoding, or reads the XLSX).
      const isFile = typeof Blob !== 'undefined' && args.body instanceof Blob;
      const xlsx = isFile && (/\.xlsx$/i.test((args.body as File).name ?? '') || (args.body as Blob).type === XLSX_TYPE);
      init.body = isFile ? args.body : typeof args.body === 'string' ? args.body : '';
      init.bodySerializer = (body: string | Blob) => body;
      init.headers = { 'Content-Type': xlsx ? XLSX_TYPE : 'text/csv', 'Accept-Language': uiLanguage() };
    } else if (op.body === 'file') {
      // One file as the multipart field `file` (the browser sets the boundary).
      const form = new FormData();
      form.append('file', args.body as Blob, (args.body as File).name || 'upload');
      init.body = form;
      init.bodySerializer = (body: FormData) => body;
    } else {
      init.body = args.body;
    }
  }
  const once = async () => {
    try {
      return await send(op.method, op.path, init);
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError(0, 'Network Error', []);
    }
  };
  let result = await once();
  if (result.response.status === 401 && op.auth === 'session') {
    if (await refreshSession()) {
      result = await once();
    }
    if (result.response.status === 401) {
      onSessionLost?.();
    }
  }
  if (!result.response.ok) throw toApiError(result.response, result.error);
  return { data: result.data, response: result.response };
}

/**
 * Calls one API operation with the session cookie, refreshing the session once on a 401.
 * Answers with the parsed JSON body (undefined for 204).
 */
export async function request<P extends string, Req, Res, Q>(
  op: Operation<P, Req, Res, Q>,
  ...[args]: ArgsTuple<NoInfer<P>, NoInfer<Req>, NoInfer<Q>>
): Promise<Res> {
  const { data } = await call(op as AnyOperation, args as AnyArgs | undefined, 'json');
  return data as Res;
}

/** Fetches a file (PDF, CSV, XLSX) through the same session handling and saves it. */
export async function download<P extends string, Req, Res, Q>(
  op: Operation<P, Req, Res, Q>,
  fallbackName: string,
  ...[args]: ArgsTuple<NoInfer<P>, NoInfer<Req>, NoInfer<Q>>
): Promise<void> {
  const { data, response } = await call(op as AnyOperation, args as AnyArgs | undefined, 'blob');
  const blob = data instanceof Blob ? data : new Blob([]);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  const name = match?.[1] ? decodeURIComponent(match[1]) : fallbackName;
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => { URL.revokeObjectURL(href); }, 30_000);
}
