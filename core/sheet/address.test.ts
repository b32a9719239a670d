import { columnLetter, columnNumber, forEachMergedCell, parseRange, rangeRef } from './address';

describe('column letters and numbers', () => {
  test.each([[1, 'A'], [26, 'Z'], [27, 'AA'], [52, 'AZ'], [53, 'BA'], [702, 'ZZ'], [703, 'AAA'], [16384, 'XFD']])('%i ↔ %s', (n, letters) => {
    expect(columnLetter(n)).toBe(letters);
    expect(columnNumber(letters)).toBe(n);
  });
  test('lower case reads as upper case; nothing is column 0', () => {
    expect(columnNumber('ab')).toBe(28);
    expect(columnNumber('')).toBe(0);
    expect(columnLetter(0)).toBe('');
  });
});

describe('ranges', () => {
  test('absolute, reversed and single-cell references', () => {
    expect(parseRange('$B$2:$D$9')).toEqual({ top: 2, left: 2, bottom: 9, right: 4 });
    expect(parseRange('D9:B2')).toEqual({ top: 2, left: 2, bottom: 9, right: 4 });
    expect(parseRange('c3')).toEqual({ top: 3, left: 3, bottom: 3, right: 3 });
    expect(parseRange('Sheet1!A1')).toBeUndefined();
    expect(rangeRef({ top: 3, left: 3, bottom: 3, right: 3 })).toBe('C3:C3');
  });
  test('a merged range visits every cell but its first, with the first as master', () => {
    const seen: string[] = [];
    forEachMergedCell(['B2:C3', 'nonsense'], (m, c) => seen.push(`${m.row},${m.col}>${c.row},${c.col}`));
    expect(seen).toEqual(['2,2>2,3', '2,2>3,2', '2,2>3,3']);
  });
  test('a whole-column merge is capped', () => {
    let count = 0;
    forEachMergedCell(['A1:A1048576'], () => count++, 5, 0);
    expect(count).toBe(5);
  });
});

describe('parseRange reads a whole reference and nothing else', () => {
  test('columns of two and three letters, rows of several digits, in either corner', () => {
    expect(parseRange('AB12:XFD1048576')).toEqual({ top: 12, left: 28, bottom: 1048576, right: 16384 });
    expect(parseRange('A10:AA1')).toEqual({ top: 1, left: 1, bottom: 10, right: 27 });
  });
  test('spaces around the reference are ignored', () => {
    expect(parseRange(' B2:C3 ')).toEqual({ top: 2, left: 2, bottom: 3, right: 3 });
  });
  test('anything after the reference makes it no reference', () => {
    expect(parseRange('A1:B2C')).toBeUndefined();
    expect(parseRange('A1 B2')).toBeUndefined();
  });
});
