import { describe, expect, it } from '@jest/globals';
import { csvField, csvLine, neutraliseCell } from './spreadsheet.js';

describe('spreadsheet formula injection', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+1+1', `'+1+1`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tcmd', `'\tcmd`],
    ['\rcmd', `'\rcmd`],
  ])('neutralises %j', (input, expected) => {
    expect(neutraliseCell(input)).toBe(expected);
  });

  it.each(['Zoë Müller', 'a=b', '', 'O’Brien', ' =not at start'])('leaves %j alone', (input) => {
    expect(neutraliseCell(input)).toBe(input);
  });

  it('quotes CSV fields after neutralising and leaves numbers as numbers', () => {
    expect(csvField('=1,2')).toBe(`"'=1,2"`);
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(-3.5)).toBe('-3.5');
    expect(csvField(null)).toBe('');
    expect(csvLine(['a', 1, null, '@x'])).toBe(`a,1,,'@x\r\n`);
  });
});
