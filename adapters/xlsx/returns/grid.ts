/**
 * A sheet as plain cell values, whichever reader read it (the light reader or exceljs), so the
 * return-file logic (find the data sheet, its header, the hidden sheets) is written once.
 * Merged ranges give every cell their first cell's value, as Excel shows them.
 */
import type { Cell, Worksheet } from 'exceljs';
import type { CellValue } from '../../../core/register/types';
import { readCell } from '../cells';
import type { LightSheet } from '../fast/lightXlsx';
import { forEachMergedCell } from '../../../core/sheet/address';

/** A cell's value, and why it cannot be taken as a value when that is so. */
export interface GridCell {
  value: CellValue;
  /** A formula without a saved result, or an error value: not a value anyone typed. */
  unreadable?: { fa: string; en: string };
}

export interface GridSheet {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  /** Row numbers that have cells, ascending. */
  rowNumbers(): number[];
  /** The cells of a row that hold something (value or unreadable), by column, ascending. */
  rowCells(row: number): Array<[number, GridCell]>;
  /** One cell (null value when empty). */
  cell(row: number, col: number): GridCell;
}

const EMPTY: GridCell = { value: null };

/** Why a formula cell without a saved result is not read (Persian, English). */
export const NO_RESULT = {
  fa: 'این خانه فرمول دارد ولی مقدارش در فایل ذخیره نشده است؛ به جای فرمول خود مقدار را بنویسید',
  en: 'the cell holds a formula whose value was not saved in the file; type the value instead of a formula',
};

/** Why an error value is not read. */
export function errorValue(text: string): { fa: string; en: string } {
  return {
    fa: `این خانه خطای «${text}» دارد (فرمول نادرست)؛ به جای آن مقدار را بنویسید`,
    en: `the cell holds the error "${text}" (a broken formula); type the value instead`,
  };
}

/** A light-reader sheet as a GridSheet (merged ranges spread). */
export function lightGrid(sheet: LightSheet): GridSheet {
  const rows = new Map<number, Map<number, GridCell>>();
  for (const row of sheet.rows) {
    const cells = new Map<number, GridCell>();
    for (const c of row.cells) {
      if (c.noResult) cells.set(c.col, { value: null, unreadable: NO_RESULT });
      else if (c.error) cells.set(c.col, { value: c.value, unreadable: errorValue(String(c.value)) });
      else if (c.value !== null) cells.set(c.col, { value: c.value });
    }
    if (cells.size) rows.set(row.number, cells);
  }
  spreadMerges(rows, sheet.merges);
  return mapGrid(sheet.name, sheet.state, rows);
}

/** Give every cell of a merged range its first cell's value, as Excel shows it (an empty first cell empties them). */
function spreadMerges(rows: Map<number, Map<number, GridCell>>, merges: readonly string[]): void {
  forEachMergedCell(merges, (master, cell) => {
    const value = rows.get(master.row)?.get(master.col) ?? EMPTY;
    let cells = rows.get(cell.row);
    if (!cells) rows.set(cell.row, (cells = new Map()));
    if (value === EMPTY) cells.delete(cell.col);
    else cells.set(cell.col, value);
  });
}

function mapGrid(name: string, state: GridSheet['state'], rows: Map<number, Map<number, GridCell>>): GridSheet {
  let numbers: number[] | undefined;
  return {
    name,
    state,
    rowNumbers: () => (numbers ??= [...rows.keys()].filter((r) => rows.get(r)!.size > 0).sort((a, b) => a - b)),
    rowCells: (r) => [...(rows.get(r) ?? new Map<number, GridCell>())].sort((a, b) => a[0] - b[0]),
    cell: (r, c) => rows.get(r)?.get(c) ?? EMPTY,
  };
}

/** An exceljs worksheet as a GridSheet (exceljs already gives merged cells their master's value). */
export function excelGrid(sheet: Worksheet): GridSheet {
  const read = (cell: Cell): GridCell => {
    const value = cell.value as unknown;
    if (value && typeof value === 'object' && ('formula' in value || 'sharedFormula' in value)) {
      const result = (value as { result?: unknown }).result;
      if (result === undefined || result === null) return { value: null, unreadable: NO_RESULT };
      if (typeof result === 'object' && 'error' in (result as object)) {
        const text = String((result as { error: unknown }).error);
        return { value: text, unreadable: errorValue(text) };
      }
    } else if (value && typeof value === 'object' && 'error' in value) {
      const text = String((value as { error: unknown }).error);
      return { value: text, unreadable: errorValue(text) };
    }
    return { value: readCell(cell) };
  };
  const rows = new Map<number, Map<number, GridCell>>();
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const cells = new Map<number, GridCell>();
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      const grid = read(cell);
      if (grid.value !== null || grid.unreadable) cells.set(col, grid);
    });
    if (cells.size) rows.set(number, cells);
  });
  return mapGrid(sheet.name, sheet.state as GridSheet['state'], rows);
}
