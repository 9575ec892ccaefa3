import type { ValidationError } from 'class-validator';
import { DomainError, type Message, msg } from '@kindling/common';

/**
 * class-validator's findings as keyed messages that name the field (its path, such as
 * `items.0.text`), translated by the error filter into the caller's language. The constraint
 * decides the key; its bound (a length, a minimum) or its list of values comes from the
 * DTO's message, which names them in English.
 */
const numbers = (text: string): string[] => text.match(/-?\d+(?:\.\d+)?/g) ?? [];

function valuesOf(text: string): string | null {
  const listed = /(?:one of(?: the following values:)?|:)\s*(.+)$/.exec(text) ?? /must be (.+ or .+?)(?: \(.*\))?$/.exec(text);
  return listed?.[1]?.trim() ?? null;
}

export function messageFor(field: string, constraint: string, text: string): Message {
  const [first, second] = numbers(text);
  switch (constraint) {
    case 'isUuid':
    case 'isUUID':
      return msg('validation.uuid', { field });
    case 'isString':
      return msg('validation.string', { field });
    case 'isNotEmpty':
    case 'isDefined':
    case 'arrayNotEmpty':
      return msg('validation.notEmpty', { field });
    case 'isEmail':
      return msg('validation.email', { field });
    case 'isInt':
      return msg('validation.int', { field });
    case 'isNumber':
    case 'isNumberString':
      return msg('validation.number', { field });
    case 'isBoolean':
      return msg('validation.boolean', { field });
    case 'isArray':
      return msg('validation.array', { field });
    case 'isObject':
      return msg('validation.object', { field });
    case 'isDateString':
    case 'isISO8601':
    case 'isDate':
      return msg('validation.date', { field });
    case 'isIn':
    case 'isEnum': {
      const values = valuesOf(text);
      return values ? msg('validation.enum', { field, values }) : msg('validation.invalid', { field });
    }
    case 'min':
    case 'isPositive':
      return first !== undefined ? msg('validation.min', { field, limit: first }) : msg('validation.invalid', { field });
    case 'max':
      return first !== undefined ? msg('validation.max', { field, limit: first }) : msg('validation.invalid', { field });
    case 'minLength':
      return first !== undefined ? msg('validation.minLength', { field, limit: first }) : msg('validation.invalid', { field });
    case 'maxLength':
      return first !== undefined ? msg('validation.maxLength', { field, limit: first }) : msg('validation.invalid', { field });
    case 'isLength':
      return first !== undefined && second !== undefined
        ? msg('validation.length', { field, min: first, max: second })
        : msg('validation.invalid', { field });
    case 'arrayMinSize':
      return first !== undefined ? msg('validation.arrayMinSize', { field, limit: first }) : msg('validation.invalid', { field });
    case 'arrayMaxSize':
      return first !== undefined ? msg('validation.arrayMaxSize', { field, limit: first }) : msg('validation.invalid', { field });
    case 'whitelistValidation':
      return msg('validation.unknownProperty', { field });
    case 'matches':
      return /control characters/.test(text) ? msg('validation.controlCharacters', { field }) : msg('validation.invalid', { field });
    case 'nestedValidation':
    case 'unknownValue':
      return msg('validation.nested', { field });
    default:
      return msg('validation.invalid', { field });
  }
}

export function validationMessages(errors: ValidationError[], parent = ''): Message[] {
  const out: Message[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const [constraint, text] of Object.entries(error.constraints ?? {})) out.push(messageFor(field, constraint, text));
    if (error.children?.length) out.push(...validationMessages(error.children, field));
  }
  return out;
}

/** The ValidationPipe's exceptionFactory: a 400 whose messages are keys (one per finding). */
export const validationException = (errors: ValidationError[]): DomainError => {
  const messages = validationMessages(errors);
  return new DomainError('invalid', messages.length > 0 ? messages : [msg('validation.invalid', { field: 'body' })]);
};
