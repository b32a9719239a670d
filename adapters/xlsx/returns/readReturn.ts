/**
 * Reading a return workbook an agency sent back, however it was treated: sheet renamed,
 * rows sorted, hidden or deleted, columns added or hidden, protection removed, re-saved by
 * another program. Turns it into core's ReturnRows plus what the file says about itself.
 * Files that cannot be read at all fail with one MosavabatError naming the file.
 */
import type { Workbook } from 'exceljs';
import { MosavabatError } from '../../../core/errors';
import type { FieldName } from '../../../core/register/fields';
import { SHEETS } from '../../../core/register/fields';
import { cellText, parseWholeNumber } from '../../../core/register/cells';
import { isBlankRow } from '../../../core/register/rows';
import type { ColumnMap, CellValue, RawRow } from '../../../core/register/types';
import { idText, type ReturnRow } from '../../../core/merge';
import { comparisonKey } from '../../../core/text';
import { headerField, type RegisterHeader } from '../registerSheet';
import { fieldLetters } from '../registerSheet';
import { parseWorkbook, readWorkbookBytes, type WorkbookBytes } from '../workbookFile';
import { BASE_SHEET, META_SHEET, RETURN_FORMAT, type MetaKey } from './format';
import { excelGrid, lightGrid, type GridSheet } from './grid';
import { signedText, type SignedFacts } from './signature';
import { LightUnsupported, LightWorkbook } from '../fast/lightXlsx';

/** A return file, read. */
export interface ReturnFileData {
  /** The file's base name (for messages and the history). */
  file: string;
  /** The agency the file was made for; null when the file does not say (not made by this tool). */
  agency: string | null;
  /** Register revision the file was made from; null when unknown. */
  registerRevision: number | null;
  /** When the file was made (ISO), when it says. */
  madeAt: string | null;
  /** The sheet the rows were read from (its name now, perhaps renamed). */
  sheet: string;
  columns: ColumnMap;
  rows: ReturnRow[];
  /** Ids the file was made with (from its hidden copy); undefined when it has none. */
  exportedIds?: string[];
  /** Which export the file is (register revision and time made); undefined for files the tool did not make. */
  exportKey?: string;
  /** When the file was last saved (ISO 8601, from its properties); undefined when it does not say. */
  savedAt?: string;
  /** For files the tool made: the text its signature covers, the signature (null: made unsigned) and which key signed it. */
  signed?: SignedFacts;
}

/**
 * Read a return workbook from disk.
 * @throws MosavabatError for files that are not readable workbooks (see inspectWorkbook:
 *   `xls_workbook`, `encrypted_workbook`, `not_xlsx`, `damaged_workbook`, `empty_file` …) and
 *   `return_sheet_missing` when no sheet has the register's headers with the `شناسه` column
 */
export async function readReturnFile(path: string): Promise<ReturnFileData> {
  return readReturnBytes(await readWorkbookBytes(path));
}

/**
 * Like readReturnFile, for bytes already read (the server's uploads). Same errors. Read with
 * the light reader; a file it does not handle, or cannot make sense of, is read again with
 * exceljs, whose verdict (and messages) stand.
 */
export async function readReturnBytes(source: WorkbookBytes): Promise<ReturnFileData> {
  try {
    const light = LightWorkbook.open(source.bytes, source.inspection);
    const sheets = source.inspection.sheets.map((info) => lazyGrid(light, info.name, info.state));
    return { ...readReturnGrids(sheets, source.file), savedAt: light.modified() };
  } catch (error) {
    if (error instanceof MosavabatError && !(error.code === 'return_sheet_missing' || error.code === 'return_id_column_missing')) throw error;
    // exceljs decides: it may read what the light reader did not, or fail with its own message
  }
  const workbook = await parseWorkbook(source);
  return readReturnWorkbook(workbook, source.file);
}

/** A GridSheet read only when first used (most files have sheets the merge never looks at). */
function lazyGrid(light: LightWorkbook, name: string, state: GridSheet['state']): GridSheet {
  let grid: GridSheet | undefined;
  const get = () => {
    if (!grid) {
      try {
        grid = lightGrid(light.sheet(name));
      } catch (error) {
        // anything unexpected in the XML: let exceljs read the file
        throw error instanceof LightUnsupported ? error : new LightUnsupported(String(error));
      }
    }
    return grid;
  };
  return { name, state, rowNumbers: () => get().rowNumbers(), rowCells: (r) => get().rowCells(r), cell: (r, c) => get().cell(r, c) };
}

/** Read an already-parsed return workbook. Same errors as readReturnFile (except parsing). */
export function readReturnWorkbook(workbook: Workbook, file: string): ReturnFileData {
  const data = readReturnGrids(workbook.worksheets.map(excelGrid), file);
  const modified = workbook.modified instanceof Date && !Number.isNaN(workbook.modified.getTime()) ? workbook.modified.toISOString() : undefined;
  return { ...data, savedAt: modified };
}

/** The return file's data from its sheets as grids (in tab order). */
function readReturnGrids(sheets: readonly GridSheet[], file: string): ReturnFileData {
  const metaSheet = sheets.find((s) => s.name === META_SHEET);
  const meta = readMeta(metaSheet);
  const baseSheet = sheets.find((s) => s.name === BASE_SHEET);
  const { sheet, header } = findDataSheet(sheets, meta.sheet, file);
  const base = readBase(baseSheet);
  const columns = fieldLetters(header);
  const rows: ReturnRow[] = [];
  const fields = [...header.columns];
  for (const r of sheet.rowNumbers()) {
    if (r <= header.row) continue;
    const values: RawRow['values'] = {};
    let unreadable: ReturnRow['unreadable'];
    for (const [field, col] of fields) {
      const cell = sheet.cell(r, col);
      values[field] = cell.value;
      if (cell.unreadable) (unreadable ??= {})[field] = cell.unreadable;
    }
    if (!unreadable && isBlankRow({ sheetRow: r, values })) continue;
    const id = idText(values.id ?? null);
    const copy = id ? base?.get(id) : undefined;
    const visibleRevision = parseWholeNumber(values.revision ?? null);
    const revision = copy?.revision ?? (visibleRevision.ok ? visibleRevision.value : null);
    const row: ReturnRow = { sheetRow: r, id: values.id ?? null, revision, values, base: copy?.values ?? null };
    if (unreadable) row.unreadable = unreadable;
    rows.push(row);
  }
  const revision = meta.registerRevision === undefined ? null : parseWholeNumber(meta.registerRevision);
  const madeAt = meta.madeAt ? cellText(meta.madeAt) : null;
  return {
    file,
    agency: meta.agency ? cellText(meta.agency) || null : null,
    registerRevision: revision && revision.ok ? revision.value : null,
    madeAt,
    sheet: sheet.name,
    columns,
    rows,
    exportedIds: base ? [...base.keys()] : undefined,
    exportKey: madeAt ? `${revision && revision.ok ? revision.value : ''}@${madeAt}` : undefined,
    signed: metaSheet && meta.format === RETURN_FORMAT ? {
      text: signedText(metaPairs(metaSheet), baseRows(baseSheet)),
      signature: typeof meta.signature === 'string' ? meta.signature : null,
      signedBy: typeof meta.signedBy === 'string' ? meta.signedBy : null,
    } : undefined,
  };
}

/** Every pair of the description sheet, as written (the signature covers them all). */
function metaPairs(sheet: GridSheet): Array<[string, CellValue]> {
  return sheet.rowNumbers().flatMap((r) => {
    const key = sheet.cell(r, 1).value;
    return typeof key === 'string' ? [[key, sheet.cell(r, 2).value] as [string, CellValue]] : [];
  });
}

/** Every row of the hidden copy, cell by cell across its header's width. */
function baseRows(sheet: GridSheet | undefined): CellValue[][] {
  if (!sheet) return [];
  const numbers = sheet.rowNumbers();
  if (!numbers.length) return [];
  const width = Math.max(0, ...sheet.rowCells(numbers[0]).map(([col]) => col));
  return numbers.map((r) => Array.from({ length: width }, (_, i) => sheet.cell(r, i + 1).value));
}

/** The META_SHEET's pairs, when the sheet is there and says it is a return file. */
function readMeta(sheet: GridSheet | undefined): Partial<Record<MetaKey, CellValue>> {
  if (!sheet) return {};
  const pairs: Partial<Record<MetaKey, CellValue>> = {};
  for (const r of sheet.rowNumbers()) {
    const key = sheet.cell(r, 1).value;
    if (typeof key === 'string' && /^[a-zA-Z]+$/.test(key)) pairs[key as MetaKey] = sheet.cell(r, 2).value;
  }
  return pairs.format === RETURN_FORMAT ? pairs : {};
}

/** Sheets the tool wrote for itself; never the data sheet. */
const TOOL_SHEETS = new Set([META_SHEET, BASE_SHEET]);

/** Header rows are looked for in the first rows, the register's rule (a title above the table is fine). */
const HEADER_SEARCH_ROWS = 10;
const HEADER_MIN_MATCHES = 3;

/** The register header of a sheet: the first of its first ten rows with three known headers. */
function headerOf(sheet: GridSheet): RegisterHeader | undefined {
  for (const r of sheet.rowNumbers()) {
    if (r > HEADER_SEARCH_ROWS) break;
    const columns = new Map<FieldName, number>();
    for (const [col, cell] of sheet.rowCells(r)) {
      const field = typeof cell.value === 'string' ? headerField(cell.value) : undefined;
      if (field && !columns.has(field)) columns.set(field, col);
    }
    if (columns.size >= HEADER_MIN_MATCHES) return { row: r, columns };
  }
  return undefined;
}

/**
 * The sheet holding the rows: the one the file names if it still has the headers, else the
 * register sheet by name, else any sheet with the register's headers and an id column
 * (visible sheets first) — so renaming the sheet does not matter.
 */
function findDataSheet(sheets: readonly GridSheet[], named: CellValue | undefined, file: string): { sheet: GridSheet; header: RegisterHeader } {
  const candidates: GridSheet[] = [];
  const add = (sheet: GridSheet | undefined) => {
    if (sheet && !TOOL_SHEETS.has(sheet.name) && !candidates.includes(sheet)) candidates.push(sheet);
  };
  if (typeof named === 'string') add(sheets.find((s) => s.name === named));
  add(sheets.find((s) => comparisonKey(s.name) === comparisonKey(SHEETS.register)));
  for (const sheet of sheets) if (sheet.state === 'visible') add(sheet);
  for (const sheet of sheets) add(sheet);
  let headerWithoutId: GridSheet | undefined;
  for (const sheet of candidates) {
    const header = headerOf(sheet);
    if (!header) continue;
    if (header.columns.has('id')) return { sheet, header };
    headerWithoutId ??= sheet;
  }
  if (headerWithoutId) {
    throw new MosavabatError('return_id_column_missing',
      'ستون «شناسه» از فایل حذف شده است؛ بدون آن نمی‌توان ردیف‌ها را شناخت. فایل اصلی را دوباره پر کنید',
      'the ID column was deleted; rows cannot be matched without it', 'bad_input', { file, sheet: headerWithoutId.name });
  }
  const names = sheets.filter((s) => !TOOL_SHEETS.has(s.name)).map((s) => `«${s.name}»`).join('، ');
  throw new MosavabatError('return_sheet_missing',
    `هیچ برگه‌ای با ستون‌های دفتر مصوبات («شناسه»، «متن مصوبه»، «وضعیت» …) در این فایل نیست (برگه‌ها: ${names || 'هیچ'})`,
    'no sheet with the register columns (ID, Resolution, Status …) in the workbook', 'bad_input', { file });
}

type BaseCopy = Map<string, { revision: number | null; values: Partial<Record<FieldName, CellValue>> }>;

/** The hidden copy: id → revision and the export-time cells; undefined when the file has none. */
function readBase(sheet: GridSheet | undefined): BaseCopy | undefined {
  if (!sheet) return undefined;
  const result: BaseCopy = new Map();
  const numbers = sheet.rowNumbers();
  if (!numbers.length) return result;
  const fields: Array<[number, string]> = sheet.rowCells(numbers[0])
    .filter(([, cell]) => typeof cell.value === 'string')
    .map(([col, cell]) => [col, cell.value as string]);
  for (const r of numbers.slice(1)) {
    const values: Partial<Record<FieldName, CellValue>> = {};
    let id = '';
    let revision: number | null = null;
    for (const [col, field] of fields) {
      const value = sheet.cell(r, col).value;
      if (field === 'id') id = idText(value);
      else if (field === 'revision') {
        const parsed = parseWholeNumber(value);
        revision = parsed.ok ? parsed.value : null;
      } else values[field as FieldName] = value;
    }
    if (id && !result.has(id)) result.set(id, { revision, values });
  }
  return result;
}
