/**
 * The register through exceljs's streaming reader and writer: fast and lean enough for
 * 100,000 rows. The whole workbook is held as plain rows (values and style references), the
 * register's rows also as core RawRows; writing streams every sheet back out with the tool's
 * columns, colours, rules and summary refreshed.
 *
 * A streaming copy carries cell values, cell styles, row heights, hidden rows and columns, column
 * widths, hidden sheets, right-to-left views, frozen panes, autofilter ranges and print setup
 * (paper, margins, print titles and areas). It cannot carry merged cells, people's own
 * validations or colour rules, hyperlinks, images, comments, tables or named ranges: the use
 * cases check for those first (sheetScan) and use the whole-workbook RegisterBook instead.
 */
import { Readable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import './exceljsStreamFix'; // must run before any streamed read: exceljs splits UTF-8 across chunks
import ExcelJS, { type AutoFilter, type CellValue as ExcelValue, type Style, type WorksheetView } from 'exceljs';
import { MosavabatError } from '../../core/errors';
import type { AgencyDirectory } from '../../core/agency';
import { REGISTER_FIELDS, SHEETS, type FieldName } from '../../core/register/fields';
import { isBlankRow } from '../../core/register/rows';
import { statusLabel } from '../../core/register/status';
import { STATE_LABELS } from '../../core/register/state';
import { fillArgb } from '../../core/register/palette';
import type { RegisterSummary } from '../../core/register/summary';
import type { Assignment, CellValue, RawRow } from '../../core/register/types';
import type { RegisterAnalysis } from '../../core/register/validate';
import type { JalaliDate } from '../../core/jalali';
import { toCellValue } from './cells';
import { addStateRules } from './conditional';
import {
  AGENCY_COLUMNS, ALIAS_SEPARATOR, BODY_FONT, GREGORIAN_DATE_FORMAT, MEETING_COLUMNS, THIN_BORDERS, WRAP_ALIGNMENT,
  HEADER_ALIGNMENT, HEADER_FILL, HEADER_FONT, PRINT_FOOTER, printSetup, rtlView, type SideColumn,
} from './layout';
import { findRegisterSheet } from './registerBook';
import { isSettingsSheetName, settingsCellStyle, SETTINGS_WIDTHS } from './settingsSheet';
import { parseSettingsSheet, settingsSheetRows, type RegisterSettings, type SettingsRead } from '../../core/register/settings';
import { assignmentCells, assignmentRowHeight, fieldStyle, gregorianDue, headerField, type RegisterHeader } from './registerSheet';
import { TOOL_SHEETS, type ColumnInfo, type SheetLook, type SheetScan } from './fast/sheetScan';
import {
  fillLegendSheet, legendPageSetup, newAgencies, parseAgencies, parseMeetings, sideHeader, type Grid, type MeetingRecord,
} from './sideSheets';
import { fillOverdue, fillSummary, OVERDUE_SHEET, summaryPageSetup, summaryViews } from './summarySheet';
import { addRangeValidation, columnLetter } from './validations';
import { REGISTER_STATUS_OPTIONS } from '../../core/register/status';
import { writeFailed, type WorkbookBytes } from './workbookFile';
import { reorderZip } from './fast/zip';
import { autoFilterRef, writeFilterDatabaseNames, type SheetFilter } from './filterNames';

/** One cell as read: its value exactly as exceljs gives it, and its style (shared, never mutated). */
export interface CellCopy {
  col: number;
  value: ExcelValue;
  style?: Partial<Style>;
}

export interface RowCopy {
  number: number;
  height?: number;
  /** Hidden by a person (or by a filter they left on). */
  hidden?: boolean;
  cells: CellCopy[];
}

/** A sheet as read, ready to be written back. */
export interface SheetCopy extends SheetLook {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  /** Print setup to write (exceljs PageSetup fields). */
  pageSetup?: Record<string, unknown>;
  /** The autofilter range (`A1:D20`) to write back, if any. */
  autoFilter?: string;
  rows: RowCopy[];
}

/** A register held as rows, from a file or new. */
export interface StreamedRegister {
  /** The file it was read from (undefined for a new register). */
  file?: string;
  /** Every sheet in tab order except the tool's summary, overdue and legend sheets (rewritten). */
  sheets: SheetCopy[];
  register: SheetCopy;
  header: RegisterHeader;
  /** Data rows (non-blank) in sheet order, including rows appended in memory. */
  rows: RawRow[];
}

/** The largest number of a (possibly huge) sequence, or `floor`; no spreading into Math.max. */
function maxOf(values: Iterable<number>, floor: number): number {
  let max = floor;
  for (const v of values) if (v > max) max = v;
  return max;
}

/** The largest column any row or column definition of a sheet uses. */
function usedColumns(sheet: SheetCopy): number {
  let max = maxOf(sheet.columns.map((c) => Math.min(c.max, c.min + 1000)), 0);
  for (const row of sheet.rows) for (const cell of row.cells) if (cell.col > max) max = cell.col;
  return max;
}

const HEADER_SEARCH_ROWS = 10;
const HEADER_MIN_MATCHES = 3;

/** The register header among the first rows, if any (same rule as findRegisterHeader). */
function headerIn(rows: readonly RowCopy[]): RegisterHeader | undefined {
  for (const row of rows) {
    if (row.number > HEADER_SEARCH_ROWS) break;
    const columns = new Map<FieldName, number>();
    for (const cell of row.cells) {
      const value = toCellValue(cell.value, cell.style?.numFmt);
      const field = typeof value === 'string' ? headerField(value) : undefined;
      if (field && !columns.has(field)) columns.set(field, cell.col);
    }
    if (columns.size >= HEADER_MIN_MATCHES) return { row: row.number, columns };
  }
  return undefined;
}

/** A sheet's rows as a Grid of plain values (for the small side sheets). */
function gridOf(sheet: SheetCopy | undefined): Grid {
  const grid: Grid = [];
  for (const row of sheet?.rows ?? []) {
    const values: CellValue[] = [];
    for (const cell of row.cells) values[cell.col] = toCellValue(cell.value, cell.style?.numFmt);
    grid[row.number] = values;
  }
  return grid;
}

function rawRow(row: RowCopy, header: RegisterHeader): RawRow {
  const byCol: CellCopy[] = [];
  for (const cell of row.cells) byCol[cell.col] = cell;
  const values: RawRow['values'] = {};
  for (const [field, col] of header.columns) {
    const cell = byCol[col];
    values[field] = cell ? toCellValue(cell.value, cell.style?.numFmt) : null;
  }
  return { sheetRow: row.number, values };
}

/** Parse `A1:C3` into numbers. */
function range(ref: string): { top: number; left: number; bottom: number; right: number } | undefined {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref);
  if (!m) return undefined;
  const col = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { top: Number(m[2]), left: col(m[1]), bottom: Number(m[4]), right: col(m[3]) };
}

/**
 * Read a checked workbook with the streaming reader.
 * @param scans the sheets' scan (sheetScan), for views, hidden columns and merged ranges
 * @param keepCopies keep every sheet's rows for writing back (false: only what validation needs)
 * @throws MosavabatError `register_sheet_missing`, `register_header_missing`, `damaged_workbook`
 */
export async function streamReadRegister(source: WorkbookBytes, scans: readonly SheetScan[], keepCopies = true): Promise<StreamedRegister> {
  const registerInfo = findRegisterSheet(source.inspection.sheets, source.file);
  const wanted = (name: string) => keepCopies
    ? !TOOL_SHEETS.has(name)
    : name === registerInfo.name || name === SHEETS.meetings || name === SHEETS.agencies || isSettingsSheetName(name);
  const byName = new Map<string, SheetCopy>();
  const dataRows: RawRow[] = [];
  let headerSeen: RegisterHeader | undefined;
  try {
    // the streaming reader names sheets and reads dates and styles only when these come first
    // sheets not wanted are left out of what the reader sees, so they are not even parsed
    const unwanted = new Set(source.inspection.sheets.filter((s) => !wanted(s.name) && s.part).map((s) => s.part as string));
    const bytes = reorderZip(source.bytes, ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/sharedStrings.xml'], unwanted);
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
      sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore',
    });
    for await (const worksheet of reader) {
      const ws = worksheet as unknown as AsyncIterable<ExcelJS.Row> & { id: number; name: string };
      const scan = scans.find((s) => s.info.name === ws.name) ?? scans.find((s) => s.info.part === `xl/worksheets/sheet${ws.id}.xml`);
      if (!scan || !wanted(scan.info.name)) {
        for await (const _ of ws) void _; // drain: the reader needs every sheet consumed
        continue;
      }
      const rows: RowCopy[] = [];
      const hiddenRows = new Set(scan.hiddenRows);
      // reading only: register rows become RawRows as they come and are not kept as copies
      const isRegister = scan.info.name === registerInfo.name;
      let header: RegisterHeader | undefined;
      for await (const row of ws) {
        const cells: CellCopy[] = [];
        row.eachCell({ includeEmpty: true }, (cell, col) => {
          const style = cell.style && Object.keys(cell.style).length ? cell.style : undefined;
          if (cell.value !== null && cell.value !== undefined) cells.push({ col, value: cell.value, style });
          else if (style) cells.push({ col, value: null, style });
        });
        const hidden = hiddenRows.has(row.number) || undefined;
        if (!cells.length && !row.height && !hidden) continue;
        const copy: RowCopy = { number: row.number, height: row.height, hidden, cells };
        if (isRegister && !keepCopies && header) {
          dataRows.push(rawRow(copy, header));
          continue;
        }
        rows.push(copy);
        if (isRegister && !keepCopies && !header && row.number <= HEADER_SEARCH_ROWS) {
          header = headerIn(rows);
          if (header) headerSeen = header;
        }
      }
      byName.set(scan.info.name, {
        name: scan.info.name, state: scan.info.state, rightToLeft: scan.rightToLeft, ySplit: scan.ySplit, xSplit: scan.xSplit,
        hideGridLines: scan.hideGridLines, zoomScale: scan.zoomScale, tabColor: scan.tabColor,
        columns: scan.columns, pageSetup: scan.pageSetup, autoFilter: scan.autoFilter, rows,
      });
    }
  } catch (error) {
    if (error instanceof MosavabatError) throw error;
    throw new MosavabatError('damaged_workbook', 'فایل اکسل آسیب دیده یا ناقص است و خوانده نمی‌شود',
      `the streaming reader cannot read the workbook: ${(error as Error).message}`, 'bad_input', { file: source.file });
  }
  const register = byName.get(registerInfo.name) ?? {
    name: registerInfo.name, state: registerInfo.state, rightToLeft: true, ySplit: 0, xSplit: 0, columns: [], rows: [],
  };
  const header = headerSeen ?? headerIn(register.rows);
  if (!header) {
    throw new MosavabatError('register_header_missing',
      'سطر عنوان ستون‌ها (مثل «شناسه»، «متن مصوبه»، «اقدام کننده») در ده سطر اول برگه پیدا نشد',
      'no header row with the register columns (ID, Resolution, Agency …) in the first ten rows',
      'bad_input', { file: source.file, sheet: register.name });
  }
  const rows = [...register.rows.filter((r) => r.number > header.row).map((r) => rawRow(r, header)), ...dataRows];
  spreadMerges(rows, header, scans.find((s) => s.info.name === registerInfo.name)?.merges ?? []);
  const sheets = scans.map((s) => byName.get(s.info.name)).filter((s): s is SheetCopy => !!s);
  return { file: source.file, sheets, register, header, rows: rows.filter((r) => !isBlankRow(r)) };
}

/** Give every cell of a merged range its master's value, as Excel shows it (the streaming reader does not). */
function spreadMerges(rows: RawRow[], header: RegisterHeader, merges: readonly string[]): void {
  if (!merges.length) return;
  const byRow = new Map(rows.map((r) => [r.sheetRow, r]));
  for (const ref of merges) {
    const m = range(ref);
    if (!m || m.bottom <= header.row) continue;
    const master = byRow.get(m.top);
    for (const [field, col] of header.columns) {
      if (col < m.left || col > m.right) continue;
      const value = master?.values[field] ?? null;
      for (let r = Math.max(m.top, header.row + 1); r <= m.bottom; r++) {
        const row = byRow.get(r);
        if (row && row !== master) row.values[field] = value;
      }
    }
  }
}

/** A new, empty register: the `مصوبات` sheet with its headers, and empty `جلسات` and `دستگاه‌ها`. */
export function newStreamedRegister(): StreamedRegister {
  const headerRow = (labels: string[]): RowCopy => ({
    number: 1,
    height: 30,
    cells: labels.map((label, i) => ({ col: i + 1, value: label, style: headerStyle() })),
  });
  const sheet = (name: string, labels: string[], columns: ColumnInfo[]): SheetCopy => ({
    name, state: 'visible', rightToLeft: true, ySplit: 1, xSplit: 0, columns, pageSetup: printSetup(1), rows: [headerRow(labels)],
  });
  const register = sheet(SHEETS.register, REGISTER_FIELDS.map((f) => f.fa),
    REGISTER_FIELDS.map((f, i) => ({ min: i + 1, max: i + 1, width: f.width, hidden: !!f.hidden })));
  const side = (name: string, columns: readonly SideColumn<string>[]) =>
    sheet(name, columns.map((c) => c.fa), columns.map((c, i) => ({ min: i + 1, max: i + 1, width: c.width })));
  return {
    sheets: [register, side(SHEETS.meetings, MEETING_COLUMNS), side(SHEETS.agencies, AGENCY_COLUMNS), settingsCopy(SHEETS.settings, settingsSheetRows(undefined))],
    register,
    header: { row: 1, columns: new Map(REGISTER_FIELDS.map((f, i) => [f.name, i + 1])) },
    rows: [],
  };
}

function headerStyle(): Partial<Style> {
  return { font: HEADER_FONT, fill: HEADER_FILL, alignment: HEADER_ALIGNMENT, border: THIN_BORDERS };
}

/**
 * Make sure the register sheet has a column for every field: missing ones go after the last
 * used column, with the Persian header.
 */
function ensureFields(reg: StreamedRegister): void {
  let next = maxOf(reg.header.columns.values(), usedColumns(reg.register)) + 1;
  const headerRow = reg.register.rows.find((r) => r.number === reg.header.row);
  for (const f of REGISTER_FIELDS) {
    if (reg.header.columns.has(f.name)) continue;
    const col = next++;
    reg.header.columns.set(f.name, col);
    headerRow?.cells.push({ col, value: f.fa, style: headerStyle() });
    reg.register.columns.push({ min: col, max: col, width: f.width, hidden: !!f.hidden });
  }
}

/** The last data row number (the header row when there is none). */
function lastDataRow(reg: StreamedRegister): number {
  return maxOf(reg.rows.map((r) => r.sheetRow), reg.header.row);
}

/** One style object per field for new rows (shared, so the writer serializes it once). */
const FIELD_STYLES = new Map<FieldName, Partial<Style>>();
function styleOf(field: FieldName): Partial<Style> {
  let style = FIELD_STYLES.get(field);
  if (!style) FIELD_STYLES.set(field, (style = fieldStyle(field)));
  return style;
}

/**
 * Append assignments as new rows after the last data row (in memory), as RawRows too.
 * @returns the sheet row numbers given to them
 */
export function appendAssignments(reg: StreamedRegister, assignments: readonly Assignment[]): number[] {
  ensureFields(reg);
  let next = lastDataRow(reg) + 1;
  // styled blank rows left after the data would be overwritten: drop them first
  reg.register.rows = reg.register.rows.filter((r) => r.number < next || r.cells.some((c) => c.value !== null && c.value !== ''));
  return assignments.map((a) => {
    const values = assignmentCells(a);
    const row: RowCopy = {
      number: next,
      height: assignmentRowHeight(a),
      cells: [...reg.header.columns].map(([field, col]) => ({ col, value: values[field] ?? null, style: styleOf(field) })),
    };
    reg.register.rows.push(row);
    reg.rows.push(rawRow(row, reg.header));
    return next++;
  });
}

/** The side sheet `name`, created with its header when missing. */
function sideSheet(reg: StreamedRegister, name: string, columns: readonly SideColumn<string>[]): SheetCopy {
  let sheet = reg.sheets.find((s) => s.name === name);
  if (!sheet) {
    sheet = {
      name, state: 'visible', rightToLeft: true, ySplit: 1, xSplit: 0, pageSetup: printSetup(1),
      columns: columns.map((c, i) => ({ min: i + 1, max: i + 1, width: c.width })),
      rows: [{ number: 1, height: 30, cells: columns.map((c, i) => ({ col: i + 1, value: c.fa, style: headerStyle() })) }],
    };
    reg.sheets.push(sheet);
  }
  return sheet;
}

function appendSideRow<K extends string>(sheet: SheetCopy, columns: readonly SideColumn<K>[], values: Partial<Record<K, string | number | null>>): void {
  const grid = gridOf(sheet);
  const found = sideHeader(grid[1], columns);
  let next = Math.max(1, usedColumns(sheet)) + 1;
  const header = sheet.rows.find((r) => r.number === 1);
  for (const c of columns) {
    if (found.has(c.key)) continue;
    found.set(c.key, next);
    header?.cells.push({ col: next++, value: c.fa, style: headerStyle() });
  }
  const last = maxOf(sheet.rows.filter((r) => r.cells.some((c) => c.value !== null && c.value !== '')).map((r) => r.number), 1);
  const style: Partial<Style> = { font: BODY_FONT, alignment: WRAP_ALIGNMENT, border: THIN_BORDERS };
  sheet.rows = sheet.rows.filter((r) => r.number <= last);
  sheet.rows.push({ number: last + 1, cells: [...found].map(([key, col]) => ({ col, value: values[key] ?? null, style })) });
}

/** Meetings of the `جلسات` sheet. */
export function streamedMeetings(reg: StreamedRegister): MeetingRecord[] {
  return parseMeetings(gridOf(reg.sheets.find((s) => s.name === SHEETS.meetings)));
}

/** The agency directory of the `دستگاه‌ها` sheet. */
export function streamedDirectory(reg: StreamedRegister): AgencyDirectory {
  return parseAgencies(gridOf(reg.sheets.find((s) => s.name === SHEETS.agencies)));
}

/** The `تنظیمات` sheet's settings (defaults, `present: false`, when an older register has none). */
export function streamedSettings(reg: StreamedRegister): SettingsRead {
  const sheet = reg.sheets.find((s) => isSettingsSheetName(s.name));
  return parseSettingsSheet(sheet ? gridOf(sheet) : undefined, sheet?.name ?? SHEETS.settings);
}

/**
 * Rewrite the `تنظیمات` sheet with `changes` (other values kept as typed), in its place or,
 * when missing, after `دستگاه‌ها`; with no changes, only add it (defaults) when missing.
 */
export function updateStreamedSettings(reg: StreamedRegister, changes: Partial<RegisterSettings> = {}): void {
  const current = streamedSettings(reg);
  if (current.present && !Object.values(changes).some((v) => v !== undefined)) return;
  const index = reg.sheets.findIndex((s) => isSettingsSheetName(s.name));
  const copy = settingsCopy(index >= 0 ? reg.sheets[index].name : SHEETS.settings, settingsSheetRows(current.raw, changes));
  if (index >= 0) {
    reg.sheets[index] = copy;
  } else {
    const agencies = reg.sheets.findIndex((s) => s.name === SHEETS.agencies);
    reg.sheets.splice(agencies >= 0 ? agencies + 1 : reg.sheets.length, 0, copy);
  }
}

/** The settings sheet as a copy to write, from settingsSheetRows' rows (0-based columns). */
function settingsCopy(name: string, rows: readonly CellValue[][]): SheetCopy {
  return {
    name, state: 'visible', rightToLeft: true, ySplit: 1, xSplit: 0, pageSetup: printSetup(1),
    columns: SETTINGS_WIDTHS.map((width, i) => ({ min: i + 1, max: i + 1, width })),
    rows: rows.map((values, r) => ({
      number: r + 1,
      cells: values.flatMap((value, c) => (value === null || value === undefined ? [] : [{ col: c + 1, value, style: settingsCellStyle(r + 1, c + 1) }])),
    })).filter((row) => row.cells.length > 0),
  };
}

/** Append a meeting row to `جلسات`. */
export function appendMeeting(reg: StreamedRegister, meeting: MeetingRecord): void {
  appendSideRow(sideSheet(reg, SHEETS.meetings, MEETING_COLUMNS), MEETING_COLUMNS, meeting);
}

/** Append agencies the directory does not know to `دستگاه‌ها`; returns the names added. */
export function appendAgencies(reg: StreamedRegister, directory: AgencyDirectory, names: Iterable<string>): string[] {
  const added = newAgencies(directory, names);
  if (!added.length) return added;
  const sheet = sideSheet(reg, SHEETS.agencies, AGENCY_COLUMNS);
  for (const name of added) appendSideRow(sheet, AGENCY_COLUMNS, { name, aliases: directory.find(name)?.aliases.join(ALIAS_SEPARATOR) ?? '' });
  return added;
}

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
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: temporary, useStyles: true, useSharedStrings: true });
    workbook.creator = 'mosavabat';
    for (const sheet of reg.sheets) {
      if (sheet === reg.register) await writeRegisterSheet(workbook, reg, plan);
      else await copySheet(workbook, sheet);
    }
    writeToolSheets(workbook, plan, reg.file);
    nameFilters(workbook);
    await workbook.commit();
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    if (error instanceof MosavabatError) throw error;
    throw writeFailed(path, error);
  }
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
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: temporary, useStyles: true, useSharedStrings: true });
    workbook.creator = 'mosavabat';
    writeSummarySheets(workbook, summary, source);
    nameFilters(workbook);
    await workbook.commit();
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw writeFailed(path, error);
  }
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
