/**
 * Reading a return workbook an agency sent back, however it was treated: sheet renamed,
 * rows sorted, hidden or deleted, columns added or hidden, protection removed, re-saved by
 * another program. Turns it into core's ReturnRows plus what the file says about itself.
 * Files that cannot be read at all fail with one MosavabatError naming the file.
 */
import type { Workbook, Worksheet } from 'exceljs';
import { MosavabatError } from '../../core/errors';
import type { FieldName } from '../../core/register/fields';
import { SHEETS } from '../../core/register/fields';
import { cellText, parseWholeNumber } from '../../core/register/cells';
import type { ColumnMap, CellValue } from '../../core/register/types';
import { idText, type ReturnRow } from '../../core/merge';
import { comparisonKey } from '../../core/text';
import { readCell } from '../excel/cells';
import { columnLetters, findRegisterHeader, readRegisterRows, type RegisterHeader } from '../excel/registerSheet';
import { parseWorkbook, readWorkbookBytes, type WorkbookBytes } from '../excel/workbookFile';
import { BASE_SHEET, META_SHEET, RETURN_FORMAT, type MetaKey } from './format';

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

/** Like readReturnFile, for bytes already read (the server's uploads). Same errors. */
export async function readReturnBytes(source: WorkbookBytes): Promise<ReturnFileData> {
  const workbook = await parseWorkbook(source);
  return readReturnWorkbook(workbook, source.file);
}

/** Read an already-parsed return workbook. Same errors as readReturnFile (except parsing). */
export function readReturnWorkbook(workbook: Workbook, file: string): ReturnFileData {
  const meta = readMeta(workbook);
  const { sheet, header } = findDataSheet(workbook, meta.sheet, file);
  const base = readBase(workbook);
  const columns = columnLetters(header);
  const rows: ReturnRow[] = readRegisterRows(sheet, header).map((raw) => {
    const id = idText(raw.values.id ?? null);
    const copy = id ? base?.get(id) : undefined;
    const visibleRevision = parseWholeNumber(raw.values.revision ?? null);
    const revision = copy?.revision ?? (visibleRevision.ok ? visibleRevision.value : null);
    return { sheetRow: raw.sheetRow, id: raw.values.id ?? null, revision, values: raw.values, base: copy?.values ?? null };
  });
  const revision = meta.registerRevision === undefined ? null : parseWholeNumber(meta.registerRevision);
  return {
    file,
    agency: meta.agency ? cellText(meta.agency) || null : null,
    registerRevision: revision && revision.ok ? revision.value : null,
    madeAt: meta.madeAt ? cellText(meta.madeAt) : null,
    sheet: sheet.name,
    columns,
    rows,
    exportedIds: base ? [...base.keys()] : undefined,
  };
}

/** The META_SHEET's pairs, when the sheet is there and says it is a return file. */
function readMeta(workbook: Workbook): Partial<Record<MetaKey, CellValue>> {
  const sheet = workbook.getWorksheet(META_SHEET);
  if (!sheet) return {};
  const pairs: Partial<Record<MetaKey, CellValue>> = {};
  sheet.eachRow((row) => {
    const key = readCell(row.getCell(1));
    if (typeof key === 'string' && /^[a-zA-Z]+$/.test(key)) pairs[key as MetaKey] = readCell(row.getCell(2));
  });
  return pairs.format === RETURN_FORMAT ? pairs : {};
}

/** Sheets the tool wrote for itself; never the data sheet. */
const TOOL_SHEETS = new Set([META_SHEET, BASE_SHEET]);

/**
 * The sheet holding the rows: the one the file names if it still has the headers, else the
 * register sheet by name, else any sheet with the register's headers and an id column
 * (visible sheets first) — so renaming the sheet does not matter.
 */
function findDataSheet(workbook: Workbook, named: CellValue | undefined, file: string): { sheet: Worksheet; header: RegisterHeader } {
  const candidates: Worksheet[] = [];
  const add = (sheet: Worksheet | undefined) => {
    if (sheet && !TOOL_SHEETS.has(sheet.name) && !candidates.includes(sheet)) candidates.push(sheet);
  };
  if (typeof named === 'string') add(workbook.getWorksheet(named));
  add(workbook.worksheets.find((s) => comparisonKey(s.name) === comparisonKey(SHEETS.register)));
  for (const sheet of workbook.worksheets) if (sheet.state === 'visible') add(sheet);
  for (const sheet of workbook.worksheets) add(sheet);
  let headerWithoutId: Worksheet | undefined;
  for (const sheet of candidates) {
    const header = findRegisterHeader(sheet);
    if (!header) continue;
    if (header.columns.has('id')) return { sheet, header };
    headerWithoutId ??= sheet;
  }
  if (headerWithoutId) {
    throw new MosavabatError('return_id_column_missing',
      'ستون «شناسه» از فایل حذف شده است؛ بدون آن نمی‌توان ردیف‌ها را شناخت. فایل اصلی را دوباره پر کنید',
      'the ID column was deleted; rows cannot be matched without it', 'bad_input', { file, sheet: headerWithoutId.name });
  }
  const names = workbook.worksheets.filter((s) => !TOOL_SHEETS.has(s.name)).map((s) => `«${s.name}»`).join('، ');
  throw new MosavabatError('return_sheet_missing',
    `هیچ برگه‌ای با ستون‌های دفتر مصوبات («شناسه»، «متن مصوبه»، «وضعیت» …) در این فایل نیست (برگه‌ها: ${names || 'هیچ'})`,
    'no sheet with the register columns (ID, Resolution, Status …) in the workbook', 'bad_input', { file });
}

/** The hidden copy: id → revision and the export-time cells; undefined when the file has none. */
function readBase(workbook: Workbook): Map<string, { revision: number | null; values: Partial<Record<FieldName, CellValue>> }> | undefined {
  const sheet = workbook.getWorksheet(BASE_SHEET);
  if (!sheet) return undefined;
  const fields: Array<FieldName | null> = [];
  const result = new Map<string, { revision: number | null; values: Partial<Record<FieldName, CellValue>> }>();
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) {
      row.eachCell((cell, col) => {
        const name = readCell(cell);
        fields[col] = typeof name === 'string' ? (name as FieldName) : null;
      });
      return;
    }
    const values: Partial<Record<FieldName, CellValue>> = {};
    let id = '';
    let revision: number | null = null;
    for (let col = 1; col < fields.length; col++) {
      const field = fields[col];
      if (!field) continue;
      const value = readCell(row.getCell(col));
      if ((field as string) === 'id') id = idText(value);
      else if ((field as string) === 'revision') {
        const parsed = parseWholeNumber(value);
        revision = parsed.ok ? parsed.value : null;
      } else values[field] = value;
    }
    if (id && !result.has(id)) result.set(id, { revision, values });
  });
  return result;
}
