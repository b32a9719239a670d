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

/**
 * The estimated response bytes of one register row: its cells in the read columns as JSON
 * (`["…"],` each, as a one-column range returns them) plus a number format for each of
 * `formatColumns`, from the sample rows' average times ROW_MARGIN. Rows further down may be
 * longer: a block that still comes back too large is read again in halves (see readRegister).
 * @param sample sample data rows, cells indexed from 0 by column - 1
 * @param columns the 1-based columns read
 * @returns at least 5 bytes per column, also for an empty sample
 */
export function rowBytes(sample: readonly unknown[][], columns: readonly number[], formatColumns: number): number {
  let total = 0;
  for (const line of sample) {
    for (const c of columns) total += jsonBytes(line[c - 1] ?? '') + 3;
  }
  const average = sample.length ? total / sample.length : 0;
  return Math.ceil(Math.max(average * ROW_MARGIN, columns.length * 5)) + formatColumns * (FORMAT_CELL_BYTES + 3);
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
