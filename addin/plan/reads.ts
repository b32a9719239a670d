/**
 * What each command reads of the register's columns, decided before reading so the read stays
 * small: core needs the content of some columns and only the blankness of others, and a number
 * format matters only for a cell that holds a number. Plain functions; the Office.js adapter
 * (addin/excel/read.ts) loads what these say.
 *
 * - `all` (validate, sync with the service): every column's cells; validation looks at all of them.
 * - `states` (colour, summary): the cells of STATE_FIELDS, which decide each row's state and errors
 *   and fill the summary and the overdue list; of the other columns only whether each cell is
 *   blank (the CLI's blank-row test looks at every header column), read as `valueTypes` where that
 *   is smaller than the cells. The warnings of those columns are not worked out: colour and summary
 *   show none.
 * - `ids` (add minutes): the id column alone.
 */
import { isEmptyCell } from '../../core/register/cells';
import type { FieldName } from '../../core/register/fields';
import { FORMAT_FIELDS, type ColumnValues, type RegisterLayout } from './register';
import { jsonBytes, TYPE_CELL_BYTES, type ColumnLoad } from './batches';
import { officeCellValue } from './cells';

/** What a command needs of the register's columns. */
export type ColumnNeed = 'all' | 'states' | 'ids';

/**
 * The fields whose content colour and summary use: interpretRow's errors (dates, status,
 * percent), the required text and agency, duplicate ids, the deadline phrase, and what the summary
 * and the overdue list show (meeting, row). Every other field matters to them only as blank or not.
 */
export const STATE_FIELDS: readonly FieldName[] = [
  'id', 'meeting', 'meetingDate', 'row', 'text', 'agency', 'deadlineText', 'due', 'status', 'percent', 'doneDate', 'requestedDue',
];

/** How one register column is read. */
export interface ColumnRead extends ColumnLoad {
  field: FieldName;
}

/** A cell read as a type only that is not blank: what core is given instead of its content. */
export const PRESENT = '…';

/**
 * The columns a command reads and how.
 * @param sample data rows of the register's first rows, cells indexed from 0 by column - 1: a
 *   column read for blankness only is read as types when its sample cells average more bytes than
 *   a type; a date or percent column gets its number formats with the values when a sample cell
 *   holds a number (else a number further down has its format read afterwards)
 * @param allFormats read the number formats of every cell of those columns (the sync writes
 *   values back in each cell's own form)
 */
export function columnReads(layout: RegisterLayout, sample: readonly unknown[][], need: ColumnNeed, allFormats = false): ColumnRead[] {
  const reads: ColumnRead[] = [];
  for (const [field, column] of layout.columns) {
    if (need === 'ids' && field !== 'id') continue;
    const cells = sample.map((line) => line[column - 1]);
    const contentOnly = need === 'states' && !STATE_FIELDS.includes(field);
    const valueBytes = cells.reduce<number>((sum, v) => sum + jsonBytes(v ?? '') + 3, 0);
    const load = contentOnly && valueBytes > cells.length * TYPE_CELL_BYTES ? 'types' : 'values';
    const formats = load === 'values' && need !== 'ids' && FORMAT_FIELDS.includes(field)
      && (allFormats || cells.some((v) => typeof v === 'number'));
    reads.push({ field, column, load, formats });
  }
  return reads;
}

/** One column's cells as loaded: values or value types, and number formats where read (sparse). */
export interface LoadedColumn {
  cells: unknown[];
  formats: Array<string | undefined>;
}

/** Cells to read after the blocks: values of some type-only cells, number formats of some numbers. */
export interface FollowUp {
  field: FieldName;
  column: number;
  load: 'values' | 'numberFormat';
  /** 0-based data rows (0 = the row under the header), ascending. */
  rows: number[];
}

/** Value types that always read as a cell that is not blank (a number, a truth value, an error). */
const NOT_BLANK_TYPES = new Set(['Double', 'Integer', 'Boolean', 'Error']);

/**
 * What the loaded blocks leave unknown, to read in one more batch (only for content that needs it,
 * never for the row count): the numbers in a date or percent column whose formats were not read
 * with it; and, in rows whose other cells are all blank, the type-only cells that hold text (text
 * of spaces alone is blank to the CLI, and only its content tells).
 * @param count data rows
 */
export function followUps(reads: readonly ColumnRead[], loaded: ReadonlyMap<FieldName, LoadedColumn>, count: number): FollowUp[] {
  const out: FollowUp[] = [];
  for (const r of reads) {
    if (r.load !== 'values' || r.formats || !FORMAT_FIELDS.includes(r.field)) continue;
    const cells = loaded.get(r.field)!.cells;
    const rows: number[] = [];
    for (let i = 0; i < count; i++) if (typeof cells[i] === 'number') rows.push(i);
    if (rows.length) out.push({ field: r.field, column: r.column, load: 'numberFormat', rows });
  }
  const typed = reads.filter((r) => r.load === 'types');
  if (!typed.length) return out;
  const valued = reads.filter((r) => r.load === 'values');
  const unsure = new Map<FieldName, number[]>();
  for (let i = 0; i < count; i++) {
    // numbers are never blank, whatever their format: blankness needs no formats
    if (valued.some((r) => !isEmptyCell(officeCellValue(loaded.get(r.field)!.cells[i])))) continue;
    if (typed.some((r) => NOT_BLANK_TYPES.has(String(loaded.get(r.field)!.cells[i])))) continue;
    for (const r of typed) {
      const type = String(loaded.get(r.field)!.cells[i] ?? 'Empty');
      if (type === 'Empty') continue;
      const rows = unsure.get(r.field) ?? [];
      rows.push(i);
      unsure.set(r.field, rows);
    }
  }
  for (const r of typed) {
    const rows = unsure.get(r.field);
    if (rows) out.push({ field: r.field, column: r.column, load: 'values', rows });
  }
  return out;
}

/**
 * The loaded columns as core's input: a type-only cell becomes '' when empty, its content when
 * read afterwards, else PRESENT (not blank); number formats where read.
 * @param values type-only cells read afterwards, by field and data row
 */
export function columnValues(reads: readonly ColumnRead[], loaded: ReadonlyMap<FieldName, LoadedColumn>, count: number,
  values: ReadonlyMap<FieldName, ReadonlyMap<number, unknown>>): Partial<Record<FieldName, ColumnValues>> {
  const data: Partial<Record<FieldName, ColumnValues>> = {};
  for (const r of reads) {
    const column = loaded.get(r.field)!;
    if (r.load === 'values') {
      data[r.field] = { values: column.cells, formats: FORMAT_FIELDS.includes(r.field) ? column.formats : undefined };
      continue;
    }
    const read = values.get(r.field);
    const cells: unknown[] = new Array(count);
    for (let i = 0; i < count; i++) {
      const type = String(column.cells[i] ?? 'Empty');
      cells[i] = type === 'Empty' ? '' : read?.has(i) ? read.get(i) : PRESENT;
    }
    data[r.field] = { values: cells };
  }
  return data;
}
