import fc from 'fast-check';
import { hasDigit, toLatinDigits, toPersianDigits } from './digits';

const PERSIAN = '۰۱۲۳۴۵۶۷۸۹';
const ARABIC_INDIC = '٠١٢٣٤٥٦٧٨٩';
const LATIN = '0123456789';

describe('toLatinDigits', () => {
  test('turns every Persian digit ۰-۹ into its Latin digit', () => {
    expect(toLatinDigits(PERSIAN)).toBe(LATIN);
  });

  test('turns every Arabic-Indic digit ٠-٩ into its Latin digit', () => {
    expect(toLatinDigits(ARABIC_INDIC)).toBe(LATIN);
  });

  test.each([
    ['۱۴۰۱/۰۴/۰۹', '1401/04/09'],
    ['١٤٠١/٠٤/٠٩', '1401/04/09'],
    ['جلسه ۱۲ در ساعت ٨:٣٠', 'جلسه 12 در ساعت 8:30'],
    ['۱۲3٤', '1234'],
    ['۳٫۵', '3.5'],
    ['۱٬۲۰۰', '1,200'],
    ['بدون رقم', 'بدون رقم'],
    ['', ''],
  ])('reads %j as %j', (input, expected) => {
    expect(toLatinDigits(input)).toBe(expected);
  });
});

describe('toPersianDigits', () => {
  test('turns every Latin digit into its Persian digit', () => {
    expect(toPersianDigits(LATIN)).toBe(PERSIAN);
  });

  test('turns every Arabic-Indic digit into its Persian digit (they look different in Persian fonts)', () => {
    expect(toPersianDigits(ARABIC_INDIC)).toBe(PERSIAN);
  });

  test.each([
    ['1401/04/09', '۱۴۰۱/۰۴/۰۹'],
    ['ردیف 2 از 6', 'ردیف ۲ از ۶'],
    ['۱۲', '۱۲'],
    ['', ''],
  ])('shows %j as %j', (input, expected) => {
    expect(toPersianDigits(input)).toBe(expected);
  });

  test('accepts a number', () => {
    expect(toPersianDigits(1401)).toBe('۱۴۰۱');
    expect(toPersianDigits(0)).toBe('۰');
  });
});

describe('hasDigit', () => {
  test.each([
    ['1', true],
    ['۱', true],
    ['١', true],
    ['یک', false],
    ['', false],
  ])('says %j has a digit: %s', (input, expected) => {
    expect(hasDigit(input)).toBe(expected);
  });
});

describe('digit round trips', () => {
  const digitText = fc
    .array(fc.constantFrom(...LATIN, ...PERSIAN, ...ARABIC_INDIC, ' ', '/', '-', 'ا', 'ب'), { maxLength: 20 })
    .map((chars) => chars.join(''));

  test('toPersianDigits then toLatinDigits gives the Latin form of the input', () => {
    fc.assert(fc.property(digitText, (text) => toLatinDigits(toPersianDigits(text)) === toLatinDigits(text)));
  });

  test('toLatinDigits then toPersianDigits gives the Persian form of the input', () => {
    fc.assert(fc.property(digitText, (text) => toPersianDigits(toLatinDigits(text)) === toPersianDigits(text)));
  });

  test('a whole number survives toPersianDigits and back', () => {
    fc.assert(fc.property(fc.nat(), (n) => Number(toLatinDigits(toPersianDigits(n))) === n));
  });

  test('the output of toLatinDigits has no Persian or Arabic-Indic digit left', () => {
    fc.assert(fc.property(fc.string(), (text) => !/[\u06f0-\u06f9\u0660-\u0669]/.test(toLatinDigits(text))));
  });
});
