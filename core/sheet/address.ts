/**
 * A1 addresses of spreadsheet cells: column letters and numbers, ranges, and which cells a
 * merged range covers. One home for every reader and writer (exceljs, the fast path, core).
 */

/** The largest column a sheet has (XFD). */
export const MAX_COLUMN = 16384;

/**
 * Column number of a letter run: `A` → 1, `Z` → 26, `AA` → 27 (lower case read as upper).
 * @returns 0 for an empty run; not checked further (callers match `[A-Z]+` first)
 */
export function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) {
    const code = letters.charCodeAt(i);
    n = n * 26 + (code >= 97 ? code - 96 : code - 64);
  }
  return n;
}

/** Column letters of a 1-based column number: 1 → `A`, 27 → `AA`; '' for 0 or less. */
export function columnLetter(col: number): string {
  let letters = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** A rectangle of cells, 1-based and inclusive. */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * Parse `A1:C3`, `$A$1:$C$3` or a single `B2` (any case); corners in either order.
 * @returns undefined when the text is not such a reference
 */
export function parseRange(ref: string): CellRange | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(ref.trim());
  if (!m) return undefined;
  const a = { col: columnNumber(m[1]), row: Number(m[2]) };
  const b = m[3] ? { col: columnNumber(m[3]), row: Number(m[4]) } : a;
  return { top: Math.min(a.row, b.row), bottom: Math.max(a.row, b.row), left: Math.min(a.col, b.col), right: Math.max(a.col, b.col) };
}

/** `A1:B2` form of a range (always two corners, even for one cell). */
export function rangeRef(range: CellRange): string {
  return `${columnLetter(range.left)}${range.top}:${columnLetter(range.right)}${range.bottom}`;
}

/**
 * Every cell a merged range covers besides its first (top-left) cell, whose value Excel shows in
 * all of them. A merge of whole columns or rows would be millions of cells: at most `maxRows`
 * rows and `maxColumns` columns of a range are visited.
 * @param merges the ranges as written in the sheet (`A2:A5`); unreadable ones are skipped
 * @param visit called with the first cell and each covered cell (1-based)
 */
export function forEachMergedCell(merges: readonly string[],
  visit: (master: { row: number; col: number }, cell: { row: number; col: number }) => void,
  maxRows = 10000, maxColumns = 200): void {
  for (const ref of merges) {
    const range = parseRange(ref);
    if (!range) continue;
    const master = { row: range.top, col: range.left };
    for (let row = range.top; row <= Math.min(range.bottom, range.top + maxRows); row++) {
      for (let col = range.left; col <= Math.min(range.right, range.left + maxColumns); col++) {
        if (row !== master.row || col !== master.col) visit(master, { row, col });
      }
    }
  }
}
