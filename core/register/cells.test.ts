import { cellText, isEmptyCell, parseDateCell, parsePercent, parseWholeNumber } from './cells';

describe('parsePercent', () => {
  it.each<[string, string | number, number]>([
    ['Latin digits', '80', 80],
    ['Persian digits', '۸۰', 80],
    ['Arabic-Indic digits', '٨٠', 80],
    ['a percent sign', '80%', 80],
    ['a Persian percent sign', '۸۰٪', 80],
    ['a space before the sign', '80 %', 80],
    ['the sign first', '%80', 80],
    ['the word درصد', '۸۰ درصد', 80],
    ['number words', 'هشتاد', 80],
    ['a number', 80, 80],
    ['zero', 0, 0],
    ['a hundred', '100', 100],
    ['a whole number written with a fraction', '80.0', 80],
    ['a floating-point near-whole from a percent cell', '28.999999999999996%', 29],
    ['surrounding bidi marks', '\u200f۵۰\u200e', 50],
  ])('reads %s', (_why, value, expected) => {
    expect(parsePercent(value)).toEqual({ ok: true, value: expected });
  });

  it.each([null, '', '  '])('reads the empty cell %p as no percent', (value) => {
    expect(parsePercent(value)).toEqual({ ok: true, value: null });
  });

  it.each<[string | number | boolean, string]>([
    ['زیاد', 'not_a_number'],
    ['80 90', 'not_a_number'],
    [true, 'not_a_number'],
    [Number.NaN, 'not_a_number'],
    ['120', 'out_of_range'],
    [120, 'out_of_range'],
    ['-5', 'out_of_range'],
    ['80.5', 'not_whole'],
    ['۸۰٫۵', 'not_whole'],
    [0.8, 'not_whole'],
  ])('refuses %p as %s', (value, reason) => {
    const result = parsePercent(value);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toBe(reason);
  });

  it('keeps the text of a refused cell for the message', () => {
    expect(parsePercent('۱۲۰')).toEqual({ ok: false, reason: 'out_of_range', text: '۱۲۰' });
  });
});

describe('parseWholeNumber', () => {
  it('reads whole numbers in any digits', () => {
    expect(parseWholeNumber('۱۲')).toEqual({ ok: true, value: 12 });
    expect(parseWholeNumber(3)).toEqual({ ok: true, value: 3 });
    expect(parseWholeNumber(null)).toEqual({ ok: true, value: null });
  });

  it('refuses fractions, negatives and words', () => {
    expect(parseWholeNumber('2.5')).toMatchObject({ ok: false, reason: 'not_whole' });
    expect(parseWholeNumber(-1)).toMatchObject({ ok: false, reason: 'out_of_range' });
    expect(parseWholeNumber('دوم')).toMatchObject({ ok: false, reason: 'not_a_number' });
  });
});

describe('parseDateCell', () => {
  it('reads the same text the same way every time (each text is parsed once and remembered)', () => {
    for (let round = 0; round < 3; round++) {
      const good = parseDateCell('۱۴۰۱/۰۴/۰۹');
      expect(good.ok && good.value?.toString()).toBe('1401/04/09');
      const bad = parseDateCell('۱۴۰۱/۰۷/۳۱');
      expect(bad.ok).toBe(false);
      expect(!bad.ok && bad.reason.fa).toContain('۱۴۰۱/۰۷/۳۱');
      expect(!bad.ok && bad.text).toBe('۱۴۰۱/۰۷/۳۱');
      // the number 14010409 and the text '14010409' are the same day; the text '' is empty
      const number = parseDateCell(14010409);
      expect(number.ok && number.value?.toString()).toBe('1401/04/09');
      expect(parseDateCell('')).toEqual({ ok: true, value: null });
    }
  });

  it.each<[string, string | number, string]>([
    ['Persian digits', '۱۴۰۱/۰۴/۰۹', '1401/04/09'],
    ['Latin digits without padding', '1401/4/9', '1401/04/09'],
    ['dashes', '۱۴۰۱-۰۴-۰۹', '1401/04/09'],
    ['Arabic-Indic digits', '١٤٠١/٠٤/٠٩', '1401/04/09'],
    ['bidi marks', '\u200e1401/04/09\u200f', '1401/04/09'],
    ['eight digits typed as a number', 14010409, '1401/04/09'],
    ['eight digits typed as text', '۱۴۰۱۰۴۰۹', '1401/04/09'],
    ['a time after the date', '1401/04/09 10:30', '1401/04/09'],
  ])('reads %s', (_why, value, expected) => {
    const result = parseDateCell(value);
    expect(result.ok && result.value?.toString()).toBe(expected);
  });

  it('reads an empty cell as no date', () => {
    expect(parseDateCell(null)).toEqual({ ok: true, value: null });
    expect(parseDateCell(' ')).toEqual({ ok: true, value: null });
  });

  it('refuses an impossible day and says why in Persian', () => {
    const result = parseDateCell('1401/07/31');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason.code).toBe('invalid_date');
      expect(result.reason.fa).toContain('۳۰ روز دارد');
      expect(result.text).toBe('1401/07/31');
    }
  });

  it('refuses Esfand 30 of a common year', () => {
    expect(parseDateCell('1402/12/30').ok).toBe(false);
    expect(parseDateCell('1403/12/30').ok).toBe(true);
  });

  it.each<[string | number | boolean]>([['فردا'], [45000], [true], ['1401/13/01']])('refuses %p', (value) => {
    expect(parseDateCell(value).ok).toBe(false);
  });
});

describe('cellText', () => {
  it('normalizes Persian text for display and keeps ZWNJ', () => {
    expect(cellText('  دستگاه‌هاي  اجرايي ')).toBe('دستگاه‌های اجرایی');
  });

  it('writes numbers and booleans as text and null as empty', () => {
    expect(cellText(12)).toBe('12');
    expect(cellText(false)).toBe('FALSE');
    expect(cellText(null)).toBe('');
  });

  it('treats invisible marks as empty', () => {
    expect(isEmptyCell('\u200f \u200e')).toBe(true);
    expect(isEmptyCell(0)).toBe(false);
  });
});
