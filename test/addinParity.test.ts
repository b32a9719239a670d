/**
 * The add-in's commands against the stand-in Excel host give the same states, colours,
 * findings and summary numbers as the CLI's use cases on the same workbook and day, in at most
 * four context.sync calls each.
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { JalaliDate } from '../core/jalali';
import { PALETTE } from '../core/register/palette';
import { STATE_LABELS, DEADLINE_STATES } from '../core/register/state';
import type { DeadlineState } from '../core/register/types';
import { colorRegisterFile } from '../usecases/colorRegisterFile';
import { validateRegisterFile } from '../usecases/validateRegisterFile';
import { summarize } from '../core/register/summary';
import { colorRegister, validateRegister, writeSummary, selectCell, addMinutes } from '../addin/excel/commands';
import { cli, FIXTURES, SEED_MINUTES, tempDir } from './helpers';
import { editWithExcelJS } from './registerHelpers';
import { hostFromXlsx, installHost, serialOf, type Host } from './excelHost';
import { readFileSync } from 'node:fs';

const TODAY = JalaliDate.parse('1401/05/20');
const TODAY_SERIAL = serialOf(TODAY.toUtcDate());
const STATE_BY_WORDS = new Map(DEADLINE_STATES.map((s) => [STATE_LABELS[s], s] as [string, DeadlineState]));

let dir: string;
let seedRegister: string;
let editedRegister: string;

beforeAll(async () => {
  dir = tempDir('mosavabat-addin-');
  seedRegister = join(dir, 'seed.xlsx');
  expect((await cli('import', SEED_MINUTES, '-o', seedRegister, '--today', '1401/04/20')).status).toBe(0);
  editedRegister = join(dir, 'edited.xlsx');
  expect((await cli('import', SEED_MINUTES, '-o', editedRegister, '--today', '1401/04/20')).status).toBe(0);
  await editWithExcelJS(editedRegister, (workbook) => {
    const sheet = workbook.getWorksheet('مصوبات')!;
    const col = (name: string) => {
      let found = 0;
      sheet.getRow(1).eachCell((cell, c) => { if (cell.value === name) found = c; });
      return found;
    };
    sheet.getCell(2, col('وضعیت')).value = 'انجام شده';
    sheet.getCell(2, col('تاریخ انجام')).value = '1401/04/12';
    sheet.getCell(3, col('وضعیت')).value = 'انجام شده';
    sheet.getCell(3, col('تاریخ انجام')).value = '۱۴۰۱/۰۵/۱۵';
    sheet.getCell(4, col('درصد پیشرفت')).value = 150;
    sheet.getCell(5, col('وضعیت')).value = 'منتفی';
    sheet.getCell(6, col('مهلت')).value = null;
    sheet.getCell(6, col('زمان اقدام')).value = 'تا جلسه آینده';
    sheet.getCell(7, col('شناسه')).value = sheet.getCell(8, col('شناسه')).value;
    sheet.getCell(9, col('وضعیت')).value = 'در حال انجام';
    sheet.getCell(9, col('مهلت')).value = '1401/05/25';
    // an agency the register's دستگاه‌ها sheet does not know: a warning from both
    sheet.getCell(10, col('اقدام کننده')).value = 'اداره کل ناشناخته';
  });
});

/** Per data row: [state, fill] as the CLI's coloured copy holds them. */
async function cliColours(path: string): Promise<Map<number, [DeadlineState, string]>> {
  const out = join(dir, `cli-${Math.random().toString(36).slice(2)}.xlsx`);
  await colorRegisterFile(path, { output: out, today: TODAY });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(out);
  const sheet = workbook.getWorksheet('مصوبات')!;
  let stateCol = 0;
  let textCol = 0;
  sheet.getRow(1).eachCell((cell, c) => {
    if (cell.value === 'وضعیت مهلت') stateCol = c;
    if (cell.value === 'متن مصوبه') textCol = c;
  });
  const result = new Map<number, [DeadlineState, string]>();
  sheet.eachRow((row, r) => {
    if (r === 1) return;
    const words = String(row.getCell(stateCol).value ?? '');
    const fill = (row.getCell(textCol).fill as { fgColor?: { argb?: string } } | undefined)?.fgColor?.argb ?? '';
    if (words) result.set(r, [STATE_BY_WORDS.get(words)!, `#${fill.slice(2)}`]);
  });
  return result;
}

/** Per data row: [state words → state, displayed fill] as the host shows them after the add-in's colouring. */
function hostColours(host: Host): Map<number, [DeadlineState, string]> {
  const sheet = host.workbook.sheet('مصوبات')!;
  let stateCol = 0;
  let textCol = 0;
  for (let c = 1; c < 40; c++) {
    if (sheet.get(1, c, 'v') === 'وضعیت مهلت') stateCol = c;
    if (sheet.get(1, c, 'v') === 'متن مصوبه') textCol = c;
  }
  const result = new Map<number, [DeadlineState, string]>();
  for (let r = 2; r < 1000; r++) {
    const words = sheet.get(r, stateCol, 'v');
    if (typeof words !== 'string' || !words) continue;
    expect(host.displayedText('مصوبات', r, stateCol)).toBe(words);
    result.set(r, [STATE_BY_WORDS.get(words)!, host.displayedFill('مصوبات', r, textCol) ?? '']);
  }
  return result;
}

async function parity(path: string): Promise<Map<number, [DeadlineState, string]>> {
  const expected = await cliColours(path);
  const host = await hostFromXlsx(path, { today: TODAY_SERIAL });
  installHost(host);
  const outcome = await colorRegister({ today: TODAY });
  expect(outcome.ok).toBe(true);
  expect(host.stats.syncs).toBeLessThanOrEqual(4);
  const got = hostColours(host);
  expect([...got]).toEqual([...expected]);
  return got;
}

describe('the add-in colours a register as the CLI does on the same day', () => {
  it('the seed register: every row overdue or ongoing on 1401/05/20, in the palette colours', async () => {
    const got = await parity(seedRegister);
    expect(got.size).toBe(9);
    for (const [state, fill] of got.values()) expect(fill).toBe(`#${PALETTE[state].fill}`);
  });

  it('a register with hand edits and errors (done, done late, void, bad percent, duplicate id, no due date)', async () => {
    const got = await parity(editedRegister);
    const states = new Set([...got.values()].map(([s]) => s));
    for (const s of ['done', 'done_late', 'void', 'invalid', 'needs_date', 'due_soon'] as DeadlineState[]) expect(states).toContain(s);
  });

  it('the LibreOffice-saved register from the fixtures', async () => {
    const got = await parity(join(FIXTURES, 'register-libreoffice.xlsx'));
    expect(got.size).toBeGreaterThan(0);
  });

  it('keeps the user\'s own conditional formats and replaces only its own on a second run', async () => {
    const host = await hostFromXlsx(seedRegister, { today: TODAY_SERIAL });
    installHost(host);
    const sheet = host.workbook.sheet('مصوبات')!;
    sheet.cfs.push({ type: 'Custom', formula: '=$A2="x"', fill: '#123456', numberFormat: null, areas: [{ r1: 2, c1: 1, r2: 10, c2: 1 }] } as never);
    await colorRegister({ today: TODAY });
    const afterFirst = sheet.cfs.length;
    await colorRegister({ today: TODAY });
    expect(sheet.cfs.length).toBe(afterFirst);
    expect(sheet.cfs.filter((cf) => cf.formula === '=$A2="x"')).toHaveLength(1);
    // 7 rules on each of the two runs of visible columns (A:N, P) and on the state words column, plus the user's
    expect(afterFirst).toBe(22);
  });
});

describe('validate, summary and add minutes in the host', () => {
  it('lists the same findings as `mosavabat validate`, errors first, and selects a finding\'s cell', async () => {
    const expected = await validateRegisterFile(editedRegister, { today: TODAY });
    const host = await hostFromXlsx(editedRegister, { today: TODAY_SERIAL });
    installHost(host);
    const outcome = await validateRegister({ today: TODAY });
    expect(host.stats.syncs).toBe(3);
    expect(outcome.errors).toBe(expected.errors);
    expect(outcome.warnings).toBe(expected.warnings);
    const sorted = [...expected.analysis.issues].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
    expect(outcome.items.map((i) => [i.code, i.cell])).toEqual(sorted.map((i) => [i.code, i.cell]));
    expect(outcome.items.find((i) => i.code === 'percent_out_of_range')?.cell).toBe('J4');
    expect(outcome.items.find((i) => i.code === 'agency_unknown')?.cell).toBe('F10');
    await selectCell('مصوبات', 'J4');
    expect(host.workbook.selection).toEqual({ sheet: 'مصوبات', address: 'J4' });
  });

  it('writes خلاصه with the numbers of core\'s summary and a chart of states per agency', async () => {
    const expected = await validateRegisterFile(editedRegister, { today: TODAY });
    const summary = summarize(expected.analysis.rows, TODAY);
    const host = await hostFromXlsx(editedRegister, { today: TODAY_SERIAL });
    installHost(host);
    const outcome = await writeSummary({ today: TODAY });
    expect(outcome.ok).toBe(true);
    expect(host.stats.syncs).toBeLessThanOrEqual(4);
    const sheet = host.workbook.sheet('خلاصه')!;
    // row 4: همه مصوبات, total, nine states, percent
    expect(sheet.get(4, 1, 'v')).toBe('همه مصوبات');
    expect(sheet.get(4, 2, 'v')).toBe(9);
    expect(sheet.get(4, 2, 'v')).toBe(summary.total.total);
    // every agency's line: name, total, the nine state counts, percent done
    const lines = new Map<string, unknown[]>();
    for (let r = 1; r < 200; r++) {
      const name = sheet.get(r, 1, 'v');
      if (typeof name === 'string' && !lines.has(name)) lines.set(name, Array.from({ length: 11 }, (_, i) => sheet.get(r, i + 2, 'v') ?? ''));
    }
    for (const agency of summary.agencies) {
      expect([agency.agency, ...lines.get(agency.agency)!]).toEqual([agency.agency, agency.total, ...DEADLINE_STATES.map((st) => agency.counts[st]), agency.percentDone ?? '']);
    }
    expect(summary.agencies.length).toBeGreaterThan(3);
    expect(sheet.charts).toHaveLength(1);
    expect(sheet.pageLayout.paperSize).toBe('A4');
  });

  it('adds the seed minutes to an empty register once, with the CLI\'s ids', async () => {
    const host = await hostFromXlsx(seedRegister, { today: TODAY_SERIAL });
    installHost(host);
    const text = readFileSync(SEED_MINUTES, 'utf8');
    const again = await addMinutes(text);
    expect(again).toMatchObject({ ok: true, added: 0 });
    const sheet = host.workbook.sheet('مصوبات')!;
    for (let r = 2; r <= 10; r++) sheet.set(r, 1, 'v', undefined);
    for (let r = 2; r <= 10; r++) for (let c = 2; c <= 18; c++) sheet.set(r, c, 'v', undefined);
    const fresh = await addMinutes(text);
    expect(fresh).toMatchObject({ ok: true, added: 9 });
    expect(host.stats.syncs).toBeLessThanOrEqual(3 + 4 + 4);
  });
});
