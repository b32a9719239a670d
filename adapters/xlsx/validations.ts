/**
 * Data validations (in-cell dropdowns and number limits) of a sheet, guarded against an
 * exceljs bug: after a read, exceljs keeps one model entry per cell, and when writing it
 * squeezes them back into ranges in string order (`I10` before `I2`), which produces
 * overlapping `sqref` ranges that Excel reports as a damaged file. Before writing, the model is
 * rebuilt here as explicit, non-overlapping rectangles, which exceljs writes as given.
 */
import type { DataValidation, Worksheet } from 'exceljs';

/** exceljs keeps a sheet's validations in `dataValidations.model` (address or range → rule); its types omit it. */
interface ValidationModel {
  model: Record<string, DataValidation | undefined>;
  add(address: string, validation: DataValidation): void;
}

function validationsOf(sheet: Worksheet): ValidationModel {
  return (sheet as unknown as { dataValidations: ValidationModel }).dataValidations;
}

/** A rectangle of cells, 1-based and inclusive. */
interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Column number of a letter run: A → 1, AA → 27. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Column letters of a number: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let letters = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) letters = String.fromCharCode(65 + ((x - 1) % 26)) + letters;
  return letters;
}

function parseRef(ref: string): Rect | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(ref.trim());
  if (!m) return undefined;
  const a = { col: columnNumber(m[1]), row: Number(m[2]) };
  const b = m[3] ? { col: columnNumber(m[3]), row: Number(m[4]) } : a;
  return { top: Math.min(a.row, b.row), bottom: Math.max(a.row, b.row), left: Math.min(a.col, b.col), right: Math.max(a.col, b.col) };
}

function rectRef(r: Rect): string {
  // always `A1:B2` form, even for one cell: exceljs writes such keys unchanged
  return `${columnLetter(r.left)}${r.top}:${columnLetter(r.right)}${r.bottom}`;
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
      const rect = parseRef(part);
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
    for (const rect of rectangles(columns)) rebuilt[rectRef(rect)] = validation;
  }
  validationsOf(sheet).model = rebuilt;
}

/**
 * Cover each column's rows with vertical runs, then join runs with the same rows in adjacent
 * columns. The result never overlaps because every cell is in exactly one run.
 */
function rectangles(columns: Map<number, Set<number>>): Rect[] {
  const runs: Rect[] = [];
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
  const joined: Rect[] = [];
  for (const run of runs) {
    const neighbour = joined.find((r) => r.top === run.top && r.bottom === run.bottom && r.right === run.left - 1);
    if (neighbour) neighbour.right = run.right;
    else joined.push({ ...run });
  }
  return joined;
}

/** Add one validation over a whole rectangle as a single entry (no per-cell expansion). */
export function addRangeValidation(sheet: Worksheet, col: number, top: number, bottom: number, validation: DataValidation): void {
  validationsOf(sheet).add(rectRef({ top, bottom, left: col, right: col }), validation);
}

/**
 * Every `sqref` of a sheet XML's data validations as rectangles, for tests and checks: the
 * written file must never contain overlapping ranges.
 */
export function validationRanges(sheetXml: string): Array<{ sqref: string; rects: Rect[] }> {
  const result: Array<{ sqref: string; rects: Rect[] }> = [];
  const pattern = /<(?:\w+:)?dataValidation\b[^>]*\bsqref="([^"]*)"/g;
  for (let m = pattern.exec(sheetXml); m; m = pattern.exec(sheetXml)) {
    result.push({ sqref: m[1], rects: m[1].split(/\s+/).map(parseRef).filter((r): r is Rect => !!r) });
  }
  return result;
}

/** Whether any two of the rectangles share a cell. */
export function anyOverlap(rects: readonly Rect[]): boolean {
  for (let i = 0; i < rects.length; i++) {
    for (let j = i + 1; j < rects.length; j++) {
      const a = rects[i];
      const b = rects[j];
      if (a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom) return true;
    }
  }
  return false;
}
