/**
 * Persian number words (0–999) and ordinals, as they appear in deadline phrases
 * (`بیست و پنج روز`) and session titles (`دوازدهمین`, `بیست و یکمین`, `نخستین`).
 */
import { normalizeText } from './normalize';
import { toLatinDigits } from './digits';

const UNITS: Record<string, number> = {
  صفر: 0, یک: 1, یه: 1, دو: 2, سه: 3, چهار: 4, پنج: 5, شش: 6, شیش: 6, هفت: 7, هشت: 8, نه: 9,
  ده: 10, یازده: 11, دوازده: 12, سیزده: 13, چهارده: 14, پانزده: 15, پونزده: 15, شانزده: 16,
  شونزده: 16, هفده: 17, هیجده: 18, هجده: 18, نوزده: 19,
  بیست: 20, سی: 30, چهل: 40, پنجاه: 50, شصت: 60, هفتاد: 70, هشتاد: 80, نود: 90,
  صد: 100, یکصد: 100, دویست: 200, سیصد: 300, چهارصد: 400, پانصد: 500, ششصد: 600,
  هفتصد: 700, هشتصد: 800, نهصد: 900,
};

/** Irregular ordinal stems: the ordinal word (without -مین) → number. */
const IRREGULAR_ORDINALS: Record<string, number> = {
  نخست: 1, اول: 1, یکم: 1, دوم: 2, سوم: 3,
};

/** Own-property lookup, so words like `constructor` or `toString` are not numbers. */
function lookup(table: Record<string, number>, word: string): number | undefined {
  return Object.hasOwn(table, word) ? table[word] : undefined;
}

/**
 * Split normalized words on " و " (the Persian "and" between number parts), also when the و is
 * written against the next or previous word (`بیست‌وپنج`, `بیست وپنج`). No number word starts
 * with و, and the only one ending in it (دو) never has a space-less و after it.
 */
function parts(words: string): string[] {
  const text = normalizeText(words).replace(/\u200c/g, ' ');
  // a و with spaces before it, or a و glued to the word before it unless that word ends in د
  // (دو); checked by hand because the add-in's older webviews have no lookbehind
  const separator = /\s+و\s*|و\s+/g;
  const pieces: string[] = [];
  let start = 0;
  for (let match = separator.exec(text); match !== null; match = separator.exec(text)) {
    if (match[0].startsWith('و') && text[match.index - 1] === 'د') {
      separator.lastIndex = match.index + 1;
      continue;
    }
    pieces.push(text.slice(start, match.index));
    start = match.index + match[0].length;
  }
  pieces.push(text.slice(start));
  return pieces;
}

/**
 * Combine the values of the parts of a number written in words, checking that they are in
 * the order Persian writes them: hundreds, then tens (20..90), then a unit. A unit after tens
 * is 1..9 (`بیست و پنج`, never `بیست و یازده`); zero only stands alone (`صفر`, never `صد و صفر`).
 */
function combine(values: readonly (number | undefined)[]): number | undefined {
  if (values.length === 0) return undefined;
  let total = 0;
  let stage = 0; // 0 = nothing yet, 1 = after hundreds, 2 = after tens, 3 = after a unit
  for (const value of values) {
    if (value === undefined) return undefined;
    if (value === 0 && values.length > 1) return undefined;
    if (value >= 100) {
      if (stage >= 1) return undefined;
      stage = 1;
    } else if (value >= 20) {
      if (stage >= 2) return undefined;
      stage = 2;
    } else {
      if (stage >= 3 || (stage === 2 && value >= 10)) return undefined;
      stage = 3;
    }
    total += value;
  }
  return total;
}

function sumParts(items: string[]): number | undefined {
  return combine(items.map((item) => lookup(UNITS, item.trim())));
}

/**
 * Read a cardinal number written in Persian words, 0 to 999: `یک`, `پانزده`,
 * `بیست و پنج`, `صد و بیست`, `نود و نه`. Arabic letter variants and ZWNJ are tolerated.
 * @returns the number, or `undefined` when the text is not a number in words
 */
export function parseNumberWords(text: string): number | undefined {
  const items = parts(text);
  if (items.length === 0 || items.some((i) => i === '')) return undefined;
  return sumParts(items);
}

/**
 * Read a number written either in digits (Latin, Persian or Arabic-Indic; whole numbers
 * only) or in Persian words (0–999).
 * @returns the number, or `undefined` when the text is neither
 */
export function parseCount(text: string): number | undefined {
  const trimmed = toLatinDigits(normalizeText(text));
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  return parseNumberWords(trimmed);
}

/**
 * The value of an ordinal's last word without its `ین`: `دوازدهم` → 12, `سوم` → 3,
 * `سی‌ام` / `سی ام` / `سیام` → 30, `نخست` / `اول` → 1. Undefined for anything else,
 * including forms Persian does not write (`سهم`, and `سیم`, which in older texts means "third").
 */
function ordinalStemValue(stem: string): number | undefined {
  const irregular = lookup(IRREGULAR_ORDINALS, stem);
  if (irregular !== undefined) return irregular;
  // a number word ending in the vowel ی takes ‌ام (سی‌ام); the others take م (دوازدهم)
  const afterVowel = /^(.+?) ?ام$/.exec(stem);
  if (afterVowel && afterVowel[1].endsWith('ی')) return lookup(UNITS, afterVowel[1]) || undefined;
  if (!stem.endsWith('م')) return undefined;
  const base = stem.slice(0, -1);
  if (base === 'سه' || base.endsWith('ی')) return undefined;
  return lookup(UNITS, base) || undefined;
}

/**
 * Read a Persian ordinal: `اول`, `نخستین`, `سوم`, `دوازدهم`, `دوازدهمین`, `بیست و یکمین`,
 * `بیست و سومین`, `سی‌امین` (also `سی امین`), `صدمین`, and digit forms like `۱۲مین` / `12ام`.
 * The و between parts may be written as parseNumberWords reads it, ZWNJs included (`سی‌و‌یکم`).
 * Words cover 1–999; digit forms any positive whole number.
 * @returns the number, or `undefined` when the text is not an ordinal
 */
export function parseOrdinal(text: string): number | undefined {
  // a ZWNJ before the ending joins it to its number (`سی‌ام`, `۱۲‌مین`); any other separates
  // as a space does, as in parseNumberWords (`سی‌و‌یکم`)
  const clean = toLatinDigits(normalizeText(text)).replace(/\u200c(?=ا?م)/g, '');
  const digits = /^(\d+)\s*(?:مین|م|ام|امین)$/.exec(clean);
  if (digits) return Number(digits[1]) || undefined;
  const items = parts(clean);
  const stem = items[items.length - 1].replace(/ین$/, '').trim();
  const lastValue = ordinalStemValue(stem);
  if (lastValue === undefined) return undefined;
  const head = items.slice(0, -1);
  // inside a compound only the regular "یکم" form is used for 1 (بیست و یکم), not اول/نخست
  if (head.length > 0 && lastValue === 1 && stem !== 'یکم') return undefined;
  return combine([...head.map((h) => lookup(UNITS, h.trim())), lastValue]);
}

const UNIT_WORDS = ['صفر', 'یک', 'دو', 'سه', 'چهار', 'پنج', 'شش', 'هفت', 'هشت', 'نه', 'ده',
  'یازده', 'دوازده', 'سیزده', 'چهارده', 'پانزده', 'شانزده', 'هفده', 'هجده', 'نوزده'];
const TENS_WORDS = ['', '', 'بیست', 'سی', 'چهل', 'پنجاه', 'شصت', 'هفتاد', 'هشتاد', 'نود'];
const HUNDREDS_WORDS = ['', 'صد', 'دویست', 'سیصد', 'چهارصد', 'پانصد', 'ششصد', 'هفتصد', 'هشتصد', 'نهصد'];

/**
 * Write a whole number 0–999 in Persian words (`۲۵` → `بیست و پنج`).
 * @throws RangeError outside 0–999 or for a non-integer
 */
export function numberToWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999) throw new RangeError(`numberToWords: ${n} is not a whole number in 0..999`);
  if (n < 20) return UNIT_WORDS[n];
  const out: string[] = [];
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds) out.push(HUNDREDS_WORDS[hundreds]);
  if (rest >= 20) {
    out.push(TENS_WORDS[Math.floor(rest / 10)]);
    if (rest % 10) out.push(UNIT_WORDS[rest % 10]);
  } else if (rest > 0) out.push(UNIT_WORDS[rest]);
  return out.join(' و ');
}
