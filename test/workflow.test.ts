/**
 * The register over months, end to end through the command line: import meetings, send each
 * agency its rows, merge what comes back, the secretariat's own edits in between, colour,
 * another meeting, a second round with a stale file and a file merged twice. At every step
 * nothing anyone typed may be lost: each agency value is in the register or reported.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { SHEETS, type FieldName } from '../core/register/fields';
import type { Assignment } from '../core/register/types';
import { fieldHeader } from '../core/register/problems';
import type { MergeReportFile } from '../usecases/mergeReturns';
import { cli, FIXTURES, SEED_MINUTES, tempDir } from './helpers';
import { COL, fill, rowOf, rowsOf } from './fixtures/returns/helpers';

jest.setTimeout(60_000);

const dir = tempDir('mosavabat-workflow-');
const reg = join(dir, 'reg.xlsx');
const TRAFFIC = join(FIXTURES, 'minutes', 'traffic-council-1402-05-17.txt');
const CITY = join(FIXTURES, 'minutes', 'city-council-commission-1402-06-01.txt');
const KARAJ = 'فرمانداری کرج';
const POLICE = 'پلیس راهور شهرستان';
const NOTE_HEADER = 'یادداشت دبیرخانه';

interface JsonRow { id: string; row: number; agency: string; due: string | null; state: string }
interface JsonIssue { severity: string; code: string; sheet: string; cell: string; message: string }

async function ok(...args: string[]): Promise<string> {
  const r = await cli(...args);
  if (r.status !== 0) throw new Error(`mosavabat ${args.join(' ')} → ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

async function validateJson(today: string): Promise<{ rows: JsonRow[]; issues: JsonIssue[] }> {
  const r = await cli('validate', reg, '--json', '--today', today);
  return JSON.parse(r.stdout);
}

/** The return file of an agency in a folder agency-sheets wrote. */
function returnOf(folder: string, agency: string): string {
  const name = readdirSync(folder).find((f) => f.startsWith(`مصوبات - ${agency} - `));
  if (!name) throw new Error(`no return file for ${agency} in ${folder}`);
  return join(folder, name);
}

/** Open a return file as a person would, fill it, save it (Excel sets the save time). */
async function editReturn(path: string, savedAt: Date, edit: (sheet: ExcelJS.Worksheet) => void): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  edit(workbook.getWorksheet(SHEETS.register)!);
  workbook.modified = savedAt;
  await workbook.xlsx.writeFile(path);
}

async function merge(today: string, ...files: string[]): Promise<{ status: number; stdout: string; report: MergeReportFile }> {
  const report = join(dir, `report-${Math.random().toString(36).slice(2)}.json`);
  const r = await cli('merge', reg, ...files, '-o', reg, '--report', report, '--today', today);
  if (r.status > 1) throw new Error(`merge → ${r.status}\n${r.stdout}\n${r.stderr}`);
  const json = JSON.parse(readFileSync(report, 'utf8')) as MergeReportFile;
  reports.push(json);
  return { status: r.status, stdout: r.stdout, report: json };
}

async function historyRows(): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(reg);
  const sheet = workbook.getWorksheet(SHEETS.history);
  if (!sheet) return [];
  const rows: string[][] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) rows.push((row.values as unknown[]).slice(1, 12).map((v) => (v === null || v === undefined ? '' : String(v))));
  });
  return rows;
}

/** Every merge's report.json, in order. */
const reports: MergeReportFile[] = [];

/** What each agency typed, by id and field, as the register should read it. */
const entered: Array<{ id: string; field: FieldName; value: unknown; round: number }> = [];

let ids: Map<string, JsonRow>;
let karaj: string[] = [];
let police: string[] = [];
let round1 = '';
let round1History: string[][] = [];

test('1. import two meetings; the seed again adds nothing', async () => {
  expect(await ok('import', SEED_MINUTES, '-o', reg, '--today', '1401/04/20')).toMatch(/۹ ردیف تازه/);
  expect(await ok('import', TRAFFIC, '--into', reg, '--today', '1402/05/20')).toMatch(/۱۰ ردیف تازه/);
  const before = readFileSync(reg);
  expect(await ok('import', SEED_MINUTES, '--into', reg, '--today', '1402/05/20')).toMatch(/پیش‌تر وارد شده/);
  expect(readFileSync(reg).equals(before)).toBe(true);
  const { rows } = await validateJson('1402/05/25');
  expect(rows).toHaveLength(19);
  ids = new Map(rows.map((r) => [r.id, r]));
  karaj = rows.filter((r) => r.agency === KARAJ).map((r) => r.id);
  police = rows.filter((r) => r.agency === POLICE).map((r) => r.id);
  expect([karaj.length, police.length]).toEqual([2, 2]);
});

test('2. round 1: two agencies fill their files, merge, history and register agree', async () => {
  round1 = join(dir, 'round1');
  await ok('agency-sheets', reg, '-o', round1, '--today', '1402/05/25');
  await editReturn(returnOf(round1, KARAJ), new Date('2023-08-17T06:00:00Z'), (sheet) => {
    fill(sheet, {
      [karaj[0]]: { status: 'در حال انجام', percent: '۸۰', report: 'جلسات قرارگاه شهرستان برگزار شد.', requestedDue: '۱۴۰۲/۰۷/۱۵', requestReason: 'نیاز به هماهنگی با استانداری' },
      [karaj[1]]: { status: 'انجام شده', percent: 100, report: 'میز خدمت برپا شد.', doneDate: '۱۴۰۱/۰۴/۱۵' },
    });
  });
  await editReturn(returnOf(round1, POLICE), new Date('2023-08-17T07:00:00Z'), (sheet) => {
    fill(sheet, { [police[0]]: { status: 'در حال انجام', percent: 0.8, report: 'تابلوها نصب می‌شود.' } });
    sheet.getCell(`${COL.percent}${rowOf(sheet, police[0])}`).numFmt = '0%';
    fill(sheet, { [police[1]]: { status: 'انجام شده', percent: 100, report: 'انجام شد.', doneDate: '۱۴۰۲/۰۵/۲۲' } });
  });
  entered.push(
    { id: karaj[0], field: 'status', value: 'in_progress', round: 1 },
    { id: karaj[0], field: 'percent', value: 80, round: 1 },
    { id: karaj[0], field: 'report', value: 'جلسات قرارگاه شهرستان برگزار شد.', round: 1 },
    { id: karaj[0], field: 'requestedDue', value: '1402/07/15', round: 1 },
    { id: karaj[0], field: 'requestReason', value: 'نیاز به هماهنگی با استانداری', round: 1 },
    { id: karaj[1], field: 'status', value: 'done', round: 1 },
    { id: karaj[1], field: 'percent', value: 100, round: 1 },
    { id: karaj[1], field: 'report', value: 'میز خدمت برپا شد.', round: 1 },
    { id: karaj[1], field: 'doneDate', value: '1401/04/15', round: 1 },
    { id: police[0], field: 'status', value: 'in_progress', round: 1 },
    { id: police[0], field: 'percent', value: 80, round: 1 },
    { id: police[0], field: 'report', value: 'تابلوها نصب می‌شود.', round: 1 },
    { id: police[1], field: 'status', value: 'done', round: 1 },
    { id: police[1], field: 'percent', value: 100, round: 1 },
    { id: police[1], field: 'report', value: 'انجام شد.', round: 1 },
    { id: police[1], field: 'doneDate', value: '1402/05/22', round: 1 },
  );
  const { status, report } = await merge('1402/05/26', returnOf(round1, KARAJ), returnOf(round1, POLICE));
  expect(report.files.map((f) => [f.outcome, f.rejected.length, f.conflicts.length])).toEqual([['applied', 0, 0], ['applied', 0, 0]]);
  expect(status).toBe(0);
  expect(report.files[0].requests).toEqual([expect.objectContaining({ id: karaj[0], requestedDue: '1402/07/15' })]);

  const rows = await rowsOf(reg);
  for (const e of entered) expect([e.id, e.field, rows.get(e.id)![e.field as keyof Assignment]]).toEqual([e.id, e.field, e.value]);
  // the requested deadline is recorded, not applied
  expect(rows.get(karaj[0])!.due).toBe(ids.get(karaj[0])!.due);

  round1History = await historyRows();
  expect(round1History).toHaveLength(entered.length);
  for (const e of entered) {
    expect(round1History.some((h) => h[3] === e.id && h[1] !== '' && h[2].includes(e.id === karaj[0] || e.id === karaj[1] ? KARAJ : POLICE))).toBe(true);
  }
});

let handStatusId = '';

test('3. the secretariat edits by hand, colours, imports a third meeting', async () => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(reg);
  const sheet = workbook.getWorksheet(SHEETS.register)!;
  // a status changed by hand on a row no agency has answered yet
  handStatusId = [...ids.values()].find((r) => r.agency === 'فرمانداری طالقان')!.id;
  sheet.getCell(`${COL.status}${rowOf(sheet, handStatusId)}`).value = 'انجام شده';
  sheet.getCell(`${COL.percent}${rowOf(sheet, handStatusId)}`).value = 100;
  // typed as a date Excel recognised: a real date cell (1401/05/01)
  sheet.getCell(`${COL.doneDate}${rowOf(sheet, handStatusId)}`).value = new Date(Date.UTC(2022, 6, 23));
  // its own column of notes after the tool's columns
  const extra = sheet.getRow(1).cellCount + 1;
  sheet.getRow(1).getCell(extra).value = NOTE_HEADER;
  for (const id of [...karaj, ...police]) sheet.getRow(rowOf(sheet, id)).getCell(extra).value = `پیگیری تلفنی ${id.slice(-4)}`;
  // sorted by agency, the way Data → Sort moves whole rows
  const last = sheet.rowCount;
  const values = [];
  for (let r = 2; r <= last; r++) values.push(sheet.getRow(r).values as ExcelJS.CellValue[]);
  const agencyCol = Number(sheet.getColumn(COL.agency).number);
  values.sort((a, b) => String(a[agencyCol]).localeCompare(String(b[agencyCol]), 'fa'));
  values.forEach((v, i) => { sheet.getRow(i + 2).values = v; });
  workbook.modified = new Date('2023-08-20T06:00:00Z');
  await workbook.xlsx.writeFile(reg);

  await ok('color', reg, '-o', reg, '--today', '1402/05/30');
  expect(await historyRows()).toEqual(round1History);
  expect(await ok('import', CITY, '--into', reg, '--today', '1402/06/05')).toMatch(/ردیف تازه/);
  expect(await historyRows()).toEqual(round1History);
});

test('4. round 2: edits, a stale round-1 file, a file merged twice', async () => {
  const round2 = join(dir, 'round2');
  await ok('agency-sheets', reg, '-o', round2, '--today', '1402/06/10');
  await editReturn(returnOf(round2, KARAJ), new Date('2023-09-01T06:00:00Z'), (sheet) => {
    fill(sheet, { [karaj[0]]: { status: 'انجام شده', percent: '۱۰۰', doneDate: '۱۴۰۲/۰۶/۰۸', report: 'جلسات برگزار و مشکلات رفع شد.' } });
  });
  await editReturn(returnOf(round2, POLICE), new Date('2023-09-01T07:00:00Z'), (sheet) => {
    fill(sheet, { [police[0]]: { percent: 90, report: 'تابلوها نصب شد؛ خط‌کشی مانده است.' } });
    fill(sheet, { [police[1]]: { report: 'انجام شد؛ صورتجلسه پیوست است.' } });
  });
  // meanwhile the secretariat types its own word into the same report cell
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(reg);
  const regSheet = book.getWorksheet(SHEETS.register)!;
  regSheet.getCell(`${COL.report}${rowOf(regSheet, police[1])}`).value = 'انجام شد (تأیید دبیرخانه)';
  book.modified = new Date('2023-09-01T08:00:00Z');
  await book.xlsx.writeFile(reg);
  entered.push(
    { id: karaj[0], field: 'status', value: 'done', round: 2 },
    { id: karaj[0], field: 'percent', value: 100, round: 2 },
    { id: karaj[0], field: 'doneDate', value: '1402/06/08', round: 2 },
    { id: karaj[0], field: 'report', value: 'جلسات برگزار و مشکلات رفع شد.', round: 2 },
    { id: police[0], field: 'percent', value: 90, round: 2 },
    { id: police[0], field: 'report', value: 'تابلوها نصب شد؛ خط‌کشی مانده است.', round: 2 },
  );
  const first = await merge('1402/06/12', returnOf(round2, KARAJ), returnOf(round2, POLICE));
  expect(first.report.files.map((f) => [f.outcome, f.rejected.length, f.conflicts.length])).toEqual([['applied', 0, 0], ['applied', 0, 1]]);
  expect(first.report.files[1].conflicts.map((c) => [c.id, c.field, c.ours, c.theirs])).toEqual([
    [police[1], 'report', 'انجام شد (تأیید دبیرخانه)', 'انجام شد؛ صورتجلسه پیوست است.'],
  ]);
  expect(first.status).toBe(1);

  // the stale Karaj file of round 1 arrives again by email; Police's round-2 file is sent twice
  const again = await merge('1402/06/13', returnOf(round1, KARAJ), returnOf(round2, POLICE));
  const [stale, twice] = again.report.files;
  // the conflict is still there for the secretariat to decide
  expect(twice.conflicts.map((c) => [c.id, c.field])).toEqual([[police[1], 'report']]);
  // its answers were taken in round 1 and the agency's own later answers replaced them: outdated,
  // not conflicts for the secretariat to decide again
  expect(stale.outcome).toBe('already_merged');
  expect(stale.conflicts).toEqual([]);
  expect(stale.outdated.map((o) => [o.id, o.field, o.theirs, o.why])).toEqual([
    [karaj[0], 'status', 'in_progress', 'changed_since'],
    [karaj[0], 'percent', 80, 'changed_since'],
    [karaj[0], 'report', 'جلسات قرارگاه شهرستان برگزار شد.', 'changed_since'],
  ]);
  expect(again.status).toBe(1); // the police conflict still needs a look
  expect(twice.outcome).toBe('already_merged');
  expect(twice.cellsApplied).toBe(0);
  expect(stale.cellsApplied).toBe(0);
  expect(again.report.rowsChanged).toBe(0);

  entered.push({ id: police[1], field: 'report', value: 'انجام شد؛ صورتجلسه پیوست است.', round: 2 });
  const rows = await rowsOf(reg);
  const history = await historyRows();
  // nothing an agency typed is lost: its latest value is in the register or reported as a
  // conflict or refusal; a value replaced later (by the agency or the secretariat) is in the history
  const reported = reports.flatMap((r) => r.files).flatMap((f) => [
    ...f.conflicts.map((c) => `${c.id}|${c.field}|${String(c.theirs)}`),
    ...f.rejected.filter((x) => x.field).map((x) => `${x.id}|${x.field}`),
  ]);
  const latest = new Map<string, unknown>();
  for (const e of entered) latest.set(`${e.id}|${e.field}`, e.value);
  for (const e of entered) {
    const key = `${e.id}|${e.field}`;
    const where = rows.get(e.id)![e.field as keyof Assignment] === e.value ? 'register'
      : reported.includes(`${key}|${String(e.value)}`) || reported.includes(key) ? 'report'
        : latest.get(key) !== e.value && history.some((h) => h[3] === e.id && h[4] === fieldHeader(e.field)) ? 'history' : 'lost';
    expect([key, e.value, where]).not.toEqual([key, e.value, 'lost']);
  }
  expect(rows.get(karaj[0])).toMatchObject({ status: 'done', percent: 100, doneDate: '1402/06/08' });
  expect(rows.get(police[0])).toMatchObject({ status: 'in_progress', percent: 90 });
  expect(history.slice(0, round1History.length)).toEqual(round1History);
  expect(history).toHaveLength(round1History.length + 6);
  // the secretariat's word stands, the agency's is in the report
  expect(rows.get(police[1])!.report).toBe('انجام شد (تأیید دبیرخانه)');
});

test('5. at the end: hand edits, extra column, ids, validate and summary', async () => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(reg);
  const sheet = workbook.getWorksheet(SHEETS.register)!;
  const header = (sheet.getRow(1).values as unknown[]).map(String);
  const noteCol = header.indexOf(NOTE_HEADER);
  expect(noteCol).toBeGreaterThan(0);
  for (const id of [...karaj, ...police]) expect(sheet.getRow(rowOf(sheet, id)).getCell(noteCol).value).toBe(`پیگیری تلفنی ${id.slice(-4)}`);
  const rows = await rowsOf(reg);
  expect(rows.get(handStatusId)).toMatchObject({ status: 'done', percent: 100, doneDate: '1401/05/01' });

  const { rows: finalRows, issues } = await validateJson('1402/06/15');
  for (const [id, r] of ids) expect(finalRows.find((f) => f.id === id)).toMatchObject({ id, agency: r.agency, due: r.due });
  expect(new Set(finalRows.map((r) => r.id)).size).toBe(finalRows.length);
  // only what the minutes themselves carry: no warning from the merges, the hand edits or the sort
  expect(new Set(issues.map((i) => i.code))).toEqual(new Set(['deadline_conditional', 'deadline_missing', 'text_date_after_due']));
  const errors = issues.filter((i) => i.severity === 'error');
  expect(errors).toEqual([]);

  const summaryPath = join(dir, 'summary.xlsx');
  await ok('summary', reg, '-o', summaryPath, '--today', '1402/06/15');
  const summary = new ExcelJS.Workbook();
  await summary.xlsx.readFile(summaryPath);
  const s = summary.getWorksheet(SHEETS.summary)!;
  const perAgency = new Map<string, unknown[]>();
  s.eachRow((row) => { const v = row.values as unknown[]; if (typeof v[1] === 'string') perAgency.set(v[1], v); });
  const percentCol = (perAgency.get('دستگاه اجرایی') as string[]).indexOf('درصد انجام');
  // Karaj: both rows done → 100; Police: one of two done → 50; Taleghan: done by hand → 100
  expect(perAgency.get(KARAJ)![percentCol]).toBe(100);
  expect(perAgency.get(POLICE)![percentCol]).toBe(50);
  expect(perAgency.get('فرمانداری طالقان')![percentCol]).toBe(100);
});
