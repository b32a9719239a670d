import { dateCellText, isPercentFormat, percentText, toCellValue } from './cells';

describe('toCellValue', () => {
  it('reads a date cell as Jalali from its UTC parts, whatever the local zone', () => {
    // 2022-06-30 UTC midnight is 1401/04/09; local parts in a zone west of UTC would give 06-29
    expect(toCellValue(new Date(Date.UTC(2022, 5, 30)))).toBe('1401/04/09');
    expect(dateCellText(new Date(Date.UTC(2022, 5, 30, 23, 59)))).toBe('1401/04/09');
  });

  it('turns percent-formatted numbers into percent text and leaves plain numbers alone', () => {
    expect(toCellValue(0.8, '0%')).toBe('80%');
    expect(toCellValue(0.805, '0.0%')).toBe('80.5%');
    expect(toCellValue(0.29, '0%')).toBe('29%');
    expect(toCellValue(80, 'General')).toBe(80);
    expect(toCellValue(0.8, '0.00')).toBe(0.8);
    expect(toCellValue(5, '0" %"')).toBe(5);
  });

  it('recognises percent formats but not a quoted or escaped percent sign', () => {
    expect(isPercentFormat('0%')).toBe(true);
    expect(isPercentFormat('#,##0.00%')).toBe(true);
    expect(isPercentFormat('0"%"')).toBe(false);
    expect(isPercentFormat('0\\%')).toBe(false);
    expect(isPercentFormat(undefined)).toBe(false);
    expect(percentText(1)).toBe('100%');
  });

  it('gives formulas their cached result, never the formula', () => {
    expect(toCellValue({ formula: 'A1*2', result: 40 } as never)).toBe(40);
    expect(toCellValue({ formula: 'A1', result: 'انجام شده' } as never)).toBe('انجام شده');
    expect(toCellValue({ formula: 'B2', result: 0.5 } as never, '0%')).toBe('50%');
    expect(toCellValue({ sharedFormula: 'A2', result: new Date(Date.UTC(2022, 5, 30)) } as never)).toBe('1401/04/09');
    expect(toCellValue({ formula: 'NOW()' } as never)).toBeNull();
    expect(toCellValue({ formula: 'X', result: { error: '#N/A' } } as never)).toBe('#N/A');
  });

  it('flattens rich text and hyperlinks to their text', () => {
    expect(toCellValue({ richText: [{ text: 'انجام ' }, { font: { bold: true }, text: 'شده' }] } as never)).toBe('انجام شده');
    expect(toCellValue({ text: 'گزارش', hyperlink: 'http://x/y' } as never)).toBe('گزارش');
    expect(toCellValue({ text: { richText: [{ text: 'a' }, { text: 'b' }] }, hyperlink: 'http://x' } as never)).toBe('ab');
    expect(toCellValue({ error: '#REF!' } as never)).toBe('#REF!');
  });

  it('keeps strings, booleans and empties as they are', () => {
    expect(toCellValue('۸۰')).toBe('۸۰');
    expect(toCellValue(true)).toBe(true);
    expect(toCellValue(null)).toBeNull();
    expect(toCellValue(undefined)).toBeNull();
  });
});
