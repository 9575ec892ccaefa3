import { inflateRawSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import chardet from 'chardet';
import ExcelJS from 'exceljs';
import { DomainError, invalid, msg } from '@kindling/common';

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

/** A CSV file (bytes or already-decoded text) as a table. */
export function readCsv(input: Buffer | string): Table {
  const { text, encoding } = typeof input === 'string' ? { text: input.replace(/^\uFEFF/, ''), encoding: null } : decodeCsv(input);
  if (text.trim().length === 0) throw invalid(msg('office.file.empty'));
  const delimiter = detectDelimiter(text);
  let records: CsvRecord[];
  try {
    records = parse(text, {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      // A quote inside an unquoted field (Anna "Nan" Rossi, typed by hand) is text, not the end of
      // the whole upload: the line is kept as written and every other line still counts.
      relax_quotes: true,
      delimiter,
      to: HARD_ROW_CAP,
    }) as unknown as CsvRecord[];
  } catch (e) {
    const err = e as { message?: string; lines?: number };
    throw invalid(msg('office.file.unreadable', { line: err.lines ?? '?', reason: (err.message ?? 'malformed CSV').slice(0, 200) }));
  }
  const head = records[0];
  return {
    format: 'csv',
    encoding,
    delimiter,
    sheet: null,
    sheets: [],
    header: head && head.info.lines === 1 ? head.record : [],
    rows: records.slice(head && head.info.lines === 1 ? 1 : 0).map((r) => ({ line: r.info.lines, cells: r.record })),
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
export async function readXlsx(bytes: Buffer, sheetName?: string): Promise<Table> {
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
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rows.length >= HARD_ROW_CAP) return;
    const values = row.values as ExcelJS.CellValue[]; // 1-based
    const cells: string[] = [];
    for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
    if (cells.every((c) => c === '')) return;
    if (header === null) {
      header = cells;
      return;
    }
    rows.push({ line: rowNumber, cells });
  });
  if (header === null) throw invalid(msg('office.file.empty'));
  return { format: 'xlsx', encoding: null, delimiter: null, sheet: sheet.name, sheets, header, rows };
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
export async function readTable(bytes: Buffer, options: { sheet?: string } = {}): Promise<Table> {
  if (looksLikeXlsx(bytes)) return readXlsx(bytes, options.sheet);
  if (bytes.length === 0) throw invalid(msg('office.file.empty'));
  return readCsv(bytes);
}

export function tooMany(count: number, limit: number): void {
  if (count > limit) throw new DomainError('payload_too_large', msg('office.file.tooMany', { count, limit }));
}
