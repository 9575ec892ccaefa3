import { invalid, msg } from '@kindling/common';
import type { Locale } from '@kindling/domain';
import { translateMessage } from '@kindling/i18n';
import { proposeMapping } from './column-mapping.js';
import { type LineError, type Parsed, parsePupilsJson, PUPIL_LIMIT, type PupilLine } from './learner-input.js';
import { type Table, tooMany } from './spreadsheet.js';

/** A table's unreadable lines (read with `lineProblems: 'report'`) as line errors in `locale`. */
export const tableLineErrors = (table: Table, locale: Locale): LineError[] =>
  table.problems.map((p) => ({ line: p.line, message: translateMessage(locale, p.message) }));

/**
 * The pupils of a spreadsheet (CSV, TSV or XLSX, as readTable reads it): the name from the
 * name column, or first and last name joined (`Vorname;Nachname;Klasse`, `Cognome;Nome;Classe`),
 * the class from the class column, the optional language column. Each line is checked as a
 * pupil of the JSON form is, and its errors carry the line number in the file; unreadable lines
 * are line errors too, and every other line counts.
 */
export function pupilsFromTable(table: Table, locale: Locale = 'en'): Parsed<PupilLine> {
  const mapping = proposeMapping(table.header);
  if (mapping.fullName === undefined && mapping.firstName === undefined && mapping.lastName === undefined) {
    throw invalid(msg('input.pupilsNameColumn'));
  }
  tooMany(table.rows.length + table.problems.length, PUPIL_LIMIT);
  const cell = (cells: string[], at: number | undefined): string | undefined => (at === undefined ? undefined : (cells[at] ?? ''));
  const name = (cells: string[]): string => {
    const full = cell(cells, mapping.fullName)?.trim();
    if (full) return full;
    return [cell(cells, mapping.firstName), cell(cells, mapping.lastName)]
      .map((part) => (part ?? '').trim())
      .filter((part) => part !== '')
      .join(' ');
  };
  // A name or class over several lines is a quote left open that closed lines later: those lines
  // are not one pupil (a CSV cell may hold line breaks; a name never does).
  const broken: LineError[] = [];
  const rows = table.rows.filter(({ line, cells }) => {
    if (table.format !== 'csv') return true; // a line break typed into an Excel cell is only a space
    const text = [cell(cells, mapping.fullName), cell(cells, mapping.firstName), cell(cells, mapping.lastName), cell(cells, mapping.group)].join('');
    const breaks = text.match(/\r\n|\r|\n/g)?.length ?? 0;
    if (breaks === 0) return true;
    broken.push({ line: line - breaks, message: translateMessage(locale, msg('input.csvLine.quotedLines', { from: line - breaks, to: line })) });
    return false;
  });
  const items = rows.map(({ cells }) => ({
    name: name(cells),
    class: cell(cells, mapping.group) ?? '',
    ...(mapping.language !== undefined ? { language: cell(cells, mapping.language) } : {}),
  }));
  // The JSON form's rule for each pupil; its "line" is the position in the list, put back to the file's line.
  const parsed = parsePupilsJson({ pupils: items }, locale);
  const lineOf = (position: number): number => rows[position - 1]!.line;
  return {
    rows: parsed.rows.map((row) => ({ ...row, line: lineOf(row.line) })),
    errors: [...tableLineErrors(table, locale), ...broken, ...parsed.errors.map((e) => ({ ...e, line: lineOf(e.line) }))].sort((a, b) => a.line - b.line),
  };
}
