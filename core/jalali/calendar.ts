/**
 * Calendar facts of the Jalali (Solar Hijri) calendar, as thin wrappers over jalaali-js
 * so the rest of the code never imports it directly.
 */
import { isLeapJalaaliYear, jalaaliMonthLength } from 'jalaali-js';

/** Smallest and largest Jalali year this project accepts (inclusive). */
export const MIN_YEAR = 1200;
export const MAX_YEAR = 1600;

/** Month names, index 0 = Farvardin (month 1). */
export const MONTH_NAMES = [
  'فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور',
  'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند',
] as const;

/** Weekday names, index 0 = Saturday (شنبه) … 6 = Friday (جمعه). */
export const WEEKDAY_NAMES = ['شنبه', 'یکشنبه', 'دوشنبه', 'سه‌شنبه', 'چهارشنبه', 'پنجشنبه', 'جمعه'] as const;

/** Weekday index, Saturday = 0 … Friday = 6. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;
export const SATURDAY: Weekday = 0;
export const THURSDAY: Weekday = 5;
export const FRIDAY: Weekday = 6;

/** True when Esfand of `year` has 30 days (1403, 1408, 1412 …). */
export function isLeapYear(year: number): boolean {
  return isLeapJalaaliYear(year);
}

/**
 * Number of days in a Jalali month: 31 for months 1–6, 30 for 7–11, 29 or 30 for 12.
 * @throws RangeError when month is not 1..12
 */
export function monthLength(year: number, month: number): number {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`month ${month} is not 1..12`);
  return jalaaliMonthLength(year, month);
}
