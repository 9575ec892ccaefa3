import { describe, expect, it } from '@jest/globals';
import { BadRequestException, NotFoundException } from '@nestjs/common';
import type { Request } from 'express';
import { AllExceptionsFilter } from './all-exceptions.filter.js';
import { DomainError, msg } from '@kindling/common';

const req = { method: 'GET', originalUrl: '/api/x' } as Request;
const filter = new AllExceptionsFilter();
// The filter logs unexpected errors; keep the test output clean.
(filter as unknown as { logger: { error: () => void } }).logger = { error: () => undefined };

describe('AllExceptionsFilter', () => {
  it('passes domain errors through with their status and the one error shape', () => {
    const { status, body } = filter.describe(new DomainError('conflict', 'no attempts are left'), req);
    expect(status).toBe(409);
    expect(body).toEqual({ statusCode: 409, error: 'Conflict', message: 'no attempts are left' });
  });

  it('keeps validation messages as a list', () => {
    const { status, body } = filter.describe(new DomainError('invalid', [msg('validation.string', { field: 'name' }), msg('validation.unknownProperty', { field: 'role' })]), req);
    expect(status).toBe(400);
    expect(body.message).toEqual(['name must be a string', 'property role should not exist']);
  });

  it('answers the framework’s own English 4xx by key, in the caller’s language', () => {
    const it = { ...req, headers: { 'accept-language': 'it' } } as unknown as Request;
    expect(filter.describe(new NotFoundException('Cannot GET /api/nothing'), it)).toMatchObject({ status: 404, body: { message: 'Non trovato' } });
    expect(filter.describe(new BadRequestException('Unexpected end of JSON input'), it).body.message).toBe('il contenuto della richiesta non è JSON valido');
    expect(filter.describe(new BadRequestException('Validation failed (uuid is expected)'), it).body.message).toBe("un identificativo nell'indirizzo deve essere un UUID");
  });

  it('turns an unexpected error into a 500 with an error id — never a 400', () => {
    const { status, body } = filter.describe(new TypeError("Cannot read properties of undefined (reading 'id')"), req);
    expect(status).toBe(500);
    expect(body.error).toBe('Internal Server Error');
    expect(body.errorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.message).toContain(body.errorId!);
    expect(JSON.stringify(body)).not.toContain('reading');
  });

  it('answers a lost database connection with 503 and Retry-After', () => {
    const lost = Object.assign(new Error('Connection terminated unexpectedly'), { code: 'ECONNRESET' });
    const { status, headers } = filter.describe(lost, req);
    expect(status).toBe(503);
    expect(headers['Retry-After']).toBe('5');
  });
});
