/**
 * The register through exceljs's streaming reader and writer: fast and lean enough for
 * 100,000 rows. The whole workbook is held as plain rows (values and style references), the
 * register's rows also as core RawRows (read: streamRead.ts; edited in memory: streamEdit.ts);
 * writing (this file) streams every sheet back out with the tool's columns, colours, rules and
 * summary refreshed.
 *
 * A streaming copy carries cell values, cell styles, row heights, hidden rows and columns, column
 * widths, hidden sheets, right-to-left views, frozen panes, autofilter ranges and print setup
 * (paper, margins, print titles and areas). It cannot carry merged cells, people's own
 * validations or colour rules, hyperlinks, images, comments, tables or named ranges: the use
 * cases check for those first (sheetScan) and use the whole-workbook RegisterBook instead.
 */
import { maxOf, usedColumns, type SheetCopy, type StreamedRegister } from './streamRead';
import { ensureFields, lastDataRow } from './streamEdit';
import './exceljsStreamFix'; // must run before any streamed read: exceljs splits UTF-8 across chunks
import ExcelJS, { type AutoFilter, type Style, type WorksheetView } from 'exceljs';
import { REGISTER_FIELDS, SHEETS, type FieldName } from '../../core/register/fields';
import { statusLabel } from '../../core/register/status';
import { STATE_LABELS } from '../../core/register/state';
import { fillArgb } from '../../core/register/palette';
import type { RegisterSummary } from '../../core/register/summary';
import type { RegisterAnalysis } from '../../core/register/validate';
import type { JalaliDate } from '../../core/jalali';
import { toCellValue } from './cells';
import { addStateRules } from './conditional';
import { BODY_FONT, GREGORIAN_DATE_FORMAT, PRINT_FOOTER, printSetup, rtlView } from './layout';
import { gregorianDue } from './registerSheet';
import type { ColumnInfo } from './fast/sheetScan';
import { fillLegendSheet, legendPageSetup } from './sideSheets';
import { fillOverdue, fillSummary, OVERDUE_SHEET, summaryPageSetup, summaryViews } from './summarySheet';
import { addRangeValidation } from './validations';
import { columnLetter } from '../../core/sheet/address';
import { REGISTER_STATUS_OPTIONS } from '../../core/register/status';
import { replaceFile } from '../files/atomicFile';
import { autoFilterRef, writeFilterDatabaseNames, type SheetFilter } from './filterNames';

/** Column definitions for a writer from ColumnInfo ranges (1-based, gaps left default). */
function writerColumns(columns: readonly ColumnInfo[], force: Map<number, { width?: number; hidden?: boolean }> = new Map()): Array<Partial<ExcelJS.Column>> {
  const defs: Array<Partial<ExcelJS.Column>> = [];
  for (const c of columns) {
    for (let col = c.min; col <= Math.min(c.max, 16384) && col <= c.min + 1000; col++) {
      defs[col - 1] = { width: c.width, hidden: c.hidden };
    }
  }
  for (const [col, def] of force) defs[col - 1] = { ...defs[col - 1], ...def };
  for (let i = 0; i < defs.length; i++) if (!defs[i]) defs[i] = {};
  return defs;
}

function viewOf(sheet: SheetCopy, base?: Partial<WorksheetView>): Partial<WorksheetView>[] {
  const view: Partial<WorksheetView> = base ?? (sheet.ySplit || sheet.xSplit
    ? { rightToLeft: sheet.rightToLeft, state: 'frozen', ySplit: sheet.ySplit, xSplit: sheet.xSplit } as Partial<WorksheetView>
    : { rightToLeft: sheet.rightToLeft });
  if (sheet.hideGridLines) view.showGridLines = false;
  if (sheet.zoomScale) view.zoomScale = sheet.zoomScale;
  return [view];
}

/** Sheet properties of a copy: its tab colour. */
function propertiesOf(sheet: SheetCopy): Partial<ExcelJS.WorksheetProperties> | undefined {
  return sheet.tabColor ? { tabColor: { argb: sheet.tabColor } } : undefined;
}

/** What `writeStreamedRegister` writes besides the rows. */
export interface StreamWritePlan {
  analysis: RegisterAnalysis;
  today: JalaliDate;
  summary: RegisterSummary;
  dueSoonDays?: number;
}

/**
 * Write the register with the streaming writer: every sheet as read (in tab order), the register
 * with its derived columns and colours, the tool's rules, dropdowns and filter, then fresh
 * `خلاصه`, `مهلت گذشته` and `راهنما` sheets. Written to a temporary file and renamed, so a
 * failure leaves no half-written workbook at `path`.
 * @throws MosavabatError `write_failed`
 */
export async function writeStreamedRegister(reg: StreamedRegister, path: string, plan: StreamWritePlan): Promise<void> {
  ensureFields(reg);
  await replaceFile(path, async (temporary) => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: temporary, useStyles: true, useSharedStrings: true });
    workbook.creator = 'mosavabat';
    for (const sheet of reg.sheets) {
      if (sheet === reg.register) await writeRegisterSheet(workbook, reg, plan);
      else await copySheet(workbook, sheet);
    }
    writeToolSheets(workbook, plan, reg.file);
    nameFilters(workbook);
    await workbook.commit();
  });
}

/** Give the writer's autofilters their `_xlnm._FilterDatabase` names (see filterNames). */
function nameFilters(workbook: ExcelJS.stream.xlsx.WorkbookWriter): void {
  writeFilterDatabaseNames(workbook.definedNames, () => {
    const filters: SheetFilter[] = [];
    // the writer numbers its sheets 1, 2, … in the order they were added, which is the tab order
    for (let id = 1; ; id++) {
      const sheet = workbook.getWorksheet(id) as unknown as { name: string; autoFilter?: AutoFilter | string | null } | undefined;
      if (!sheet) break;
      const ref = autoFilterRef(sheet.autoFilter);
      if (ref) filters.push({ index: id - 1, sheet: sheet.name, ref });
    }
    return filters;
  });
}

/**
 * Let the zip and file streams take what the writer produced so far: rows are committed
 * synchronously, and without a pause every row of a large sheet would wait in memory.
 */
function drain(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Rows written between two pauses (see drain). */
const ROWS_PER_DRAIN = 1000;

async function copySheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, sheet: SheetCopy): Promise<void> {
  const ws = workbook.addWorksheet(sheet.name, {
    views: viewOf(sheet), state: sheet.state, pageSetup: sheet.pageSetup, properties: propertiesOf(sheet),
  } as Partial<ExcelJS.AddWorksheetOptions>);
  if (sheet.columns.length) ws.columns = writerColumns(sheet.columns);
  if (sheet.autoFilter) ws.autoFilter = sheet.autoFilter;
  for (const row of sheet.rows) {
    const out = ws.getRow(row.number);
    if (row.height) out.height = row.height;
    if (row.hidden) out.hidden = true;
    for (const cell of row.cells) {
      const target = out.getCell(cell.col);
      target.value = cell.value;
      if (cell.style) target.style = cell.style as Style;
    }
    out.commit();
    if (row.number % ROWS_PER_DRAIN === 0) await drain();
  }
  ws.commit();
}

const VISIBLE_FIELDS = REGISTER_FIELDS.filter((f) => !f.hidden).map((f) => f.name);

async function writeRegisterSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, reg: StreamedRegister, plan: StreamWritePlan): Promise<void> {
  const { header, register } = reg;
  const last = lastDataRow(reg);
  const ws = workbook.addWorksheet(register.name, {
    views: viewOf(register, rtlView(header.row)[0]), state: register.state, pageSetup: printSetup(header.row), properties: propertiesOf(register),
    headerFooter: { oddFooter: PRINT_FOOTER },
  } as Partial<ExcelJS.AddWorksheetOptions>);
  const force = new Map<number, { width?: number; hidden?: boolean }>();
  for (const f of REGISTER_FIELDS) if (f.hidden) force.set(header.columns.get(f.name)!, { hidden: true, width: f.width });
  ws.columns = writerColumns(register.columns, force);

  const analyzed = new Map(plan.analysis.rows.map((r) => [r.sheetRow, r]));
  const col = (field: FieldName) => header.columns.get(field)!;
  const visible = VISIBLE_FIELDS.map((f) => col(f));
  // exceljs's writer recognises a style object it has seen (WeakMap) and only then skips
  // serializing it: derive each (base style, fill) pair once and reuse the object
  const derived = new Map<Partial<Style> | undefined, Map<string, Style>>();
  const withFill = (base: Partial<Style> | undefined, argb: string): Style => {
    let byFill = derived.get(base);
    if (!byFill) derived.set(base, (byFill = new Map()));
    let style = byFill.get(argb);
    if (!style) {
      const font = base?.font?.name ? base.font : BODY_FONT;
      style = { ...base, font, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb } } } as Style;
      byFill.set(argb, style);
    }
    return style;
  };
  const dateStyles = new Map<Partial<Style> | undefined, Style>();
  const withDate = (base: Partial<Style> | undefined): Style => {
    let style = dateStyles.get(base);
    if (!style) dateStyles.set(base, (style = { ...base, numFmt: GREGORIAN_DATE_FORMAT } as Style));
    return style;
  };
  for (const row of register.rows) {
    const out = ws.getRow(row.number);
    if (row.height) out.height = row.height;
    if (row.hidden) out.hidden = true;
    // the style objects as read (shared by exceljs per style id), by column
    const cellStyles = new Map<number, Partial<Style> | undefined>();
    for (const cell of row.cells) {
      const target = out.getCell(cell.col);
      target.value = cell.value;
      if (cell.style) target.style = cell.style as Style;
      cellStyles.set(cell.col, cell.style);
    }
    const result = analyzed.get(row.number);
    if (result) {
      out.getCell(col('state')).value = STATE_LABELS[result.state];
      const due = out.getCell(col('dueGregorian'));
      due.value = gregorianDue(result.assignment.due);
      due.style = withDate(cellStyles.get(col('dueGregorian')));
      if (result.assignment.status) {
        const status = out.getCell(col('status'));
        const label = statusLabel(result.assignment.status);
        if (toCellValue(status.value, status.numFmt) !== label) status.value = label;
      }
      const argb = fillArgb(result.state);
      for (const c of visible) out.getCell(c).style = withFill(cellStyles.get(c), argb);
    }
    out.commit();
    if (row.number % ROWS_PER_DRAIN === 0) await drain();
  }

  const validUntil = last + 500;
  addRangeValidation(ws as unknown as ExcelJS.Worksheet, col('status'), header.row + 1, validUntil, {
    type: 'list', allowBlank: true, formulae: [`"${REGISTER_STATUS_OPTIONS.join(',')}"`], showErrorMessage: true, errorStyle: 'stop',
    errorTitle: 'وضعیت نامعتبر', error: `یکی از این‌ها را انتخاب کنید: ${REGISTER_STATUS_OPTIONS.join('، ')}`,
  });
  addRangeValidation(ws as unknown as ExcelJS.Worksheet, col('percent'), header.row + 1, validUntil, {
    type: 'whole', operator: 'between', allowBlank: true, formulae: [0, 100], showErrorMessage: true, errorStyle: 'stop',
    errorTitle: 'درصد نامعتبر', error: 'درصد پیشرفت باید عدد صحیح بین ۰ و ۱۰۰ باشد',
  });
  addStateRules(ws as unknown as ExcelJS.Worksheet, header, header.row + 1, validUntil, plan.dueSoonDays);
  const lastCol = maxOf(header.columns.values(), usedColumns(register));
  ws.autoFilter = `A${header.row}:${columnLetter(lastCol)}${Math.max(last, header.row + 1)}`;
  ws.commit();
}

/**
 * The standalone summary workbook (`خلاصه` and `مهلت گذشته`), written atomically.
 * @param source the register's file name, shown under the title
 * @throws MosavabatError `write_failed`
 */
export async function writeSummaryWorkbook(path: string, summary: RegisterSummary, source?: string): Promise<void> {
  await replaceFile(path, async (temporary) => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: temporary, useStyles: true, useSharedStrings: true });
    workbook.creator = 'mosavabat';
    writeSummarySheets(workbook, summary, source);
    nameFilters(workbook);
    await workbook.commit();
  });
}

function writeToolSheets(workbook: ExcelJS.stream.xlsx.WorkbookWriter, plan: StreamWritePlan, source?: string): void {
  writeSummarySheets(workbook, plan.summary, source);
  const legend = workbook.addWorksheet(SHEETS.legend, { views: rtlView(0), pageSetup: legendPageSetup() } as Partial<ExcelJS.AddWorksheetOptions>);
  fillLegendSheet(legend as unknown as ExcelJS.Worksheet, plan.today);
  legend.commit();
}

function writeSummarySheets(workbook: ExcelJS.stream.xlsx.WorkbookWriter, summary: RegisterSummary, source?: string): void {
  for (const name of [SHEETS.summary, OVERDUE_SHEET]) {
    const { pageSetup, footer } = summaryPageSetup(name);
    const ws = workbook.addWorksheet(name, { views: summaryViews(name), pageSetup, headerFooter: { oddFooter: footer } } as Partial<ExcelJS.AddWorksheetOptions>);
    if (name === SHEETS.summary) {
      fillSummary(ws as unknown as ExcelJS.Worksheet, summary, source);
    } else {
      const filter = fillOverdue(ws as unknown as ExcelJS.Worksheet, summary, (r) => ws.getRow(r).commit());
      if (filter) ws.autoFilter = filter;
    }
    ws.commit();
  }
}

