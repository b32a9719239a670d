import { halves, jsonBytes, rowBlocks, rowBytes } from './batches';

describe('jsonBytes', () => {
  it.each<[string, unknown, number]>([
    ['Latin text: quotes and letters, a byte each', 'abc', 5],
    ['Persian letters, two bytes each in UTF-8', 'سلام', 2 + 4 * 2],
    ['Persian digits, two bytes each', '۱۴۰۱', 2 + 4 * 2],
    ['a character outside the BMP, four bytes', '😀', 2 + 4],
    ['a ZWNJ, three bytes', '\u200c', 2 + 3],
    ['a number', 45433, 5],
    ['an empty cell', '', 2],
    ['a one-column range of two rows', [['ab'], [12]], '[["ab"],[12]]'.length],
  ])('%s', (_why, value, bytes) => {
    expect(jsonBytes(value)).toBe(bytes);
  });
});

describe('rowBytes', () => {
  const values = (column: number, formats = false) => ({ column, load: 'values' as const, formats });
  it('is the sample rows\' average, with a tenth more, plus 13 bytes per number format', () => {
    // columns 1 and 3: row one 'ab' (4 + 3) and 7 (1 + 3), row two 'abcd' (6 + 3) and 12 (2 + 3)
    const sample = [['ab', 'x', 7], ['abcd', 'y', 12]];
    const average = (7 + 4 + 9 + 5) / 2;
    expect(rowBytes(sample, [values(1), values(3)])).toBe(Math.ceil(average * 1.1));
    expect(rowBytes(sample, [values(1, true), values(3, true)])).toBe(Math.ceil(average * 1.1) + 2 * 13);
  });

  it('counts a column read as types at 12 bytes a cell, whatever its sample holds', () => {
    // column 2 ('x', 'y') is read as types: only column 1 is averaged, (7 + 9) / 2 = 8 → 8.8 → 9
    const sample = [['ab', 'x'], ['abcd', 'y']];
    expect(rowBytes(sample, [values(1), { column: 2, load: 'types', formats: false }])).toBe(9 + 12);
  });

  it('assumes five bytes a column when the sample is empty; a blank cell is `[""],`, five bytes', () => {
    expect(rowBytes([], [values(1), values(2), values(3)])).toBe(15);
    expect(rowBytes([['', '']], [values(1), values(2, true)])).toBe(Math.ceil(10 * 1.1) + 13);
  });
});

describe('rowBlocks', () => {
  it('is one block when the rows fit the budget', () => {
    expect(rowBlocks(2, 10_001, 400, 4_000_400)).toEqual([[2, 10_001]]);
  });

  it('cuts rows into equal blocks under the budget', () => {
    // 1,000 bytes fit three rows of 300; ten rows need four blocks, three rows each at most
    expect(rowBlocks(1, 10, 300, 1_000)).toEqual([[1, 3], [4, 6], [7, 9], [10, 10]]);
    // 50,000 rows of 500 bytes, 8,388 rows to 4 MB: six blocks of 8,334 rows (the last 8,330)
    const blocks = rowBlocks(2, 50_001, 500, 4 * 1024 * 1024);
    expect(blocks.length).toBe(6);
    expect(blocks[0]).toEqual([2, 8_335]);
    expect(blocks[5]).toEqual([41_672, 50_001]);
  });

  it('gives a row too large for the budget a block of its own, and nothing for no rows', () => {
    expect(rowBlocks(5, 6, 10_000, 1_000)).toEqual([[5, 5], [6, 6]]);
    expect(rowBlocks(5, 4, 100)).toEqual([]);
  });
});

describe('halves', () => {
  it('cuts each range of several rows in the middle; a one-row range stays in the first half', () => {
    const items = [{ id: 'a', from: 2, to: 11 }, { id: 'b', from: 2, to: 11 }, { id: 'c', from: 20, to: 20 }];
    expect(halves(items)).toEqual([
      [{ id: 'a', from: 2, to: 6 }, { id: 'b', from: 2, to: 6 }, { id: 'c', from: 20, to: 20 }],
      [{ id: 'a', from: 7, to: 11 }, { id: 'b', from: 7, to: 11 }],
    ]);
  });

  it('shares out one-row ranges, the odd one to the first half, and gives up on a single cell', () => {
    const rows = [5, 9, 14].map((r) => ({ from: r, to: r }));
    expect(halves(rows)).toEqual([[rows[0], rows[1]], [rows[2]]]);
    expect(halves([{ from: 3, to: 3 }])).toBeUndefined();
  });
});
