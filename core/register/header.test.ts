/** Finding the register's header row among the first rows of a sheet. */
import { findHeader, headerColumns } from './header';

describe('headerColumns', () => {
  it('names each field at its first column, Persian or English, skipping cells that are not text', () => {
    const columns = headerColumns(['ردیف', 1404, 'ID', 'شناسه', undefined, 'مهلت', null, 'یادداشت']);
    expect([...columns]).toEqual([['row', 0], ['id', 2], ['due', 5]]);
  });
});

describe('findHeader', () => {
  const header = ['شناسه', 'متن مصوبه', 'اقدام کننده', 'مهلت'];

  it('finds the header below a title and an empty row', () => {
    const found = findHeader([['مصوبات جلسات شورای برنامه‌ریزی'], [], header]);
    expect(found?.row).toBe(2);
    expect([...(found?.columns ?? [])]).toEqual([['id', 0], ['text', 1], ['agency', 2], ['due', 3]]);
  });

  it('a row naming three fields is the header; one naming two is not', () => {
    expect(findHeader([['شناسه', 'متن مصوبه'], ['شناسه', 'متن مصوبه', 'مهلت']])?.row).toBe(1);
    expect(findHeader([['شناسه', 'متن مصوبه']])).toBeUndefined();
  });

  it('looks in the first ten rows only', () => {
    const rows: unknown[][] = Array.from({ length: 10 }, () => ['یادداشت']);
    expect(findHeader([...rows, header] as string[][])).toBeUndefined();
    expect(findHeader([...rows.slice(1), header] as string[][])?.row).toBe(9);
  });

  it('skips rows that are not there at all', () => {
    const rows: string[][] = [];
    rows[3] = header;
    expect(findHeader(rows)?.row).toBe(3);
  });
});
