/** A return workbook whose id column was deleted cannot be matched to the register: one clear refusal. */
import ExcelJS from 'exceljs';
import { MosavabatError } from '../../../core/errors';
import { inspectWorkbook } from '../inspect';
import { readReturnBytes } from './readReturn';

async function bytesOf(headers: string[], rows: unknown[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('مصوبات');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function read(bytes: Buffer) {
  return readReturnBytes({ path: 'return.xlsx', file: 'return.xlsx', bytes, inspection: inspectWorkbook(bytes, 'return.xlsx') });
}

describe('a return sheet without its id column', () => {
  it('is refused naming the file and the sheet, not merged by position', async () => {
    const bytes = await bytesOf(['متن مصوبه', 'اقدام کننده', 'وضعیت', 'درصد پیشرفت'], [['متن', 'فرمانداری کرج', 'انجام شده', 100]]);
    const error = await read(bytes).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(MosavabatError);
    expect(error).toMatchObject({ code: 'return_id_column_missing', where: { file: 'return.xlsx', sheet: 'مصوبات' } });
    expect((error as MosavabatError).fa).toContain('شناسه');
  });

  it('the same sheet with its id column is read, its rows matched by id', async () => {
    const bytes = await bytesOf(['شناسه', 'متن مصوبه', 'اقدام کننده', 'وضعیت', 'درصد پیشرفت'], [['r1', 'متن', 'فرمانداری کرج', 'انجام شده', 100]]);
    const data = await read(bytes);
    expect(data.rows.map((r) => [r.sheetRow, r.id, r.values.status, r.values.percent])).toEqual([[2, 'r1', 'انجام شده', 100]]);
  });
});
