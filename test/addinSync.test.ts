/**
 * The add-in's Sync command against the stand-in Excel host (which counts context.sync calls
 * and request bytes) with a service answering in-process: the same number of syncs at 10,
 * 1,000 and 10,000 rows, every request under Excel on the web's 5 MB, the merged values and
 * revisions in their cells, the rows the sheet lacked appended as register rows, the conflict
 * marked (fill, and a note where ExcelApi 1.18 has notes) and cleared by the next clean sync.
 */
import { REGISTER_FIELDS, type FieldName } from '../core/register/fields';
import { interpretRow } from '../core/register/rows';
import { syncRegister } from '../addin/excel/sync';
import type { ServiceRow, SyncAnswer, SyncRequest } from '../addin/sync/plan';
import type { Transport } from '../addin/sync/transport';
import { ExcelHost, installHost, serialOf, type Host } from './excelHost';
import { STATE_FILLS } from './expectedWords';
import { JalaliDate } from '../core/jalali';
import { colorRegister } from '../addin/excel/commands';

/** A sheet column by field, in the tool's order (A id … R hidden Gregorian due). */
const COL = Object.fromEntries(REGISTER_FIELDS.map((f, i) => [f.name, i + 1])) as Record<FieldName, number>;
const FIVE_MB = 5 * 1024 * 1024;

// two syncs of 10,000 rows through the stand-in host (every cell a JS object) and a service
// that reads every row take seconds on this shared machine, not milliseconds; speed is measured
// by `npm run bench`, not here
jest.setTimeout(60_000);

/** A register of n rows as the CLI writes it, the percent column formatted as percent. */
function hostWith(n: number, api: string): Host {
  const host = new ExcelHost.Host({ api });
  const grid: unknown[][] = [REGISTER_FIELDS.map((f) => f.fa)];
  const formats: Array<Array<string | undefined>> = [[]];
  for (let i = 0; i < n; i++) {
    const cells: Partial<Record<FieldName, unknown>> = {
      id: `14030115-1-${i}`, meeting: 'جلسه ۱', meetingDate: '۱۴۰۳/۰۱/۱۵', row: (i % 25) + 1, text: `متن مصوبه ${i}`, agency: 'فرمانداری کرج',
      deadlineText: 'یک ماه', due: '۱۴۰۳/۰۲/۱۵', state: 'در مهلت', updatedAt: '۱۴۰۳/۰۱/۱۵ ۰۹:۰۰', revision: 1,
    };
    grid.push(REGISTER_FIELDS.map((f) => cells[f.name] ?? ''));
    const line: Array<string | undefined> = [];
    line[COL.percent - 1] = '0%';
    formats.push(line);
  }
  host.load('مصوبات', grid, formats);
  installHost(host);
  return host;
}

/** Three rows the sheet lacks: an ongoing one (no colour rule), two with a due date. */
const MISSING: ServiceRow[] = [0, 1, 2].map((k) => ({
  id: `14030201-2-${k}`, meeting: 'جلسه ۲', meetingDate: '1403/02/01', row: k + 1, text: `مصوبهٔ تازه ${k}`, agency: 'آموزش و پرورش استان',
  deadlineText: k === 0 ? 'مستمر' : 'یک ماه', due: k === 0 ? null : '1403/03/01', status: k === 2 ? 'in_progress' : null, percent: k === 2 ? 30 : null,
  report: '', doneDate: null, requestedDue: null, requestReason: '', revision: 1, updatedAt: '1404/03/01 10:00', state: k === 0 ? 'ongoing' : 'on_track',
}));

const FIRST = '14030115-1-0';
const SECOND = '14030115-1-1';

/**
 * A service that takes every row as sent with the next revision, changes the first row's
 * report on its side, and (when `conflict`) reports the second row's percent as a conflict.
 */
function service(conflict: boolean, seen: SyncRequest[] = []): Transport {
  return async (request) => {
    const part = JSON.parse(request.body ?? '{}') as SyncRequest;
    seen.push(part);
    const rows = part.rows.map((row): ServiceRow => {
      const { assignment } = interpretRow({ sheetRow: row.sheetRow, values: { ...row.values, id: row.id } });
      return { ...assignment, revision: (row.revision ?? 0) + 1, updatedAt: '1404/03/01 10:00', state: 'on_track', report: row.id === FIRST ? 'از سامانه' : assignment.report };
    });
    const answer: SyncAnswer = {
      rows, missing: part.withMissing === false ? [] : MISSING, rejected: [],
      conflicts: conflict && part.rows.some((r) => r.id === SECOND) ? [{ id: SECOND, field: 'percent', ours: null, theirs: '20', fa: 'درصد پیشرفت در هر دو جا تغییر کرده است' }] : [],
    };
    return { kind: 'answer', status: 200, body: answer };
  };
}

describe.each([10, 1_000, 10_000])('a register of %i rows', (n) => {
  test('three context.sync calls (find, read, write), every request under 5 MB; values, appended rows, the conflict marked then cleared', async () => {
    const host = hostWith(n, '1.18');
    const sheet = host.workbook.sheet('مصوبات')!;
    const parts: SyncRequest[] = [];
    const outcome = await syncRegister('https://s', 't', { transport: service(true, parts) });
    expect(outcome).toMatchObject({ ok: true, added: 3, changed: 2 * n + 1 });
    // 10,000 rows are over 2 MB of JSON: two requests to the service
    expect(parts.length).toBe(n === 10_000 ? 2 : 1);
    expect(host.stats.syncs).toBe(3);
    expect(Math.max(...host.stats.requests)).toBeLessThan(FIVE_MB);

    // every row's new revision and update time; the service's report in the first row
    expect([sheet.get(2, COL.revision, 'v'), sheet.get(n + 1, COL.revision, 'v')]).toEqual([2, 2]);
    expect(sheet.get(n + 1, COL.updatedAt, 'v')).toBe('۱۴۰۴/۰۳/۰۱ ۱۰:۰۰');
    expect([sheet.get(2, COL.report, 'v'), sheet.get(3, COL.report, 'v')]).toEqual(['از سامانه', undefined]);
    // the three rows the sheet lacked, below the last row, as register rows
    const last = n + 1;
    expect([1, 2, 3].map((k) => sheet.get(last + k, COL.id, 'v'))).toEqual(['14030201-2-0', '14030201-2-1', '14030201-2-2']);
    expect([sheet.get(last + 1, COL.state, 'v'), sheet.get(last + 2, COL.due, 'v'), sheet.get(last + 3, COL.status, 'v')]).toEqual(['مستمر', '۱۴۰۳/۰۳/۰۱', 'در حال انجام']);
    // 30 in a percent-formatted column is 0.3; 1403/03/01 is 2024-05-21, Excel's day 45433
    expect([sheet.get(last + 3, COL.percent, 'v'), sheet.get(last + 3, COL.percent, 'f')]).toEqual([0.3, '0%']);
    expect([sheet.get(last + 2, COL.dueGregorian, 'v'), sheet.get(last + 2, COL.dueGregorian, 'f')]).toEqual([45433, 'yyyy-mm-dd']);
    // the ongoing row has no colour rule: its own purple fill
    expect(sheet.get(last + 1, COL.id, 'fill')).toBe('#C5A5E8');
    expect(sheet.get(last + 2, COL.id, 'fill')).toBeUndefined();
    // the conflict: filled, a note, listed
    expect(sheet.get(3, COL.percent, 'fill')).toBe('#F4B183');
    expect(sheet.notes).toEqual([{ r: 3, c: COL.percent, content: 'تعارض همگام‌سازی با سامانه: درصد پیشرفت در هر دو جا تغییر کرده است' }]);
    expect(outcome.conflicts).toEqual([{ sheet: 'مصوبات', address: `J3`, fa: 'درصد پیشرفت در هر دو جا تغییر کرده است' }]);
    expect(outcome.message).toBe(`${n.toLocaleString('fa-IR', { useGrouping: false })} ردیف فرستاده شد؛ ${(2 * n + 1).toLocaleString('fa-IR', { useGrouping: false })} خانه به‌روز شد؛ ۳ ردیف تازه از سامانه به پایین دفتر افزوده شد؛ ۱ تعارض (خانه‌های نارنجی با یادداشت)`);

    // the next sync has no conflict: the mark goes, the row's own colour (a rule's) shows again
    host.resetStats();
    const clean = await syncRegister('https://s', 't', { transport: service(false) });
    expect(clean.ok).toBe(true);
    expect(host.stats.syncs).toBe(3);
    expect(sheet.get(3, COL.percent, 'fill')).toBeUndefined();
    expect(sheet.notes).toEqual([]);
    expect(clean.message).toContain('۱ تعارض پیشین برطرف شد');
    expect(JSON.parse(host.settings['mosavabat.syncConflicts'])).toEqual([]);
  });
});

test('Excel 2016 (ExcelApi 1.1): no notes, no grouped ranges; still three syncs, the conflict filled', async () => {
  const host = hostWith(1_000, '1.1');
  const sheet = host.workbook.sheet('مصوبات')!;
  const outcome = await syncRegister('https://s', 't', { transport: service(true) });
  expect(outcome.ok).toBe(true);
  expect(host.stats.syncs).toBe(3);
  expect(sheet.get(3, COL.percent, 'fill')).toBe('#F4B183');
  expect(sheet.notes).toEqual([]);
  expect(outcome.message).toContain('۱ تعارض (خانه‌های نارنجی)');
  // without conditional formats every appended row gets its state's fill: on track is blue
  expect(sheet.get(1_002, COL.id, 'fill')).toBe('#C5A5E8');
  expect(sheet.get(1_003, COL.id, 'fill')).toBe('#9DC3E6');
});

test('a conflict shows over the colour rules, stays above them when the register is coloured again, and goes with the next clean sync', async () => {
  const today = JalaliDate.parse('1403/01/20');
  const host = hostWith(10, '1.18');
  host.today = serialOf(today.toUtcDate());
  const sheet = host.workbook.sheet('مصوبات')!;
  // due 1403/02/15, 26 days after 1403/01/20: on track, painted by a colour rule
  expect((await colorRegister({ today })).ok).toBe(true);
  const blue = `#${STATE_FILLS.on_track}`;
  const orange = '#F4B183';
  const shown = () => [host.displayedFill('مصوبات', 3, COL.percent), host.displayedFill('مصوبات', 3, COL.report), host.displayedFill('مصوبات', 2, COL.percent)];
  expect(shown()).toEqual([blue, blue, blue]);

  host.resetStats();
  expect((await syncRegister('https://s', 't', { transport: service(true) })).conflicts).toHaveLength(1);
  expect(host.stats.syncs).toBe(3);
  // only the conflicting cell: its row and column keep the row's colour
  expect(shown()).toEqual([orange, blue, blue]);
  const marks = () => sheet.cfs.filter((cf) => cf.formula === '=N("mosavabat-conflict")=0');
  expect(marks().map((cf) => [cf.areas, cf.fill, cf.stopIfTrue])).toEqual([[[{ r1: 3, c1: COL.percent, r2: 3, c2: COL.percent }], orange, true]]);
  expect(sheet.cfs[0]).toBe(marks()[0]);

  // colouring puts its rules at the top; the mark goes back above them
  expect((await colorRegister({ today })).ok).toBe(true);
  expect(shown()).toEqual([orange, blue, blue]);
  expect(marks()).toHaveLength(1);

  // a second sync with the conflict still there: one mark, not two
  await syncRegister('https://s', 't', { transport: service(true) });
  expect(marks()).toHaveLength(1);
  expect(shown()).toEqual([orange, blue, blue]);

  await syncRegister('https://s', 't', { transport: service(false) });
  expect(marks()).toEqual([]);
  expect(shown()).toEqual([blue, blue, blue]);
});

test('a person\'s own note on a conflicting cell is kept; the cell is still filled', async () => {
  const host = hostWith(10, '1.18');
  const sheet = host.workbook.sheet('مصوبات')!;
  sheet.notes.push({ r: 3, c: COL.percent, content: 'یادداشت کاربر' });
  const outcome = await syncRegister('https://s', 't', { transport: service(true) });
  expect(outcome.ok).toBe(true);
  expect(sheet.notes).toEqual([{ r: 3, c: COL.percent, content: 'یادداشت کاربر' }]);
  expect(sheet.get(3, COL.percent, 'fill')).toBe('#F4B183');
});

test('a failure in the second part: the first part\'s rows are written back, the message says what stopped', async () => {
  const host = hostWith(10, '1.18');
  const sheet = host.workbook.sheet('مصوبات')!;
  const inner = service(false);
  let calls = 0;
  const flaky: Transport = async (request) => (++calls === 2 ? { kind: 'timeout' } : inner(request));
  const outcome = await syncRegister('https://s', 't', { transport: flaky, partBytes: 1 });
  expect(outcome.ok).toBe(false);
  expect(outcome.message).toMatch(/^همگام‌سازی نیمه‌کاره ماند: سامانه در ۶۰ ثانیه پاسخ نداد؛ کمی بعد دوباره همگام‌سازی کنید \(۱ بخش از ۱۰ بخش رسید؛ ۱ ردیف فرستاده شد؛ ۳ خانه به‌روز شد\)$/);
  expect([sheet.get(2, COL.revision, 'v'), sheet.get(3, COL.revision, 'v')]).toEqual([2, 1]);
  expect(outcome.added).toBe(0);
  expect(host.stats.syncs).toBe(3);
});

test('nothing is written when the service cannot be reached', async () => {
  const host = hostWith(10, '1.18');
  const outcome = await syncRegister('https://s', 't', { transport: async () => ({ kind: 'network' }) });
  expect(outcome).toMatchObject({ ok: false, message: 'سامانه در دسترس نیست؛ نشانی سامانه و شبکه را بررسی کنید' });
  // the two reads, no write
  expect(host.stats.syncs).toBe(2);
  expect(host.workbook.sheet('مصوبات')!.get(2, COL.revision, 'v')).toBe(1);
});

test('a register without the hidden revision column gets it (hidden, headed نسخه) with every row\'s revision', async () => {
  const host = new ExcelHost.Host({ api: '1.13' });
  // A id, B text, C agency, D report: a register typed by hand
  host.load('مصوبات', [['شناسه', 'متن مصوبه', 'اقدام کننده', 'گزارش اقدام'], [FIRST, 'متن یک', 'فرمانداری کرج', ''], [SECOND, 'متن دو', 'فرمانداری کرج', '']]);
  installHost(host);
  const outcome = await syncRegister('https://s', 't', { transport: service(false) });
  expect(outcome.ok).toBe(true);
  const sheet = host.workbook.sheet('مصوبات')!;
  const headers = Array.from({ length: 20 }, (_, c) => sheet.get(1, c + 1, 'v'));
  const revision = headers.indexOf('نسخه') + 1;
  expect(revision).toBeGreaterThan(4);
  expect(sheet.hiddenColumns[revision]).toBe(true);
  // the sheet sent no revision; this stand-in service answers revision 1
  expect([sheet.get(2, revision, 'v'), sheet.get(3, revision, 'v')]).toEqual([1, 1]);
  expect(sheet.get(2, 4, 'v')).toBe('از سامانه');
  expect(host.stats.syncs).toBe(3);
});
