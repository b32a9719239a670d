/** How single cells read at their edges: signs, separators, minus zero, invisible marks, yes/no cells as dates. */
import { cellText, isEmptyCell, parseDateCell, parsePercent, parseWholeNumber } from './cells';
import type { CellValue } from './types';

describe('a cell that is not there at all (undefined from a sparse row)', () => {
  it('is empty, and its text is empty', () => {
    expect(isEmptyCell(undefined as unknown as CellValue)).toBe(true);
    expect(cellText(undefined as unknown as CellValue)).toBe('');
  });
});

describe('parseWholeNumber: signs and separators', () => {
  it.each([['−5'], ['- 5'], ['-۵']])('«%s» is a negative number: out of range', (text) => {
    expect(parseWholeNumber(text)).toEqual({ ok: false, reason: 'out_of_range', text });
  });

  it('a plus sign with a space after it is still the number', () => {
    expect(parseWholeNumber('+ 12')).toEqual({ ok: true, value: 12 });
  });

  it.each([['12,345', 12345], ['1,234,567', 1234567], ['۱٬۰۰۰', 1000], ['۱۲\u200c۳', 123]])('«%s» is %i', (text, value) => {
    expect(parseWholeNumber(text)).toEqual({ ok: true, value });
  });

  it.each([['1,00'], ['1,2'], ['0x10'], ['1e3'], ['12,34,567']])('«%s» is not a number as people write one', (text) => {
    expect(parseWholeNumber(text)).toEqual({ ok: false, reason: 'not_a_number', text });
  });

  it('a fraction without its leading zero is a fraction: not whole', () => {
    expect(parseWholeNumber('.5')).toEqual({ ok: false, reason: 'not_whole', text: '.5' });
  });

  it('minus zero is zero', () => {
    const read = parseWholeNumber('-0');
    expect(read.ok && Object.is(read.value, 0)).toBe(true);
    const percent = parsePercent('-0');
    expect(percent.ok && Object.is(percent.value, 0)).toBe(true);
  });
});

describe('parsePercent: the percent sign', () => {
  it('between two digits it makes two numbers, not one', () => {
    expect(parsePercent('5%0')).toEqual({ ok: false, reason: 'not_a_number', text: '5%0' });
  });
});

describe('parseDateCell: marks and yes/no cells', () => {
  it('a ZWNJ typed inside a date is ignored', () => {
    const read = parseDateCell('۱۴۰۱\u200c/۰۴/۰۹');
    expect(read.ok && read.value?.toString()).toBe('1401/04/09');
  });

  it('a yes/no cell is no date, said as the cell shows it', () => {
    expect(parseDateCell(true)).toEqual({
      ok: false,
      text: 'TRUE',
      reason: { code: 'invalid_date', fa: '«TRUE» تاریخ شمسی به شکل ۱۴۰۱/۰۴/۰۹ نیست', en: '"TRUE" is not a Jalali date like 1401/04/09' },
    });
  });
});
