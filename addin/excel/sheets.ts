/// <reference types="office-js" />
/**
 * Writing the tool's side sheets (`خلاصه`, `مهلت گذشته`, `راهنما`) and the register sheet's own
 * parts (status dropdown, percent limits, autofilter, frozen header, hidden helpers) through
 * Office.js, queued in the command's one write batch. What needs a newer Excel than the one
 * running is left out (each call's requirement set is named beside it) and reported back, so the
 * command can say so in Persian.
 * A side sheet that exists is cleared and rewritten in place, never deleted and added again: it
 * keeps its tab position and its right-to-left direction, which Office.js cannot set. A missing
 * one is inserted right-to-left from a file built with exceljs where Excel has
 * insertWorksheetsFromBase64 (ExcelApi 1.13); before that it is added left-to-right and the
 * command names the menu click that turns it.
 */
import { SIDE_SHEETS, type CellFormat, type RegisterParts, type SheetPicture } from '../plan/sheets';
import { columnLetter, columnWidthPoints } from '../plan/cells';
import { canUse } from './capabilities';

/** Proxies loaded in the read batch, read after its sync. */
export interface SideSheetState {
  /** The workbook's file name (ExcelApi 1.7), for the summary's «از روی» line. */
  workbook?: Excel.Workbook;
  sheets: Map<string, { used: Excel.Range; charts?: Excel.ChartCollection; filter?: Excel.AutoFilter }>;
  registerFilter?: Excel.AutoFilter;
}

/**
 * Queue, before the read's second sync, what writing the side sheets needs to know: each
 * existing side sheet's used range, the summary's charts, the autofilters (1.9).
 */
export function loadSideSheetState(context: Excel.RequestContext, sheetNames: readonly string[], register: Excel.Worksheet): SideSheetState {
  const state: SideSheetState = { sheets: new Map() };
  if (canUse('1.7')) {
    state.workbook = context.workbook;
    context.workbook.load('name');
  }
  const filters = canUse('1.9');
  for (const name of SIDE_SHEETS) {
    if (!sheetNames.includes(name)) continue;
    const sheet = context.workbook.worksheets.getItem(name);
    const used = sheet.getUsedRangeOrNullObject();
    used.load('rowCount,columnCount');
    const charts = name === SIDE_SHEETS[0] ? sheet.charts : undefined;
    charts?.load('items/name');
    const filter = filters ? sheet.autoFilter : undefined;
    filter?.load('enabled');
    state.sheets.set(name, { used, charts, filter });
  }
  if (filters) {
    state.registerFilter = register.autoFilter;
    state.registerFilter.load('enabled,isDataFiltered');
  }
  return state;
}

/** The workbook's name once loaded (undefined before ExcelApi 1.7). */
export function workbookName(state: SideSheetState): string | undefined {
  return state.workbook?.name || undefined;
}

/** What could not be written on this Excel, for the command's message. */
export interface SkippedParts {
  /** Side sheets added now: Office.js makes them left-to-right. */
  addedLeftToRight: string[];
}

const EDGES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideVertical', 'InsideHorizontal'] as const;

function applyFormat(format: Excel.RangeFormat, f: CellFormat, readingOrder: boolean): void {
  if (f.fontName) format.font.name = f.fontName;
  if (f.fontSize) format.font.size = f.fontSize;
  if (f.bold) format.font.bold = true;
  if (f.fill) format.fill.color = f.fill;
  if (f.horizontal) format.horizontalAlignment = f.horizontal;
  if (f.vertical) format.verticalAlignment = f.vertical;
  if (f.wrap) format.wrapText = true;
  if (f.rightToLeft && readingOrder) format.readingOrder = 'RightToLeft';
  if (f.border) {
    for (const edge of EDGES) {
      const border = format.borders.getItem(edge);
      border.style = 'Continuous';
      border.weight = 'Thin';
      border.color = f.border;
    }
  }
}

/**
 * What a request may carry: Excel on the web refuses requests over 5 MB; the rest is room for
 * the operations around the values.
 */
export const REQUEST_BUDGET = 4 * 1024 * 1024;

/** Bytes a line of values adds to a request as JSON (UTF-8; Persian letters are two bytes). */
function lineBytes(line: ReadonlyArray<string | number | null>): number {
  let bytes = 2;
  for (const value of line) {
    if (typeof value === 'string') {
      bytes += 3;
      for (let i = 0; i < value.length; i++) bytes += value.charCodeAt(i) < 0x80 ? 1 : value.charCodeAt(i) < 0x800 ? 2 : 3;
    } else {
      bytes += value === null ? 5 : String(value).length + 1;
    }
  }
  return bytes;
}

/** Bytes of a value as JSON in a request (UTF-8), to know the room a batch has left. */
export function jsonBytes(value: unknown): number {
  const text = JSON.stringify(value) ?? '';
  let bytes = 0;
  for (let i = 0; i < text.length; i++) bytes += text.charCodeAt(i) < 0x80 ? 1 : text.charCodeAt(i) < 0x800 ? 2 : 3;
  return bytes;
}

/** The side sheets' writes: what went into the current batch, and value blocks for later batches. */
export interface QueuedSideSheets {
  /** Side sheets added now through Office.js, which makes them left-to-right (no ExcelApi 1.13). */
  addedLeftToRight: string[];
  /** Side sheets added now from `rightToLeft` (ExcelApi 1.13): right-to-left as the CLI makes them. */
  addedRightToLeft: string[];
  /** Each queues one more block of values (one request under the budget); empty when all fitted. */
  later: Array<() => void>;
}

/** The pictures whose sheet the workbook lacks (they are added when written). */
export function missingSheets(pictures: readonly SheetPicture[], sheetNames: readonly string[]): string[] {
  return pictures.map((p) => p.name).filter((name) => !sheetNames.includes(name));
}

/**
 * Queue the side sheets' writes (no sync here). Existing sheets are cleared first (values,
 * formats, merges, row heights, the summary's chart, the overdue list's filter); missing ones are
 * added where the CLI puts them: inserted from `rightToLeft` when given (empty right-to-left
 * sheets of those names, ExcelApi 1.13), else through Office.js (left-to-right). Values go in row
 * blocks: as many as fit in `room` bytes ride in the current batch, the rest come back in
 * `later`, each under `budget`.
 * @param sheetNames the workbook's sheets in tab order, as read
 * @param room bytes of values the current batch still has room for
 * @param rightToLeft base64 .xlsx holding an empty right-to-left sheet for every missing picture (rightToLeftSheetsBase64)
 */
export function queueSideSheets(context: Excel.RequestContext, pictures: readonly SheetPicture[], state: SideSheetState,
  sheetNames: readonly string[], room = REQUEST_BUDGET, budget = REQUEST_BUDGET, rightToLeft?: string): QueuedSideSheets {
  const v17 = canUse('1.7');
  const v19 = canUse('1.9');
  const order = [...sheetNames];
  const queued: QueuedSideSheets = { addedLeftToRight: [], addedRightToLeft: [], later: [] };
  let left = room;
  let block: Array<() => void> | undefined;
  const missing = missingSheets(pictures, sheetNames);
  if (rightToLeft && missing.length) {
    // all at the end in one call (the file goes once in the request), then each moved where the CLI puts it
    context.workbook.insertWorksheetsFromBase64(rightToLeft, { sheetNamesToInsert: missing, positionType: 'End' });
    left -= rightToLeft.length;
  }
  for (const pic of pictures) {
    const old = state.sheets.get(pic.name);
    let sheet: Excel.Worksheet;
    if (sheetNames.includes(pic.name)) {
      // an empty sheet has no state (a settings sheet with nothing in it): nothing to clear
      sheet = context.workbook.worksheets.getItem(pic.name);
      if (old && !old.used.isNullObject) {
        const area = sheet.getRange(`A1:${columnLetter(old.used.columnCount ?? 1)}${old.used.rowCount ?? 1}`);
        area.unmerge();
        area.clear();
        if (v17) sheet.getRange(`1:${old.used.rowCount}`).format.useStandardHeight = true;
      }
      for (const chart of old?.charts?.items ?? []) chart.delete();
      if (old?.filter?.enabled) sheet.autoFilter.remove();
    } else {
      const inserted = !!rightToLeft;
      sheet = inserted ? context.workbook.worksheets.getItem(pic.name) : context.workbook.worksheets.add(pic.name);
      // where the CLI puts a new sheet: the overdue list after the summary, the settings after the agencies
      const after = pic.after ? order.indexOf(pic.after) : -1;
      if (after >= 0 && after < order.length - 1) {
        sheet.position = after + 1;
        order.splice(after + 1, 0, pic.name);
      } else {
        order.push(pic.name);
      }
      (inserted ? queued.addedRightToLeft : queued.addedLeftToRight).push(pic.name);
    }
    writePicture(sheet, pic, v17, v19);
    // the values in row blocks; a block in a later request finds its sheet again by name
    const width = pic.values.length ? pic.values[0].length : 0;
    if (!width) continue;
    let first = 0;
    let bytes = 0;
    const flush = (last: number) => {
      const address = `A${first + 1}:${columnLetter(width)}${last + 1}`;
      const lines = pic.values.slice(first, last + 1);
      const name = pic.name;
      const write = () => { context.workbook.worksheets.getItem(name).getRange(address).values = lines as unknown as string[][]; };
      if (block) block.push(write);
      else write();
    };
    for (let r = 0; r < pic.values.length; r++) {
      const size = lineBytes(pic.values[r]);
      if (bytes + size > left && r > first) {
        flush(r - 1);
        first = r;
        bytes = 0;
        const writes: Array<() => void> = [];
        block = writes;
        queued.later.push(() => writes.forEach((write) => write()));
        left = budget;
      }
      bytes += size;
    }
    flush(pic.values.length - 1);
    left -= bytes;
    const chart = pic.chart;
    if (chart) {
      const name = pic.name;
      const draw = () => addChart(context.workbook.worksheets.getItem(name), chart, v17);
      if (block) block.push(draw);
      else draw();
    }
  }
  return queued;
}

function writePicture(sheet: Excel.Worksheet, pic: SheetPicture, v17: boolean, v19: boolean): void {
  for (const group of pic.numberFormats) {
    // one format for a whole area: Office.js applies a single value to every cell of the range
    for (const addresses of group.addresses) for (const area of addresses.split(',')) sheet.getRange(area).numberFormat = group.format as unknown as string[][];
  }
  for (const group of pic.formats) {
    for (const addresses of group.addresses) {
      if (v19) applyFormat(sheet.getRanges(addresses).format, group.format, true);
      else for (const area of addresses.split(',')) applyFormat(sheet.getRange(area).format, group.format, false);
    }
  }
  for (const [col, chars] of pic.widths) {
    const letter = columnLetter(col);
    sheet.getRange(`${letter}:${letter}`).format.columnWidth = columnWidthPoints(chars);
  }
  for (const group of pic.heights) {
    for (const addresses of group.addresses) {
      if (v19) sheet.getRanges(addresses).format.rowHeight = group.height;
      else for (const rows of addresses.split(',')) sheet.getRange(rows).format.rowHeight = group.height;
    }
  }
  for (const area of pic.merges) sheet.getRange(area).merge(false);
  if (v17) {
    sheet.freezePanes.unfreeze();
    if (pic.frozenRows) sheet.freezePanes.freezeRows(pic.frozenRows);
  }
  if (v19) {
    if (pic.autoFilter) sheet.autoFilter.apply(sheet.getRange(pic.autoFilter));
    const page = sheet.pageLayout;
    page.orientation = 'Landscape';
    page.paperSize = 'A4';
    page.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
    page.centerHorizontally = true;
    if (pic.page.printTitleRows) page.setPrintTitleRows(pic.page.printTitleRows);
    if (pic.page.footer) page.headersFooters.defaultForAllPages.centerFooter = pic.page.footer;
  }
}

/** The summary's chart, drawn from its agency table once the table's values are written (Excel names the series from them). */
function addChart(sheet: Excel.Worksheet, spec: NonNullable<SheetPicture['chart']>, v17: boolean): void {
  const chart = sheet.charts.add('BarStacked', sheet.getRange(spec.source), 'Columns');
  chart.title.text = 'وضعیت مصوبات هر دستگاه';
  spec.colors.forEach((color, i) => chart.series.getItemAt(spec.firstStateSeries + i).format.fill.setSolidColor(color));
  // the total is not a state: without ChartSeries.delete (1.7) it stays as one more bar
  if (v17) chart.series.getItemAt(0).delete();
  chart.setPosition(`A${spec.anchorRow}`, `J${spec.anchorRow + 22}`);
}

/**
 * Queue the register sheet's parts (no sync here): validations of the status and percent
 * columns replaced (1.8; other columns' validations kept), the autofilter set over the whole
 * table unless the user is filtering with it now (1.9), the header frozen (1.7), helpers hidden.
 */
export function queueRegisterParts(sheet: Excel.Worksheet, parts: RegisterParts, state: SideSheetState): void {
  if (canUse('1.8')) {
    for (const column of parts.clearValidation) sheet.getRange(column).dataValidation.clear();
    if (parts.statusList) {
      const dv = sheet.getRange(parts.statusList.address).dataValidation;
      dv.ignoreBlanks = true;
      dv.rule = { list: { inCellDropDown: true, source: parts.statusList.source } };
      dv.errorAlert = { showAlert: true, style: 'Stop', title: parts.statusList.title, message: parts.statusList.message };
    }
    if (parts.percentRule) {
      const dv = sheet.getRange(parts.percentRule.address).dataValidation;
      dv.ignoreBlanks = true;
      dv.rule = { wholeNumber: { formula1: 0, formula2: 100, operator: 'Between' } };
      dv.errorAlert = { showAlert: true, style: 'Stop', title: parts.percentRule.title, message: parts.percentRule.message };
    }
  }
  if (state.registerFilter && !state.registerFilter.isDataFiltered) sheet.autoFilter.apply(sheet.getRange(parts.autoFilter));
  if (canUse('1.7')) sheet.freezePanes.freezeRows(parts.frozenRows);
  for (const col of parts.hiddenColumns) sheet.getRange(`${columnLetter(col)}:${columnLetter(col)}`).columnHidden = true;
}
