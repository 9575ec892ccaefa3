import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { translateMessage } from '@kindling/i18n';
import { pupilsFromTable } from './pupil-table.js';
import { readCsv, readTable } from './spreadsheet.js';

const report = { lineProblems: 'report' } as const;
const lines = (text: string) => readCsv(text, report).rows.map((r) => [r.line, ...r.cells]);
const problems = (text: string) => readCsv(text, report).problems.map((p) => [p.line, translateMessage('en', p.message)]);

describe('a CSV line that cannot be read costs only that line (rvapi2)', () => {
  it('a quote after a quoted field: that line is a problem, every other line counts', () => {
    const text = 'name,email\n"Rossi" Anna,anna@x.test\nBo,bo@x.test\n"Cy",cy@x.test\n';
    expect(lines(text)).toEqual([
      [3, 'Bo', 'bo@x.test'],
      [4, 'Cy', 'cy@x.test'],
    ]);
    expect(problems(text)).toEqual([[2, 'text follows a closing quote: put the whole cell in quotes ("Rossi Anna") or remove the quotes']]);
  });

  it('a quote never closed: the line it opens on is the problem; the lines it swallowed are read again', () => {
    const text = 'name,email\nAnna,anna@x.test\n"Bo,bo@x.test\nCy,cy@x.test\r\nDee,dee@x.test';
    expect(lines(text)).toEqual([
      [2, 'Anna', 'anna@x.test'],
      [4, 'Cy', 'cy@x.test'],
      [5, 'Dee', 'dee@x.test'],
    ]);
    expect(problems(text)).toEqual([[3, 'a quote opened on this line is never closed']]);
  });

  it('several bad lines, a quoted cell over two lines and empty lines keep their line numbers', () => {
    const text = 'name,note\n"A" x,1\n\n"Multi\nline",2\nB,"3" y\nC,4\n';
    expect(lines(text)).toEqual([
      [5, 'Multi\nline', '2'],
      [7, 'C', '4'],
    ]);
    expect(problems(text).map(([line]) => line)).toEqual([2, 6]);
  });

  it('a quoted cell running over lines into a misplaced quote names the lines it spans', () => {
    const text = 'name,class\n"Anna,3B\nBo,3C\nCy,"3D" x\nDee,3E\n';
    expect(lines(text)).toEqual([[5, 'Dee', '3E']]);
    expect(problems(text)).toEqual([[2, 'lines 2 to 4 cannot be read: a quote is missing or misplaced between them']]);
  });

  it('a line with control characters is a problem, never a row; the message does not quote it', () => {
    const text = 'name,class\nAnna\u0007\u001b[31m,3B\nBo,3C\n';
    expect(lines(text)).toEqual([[3, 'Bo', '3C']]);
    expect(problems(text)).toEqual([[2, 'this line contains control characters (invisible characters that are not text), so it was not read']]);
  });

  it('by default (callers that do not answer problems) the file is refused naming the first bad line, without echoing it', () => {
    expect(() => readCsv('name,email\n"Rossi" Anna,anna@x.test\nBo,bo@x.test\n')).toThrow(
      expect.objectContaining({ messages: { key: 'office.file.unreadable', params: { line: 2, reason: { key: 'input.csvLine.textAfterQuote', params: undefined } } } }),
    );
  });

  it('a bad header refuses the file; binary sent as CSV is a 415 naming the accepted types', () => {
    expect(() => readCsv('"name" x,class\nAnna,3B\n', report)).toThrow(/office.file.unreadable/);
    const binary = Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 37) % 256));
    expect(() => readCsv(binary, report)).toThrow(expect.objectContaining({ code: 'unsupported_media_type', messages: { key: 'input.notSpreadsheet', params: undefined } }));
  });
});

describe('pupils from a spreadsheet (rvapi2)', () => {
  it('reads XLSX with German headers (first and last name apart, Klasse) and keeps the sheet’s line numbers', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Klasse 3B');
    ws.addRow(['Vorname', 'Nachname', 'Klasse']);
    ws.addRow(['Anna', 'Rossi', '3B']);
    ws.addRow(['', '', '3B']);
    ws.addRow(['Jürg', 'Müller', '']);
    const table = await readTable(Buffer.from(await wb.xlsx.writeBuffer()), report);
    expect(pupilsFromTable(table, 'de')).toEqual({
      rows: [
        { line: 2, name: 'Anna Rossi', className: '3B' },
        { line: 4, name: 'Jürg Müller', className: null },
      ],
      errors: [{ line: 3, message: 'der Name fehlt' }],
    });
  });

  it('a CSV with a bad line: the line error in the reader’s language, the others kept', () => {
    const parsed = pupilsFromTable(readCsv('name;class\n"Rossi" Anna;3B\nBo;3C\n', report), 'it');
    expect(parsed.rows).toEqual([{ line: 3, name: 'Bo', className: '3C' }]);
    expect(parsed.errors).toEqual([{ line: 2, message: expect.stringContaining('metti tra virgolette tutta la cella') }]);
  });

  it('without a name column: 400 naming what the first line needs', () => {
    expect(() => pupilsFromTable(readCsv('email,class\na@x.test,3B\n', report), 'en')).toThrow(/input.pupilsNameColumn/);
  });
});

describe('recovery stays cheap and exact on large files (rvapi2)', () => {
  it('50,000 lines with a bad line in every hundred: each bad line reported, every good one kept, quickly', () => {
    const text = ['name,class', ...Array.from({ length: 50_000 }, (_, i) => (i % 100 === 0 ? `"R${i}" A,3B` : `P${i},3B`))].join('\n');
    const started = Date.now();
    const table = readCsv(text, report);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(table.rows).toHaveLength(49_500);
    expect(table.problems).toHaveLength(500);
    expect(table.problems[1]!.line).toBe(102);
  });

  it('a quote left open that closes lines later (valid CSV) is not one pupil: the lines it spans are a line error', () => {
    const parsed = pupilsFromTable(readCsv('name,class\n"Anna,3B\nBo,3C\nCy,"\nDee,3D\n', report), 'en');
    expect(parsed.rows).toEqual([{ line: 5, name: 'Dee', className: '3D' }]);
    expect(parsed.errors).toEqual([{ line: 2, message: 'lines 2 to 4 cannot be read: a quote is missing or misplaced between them' }]);
  });

  it('a quoted cell that crosses a window boundary is still read whole', () => {
    const body = Array.from({ length: 1500 }, (_, i) => (i === 10 ? '"A" x,x' : i === 1010 ? '"multi' : i === 1011 ? 'line",y' : `P${i},z`));
    const table = readCsv(['name,class', ...body].join('\n'), report);
    expect(table.problems.map((p) => p.line)).toEqual([12]);
    expect(table.rows).toHaveLength(1498);
    expect(table.rows.find((r) => r.cells[0] === 'multi\nline')?.line).toBe(1013);
  });
});
