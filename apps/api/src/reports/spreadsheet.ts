/**
 * Spreadsheet-safe cells (CSV and XLSX exports).
 *
 * A spreadsheet reads a cell as a formula (or, in older readers, a DDE command) when it starts
 * with `=`, `+`, `-`, `@`, a tab or a carriage return — also after leading blanks or an opening
 * quote. Text a learner typed (their name, their e-mail) must never run in the manager's
 * spreadsheet.
 *
 * Where a cell starts depends on the reader's locale: a CSV written with `,` is read with `;` as
 * the list separator in much of Europe (it, de, fr), and then `foo;=cmd` inside one of our
 * fields becomes a new cell `=cmd`; the other way round, `a,+1` splits in a `,` locale. A line
 * break inside a field can start a new row in a reader that ignores our quoting. So every place
 * where a cell can begin — the start of the text, and right after `,`, `;`, CR or LF — is
 * checked, and when blanks/quotes and then a trigger follow, an apostrophe is put there: the new
 * cell starts with `'`, which spreadsheets show as text. Text with no such place is unchanged,
 * and neutralising twice changes nothing.
 */
const TRIGGER = '=+\\-@\\t\\r\\uFF1D\\uFF0B\\uFF0D\\uFF20'; // fullwidth = + - @ too: some readers fold them
const ANY_TRIGGER = new RegExp(`[${TRIGGER}]`);
const STARTS_WITH_TRIGGER = new RegExp(`^[\\s"]*[${TRIGGER}]`);
/** Splits right after every `,`, `;`, CR and LF: each piece starts where a reader may start a cell. */
const AFTER_SEPARATOR = /(?<=[,;\r\n])/;

export function neutraliseCell(value: string): string {
  if (!ANY_TRIGGER.test(value)) return value;
  return value
    .split(AFTER_SEPARATOR)
    .map((piece) => (STARTS_WITH_TRIGGER.test(piece) ? `'${piece}` : piece))
    .join('');
}

export type CellValue = string | number | boolean | null | undefined;

/**
 * One CSV field (RFC 4180): text is neutralised, then quoted when it holds a separator of
 * either convention (`,` or `;`), a quote or a line break. Finite numbers are written as
 * numbers (a spreadsheet reads `-3.5` as the number −3.5, not as a formula).
 */
export function csvField(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = neutraliseCell(value);
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly CellValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** A row for an XLSX sheet: text neutralised the same way (exceljs writes strings as strings, never formulas). */
export function xlsxRow(values: readonly CellValue[]): (string | number | boolean | null)[] {
  return values.map((v) => {
    if (v === null || v === undefined) return null;
    if (typeof v === 'number') return Number.isFinite(v) ? v : null;
    if (typeof v === 'boolean') return v;
    return neutraliseCell(v);
  });
}
