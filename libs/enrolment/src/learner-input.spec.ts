import { describe, expect, it } from '@jest/globals';
import { DomainError } from '@kindling/common';
import { parseLearnersCsv, parseLearnersJson, parsePupilsCsv, parsePupilsJson } from './learner-input.js';

describe('learner uploads', () => {
  it('keeps good lines and names each bad one by its line in the file (header = 1)', () => {
    const parsed = parseLearnersCsv('\uFEFFEmail,Name\r\nA@Example.test, Anna  B \r\n\r\nbad,X\r\n"c@example.test","Smith, C"\r\na@example.test,dup\r\n');
    expect(parsed.rows).toEqual([
      { line: 2, email: 'a@example.test', name: 'Anna B' },
      { line: 5, email: 'c@example.test', name: 'Smith, C' },
    ]);
    expect(parsed.errors).toEqual([
      { line: 4, message: '"bad" is not a valid e-mail address' },
      { line: 6, message: 'a@example.test is a duplicate of line 2' },
    ]);
  });

  it('defaults the name to the e-mail’s local part; the name column is optional', () => {
    expect(parseLearnersCsv('email\nzoe@example.test\n').rows).toEqual([{ line: 2, email: 'zoe@example.test', name: 'zoe' }]);
  });

  it('refuses a file without the header, and more than 50,000 lines with 413', () => {
    expect(() => parseLearnersCsv('a@example.test,A\n')).toThrow(/office.file.noEmailColumn/);
    expect(() => parseLearnersCsv('')).toThrow(/office.file.empty/);
    const big = ['email', ...Array.from({ length: 50_001 }, (_, i) => `u${i}@example.test`)].join('\n');
    try {
      parseLearnersCsv(big);
      throw new Error('expected a 413');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('payload_too_large');
    }
  });

  it('JSON: positions are line numbers; unknown fields are named', () => {
    const parsed = parseLearnersJson({ learners: [{ email: 'a@example.test' }, { email: 1 }, { email: 'b@example.test', role: 'x' }, 'x'] });
    expect(parsed.rows).toHaveLength(1);
    expect(parsed.errors).toEqual([
      { line: 2, message: 'email must be a string' },
      { line: 3, message: 'unknown field role' },
      { line: 4, message: 'must be an object {email, name?}' },
    ]);
    expect(() => parseLearnersJson({ learners: [], extra: 1 })).toThrow(/validation.unknownProperty/);
    expect(() => parseLearnersJson([])).toThrow(/learners/);
  });

  it('pupils: a name is required, the class is optional and bounded', () => {
    const parsed = parsePupilsCsv(`name,class\nAnna,3B\n,3C\nBo\nCy,${'x'.repeat(61)}\n`);
    expect(parsed.rows).toEqual([
      { line: 2, name: 'Anna', className: '3B' },
      { line: 4, name: 'Bo', className: null },
    ]);
    expect(parsed.errors.map((e) => e.line)).toEqual([3, 5]);
    expect(parsePupilsJson({ pupils: [{ name: 'Dee', class: '4A' }] }).rows).toEqual([{ line: 1, name: 'Dee', className: '4A' }]);
  });

  it('names from files are cleaned, never refused: invisible characters go, letters of every script stay', () => {
    const csv = 'email,name\na@example.test,Anna\u200B Rossi\nb@example.test,\u202EnosnhoJ nhoJ\u202C\nc@example.test,\u200FDana\u00A0Levi\u200E\nd@example.test,\u200B\u2066\ne@example.test,حسین\u200Cزاده\n';
    const parsed = parseLearnersCsv(csv);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows.map((r) => r.name)).toEqual(['Anna Rossi', 'nosnhoJ nhoJ', 'Dana Levi', 'd', 'حسین\u200Cزاده']);
    const json = parseLearnersJson({ learners: [{ email: 'f@example.test', firstName: '\uFEFFZoe\u0308', lastName: 'Mu\u0308ller\u2069' }] });
    expect(json.rows[0]!.name).toBe('Zoë Müller');
    const pupils = parsePupilsJson({ pupils: [{ name: 'Lia\u202E Bianchi' }, { name: '\u200B\u200D' }] });
    expect(pupils.rows).toEqual([{ line: 1, name: 'Lia Bianchi', className: null }]);
    expect(pupils.errors.map((e) => e.line)).toEqual([2]);
    expect(parsePupilsCsv('name\n山田\u2067 太郎\n').rows[0]!.name).toBe('山田 太郎');
  });
});
