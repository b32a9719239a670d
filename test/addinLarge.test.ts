/**
 * A register of 50,000 rows in the stand-in Excel host, which refuses (as Excel on the web does)
 * any request or response over 5 MB: colouring reads it in blocks, every request and response
 * stays under the limit, the number of syncs follows the data's size (one per block, a few more)
 * rather than its rows, and the rows come out in the states and colours `mosavabat color` gives
 * them on the same day.
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { JalaliDate } from '../core/jalali';
import { REGISTER_FIELDS } from '../core/register/fields';
import { colorRegisterFile } from '../usecases/colorRegisterFile';
import { colorRegister } from '../addin/excel/commands';
import { ExcelHost, hostFromXlsx, installHost, serialOf } from './excelHost';
import { tempDir } from './helpers';

const TODAY = JalaliDate.parse('1404/03/01');
const FIVE_MB = 5 * 1024 * 1024;
const ROWS = 50_000;

// writing, colouring and reading back 50,000 rows with exceljs takes minutes on a shared machine
jest.setTimeout(600_000);

/** Register rows of typical length: a resolution of some ninety letters, dates in Persian digits. */
function registerGrid(n: number): unknown[][] {
  const statuses = ['', 'در حال انجام', 'انجام شده', 'منتفی', 'خارج از اختیار دستگاه'];
  const phrases = ['یک ماه', 'دو هفته', 'مستمر', 'تا جلسه آینده', 'هفته جاری'];
  const rows: unknown[][] = [REGISTER_FIELDS.map((f) => f.fa)];
  const base = JalaliDate.parse('1403/01/15');
  for (let i = 0; i < n; i++) {
    const meetingDate = base.addDays((i % 40) * 9);
    const phrase = phrases[i % phrases.length];
    const status = statuses[i % statuses.length];
    const cells: Record<string, unknown> = {
      id: `${meetingDate.toString().replace(/\//g, '-')}-${i}`, meeting: `جلسه شماره ${i % 40}`, meetingDate: meetingDate.toDisplay(),
      row: (i % 25) + 1, text: `مقرر گردید دستگاه ${i % 60} گزارش اقدامات مربوط به موضوع ${i} را ظرف مدت مقرر به دبیرخانه ارسال نماید`,
      agency: `اداره کل شماره ${i % 60} استان`, deadlineText: phrase,
      due: phrase === 'مستمر' || phrase === 'تا جلسه آینده' ? '' : meetingDate.addDays(30 + (i % 11) * 7).toDisplay(),
      status, percent: status === 'در حال انجام' ? (i % 9) * 10 : '', report: status ? 'گزارش کوتاه' : '',
      doneDate: status === 'انجام شده' ? meetingDate.addDays(20 + (i % 30)).toDisplay() : '',
    };
    rows.push(REGISTER_FIELDS.map((f) => cells[f.name] ?? ''));
  }
  return rows;
}

/** Sheet rows compared with the CLI: the first and last rows and every 499th between. */
const SAMPLE = [2, 3, ...Array.from({ length: 100 }, (_, k) => 4 + k * 499), ROWS, ROWS + 1];

test('the host refuses a response over 5 MB as Excel on the web does', async () => {
  const host = new ExcelHost.Host({ api: '1.13' });
  host.load('مصوبات', registerGrid(20_000));
  installHost(host);
  interface Context { workbook: { worksheets: { getItem(name: string): { getRange(a: string): { load(p: string): unknown } } } }; sync(): Promise<void> }
  const excel = (globalThis as unknown as { Excel: { run(work: (context: Context) => Promise<string | undefined>): Promise<string | undefined> } }).Excel;
  const all = await excel.run(async (context) => {
    context.workbook.worksheets.getItem('مصوبات').getRange('A1:R20001').load('values');
    try {
      await context.sync();
      return 'read';
    } catch (error) {
      return (error as { code?: string }).code;
    }
  });
  expect(all).toBe('ResponsePayloadSizeLimitExceeded');
  expect(Math.max(...host.stats.responses)).toBeGreaterThan(FIVE_MB);
});

test(`colouring ${ROWS.toLocaleString('en')} rows: every request and response under 5 MB, syncs by size, the CLI's states and colours`, async () => {
  const dir = tempDir('mosavabat-large-');
  const path = join(dir, 'large.xlsx');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('مصوبات');
  for (const line of registerGrid(ROWS)) sheet.addRow(line.map((v) => (v === '' ? null : v)));
  await workbook.xlsx.writeFile(path);

  const host = await hostFromXlsx(path, { today: serialOf(TODAY.toUtcDate()) });
  installHost(host);
  const outcome = await colorRegister({ today: TODAY });
  expect(outcome.ok).toBe(true);
  expect(Math.max(...host.stats.requests)).toBeLessThan(FIVE_MB);
  expect(Math.max(...host.stats.responses)).toBeLessThan(FIVE_MB);
  // one sync finds the register, then the blocks of rows, then the writes: what colour reads of
  // the register's cells (some 20 MB as JSON) needs five to ten syncs of at most 5 MB each, and
  // at least one more writes; never anything near one sync per row or per thousand
  const cells = host.stats.responses.reduce((a, b) => a + b, 0);
  expect(cells).toBeGreaterThan(4 * FIVE_MB);
  expect(host.stats.syncs).toBeGreaterThanOrEqual(1 + Math.ceil(cells / FIVE_MB));
  expect(host.stats.syncs).toBeLessThanOrEqual(2 + 10);

  const out = join(dir, 'cli.xlsx');
  await colorRegisterFile(path, { output: out, today: TODAY });
  const coloured = new ExcelJS.Workbook();
  await coloured.xlsx.readFile(out);
  const cliSheet = coloured.getWorksheet('مصوبات')!;
  const column = (name: string) => REGISTER_FIELDS.findIndex((f) => f.fa === name) + 1;
  const [stateCol, textCol] = [column('وضعیت مهلت'), column('متن مصوبه')];
  const words = new Set<string>();
  for (const r of SAMPLE) {
    words.add(String(cliSheet.getCell(r, stateCol).value ?? ''));
    const cliWords = String(cliSheet.getCell(r, stateCol).value ?? '');
    const cliFill = (cliSheet.getCell(r, textCol).fill as { fgColor?: { argb?: string } } | undefined)?.fgColor?.argb ?? '';
    expect([r, host.workbook.sheet('مصوبات')!.get(r, stateCol, 'v'), host.displayedFill('مصوبات', r, textCol)])
      .toEqual([r, cliWords, `#${cliFill.slice(2)}`]);
  }
  // the sample is not one kind of row: it holds at least four different states
  expect(words.size).toBeGreaterThanOrEqual(4);
});
