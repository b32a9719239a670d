/**
 * Finding the register's header row: the columns are read by their header text, Persian or
 * English, in any order and any typing variant, so the CLI and the add-in read the same sheet
 * the same way.
 */
import { comparisonKey } from '../text/normalize';
import { REGISTER_FIELDS, type FieldName } from './fields';
import type { CellValue } from './types';

/** comparisonKey of every accepted header text (Persian and English) → field. */
const FIELD_BY_HEADER: ReadonlyMap<string, FieldName> = new Map(
  REGISTER_FIELDS.flatMap((f) => [[comparisonKey(f.fa), f.name], [comparisonKey(f.en), f.name]] as Array<[string, FieldName]>),
);

/** Header rows are looked for in the first rows only: a title or a note above the table is fine. */
export const HEADER_SEARCH_ROWS = 10;
/** A row is the header when at least this many cells are known register headers. */
export const HEADER_MIN_MATCHES = 3;

/** The field a header cell's text names, if any (Persian or English, any typing variant). */
export function headerField(text: string): FieldName | undefined {
  return FIELD_BY_HEADER.get(comparisonKey(text));
}

/** The fields a row of cells names, each at its first (0-based) position. */
export function headerColumns(cells: ReadonlyArray<CellValue | undefined>): Map<FieldName, number> {
  const columns = new Map<FieldName, number>();
  cells.forEach((value, index) => {
    if (typeof value !== 'string') return;
    const field = headerField(value);
    if (field && !columns.has(field)) columns.set(field, index);
  });
  return columns;
}

/**
 * The header among the first rows of a sheet: the first of the first ten rows naming at least
 * three register fields.
 * @param rows the sheet's first rows, `rows[0]` being the sheet's first row
 * @returns the 0-based row index and each field's 0-based column, or undefined when none
 */
export function findHeader(rows: ReadonlyArray<ReadonlyArray<CellValue | undefined>>): { row: number; columns: Map<FieldName, number> } | undefined {
  for (let r = 0; r < Math.min(rows.length, HEADER_SEARCH_ROWS); r++) {
    const columns = headerColumns(rows[r] ?? []);
    if (columns.size >= HEADER_MIN_MATCHES) return { row: r, columns };
  }
  return undefined;
}
