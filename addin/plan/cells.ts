/**
 * Office.js cell values → core's CellValue, and A1 addresses. Office returns a date cell as its
 * serial number and a percent cell as a fraction; the number format says which, so both are
 * turned into what the CLI's reader gives for the same cell (`YYYY/MM/DD`, `80%`).
 */
import { JalaliDate } from '../../core/jalali';
import type { CellValue } from '../../core/register/types';

/** Days from Excel's day 0 (1899-12-30, the 1900 system) to 1970-01-01. */
const EPOCH_OFFSET_DAYS = 25569;
const DAY_MS = 86_400_000;

/** Column letters of a 1-based column number (1 → A, 27 → AA). */
export function columnLetter(col: number): string {
  let letters = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** 1-based column number of column letters (A → 1, AA → 27). */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** A number format without its quoted text, escapes and bracketed codes (colours, locales). */
function formatCodes(format: string): string {
  return format.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '');
}

/** Whether a number format shows a percent (`0%`, not `"%"`). */
export function isPercentFormat(format: string | undefined): boolean {
  return !!format && formatCodes(format).includes('%');
}

/** Whether a number format shows a date (has y, m or d codes; `General` has none). */
export function isDateFormat(format: string | undefined): boolean {
  if (!format || format === 'General' || format === '@') return false;
  return /[ymd]/i.test(formatCodes(format).replace(/General/gi, ''));
}

/** An Excel date serial (1900 system) as Jalali `YYYY/MM/DD`; the Gregorian ISO day when outside the Jalali range. */
export function serialToJalali(serial: number): string {
  const date = new Date(Math.round((Math.floor(serial) - EPOCH_OFFSET_DAYS) * DAY_MS));
  try {
    return JalaliDate.fromUtcDate(date).toString();
  } catch {
    return Number.isNaN(date.getTime()) ? String(serial) : date.toISOString().slice(0, 10);
  }
}

/** The Excel date serial of a Jalali `YYYY/MM/DD`, or null when it is not a date. */
export function jalaliToSerial(text: string | null): number | null {
  if (!text) return null;
  const parsed = JalaliDate.tryParse(text);
  return parsed.ok ? parsed.date.toUtcDate().getTime() / DAY_MS + EPOCH_OFFSET_DAYS : null;
}

/**
 * One cell as Office.js returns it (with its number format when known) → core's CellValue:
 * empty text is null, date-formatted numbers are Jalali dates, percent-formatted numbers are
 * `80%`. Never throws.
 */
export function officeCellValue(value: unknown, format?: string): CellValue {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') {
    if (isDateFormat(format)) return serialToJalali(value);
    if (isPercentFormat(format)) return `${Number((value * 100).toFixed(6))}%`;
    return value;
  }
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  return String(value);
}

/**
 * A column width as the xlsx file stores it (Excel character units, padding included, what
 * exceljs's `width` holds) → the points Office.js `format.columnWidth` takes: Excel shows
 * `trunc((256·w + trunc(128/7)) / 256 · 7)` pixels with the 7-pixel digits of its default
 * font, and a pixel is ¾ of a point (ECMA-376 Part 1, 18.3.1.13).
 */
export function columnWidthPoints(width: number): number {
  return Math.trunc(((256 * width + Math.trunc(128 / 7)) / 256) * 7) * 0.75;
}
