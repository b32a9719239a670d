/**
 * The register's `تنظیمات` sheet in exceljs: read into core's parser (core/register/settings)
 * and written from its rows. The sheet belongs to the secretariat: it is kept as people left it
 * and only written when it is missing (an older register gets it, with the defaults) or when
 * settings are given on the command line.
 */
import type { Style, Workbook, Worksheet } from 'exceljs';
import { SHEETS } from '../../core/register/fields';
import { parseSettingsSheet, type SettingsRead } from '../../core/register/settings';
import type { CellValue } from '../../core/register/types';
import { comparisonKey } from '../../core/text';
import { BODY_FONT, HEADER_ALIGNMENT, HEADER_FILL, HEADER_FONT, THIN_BORDERS, WRAP_ALIGNMENT, printSetup, rtlView } from './layout';
import { moveSheet, worksheetGrid } from './sideSheets';

/** Column widths of the settings sheet: label, value, explanation. */
export const SETTINGS_WIDTHS: readonly number[] = [30, 16, 80];

/** Whether a sheet name is the settings sheet's (exact, or equal by comparison key). */
export function isSettingsSheetName(name: string): boolean {
  return name === SHEETS.settings || comparisonKey(name) === comparisonKey(SHEETS.settings);
}

/** Style of a settings cell: header row, or body (the explanation wrapped). */
export function settingsCellStyle(row: number, col: number): Partial<Style> {
  if (row === 1) return { font: HEADER_FONT, fill: HEADER_FILL, alignment: HEADER_ALIGNMENT, border: THIN_BORDERS };
  return { font: BODY_FONT, alignment: col === 3 ? WRAP_ALIGNMENT : { ...WRAP_ALIGNMENT, wrapText: false }, border: col <= 3 ? THIN_BORDERS : undefined };
}

function findSettingsSheet(workbook: Workbook): Worksheet | undefined {
  return workbook.getWorksheet(SHEETS.settings) ?? workbook.worksheets.find((s) => isSettingsSheetName(s.name));
}

/** The settings of a whole-model register (defaults and `present: false` without the sheet). */
export function readSettings(workbook: Workbook): SettingsRead {
  const sheet = findSettingsSheet(workbook);
  return parseSettingsSheet(sheet ? worksheetGrid(sheet) : undefined, sheet?.name ?? SHEETS.settings);
}

/**
 * (Re)write the settings sheet with `rows` (settingsSheetRows: 0-based columns, row 0 the
 * header), in the old sheet's place, or after `دستگاه‌ها` when it is new.
 */
export function writeSettingsSheet(workbook: Workbook, rows: readonly CellValue[][]): void {
  const old = findSettingsSheet(workbook);
  const agencies = workbook.getWorksheet(SHEETS.agencies);
  const position = old ? workbook.worksheets.indexOf(old) : agencies ? workbook.worksheets.indexOf(agencies) + 1 : -1;
  const name = old?.name ?? SHEETS.settings;
  if (old) workbook.removeWorksheet(old.id);
  const sheet = workbook.addWorksheet(name, { views: rtlView(1), pageSetup: printSetup(1) });
  if (position >= 0) moveSheet(workbook, sheet, position);
  SETTINGS_WIDTHS.forEach((width, i) => (sheet.getColumn(i + 1).width = width));
  rows.forEach((values, r) => {
    const row = sheet.getRow(r + 1);
    values.forEach((value, c) => {
      if (value === null || value === undefined) return;
      const cell = row.getCell(c + 1);
      cell.value = value;
      cell.style = settingsCellStyle(r + 1, c + 1);
    });
  });
}
