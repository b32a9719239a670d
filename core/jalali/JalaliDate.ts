/**
 * A calendar day in the Jalali calendar: an immutable value with no time and no time zone.
 * Internally it is a Julian Day Number, so arithmetic and comparison are integer maths;
 * year/month/day are computed once at construction.
 */
import { d2j, j2d, g2d, d2g, isValidJalaaliDate } from 'jalaali-js';
import { MosavabatError } from '../errors';
import { toLatinDigits, toPersianDigits } from '../text/digits';
import { zonedParts } from './zone';
import { MAX_YEAR, MIN_YEAR, MONTH_NAMES, monthLength, type Weekday, WEEKDAY_NAMES } from './calendar';

/** Two-digit years from this value up are 13xx (80 → 1380), below it 14xx (79 → 1479). */
const TWO_DIGIT_PIVOT = 80;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export class JalaliDate {
  /** Jalali year, month 1..12, day 1..31. */
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** Julian Day Number of this day. */
  readonly jdn: number;

  private constructor(jdn: number) {
    const { jy, jm, jd } = d2j(jdn);
    this.year = jy;
    this.month = jm;
    this.day = jd;
    this.jdn = jdn;
  }

  /**
   * The date year/month/day.
   * @throws MosavabatError `invalid_date` (with a Persian reason) when the day does not exist,
   *   e.g. 1401/07/31 (Mehr has 30 days), 1402/12/30 (1402 is not a leap year), month 13,
   *   or a year outside MIN_YEAR..MAX_YEAR.
   */
  static of(year: number, month: number, day: number): JalaliDate {
    const reason = invalidReason(year, month, day);
    if (reason) throw reason;
    return new JalaliDate(j2d(year, month, day));
  }

  /** The date for a Julian Day Number. @throws RangeError outside the supported years */
  static fromJdn(jdn: number): JalaliDate {
    const date = new JalaliDate(jdn);
    if (date.year < MIN_YEAR || date.year > MAX_YEAR) throw new RangeError(`JDN ${jdn} is outside Jalali ${MIN_YEAR}..${MAX_YEAR}`);
    return date;
  }

  /** The Jalali date of a Gregorian calendar date (month 1..12). */
  static fromGregorian(year: number, month: number, day: number): JalaliDate {
    return JalaliDate.fromJdn(g2d(year, month, day));
  }

  /**
   * The Jalali date of a `Date`'s **UTC** calendar day. Use this for Excel date cells read by
   * exceljs, which are UTC midnight: local parts would shift the day in some time zones.
   */
  static fromUtcDate(date: Date): JalaliDate {
    if (Number.isNaN(date.getTime())) throw new RangeError('invalid Date');
    return JalaliDate.fromGregorian(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
  }

  /**
   * Today in a time zone (default Asia/Tehran), whatever the machine's own zone is.
   * @param now the instant to read (default: the current time)
   */
  static today(now: Date = new Date(), timeZone = 'Asia/Tehran'): JalaliDate {
    const { year, month, day } = zonedParts(now, timeZone);
    return JalaliDate.fromGregorian(year, month, day);
  }

  /**
   * Parse a date as users type it: `۱۴۰۱/۰۴/۰۹`, `1401/4/9`, `۱۴۰۱-۰۴-۰۹`, `1401.04.09`,
   * Arabic-Indic digits, surrounding spaces or bidi marks. Year first, four digits; or day first
   * when the year has four digits (`۱۷/۵/۱۴۰۲`, `9-4-1401`).
   * A two-digit year is read as 13xx from 80 up (`99/12/1` = 1399/12/01), else as 14xx
   * (`01/4/9` = 1401/04/09).
   * @throws MosavabatError `invalid_date` with a Persian reason naming what is wrong
   */
  static parse(text: string): JalaliDate {
    const result = JalaliDate.tryParse(text);
    if (result.ok) return result.date;
    throw result.error;
  }

  /** Like `parse`, but returns the error instead of throwing it. */
  static tryParse(text: string): { ok: true; date: JalaliDate } | { ok: false; error: MosavabatError } {
    const clean = toLatinDigits(String(text)).replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\s]/g, '');
    if (clean === '') {
      return { ok: false, error: new MosavabatError('invalid_date', 'تاریخ خالی است', 'the date is empty') };
    }
    // year first (the usual form), or day first with a four-digit year (`۱۷/۵/۱۴۰۲`), which cannot be misread
    const dayFirst = /^(\d{1,2})[/\-.\\٫](\d{1,2})[/\-.\\٫](\d{4})$/.exec(clean);
    const match = dayFirst ? [dayFirst[0], dayFirst[3], dayFirst[2], dayFirst[1]] : /^(\d{2}|\d{4})[/\-.\\٫](\d{1,2})[/\-.\\٫](\d{1,2})$/.exec(clean);
    if (!match) {
      return {
        ok: false,
        error: new MosavabatError('invalid_date', `«${text}» تاریخ شمسی به شکل ۱۴۰۱/۰۴/۰۹ نیست`,
          `"${text}" is not a Jalali date like 1401/04/09`),
      };
    }
    let year = Number(match[1]);
    // two-digit years as secretariats write them: ۹۹ is 1399, ۰۱ is 1401
    if (match[1].length === 2) year += year >= TWO_DIGIT_PIVOT ? 1300 : 1400;
    const reason = invalidReason(year, Number(match[2]), Number(match[3]), text);
    if (reason) return { ok: false, error: reason };
    return { ok: true, date: new JalaliDate(j2d(year, Number(match[2]), Number(match[3]))) };
  }

  /** Machine form `YYYY/MM/DD` with Latin digits, e.g. `1401/04/09`. */
  toString(): string {
    return `${pad(this.year, 4)}/${pad(this.month, 2)}/${pad(this.day, 2)}`;
  }

  /** Display form with Persian digits, e.g. `۱۴۰۱/۰۴/۰۹`. */
  toDisplay(): string {
    return toPersianDigits(this.toString());
  }

  toJSON(): string {
    return this.toString();
  }

  /** The Gregorian calendar date as numbers (month 1..12). */
  toGregorian(): { year: number; month: number; day: number } {
    const { gy, gm, gd } = d2g(this.jdn);
    return { year: gy, month: gm, day: gd };
  }

  /** UTC midnight of this day: what exceljs writes as a date cell without shifting it. */
  toUtcDate(): Date {
    const { year, month, day } = this.toGregorian();
    return new Date(Date.UTC(year, month - 1, day));
  }

  /** Weekday, Saturday = 0 … Friday = 6. */
  weekday(): Weekday {
    // JDN 0 was a Monday; Monday is index 2 when Saturday is 0
    return (((this.jdn + 2) % 7) + 7) % 7 as Weekday;
  }

  /** Persian weekday name (`شنبه` … `جمعه`). */
  weekdayName(): string {
    return WEEKDAY_NAMES[this.weekday()];
  }

  /** This date plus `days` (may be negative). */
  addDays(days: number): JalaliDate {
    if (!Number.isInteger(days)) throw new RangeError(`addDays: ${days} is not a whole number`);
    return JalaliDate.fromJdn(this.jdn + days);
  }

  /**
   * The same day `months` Jalali months later (negative: earlier), clamped to the target
   * month's length: 1401/06/31 + 1 month = 1401/07/30; 1403/12/30 + 12 months = 1404/12/29.
   */
  addMonths(months: number): JalaliDate {
    if (!Number.isInteger(months)) throw new RangeError(`addMonths: ${months} is not a whole number`);
    const index = this.year * 12 + (this.month - 1) + months;
    const year = Math.floor(index / 12);
    const month = index - year * 12 + 1;
    return JalaliDate.of(year, month, Math.min(this.day, monthLength(year, month)));
  }

  /** The same day `years` later, clamped (Esfand 30 of a leap year → Esfand 29). */
  addYears(years: number): JalaliDate {
    return this.addMonths(years * 12);
  }

  /** The Friday that ends this date's Saturday–Friday week (the date itself when Friday). */
  endOfWeek(): JalaliDate {
    return this.addDays(6 - this.weekday());
  }

  /** The Saturday that starts this date's week. */
  startOfWeek(): JalaliDate {
    return this.addDays(-this.weekday());
  }

  /** Last day of this Jalali month. */
  endOfMonth(): JalaliDate {
    return JalaliDate.of(this.year, this.month, monthLength(this.year, this.month));
  }

  /** Last day of this Jalali year (Esfand 29 or 30). */
  endOfYear(): JalaliDate {
    return JalaliDate.of(this.year, 12, monthLength(this.year, 12));
  }

  /** Whole days from this date to `other` (positive when `other` is later). */
  daysUntil(other: JalaliDate): number {
    return other.jdn - this.jdn;
  }

  /** Negative, zero or positive like a sort comparator. */
  compare(other: JalaliDate): number {
    return this.jdn - other.jdn;
  }

  equals(other: JalaliDate): boolean {
    return this.jdn === other.jdn;
  }

  isBefore(other: JalaliDate): boolean {
    return this.jdn < other.jdn;
  }

  isAfter(other: JalaliDate): boolean {
    return this.jdn > other.jdn;
  }
}

/** Why year/month/day is not a date, or undefined when it is one. */
function invalidReason(year: number, month: number, day: number, text?: string): MosavabatError | undefined {
  const shown = text ?? `${year}/${month}/${day}`;
  const fail = (fa: string, en: string) =>
    new MosavabatError('invalid_date', `تاریخ «${toPersianDigits(shown)}» نادرست است: ${fa}`, `invalid date "${shown}": ${en}`);
  if (![year, month, day].every(Number.isInteger)) return fail('عدد صحیح نیست', 'not whole numbers');
  if (year < MIN_YEAR || year > MAX_YEAR) {
    return fail(`سال باید بین ${toPersianDigits(MIN_YEAR)} و ${toPersianDigits(MAX_YEAR)} باشد`, `year must be ${MIN_YEAR}..${MAX_YEAR}`);
  }
  if (month < 1 || month > 12) return fail('ماه باید بین ۱ و ۱۲ باشد', 'month must be 1..12');
  const length = monthLength(year, month);
  if (day < 1) return fail(`روز باید بین ۱ و ${toPersianDigits(length)} باشد`, `day must be 1..${length}`);
  if (day > length) {
    const leapNote = month === 12 && day === 30 ? ` (سال ${toPersianDigits(year)} کبیسه نیست)` : '';
    return fail(`${MONTH_NAMES[month - 1]} ${toPersianDigits(year)} ${toPersianDigits(length)} روز دارد${leapNote}`,
      `month ${month} of ${year} has ${length} days`);
  }
  if (!isValidJalaaliDate(year, month, day)) return fail('این روز وجود ندارد', 'no such day');
  return undefined;
}

/** Convenience: `JalaliDate.parse`. */
export function parseJalali(text: string): JalaliDate {
  return JalaliDate.parse(text);
}

