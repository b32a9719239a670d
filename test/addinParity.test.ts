/**
 * The add-in's commands against the stand-in Excel host write what the CLI writes for the same
 * workbook on the same day, compared cell by cell with the CLI's file read back by exceljs:
 * states and displayed colours, the colour rules, the status dropdown and percent limits, the
 * autofilter, the frozen header, and the `خلاصه`, `مهلت گذشته` and `راهنما` sheets (values,
 * number formats, fills, fonts, alignment, borders, widths, heights, merges, filters) — in at
 * most four context.sync calls each. Expected words and colours come from test/expectedWords.ts.
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { JalaliDate } from '../core/jalali';
import type { DeadlineState } from '../core/register/types';
import { colorRegisterFile } from '../usecases/colorRegisterFile';
import { validateRegisterFile } from '../usecases/validateRegisterFile';
import { summarize } from '../core/register/summary';
import { colorRegister, validateRegister, writeSummary, selectCell, addMinutes } from '../addin/excel/commands';
import { columnWidthPoints } from '../addin/plan/cells';
import { cli, FIXTURES, SEED_MINUTES, tempDir } from './helpers';
import { editWithExcelJS } from './registerHelpers';
import { ExcelHost, hostFromXlsx, installHost, serialOf, type Area, type Host, type HostSheet } from './excelHost';
import { STATE_FILLS, STATE_WORDS } from './expectedWords';
import { readFileSync } from 'node:fs';
// the CLI runs as a child process and each test colours whole registers twice: slow under load, not wrong
jest.setTimeout(60_000);

const TODAY = JalaliDate.parse('1401/05/20');
const TODAY_SERIAL = serialOf(TODAY.toUtcDate());
const STATE_BY_WORDS = new Map(Object.entries(STATE_WORDS).map(([s, w]) => [w, s as DeadlineState]));
const SIDE = ['خلاصه', 'مهلت گذشته', 'راهنما'];
/** The summary's state columns and the chart's series, in the order the product brief lists the states. */
const STATE_ORDER: DeadlineState[] = ['overdue', 'due_soon', 'on_track', 'done', 'done_late', 'ongoing', 'needs_date', 'void', 'invalid'];

let dir: string;
let seedRegister: string;
let editedRegister: string;
let bareRegister: string;
const LIBRE = join(FIXTURES, 'register-libreoffice.xlsx');

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
    // a person's own dropdown on the report column: colour must keep it
    sheet.getCell(3, col('گزارش اقدام')).dataValidation = { type: 'list', allowBlank: true, formulae: ['"الف,ب"'] };
  });
  // the seed register without the side sheets: both tools add them, in the same places
  bareRegister = join(dir, 'bare.xlsx');
  expect((await cli('import', SEED_MINUTES, '-o', bareRegister, '--today', '1401/04/20')).status).toBe(0);
  await editWithExcelJS(bareRegister, (workbook) => {
    for (const name of SIDE) workbook.removeWorksheet(workbook.getWorksheet(name)!.id);
  });
}, 120_000);

/** What the CLI's `color` wrote: the file read by exceljs and loaded into a host to see its rules at work. */
async function cliColoured(path: string): Promise<{ book: ExcelJS.Workbook; host: Host }> {
  const out = join(dir, `cli-${Math.random().toString(36).slice(2)}.xlsx`);
  await colorRegisterFile(path, { output: out, today: TODAY });
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(out);
  return { book, host: await hostFromXlsx(out, { today: TODAY_SERIAL, styles: true }) };
}

/** The add-in's colour on the same file in the stand-in host (sheets, fills, rules, filters as in Excel). */
async function addinColoured(path: string, api = '1.13'): Promise<Host> {
  const host = await hostFromXlsx(path, { today: TODAY_SERIAL, styles: true, api });
  installHost(host);
  const outcome = await colorRegister({ today: TODAY });
  expect(outcome.ok).toBe(true);
  // one sync finds the register, one reads what colouring needs of it, one writes
  expect(host.stats.syncs).toBe(3);
  return host;
}

function headerColumns(sheet: HostSheet): Map<string, number> {
  const columns = new Map<string, number>();
  for (let c = 1; c < 40; c++) {
    const v = sheet.get(1, c, 'v');
    if (typeof v === 'string') columns.set(v, c);
  }
  return columns;
}

const text = (a: Area) => `${ExcelHostLetter(a.c1)}${a.r1}:${ExcelHostLetter(a.c2)}${a.r2}`;
function ExcelHostLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A CLI cell value as the host holds it (dates as serials, empty as undefined). */
function hostValue(value: ExcelJS.CellValue): unknown {
  if (value instanceof Date) return serialOf(value);
  if (value === null || value === '' || value === undefined) return undefined;
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((t) => t.text).join('');
  return value;
}

/** Per data row: [state words, displayed fill of every visible column], from a host. */
function shownRows(host: Host): Map<number, [string, Array<string | null>]> {
  const sheet = host.workbook.sheet('مصوبات')!;
  const columns = headerColumns(sheet);
  const stateCol = columns.get('وضعیت مهلت')!;
  const visible = [...columns.values()].filter((c) => !sheet.hiddenColumns[c]);
  const rows = new Map<number, [string, Array<string | null>]>();
  for (let r = 2; r < 400; r++) {
    const words = sheet.get(r, stateCol, 'v');
    if (typeof words !== 'string' || !words) continue;
    expect(host.displayedText('مصوبات', r, stateCol)).toBe(words);
    rows.set(r, [words, visible.map((c) => host.displayedFill('مصوبات', r, c))]);
  }
  return rows;
}

/** The register sheet: values, displayed colours, rules, validations, filter, frozen header, hidden helpers. */
function expectSameRegister(cli: { book: ExcelJS.Workbook; host: Host }, host: Host): Map<number, DeadlineState> {
  const ws = cli.book.getWorksheet('مصوبات')!;
  const sheet = host.workbook.sheet('مصوبات')!;
  const used = sheet.used()!;
  for (let r = 1; r <= Math.max(used.r2, ws.rowCount); r++) {
    for (let c = 1; c <= Math.max(used.c2, ws.columnCount); c++) expect([r, c, sheet.get(r, c, 'v')]).toEqual([r, c, hostValue(ws.getCell(r, c).value)]);
  }
  const shown = shownRows(host);
  expect([...shown]).toEqual([...shownRows(cli.host)]);
  const states = new Map<number, DeadlineState>();
  for (const [r, [words, fills]] of shown) {
    const state = STATE_BY_WORDS.get(words);
    expect([r, state]).toEqual([r, expect.any(String)]);
    states.set(r, state!);
    for (const fill of fills) expect([r, fill]).toEqual([r, `#${STATE_FILLS[state!]}`]);
  }
  // the tool's colour rules: for every area, the same formulas, fills and words in the same order
  // (the CLI gives one rule several areas, Office.js one area per rule: what Excel shows is the same)
  const rules = (s: HostSheet) => {
    const byArea = new Map<string, unknown[]>();
    for (const cf of s.cfs.filter((r) => r.formula?.includes('N("mosavabat")'))) {
      for (const area of cf.areas.map(text)) byArea.set(area, [...(byArea.get(area) ?? []), [cf.formula, cf.fill, cf.numberFormat]]);
    }
    return [...byArea].sort((a, b) => a[0].localeCompare(b[0]));
  };
  const cliSheet = cli.host.workbook.sheet('مصوبات')!;
  expect(rules(sheet)).toEqual(rules(cliSheet));
  expect(rules(sheet).length).toBeGreaterThan(0);
  // validations cell by cell over the table and the rows people add below it
  const describeAt = (s: HostSheet, r: number, c: number) => {
    const v = s.validationAt(r, c);
    return v ? JSON.stringify([v.rule, (v.errorAlert as { title?: string }).title, (v.errorAlert as { message?: string }).message, v.ignoreBlanks]) : null;
  };
  for (let r = 1; r <= used.r2 + 520; r++) {
    for (let c = 1; c <= used.c2; c++) expect([r, c, describeAt(sheet, r, c)]).toEqual([r, c, describeAt(cliSheet, r, c)]);
  }
  expect(sheet.autoFilter && text(sheet.autoFilter.area)).toBe(ws.autoFilter);
  expect(sheet.frozenRows).toBe(1);
  const hidden = (s: HostSheet) => Object.entries(s.hiddenColumns).filter(([, h]) => h).map(([c]) => Number(c)).sort();
  const cliHidden = ws.columns.map((col, i) => (col.hidden ? i + 1 : 0)).filter(Boolean);
  expect(hidden(sheet)).toEqual(cliHidden);
  return states;
}

/** A side sheet cell by cell: values, number formats, fills, fonts, alignment, borders; widths, heights, merges, filter, frozen rows. */
function expectSameSideSheet(ws: ExcelJS.Worksheet, sheet: HostSheet): void {
  const merges = ((ws.model as unknown as { merges?: string[] }).merges ?? []).map((m) => text(ExcelHost.parseArea(m))).sort();
  expect(sheet.merges.map(text).sort()).toEqual(merges);
  const inMerge = (r: number, c: number) => sheet.merges.some((m) => m.r1 <= r && r <= m.r2 && m.c1 <= c && c <= m.c2 && !(m.r1 === r && m.c1 === c));
  const used = sheet.used();
  const rows = Math.max(ws.rowCount, used?.r2 ?? 0);
  const cols = Math.max(ws.columnCount, used?.c2 ?? 0);
  for (let r = 1; r <= rows; r++) {
    for (let c = 1; c <= cols; c++) {
      const cell = ws.getCell(r, c);
      const x = sheet.get(r, c, 'x') ?? {};
      const where = `${ws.name}!${ExcelHostLetter(c)}${r}`;
      // exceljs gives every cell of a merge the first cell's value and style; Excel shows only the first's
      if (inMerge(r, c)) continue;
      expect([where, sheet.get(r, c, 'v')]).toEqual([where, hostValue(cell.value)]);
      expect([where, sheet.get(r, c, 'f') ?? null]).toEqual([where, cell.numFmt ?? null]);
      const fill = (cell.fill as { fgColor?: { argb?: string } } | undefined)?.fgColor?.argb;
      expect([where, sheet.get(r, c, 'fill') ?? null]).toEqual([where, fill ? `#${fill.slice(2)}` : null]);
      expect([where, x.fontName, x.fontSize, !!x.bold]).toEqual([where, cell.font?.name, cell.font?.size, !!cell.font?.bold]);
      const a = cell.alignment ?? {};
      const h = { right: 'Right', center: 'Center', left: 'Left' }[a.horizontal as string];
      const v = { top: 'Top', middle: 'Center', bottom: 'Bottom' }[a.vertical as string];
      expect([where, x.h, x.v, !!x.wrap, x.ro]).toEqual([where, h, v, !!a.wrapText, a.readingOrder === 'rtl' ? 'RightToLeft' : undefined]);
      const thin = (cell.border?.top as { style?: string } | undefined)?.style === 'thin';
      const edges = ['top', 'bottom', 'left', 'right'] as const;
      expect([where, edges.map((e) => x.border?.[e]?.style ?? null)]).toEqual([where, edges.map(() => (thin ? 'Continuous' : null))]);
      if (thin) expect([where, edges.map((e) => x.border?.[e]?.color)]).toEqual([where, edges.map(() => '#BFBFBF')]);
    }
  }
  for (let c = 1; c <= cols; c++) {
    const width = ws.getColumn(c).width;
    expect([ws.name, c, sheet.widths[c]]).toEqual([ws.name, c, width === undefined ? undefined : columnWidthPoints(width)]);
  }
  for (let r = 1; r <= rows; r++) expect([ws.name, r, sheet.heights[r]]).toEqual([ws.name, r, ws.getRow(r).height || undefined]);
  expect(sheet.autoFilter ? text(sheet.autoFilter.area) : undefined).toBe(ws.autoFilter || undefined);
  const view = ws.views[0] as { state?: string; ySplit?: number };
  expect(sheet.frozenRows).toBe(view.state === 'frozen' ? view.ySplit : 0);
  expect(sheet.pageLayout).toMatchObject({ orientation: 'Landscape', paperSize: 'A4', centerHorizontally: true, centerFooter: 'صفحه &P از &N' });
}

async function parity(path: string): Promise<{ host: Host; states: Map<number, DeadlineState> }> {
  const expected = await cliColoured(path);
  const host = await addinColoured(path);
  expect(host.workbook.sheets.map((s) => s.name)).toEqual(expected.book.worksheets.map((w) => w.name));
  // every sheet runs right to left as in the CLI's file, the side sheets the add-in added too
  const directions = (h: Host) => h.workbook.sheets.map((s) => [s.name, s.rightToLeft]);
  expect(directions(host)).toEqual(directions(expected.host));
  expect(directions(host).every(([, rtl]) => rtl === true)).toBe(true);
  const states = expectSameRegister(expected, host);
  for (const name of SIDE) expectSameSideSheet(expected.book.getWorksheet(name)!, host.workbook.sheet(name)!);
  expect(host.workbook.sheet('تنظیمات')).toBeDefined();
  return { host, states };
}

describe('the add-in colours a register as `mosavabat color` writes it on the same day', () => {
  it('the seed register: every row overdue on 1401/05/20, the overdue list of nine rows most days late first', async () => {
    const { host, states } = await parity(seedRegister);
    expect([...states.values()]).toEqual(new Array(9).fill('overdue'));
    const overdue = host.workbook.sheet('مهلت گذشته')!;
    expect(overdue.get(1, 1, 'v')).toBe('مصوبات با مهلت گذشته تا تاریخ ۱۴۰۱/۰۵/۲۰ (۹ مورد)');
    // days late worked out by hand: due 1401/04/10 → 41 days before 1401/05/20 (Tir has 31 days: 21 + 20)
    expect([overdue.get(3, 1, 'v'), overdue.get(3, 3, 'v'), overdue.get(3, 4, 'v'), overdue.get(11, 3, 'v')]).toEqual([1, 41, '۱۴۰۱/۰۴/۱۰', 11]);
    expect(overdue.autoFilter && text(overdue.autoFilter.area)).toBe('A2:J11');
    expect(overdue.frozenRows).toBe(2);
    // widths in points from the CLI's character widths, worked out by hand:
    // 32 → trunc((8192 + 18) / 256 · 7) = 224 px = 168 pt; 70 → trunc((17920 + 18) / 256 · 7) = 490 px = 367.5 pt
    expect([overdue.widths[2], overdue.widths[10]]).toEqual([168, 367.5]);
    const summary = host.workbook.sheet('خلاصه')!;
    expect([summary.get(1, 1, 'v'), summary.get(2, 1, 'v'), summary.get(5, 1, 'v'), summary.get(5, 2, 'v'), summary.get(5, 3, 'v')])
      .toEqual(['خلاصه وضعیت مصوبات تا تاریخ ۱۴۰۱/۰۵/۲۰', 'از روی «seed.xlsx»', 'همه مصوبات', 9, 9]);
    expect(summary.charts).toHaveLength(1);
    expect(summary.charts[0].series.map((s) => [s.name, s.color])).toEqual(
      STATE_ORDER.map((s) => [STATE_WORDS[s], `#${STATE_FILLS[s]}`]));
  });

  it('a register with hand edits and errors keeps the person\'s own dropdown', async () => {
    const { host, states } = await parity(editedRegister);
    expect(new Set(states.values())).toEqual(new Set(['done', 'done_late', 'void', 'invalid', 'needs_date', 'due_soon', 'overdue']));
    const report = headerColumns(host.workbook.sheet('مصوبات')!).get('گزارش اقدام')!;
    expect(host.workbook.sheet('مصوبات')!.validationAt(3, report)?.rule).toEqual({ list: { inCellDropDown: true, source: 'الف,ب' } });
  });

  it('the LibreOffice-saved register from the fixtures', async () => {
    const { states } = await parity(LIBRE);
    expect(states.size).toBeGreaterThan(0);
  });

  it('a register without the side sheets gets them where the CLI puts them, right to left, inside the colour\'s three syncs', async () => {
    const { host } = await parity(bareRegister);
    expect(host.workbook.sheets.map((s) => s.name).slice(-3)).toEqual(SIDE);
    expect(host.workbook.sheets.slice(-3).map((s) => s.rightToLeft)).toEqual([true, true, true]);
    // one file with the three empty sheets, inserted at the end and each then moved where the CLI puts it
    expect(host.inserted.map((i) => [i.names, i.positionType])).toEqual([[SIDE, 'End']]);
    expect(host.stats.syncs).toBe(3);
  });

  it('an overdue list larger than a request goes in further requests, each within the budget, and still equals the CLI\'s', async () => {
    const expected = await cliColoured(seedRegister);
    const host = await hostFromXlsx(seedRegister, { today: TODAY_SERIAL, styles: true });
    installHost(host);
    // a budget of 3,000 bytes stands for Excel on the web's 5 MB: the nine overdue rows' texts alone are about 9,000
    const outcome = await colorRegister({ today: TODAY, requestBudget: 3000 });
    expect(outcome.ok).toBe(true);
    expect(host.stats.syncs).toBeGreaterThan(4);
    // after finding, reading, the register's own writes and the side sheets' formats, the requests carry the side sheets' values in blocks of at most 3,000 bytes, plus the operations around them
    for (const bytes of host.stats.requests.slice(4)) expect(bytes).toBeLessThan(3000 + 1500);
    for (const name of SIDE) expectSameSideSheet(expected.book.getWorksheet(name)!, host.workbook.sheet(name)!);
  });

  it('keeps the user\'s own conditional formats and an autofilter they are filtering with', async () => {
    const host = await hostFromXlsx(seedRegister, { today: TODAY_SERIAL, styles: true });
    installHost(host);
    const sheet = host.workbook.sheet('مصوبات')!;
    sheet.cfs.push({ type: 'Custom', formula: '=$A2="x"', fill: '#123456', numberFormat: null, areas: [{ r1: 2, c1: 1, r2: 10, c2: 1 }] });
    sheet.autoFilter = { area: { r1: 1, c1: 1, r2: 10, c2: 18 }, criteria: [{ column: 8, criteria: { filterOn: 'Values', values: ['انجام نشده'] } }] };
    await colorRegister({ today: TODAY });
    const afterFirst = sheet.cfs.length;
    await colorRegister({ today: TODAY });
    expect(sheet.cfs.length).toBe(afterFirst);
    expect(sheet.cfs.filter((cf) => cf.formula === '=$A2="x"')).toHaveLength(1);
    // 7 rules on each of the two runs of visible columns (A:N, P) and on the state words column, plus the user's
    expect(afterFirst).toBe(22);
    expect(sheet.autoFilter.criteria).toHaveLength(1);
  });

  it('on Excel 2019 (ExcelApi 1.7): states, colours and side sheets still written; no page layout', async () => {
    const host = await addinColoured(seedRegister, '1.7');
    const sheet = host.workbook.sheet('مصوبات')!;
    const cli = await cliColoured(seedRegister);
    expect([...shownRows(host)]).toEqual([...shownRows(cli.host)]);
    const overdue = host.workbook.sheet('مهلت گذشته')!;
    expect(overdue.get(3, 3, 'v')).toBe(41);
    expect(overdue.frozenRows).toBe(2);
    // ChartSeries.delete is 1.7: the total is taken out of the chart; page layout (1.9) is left as it was
    expect(host.workbook.sheet('خلاصه')!.charts[0].series).toHaveLength(9);
    expect(overdue.pageLayout.orientation).toBeUndefined();
    expect(sheet.frozenRows).toBe(1);
  });
});

describe('validate, summary and add minutes in the host', () => {
  it('lists the same findings as `mosavabat validate`, errors first, and selects a finding\'s cell', async () => {
    const expected = await validateRegisterFile(editedRegister, { today: TODAY });
    const host = await hostFromXlsx(editedRegister, { today: TODAY_SERIAL });
    installHost(host);
    const outcome = await validateRegister({ today: TODAY });
    // one sync finds the register, one reads it
    expect(host.stats.syncs).toBe(2);
    expect(outcome.errors).toBe(expected.errors);
    expect(outcome.warnings).toBe(expected.warnings);
    const sorted = [...expected.analysis.issues].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
    expect(outcome.items.map((i) => [i.code, i.cell])).toEqual(sorted.map((i) => [i.code, i.cell]));
    expect(outcome.items.find((i) => i.code === 'percent_out_of_range')?.cell).toBe('J4');
    expect(outcome.items.find((i) => i.code === 'agency_unknown')?.cell).toBe('F10');
    await selectCell('مصوبات', 'J4');
    expect(host.workbook.selection).toEqual({ sheet: 'مصوبات', address: 'J4' });
  });

  it('summary writes خلاصه and مهلت گذشته as `mosavabat summary` does, with a chart of states per agency, and shows خلاصه', async () => {
    const expected = await validateRegisterFile(editedRegister, { today: TODAY });
    const summary = summarize(expected.analysis.rows, TODAY);
    const cli = await cliColoured(editedRegister);
    const host = await hostFromXlsx(editedRegister, { today: TODAY_SERIAL, styles: true });
    installHost(host);
    const before = host.workbook.sheet('راهنما')!.get(12, 1, 'v');
    const outcome = await writeSummary({ today: TODAY });
    expect(outcome.ok).toBe(true);
    // by hand: rows 7 and 10 overdue (row 8 repeats row 7's id: invalid); done 2 (one late) of 8 not void → 25%;
    // row 10's agency (a one-row agency) renamed: still 8 agencies
    expect(outcome.message).toBe('خلاصه نوشته شد: ۹ ردیف، ۸ دستگاه، ۲ مهلت گذشته، انجام ۲۵٪.');
    expect(host.stats.syncs).toBe(3);
    for (const name of ['خلاصه', 'مهلت گذشته']) expectSameSideSheet(cli.book.getWorksheet(name)!, host.workbook.sheet(name)!);
    // the legend's note speaks of the day the state words were written: summary leaves it
    expect(host.workbook.sheet('راهنما')!.get(12, 1, 'v')).toBe(before);
    const sheet = host.workbook.sheet('خلاصه')!;
    expect([sheet.get(5, 1, 'v'), sheet.get(5, 2, 'v')]).toEqual(['همه مصوبات', 9]);
    expect(summary.total.total).toBe(9);
    expect(sheet.charts).toHaveLength(1);
    expect(sheet.charts[0].series.map((s) => s.name)).toEqual(STATE_ORDER.map((s) => STATE_WORDS[s]));
    expect(host.workbook.active?.name).toBe('خلاصه');
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
