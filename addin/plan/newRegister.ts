/**
 * What a new, empty register holds, as plain data both ways of creating it use (a right-to-left
 * workbook built with exceljs and inserted whole, or sheets made cell by cell through Office.js):
 * the exact headers, widths, hidden helper columns, the status dropdown, the percent limits and
 * the `تنظیمات` sheet with the defaults.
 */
import { REGISTER_FIELDS, SHEETS } from '../../core/register/fields';
import { settingsSheetRows } from '../../core/register/settings';
import { REGISTER_STATUS_OPTIONS } from '../../core/register/status';
import type { CellValue } from '../../core/register/types';
import { columnLetter } from './cells';
import { ROOM_ROWS } from './register';

/** Column widths in Excel character units and whether each is hidden, in sheet order. */
export const NEW_REGISTER_COLUMNS = REGISTER_FIELDS.map((f, i) => ({ letter: columnLetter(i + 1), header: f.fa, width: f.width, hidden: !!f.hidden, field: f.name }));

/** The status dropdown's list formula (`"a,b,c"`). */
export const STATUS_LIST = `"${REGISTER_STATUS_OPTIONS.join(',')}"`;

/** Rows the new register's dropdown and percent limits cover (below the header). */
export const NEW_REGISTER_ROWS = ROOM_ROWS;

/** The A1 range of a field's data cells in a new register. */
export function newRegisterRange(field: 'status' | 'percent'): string {
  const column = NEW_REGISTER_COLUMNS.find((c) => c.field === field)!;
  return `${column.letter}2:${column.letter}${NEW_REGISTER_ROWS + 1}`;
}

/** Messages of the two validations (Persian, as the CLI writes them). */
export const STATUS_ERROR = { title: 'وضعیت نامعتبر', message: `یکی از این‌ها را انتخاب کنید: ${REGISTER_STATUS_OPTIONS.join('، ')}` };
export const PERCENT_ERROR = { title: 'درصد نامعتبر', message: 'درصد پیشرفت باید عدد صحیح بین ۰ و ۱۰۰ باشد' };

/** The settings sheet's cells with the default values, three columns wide. */
export function newSettingsGrid(): CellValue[][] {
  return settingsSheetRows(undefined).map((row) => [row[0] ?? '', row[1] ?? '', row[2] ?? '']);
}

export { SHEETS };
