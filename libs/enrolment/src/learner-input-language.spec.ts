import { describe, expect, it } from '@jest/globals';
import { parseLearnersCsv, parseLearnersJson, parsePupilsCsv, parsePupilsJson } from './learner-input.js';

describe('the optional language column of uploads', () => {
  it.each(['language', 'Lingua', 'SPRACHE', 'langue'])('reads a column named %s: codes, region tags and language names', (column) => {
    const parsed = parseLearnersCsv(`email,${column}\na@example.test,DE\nb@example.test,fr-CH\nc@example.test,Italiano\nd@example.test,\n`);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toEqual([
      { line: 2, email: 'a@example.test', name: 'a', locale: 'de' },
      { line: 3, email: 'b@example.test', name: 'b', locale: 'fr' },
      { line: 4, email: 'c@example.test', name: 'c', locale: 'it' },
      { line: 5, email: 'd@example.test', name: 'd' },
    ]);
    expect('locale' in parsed.rows[3]!).toBe(false);
  });

  it('names a language it does not know as a line error', () => {
    const parsed = parseLearnersCsv('email,name,language\na@example.test,A,es\nb@example.test,B,en\n');
    expect(parsed.errors).toEqual([{ line: 2, message: 'language "es" is not one of en, it, de, fr' }]);
    expect(parsed.rows).toEqual([{ line: 3, email: 'b@example.test', name: 'B', locale: 'en' }]);
  });

  it('takes `language` in JSON lists too, and for pupils', () => {
    expect(parseLearnersJson({ learners: [{ email: 'a@example.test', language: 'it' }, { email: 'b@example.test', language: 3 }] })).toEqual({
      rows: [{ line: 1, email: 'a@example.test', name: 'a', locale: 'it' }],
      errors: [{ line: 2, message: 'language must be a string' }],
    });
    expect(parsePupilsCsv('name,class,lingua\nAnna,3B,de\nBo,,\n').rows).toEqual([
      { line: 2, name: 'Anna', className: '3B', locale: 'de' },
      { line: 3, name: 'Bo', className: null },
    ]);
    expect(parsePupilsJson({ pupils: [{ name: 'Dee', language: 'fr' }] }).rows).toEqual([{ line: 1, name: 'Dee', className: null, locale: 'fr' }]);
  });
});
