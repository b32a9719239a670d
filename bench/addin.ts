/**
 * `npm run bench` (add-in part): the add-in's commands against the stand-in Excel host on
 * synthetic registers of 1,000, 10,000 and 50,000 rows. For each command: context.sync calls,
 * the largest request and response in bytes (what Excel on the web caps at 5 MB), the whole
 * command's time with the stand-in host, and the add-in's own JS time (reading the loaded
 * values into rows, core's analysis and the write plan; Excel's work is not included).
 *
 *   node dist/bench/addin.js [--sizes 1000,10000,50000]
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { JalaliDate } from '../core/jalali';
import { REGISTER_FIELDS } from '../core/register/fields';
import { summarize } from '../core/register/summary';
import { colorRegister, validateRegister, writeSummary } from '../addin/excel/commands';
import { addMissingColumns, analyzeInput, colorPlan, findLayout, type ColumnValues, type RegisterInput } from '../addin/plan/register';
import { summaryGrid } from '../addin/plan/summary';

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

interface Row { rows: number; command: string; syncs: number; maxRequest: number; maxResponse: number; wholeMs: number; planMs: number }

function best<T>(runs: number, work: () => T): { ms: number; result: T } {
  let ms = Infinity;
  let result!: T;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    result = work();
    ms = Math.min(ms, performance.now() - t);
  }
  return { ms, result };
}

/** The add-in's own JS per command: values → rows → core → plan, on what the host returned. */
function planTimes(grid: unknown[][]): Record<string, number> {
  const make = (): RegisterInput => {
    const layout = findLayout('مصوبات', grid.slice(0, 10), grid.length, grid[0].length)!;
    const data: Record<string, ColumnValues> = {};
    for (const [field, column] of layout.columns) data[field] = { values: grid.slice(1).map((r) => r[column - 1]), formats: undefined };
    return { layout, data };
  };
  const color = best(3, () => {
    const input = make();
    const headers = addMissingColumns(input.layout);
    const { analysis, settings, raw } = analyzeInput(input, TODAY);
    return colorPlan(input.layout, analysis, settings.settings.dueSoonDays, { conditionalFormats: true, headers, raw });
  }).ms;
  const validate = best(3, () => analyzeInput(make(), TODAY)).ms;
  const summary = best(3, () => summaryGrid(summarize(analyzeInput(make(), TODAY).analysis.rows, TODAY))).ms;
  return { colour: color, validate, summary };
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
        maxResponse: Math.max(...host.stats.responses), wholeMs, planMs: plan[command],
      });
    }
  }
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(2)} MB`;
  console.log('| rows | command | syncs | largest request | largest response | add-in JS (ms) | whole command with stand-in host (ms) |');
  console.log('| ---: | --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of table) {
    console.log(`| ${r.rows.toLocaleString('en')} | ${r.command} | ${r.syncs} | ${mb(r.maxRequest)} | ${mb(r.maxResponse)} | ${r.planMs.toFixed(0)} | ${r.wholeMs.toFixed(0)} |`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
