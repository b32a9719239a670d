export { toLatinDigits, toPersianDigits, hasDigit } from './digits';
export { normalizeText, comparisonKey } from './normalize';
export { parseNumberWords, parseCount, parseOrdinal, numberToWords } from './numberWords';
