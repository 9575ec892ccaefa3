import { parse } from 'csv-parse/sync';
import { DomainError, invalid, msg } from '@kindling/common';
import { isLocale, type Locale, personName } from '@kindling/domain';
import { translate, type MessageKey, type MessageParams } from '@kindling/i18n';
import { type ColumnMapping, mappingProblems, proposeMapping } from './column-mapping.js';
import { readCsv, type Table } from './spreadsheet.js';

export interface LineError {
  line: number;
  message: string;
}

export interface LearnerLine {
  line: number;
  email: string;
  name: string;
  /**
   * Optional columns (a spreadsheet's, or the JSON form's fields): stored on the person's
   * membership in the cohort's organisation (memberships.employee_number / unit), at most
   * MEMBER_FIELD_MAX characters each. `group` is the class or ward.
   */
  employeeNumber?: string;
  group?: string;
  /** The language the inviter's file gives this person (optional column); absent: the language rule decides. */
  locale?: Locale;
}

export interface PupilLine {
  line: number;
  name: string;
  className: string | null;
  locale?: Locale;
}

/** Header names of the optional language column, in Kindling's four languages. */
export const LANGUAGE_COLUMNS = ['language', 'lingua', 'sprache', 'langue'] as const;

/** Language names a file may use besides the codes (en, it, de, fr; de-CH counts as de). */
const LANGUAGE_NAMES: Record<string, Locale> = {
  english: 'en', inglese: 'en', englisch: 'en', anglais: 'en',
  italian: 'it', italiano: 'it', italienisch: 'it', italien: 'it',
  german: 'de', tedesco: 'de', deutsch: 'de', allemand: 'de',
  french: 'fr', francese: 'fr', 'französisch': 'fr', 'français': 'fr', francais: 'fr',
};

type Keyed = [MessageKey, MessageParams?];

/** A line error in the reader's language. */
const lineError = (locale: Locale, line: number, [key, params]: Keyed): LineError => ({ line, message: translate(locale, key, params ?? {}) });

/** A language cell: a code, a region tag or a language name; '' is none; anything else is a line error. */
function languageOf(raw: unknown): { locale?: Locale; error?: Keyed } {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'string') return { error: ['office.line.languageNotString'] };
  const text = raw.trim().toLowerCase();
  if (text === '') return {};
  const base = text.split(/[-_]/)[0];
  if (isLocale(base)) return { locale: base };
  const named = LANGUAGE_NAMES[text];
  if (named) return { locale: named };
  return { error: ['office.line.languageInvalid', { value: raw.trim().slice(0, 40) }] };
}

/** The index of the language column in a header, -1 when there is none. */
const languageColumn = (header: string[]): number => header.findIndex((h) => (LANGUAGE_COLUMNS as readonly string[]).includes(h));

export interface Parsed<T> {
  rows: T[];
  errors: LineError[];
}

/** Lines answered in the request; above this a job is queued. */
export const SYNC_LIMIT = 5_000;
/** The most lines one upload may have. */
export const UPLOAD_LIMIT = 50_000;
/** Pupils per upload (a school at once); the code sheet is made in one job. */
export const PUPIL_LIMIT = 5_000;
export const NAME_MAX = 200;
export const CLASS_MAX = 60;
/** The most characters of an employee number and of a class/ward kept on a membership. */
export const MEMBER_FIELD_MAX = 64;
const EMAIL_MAX = 254;
// Pragmatic: one @, a dot in the domain, no spaces or angle brackets.
const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

interface CsvRecord {
  record: string[];
  info: { lines: number };
}

/** Parses CSV text into records with the line number each ends on (header = line 1). */
function parseCsv(text: string, expected: string[], required: string): { header: string[]; records: CsvRecord[] } {
  if (typeof text !== 'string' || text.trim().length === 0) throw invalid(msg('input.csvEmpty', { header: expected.join(',') }));
  let records: CsvRecord[];
  try {
    records = parse(text, { info: true, relax_column_count: true, skip_empty_lines: true, bom: true, trim: true }) as unknown as CsvRecord[];
  } catch (e) {
    const err = e as { message?: string; lines?: number };
    throw invalid(msg('office.file.unreadable', { line: err.lines ?? '?', reason: err.message ?? '' }));
  }
  const head = records[0];
  const header = (head?.record ?? []).map((h) => h.toLowerCase());
  if (!head || head.info.lines !== 1 || !header.includes(required)) {
    throw invalid(msg('input.csvHeader', { header: expected.join(','), column: required }));
  }
  return { header, records: records.slice(1) };
}

function tooMany(count: number, limit: number): void {
  if (count > limit) {
    throw new DomainError('payload_too_large', msg('office.file.tooMany', { count, limit }));
  }
}

/** Checks one learner; the name defaults to the e-mail's local part. */
function learner(
  line: number,
  emailRaw: unknown,
  nameRaw: unknown,
  seen: Map<string, number>,
  out: Parsed<LearnerLine>,
  languageRaw: unknown,
  locale: Locale,
  extra: { employeeNumber?: string; group?: string } = {},
): void {
  const fail = (error: Keyed): void => void out.errors.push(lineError(locale, line, error));
  const email = typeof emailRaw === 'string' ? emailRaw.trim().toLowerCase() : '';
  // Cleaned, never refused: a stray U+200B or bidi mark from a spreadsheet must not fail a line (libs/domain personName).
  const name = typeof nameRaw === 'string' ? personName(nameRaw) : '';
  if (emailRaw !== undefined && emailRaw !== null && typeof emailRaw !== 'string') return fail(['office.line.emailNotString']);
  if (nameRaw !== undefined && nameRaw !== null && typeof nameRaw !== 'string') return fail(['office.line.nameNotString']);
  if (email === '') return fail(['office.line.emailMissing']);
  if (email.length > EMAIL_MAX || !EMAIL.test(email)) return fail(['office.line.emailInvalid', { value: email.slice(0, 80) }]);
  if (name.length > NAME_MAX) return fail(['office.line.nameTooLong', { length: name.length, max: NAME_MAX }]);
  const language = languageOf(languageRaw);
  if (language.error) return fail(language.error);
  if (extra.employeeNumber && extra.employeeNumber.length > MEMBER_FIELD_MAX) {
    return fail(['office3.line.employeeNumberTooLong', { length: extra.employeeNumber.length, max: MEMBER_FIELD_MAX }]);
  }
  if (extra.group && extra.group.length > MEMBER_FIELD_MAX) return fail(['office3.line.unitTooLong', { length: extra.group.length, max: MEMBER_FIELD_MAX }]);
  const first = seen.get(email);
  if (first !== undefined) return fail(['office.line.duplicate', { email, first }]);
  seen.set(email, line);
  out.rows.push({
    line,
    email,
    name: name || email.split('@')[0]!,
    ...(language.locale ? { locale: language.locale } : {}),
    ...(extra.employeeNumber ? { employeeNumber: extra.employeeNumber } : {}),
    ...(extra.group ? { group: extra.group } : {}),
  });
}

/** The full name of a row: the full-name column, else first and last name joined. */
function nameOf(cells: string[], mapping: ColumnMapping): string {
  if (mapping.fullName !== undefined && (cells[mapping.fullName] ?? '').trim() !== '') return cells[mapping.fullName]!;
  return [mapping.firstName, mapping.lastName]
    .map((at) => (at === undefined ? '' : (cells[at] ?? '').trim()))
    .filter((part) => part !== '')
    .join(' ');
}

/**
 * The learners of a spreadsheet table under a column mapping (the proposed one when none is
 * given). A mapping without an e-mail column is refused; bad lines are reported by line.
 */
export function learnersFromTable(table: Table, mapping: ColumnMapping | undefined, locale: Locale = 'en'): Parsed<LearnerLine> & { mapping: ColumnMapping } {
  const used = mapping ?? proposeMapping(table.header);
  const problem = mappingProblems(used, Math.max(table.header.length, ...table.rows.slice(0, 50).map((r) => r.cells.length)));
  if (problem) throw invalid(msg('office.file.mappingColumn', problem));
  if (used.email === undefined) throw invalid(msg('office.file.noEmailColumn'));
  tooMany(table.rows.length, UPLOAD_LIMIT);
  const out: Parsed<LearnerLine> = { rows: [], errors: [] };
  const seen = new Map<string, number>();
  const cell = (cells: string[], at: number | undefined): string | undefined => (at === undefined ? undefined : (cells[at] ?? ''));
  for (const { line, cells } of table.rows) {
    learner(line, cells[used.email] ?? '', nameOf(cells, used), seen, out, cell(cells, used.language), locale, {
      employeeNumber: cell(cells, used.employeeNumber)?.trim(),
      group: cell(cells, used.group)?.trim(),
    });
  }
  return { ...out, mapping: used };
}

/**
 * A CSV of learners: `email,name` or a person's own headers in en/it/de/fr (`E-Mail;Vorname;
 * Nachname`), separated by comma, semicolon or tab; an optional language column. Bad lines are
 * reported by line number in `locale`; the good ones are kept.
 */
export function parseLearnersCsv(text: string | Buffer, locale: Locale = 'en'): Parsed<LearnerLine> {
  const { rows, errors } = learnersFromTable(readCsv(text), undefined, locale);
  return { rows, errors };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Fields of one learner in the JSON form; employeeNumber and group (class or ward) are stored like the spreadsheet columns. */
const JSON_LEARNER_FIELDS = ['email', 'name', 'firstName', 'lastName', 'language', 'employeeNumber', 'group'];

/**
 * The JSON form's employee number and class/ward of one learner: a value that is not a string is
 * a line error; one longer than MEMBER_FIELD_MAX refuses the request (400) naming the field, as
 * a form's field would be refused.
 */
function memberFields(item: Record<string, unknown>, index: number): { extra?: { employeeNumber?: string; group?: string }; error?: Keyed } {
  const extra: { employeeNumber?: string; group?: string } = {};
  for (const [field, key] of [['employeeNumber', 'employeeNumber'], ['group', 'unit']] as const) {
    const raw = item[field];
    if (raw === undefined || raw === null) continue;
    if (typeof raw !== 'string') return { error: [key === 'unit' ? 'office3.line.unitNotString' : 'office3.line.employeeNumberNotString'] };
    const value = raw.trim();
    if (value.length > MEMBER_FIELD_MAX) {
      throw invalid(msg(key === 'unit' ? 'office3.field.unitTooLong' : 'office3.field.employeeNumberTooLong', { field: `learners.${index}.${field}`, length: value.length, max: MEMBER_FIELD_MAX }));
    }
    if (value !== '') extra[field] = value;
  }
  return { extra };
}

/** JSON `{learners:[{email, name?, employeeNumber?, group?}]}`; "line" is the 1-based position in the list. */
export function parseLearnersJson(body: unknown, locale: Locale = 'en'): Parsed<LearnerLine> {
  if (!isObject(body)) throw invalid(msg('input.learnersBody'));
  const unknown = Object.keys(body).filter((k) => k !== 'learners');
  if (unknown.length > 0) throw invalid(unknown.map((field) => msg('validation.unknownProperty', { field })));
  if (!Array.isArray(body.learners)) throw invalid(msg('input.learnersList'));
  tooMany(body.learners.length, UPLOAD_LIMIT);
  const out: Parsed<LearnerLine> = { rows: [], errors: [] };
  const seen = new Map<string, number>();
  body.learners.forEach((item: unknown, i) => {
    const line = i + 1;
    if (!isObject(item)) return void out.errors.push(lineError(locale, line, ['office.line.notObject']));
    const extra = Object.keys(item).filter((k) => !JSON_LEARNER_FIELDS.includes(k));
    if (extra.length > 0) return void out.errors.push(lineError(locale, line, ['office.line.unknownField', { fields: extra.join(', ') }]));
    // The "add one person" form sends first and last name apart, as a spreadsheet may.
    const parts = [item.firstName, item.lastName].filter((v): v is string => typeof v === 'string' && v.trim() !== '');
    const name = item.name ?? (parts.length > 0 ? parts.join(' ') : undefined);
    const member = memberFields(item, i);
    if (member.error) return void out.errors.push(lineError(locale, line, member.error));
    learner(line, item.email, name, seen, out, item.language, locale, member.extra);
  });
  return out;
}

function pupil(line: number, nameRaw: unknown, classRaw: unknown, out: Parsed<PupilLine>, languageRaw: unknown, locale: Locale): void {
  const fail = (error: Keyed): void => void out.errors.push(lineError(locale, line, error));
  if (nameRaw !== undefined && nameRaw !== null && typeof nameRaw !== 'string') return fail(['office.line.nameNotString']);
  if (classRaw !== undefined && classRaw !== null && typeof classRaw !== 'string') return fail(['input.pupil.classNotString']);
  const name = typeof nameRaw === 'string' ? personName(nameRaw) : '';
  const className = typeof classRaw === 'string' ? classRaw.trim() : '';
  if (name === '') return fail(['input.pupil.nameMissing']);
  if (name.length > NAME_MAX) return fail(['office.line.nameTooLong', { length: name.length, max: NAME_MAX }]);
  if (className.length > CLASS_MAX) return fail(['input.pupil.classTooLong', { length: className.length, max: CLASS_MAX }]);
  const language = languageOf(languageRaw);
  if (language.error) return fail(language.error);
  out.rows.push({ line, name, className: className || null, ...(language.locale ? { locale: language.locale } : {}) });
}

/** `name,class` CSV for pupils (class optional; an optional language column as for learners). */
export function parsePupilsCsv(text: string, locale: Locale = 'en'): Parsed<PupilLine> {
  const { header, records } = parseCsv(text, ['name', 'class'], 'name');
  tooMany(records.length, PUPIL_LIMIT);
  const nameAt = header.indexOf('name');
  const classAt = header.indexOf('class');
  const languageAt = languageColumn(header);
  const out: Parsed<PupilLine> = { rows: [], errors: [] };
  for (const { record, info } of records) {
    pupil(info.lines, record[nameAt] ?? '', classAt >= 0 ? (record[classAt] ?? '') : '', out, languageAt >= 0 ? record[languageAt] : undefined, locale);
  }
  return out;
}

/** JSON `{pupils:[{name, class?}]}`. */
export function parsePupilsJson(body: unknown, locale: Locale = 'en'): Parsed<PupilLine> {
  if (!isObject(body)) throw invalid(msg('input.pupilsBody'));
  const unknown = Object.keys(body).filter((k) => k !== 'pupils');
  if (unknown.length > 0) throw invalid(unknown.map((field) => msg('validation.unknownProperty', { field })));
  if (!Array.isArray(body.pupils)) throw invalid(msg('input.pupilsList'));
  tooMany(body.pupils.length, PUPIL_LIMIT);
  const out: Parsed<PupilLine> = { rows: [], errors: [] };
  body.pupils.forEach((item: unknown, i) => {
    const line = i + 1;
    if (!isObject(item)) return void out.errors.push(lineError(locale, line, ['input.pupil.notObject']));
    const extra = Object.keys(item).filter((k) => k !== 'name' && k !== 'class' && k !== 'language');
    if (extra.length > 0) return void out.errors.push(lineError(locale, line, ['office.line.unknownField', { fields: extra.join(', ') }]));
    pupil(line, item.name, item.class, out, item.language, locale);
  });
  return out;
}
