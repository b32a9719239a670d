/** One agency, one name across meetings: certain spellings join, likely ones are proposed in `دستگاه‌ها`. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { JalaliDate } from '../core/jalali';
import { SHEETS } from '../core/register/fields';
import { importMinutesIntoRegister } from '../usecases/importMinutesIntoRegister';
import { summarizeRegisterFile } from '../usecases/summarizeRegisterFile';
import { tempDir } from './helpers';

// two imports and a summary per test: slow when the shared machine is busy
jest.setTimeout(60_000);

const today = JalaliDate.of(1402, 6, 1);
const now = new Date(Date.UTC(2023, 7, 20, 6, 0));

function minutes(dir: string, name: string, date: string, rows: Array<[string, string]>): string {
  const lines = [
    'موضوع: صورتجلسه کارگروه اجتماعی استان', `تاریخ جلسه: ${date}`, '',
    'ردیف\tمصوبه\tاقدام کننده\tزمان اقدام',
    ...rows.map(([agency, deadline], i) => `${i + 1}\tمقرر گردید گزارش اقدامات به دبیرخانه ارسال شود.\t${agency}\t${deadline}`),
  ];
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n'));
  return path;
}

async function agencySheet(path: string): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const rows: string[][] = [];
  book.getWorksheet(SHEETS.agencies)!.eachRow((row) => rows.push([1, 2, 3].map((c) => String(row.getCell(c).value ?? ''))));
  return rows;
}

describe('agency spellings across meetings', () => {
  it('writes a certain spelling with the known name, and proposes a likely one without merging it', async () => {
    const dir = tempDir();
    const register = join(dir, 'register.xlsx');
    await importMinutesIntoRegister(minutes(dir, 'm1.txt', '1402/05/01', [
      ['اداره کل بهزیستی استان', 'یک ماه'], ['سازمان فناوری اطلاعات شهرداری', 'دو هفته'], ['شرکت آب و فاضلاب استان', 'یک هفته'],
    ]), { output: register, today, now });

    const second = await importMinutesIntoRegister(minutes(dir, 'm2.txt', '1402/05/15', [
      ['بهزیستی استان', 'یک ماه'], ['اداره فناوری اطلاعات شهرداری', 'دو هفته'], ['آبفا، شرکت گاز', 'یک هفته'],
    ]), { into: register, today, now });

    expect(second.agenciesJoined).toEqual([
      { written: 'بهزیستی استان', agency: 'اداره کل بهزیستی استان' },
      { written: 'آبفا', agency: 'شرکت آب و فاضلاب استان' },
    ]);
    expect(second.agencyProposals).toEqual([{ name: 'اداره فناوری اطلاعات شهرداری', existing: 'سازمان فناوری اطلاعات شهرداری' }]);
    expect(second.agenciesAdded).toEqual(['اداره فناوری اطلاعات شهرداری', 'شرکت گاز']);
    expect(second.warnings.map((w) => [w.row, w.code])).toEqual([[1, 'agency_joined'], [2, 'agency_alias_proposed'], [3, 'agency_joined']]);
    expect(second.minutes.resolutions.map((r) => r.agencies)).toEqual([
      ['اداره کل بهزیستی استان'], ['اداره فناوری اطلاعات شهرداری'], ['شرکت آب و فاضلاب استان', 'شرکت گاز'],
    ]);

    expect(await agencySheet(register)).toEqual([
      ['نام دستگاه', 'نام‌های دیگر', 'شاید همان دستگاه'],
      ['اداره کل بهزیستی استان', '', ''],
      ['سازمان فناوری اطلاعات شهرداری', '', ''],
      ['شرکت آب و فاضلاب استان', '', ''],
      ['اداره فناوری اطلاعات شهرداری', '', 'سازمان فناوری اطلاعات شهرداری'],
      ['شرکت گاز', '', ''],
    ]);
  });

  it('gives an agency one summary line once a person accepts the proposed alias', async () => {
    const dir = tempDir();
    const register = join(dir, 'register.xlsx');
    await importMinutesIntoRegister(minutes(dir, 'm1.txt', '1402/05/01', [['سازمان فناوری اطلاعات شهرداری', 'یک ماه']]), { output: register, today, now });
    await importMinutesIntoRegister(minutes(dir, 'm2.txt', '1402/05/15', [['اداره فناوری اطلاعات شهرداری', 'یک ماه']]), { into: register, today, now });
    const before = await summarizeRegisterFile(register, join(dir, 'before.xlsx'), { today });
    expect(before.summary.agencies.map((a) => [a.agency, a.total])).toHaveLength(2);

    // the clerk accepts: the proposed spelling goes into the first agency's «نام‌های دیگر»
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(register);
    book.getWorksheet(SHEETS.agencies)!.getCell('B2').value = 'اداره فناوری اطلاعات شهرداری';
    await book.xlsx.writeFile(register);
    const after = await summarizeRegisterFile(register, join(dir, 'after.xlsx'), { today });
    expect(after.summary.agencies.map((a) => [a.agency, a.total])).toEqual([['سازمان فناوری اطلاعات شهرداری', 2]]);
  });
});
