/**
 * Reading single cells of the register the way people type them: percent, Jalali dates,
 * whole numbers and text. Parsers never throw; a failure says why, for the message.
 */
import { JalaliDate } from '../jalali/JalaliDate';
import { toLatinDigits, toPersianDigits } from '../text/digits';
import { isSettledText, normalizeText } from '../text/normalize';
import { parseNumberWords } from '../text/numberWords';
import { memoizeString } from './memo';
import type { CellValue } from './types';

/** Why a number cell was refused. */
export type NumberFailure = 'not_a_number' | 'out_of_range' | 'not_whole';

/** A parsed cell: `value` null means the cell is empty. */
export type CellParse<T, F> =
  | { ok: true; value: T | null }
  | { ok: false; reason: F; text: string };

/** Numbers this close to a whole number count as whole (0.29 × 100 is 28.999999999999996). */
const WHOLE_EPSILON = 1e-9;

/** Bidi and other invisible marks that Excel users paste around numbers and dates. */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff\u00ad]/g;

const normalizeCached = memoizeString(normalizeText);

/** Characters that survive normalizeText: anything but white space, invisible marks and tatweel. */
const VISIBLE = /[^\s\u00a0\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff\u00ad\u0640\u2000-\u200a\u202f\u205f\u3000]/;

/**
 * The cell as display text: strings display-normalized (normalizeText), numbers in their
 * shortest Latin form, booleans as `TRUE`/`FALSE`, null as ''. Never throws.
 */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return String(value);
  const text = String(value);
  // settled text (most cells) skips the cache: unique texts such as resolutions would only churn it
  return isSettledText(text) ? text : normalizeCached(text);
}

/** True when the cell holds nothing a person typed (null, '', only spaces or invisible marks). */
export function isEmptyCell(value: CellValue): boolean {
  if (value === null || value === undefined) return true;
  return typeof value === 'string' ? !VISIBLE.test(value) : false;
}

/**
 * Read a number typed as text: any digit script, `٫` or `.` as the decimal point, thousands
 * separators `,`/`٬` between digit groups, a leading `+`/`-`/`−`, surrounding spaces and marks
 * (spaces inside the number are refused).
 * Returns undefined when the text is not one number.
 */
function readNumber(text: string): number | undefined {
  // spaces only around the sign: `80 90` is two numbers, not 8090
  const clean = toLatinDigits(text).replace(INVISIBLE, '').trim().replace(/\u2212/g, '-').replace(/^([-+])\s+/, '$1');
  if (!/^[-+]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$/.test(clean) || !/\d/.test(clean)) return undefined;
  const value = Number(clean.replace(/,/g, ''));
  return Number.isFinite(value) ? value : undefined;
}

/** Round numbers within WHOLE_EPSILON of a whole number; others unchanged. */
function snapWhole(value: number): number {
  const rounded = Math.round(value);
  return Math.abs(value - rounded) < WHOLE_EPSILON ? rounded : value;
}

/**
 * Read a `درصد پیشرفت` cell as a whole percent 0..100.
 * Accepts `80`, `۸۰`, `٨٠`, `80%`, `۸۰٪`, `"80 %"`, `%80`, `80 درصد`, `هشتاد`, the number 80.
 * A percent-formatted cell reaches core as text (`0.8` formatted → `"80%"`, see CellValue).
 * A bare number is taken as percent points: 0.8 is 0.8 %, refused as `not_whole` rather than
 * guessed to be 80 %. Empty → `{ ok: true, value: null }`.
 * Failures: `not_a_number` (text, boolean, two numbers), `out_of_range` (< 0 or > 100),
 * `not_whole` (80.5). Never throws.
 */
export function parsePercent(value: CellValue): CellParse<number, NumberFailure> {
  const text = cellText(value);
  if (text === '') return { ok: true, value: null };
  let number: number | undefined;
  if (typeof value === 'number') {
    number = Number.isFinite(value) ? value : undefined;
  } else if (typeof value === 'string') {
    const bare = text.replace(/[%\u066a\ufe6a\uff05]|درصد/g, ' ');
    number = readNumber(bare) ?? parseNumberWords(bare.trim());
  }
  if (number === undefined) return { ok: false, reason: 'not_a_number', text };
  number = snapWhole(number);
  if (number < 0 || number > 100) return { ok: false, reason: 'out_of_range', text };
  if (!Number.isInteger(number)) return { ok: false, reason: 'not_whole', text };
  return { ok: true, value: number === 0 ? 0 : number };
}

/**
 * Read a whole number cell (`ردیف`, the hidden revision): any digit script, no sign, no
 * fraction (within 1e-9). Empty → `{ ok: true, value: null }`; negative → `out_of_range`;
 * `2.5` → `not_whole`; anything else → `not_a_number`. Never throws.
 */
export function parseWholeNumber(value: CellValue): CellParse<number, NumberFailure> {
  const text = cellText(value);
  if (text === '') return { ok: true, value: null };
  let number: number | undefined;
  if (typeof value === 'number') number = Number.isFinite(value) ? value : undefined;
  else if (typeof value === 'string') number = readNumber(text);
  if (number === undefined) return { ok: false, reason: 'not_a_number', text };
  number = snapWhole(number);
  if (number < 0) return { ok: false, reason: 'out_of_range', text };
  if (!Number.isInteger(number)) return { ok: false, reason: 'not_whole', text };
  return { ok: true, value: number === 0 ? 0 : number };
}

/** Why a date cell was refused, with the Persian/English reason to show. */
export interface DateFailure {
  code: 'invalid_date';
  fa: string;
  en: string;
}

/**
 * Read a Jalali date cell (`تاریخ جلسه`, `مهلت`, `تاریخ انجام`, `مهلت درخواستی`).
 * Accepts what JalaliDate.tryParse accepts (`۱۴۰۱/۰۴/۰۹`, `1401/4/9`, `۱۴۰۱-۰۴-۰۹`, any
 * digits, bidi marks) and eight digits `14010409` typed without separators (text or number).
 * Real Excel date cells were already turned into `YYYY/MM/DD` by the adapter.
 * A time after the date (`1401/04/09 10:30`) is ignored. Empty → `{ ok: true, value: null }`.
 * Anything else, including impossible days (1401/07/31, 1402/12/30), fails with the
 * reason from JalaliDate. Never throws.
 */
export function parseDateCell(value: CellValue): CellParse<JalaliDate, DateFailure> {
  // a register repeats a few hundred dates over thousands of rows: each text is read once
  return typeof value === 'string' ? parseDateTextCached(value) : readDateCell(value);
}

/** parseDateCell of a text cell, cached by the exact text (results are immutable: never change them). */
const parseDateTextCached = memoizeString((text: string) => readDateCell(text));

function readDateCell(value: CellValue): CellParse<JalaliDate, DateFailure> {
  const text = cellText(value);
  if (text === '') return { ok: true, value: null };
  const fail = (fa: string, en: string): CellParse<JalaliDate, DateFailure> =>
    ({ ok: false, reason: { code: 'invalid_date', fa, en }, text });
  if (typeof value === 'boolean') {
    return fail(`«${text}» تاریخ شمسی به شکل ۱۴۰۱/۰۴/۰۹ نیست`, `"${text}" is not a Jalali date like 1401/04/09`);
  }
  let candidate = toLatinDigits(text).replace(INVISIBLE, '').trim();
  // a timestamp written by the tool or typed by a person: keep the day
  candidate = candidate.replace(/^(\S+)\s+\d{1,2}:\d{2}(:\d{2})?$/, '$1');
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(candidate);
  if (compact) candidate = `${compact[1]}/${compact[2]}/${compact[3]}`;
  const parsed = JalaliDate.tryParse(candidate);
  if (parsed.ok) return { ok: true, value: parsed.date };
  // report with the text as the person typed it, not our cleaned-up form
  const shown = toPersianDigits(text);
  if (/^\d{2,4}[/\-.\\٫]\d{1,2}[/\-.\\٫]\d{1,2}$/.test(candidate)) {
    return fail(parsed.error.fa.replace(toPersianDigits(candidate), shown), parsed.error.en);
  }
  return fail(`«${shown}» تاریخ شمسی به شکل ۱۴۰۱/۰۴/۰۹ نیست`, `"${text}" is not a Jalali date like 1401/04/09`);
}
