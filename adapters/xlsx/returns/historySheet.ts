/**
 * The register's `تاریخچه` sheet: one line per change a merge applied (when, agency, source
 * file, row id, column, old value, new value, the row's new revision, when the return file was
 * made and last saved). Lines are only ever appended; what people wrote in the sheet stays.
 * A hidden last column carries the file's export key and save time exactly, so the next merge
 * knows which save of which file set a value (a corrected later save then replaces it).
 */
import type { Style, Workbook, Worksheet } from 'exceljs';
import { SHEETS } from '../../../core/register/fields';
import { fieldHeader } from '../../../core/register/problems';
import { cellText, parseWholeNumber } from '../../../core/register/cells';
import type { CellValue } from '../../../core/register/types';
import { MERGE_FIELDS, tehranTime, type AgencyField, type HistoryEntry } from '../../../core/merge';
import { comparisonKey, toLatinDigits, toPersianDigits } from '../../../core/text';
import { readCell } from '../cells';
import { BODY_FONT, BODY_ALIGNMENT, WRAP_ALIGNMENT, rtlView, styleHeaderCell, styleHeaderRow } from '../layout';
import type { GridSheet } from './grid';

export type HistoryKey = 'at' | 'agency' | 'sourceFile' | 'id' | 'field' | 'old' | 'new' | 'revision' | 'madeAt' | 'savedAt' | 'ref';

/** Columns of the history sheet in order: key, Persian header, English header, width, hidden. */
export const HISTORY_COLUMNS: ReadonlyArray<{ key: HistoryKey; fa: string; en: string; width: number; hidden?: boolean; wrap?: boolean }> = [
  { key: 'at', fa: 'زمان', en: 'When', width: 18 },
  { key: 'agency', fa: 'دستگاه', en: 'Agency', width: 30 },
  { key: 'sourceFile', fa: 'فایل', en: 'Source file', width: 34 },
  { key: 'id', fa: 'شناسه', en: 'ID', width: 24 },
  { key: 'field', fa: 'ستون', en: 'Column', width: 16 },
  { key: 'old', fa: 'مقدار پیشین', en: 'Old value', width: 30, wrap: true },
  { key: 'new', fa: 'مقدار جدید', en: 'New value', width: 30, wrap: true },
  { key: 'revision', fa: 'نسخه', en: 'Revision', width: 8 },
  { key: 'madeAt', fa: 'فایل تهیه‌شده در', en: 'File made', width: 18 },
  { key: 'savedAt', fa: 'فایل ذخیره‌شده در', en: 'File saved', width: 18 },
  { key: 'ref', fa: 'مرجع فایل', en: 'File reference', width: 12, hidden: true },
];

const KEY_BY_HEADER: ReadonlyMap<string, HistoryKey> = new Map(
  HISTORY_COLUMNS.flatMap((c) => [[comparisonKey(c.fa), c.key], [comparisonKey(c.en), c.key]] as Array<[string, HistoryKey]>),
);

/** The history column a header text names, if any (Persian or English, any typing variant). */
export function historyKey(text: string): HistoryKey | undefined {
  return KEY_BY_HEADER.get(comparisonKey(text));
}

const FIELD_BY_HEADER: ReadonlyMap<string, AgencyField> = new Map(MERGE_FIELDS.map((f) => [comparisonKey(fieldHeader(f)), f]));

/** Fields whose values are numbers or dates: shown with Persian digits; text stays as typed. */
const NUMERIC: ReadonlySet<string> = new Set(['percent', 'doneDate', 'requestedDue']);

function shown(field: string, value: string): string {
  return NUMERIC.has(field) ? toPersianDigits(value) : value;
}

/** Texts of instants already shown: one merge writes the same few times on thousands of lines. */
const shownTimes = new Map<string, string>();

/** An instant as `YYYY/MM/DD HH:MM` in Tehran with Persian digits; '' when unknown. */
function tehranText(iso: string | undefined): string {
  if (!iso) return '';
  let text = shownTimes.get(iso);
  if (text === undefined) {
    const at = new Date(iso);
    if (Number.isNaN(at.getTime())) return '';
    const { date, time } = tehranTime(at);
    text = toPersianDigits(`${date.toString()} ${time}`);
    if (shownTimes.size > 1000) shownTimes.clear();
    shownTimes.set(iso, text);
  }
  return text;
}

/** The export key's time part (`7@2022-…Z` → the ISO time the file was made). */
function madeAtOf(exportKey: string | undefined): string | undefined {
  return exportKey?.slice(exportKey.indexOf('@') + 1) || undefined;
}

/**
 * The cells of one history line, by column key: times and numeric values with Persian
 * digits; ids and typed text as they are; the reference as `exportKey|savedAt`.
 */
export function historyCells(e: HistoryEntry): Record<HistoryKey, string | number> {
  return {
    at: toPersianDigits(e.at), agency: e.agency, sourceFile: e.sourceFile, id: e.id, field: fieldHeader(e.field),
    old: shown(e.field, e.old), new: shown(e.field, e.new), revision: e.revision,
    madeAt: tehranText(madeAtOf(e.exportKey)), savedAt: tehranText(e.savedAt),
    ref: e.exportKey && e.savedAt ? `${e.exportKey}|${e.savedAt}` : '',
  };
}

/** Where each history column is in a sheet: the header row and the columns found in it. */
export interface HistoryHeader {
  row: number;
  columns: Map<HistoryKey, number>;
}

/** The header row among the first five (the first with three known headers). */
export function findHistoryHeader(rows: Iterable<[number, Iterable<[number, CellValue]>]>): HistoryHeader | undefined {
  for (const [r, cells] of rows) {
    if (r > 5) break;
    const columns = new Map<HistoryKey, number>();
    for (const [col, value] of cells) {
      const key = typeof value === 'string' ? historyKey(value) : undefined;
      if (key && !columns.has(key)) columns.set(key, col);
    }
    if (columns.size >= 3) return { row: r, columns };
  }
  return undefined;
}

/**
 * The lines of a history sheet that a merge of a return file wrote with its reference (older
 * lines, and lines people typed, are skipped): what recordMerges needs.
 */
export function readHistory(sheet: GridSheet): HistoryEntry[] {
  const numbers = sheet.rowNumbers();
  const header = findHistoryHeader(numbers.slice(0, 5).map((r) => [r, sheet.rowCells(r).map(([c, cell]) => [c, cell.value] as [number, CellValue])]));
  if (!header) return [];
  const col = header.columns;
  const need: HistoryKey[] = ['id', 'field', 'new', 'revision', 'ref', 'agency'];
  if (need.some((k) => !col.has(k))) return [];
  const text = (r: number, key: HistoryKey) => cellText(sheet.cell(r, col.get(key)!).value);
  const entries: HistoryEntry[] = [];
  for (const r of numbers) {
    if (r <= header.row) continue;
    const ref = text(r, 'ref');
    const bar = ref.lastIndexOf('|');
    const field = FIELD_BY_HEADER.get(comparisonKey(text(r, 'field')));
    const revision = parseWholeNumber(sheet.cell(r, col.get('revision')!).value);
    if (bar < 0 || !field || !revision.ok || revision.value === null) continue;
    entries.push({
      at: toLatinDigits(col.has('at') ? text(r, 'at') : ''), agency: text(r, 'agency'),
      sourceFile: col.has('sourceFile') ? text(r, 'sourceFile') : '', id: toLatinDigits(text(r, 'id')), field,
      old: col.has('old') ? text(r, 'old') : '', new: text(r, 'new'), revision: revision.value,
      exportKey: ref.slice(0, bar), savedAt: ref.slice(bar + 1),
    });
  }
  return entries;
}

/** The history sheet of a whole-model workbook, created (right to left, headers) when missing. */
function historySheet(workbook: Workbook): Worksheet {
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

/** History lines of a whole-model register (exceljs), for recordMerges. */
export function readWorkbookHistory(workbook: Workbook): HistoryEntry[] {
  const sheet = workbook.getWorksheet(SHEETS.history);
  if (!sheet) return [];
  const rows = new Map<number, Map<number, CellValue>>();
  sheet.eachRow((row, r) => {
    const cells = new Map<number, CellValue>();
    row.eachCell((cell, c) => cells.set(c, readCell(cell)));
    rows.set(r, cells);
  });
  const numbers = [...rows.keys()].sort((a, b) => a - b);
  return readHistory({
    name: sheet.name, state: 'visible', rowNumbers: () => numbers,
    rowCells: (r) => [...(rows.get(r) ?? [])].sort((a, b) => a[0] - b[0]).map(([c, value]) => [c, { value }]),
    cell: (r, c) => ({ value: rows.get(r)?.get(c) ?? null }),
  });
}

/**
 * Append history lines to a whole-model register's `تاریخچه` sheet (created when missing;
 * columns an older sheet lacks are added after its last column). Times, dates and percents
 * are shown with Persian digits; ids and typed text stay as they are.
 * @returns the number of lines written
 */
export function appendHistory(workbook: Workbook, entries: readonly HistoryEntry[]): number {
  if (entries.length === 0) return 0;
  const sheet = historySheet(workbook);
  const firstRows: Array<[number, Array<[number, CellValue]>]> = [];
  for (let r = 1; r <= Math.min(5, sheet.rowCount); r++) {
    const cells: Array<[number, CellValue]> = [];
    sheet.findRow(r)?.eachCell((cell, c) => cells.push([c, readCell(cell)]));
    firstRows.push([r, cells]);
  }
  const header = findHistoryHeader(firstRows) ?? { row: 1, columns: new Map<HistoryKey, number>() };
  let next = Math.max(sheet.columnCount, ...header.columns.values(), 0) + 1;
  for (const c of HISTORY_COLUMNS) {
    if (header.columns.has(c.key)) continue;
    const col = next++;
    header.columns.set(c.key, col);
    const cell = sheet.getRow(header.row).getCell(col);
    cell.value = c.fa;
    styleHeaderCell(cell);
    sheet.getColumn(col).width = c.width;
  }
  for (const c of HISTORY_COLUMNS) if (c.hidden) sheet.getColumn(header.columns.get(c.key)!).hidden = true;
  let r = Math.max(lastUsedRow(sheet), header.row);
  const style = { font: BODY_FONT, alignment: BODY_ALIGNMENT } as Style;
  const wrapped = { font: BODY_FONT, alignment: WRAP_ALIGNMENT } as Style;
  for (const e of entries) {
    const row = sheet.getRow(++r);
    const values = historyCells(e);
    for (const c of HISTORY_COLUMNS) {
      const cell = row.getCell(header.columns.get(c.key)!);
      cell.value = values[c.key];
      cell.style = c.wrap ? wrapped : style;
    }
  }
  const last = Math.max(...header.columns.values());
  sheet.autoFilter = { from: { row: header.row, column: 1 }, to: { row: r, column: last } };
  return entries.length;
}
