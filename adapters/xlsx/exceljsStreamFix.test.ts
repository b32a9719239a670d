import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { decodeUtf8Stream } from './exceljsStreamFix';

/**
 * Persian text long enough that the shared strings span many inflate chunks (about 240 KB, some
 * fifteen 16 KB chunks: without the fix even 300 rows come back with broken characters).
 */
const texts = Array.from({ length: 2000 }, (_, i) => `متن مصوبه شماره ${i} — فرمانداری کرج و آموزش و پرورش استان`);

async function workbookBytes(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('مصوبات');
  texts.forEach((t) => sheet.addRow([t]));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('the exceljs streaming reader with the UTF-8 fix loaded', () => {
  it('reads every Persian text intact, even where a character falls across chunk boundaries', async () => {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([await workbookBytes()]), {
      sharedStrings: 'cache', worksheets: 'emit',
    });
    const read: unknown[] = [];
    for await (const sheet of reader) {
      for await (const row of sheet as unknown as AsyncIterable<ExcelJS.Row>) read.push(row.getCell(1).value);
    }
    expect(read).toHaveLength(texts.length);
    expect(read.filter((v, i) => v !== texts[i])).toEqual([]);
  }, 30_000); // building and streaming the workbook through exceljs: about a second alone, more on a busy machine
});

describe('decodeUtf8Stream', () => {
  it('joins a two-byte character split between chunks', async () => {
    const bytes = Buffer.from('کرج', 'utf8');
    const chunks: string[] = [];
    for await (const text of decodeUtf8Stream(Readable.from([bytes.subarray(0, 1), bytes.subarray(1, 3), bytes.subarray(3)]))) chunks.push(text);
    expect(chunks.join('')).toBe('کرج');
    expect(chunks.join('')).not.toContain('\ufffd');
  });
});
