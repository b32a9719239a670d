/**
 * `npm run bench`: times the register pipeline on synthetic registers of 1,000, 10,000 and
 * 100,000 rows, and the bare exceljs streaming read+write of the same file as the floor.
 * Every (size, stage) runs in its own child process, so each peak RSS is that stage's alone.
 *
 *   node dist/bench/run.js [--sizes 1000,10000,100000] [--dir <scratch folder>]
 *
 * Stages: import (build a new register of N rows from parsed meetings, write it), validate
 * (read, check, derive states), colour (read → validate → colour → write: the one-click
 * operation), summary (read → summary workbook), floor (exceljs stream read + write, nothing
 * else). The ratio compared with the target is colour ÷ floor. Times are the best of three
 * runs for up to 10,000 rows (one run for 100,000); memory is the highest peak of those runs.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { JalaliDate } from '../core/jalali';
import { meetingId, assignmentId } from '../core/register/ids';
import { summarize } from '../core/register/summary';
import type { Assignment, StatusCode } from '../core/register/types';
import { newRegister } from '../adapters/xlsx/registerHandle';
import { analyzeBook } from '../usecases/registerCommon';
import { colorRegisterFile } from '../usecases/colorRegisterFile';
import { summarizeRegisterFile } from '../usecases/summarizeRegisterFile';
import { validateRegisterFile } from '../usecases/validateRegisterFile';

const STAGES = ['import', 'validate', 'color', 'summary', 'floor'] as const;
type Stage = (typeof STAGES)[number];

interface Measurement {
  stage: Stage;
  rows: number;
  ms: number;
  /** Peak resident set size of the child process, MB. */
  rssMb: number;
}

/** The day the benchmark pretends it is, so states do not drift between runs. */
const TODAY = JalaliDate.of(1403, 6, 15);

const AGENCIES = [
  'فرمانداری کرج', 'فرمانداری فردیس', 'فرمانداری ساوجبلاغ', 'فرمانداری نظرآباد', 'فرمانداری طالقان', 'فرمانداری اشتهارد',
  'اداره کل تعاون، کار و رفاه اجتماعی', 'اداره کل آموزش و پرورش', 'اداره کل ورزش و جوانان', 'اداره کل راه و شهرسازی',
  'اداره کل بهزیستی', 'کمیته امداد امام خمینی (ره)', 'شهرداری کرج', 'دانشگاه علوم پزشکی', 'اداره کل میراث فرهنگی',
  'اداره کل فرهنگ و ارشاد اسلامی', 'نیروی انتظامی استان', 'اداره کل منابع طبیعی', 'سازمان جهاد کشاورزی', 'اداره کل امور اجتماعی',
];
const DEADLINES: Array<[string, (d: JalaliDate) => JalaliDate | null]> = [
  ['یک ماه', (d) => d.addMonths(1)], ['دو هفته', (d) => d.addDays(14)], ['یک هفته', (d) => d.addDays(7)],
  ['سه ماه', (d) => d.addMonths(3)], ['مستمر', () => null],
];
const STATUSES: Array<StatusCode | null> = [null, 'not_started', 'in_progress', 'done', 'done', 'blocked'];

/** N synthetic register rows: meetings of 10 resolutions with 1–2 agencies, spread over three years. */
function syntheticRows(n: number): { rows: Assignment[]; meetings: Array<{ id: string; date: string; rows: number }> } {
  const rows: Assignment[] = [];
  const meetings: Array<{ id: string; date: string; rows: number }> = [];
  const first = TODAY.addDays(-3 * 365);
  for (let m = 0; rows.length < n; m++) {
    const date = first.addDays(Math.floor((m * 3 * 365 * 15) / Math.max(n, 1)) % (3 * 365));
    const id = meetingId(date.toString(), m + 1);
    const start = rows.length;
    for (let r = 1; r <= 10 && rows.length < n; r++) {
      const agencies = r % 3 === 0 ? [AGENCIES[(m + r) % AGENCIES.length], AGENCIES[(m + r + 7) % AGENCIES.length]] : [AGENCIES[(m * 3 + r) % AGENCIES.length]];
      for (const agency of agencies) {
        if (rows.length >= n) break;
        const [deadlineText, dueOf] = DEADLINES[(m + r) % DEADLINES.length];
        const due = dueOf(date);
        const status = STATUSES[(m * 7 + r) % STATUSES.length];
        const doneDate = status === 'done' && due ? due.addDays(((m + r) % 9) - 4) : null;
        rows.push({
          id: assignmentId(id, r, agency), meeting: `جلسه ${m + 1} قرارگاه اجتماعی استان`, meetingDate: date.toString(), row: r,
          text: `مقرر گردید: ${agency} نسبت به برگزاری جلسات هماهنگی با حضور مدیران شهرستانی و استانی و رفع مشکلات محلات هدف اقدام و گزارش اقدامات را به دبیرخانه قرارگاه اجتماعی ارسال نماید (بند ${r}).`,
          agency, deadlineText, due: due?.toString() ?? null, status,
          percent: status === 'done' ? 100 : status === 'in_progress' ? ((m + r) % 9) * 10 : null,
          report: status ? 'گزارش اقدامات انجام شده به دبیرخانه ارسال شد.' : '',
          doneDate: doneDate && doneDate.compare(TODAY) <= 0 ? doneDate.toString() : null,
          requestedDue: null, requestReason: '', revision: 1, updatedAt: `${date.toString()} 10:00`,
        });
      }
    }
    meetings.push({ id, date: date.toString(), rows: rows.length - start });
  }
  return { rows, meetings };
}

/** Build a register of N rows the way `import` does (append, meetings, agencies, states, save). */
async function importStage(n: number, path: string): Promise<void> {
  const { rows, meetings } = syntheticRows(n);
  const book = newRegister();
  book.append(rows);
  for (const m of meetings) book.addMeeting({ id: m.id, title: `جلسه ${m.id}`, date: m.date, rows: m.rows });
  book.addAgencies(book.directory(), AGENCIES);
  const analysis = analyzeBook(book, TODAY);
  await book.save(path, analysis, summarize(analysis.rows, TODAY), TODAY);
}

/** The floor: exceljs's streaming reader and writer copying every sheet, values and styles, nothing else. */
async function floorStage(input: string, output: string): Promise<void> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([await readFile(input)]), {
    sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore',
  });
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: output, useStyles: true, useSharedStrings: true });
  for await (const sheet of reader) {
    const out = writer.addWorksheet((sheet as unknown as { name: string }).name);
    for await (const row of sheet as unknown as AsyncIterable<ExcelJS.Row>) {
      const copy = out.getRow(row.number);
      row.eachCell((cell, col) => {
        const target = copy.getCell(col);
        target.value = cell.value;
        target.style = cell.style;
      });
      copy.commit();
    }
    out.commit();
  }
  await writer.commit();
}

async function child(stage: Stage, n: number, dir: string): Promise<void> {
  const register = join(dir, `register-${n}.xlsx`);
  const started = process.hrtime.bigint();
  switch (stage) {
    case 'import': await importStage(n, register); break;
    case 'validate': await validateRegisterFile(register, { today: TODAY }); break;
    case 'color': await colorRegisterFile(register, { today: TODAY, output: join(dir, `colored-${n}.xlsx`) }); break;
    case 'summary': await summarizeRegisterFile(register, join(dir, `summary-${n}.xlsx`), { today: TODAY }); break;
    case 'floor': await floorStage(register, join(dir, `floor-${n}.xlsx`)); break;
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const result: Measurement = { stage, rows: n, ms, rssMb: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function runChild(stage: Stage, n: number, dir: string): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [...process.execArgv, __filename, '--child', stage, String(n), dir], { maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`${stage} ${n}: ${stderr || error.message}`));
      resolve(JSON.parse(stdout.trim().split('\n').pop() as string));
    });
  });
}

const seconds = (ms: number) => (ms < 10_000 ? (ms / 1000).toFixed(2) : (ms / 1000).toFixed(1));

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') return child(args[1] as Stage, Number(args[2]), args[3]);
  const sizesArg = args.indexOf('--sizes');
  const sizes = sizesArg >= 0 ? args[sizesArg + 1].split(',').map(Number) : [1_000, 10_000, 100_000];
  const dirArg = args.indexOf('--dir');
  const dir = dirArg >= 0 ? args[dirArg + 1] : mkdtempSync(join(tmpdir(), 'mosavabat-bench-'));
  const lines = [
    '| rows | import | validate | colour (read → validate → colour → write) | summary | floor (exceljs stream read + write) | colour ÷ floor | peak RSS MB: import / validate / colour / summary / floor |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const n of sizes) {
    const m = {} as Record<Stage, Measurement>;
    // the machine is shared: the best of three runs (one for the largest size) is the least disturbed
    const runs = n <= 10_000 ? 3 : 1;
    for (const stage of STAGES) {
      for (let i = 0; i < runs; i++) {
        const run = await runChild(stage, n, dir);
        if (!m[stage] || run.ms < m[stage].ms) m[stage] = { ...run, rssMb: Math.max(run.rssMb, m[stage]?.rssMb ?? 0) };
        else m[stage].rssMb = Math.max(m[stage].rssMb, run.rssMb);
      }
      process.stderr.write(`${n} ${stage}: ${seconds(m[stage].ms)} s, ${Math.round(m[stage].rssMb)} MB\n`);
    }
    lines.push(`| ${n.toLocaleString('en')} | ${seconds(m.import.ms)} s | ${seconds(m.validate.ms)} s | ${seconds(m.color.ms)} s | ${seconds(m.summary.ms)} s | ${seconds(m.floor.ms)} s | ${(m.color.ms / m.floor.ms).toFixed(2)}× | ${STAGES.map((s) => Math.round(m[s].rssMb)).join(' / ')} |`);
  }
  if (dirArg < 0) rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exitCode = 1;
});
