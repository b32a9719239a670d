/**
 * Sizing the add-in's reads and writes for Excel on the web, which refuses a request or a
 * response over 5 MB. Sizes are estimated as the JSON text Office.js exchanges, in UTF-8 bytes
 * (a Persian letter is two bytes, a Latin one one). The register is read in row blocks that each
 * stay under BATCH_BYTES, so a register costs one sync per BATCH_BYTES of its cells on top of a
 * fixed few: the sync count grows with the data's size, never with its row count alone.
 */

/** Excel on the web's cap on one request or response. */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;
/**
 * What one read or write aims to stay under: four fifths of the cap, the rest left for what the
 * estimate does not see (Office.js's own framing of each operation and property name).
 */
export const BATCH_BYTES = 4 * 1024 * 1024;
/** Bytes of a number format in a response (`"General"` is 9), besides its brackets and comma. */
export const FORMAT_CELL_BYTES = 10;
/** Rows of the register's first rows read to estimate the size of a row. */
export const SAMPLE_ROWS = 100;

/** UTF-8 bytes of `value` as JSON (what JSON.stringify would give, then encoded). */
export function jsonBytes(value: unknown): number {
  const text = JSON.stringify(value) ?? '';
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) {
      bytes += 1;
    } else if (code >= 0xd800 && code <= 0xdbff) {
      // a surrogate pair is two code units and four bytes
      i++;
      bytes += 2;
    } else {
      bytes += 2;
    }
  }
  return bytes;
}

/** How much larger than the sample's average a row is assumed to be. */
export const ROW_MARGIN = 1.1;

/** Bytes of one cell's value type in a response (`["String"],`; the longest, `RichValue`, is 11 with its quotes). */
export const TYPE_CELL_BYTES = 12;

/** How one column is read, as far as its size goes. */
export interface ColumnLoad {
  /** 1-based column. */
  column: number;
  /** `values`: the cells; `types`: Range.valueTypes. */
  load: 'values' | 'types';
  /** Whether its number formats come with it. */
  formats: boolean;
}

/**
 * The estimated response bytes of one register row as `reads` load it: each cell read as a value
 * `["…"],` as a one-column range returns it (the sample rows' average times ROW_MARGIN, at least
 * 5 bytes a column, also for an empty sample), TYPE_CELL_BYTES for a cell read as its type, and a
 * number format for each column read with its formats. Rows further down may be longer: a block
 * that still comes back too large is read again in halves (see readRegister).
 * @param sample sample data rows, cells indexed from 0 by column - 1
 */
export function rowBytes(sample: readonly unknown[][], reads: readonly ColumnLoad[]): number {
  const valued = reads.filter((r) => r.load === 'values');
  let total = 0;
  for (const line of sample) {
    for (const r of valued) total += jsonBytes(line[r.column - 1] ?? '') + 3;
  }
  const average = sample.length ? total / sample.length : 0;
  const types = (reads.length - valued.length) * TYPE_CELL_BYTES;
  const formats = reads.filter((r) => r.formats).length * (FORMAT_CELL_BYTES + 3);
  return Math.ceil(Math.max(average * ROW_MARGIN, valued.length * 5)) + types + formats;
}

/**
 * Consecutive row blocks [first, last] (inclusive) covering first..last, each estimated under
 * `budget` bytes at `bytesPerRow` (at least one row per block). Empty when last < first.
 */
export function rowBlocks(first: number, last: number, bytesPerRow: number, budget = BATCH_BYTES): Array<[number, number]> {
  const blocks: Array<[number, number]> = [];
  if (last < first) return blocks;
  const perBlock = Math.max(1, Math.floor(budget / Math.max(1, bytesPerRow)));
  const count = Math.ceil((last - first + 1) / perBlock);
  // blocks of equal size, so no last block of a handful of rows
  const size = Math.ceil((last - first + 1) / count);
  for (let start = first; start <= last; start += size) blocks.push([start, Math.min(last, start + size - 1)]);
  return blocks;
}

/**
 * Two halves of a batch Excel refused for its size: each range's rows cut in the middle, or, when
 * every range is a single row, the ranges shared out; undefined for a single cell.
 */
export function halves<T extends { from: number; to: number }>(items: readonly T[]): [T[], T[]] | undefined {
  if (items.some((i) => i.to > i.from)) {
    const left: T[] = [];
    const right: T[] = [];
    for (const item of items) {
      if (item.to === item.from) {
        left.push(item);
        continue;
      }
      const middle = Math.floor((item.from + item.to) / 2);
      left.push({ ...item, to: middle });
      right.push({ ...item, from: middle + 1 });
    }
    return [left, right];
  }
  if (items.length < 2) return undefined;
  const cut = Math.ceil(items.length / 2);
  return [items.slice(0, cut), items.slice(cut)];
}
