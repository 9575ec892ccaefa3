import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsArray, IsInt, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import type { Request } from 'express';
import { AllExceptionsFilter } from '../errors/all-exceptions.filter.js';
import { keyed } from './keyed.js';
import { validationException } from './validation-messages.js';

// eslint-disable-next-line no-control-regex
const NO_CONTROL_CHARACTERS = /^[^\u0000-\u001f\u007f-\u009f]*$/;

class Item {
  @IsString()
  @MaxLength(500)
  text!: string;
}

class Body {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(NO_CONTROL_CHARACTERS, { message: keyed('validation.controlCharacters') })
  certificateName!: string;

  @IsOptional()
  @IsInt()
  count?: number;

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => Item)
  items?: Item[];
}

const filter = new AllExceptionsFilter();
const inLanguage = (lang: string) => ({ method: 'PUT', originalUrl: '/api/x', headers: { 'accept-language': lang } }) as unknown as Request;
const metadata: ArgumentMetadata = { type: 'body', metatype: Body, data: undefined };

/** The app's ValidationPipe (app.factory.ts), with or without the value of each finding passed on. */
const pipe = (value: boolean | undefined) =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    validationError: value === undefined ? { target: false } : { target: false, value },
    exceptionFactory: validationException,
  });

async function messages(body: unknown, lang = 'en', value: boolean | undefined = undefined): Promise<unknown> {
  try {
    await pipe(value).transform(body, metadata);
  } catch (e) {
    return filter.describe(e, inLanguage(lang)).body.message;
  }
  throw new Error('the body passed');
}

describe('one message per problem (rvapi2)', () => {
  it('a missing required field is only "… is required", in the caller’s language', async () => {
    expect(await messages({})).toEqual(['certificateName is required']);
    expect(await messages({}, 'it')).toEqual(['certificateName è obbligatorio']);
    expect(await messages({}, 'de-CH')).toEqual(['certificateName fehlt']);
    expect(await messages({}, 'fr')).toEqual(['certificateName est obligatoire']);
    expect(await messages({ certificateName: 'Anna', items: [{}] })).toEqual(['items.0.text is required']);
  });

  it('a value of the wrong type is only the type problem; null is a wrong type, not a missing field', async () => {
    expect(await messages({ certificateName: 5 })).toEqual(['certificateName must be a string']);
    expect(await messages({ certificateName: null })).toEqual(['certificateName must be a string']);
    expect(await messages({ certificateName: 'Anna', count: 'x' })).toEqual(['count must be an integer number']);
    expect(await messages({ certificateName: 'Anna', items: 'x' })).toEqual(['items must be an array']);
  });

  it('real problems of a value of the right type are all named', async () => {
    expect(await messages({ certificateName: `${'x'.repeat(201)}\u0007` })).toEqual([
      'certificateName must not contain control characters',
      'certificateName must be shorter than or equal to 200 characters',
    ]);
    expect(await messages({ certificateName: '' })).toEqual(['certificateName must be longer than or equal to 1 characters']);
  });

  it('an unknown field is still named alongside a missing one', async () => {
    expect(await messages({ role: 'admin' })).toEqual(['property role should not exist', 'certificateName is required']);
  });

  it('without the values (validationError.value: false) a missing field is at least one message, not four', async () => {
    expect(await messages({}, 'en', false)).toEqual(['certificateName must be a string']);
  });
});
