import { describe, expect, it } from '@jest/globals';
import type { ValidationError } from 'class-validator';
import type { Request } from 'express';
import { msg } from '@kindling/common';
import { AllExceptionsFilter } from '../errors/all-exceptions.filter.js';
import { tooManyRequests } from '../../identity/rate-limit/rate-limiter.service.js';
import { keyed } from './keyed.js';
import { validationException } from './validation-messages.js';

const filter = new AllExceptionsFilter();
const inLanguage = (lang: string) => ({ method: 'POST', originalUrl: '/api/x', headers: { 'accept-language': lang } }) as unknown as Request;

describe('the API answers in the caller’s language (issue 17)', () => {
  it('class-validator findings and a DTO’s own keyed messages name the field and are translated; English keeps its wording; no finding passes as an English sentence', () => {
    const errors: ValidationError[] = [
      { property: 'name', constraints: { isString: 'name must be a string' }, children: [] },
      { property: 'role', constraints: { whitelistValidation: 'property role should not exist' }, children: [] },
      {
        property: 'items',
        children: [{ property: '0', children: [{ property: 'text', constraints: { maxLength: 'text must be shorter than or equal to 500 characters' }, children: [] }] }],
      },
      { property: 'videoUrl', constraints: { isUrl: keyed('validation.httpsUrl') }, children: [] },
      { property: 'logo', constraints: { maxLength: keyed('validation.imageTooLarge', { kb: 1024 }) }, children: [] },
      { property: 'odd', constraints: { someCustomRule: 'odd is odd in a way nobody described' }, children: [] },
      { property: 'code', constraints: { matches: 'code must match /^x$/ regular expression' }, children: [] },
    ];
    const de = filter.describe(validationException(errors), inLanguage('de-CH,de;q=0.9'));
    expect(de.status).toBe(400);
    expect(de.body.message).toEqual([
      'name muss ein Text sein',
      'das Feld role ist nicht vorgesehen',
      'items.0.text darf höchstens 500 Zeichen lang sein',
      'videoUrl muss eine https://-URL sein',
      'logo ist zu gross: höchstens 1024 KB',
      'odd hat einen Wert, der nicht angenommen wird',
      'code hat nicht das erwartete Format',
    ]);
    const en = filter.describe(validationException(errors), inLanguage('en'));
    expect(en.body.message).toEqual([
      'name must be a string',
      'property role should not exist',
      'items.0.text must be shorter than or equal to 500 characters',
      'videoUrl must be an https:// URL',
      'logo is too large: at most 1024 KB',
      'odd has a value that is not accepted',
      'code is not in the expected format',
    ]);
  });

  it('a 429 translates its reason inside the retry notice', () => {
    const { status, body, headers } = filter.describe(tooManyRequests(msg('errors.rateLimit.links'), 7), inLanguage('fr'));
    expect(status).toBe(429);
    expect(body.message).toBe('trop de liens erronés ou expirés depuis cette adresse (réessayez dans 7 s)');
    expect(headers['Retry-After']).toBe('7');
  });
});
