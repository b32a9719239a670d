/// <reference types="office-js" />
/**
 * A workbook without a register gets one. Office.js cannot make a sheet right-to-left, so where
 * Workbook.insertWorksheetsFromBase64 exists (ExcelApi 1.13) the register and settings sheets are
 * built with exceljs (loaded only then, as its own script) with a right-to-left view and
 * inserted whole; elsewhere they are made through Office.js and the pane names the one menu
 * click that turns the sheet right-to-left.
 */
import type ExcelJSModule from 'exceljs';
import { SHEETS } from '../../core/register/fields';
import {
  NEW_REGISTER_COLUMNS, NEW_REGISTER_ROWS, PERCENT_ERROR, STATUS_ERROR, STATUS_LIST, newRegisterRange, newSettingsGrid,
} from '../plan/newRegister';
import { canUse, RTL_CLICK_FA } from './capabilities';
import { columnWidthPoints } from '../plan/cells';
import type { CommandOutcome } from './commands';

export { RTL_CLICK_FA };

/** exceljs's browser build, fetched from the add-in's own server the first time it is needed. */
async function loadExcelJS(): Promise<typeof ExcelJSModule> {
  return (await import(/* webpackChunkName: "exceljs" */ 'exceljs/dist/exceljs.min.js')).default;
}

/** A workbook built with exceljs as base64, what insertWorksheetsFromBase64 takes. */
async function toBase64(workbook: ExcelJSModule.Workbook): Promise<string> {
  const buffer = await workbook.xlsx.writeBuffer();
  let binary = '';
  const bytes = new Uint8Array(buffer as ArrayBuffer);
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The new register and settings sheets as an .xlsx (base64), right to left, built with exceljs. */
export async function newRegisterBase64(): Promise<string> {
  const ExcelJS = await loadExcelJS();
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(SHEETS.register, { views: [{ rightToLeft: true, state: 'frozen', ySplit: 1, xSplit: 0, topLeftCell: 'A2' }] });
  sheet.columns = NEW_REGISTER_COLUMNS.map((c) => ({ header: c.header, width: c.width, hidden: c.hidden }));
  sheet.getRow(1).font = { bold: true };
  for (let r = 2; r <= NEW_REGISTER_ROWS + 1; r++) {
    const status = NEW_REGISTER_COLUMNS.findIndex((c) => c.field === 'status') + 1;
    const percent = NEW_REGISTER_COLUMNS.findIndex((c) => c.field === 'percent') + 1;
    sheet.getCell(r, status).dataValidation = {
      type: 'list', allowBlank: true, formulae: [STATUS_LIST], showErrorMessage: true, errorStyle: 'stop', errorTitle: STATUS_ERROR.title, error: STATUS_ERROR.message,
    };
    sheet.getCell(r, percent).dataValidation = {
      type: 'whole', operator: 'between', allowBlank: true, formulae: [0, 100], showErrorMessage: true, errorStyle: 'stop', errorTitle: PERCENT_ERROR.title, error: PERCENT_ERROR.message,
    };
  }
  const settings = workbook.addWorksheet(SHEETS.settings, { views: [{ rightToLeft: true }] });
  for (const row of newSettingsGrid()) settings.addRow(row);
  settings.getRow(1).font = { bold: true };
  settings.columns.forEach((column, i) => { column.width = [30, 14, 90][i] ?? 12; });
  return toBase64(workbook);
}

/** Built once per pane: the empty sheets do not change. */
const emptySheets = new Map<string, Promise<string>>();

/**
 * Empty right-to-left sheets with these names as an .xlsx (base64), built with exceljs: the
 * tool's side sheets are inserted from it where they are missing (ExcelApi 1.13), then written
 * through Office.js like an existing one. Nothing else is in the file (Excel on the web refuses
 * to insert charts, comments, PivotTables and slicers).
 */
export function rightToLeftSheetsBase64(names: readonly string[]): Promise<string> {
  const key = names.join('\n');
  let built = emptySheets.get(key);
  if (!built) {
    built = (async () => {
      const ExcelJS = await loadExcelJS();
      const workbook = new ExcelJS.Workbook();
      for (const name of names) workbook.addWorksheet(name, { views: [{ rightToLeft: true }] });
      return toBase64(workbook);
    })();
    // a failed build is tried again next time
    built.catch(() => emptySheets.delete(key));
    emptySheets.set(key, built);
  }
  return built;
}

/**
 * Add a register (and a settings sheet, when missing) to the open workbook. Refuses when the
 * workbook already has a `مصوبات` sheet. At most three syncs.
 */
export async function createRegister(): Promise<CommandOutcome> {
  if (typeof Excel === 'undefined') return { ok: false, message: 'این فرمان فقط درون اکسل کار می‌کند.' };
  try {
    return await Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items/name');
      await context.sync();
      const names = sheets.items.map((s) => s.name);
      if (names.includes(SHEETS.register)) return { ok: false, message: 'این کارپوشه برگه‌ی «مصوبات» را دارد؛ دفتر تازه ساخته نشد.' };
      const withSettings = !names.includes(SHEETS.settings);
      if (canUse('1.13')) {
        const base64 = await newRegisterBase64();
        context.workbook.insertWorksheetsFromBase64(base64, {
          sheetNamesToInsert: withSettings ? [SHEETS.register, SHEETS.settings] : [SHEETS.register],
          positionType: Excel.WorksheetPositionType.end,
        });
        await context.sync();
        const sheet = context.workbook.worksheets.getItem(SHEETS.register);
        sheet.activate();
        await context.sync();
        return { ok: true, message: 'دفتر تازه‌ی «مصوبات» (راست‌به‌چپ) با برگه‌ی «تنظیمات» ساخته شد.' };
      }
      const sheet = sheets.add(SHEETS.register);
      const last = NEW_REGISTER_COLUMNS[NEW_REGISTER_COLUMNS.length - 1].letter;
      const header = sheet.getRange(`A1:${last}1`);
      header.values = [NEW_REGISTER_COLUMNS.map((c) => c.header)];
      header.format.font.bold = true;
      for (const c of NEW_REGISTER_COLUMNS) {
        const column = sheet.getRange(`${c.letter}:${c.letter}`);
        column.format.columnWidth = columnWidthPoints(c.width);
        if (c.hidden) column.columnHidden = true;
      }
      sheet.freezePanes.freezeRows(1);
      if (canUse('1.8')) {
        const status = sheet.getRange(newRegisterRange('status')).dataValidation;
        status.rule = { list: { inCellDropDown: true, source: STATUS_LIST.slice(1, -1) } };
        status.errorAlert = { showAlert: true, style: Excel.DataValidationAlertStyle.stop, title: STATUS_ERROR.title, message: STATUS_ERROR.message };
        const percent = sheet.getRange(newRegisterRange('percent')).dataValidation;
        percent.rule = { wholeNumber: { formula1: 0, formula2: 100, operator: Excel.DataValidationOperator.between } };
        percent.errorAlert = { showAlert: true, style: Excel.DataValidationAlertStyle.stop, title: PERCENT_ERROR.title, message: PERCENT_ERROR.message };
      }
      if (withSettings) {
        const grid = newSettingsGrid();
        const settings = sheets.add(SHEETS.settings);
        settings.getRange(`A1:C${grid.length}`).values = grid as unknown as string[][];
        settings.getRange('A1:C1').format.font.bold = true;
      }
      sheet.activate();
      await context.sync();
      return { ok: true, message: `دفتر تازه‌ی «مصوبات» با برگه‌ی «تنظیمات» ساخته شد. ${RTL_CLICK_FA}` };
    });
  } catch (error) {
    return { ok: false, message: `دفتر ساخته نشد: ${error instanceof Error ? error.message : String(error)}` };
  }
}
