/**
 * How the add-in reads the register, in the stand-in Excel host: a block Excel refuses for its
 * size is read again in halves with nothing lost; an Excel that refuses calls on a sheet that is
 * not there costs one sync more and changes nothing; and the second look the content sometimes
 * needs (numbers in a date column whose first rows hold text; text in an otherwise blank row of a
 * column read for blankness only) gives the CLI's answer. Expected words from test/expectedWords.ts.
 */
import { REGISTER_FIELDS, type FieldName } from '../core/register/fields';
import { JalaliDate } from '../core/jalali';
import { toPersianDigits } from '../core/text';
import { colorRegister, validateRegister } from '../addin/excel/commands';
import { ExcelHost, installHost, serialOf, type Host } from './excelHost';
import { STATE_WORDS } from './expectedWords';

const TODAY = JalaliDate.parse('1404/03/01');
const COL = Object.fromEntries(REGISTER_FIELDS.map((f, i) => [f.name, i + 1])) as Record<FieldName, number>;
const fa = (n: number) => toPersianDigits(String(n));

/**
 * A register of n rows: meeting 1404/01/15, «یک ماه», due 1404/02/15 (overdue on TODAY), no
 * status; the rows after the first hundred carry a resolution `long` letters long.
 */
function register(n: number, long = 0, edit: (cells: Partial<Record<FieldName, unknown>>, i: number) => void = () => undefined): unknown[][] {
  const grid: unknown[][] = [REGISTER_FIELDS.map((f) => f.fa)];
  for (let i = 0; i < n; i++) {
    const cells: Partial<Record<FieldName, unknown>> = {
      id: `14040115-1-${i}`, meeting: 'جلسه ۱', meetingDate: '1404/01/15', row: (i % 25) + 1,
      text: i < 100 || !long ? `متن مصوبه ${i}` : `مصوبه ${i} ${'ب'.repeat(long)}`, agency: 'فرمانداری کرج',
      deadlineText: 'یک ماه', due: '1404/02/15', report: 'گزارش کوتاه از دستگاه',
    };
    edit(cells, i);
    grid.push(REGISTER_FIELDS.map((f) => cells[f.name] ?? ''));
  }
  return grid;
}

function hostOf(grid: unknown[][], options: { sheet?: string; nullChains?: 'throw'; formats?: Array<Array<string | undefined>> } = {}): Host {
  const host = new ExcelHost.Host({ api: '1.13', today: serialOf(TODAY.toUtcDate()), nullChains: options.nullChains });
  host.load(options.sheet ?? 'مصوبات', grid, options.formats);
  installHost(host);
  return host;
}

describe('a block Excel refuses for its size is read again in halves', () => {
  // the first hundred rows are short, the next 2,900 some 2,300 bytes each: the sample puts all
  // 3,000 rows in one block of an estimated 1.5 MB, which comes back at about 6.7 MB and is
  // refused by the host as Excel on the web refuses a response over 5 MB
  const FIVE_MB = 5 * 1024 * 1024;
  const grid = register(3_000, 1_100);
  const unlimited = () => {
    const host = hostOf(grid);
    host.limits.responseBytes = 100 * FIVE_MB;
    return host;
  };

  it('validate: the refused block, then its two halves; the same findings as with no limit', async () => {
    const free = unlimited();
    const expected = await validateRegister({ today: TODAY });
    expect(free.stats.syncs).toBe(2);
    expect(free.stats.responses[1]).toBeGreaterThan(FIVE_MB);

    const host = hostOf(grid);
    const outcome = await validateRegister({ today: TODAY });
    expect(outcome.ok).toBe(true);
    expect(outcome.message).toContain(`${fa(3_000)} ردیف`);
    expect(outcome.items).toEqual(expected.items);
    // find, the refused block, its halves
    expect(host.stats.syncs).toBe(4);
    expect(host.stats.responses[1]).toBeGreaterThan(FIVE_MB);
    expect(host.stats.responses.filter((bytes) => bytes > FIVE_MB)).toHaveLength(1);
  });

  it('colour: what rides along with the first block (settings, side sheets) is asked again with its first half; the workbook comes out the same', async () => {
    const free = unlimited();
    await colorRegister({ today: TODAY });
    const host = hostOf(grid);
    const outcome = await colorRegister({ today: TODAY });
    expect(outcome.ok).toBe(true);
    expect(host.stats.syncs).toBe(free.stats.syncs + 2);
    expect(host.exportSheets()).toEqual(free.exportSheets());
    // every row overdue, the last (read in the second half) too
    expect(host.workbook.sheet('مصوبات')!.get(3_001, COL.state, 'v')).toBe(STATE_WORDS.overdue);
    expect(Math.max(...host.stats.requests)).toBeLessThan(FIVE_MB);
  });
});

describe('an Excel that refuses calls on a sheet that is not there', () => {
  it('finds a register on the active sheet in one more sync and colours it the same', async () => {
    const grid = register(20);
    const plain = hostOf(grid, { sheet: 'Sheet1' });
    await colorRegister({ today: TODAY });
    const strict = hostOf(grid, { sheet: 'Sheet1', nullChains: 'throw' });
    const outcome = await colorRegister({ today: TODAY });
    expect(outcome.ok).toBe(true);
    expect(plain.stats.syncs).toBe(3);
    expect(strict.stats.syncs).toBe(4);
    expect(strict.exportSheets()).toEqual(plain.exportSheets());
    expect(strict.workbook.sheet('Sheet1')!.get(2, COL.state, 'v')).toBe(STATE_WORDS.overdue);
  });

  it('asks nothing of a missing sheet when the workbook has مصوبات: three syncs', async () => {
    const host = hostOf(register(20), { nullChains: 'throw' });
    expect((await colorRegister({ today: TODAY })).ok).toBe(true);
    expect(host.stats.syncs).toBe(3);
  });
});

describe('a second look only where the content needs it', () => {
  it('dates typed as dates below a first hundred rows of text dates: their formats are read, so they are dates', async () => {
    // rows 2..101 hold due dates as text; row 152 holds 1404/04/15 as an Excel date (
    // after TODAY, 45 days, with the due-soon window of 7: on track), row 153 the same serial as a plain
    // number (not a date: the CLI reads it as an unreadable due date, so the row has an error)
    const serial = serialOf(JalaliDate.parse('1404/04/15').toUtcDate());
    const grid = register(200, 0, (cells, i) => {
      if (i === 150 || i === 151) cells.due = serial;
    });
    const formats: Array<Array<string | undefined>> = [];
    formats[151] = [];
    formats[151][COL.due - 1] = 'yyyy/mm/dd';
    const host = hostOf(grid, { formats });
    const outcome = await colorRegister({ today: TODAY });
    expect(outcome.ok).toBe(true);
    const sheet = host.workbook.sheet('مصوبات')!;
    expect(sheet.get(152, COL.state, 'v')).toBe(STATE_WORDS.on_track);
    expect(sheet.get(153, COL.state, 'v')).toBe(STATE_WORDS.invalid);
    expect(sheet.get(151, COL.state, 'v')).toBe(STATE_WORDS.overdue);
    // find, read, the two numbers' formats, write
    expect(host.stats.syncs).toBe(4);
  });

  it('a report of spaces alone in an otherwise blank row: blank, as the CLI reads it; a report of words there: a row with errors', async () => {
    // the report column is read for blankness only (its sample cells are longer than a type);
    // row 151 holds only a report of spaces, row 161 only a report of words
    const grid = register(200, 0, (cells, i) => {
      if (i === 149 || i === 159) for (const key of Object.keys(cells) as FieldName[]) delete cells[key];
      if (i === 149) cells.report = '   ';
      if (i === 159) cells.report = 'پیگیری شد';
    });
    const host = hostOf(grid);
    const outcome = await colorRegister({ today: TODAY });
    // 200 rows less the blank one; the report-only row lacks its text and agency: one row with errors
    expect(outcome.message).toContain(`${fa(199)} ردیف رنگ شد`);
    expect(outcome.message).toContain(`${STATE_WORDS.invalid}: ${fa(1)}`);
    const sheet = host.workbook.sheet('مصوبات')!;
    expect(sheet.get(151, COL.state, 'v')).toBeUndefined();
    expect(sheet.get(161, COL.state, 'v')).toBe(STATE_WORDS.invalid);
    // find, read, the two rows' report cells, write
    expect(host.stats.syncs).toBe(4);
  });

  it('no second look when every row has other content: three syncs', async () => {
    const host = hostOf(register(200, 0, (cells, i) => { if (i === 150) cells.report = '   '; }));
    expect((await colorRegister({ today: TODAY })).ok).toBe(true);
    expect(host.stats.syncs).toBe(3);
  });
});
