/**
 * `npm run bench` (add-in part): the add-in's commands against the stand-in Excel host on
 * synthetic registers of 1,000, 10,000 and 50,000 rows. For each command: context.sync calls,
 * the largest request and response in bytes (what Excel on the web caps at 5 MB), the bytes
 * read and written over all its syncs (what sets the least number of syncs), the whole
 * command's time with the stand-in host, and the add-in's own JS time (reading the loaded
 * values into rows, core's analysis and the write plan; Excel's work is not included).
 *
 *   node dist/bench/addin.js [--sizes 1000,10000,50000] [--sync-only]
 *
 * Then the Sync command at 1,000 and 10,000 rows (or the sizes given), in a second table.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { JalaliDate } from '../core/jalali';
import { REGISTER_FIELDS } from '../core/register/fields';
import { summarize } from '../core/register/summary';
import { colorRegister, validateRegister, writeSummary } from '../addin/excel/commands';
import { addMissingColumns, analyzeInput, colorPlan, findLayout, type ColumnValues, type RegisterInput } from '../addin/plan/register';
import { sideSheetPictures } from '../addin/plan/sheets';
import { interpretRow } from '../core/register/rows';
import { rawRows } from '../addin/plan/register';
import { syncRegister } from '../addin/excel/sync';
import { joinAnswers, requestParts, syncRequest, syncWrites, type ServiceRow, type SyncAnswer, type SyncRequest } from '../addin/sync/plan';
import { webviewTransport, type Transport } from '../addin/sync/transport';
import { rowCells } from '../addin/plan/minutes';
import type { Assignment } from '../core/register/types';
import { openStore } from '../adapters/store/openStore';
import { startBuiltService } from '../test/serviceProcess';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

// the stand-in host lives with the tests; the bench is run from dist/bench
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ExcelHost = require(join(__dirname, '..', '..', 'test', 'excelHost', 'excelHost.js'));

const TODAY = JalaliDate.parse('1404/03/01');
const STATUSES = ['', 'در حال انجام', 'انجام شده', 'منتفی', 'خارج از اختیار دستگاه'];
const PHRASES = ['یک ماه', 'دو هفته', 'مستمر', 'تا جلسه آینده', 'هفته جاری'];

/** A register of n rows over 40 meetings and 60 agencies, with a mix of every state. */
function registerGrid(n: number): unknown[][] {
  const rows: unknown[][] = [REGISTER_FIELDS.map((f) => f.fa)];
  const base = JalaliDate.parse('1403/01/15');
  for (let i = 0; i < n; i++) {
    const meetingDate = base.addDays((i % 40) * 9);
    const phrase = PHRASES[i % PHRASES.length];
    const due = phrase === 'مستمر' || phrase === 'تا جلسه آینده' ? '' : meetingDate.addDays(30 + (i % 11) * 7).toDisplay();
    const status = STATUSES[i % STATUSES.length];
    const cells: Record<string, unknown> = {
      id: `${meetingDate.toString().replace(/\//g, '-')}-${i}`, meeting: `جلسه شماره ${i % 40}`, meetingDate: meetingDate.toDisplay(),
      row: (i % 25) + 1, text: `مقرر گردید دستگاه ${i % 60} گزارش اقدامات مربوط به موضوع ${i} را ظرف مدت مقرر به دبیرخانه ارسال نماید`,
      agency: `اداره کل شماره ${i % 60} استان`, deadlineText: phrase, due, status,
      percent: status === 'در حال انجام' ? (i % 9) * 10 : '', report: status ? 'گزارش کوتاه' : '',
      doneDate: status === 'انجام شده' ? meetingDate.addDays(20 + (i % 30)).toDisplay() : '',
    };
    rows.push(REGISTER_FIELDS.map((f) => cells[f.name] ?? ''));
  }
  return rows;
}

const sum = (list: readonly number[]) => list.reduce((a, b) => a + b, 0);

interface Row { rows: number; command: string; syncs: number; maxRequest: number; maxResponse: number; read: number; written: number; wholeMs: number; planMs: number; planCpuMs: number }

/**
 * The best of `runs` runs of `work`: wall time, and CPU time of this process (user + system),
 * which a machine shared with other jobs inflates much less than the wall time.
 */
function best<T>(runs: number, work: () => T): { ms: number; cpuMs: number; result: T } {
  let ms = Infinity;
  let cpuMs = Infinity;
  let result!: T;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const cpu = process.cpuUsage();
    result = work();
    const used = process.cpuUsage(cpu);
    ms = Math.min(ms, performance.now() - t);
    cpuMs = Math.min(cpuMs, (used.user + used.system) / 1000);
  }
  return { ms, cpuMs, result };
}

/** The add-in's own JS per command: values → rows → core → plan, on what the host returned. */
function planTimes(grid: unknown[][]): Record<string, [number, number]> {
  const make = (): RegisterInput => {
    const layout = findLayout('مصوبات', grid.slice(0, 10), grid.length, grid[0].length)!;
    const data: Record<string, ColumnValues> = {};
    for (const [field, column] of layout.columns) data[field] = { values: grid.slice(1).map((r) => r[column - 1]), formats: undefined };
    return { layout, data };
  };
  const runs = grid.length > 20_000 ? 3 : 5;
  const color = best(runs, () => {
    const input = make();
    const headers = addMissingColumns(input.layout);
    const { analysis, settings, raw } = analyzeInput(input, TODAY);
    const plan = colorPlan(input.layout, analysis, settings.settings.dueSoonDays, { conditionalFormats: true, headers, raw });
    // colouring also rewrites the summary and overdue sheets, as `mosavabat color` does
    return [plan, sideSheetPictures(summarize(analysis.rows, TODAY), TODAY)];
  });
  const validate = best(runs, () => analyzeInput(make(), TODAY));
  const summary = best(runs, () => sideSheetPictures(summarize(analyzeInput(make(), TODAY).analysis.rows, TODAY), TODAY));
  return { colour: [color.ms, color.cpuMs], validate: [validate.ms, validate.cpuMs], summary: [summary.ms, summary.cpuMs] };
}

async function main(): Promise<void> {
  const arg = process.argv.indexOf('--sizes');
  const sizes = arg > 0 ? process.argv[arg + 1].split(',').map(Number) : [1_000, 10_000, 50_000];
  const table: Row[] = [];
  for (const n of sizes) {
    const grid = registerGrid(n);
    const plan = planTimes(grid);
    for (const [command, run] of [
      ['colour', () => colorRegister({ today: TODAY })],
      ['validate', () => validateRegister({ today: TODAY })],
      ['summary', () => writeSummary({ today: TODAY })],
    ] as const) {
      const host = new ExcelHost.Host({ api: '1.13' });
      host.load('مصوبات', grid);
      const globals = ExcelHost.globalsFor(host);
      Object.assign(globalThis, { Excel: globals.Excel, Office: globals.Office });
      const t = performance.now();
      const outcome = await run();
      const wholeMs = performance.now() - t;
      if (!outcome.ok) throw new Error(`${command} at ${n} rows: ${outcome.message}`);
      table.push({
        rows: n, command, syncs: host.stats.syncs, maxRequest: Math.max(...host.stats.requests),
        maxResponse: Math.max(...host.stats.responses), read: sum(host.stats.responses), written: sum(host.stats.requests),
        wholeMs, planMs: plan[command][0], planCpuMs: plan[command][1],
      });
    }
  }
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(2)} MB`;
  console.log('| rows | command | syncs | largest request | largest response | read in all | written in all | add-in JS, CPU (ms) | add-in JS, wall (ms) | whole command with stand-in host (ms) |');
  console.log('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of table) {
    console.log(`| ${r.rows.toLocaleString('en')} | ${r.command} | ${r.syncs} | ${mb(r.maxRequest)} | ${mb(r.maxResponse)} | ${mb(r.read)} | ${mb(r.written)} | ${r.planCpuMs.toFixed(0)} | ${r.planMs.toFixed(0)} | ${r.wholeMs.toFixed(0)} |`);
  }
}

// ---------------------------------------------------------------- sync with the service
/**
 * The Sync command at each size, against the stand-in host and a service answering in-process
 * at once (its own time is bench/service.ts's): every row comes back with a new revision and
 * update time (the first sync of a workbook the CLI made), a report changed on the service in
 * one row of ten (scattered writes), one conflict, and 100 rows the workbook lacks appended.
 * The add-in's JS is what it does between Excel's answers: the loaded columns into rows, the
 * request and its parts as JSON, and the write plan from the answer.
 */
async function syncBench(sizes: readonly number[]): Promise<void> {
  const missing = (k: number): ServiceRow => ({
    id: `14040301-9-${k}`, meeting: 'جلسه ۹', meetingDate: '1404/03/01', row: k + 1, text: `مصوبهٔ تازه ${k}`, agency: 'اداره کل شماره ۱ استان',
    deadlineText: 'یک ماه', due: '1404/04/01', status: null, percent: null, report: '', doneDate: null, requestedDue: null, requestReason: '',
    revision: 1, updatedAt: '1404/03/01 10:00', state: 'on_track',
  });
  const answerFor = (part: SyncRequest): SyncAnswer => ({
    rows: part.rows.map((row, i): ServiceRow => {
      const { assignment } = interpretRow({ sheetRow: row.sheetRow, values: { ...row.values, id: row.id } });
      return { ...assignment, revision: (row.revision ?? 0) + 1, updatedAt: '1404/03/01 10:00', state: 'on_track', report: i % 10 === 0 ? 'گزارش از سامانه' : assignment.report };
    }),
    missing: part.withMissing === false ? [] : Array.from({ length: 100 }, (_, k) => missing(k)),
    conflicts: part.rows.length > 1 && part.withMissing !== false ? [{ id: part.rows[1].id, field: 'report', ours: null, theirs: null, fa: 'تعارض' }] : [],
    rejected: [],
  });
  const transport: Transport = async (request) => ({ kind: 'answer', status: 200, body: JSON.parse(JSON.stringify(answerFor(JSON.parse(request.body ?? '{}')))) });
  const rows: Array<{ n: number; syncs: number; parts: number; ranges: number; cells: number; maxRequest: number; maxResponse: number; planMs: number; wholeMs: number }> = [];
  for (const n of sizes) {
    const grid = registerGrid(n);
    const host = new ExcelHost.Host({ api: '1.13' });
    host.load('مصوبات', grid);
    const globals = ExcelHost.globalsFor(host);
    Object.assign(globalThis, { Excel: globals.Excel, Office: globals.Office });
    const t = performance.now();
    const outcome = await syncRegister('https://s', 't', { transport });
    const wholeMs = performance.now() - t;
    if (!outcome.ok) throw new Error(`sync at ${n} rows: ${outcome.message}`);

    // the same work on plain data, timed alone
    const layout = findLayout('مصوبات', grid.slice(0, 10), grid.length, grid[0].length)!;
    const data: Record<string, ColumnValues> = {};
    for (const [field, column] of layout.columns) data[field] = { values: grid.slice(1).map((r) => r[column - 1]), formats: undefined };
    const answers = requestParts(syncRequest(layout, rawRows(layout, data))).map(answerFor);
    let parts = 0;
    let ranges = 0;
    const planMs = best(3, () => {
      const raw = rawRows(layout, data);
      const split = requestParts(syncRequest(layout, raw));
      for (const part of split) JSON.stringify(part);
      parts = split.length;
      const plan = syncWrites({ layout, raw, formatAt: () => undefined, conditionalFormats: true, previous: [] }, joinAnswers(answers));
      ranges = plan.blocks.length + (plan.append ? 1 : 0) + plan.conflicts.length;
      return plan;
    }).ms;
    rows.push({ n, syncs: host.stats.syncs, parts, ranges, cells: outcome.changed, maxRequest: Math.max(...host.stats.requests), maxResponse: Math.max(...host.stats.responses), planMs, wholeMs });
  }
  const real = sizes.includes(10_000) ? await realServiceSync(10_000) : undefined;
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(2)} MB`;
  if (real) {
    console.log(`\nSync of 10,000 rows (one in ten edited, 100 rows only on the service) against the built service (SQLite, loopback): `
      + `${real.wholeMs.toFixed(0)} ms in all, ${real.requests} requests to the service taking ${real.serviceMs.toFixed(0)} ms, ${real.syncs} context.sync calls, `
      + `${real.applied.toLocaleString('en')} cells applied on the service, ${real.added} rows appended`);
  }
  console.log('\n| rows | sync | context.sync calls | requests to the service | ranges written | cells changed | largest Excel request | largest Excel response | add-in JS (ms) | whole command with stand-in host (ms) |');
  console.log('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    console.log(`| ${r.n.toLocaleString('en')} | sync | ${r.syncs} | ${r.parts} | ${r.ranges.toLocaleString('en')} | ${r.cells.toLocaleString('en')} | ${mb(r.maxRequest)} | ${mb(r.maxResponse)} | ${r.planMs.toFixed(0)} | ${r.wholeMs.toFixed(0)} |`);
  }
}

/**
 * The whole sync against the built service as `npm start` runs it (its own process, SQLite in
 * WAL mode on a temporary file): a store of n + 100 rows, a workbook of the first n of them in
 * which the secretariat edited the report of one row in ten.
 */
async function realServiceSync(n: number): Promise<{ wholeMs: number; serviceMs: number; requests: number; syncs: number; applied: number; added: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'mosavabat-sync-bench-'));
  const db = join(dir, 'store.sqlite');
  const store = await openStore(db);
  const at = new Date().toISOString();
  const rowOf = (i: number): Assignment => ({
    id: `14030115-${Math.floor(i / 100) + 1}-${i}`, meeting: `جلسه ${Math.floor(i / 100) + 1}`, meetingDate: '1403/01/15', row: (i % 100) + 1,
    text: `مصوبهٔ ${i + 1}: مقرر گردید دستگاه نسبت به پیگیری موضوع اقدام و گزارش آن را به دبیرخانه ارسال نماید`,
    agency: `اداره کل شماره ${i % 60} استان`, deadlineText: 'یک ماه', due: '1403/02/15', status: i % 3 === 0 ? 'in_progress' : null,
    percent: i % 3 === 0 ? 40 : null, report: i % 3 === 0 ? 'در دست اقدام' : '', doneDate: null, requestedDue: null, requestReason: '', revision: 1, updatedAt: null,
  });
  const all = Array.from({ length: n + 100 }, (_, i) => rowOf(i));
  for (let m = 0; m * 100 < all.length; m++) {
    await store.addMeeting({
      id: `14030115-${m + 1}`, body: '', title: `جلسه ${m + 1}`, number: m + 1, date: '1403/01/15', weekday: null, time: null, place: null,
      invitation: { number: null, date: null }, agenda: [],
    }, all.slice(m * 100, m * 100 + 100), at);
  }
  const token = (await store.createToken({ role: 'secretariat' }, at)).secret;
  await store.close();
  const { child, base } = await startBuiltService(join(__dirname, '..', 'server', 'main.js'), db);
  try {
    const grid: unknown[][] = [REGISTER_FIELDS.map((f) => f.fa)];
    all.slice(0, n).forEach((row, i) => {
      const cells: Partial<Record<string, unknown>> = { ...rowCells(row), report: i % 10 === 0 ? 'گزارش تازهٔ دبیرخانه' : row.report };
      grid.push(REGISTER_FIELDS.map((f) => cells[f.name] ?? ''));
    });
    const host = new ExcelHost.Host({ api: '1.13' });
    host.load('مصوبات', grid);
    const globals = ExcelHost.globalsFor(host);
    Object.assign(globalThis, { Excel: globals.Excel, Office: globals.Office });
    let serviceMs = 0;
    let requests = 0;
    const inner = webviewTransport();
    const timed: Transport = async (request) => {
      const t = performance.now();
      const outcome = await inner(request);
      serviceMs += performance.now() - t;
      requests++;
      return outcome;
    };
    const t = performance.now();
    const outcome = await syncRegister(base, token, { transport: timed });
    const wholeMs = performance.now() - t;
    if (!outcome.ok) throw new Error(`sync with the service: ${outcome.message}`);
    const check = await openStore(db);
    const applied = (await check.listAssignments({})).filter((a) => a.report === 'گزارش تازهٔ دبیرخانه').length;
    await check.close();
    return { wholeMs, serviceMs, requests, syncs: host.stats.syncs, applied, added: outcome.added };
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

// `--sync-only`: just the sync section
(process.argv.includes('--sync-only') ? Promise.resolve() : main()).then(() => syncBench(process.argv.includes('--sizes') ? process.argv[process.argv.indexOf('--sizes') + 1].split(',').map(Number) : [1_000, 10_000])).catch((error) => {
  console.error(error);
  process.exit(1);
});
