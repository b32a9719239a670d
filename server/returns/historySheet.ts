/**
 * The register's `تاریخچه` sheet: one line per change a merge applied (when, agency, source
 * file, row id, column, old value, new value, the row's new revision). Lines are only ever
 * appended; what people wrote in the sheet stays.
 */
import type { Style, Workbook, Worksheet } from 'exceljs';
import { SHEETS } from '../../core/register/fields';
import { fieldHeader } from '../../core/register/problems';
import type { HistoryEntry } from '../../core/merge';
import { toPersianDigits } from '../../core/text';
import { BODY_FONT, BODY_ALIGNMENT, WRAP_ALIGNMENT, rtlView, styleHeaderRow } from '../excel/layout';

/** Columns of the history sheet: Persian header and width. */
export const HISTORY_COLUMNS: ReadonlyArray<{ fa: string; en: string; width: number }> = [
  { fa: 'زمان', en: 'When', width: 18 },
  { fa: 'دستگاه', en: 'Agency', width: 30 },
  { fa: 'فایل', en: 'Source file', width: 34 },
  { fa: 'شناسه', en: 'ID', width: 24 },
  { fa: 'ستون', en: 'Column', width: 16 },
  { fa: 'مقدار پیشین', en: 'Old value', width: 30 },
  { fa: 'مقدار جدید', en: 'New value', width: 30 },
  { fa: 'نسخه', en: 'Revision', width: 8 },
];

/** The history sheet, created (right to left, headers, filter) when the register has none. */
export function historySheet(workbook: Workbook): Worksheet {
  const existing = workbook.getWorksheet(SHEETS.history);
  if (existing) return existing;
  const sheet = workbook.addWorksheet(SHEETS.history);
  sheet.views = rtlView(1);
  HISTORY_COLUMNS.forEach((c, i) => {
    sheet.getColumn(i + 1).width = c.width;
    sheet.getRow(1).getCell(i + 1).value = c.fa;
  });
  styleHeaderRow(sheet, 1, HISTORY_COLUMNS.length);
  return sheet;
}

/** The last row of a sheet holding any value (0 for an empty sheet). */
function lastUsedRow(sheet: Worksheet): number {
  for (let r = sheet.rowCount; r >= 1; r--) {
    const row = sheet.findRow(r);
    if (row && row.hasValues) return r;
  }
  return 0;
}

/** Fields whose values are numbers or dates: shown with Persian digits; text stays as typed. */
const NUMERIC: ReadonlySet<string> = new Set(['percent', 'doneDate', 'requestedDue']);

function shown(field: string, value: string): string {
  return NUMERIC.has(field) ? toPersianDigits(value) : value;
}

/**
 * Append history lines to the register's `تاریخچه` sheet (created when missing). Times, dates and
 * percents are shown with Persian digits; ids and typed text stay as they are.
 * @returns the number of lines written
 */
export function appendHistory(workbook: Workbook, entries: readonly HistoryEntry[]): number {
  if (entries.length === 0) return 0;
  const sheet = historySheet(workbook);
  let r = lastUsedRow(sheet);
  const style = { font: BODY_FONT, alignment: BODY_ALIGNMENT } as Style;
  const wrapped = { font: BODY_FONT, alignment: WRAP_ALIGNMENT } as Style;
  for (const e of entries) {
    const row = sheet.getRow(++r);
    const values = [
      toPersianDigits(e.at), e.agency, e.sourceFile, e.id, fieldHeader(e.field),
      shown(e.field, e.old), shown(e.field, e.new), e.revision,
    ];
    values.forEach((value, i) => {
      const cell = row.getCell(i + 1);
      cell.value = value;
      cell.style = i === 5 || i === 6 ? wrapped : style;
    });
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: r, column: HISTORY_COLUMNS.length } };
  return entries.length;
}
