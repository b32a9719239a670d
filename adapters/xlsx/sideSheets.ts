/**
 * The register's side sheets: `جلسات` (one row per meeting), `دستگاه‌ها` (the agency
 * directory with aliases) and `راهنما` (the colour legend). They are read by header text like
 * the register, and rows are only ever appended to them, so people's edits stay.
 */
import type { Cell, Style, Workbook, Worksheet } from 'exceljs';
import type { CellValue } from '../../core/register/types';
import { AgencyDirectory, type AgencyEntry } from '../../core/agency';
import { paletteLegend } from '../../core/register/palette';
import { SHEETS } from '../../core/register/fields';
import type { DeadlineState } from '../../core/register/types';
import { comparisonKey, normalizeText, toPersianDigits } from '../../core/text';
import type { JalaliDate } from '../../core/jalali';
import { readCell } from './cells';
import {
  AGENCY_COLUMNS, ALIAS_SEPARATOR, BODY_FONT, MEETING_COLUMNS, TITLE_FONT, WRAP_ALIGNMENT, printSetup, rtlView,
  styleHeaderRow, THIN_BORDERS, type MeetingKey, type SideColumn,
} from './layout';

/** One row of the `جلسات` sheet, as text (digits as written). */
export type MeetingSheetRow = Partial<Record<MeetingKey, string | number>>;

/**
 * A small sheet's values: `grid[row][col]`, both 1-based, sparse. Side sheets are read into
 * this shape by both the whole-workbook and the streaming reader, and parsed once here.
 */
export type Grid = CellValue[][];

/** The values of a whole (small) worksheet as a Grid. */
export function worksheetGrid(sheet: Worksheet): Grid {
  const grid: Grid = [];
  sheet.eachRow((row, r) => {
    const values: CellValue[] = [];
    row.eachCell((cell, c) => {
      values[c] = readCell(cell);
    });
    grid[r] = values;
  });
  return grid;
}

/** Column of each key in a side sheet, found by header text in its first row. */
export function sideHeader<K extends string>(header: readonly CellValue[] | undefined, columns: readonly SideColumn<K>[]): Map<K, number> {
  const byKey = new Map<string, K>();
  for (const c of columns) {
    byKey.set(comparisonKey(c.fa), c.key);
    byKey.set(comparisonKey(c.en), c.key);
  }
  const found = new Map<K, number>();
  (header ?? []).forEach((value, col) => {
    const key = typeof value === 'string' ? byKey.get(comparisonKey(value)) : undefined;
    if (key && !found.has(key)) found.set(key, col);
  });
  return found;
}

/** Meetings from a `جلسات` grid (header in row 1). */
export function parseMeetings(grid: Grid): MeetingSheetRow[] {
  const columns = sideHeader(grid[1], MEETING_COLUMNS);
  const result: MeetingSheetRow[] = [];
  grid.forEach((values, r) => {
    if (r < 2 || !values) return;
    const record: MeetingSheetRow = {};
    for (const [key, col] of columns) {
      const value = values[col];
      if (value !== null && value !== undefined && value !== '') record[key] = typeof value === 'number' ? value : String(value);
    }
    if (Object.keys(record).length) result.push(record);
  });
  return result;
}

/** The agency directory from a `دستگاه‌ها` grid (header in row 1; aliases separated by `؛`). */
export function parseAgencies(grid: Grid): AgencyDirectory {
  const columns = sideHeader(grid[1], AGENCY_COLUMNS);
  const nameCol = columns.get('name') ?? 1;
  const aliasCol = columns.get('aliases');
  const entries: Array<{ name: string; aliases: string[] }> = [];
  grid.forEach((values, r) => {
    if (r < 2 || !values) return;
    const name = normalizeText(String(values[nameCol] ?? ''));
    if (!name) return;
    const aliasText = aliasCol ? String(values[aliasCol] ?? '') : '';
    entries.push({ name, aliases: aliasText.split(/[؛;\n]/).map((a) => normalizeText(a)).filter(Boolean) });
  });
  return AgencyDirectory.from(entries);
}

/**
 * Agencies of `names` the directory does not know yet (by comparison key), each once, added to
 * it; an entry given with its aliases brings them along (a store's directory written out).
 */
export function newAgencies(directory: AgencyDirectory, names: Iterable<string | AgencyEntry>): string[] {
  const added: string[] = [];
  for (const item of names) {
    const { name, aliases } = typeof item === 'string' ? { name: item, aliases: [] } : item;
    if (!comparisonKey(name) || directory.find(name)) continue;
    directory.add(name, aliases);
    added.push(normalizeText(name));
  }
  return added;
}

/** A new side sheet with its header row, right to left. */
function createSideSheet<K extends string>(workbook: Workbook, name: string, columns: readonly SideColumn<K>[]): Worksheet {
  const sheet = workbook.addWorksheet(name, { views: rtlView(1), pageSetup: printSetup(1) });
  columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = c.width;
    sheet.getRow(1).getCell(i + 1).value = c.fa;
  });
  styleHeaderRow(sheet, 1, columns.length);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return sheet;
}

/** Make sure a side sheet has every column (missing ones appended) and return their positions. */
function ensureSideColumns<K extends string>(sheet: Worksheet, columns: readonly SideColumn<K>[]): Map<K, number> {
  const found = sideHeader(worksheetGrid(sheet)[1], columns);
  let next = Math.max(sheet.columnCount, 0) + 1;
  for (const c of columns) {
    if (found.has(c.key)) continue;
    found.set(c.key, next);
    sheet.getRow(1).getCell(next).value = c.fa;
    sheet.getColumn(next).width = c.width;
    styleHeaderRow(sheet, 1, 0);
    next++;
  }
  return found;
}

function appendRow<K extends string>(sheet: Worksheet, columns: Map<K, number>, values: Partial<Record<K, string | number | null>>): void {
  let last = sheet.rowCount;
  while (last > 1 && !sheet.findRow(last)?.hasValues) last--;
  const row = sheet.getRow(last + 1);
  for (const [key, col] of columns) {
    const cell = row.getCell(col);
    cell.value = values[key] ?? null;
    cell.style = { font: BODY_FONT, alignment: WRAP_ALIGNMENT, border: THIN_BORDERS };
  }
}

/** Create the `جلسات` and `دستگاه‌ها` sheets when missing (a new register has both, empty). */
export function ensureSideSheets(workbook: Workbook): void {
  if (!workbook.getWorksheet(SHEETS.meetings)) createSideSheet(workbook, SHEETS.meetings, MEETING_COLUMNS);
  if (!workbook.getWorksheet(SHEETS.agencies)) createSideSheet(workbook, SHEETS.agencies, AGENCY_COLUMNS);
}

/** The meetings recorded in the `جلسات` sheet (empty when the sheet is missing). */
export function readMeetings(workbook: Workbook): MeetingSheetRow[] {
  const sheet = workbook.getWorksheet(SHEETS.meetings);
  return sheet ? parseMeetings(worksheetGrid(sheet)) : [];
}

/** Append a meeting to the `جلسات` sheet (created when missing). */
export function addMeeting(workbook: Workbook, meeting: MeetingSheetRow): void {
  const sheet = workbook.getWorksheet(SHEETS.meetings) ?? createSideSheet(workbook, SHEETS.meetings, MEETING_COLUMNS);
  appendRow(sheet, ensureSideColumns(sheet, MEETING_COLUMNS), meeting);
}

/** The agency directory from the `دستگاه‌ها` sheet (empty when the sheet is missing). */
export function readAgencyDirectory(workbook: Workbook): AgencyDirectory {
  const sheet = workbook.getWorksheet(SHEETS.agencies);
  return sheet ? parseAgencies(worksheetGrid(sheet)) : AgencyDirectory.from([]);
}

/**
 * Add agencies the directory does not know (by comparison key) to the `دستگاه‌ها` sheet.
 * @returns the names added
 */
export function addAgencies(workbook: Workbook, directory: AgencyDirectory, names: Iterable<string | AgencyEntry>): string[] {
  const added = newAgencies(directory, names);
  if (added.length === 0) return added;
  const sheet = workbook.getWorksheet(SHEETS.agencies) ?? createSideSheet(workbook, SHEETS.agencies, AGENCY_COLUMNS);
  const columns = ensureSideColumns(sheet, AGENCY_COLUMNS);
  for (const name of added) appendRow(sheet, columns, agencyRow(directory, name));
  return added;
}

/** The `دستگاه‌ها` row of a new agency: its name, aliases and the agency it is likely the same as. */
export function agencyRow(directory: AgencyDirectory, name: string): { name: string; aliases: string; proposal: string } {
  return { name, aliases: directory.find(name)?.aliases.join(ALIAS_SEPARATOR) ?? '', proposal: directory.proposalFor(name) ?? '' };
}

const MEANING_STYLE: Partial<Style> = { font: BODY_FONT, alignment: { vertical: 'top', horizontal: 'right', readingOrder: 'rtl' } };

/** What each state means, for the legend. */
export const STATE_MEANINGS: Readonly<Record<DeadlineState, string>> = {
  overdue: 'مهلت گذشته و کار انجام نشده است',
  due_soon: 'مهلت تا چند روز دیگر تمام می‌شود',
  on_track: 'مهلت باقی است',
  done: 'انجام شده، در مهلت یا بی‌تاریخ انجام',
  done_late: 'انجام شده، پس از مهلت',
  ongoing: 'مصوبه مستمر است و مهلت ندارد',
  needs_date: 'مهلت معلوم نیست و باید تعیین شود',
  void: 'دبیرخانه مصوبه را منتفی کرده است',
  invalid: 'ردیف خطا دارد؛ فرمان validate خطاها را نشان می‌دهد',
};

/**
 * What the fill functions need of a sheet; both exceljs's Worksheet and its streaming
 * WorksheetWriter (rows not yet committed) provide it.
 */
export interface CellSheet {
  getCell(row: number, col: number): Cell;
  getRow(row: number): { height: number };
  getColumn(col: number): { width?: number };
  mergeCells(top: number, left: number, bottom: number, right: number): void;
}

/**
 * Write the colour legend into `sheet` starting at `startRow` (two columns of colour words,
 * meaning). Returns the next free row.
 */
export function writeLegend(sheet: CellSheet, startRow: number, firstCol = 1): number {
  let r = startRow;
  sheet.getCell(r, firstCol).value = 'راهنمای رنگ‌ها';
  sheet.getCell(r, firstCol).font = TITLE_FONT;
  r++;
  for (const entry of paletteLegend()) {
    const swatch = sheet.getCell(r, firstCol);
    swatch.value = entry.fa;
    swatch.style = {
      font: BODY_FONT, border: THIN_BORDERS, alignment: WRAP_ALIGNMENT,
      fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${entry.fill}` } },
    };
    const meaning = sheet.getCell(r, firstCol + 1);
    meaning.value = STATE_MEANINGS[entry.state];
    // not wrapped: in a narrow column the text runs on over the empty cells beside it
    meaning.style = MEANING_STYLE;
    r++;
  }
  return r;
}

/**
 * (Re)write the `راهنما` sheet: the legend and a note on when the state words were written.
 * The sheet is the tool's: its content is replaced on every run.
 */
export function writeLegendSheet(workbook: Workbook, today: JalaliDate): void {
  const old = workbook.getWorksheet(SHEETS.legend);
  const position = old ? workbook.worksheets.indexOf(old) : -1;
  if (old) workbook.removeWorksheet(old.id);
  const sheet = workbook.addWorksheet(SHEETS.legend, { views: rtlView(0), pageSetup: legendPageSetup() });
  if (position >= 0) moveSheet(workbook, sheet, position);
  fillLegendSheet(sheet, today);
}

/** Print setup of the `راهنما` sheet: A4 landscape on one page width (its note is wider than a portrait page). */
export function legendPageSetup(): ReturnType<typeof printSetup> {
  const setup = printSetup();
  delete setup.printTitlesRow;
  return setup;
}

/**
 * The legend's note: what updates by itself when the file is opened on a later day (colours and
 * the `وضعیت مهلت` words shown) and what does not (the stored words that filters see, the summary).
 */
export function legendNote(today: JalaliDate): string {
  return `رنگ ردیف‌ها و عبارتی که ستون «وضعیت مهلت» نشان می‌دهد هر بار که فایل باز شود با تاریخ همان روز و ستون «وضعیت» به‌روز می‌شود. `
    + `مقدار ذخیره‌شده در ستون «وضعیت مهلت» (آنچه فیلتر و کپی می‌بیند) و برگه «خلاصه» مربوط به تاریخ ${toPersianDigits(today.toString())} است؛ `
    + 'برای فیلتر بر اساس وضعیت امروز از «فیلتر بر اساس رنگ» استفاده کنید یا فرمان color را دوباره اجرا کنید.';
}

/** The `راهنما` sheet's content: the legend, then the note on when the state words were written. */
export function fillLegendSheet(sheet: CellSheet, today: JalaliDate): void {
  sheet.getColumn(1).width = 24;
  sheet.getColumn(2).width = 60;
  const next = writeLegend(sheet, 1);
  const note = sheet.getCell(next + 1, 1);
  note.value = legendNote(today);
  note.style = { font: BODY_FONT, alignment: WRAP_ALIGNMENT };
  sheet.mergeCells(next + 1, 1, next + 4, 2);
}

/**
 * Put `sheet` at `position` (0-based) in the workbook's tab order. exceljs orders tabs by
 * each sheet's orderNo when writing.
 */
export function moveSheet(workbook: Workbook, sheet: Worksheet, position: number): void {
  const others = workbook.worksheets.filter((s) => s !== sheet);
  others.splice(Math.min(position, others.length), 0, sheet);
  others.forEach((s, i) => {
    (s as unknown as { orderNo: number }).orderNo = i;
  });
}
