import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { proposeMapping } from './column-mapping.js';
import { learnersFromTable, parseLearnersCsv } from './learner-input.js';
import { decodeCsv, detectDelimiter, readCsv, readTable } from './spreadsheet.js';

const win1252 = (text: string): Buffer => Buffer.from([...text].map((c) => (c === '€' ? 0x80 : c.charCodeAt(0))));

describe('spreadsheets as people have them', () => {
  it('finds the separator: comma, semicolon, tab; quoted separators do not count', () => {
    expect(detectDelimiter('email,name\n')).toBe(',');
    expect(detectDelimiter('E-Mail;Vorname;Nachname\r\n')).toBe(';');
    expect(detectDelimiter('email\tname\n')).toBe('\t');
    expect(detectDelimiter('"a;b;c",name\n')).toBe(',');
    expect(detectDelimiter('email\n')).toBe(',');
  });

  it('finds the encoding: UTF-8 with and without BOM, UTF-16 LE/BE, Windows-1252', () => {
    const text = 'Vorname;Nachname;E-Mail\nJürg;Müller;j@example.test\n';
    expect(decodeCsv(Buffer.from(text, 'utf8'))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]))).toEqual({ text, encoding: 'utf-8-bom' });
    expect(decodeCsv(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toEqual({ text, encoding: 'utf-16le' });
    expect(decodeCsv(Buffer.from(text, 'utf16le'))).toEqual({ text, encoding: 'utf-16le' });
    const be = Buffer.from(text, 'utf16le').swap16();
    expect(decodeCsv(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toEqual({ text, encoding: 'utf-16be' });
    expect(decodeCsv(win1252('Prénom;Nom;Courriel\nFrançoise;Gérard;f@example.test\n'))).toEqual({
      text: 'Prénom;Nom;Courriel\nFrançoise;Gérard;f@example.test\n',
      encoding: 'windows-1252',
    });
  });

  it('proposes a mapping for HR headers in en/it/de/fr', () => {
    expect(proposeMapping(['Vorname', 'Nachname', 'E-Mail', 'Personalnummer', 'Station', 'Sprache'])).toEqual({
      firstName: 0, lastName: 1, email: 2, employeeNumber: 3, group: 4, language: 5,
    });
    expect(proposeMapping(['Cognome', 'Nome', 'Indirizzo e-mail', 'Matricola', 'Reparto'])).toEqual({
      lastName: 0, firstName: 1, email: 2, employeeNumber: 3, group: 4,
    });
    expect(proposeMapping(['Prénom', 'Nom', 'Courriel', 'Matricule', 'Langue'])).toEqual({
      firstName: 0, lastName: 1, email: 2, employeeNumber: 3, language: 4,
    });
    expect(proposeMapping(['Name', 'Vorname', 'E-Mail'])).toEqual({ firstName: 1, lastName: 0, email: 2 });
    expect(proposeMapping(['email', 'name'])).toEqual({ email: 0, fullName: 1 });
    expect(proposeMapping(['Full name', 'Work e-mail address', 'Class'])).toEqual({ fullName: 0, email: 1, group: 2 });
  });

  it('reads an Excel de-CH semicolon CSV in Windows-1252 and names bad lines in the reader’s language', () => {
    const file = win1252('Vorname;Nachname;E-Mail\r\nJürg;Müller;J.Mueller@Example.test\r\nAnna;Kälin;kein-mail\r\n');
    const parsed = parseLearnersCsv(file, 'de');
    expect(parsed.rows).toEqual([{ line: 2, email: 'j.mueller@example.test', name: 'Jürg Müller' }]);
    expect(parsed.errors).toEqual([{ line: 3, message: '«kein-mail» ist keine gültige E-Mail-Adresse' }]);
    expect(parseLearnersCsv(file, 'it').errors[0]!.message).toBe('"kein-mail" non è un indirizzo e-mail valido');
    expect(parseLearnersCsv(file, 'fr').errors[0]!.message).toBe('«\u00a0kein-mail\u00a0» n\'est pas une adresse e-mail valide');
  });

  it('lets the manager correct the mapping', () => {
    const table = readCsv('A;B;C\nx@example.test;Rossi;Maria\n');
    expect(() => learnersFromTable(table, undefined)).toThrow(/office.file.noEmailColumn/);
    const parsed = learnersFromTable(table, { email: 0, lastName: 1, firstName: 2 });
    expect(parsed.rows).toEqual([{ line: 2, email: 'x@example.test', name: 'Maria Rossi' }]);
    expect(() => learnersFromTable(table, { email: 7 })).toThrow(/office.file.mappingColumn/);
  });

  it('reads the first sheet of an XLSX, or a chosen one; typed cells become text', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Notes').addRow(['nothing here']);
    const staff = workbook.addWorksheet('Personal');
    staff.addRow(['Personalnummer', 'Vorname', 'Nachname', 'E-Mail', 'Eintritt']);
    staff.addRow([4711, 'Zoë', 'Keller', { text: 'zoe@example.test', hyperlink: 'mailto:zoe@example.test' }, new Date(Date.UTC(2020, 0, 2))]);
    staff.addRow([]);
    staff.addRow([4712, 'Bo', 'Frei', 'bo@example.test']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const first = await readTable(bytes);
    expect(first.sheet).toBe('Notes');
    expect(first.sheets).toEqual(['Notes', 'Personal']);
    const table = await readTable(bytes, { sheet: 'Personal' });
    expect(table.format).toBe('xlsx');
    const parsed = learnersFromTable(table, undefined);
    expect(parsed.mapping).toEqual({ employeeNumber: 0, firstName: 1, lastName: 2, email: 3 });
    expect(parsed.rows).toEqual([
      { line: 2, email: 'zoe@example.test', name: 'Zoë Keller', employeeNumber: '4711' },
      { line: 4, email: 'bo@example.test', name: 'Bo Frei', employeeNumber: '4712' },
    ]);
    await expect(readTable(bytes, { sheet: 'Nope' })).rejects.toThrow(/office.file.noSheet/);
    await expect(readTable(Buffer.from('PK\u0003\u0004garbage'))).rejects.toThrow(/office.file.xlsxUnreadable/);
  });
});
