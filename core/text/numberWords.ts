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

/** Split normalized words on " و " (the Persian "and" between number parts). */
function parts(words: string): string[] {
  return normalizeText(words).replace(/\u200c/g, ' ').split(/\s+و\s+/);
}

/** 100 for hundreds, 10 for 20..90, 1 for 0..19: parts of a number go strictly down. */
function magnitude(value: number): number {
  return value >= 100 ? 100 : value >= 20 ? 10 : 1;
}

function sumParts(items: string[]): number | undefined {
  let total = 0;
  let lastMagnitude = Infinity;
  for (const item of items) {
    const value = UNITS[item.trim()];
    if (value === undefined) return undefined;
    // parts must go strictly down in magnitude: "بیست و پنج", never "پنج و بیست"
    if (magnitude(value) >= lastMagnitude) return undefined;
    lastMagnitude = magnitude(value);
    total += value;
  }
  return total;
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
 * Read a Persian ordinal: `اول`, `نخستین`, `سوم`, `دوازدهم`, `دوازدهمین`, `بیست و یکمین`,
 * `صدمین`, and digit forms like `۱۲مین` / `12ام`. Range 1–999.
 * @returns the number, or `undefined` when the text is not an ordinal
 */
export function parseOrdinal(text: string): number | undefined {
  const clean = toLatinDigits(normalizeText(text)).replace(/\u200c/g, '');
  const digits = /^(\d+)\s*(?:مین|م|ام|امین)$/.exec(clean);
  if (digits) return Number(digits[1]) || undefined;
  const items = parts(clean);
  const last = items[items.length - 1];
  const stem = last.replace(/ین$/, '');
  const head = items.slice(0, -1);
  let lastValue: number | undefined = IRREGULAR_ORDINALS[stem];
  if (lastValue === undefined && stem.endsWith('م')) lastValue = UNITS[stem.slice(0, -1)];
  if (lastValue === undefined || lastValue === 0) return undefined;
  if (head.length === 0) return lastValue;
  // inside a compound only the regular "یکم" form is used for 1 (بیست و یکم), not اول/نخست
  if (lastValue === 1 && stem !== 'یکم') return undefined;
  const headValue = sumParts(head);
  if (headValue === undefined) return undefined;
  const smallestHead = Math.min(...head.map((h) => UNITS[h.trim()]));
  if (magnitude(lastValue) >= magnitude(smallestHead)) return undefined;
  return headValue + lastValue;
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
