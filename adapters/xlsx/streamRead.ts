/**
 * Reading a register with exceljs's streaming reader: every sheet as plain rows (values and
 * style references, the shapes streamRegister.ts writes back), the register's data rows also as
 * core RawRows. What a streamed copy keeps and loses: see streamRegister.ts.
 */
import { Readable } from 'node:stream';
import './exceljsStreamFix'; // must run before any streamed read: exceljs splits UTF-8 across chunks
import ExcelJS, { type CellValue as ExcelValue, type Style } from 'exceljs';
import { MosavabatError } from '../../core/errors';
import { SHEETS, type FieldName } from '../../core/register/fields';
import { isBlankRow } from '../../core/register/rows';
import type { CellValue, RawRow } from '../../core/register/types';
import { toCellValue } from './cells';
import { forEachMergedCell } from '../../core/sheet/address';
import { findRegisterSheet } from './registerBook';
import { isSettingsSheetName } from './settingsSheet';
import { headerField, type RegisterHeader } from './registerSheet';
import { TOOL_SHEETS, type SheetLook, type SheetScan } from './fast/sheetScan';
import type { Grid } from './sideSheets';
import type { WorkbookBytes } from './workbookFile';
import { reorderZip } from './fast/zip';

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
export function maxOf(values: Iterable<number>, floor: number): number {
  let max = floor;
  for (const v of values) if (v > max) max = v;
  return max;
}

/** The largest column any row or column definition of a sheet uses. */
export function usedColumns(sheet: SheetCopy): number {
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
export function gridOf(sheet: SheetCopy | undefined): Grid {
  const grid: Grid = [];
  for (const row of sheet?.rows ?? []) {
    const values: CellValue[] = [];
    for (const cell of row.cells) values[cell.col] = toCellValue(cell.value, cell.style?.numFmt);
    grid[row.number] = values;
  }
  return grid;
}

export function rawRow(row: RowCopy, header: RegisterHeader): RawRow {
  const byCol: CellCopy[] = [];
  for (const cell of row.cells) byCol[cell.col] = cell;
  const values: RawRow['values'] = {};
  for (const [field, col] of header.columns) {
    const cell = byCol[col];
    values[field] = cell ? toCellValue(cell.value, cell.style?.numFmt) : null;
  }
  return { sheetRow: row.number, values };
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

/** Give every cell of a merged range its first cell's value, as Excel shows it (the streaming reader does not). */
function spreadMerges(rows: RawRow[], header: RegisterHeader, merges: readonly string[]): void {
  if (!merges.length) return;
  const byRow = new Map(rows.map((r) => [r.sheetRow, r]));
  const fieldAt = new Map([...header.columns].map(([field, col]) => [col, field]));
  forEachMergedCell(merges, (master, cell) => {
    const field = fieldAt.get(cell.col);
    const row = byRow.get(cell.row);
    if (!field || !row || cell.row <= header.row) return;
    const first = byRow.get(master.row);
    const masterField = fieldAt.get(master.col);
    row.values[field] = (first && masterField ? first.values[masterField] : null) ?? null;
  });
}

