import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { DomainError, type Message, msg } from '@kindling/common';

/** Never a field of this API; class-transformer silently drops them, so they would pass the whitelist unseen. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Deeper than any body a route accepts; deeper ones are refused rather than walked. */
const MAX_DEPTH = 64;

/**
 * Runs before validation on every body, path parameter and query string, and refuses input
 * that would otherwise surface as a 500 below the DTOs (found by tests/integration/fuzz-routes):
 *
 * - U+0000 in any string or key: PostgreSQL cannot store it in text.
 * - Unpaired UTF-16 surrogates (`"\ud800"` in JSON): validator.js's isEmail/isByteLength throw
 *   URIError on them, and PostgreSQL would silently store U+FFFD instead.
 * - Numbers JavaScript prints in exponent form (|n| < 1e-6 or ≥ 1e21, e.g. `1e-22`):
 *   class-validator's `@IsNumber({ maxDecimalPlaces })` throws a TypeError on them. No field of
 *   this API takes such a number.
 * - Nesting deeper than 64 levels.
 * - `__proto__`, `constructor` and `prototype` keys (prototype-pollution probes): class-transformer
 *   drops them before the whitelist looks, so "unknown fields are rejected" would not hold.
 *
 * Each answer is a 400 naming the field.
 */
@Injectable()
export class InputSanityPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const root = metadata.type === 'body' ? (metadata.data ?? '') : (metadata.data ?? metadata.type);
    const problem = inspect(value, root, 0);
    if (problem) throw new DomainError('invalid', problem);
    return value;
  }
}

const name = (path: string) => path || 'body';
const child = (path: string, key: string) => (path ? `${path}.${key}` : key);

function inspect(value: unknown, path: string, depth: number): Message | null {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return msg('request.nul', { field: name(path) });
    return isWellFormed(value) ? null : msg('request.unicode', { field: name(path) });
  }
  if (typeof value === 'number') {
    return value !== 0 && Number.isFinite(value) && /e/i.test(String(value)) ? msg('request.outOfRange', { field: name(path), value: String(value) }) : null;
  }
  if (typeof value !== 'object' || value === null) return null;
  if (depth >= MAX_DEPTH) return msg('request.tooDeep', { field: name(path), max: MAX_DEPTH });
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = inspect(value[i], `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return null; // not parsed input (e.g. a Buffer)
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000') || !isWellFormed(key)) return msg('request.badKey', { field: name(path) });
    if (FORBIDDEN_KEYS.has(key)) return msg('validation.unknownProperty', { field: child(path, key) });
    const found = inspect(item, child(path, key), depth + 1);
    if (found) return found;
  }
  return null;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
function isWellFormed(s: string): boolean {
  return !LONE_SURROGATE.test(s);
}

/**
 * Runs after validation, on the values the DTOs were turned into: a number JavaScript cannot
 * hold exactly (|n| > 2^53 − 1) or that is not finite is refused with a 400 naming the field.
 *
 * `@Type(() => Number) @IsInt()` lets `?page=99999999999999999999` through as 1e20 (an integer
 * to JavaScript); PostgreSQL then refused the OFFSET or id it was given ("1e+20" is no bigint)
 * and the caller got a 500. No field of this API takes a number that large, and every one up to
 * 2^53 − 1 fits the bigint arithmetic of paging (found by the rvapi input sweep).
 */
@Injectable()
export class SafeNumbersPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const root = metadata.type === 'body' ? (metadata.data ?? '') : (metadata.data ?? metadata.type);
    const problem = unsafeNumber(value, root, 0);
    if (problem) throw new DomainError('invalid', problem);
    return value;
  }
}

function unsafeNumber(value: unknown, path: string, depth: number): Message | null {
  if (typeof value === 'number') {
    return Number.isNaN(value) || Number.isSafeInteger(Math.trunc(value)) ? null : msg('request.outOfRange', { field: name(path), value: String(value) });
  }
  if (typeof value !== 'object' || value === null || depth >= MAX_DEPTH) return null;
  if (Buffer.isBuffer(value) || value instanceof Date) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unsafeNumber(value[i], `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    const found = unsafeNumber(item, child(path, key), depth + 1);
    if (found) return found;
  }
  return null;
}
