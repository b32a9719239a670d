/**
 * Data validations (in-cell dropdowns and number limits) of a sheet, guarded against an
 * exceljs bug: after a read, exceljs keeps one model entry per cell, and when writing it
 * squeezes them back into ranges in string order (`I10` before `I2`), which produces
 * overlapping `sqref` ranges that Excel reports as a damaged file. Before writing, the model is
 * rebuilt here as explicit, non-overlapping rectangles, which exceljs writes as given.
 */
import type { DataValidation, Worksheet } from 'exceljs';
import { parseRange, rangeRef, type CellRange } from '../../core/sheet/address';

/** exceljs keeps a sheet's validations in `dataValidations.model` (address or range → rule); its types omit it. */
interface ValidationModel {
  model: Record<string, DataValidation | undefined>;
  add(address: string, validation: DataValidation): void;
}

function validationsOf(sheet: Worksheet): ValidationModel {
  return (sheet as unknown as { dataValidations: ValidationModel }).dataValidations;
}

/**
 * Rebuild `sheet`'s data validations as non-overlapping ranges, dropping every validation on
 * the `owned` columns (the caller adds its own afterwards). Validations of other columns are
 * kept, cell for cell. Entries that exceljs cannot place (unparseable keys) are dropped.
 * @param owned 1-based column numbers whose validations the tool manages
 */
export function resetDataValidations(sheet: Worksheet, owned: ReadonlySet<number>): void {
  const model = validationsOf(sheet).model;
  // exceljs gives every cell of one <dataValidation> the same object: group by identity
  const groups = new Map<DataValidation, Map<number, Set<number>>>();
  for (const [key, validation] of Object.entries(model)) {
    if (!validation) continue;
    for (const part of key.split(/\s+/)) {
      const rect = parseRange(part);
      if (!rect) continue;
      for (let col = rect.left; col <= rect.right; col++) {
        if (owned.has(col)) continue;
        let columns = groups.get(validation);
        if (!columns) groups.set(validation, (columns = new Map()));
        let rows = columns.get(col);
        if (!rows) columns.set(col, (rows = new Set()));
        for (let row = rect.top; row <= rect.bottom; row++) rows.add(row);
      }
    }
  }
  const rebuilt: Record<string, DataValidation> = {};
  for (const [validation, columns] of groups) {
    for (const rect of rectangles(columns)) rebuilt[rangeRef(rect)] = validation;
  }
  validationsOf(sheet).model = rebuilt;
}

/**
 * Cover each column's rows with vertical runs, then join runs with the same rows in adjacent
 * columns. The result never overlaps because every cell is in exactly one run.
 */
function rectangles(columns: Map<number, Set<number>>): CellRange[] {
  const runs: CellRange[] = [];
  for (const [col, rowSet] of [...columns].sort((a, b) => a[0] - b[0])) {
    const rows = [...rowSet].sort((a, b) => a - b);
    let start = rows[0];
    for (let i = 1; i <= rows.length; i++) {
      if (i === rows.length || rows[i] !== rows[i - 1] + 1) {
        runs.push({ top: start, bottom: rows[i - 1], left: col, right: col });
        if (i < rows.length) start = rows[i];
      }
    }
  }
  const joined: CellRange[] = [];
  for (const run of runs) {
    const neighbour = joined.find((r) => r.top === run.top && r.bottom === run.bottom && r.right === run.left - 1);
    if (neighbour) neighbour.right = run.right;
    else joined.push({ ...run });
  }
  return joined;
}

/** Add one validation over a whole rectangle as a single entry (no per-cell expansion). */
export function addRangeValidation(sheet: Worksheet, col: number, top: number, bottom: number, validation: DataValidation): void {
  validationsOf(sheet).add(rangeRef({ top, bottom, left: col, right: col }), validation);
}

/**
 * Every `sqref` of a sheet XML's data validations as rectangles, for tests and checks: the
 * written file must never contain overlapping ranges.
 */
export function validationRanges(sheetXml: string): Array<{ sqref: string; rects: CellRange[] }> {
  const result: Array<{ sqref: string; rects: CellRange[] }> = [];
  const pattern = /<(?:\w+:)?dataValidation\b[^>]*\bsqref="([^"]*)"/g;
  for (let m = pattern.exec(sheetXml); m; m = pattern.exec(sheetXml)) {
    result.push({ sqref: m[1], rects: m[1].split(/\s+/).map(parseRange).filter((r): r is CellRange => !!r) });
  }
  return result;
}

/** Whether any two of the rectangles share a cell. */
export function anyOverlap(rects: readonly CellRange[]): boolean {
  for (let i = 0; i < rects.length; i++) {
    for (let j = i + 1; j < rects.length; j++) {
      const a = rects[i];
      const b = rects[j];
      if (a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom) return true;
    }
  }
  return false;
}
