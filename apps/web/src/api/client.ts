import { operations, type Operation } from './operations';
import type { ApiErrorBody } from './types';

/** The names of the `:params` in a path template, e.g. `'/a/:id/b/:quizId'` → `'id' | 'quizId'`. */
type ParamNames<P extends string> = P extends `${string}:${infer Param}/${infer Rest}`
  ? Param | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Param}`
    ? Param
    : never;

export type PathParams<P extends string> = Record<ParamNames<P>, string>;

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

type ParamsArg<P extends string> = [ParamNames<P>] extends [never] ? { params?: undefined } : { params: PathParams<P> };
type BodyArg<Req> = [Req] extends [undefined] ? { body?: undefined } : { body: Req };

export type RequestArgs<P extends string, Req> = ParamsArg<P> &
  BodyArg<Req> & { query?: Query; signal?: AbortSignal };

/** Allows leaving out the arguments when nothing is required. */
type ArgsTuple<P extends string, Req> =
  Record<string, never> extends ParamsArg<P> & BodyArg<Req>
    ? [args?: RequestArgs<P, Req>]
    : [args: RequestArgs<P, Req>];

type AnyOperation = Operation<string, unknown, unknown>;

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

export function buildUrl(path: string, params?: Record<string, string>, query?: Query): string {
  const filled = path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === '') throw new Error(`Missing path parameter "${name}" for ${path}`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const qs = search.toString();
  return qs ? `${filled}?${qs}` : filled;
}

let refreshing: Promise<boolean> | null = null;

/** One refresh at a time, shared by every request that met a 401 meanwhile. */
function refreshSession(): Promise<boolean> {
  refreshing ??= fetch(operations.refresh.path, { method: 'POST', credentials: 'same-origin' })
    .then((res) => res.ok)
    .catch(() => false)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

async function toApiError(res: Response): Promise<ApiError> {
  let body: Partial<ApiErrorBody> = {};
  try {
    body = (await res.json()) as Partial<ApiErrorBody>;
  } catch {
    // not JSON: keep the status only
  }
  const messages = Array.isArray(body.message) ? body.message : body.message ? [body.message] : [];
  return new ApiError(res.status, body.error ?? res.statusText, messages);
}

async function send(op: AnyOperation, args: RequestArgs<string, unknown> | undefined): Promise<Response> {
  const url = buildUrl(op.path, args?.params, args?.query);
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (args?.body !== undefined && op.body !== 'none') {
    if (op.body === 'csv') {
      headers['Content-Type'] = 'text/csv';
      body = typeof args.body === 'string' ? args.body : '';
    } else {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(args.body);
    }
  }
  const init: RequestInit = { method: op.method, headers, credentials: 'same-origin', body };
  if (args?.signal) init.signal = args.signal;

  let res: Response;
  try {
    res = await fetch(url, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'Network Error', []);
  }
  if (res.status === 401 && op.auth === 'session') {
    if (await refreshSession()) {
      res = await fetch(url, init);
    }
    if (res.status === 401) {
      onSessionLost?.();
    }
  }
  if (!res.ok) throw await toApiError(res);
  return res;
}

/**
 * Calls one API operation with the session cookie, refreshing the session once on a 401.
 * Answers with the parsed JSON body (undefined for 204).
 */
export async function request<P extends string, Req, Res>(
  op: Operation<P, Req, Res>,
  ...[args]: ArgsTuple<P, Req>
): Promise<Res> {
  const res = await send(op, args as RequestArgs<string, unknown> | undefined);
  if (res.status === 204 || res.headers.get('Content-Length') === '0') return undefined as Res;
  const type = res.headers.get('Content-Type') ?? '';
  if (type.includes('json')) return (await res.json()) as Res;
  return (await res.text()) as Res;
}

/** Fetches a file (PDF, CSV, XLSX) through the same session handling and saves it. */
export async function download<P extends string, Req, Res>(
  op: Operation<P, Req, Res>,
  fallbackName: string,
  ...[args]: ArgsTuple<P, Req>
): Promise<void> {
  const res = await send(op, args as RequestArgs<string, unknown> | undefined);
  const blob = await res.blob();
  const disposition = res.headers.get('Content-Disposition') ?? '';
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
