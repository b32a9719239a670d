/**
 * exceljs cell values → core's CellValue. Everything Excel-specific stops here: date cells
 * become Jalali `YYYY/MM/DD` (from the UTC parts), percent-formatted numbers become `80%`,
 * formulas become their cached result, rich text and hyperlinks become plain text.
 */
import type { Cell, CellValue as ExcelValue } from 'exceljs';
import type { CellValue } from '../../core/register/types';
import { JalaliDate } from '../../core/jalali';

/** Whether a number format shows the value as a percent (`0%`, `0.00%`; not `"%"` in quotes). */
export function isPercentFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  let known = PERCENT_FORMATS.get(numFmt);
  if (known === undefined) {
    known = numFmt.replace(/"[^"]*"/g, '').replace(/\\./g, '').includes('%');
    // a workbook has a handful of formats and a register hundreds of thousands of cells
    if (PERCENT_FORMATS.size < 1000) PERCENT_FORMATS.set(numFmt, known);
  }
  return known;
}

const PERCENT_FORMATS = new Map<string, boolean>();

/**
 * A percent-formatted number as the text a person sees: 0.8 → `80%`, 0.805 → `80.5%`
 * (rounded to 6 decimals to hide binary noise such as 0.29 × 100 = 28.999999999999996).
 */
export function percentText(value: number): string {
  return `${Number((value * 100).toFixed(6))}%`;
}

/**
 * A `Date` from a date cell as Jalali `YYYY/MM/DD`, read from its UTC parts (exceljs dates are
 * UTC midnight). A date outside the Jalali range the project supports comes back as its
 * Gregorian ISO day, which validation then reports as not a Jalali date.
 */
export function dateCellText(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  try {
    return JalaliDate.fromUtcDate(date).toString();
  } catch {
    return date.toISOString().slice(0, 10);
  }
}

/**
 * Convert an exceljs value (with the cell's number format) to core's CellValue.
 * Formula cells give their cached result (null when the file has none); errors (`#N/A`)
 * give their text, so validation can quote them. Never throws.
 */
export function toCellValue(value: ExcelValue | undefined, numFmt?: string): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return isPercentFormat(numFmt) ? percentText(value) : value;
  if (value instanceof Date) return dateCellText(value);
  if (typeof value !== 'object') return null;
  if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((run) => run.text ?? '').join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (result && typeof result === 'object' && 'error' in result) return String((result as { error: unknown }).error);
    return toCellValue(result as ExcelValue | undefined, numFmt);
  }
  if ('hyperlink' in value) {
    const text = (value as { text?: unknown }).text;
    if (text === undefined || text === null) return String((value as { hyperlink: unknown }).hyperlink ?? '');
    return toCellValue(text as ExcelValue, numFmt);
  }
  if ('error' in value) return String((value as { error: unknown }).error);
  return null;
}

/** The CellValue of an exceljs cell (merged cells read their master's value). */
export function readCell(cell: Cell): CellValue {
  return toCellValue(cell.value, cell.numFmt);
}
