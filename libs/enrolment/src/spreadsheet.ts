import { inflateRawSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import chardet from 'chardet';
import ExcelJS from 'exceljs';
import { DomainError, invalid, type Message, msg } from '@kindling/common';

/**
 * Spreadsheets as people have them: CSV written by Excel in any of its regional dialects
 * (comma, semicolon or tab; UTF-8 with or without BOM, UTF-16, Windows-1252) and XLSX
 * workbooks. Everything ends up as one table of text cells with the line number of each row.
 */

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';
export type Delimiter = ',' | ';' | '\t';

export interface TableRow {
  /** Line in the file (CSV: physical line the record ends on; XLSX: sheet row number). */
  line: number;
  cells: string[];
}

/** A line of a spreadsheet that could not be read; it is not among the rows. */
export interface LineProblem {
  line: number;
  message: Message;
}

/**
 * What becomes of lines that cannot be read (a misplaced quote, control characters):
 * `report` keeps them out of the rows and lists them in `problems`, to be answered as line errors
 * while every other line still counts; `refuse` (the default, for callers that do not answer
 * `problems`) refuses the whole file with a 400 naming the first such line, so no line is dropped
 * unseen.
 */
export type LineProblems = 'report' | 'refuse';

export interface Table {
  format: 'csv' | 'xlsx';
  /** CSV only: the character encoding found. */
  encoding: Encoding | null;
  /** CSV only: the separator found. */
  delimiter: Delimiter | null;
  /** XLSX only: the sheet read and all sheet names. */
  sheet: string | null;
  sheets: string[];
  header: string[];
  rows: TableRow[];
  /** Lines left out of `rows` because they cannot be read, in file order (empty unless `report`). */
  problems: LineProblem[];
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The most rows a table may have before parsing stops (a guard; callers apply their own limits). */
const HARD_ROW_CAP = 200_000;

/** Finds the encoding of a CSV file: BOMs first, then strict UTF-8, then a detector for the rest. */
export function detectEncoding(bytes: Buffer): Encoding {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8-bom';
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  // UTF-16 without a BOM: ASCII text leaves every other byte zero.
  const sample = bytes.subarray(0, Math.min(bytes.length, 4096));
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] !== 0) continue;
    if (i % 2 === 0) zeroEven++;
    else zeroOdd++;
  }
  if (sample.length >= 4 && zeroOdd > sample.length / 4) return 'utf-16le';
  if (sample.length >= 4 && zeroEven > sample.length / 4) return 'utf-16be';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    // Not UTF-8: Excel's "CSV" on Windows writes the ANSI code page, which is Windows-1252 in
    // Western Europe; the detector confirms a single-byte Latin encoding (ISO-8859-1 is read
    // as its superset Windows-1252).
    const guess = (chardet.detect(sample) ?? '').toLowerCase();
    if (guess.startsWith('utf-16')) return guess.includes('be') ? 'utf-16be' : 'utf-16le';
    return 'windows-1252';
  }
}

/** Decodes a CSV file to text with the encoding found (the BOM is dropped). */
export function decodeCsv(bytes: Buffer): { text: string; encoding: Encoding } {
  const encoding = detectEncoding(bytes);
  let text = new TextDecoder(encoding === 'utf-8-bom' ? 'utf-8' : encoding).decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, encoding };
}

/** The separator of a CSV text: the candidate that splits the first line (outside quotes) most. */
export function detectDelimiter(text: string): Delimiter {
  const counts: Record<Delimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  // Ties (including none at all: a one-column file) favour the comma, then the semicolon.
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  if (counts[';'] > counts[',']) return ';';
  return ',';
}

interface CsvRecord {
  record: string[];
  info: { lines: number };
}

/** C0 and C1 control characters other than tab, line feed and carriage return: never in a person's spreadsheet text. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_ALL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** The most unreadable lines listed before the whole file is refused (a file that is mostly unreadable is not a list). */
const MAX_PROBLEMS = 500;

/**
 * Whether decoded "CSV" text is in fact binary (a PDF, an image, an old .xls sent as text/csv):
 * NUL characters, or control characters in more than 1 in 200 characters.
 */
function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  const controls = text.match(CONTROL_ALL)?.length ?? 0;
  return controls > 8 && controls > text.length / 200;
}

/** What csv-parse found wrong with a record, as a line problem (its own words quote the cell: never echoed). */
function csvProblem(code: string | undefined, from: number, to: number): Message {
  if (from < to) return msg('input.csvLine.quotedLines', { from, to });
  if (code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE') return msg('input.csvLine.textAfterQuote');
  if (code === 'CSV_QUOTE_NOT_CLOSED') return msg('input.csvLine.quoteNotClosed');
  return msg('input.csvLine.unreadable');
}

/** The 1-based line each offset starts (index 0 is line 1), counting CRLF, LF and CR as csv-parse does. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** Lines read at once while recovering from a bad record, and the most lines one quoted cell may run over. */
const WINDOW_LINES = 1000;
const MAX_QUOTED_LINES = 100;

/**
 * Parses CSV text record by record; a record csv-parse cannot read (`"Rossi" Anna`, a quote never
 * closed) becomes a problem on its line and parsing goes on after it, so one typo does not cost
 * the other lines. A quote never closed (by the end of the file, or within MAX_QUOTED_LINES)
 * is a problem on the line it opens on, and the lines it swallowed are read again. The text is
 * read in windows of whole lines, so each problem costs a window, not the rest of the file.
 */
function parseRecords(text: string, delimiter: Delimiter): { records: CsvRecord[]; problems: LineProblem[]; gaveUp: boolean } {
  const records: CsvRecord[] = [];
  const problems: LineProblem[] = [];
  const starts = lineStarts(text);
  const lineCount = starts.length;
  const lineText = (line: number): string => text.slice(starts[line - 1], line < lineCount ? starts[line] : text.length);
  let from = 1;
  let window = lineCount; // the first try reads the whole file at once
  while (from <= lineCount && records.length < HARD_ROW_CAP) {
    const offset = from - 1;
    const to = Math.min(lineCount, offset + window);
    let lastEnd = offset;
    try {
      parse(text.slice(starts[offset], to < lineCount ? starts[to] : text.length), {
        relax_column_count: true,
        skip_empty_lines: true,
        trim: true,
        // A quote inside an unquoted field (Anna "Nan" Rossi, typed by hand) is text, not the end of
        // the whole upload: the line is kept as written and every other line still counts.
        relax_quotes: true,
        delimiter,
        to: HARD_ROW_CAP - records.length,
        on_record: (record: string[], context: { lines: number }) => {
          lastEnd = context.lines + offset;
          records.push({ record, info: { lines: lastEnd } });
          return record;
        },
      });
      from = to + 1;
      window = WINDOW_LINES;
    } catch (e) {
      const err = e as { code?: string; lines?: number };
      if (typeof err.code !== 'string' || !err.code.startsWith('CSV_')) throw e;
      // The bad record starts on the first non-empty line after the last good one.
      let start = lastEnd + 1;
      while (start < to && lineText(start).trim() === '') start++;
      if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
        if (to < lineCount && to - start < MAX_QUOTED_LINES) {
          // The window ended inside a quoted cell that may still close: read on from its start.
          from = start;
          window = Math.max(WINDOW_LINES, 2 * MAX_QUOTED_LINES);
          continue;
        }
        problems.push({ line: start, message: csvProblem(err.code, start, start) });
        from = start + 1;
      } else {
        const found = Math.min(Math.max((err.lines ?? 1) + offset, start), to);
        problems.push({ line: start, message: csvProblem(err.code, start, found) });
        from = found + 1;
      }
      window = WINDOW_LINES;
      if (problems.length > MAX_PROBLEMS) return { records, problems, gaveUp: true };
    }
  }
  return { records, problems, gaveUp: false };
}

/** A table's line problems answered (`report`) or the whole file refused naming the first (`refuse`). */
function settleProblems(problems: LineProblem[], mode: LineProblems, format: 'csv' | 'xlsx', headerLine = 1, gaveUp = false): LineProblem[] {
  const first = problems[0];
  if (!first) return [];
  // The header, or a file that is mostly unreadable, is no list whose other lines could count.
  if (mode === 'refuse' || first.line <= headerLine || gaveUp || problems.length > MAX_PROBLEMS) {
    throw invalid(msg(format === 'csv' ? 'office.file.unreadable' : 'input.xlsxLineUnreadable', { line: first.line, reason: first.message }));
  }
  return problems;
}

/** Rows with control characters are problems, not rows: their text would be stored and quoted back as it is. */
function withoutControlRows(rows: TableRow[], problems: LineProblem[]): TableRow[] {
  const kept: TableRow[] = [];
  for (const row of rows) {
    if (row.cells.some((c) => CONTROL.test(c))) problems.push({ line: row.line, message: msg('input.csvLine.controlCharacters') });
    else kept.push(row);
  }
  return kept;
}

/** A CSV file (bytes or already-decoded text) as a table. */
export function readCsv(input: Buffer | string, options: { lineProblems?: LineProblems } = {}): Table {
  const { text, encoding } = typeof input === 'string' ? { text: input.replace(/^\uFEFF/, ''), encoding: null } : decodeCsv(input);
  if (text.trim().length === 0) throw invalid(msg('office.file.empty'));
  if (looksBinary(text)) throw new DomainError('unsupported_media_type', msg('input.notSpreadsheet'));
  const delimiter = detectDelimiter(text);
  const parsed = parseRecords(text, delimiter);
  const head = parsed.records[0];
  const hasHeader = head !== undefined && head.info.lines === 1;
  const problems = [...parsed.problems];
  if (hasHeader && head.record.some((c) => CONTROL.test(c))) problems.push({ line: 1, message: msg('input.csvLine.controlCharacters') });
  const rows = withoutControlRows(
    parsed.records.slice(hasHeader ? 1 : 0).map((r) => ({ line: r.info.lines, cells: r.record })),
    problems,
  );
  problems.sort((a, b) => a.line - b.line);
  return {
    format: 'csv',
    encoding,
    delimiter,
    sheet: null,
    sheets: [],
    header: hasHeader ? head.record : [],
    rows,
    problems: settleProblems(problems, options.lineProblems ?? 'refuse', 'csv', 1, parsed.gaveUp),
  };
}

/** A cell's value as the text a person sees (dates as ISO days, formulas as their result). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text.trim(); // hyperlink
    if ('richText' in value) return value.richText.map((r) => r.text).join('').trim();
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return '';
    return '';
  }
  return String(value).trim();
}

/** An XLSX workbook's first sheet (or the named one) as a table. */
export async function readXlsx(bytes: Buffer, sheetName?: string, options: { lineProblems?: LineProblems } = {}): Promise<Table> {
  checkUnpackedSize(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw invalid(msg('office.file.xlsxUnreadable'));
  }
  const sheets = workbook.worksheets.map((w) => w.name);
  const sheet = sheetName ? workbook.worksheets.find((w) => w.name === sheetName) : workbook.worksheets[0];
  if (!sheet) {
    if (sheetName) throw invalid(msg('office.file.noSheet', { sheet: sheetName.slice(0, 60) }));
    throw invalid(msg('office.file.empty'));
  }
  const rows: TableRow[] = [];
  let header: string[] | null = null;
  let headerLine = 1;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rows.length >= HARD_ROW_CAP) return;
    const values = row.values as ExcelJS.CellValue[]; // 1-based
    const cells: string[] = [];
    for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
    if (cells.every((c) => c === '')) return;
    if (header === null) {
      header = cells;
      headerLine = rowNumber;
      return;
    }
    rows.push({ line: rowNumber, cells });
  });
  if (header === null) throw invalid(msg('office.file.empty'));
  const problems: LineProblem[] = [];
  if ((header as string[]).some((c) => CONTROL.test(c))) problems.push({ line: headerLine, message: msg('input.csvLine.controlCharacters') });
  const kept = withoutControlRows(rows, problems);
  return { format: 'xlsx', encoding: null, delimiter: null, sheet: sheet.name, sheets, header, rows: kept, problems: settleProblems(problems, options.lineProblems ?? 'refuse', 'xlsx', headerLine) };
}

/**
 * The most bytes an XLSX upload may unpack to. The largest upload accepted at once (50,000 lines)
 * is about 30 MB of sheet and string XML as Excel writes it; ExcelJS holds a workbook in memory at
 * about 25 times its XML, so a 330 KB file of 2 million identical rows took the API to 2 GB and
 * blocked it for 9 s (a 10 MB one would have ended the process).
 */
export const XLSX_MAX_UNPACKED_BYTES = 64 * 1024 * 1024;

/**
 * Refuses a ZIP whose entries unpack to more than XLSX_MAX_UNPACKED_BYTES, by inflating each entry
 * with that bound (the sizes a ZIP declares can lie), before ExcelJS reads it.
 */
export function checkUnpackedSize(bytes: Buffer, limit = XLSX_MAX_UNPACKED_BYTES): void {
  const unreadable = () => invalid(msg('office.file.xlsxUnreadable'));
  const tooLarge = () => new DomainError('payload_too_large', msg('office.file.xlsxTooLarge', { megabytes: Math.round(limit / (1024 * 1024)) }));
  // End of central directory: 22 bytes plus a comment of at most 65,535 bytes, at the end.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw unreadable();
  const entries = bytes.readUInt16LE(eocd + 10);
  let at = bytes.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) throw unreadable();
    const method = bytes.readUInt16LE(at + 10);
    const compressed = bytes.readUInt32LE(at + 20);
    const local = bytes.readUInt32LE(at + 42);
    at += 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    if (compressed === 0xffffffff || local === 0xffffffff) throw tooLarge(); // ZIP64: far beyond any upload
    if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== 0x04034b50) throw unreadable();
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(start, start + compressed);
    if (method === 0) total += data.length;
    else if (method === 8) {
      try {
        total += inflateRawSync(data, { maxOutputLength: limit - total + 1 }).length;
      } catch (e) {
        if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) throw tooLarge();
        throw unreadable();
      }
    } else throw unreadable();
    if (total > limit) throw tooLarge();
  }
}

/** Whether a body is an XLSX workbook (a ZIP file): checked on the bytes, not only the type. */
export const looksLikeXlsx = (bytes: Buffer): boolean => bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** Reads an upload as CSV or XLSX. */
export async function readTable(bytes: Buffer, options: { sheet?: string; lineProblems?: LineProblems } = {}): Promise<Table> {
  if (looksLikeXlsx(bytes)) return readXlsx(bytes, options.sheet, options);
  if (bytes.length === 0) throw invalid(msg('office.file.empty'));
  return readCsv(bytes, options);
}

export function tooMany(count: number, limit: number): void {
  if (count > limit) throw new DomainError('payload_too_large', msg('office.file.tooMany', { count, limit }));
}
