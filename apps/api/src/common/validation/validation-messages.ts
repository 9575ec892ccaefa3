import type { ValidationError } from 'class-validator';
import { DomainError, type Message, msg } from '@kindling/common';
import { unkeyed } from './keyed.js';

/**
 * class-validator's findings as keyed messages that name the field (its path, such as
 * `items.0.text`), translated by the error filter into the caller's language. A DTO's own
 * message is a key (`keyed()`); a finding in class-validator's own wording becomes a key with its
 * bound or values; any other finding is keyed by its constraint, so no English sentence reaches
 * a person who reads another language (the source scan fails on a DTO message that is not a key).
 */
const DEFAULTS: Array<[RegExp, (field: string, m: RegExpExecArray) => Message]> = [
  [/^property .+ should not exist$/, (field) => msg('validation.unknownProperty', { field })],
  [/ must be a UUID$/, (field) => msg('validation.uuid', { field })],
  [/ must be a string$/, (field) => msg('validation.string', { field })],
  [/ should not be empty$/, (field) => msg('validation.notEmpty', { field })],
  [/ must be an email$/, (field) => msg('validation.email', { field })],
  [/ must be an integer number$/, (field) => msg('validation.int', { field })],
  [/ must be a number conforming to the specified constraints$/, (field) => msg('validation.number', { field })],
  [/ must be a boolean value$/, (field) => msg('validation.boolean', { field })],
  [/ must be an array$/, (field) => msg('validation.array', { field })],
  [/ must be an object$/, (field) => msg('validation.object', { field })],
  [/ must be a valid ISO 8601 date string$/, (field) => msg('validation.date', { field })],
  [/ must be one of the following values: (.*)$/, (field, m) => msg('validation.enum', { field, values: m[1] ?? '' })],
  [/ must not be less than (-?[\d.]+)$/, (field, m) => msg('validation.min', { field, limit: m[1] ?? '' })],
  [/ must not be greater than (-?[\d.]+)$/, (field, m) => msg('validation.max', { field, limit: m[1] ?? '' })],
  [/ must be longer than or equal to (\d+) characters$/, (field, m) => msg('validation.minLength', { field, limit: m[1] ?? '' })],
  [/ must be shorter than or equal to (\d+) characters$/, (field, m) => msg('validation.maxLength', { field, limit: m[1] ?? '' })],
  [/ must contain at least (\d+) elements$/, (field, m) => msg('validation.arrayMinSize', { field, limit: m[1] ?? '' })],
  [/ must contain no more than (\d+) elements$/, (field, m) => msg('validation.arrayMaxSize', { field, limit: m[1] ?? '' })],
  [/^(each value in )?nested property .+ must be either object or array$/, (field) => msg('validation.nested', { field })],
  [/^an unknown value was passed to the validate function$/, (field) => msg('validation.invalid', { field })],
  [/ must be a positive number$/, (field) => msg('validation.positive', { field })],
  [/ must be a URL address$/, (field) => msg('validation.url', { field })],
  [/ must match .* regular expression$/, (field) => msg('validation.format', { field })],
];

/** Constraints whose finding has no wording of its own above: keyed by the constraint's name. */
const BY_CONSTRAINT: Record<string, string> = {
  isString: 'validation.string',
  isEmail: 'validation.email',
  isUuid: 'validation.uuid',
  isInt: 'validation.int',
  isNumber: 'validation.number',
  isBoolean: 'validation.boolean',
  isArray: 'validation.array',
  isNotEmpty: 'validation.notEmpty',
  isPositive: 'validation.positive',
  isUrl: 'validation.url',
  matches: 'validation.format',
  whitelistValidation: 'validation.unknownProperty',
};

export function messageFor(field: string, text: string, constraint = ''): Message {
  const own = unkeyed(text);
  if (own) return msg(own[0], { field, ...own[1] });
  for (const [pattern, make] of DEFAULTS) {
    const m = pattern.exec(text);
    if (m) return make(field, m);
  }
  return msg(BY_CONSTRAINT[constraint] ?? 'validation.invalid', { field });
}

/**
 * Constraints that check what kind of value a property holds. When one of them fails, the
 * property's other findings (its length, its format, its characters) only repeat it in other
 * words: `{certificateName: 5}` is "certificateName must be a string", not four sentences.
 */
const TYPE_CONSTRAINTS = new Set([
  'isDefined',
  'isString',
  'isInt',
  'isNumber',
  'isBoolean',
  'isArray',
  'isObject',
  'isDate',
  'nestedValidation',
]);

/** Findings that are not about the property's value (an unknown field, a body that is no object). */
const NOT_ABOUT_A_VALUE = new Set(['whitelistValidation', 'unknownValue']);

/**
 * One property's findings as messages, one problem each:
 * - a required property that is missing (its value undefined, when the ValidationPipe passes the
 *   value on) is only "… is required";
 * - a value of the wrong type is only the type finding;
 * - anything else, every finding (too long and with control characters are two problems).
 */
function propertyMessages(error: ValidationError, field: string): Message[] {
  const found = Object.entries(error.constraints ?? {});
  if (found.length === 0) return [];
  if ('value' in error && error.value === undefined && !found.some(([constraint]) => NOT_ABOUT_A_VALUE.has(constraint))) {
    return [msg('validation.required', { field })];
  }
  let typed = found.filter(([constraint]) => TYPE_CONSTRAINTS.has(constraint));
  // "items must be an array" says it; "each value in nested property items …" would say it again.
  if (typed.length > 1) typed = typed.filter(([constraint]) => constraint !== 'nestedValidation');
  return (typed.length > 0 ? typed : found).map(([constraint, text]) => messageFor(field, text, constraint));
}

export function validationMessages(errors: ValidationError[], parent = ''): Message[] {
  const out: Message[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    out.push(...propertyMessages(error, field));
    if (error.children?.length) out.push(...validationMessages(error.children, field));
  }
  return out;
}

/** The ValidationPipe's exceptionFactory: a 400 whose messages are keys (one per finding). */
export const validationException = (errors: ValidationError[]): DomainError => {
  const messages = validationMessages(errors);
  return new DomainError('invalid', messages.length > 0 ? messages : [msg('validation.invalid', { field: 'body' })]);
};
