/**
 * The `مصوبات` sheet through exceljs: find its columns by header text, read its rows as core's
 * RawRows, and write rows, states and colours back into the same sheet, leaving every cell,
 * column and validation the tool does not own as it was.
 */
import type { Cell, CellValue as ExcelValue, Style, Worksheet, WorksheetView } from 'exceljs';
import { REGISTER_FIELDS, type FieldName, type FieldSpec } from '../../core/register/fields';
import type { Assignment, ColumnMap, DeadlineState, RawRow, StatusCode } from '../../core/register/types';
import { isBlankRow } from '../../core/register/rows';
import { statusLabel, REGISTER_STATUS_OPTIONS } from '../../core/register/status';
import { STATE_LABELS } from '../../core/register/state';
import { fillArgb } from '../../core/register/palette';
import { JalaliDate } from '../../core/jalali';
import { toPersianDigits } from '../../core/text';
import { HEADER_MIN_MATCHES, HEADER_SEARCH_ROWS, headerField } from '../../core/register/header';
import { readCell } from './cells';
import {
  BODY_ALIGNMENT, BODY_FONT, CENTER_ALIGNMENT, GREGORIAN_DATE_FORMAT, PERSIAN_NUMBER_FORMAT, THIN_BORDERS, WRAP_ALIGNMENT,
  printSetup, rtlView, styleHeaderCell, styleHeaderRow, wrappedRowHeight, PRINT_FOOTER,
} from './layout';
import { addRangeValidation, resetDataValidations } from './validations';
import { columnLetter } from '../../core/sheet/address';
import { addStateRules, removeToolRules } from './conditional';

/** Where the register's header is and which column holds each field (1-based). */
export interface RegisterHeader {
  row: number;
  columns: Map<FieldName, number>;
}

const SPEC: ReadonlyMap<FieldName, FieldSpec> = new Map(REGISTER_FIELDS.map((f) => [f.name, f]));

export { headerField };

/**
 * Find the header row (the first of the first ten rows with at least three register headers)
 * and the column of every known field; a field named twice keeps its first (rightmost in RTL) column.
 * @returns undefined when no such row exists
 */
export function findRegisterHeader(sheet: Worksheet): RegisterHeader | undefined {
  const last = Math.min(sheet.rowCount, HEADER_SEARCH_ROWS);
  for (let r = 1; r <= last; r++) {
    const row = sheet.findRow(r);
    if (!row) continue;
    const columns = new Map<FieldName, number>();
    row.eachCell((cell, col) => {
      const value = readCell(cell);
      if (typeof value !== 'string') return;
      const field = headerField(value);
      if (field && !columns.has(field)) columns.set(field, col);
    });
    if (columns.size >= HEADER_MIN_MATCHES) return { row: r, columns };
  }
  return undefined;
}

/** The header's columns as letters, for A1 addresses in messages. */
export function fieldLetters(header: RegisterHeader): ColumnMap {
  const map: ColumnMap = {};
  for (const [field, col] of header.columns) map[field] = columnLetter(col);
  return map;
}

/** The last row with a value in any known column (0 when the sheet has no data rows). */
export function lastDataRow(sheet: Worksheet, header: RegisterHeader): number {
  for (let r = sheet.rowCount; r > header.row; r--) {
    const row = sheet.findRow(r);
    if (!row) continue;
    for (const col of header.columns.values()) {
      const value = readCell(row.getCell(col));
      if (value !== null && value !== '') return r;
    }
  }
  return header.row;
}

/**
 * Every non-blank data row below the header as a RawRow (values of the known columns only).
 * Blank rows anywhere, and trailing styled-but-empty rows, are skipped; merged cells read
 * their merge's value in every row they cover.
 */
export function readRegisterRows(sheet: Worksheet, header: RegisterHeader): RawRow[] {
  const rows: RawRow[] = [];
  const fields = [...header.columns];
  const last = lastDataRow(sheet, header);
  for (let r = header.row + 1; r <= last; r++) {
    const row = sheet.findRow(r);
    if (!row) continue;
    const values: RawRow['values'] = {};
    for (const [field, col] of fields) values[field] = readCell(row.getCell(col));
    const raw = { sheetRow: r, values };
    if (!isBlankRow(raw)) rows.push(raw);
  }
  return rows;
}

/** A Jalali `YYYY/MM/DD` as the text written to cells (Persian digits); '' for null. */
export function displayDate(date: string | null): string {
  return date ? toPersianDigits(date) : '';
}

/** The hidden Gregorian due date cell: a real date (UTC midnight), or null. */
export function gregorianDue(due: string | null): Date | null {
  if (!due) return null;
  const parsed = JalaliDate.tryParse(due);
  return parsed.ok ? parsed.date.toUtcDate() : null;
}

/** What the tool writes in each column for an assignment (and its state, when known). */
export function assignmentCells(a: Assignment, state?: DeadlineState): Partial<Record<FieldName, ExcelValue>> {
  return {
    id: a.id,
    meeting: a.meeting,
    meetingDate: displayDate(a.meetingDate),
    row: a.row,
    text: a.text,
    agency: a.agency,
    deadlineText: a.deadlineText,
    due: displayDate(a.due),
    status: statusLabel(a.status) || null,
    percent: a.percent,
    report: a.report || null,
    doneDate: displayDate(a.doneDate) || null,
    requestedDue: displayDate(a.requestedDue) || null,
    requestReason: a.requestReason || null,
    state: state ? STATE_LABELS[state] : null,
    updatedAt: a.updatedAt ? toPersianDigits(a.updatedAt) : null,
    revision: a.revision,
    dueGregorian: gregorianDue(a.due),
  };
}

/** The height that shows an assignment's wrapped texts whole (undefined: the default height). */
export function assignmentRowHeight(a: Assignment): number | undefined {
  const cells = assignmentCells(a);
  return wrappedRowHeight([...WRAPPED].map((field) => [String(cells[field] ?? ''), SPEC.get(field)?.width ?? 10] as const));
}

/** Fields whose cells wrap (long Persian text). */
const WRAPPED: ReadonlySet<FieldName> = new Set(['text', 'report', 'meeting', 'agency', 'requestReason']);
/** Fields shown centred (short codes, numbers, dates). */
const CENTRED: ReadonlySet<FieldName> = new Set(['row', 'percent', 'meetingDate', 'due', 'doneDate', 'requestedDue', 'revision', 'dueGregorian', 'deadlineText', 'status', 'state']);

/** The base style of a data cell of a field; `fill` added by colouring. */
export function fieldStyle(field: FieldName, fill?: string): Partial<Style> {
  const style: Partial<Style> = {
    font: BODY_FONT,
    alignment: WRAPPED.has(field) ? WRAP_ALIGNMENT : CENTRED.has(field) ? CENTER_ALIGNMENT : BODY_ALIGNMENT,
    border: THIN_BORDERS,
  };
  if (field === 'dueGregorian') style.numFmt = GREGORIAN_DATE_FORMAT;
  if (field === 'row' || field === 'percent') style.numFmt = PERSIAN_NUMBER_FORMAT;
  if (fill) style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
  return style;
}

/**
 * Give a cell a style without touching other cells: exceljs shares one style object between
 * every cell read with the same style id, so assigning `cell.fill` would recolour all of them.
 */
export function restyle(cell: Cell, patch: Partial<Style>): void {
  cell.style = { ...cell.style, ...patch } as Style;
}

/**
 * Set up a new, empty `مصوبات` sheet: the exact headers, widths, hidden helper columns,
 * right-to-left frozen view, print setup. Returns its header.
 */
export function initRegisterSheet(sheet: Worksheet): RegisterHeader {
  const columns = new Map<FieldName, number>();
  REGISTER_FIELDS.forEach((f, i) => {
    columns.set(f.name, i + 1);
    const column = sheet.getColumn(i + 1);
    column.width = f.width;
    if (f.hidden) column.hidden = true;
    sheet.getRow(1).getCell(i + 1).value = f.fa;
  });
  styleHeaderRow(sheet, 1, REGISTER_FIELDS.length);
  sheet.views = rtlView(1);
  sheet.pageSetup = { ...sheet.pageSetup, ...printSetup(1) };
  sheet.headerFooter = { oddFooter: PRINT_FOOTER };
  return { row: 1, columns };
}

/**
 * Make sure every register field has a column: a field missing from an edited sheet gets a new
 * column after the last used one, with the Persian header (and hidden when it is a helper).
 */
export function ensureColumns(sheet: Worksheet, header: RegisterHeader): void {
  let next = Math.max(sheet.columnCount, ...header.columns.values()) + 1;
  for (const f of REGISTER_FIELDS) {
    if (header.columns.has(f.name)) continue;
    const col = next++;
    header.columns.set(f.name, col);
    const cell = sheet.getRow(header.row).getCell(col);
    cell.value = f.fa;
    const column = sheet.getColumn(col);
    column.width = f.width;
    if (f.hidden) column.hidden = true;
    styleHeaderCell(cell);
  }
}

/** Write one assignment into a row, every known column (new rows). */
export function writeAssignmentRow(sheet: Worksheet, header: RegisterHeader, rowNumber: number, a: Assignment, state?: DeadlineState): void {
  const cells = assignmentCells(a, state);
  const row = sheet.getRow(rowNumber);
  const height = assignmentRowHeight(a);
  if (height) row.height = height;
  const fill = state ? fillArgb(state) : undefined;
  for (const [field, col] of header.columns) {
    const cell = row.getCell(col);
    cell.value = cells[field] ?? null;
    cell.style = fieldStyle(field, SPEC.get(field)?.hidden ? undefined : fill) as Style;
  }
}

/**
 * Write the derived columns of an existing row: the state words, the hidden Gregorian due date,
 * the status in its canonical words (so the dropdown and the colour rules recognise it), and
 * the state's fill on the tool's visible columns. Cells the agency or secretariat typed are
 * not otherwise changed.
 */
export function writeDerived(sheet: Worksheet, header: RegisterHeader, rowNumber: number, a: Assignment, state: DeadlineState): void {
  const row = sheet.getRow(rowNumber);
  const set = (field: FieldName, value: ExcelValue) => {
    const col = header.columns.get(field);
    if (col !== undefined) row.getCell(col).value = value;
  };
  set('state', STATE_LABELS[state]);
  set('dueGregorian', gregorianDue(a.due));
  if (a.status) {
    const col = header.columns.get('status');
    const cell = col !== undefined ? row.getCell(col) : undefined;
    if (cell && readCell(cell) !== statusLabel(a.status)) cell.value = statusLabel(a.status as StatusCode);
  }
  const fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fillArgb(state) } } as const;
  for (const [field, col] of header.columns) {
    const cell = row.getCell(col);
    if (SPEC.get(field)?.hidden) {
      if (field === 'dueGregorian') restyle(cell, { numFmt: GREGORIAN_DATE_FORMAT });
      continue;
    }
    restyle(cell, { fill, font: cell.font?.name ? cell.font : BODY_FONT });
  }
}

/**
 * Unmerge merged ranges that cover data cells the tool writes (the derived and helper
 * columns), copying the merge's value into each of its cells first, so no value is lost and
 * no write lands in another row's cell. Merges elsewhere are left alone.
 */
export function unmergeWrittenCells(sheet: Worksheet, header: RegisterHeader): void {
  const written = new Set(['state', 'dueGregorian', 'status', 'revision'].map((f) => header.columns.get(f as FieldName)).filter((c): c is number => c !== undefined));
  const merges = Object.keys((sheet as unknown as { _merges: Record<string, unknown> })._merges ?? {});
  for (const address of merges) {
    const range = (sheet as unknown as { _merges: Record<string, { model: { top: number; left: number; bottom: number; right: number } }> })._merges[address].model;
    if (range.bottom <= header.row) continue;
    let touches = false;
    for (const col of written) if (col >= range.left && col <= range.right) touches = true;
    if (!touches) continue;
    // the plain value, never a formula: a formula copied to other cells would compute something else
    const master = sheet.getCell(range.top, range.left);
    const value = readCell(master);
    sheet.unMergeCells(range.top, range.left, range.bottom, range.right);
    for (let r = range.top; r <= range.bottom; r++) {
      for (let c = range.left; c <= range.right; c++) if (r !== range.top || c !== range.left) sheet.getCell(r, c).value = value;
    }
  }
}

/**
 * The sheet-wide parts the tool owns, refreshed on every write: the status dropdown and the
 * percent limits (on the data rows plus room for rows people add), the colour rules, the
 * autofilter over the whole table, the right-to-left frozen view, hidden helper columns.
 * Validations of other columns are kept (see resetDataValidations).
 * @param lastRow last data row (the header row when there is none)
 * @param dueSoonDays "due soon" window of the colour rules, in days (default 7)
 */
export function refreshSheetParts(sheet: Worksheet, header: RegisterHeader, lastRow: number, dueSoonDays?: number): void {
  const status = header.columns.get('status');
  const percent = header.columns.get('percent');
  const owned = new Set([status, percent].filter((c): c is number => c !== undefined));
  resetDataValidations(sheet, owned);
  const first = header.row + 1;
  // room for rows typed in Excel later; the rules and lists are rewritten on every save
  const validUntil = Math.max(lastRow, header.row) + 500;
  if (status !== undefined) {
    addRangeValidation(sheet, status, first, validUntil, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${REGISTER_STATUS_OPTIONS.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: 'وضعیت نامعتبر',
      error: `یکی از این‌ها را انتخاب کنید: ${REGISTER_STATUS_OPTIONS.join('، ')}`,
    });
  }
  if (percent !== undefined) {
    addRangeValidation(sheet, percent, first, validUntil, {
      type: 'whole',
      operator: 'between',
      allowBlank: true,
      formulae: [0, 100],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: 'درصد نامعتبر',
      error: 'درصد پیشرفت باید عدد صحیح بین ۰ و ۱۰۰ باشد',
    });
  }
  removeToolRules(sheet);
  addStateRules(sheet, header, first, validUntil, dueSoonDays);

  const lastCol = Math.max(sheet.columnCount, ...header.columns.values());
  sheet.autoFilter = { from: { row: header.row, column: 1 }, to: { row: Math.max(lastRow, header.row + 1), column: lastCol } };
  const view = sheet.views?.[0] ?? {};
  sheet.views = [{ ...view, ...rtlView(header.row)[0] } as Partial<WorksheetView>];
  for (const f of REGISTER_FIELDS) {
    const col = header.columns.get(f.name);
    if (f.hidden && col !== undefined) sheet.getColumn(col).hidden = true;
  }
  if (!sheet.pageSetup?.printTitlesRow) sheet.pageSetup = { ...sheet.pageSetup, ...printSetup(header.row) };
}
