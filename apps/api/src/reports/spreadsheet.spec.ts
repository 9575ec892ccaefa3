import { describe, expect, it } from '@jest/globals';
import { csvField, csvLine, neutraliseCell, xlsxRow } from './spreadsheet.js';

describe('spreadsheet formula injection', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+1+1', `'+1+1`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tcmd', `'\tcmd`],
    ['\rcmd', `'\rcmd`],
    // after leading blanks or an opening quote
    [' =not at start', `' =not at start`],
    ['\u00a0 @x', `'\u00a0 @x`],
    ['"=x"', `'"=x"`],
    // after a separator of either locale, or a line break, inside the cell
    ['foo;=cmd|\' /C calc\'!A0', `foo;'=cmd|' /C calc'!A0`],
    ['a,+1', `a,'+1`],
    ['a, -1;b', `a,' -1;b`],
    ['x;;  @y', `x;;'  @y`],
    ['line\n=2+2', `line\n'=2+2`],
    ['\r=x', `'\r'=x`],
    ['＝1+1', `'＝1+1`],
  ])('neutralises %j', (input, expected) => {
    expect(neutraliseCell(input)).toBe(expected);
    expect(neutraliseCell(expected)).toBe(expected); // idempotent
  });

  it.each(['Zoë Müller', 'a=b', '', 'O’Brien', 'x@y.example', 'Rossi, Anna', 'K-2026-000123', '2026-11-30T06:00:00.000Z'])('leaves %j alone', (input) => {
    expect(neutraliseCell(input)).toBe(input);
  });

  it('quotes CSV fields after neutralising (also on ";"), and leaves numbers as numbers', () => {
    expect(csvField('=1,2')).toBe(`"'=1,2"`);
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField(-3.5)).toBe('-3.5');
    expect(csvField(null)).toBe('');
    expect(csvLine(['a', 1, null, '@x'])).toBe(`a,1,,'@x\r\n`);
  });

  it('neutralises XLSX text cells and keeps numbers, booleans and blanks', () => {
    expect(xlsxRow(['=1', 2, true, null, undefined, 'a;-b', Number.NaN])).toEqual([`'=1`, 2, true, null, null, `a;'-b`, null]);
  });
});
