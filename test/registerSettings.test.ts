/**
 * The register's `تنظیمات` sheet end to end: written by import -o/--into from the flags, read and
 * honoured by validate, color and --into, tolerant of hand edits, reported cell by cell when bad,
 * and added to older registers when they are rewritten.
 */
import { STATE_WORDS } from './expectedWords';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { SHEETS } from '../core/register/fields';
import { colorRegisterFile } from '../usecases/colorRegisterFile';
import { validateRegisterFile } from '../usecases/validateRegisterFile';
import { JalaliDate } from '../core/jalali';
import { cli, FIXTURES, tempDir } from './helpers';
import { assignment, editWithExcelJS, registerFile } from './registerHelpers';
import { writeAgencySheets } from '../usecases/agencySheets';
import { mergeReturnFiles } from '../usecases/mergeReturns';
import { COL, fill, rowOf as sheetRowOf } from './fixtures/returns/helpers';

const HEALTH = join(FIXTURES, 'minutes', 'health-working-group-1402-11-28.txt');
const TRAFFIC = join(FIXTURES, 'minutes', 'traffic-council-1402-05-17.txt');
const EDUCATION = join(FIXTURES, 'minutes', 'education-council-1403-12-20.txt');

interface JsonRow { id: string; row: number; agency: string; due: string | null; state: string }
interface JsonIssue { severity: string; code: string; sheet: string; cell: string; message: string }

async function validateJson(register: string, ...args: string[]): Promise<{ status: number; rows: JsonRow[]; issues: JsonIssue[] }> {
  const result = await cli('validate', register, '--json', ...args);
  return { status: result.status, ...JSON.parse(result.stdout) };
}

/** The row of resolution `row` of the meeting held on `date` (`YYYYMMDD`, as ids begin). */
function rowOf(rows: JsonRow[], date: string, row: number): JsonRow {
  const found = rows.filter((r) => new RegExp(`^${date}-\\d+-${row}-`).test(r.id));
  expect(found).toHaveLength(1);
  return found[0];
}

/** Set cells of the settings sheet as a person would in Excel. */
function editSettings(register: string, cells: Record<string, string | number | null>): Promise<void> {
  return editWithExcelJS(register, (workbook) => {
    const sheet = workbook.getWorksheet(SHEETS.settings)!;
    for (const [address, value] of Object.entries(cells)) sheet.getCell(address).value = value;
  });
}

async function settingsValues(path: string): Promise<unknown[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.getWorksheet(SHEETS.settings);
  if (!sheet) return [];
  return (sheet.getColumn(2).values as unknown[]).slice(1);
}

// meeting Sat 1402/11/28; «۵ روز کاری»: Sun 29, Mon 30, Tue 12/01, Wed 12/02, then Thu 12/03 or (skipping Thu, Fri) Sat 12/05
const HEALTH_ID = '14021128';

describe('the settings sheet written by import -o', () => {
  it('--thursday-workday gives «۵ روز کاری» due dates counting Thursdays, and validate agrees (no due_mismatch)', async () => {
    const dir = tempDir();
    const register = join(dir, 'register.xlsx');
    const created = await cli('import', HEALTH, '-o', register, '--thursday-workday', '--today', '1402/11/28');
    expect(created.status).toBe(0);
    expect(await settingsValues(register)).toEqual(['مقدار', 'بله', '۳', '۷']);
    const { rows, issues } = await validateJson(register, '--today', '1402/11/28');
    expect(rowOf(rows, HEALTH_ID, 7).due).toBe('1402/12/03');
    expect(issues.filter((i) => i.code === 'due_mismatch')).toEqual([]);
    expect(issues.filter((i) => i.code === 'setting_invalid')).toEqual([]);
  });

  it('a register made without the flag has the defaults, and its due dates skip Thursday', async () => {
    const dir = tempDir();
    const register = join(dir, 'register.xlsx');
    await cli('import', HEALTH, '-o', register, '--urgent-days', '۲', '--due-soon-days', '10', '--holidays', '1402/12/20');
    expect(await settingsValues(register)).toEqual(['مقدار', 'خیر', '۲', '۱۰', '۱۴۰۲/۱۲/۲۰']);
    const { rows, issues } = await validateJson(register, '--today', '1402/11/28');
    expect(rowOf(rows, HEALTH_ID, 7).due).toBe('1402/12/05');
    expect(issues.filter((i) => i.code === 'due_mismatch')).toEqual([]);
  });
});

describe('a settings sheet edited by hand', () => {
  it('is honoured by validate and color: Persian digits, بلی, a wider due-soon window; --due-soon-days still wins', async () => {
    const dir = tempDir();
    const register = join(dir, 'register.xlsx');
    await cli('import', HEALTH, '-o', register);
    // 9 days before the due date 1402/12/05
    const before = await validateJson(register, '--today', '1402/11/26');
    expect(rowOf(before.rows, HEALTH_ID, 7).state).toBe('on_track');
    expect(before.issues.filter((i) => i.code === 'due_mismatch')).toEqual([]);

    await editSettings(register, { B2: 'بلی', B4: '۱۰' });
    const after = await validateJson(register, '--today', '1402/11/26');
    expect(rowOf(after.rows, HEALTH_ID, 7).state).toBe('due_soon');
    // the due date was made before Thursday counted: now the phrase gives 12/03
    const mismatch = after.issues.filter((i) => i.code === 'due_mismatch');
    expect(mismatch).toHaveLength(1);
    expect(mismatch[0].message).toContain('۱۴۰۲/۱۲/۰۳');
    const overridden = await validateJson(register, '--today', '1402/11/26', '--due-soon-days', '3');
    expect(rowOf(overridden.rows, HEALTH_ID, 7).state).toBe('on_track');

    for (const engine of ['stream', 'whole'] as const) {
      const output = join(dir, `colored-${engine}.xlsx`);
      const colored = await colorRegisterFile(register, { output, today: JalaliDate.parse('1402/11/26'), engine });
      expect(colored.counts.due_soon).toBeGreaterThan(0);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(output);
      const sheet = workbook.getWorksheet(SHEETS.register)!;
      const stateCol = (sheet.getRow(1).values as unknown[]).indexOf('وضعیت مهلت');
      const words = (sheet.getColumn(stateCol).values as unknown[]).slice(2);
      expect(words).toContain(STATE_WORDS.due_soon);
      // the person's words are kept as typed
      expect(await settingsValues(output)).toEqual(['مقدار', 'بلی', '۳', '۱۰']);
    }
  });

  it('holidays listed in the sheet move a «روز کاری» due date of a meeting added with --into', async () => {
    const dir = tempDir();
    const register = join(dir, 'register.xlsx');
    await cli('import', TRAFFIC, '-o', register);
    // Eid al-Fitr 1404, typed in two ways; the list runs down column B
    await editSettings(register, { B5: '۱۴۰۴/۰۱/۱۰', B6: '1404-1-11' });
    const added = await cli('import', EDUCATION, '--into', register);
    expect(added.status).toBe(0);
    const { rows, issues } = await validateJson(register, '--today', '1403/12/20');
    // after Sat 1/9 (9th working day) come 1/10–1/13 and Thu/Fri: Sat 1/16 is the 10th
    expect(rowOf(rows, '14031220', 4).due).toBe('1404/01/16');
    expect(issues.filter((i) => i.code === 'due_mismatch' || i.code === 'setting_invalid')).toEqual([]);
  });

  it('flags given with --into update the sheet, say so, and date the new meeting', async () => {
    const dir = tempDir();
    const register = join(dir, 'register.xlsx');
    await cli('import', TRAFFIC, '-o', register);
    const added = await cli('import', EDUCATION, '--into', register, '--holidays', '۱۴۰۴/۰۱/۱۰,۱۴۰۴/۰۱/۱۱');
    expect(added.stdout).toContain('برگه «تنظیمات» دفتر به‌روز شد: تعطیلات رسمی دیگر: ۱۴۰۴/۰۱/۱۰، ۱۴۰۴/۰۱/۱۱');
    expect(await settingsValues(register)).toEqual(['مقدار', 'خیر', '۳', '۷', '۱۴۰۴/۰۱/۱۰', '۱۴۰۴/۰۱/۱۱']);
    const { rows } = await validateJson(register, '--today', '1403/12/20');
    expect(rowOf(rows, '14031220', 4).due).toBe('1404/01/16');

    // the same minutes again with a new setting: no new rows, but the sheet is updated
    const again = await cli('import', EDUCATION, '--into', register, '--thursday-workday');
    expect(again.stdout).toContain('پنجشنبه روز کاری است: بله');
    expect((await settingsValues(register))[1]).toBe('بله');
    const quiet = await cli('import', EDUCATION, '--into', register, '--thursday-workday');
    expect(quiet.stdout).not.toContain('تنظیمات');
    expect(quiet.stdout).toContain('فایل دست نخورد');
    await cli('import', TRAFFIC, '--into', register);
    expect((await settingsValues(register))[1]).toBe('بله');
    const back = await cli('import', EDUCATION, '--into', register, '--no-thursday-workday');
    expect(back.stdout).toContain('پنجشنبه روز کاری است: خیر');
    expect((await settingsValues(register))[1]).toBe('خیر');
  });
});

describe('bad settings cells and older registers', () => {
  it('a bad settings cell is an error naming the sheet and cell, and its default is used', async () => {
    const dir = tempDir();
    const register = join(dir, 'register.xlsx');
    await cli('import', HEALTH, '-o', register);
    await editSettings(register, { B2: 'شاید', B3: 'زیاد' });
    const result = await validateJson(register, '--today', '1402/11/28');
    expect(result.status).toBe(1);
    const bad = result.issues.filter((i) => i.code === 'setting_invalid');
    expect(bad.map((i) => [i.severity, i.sheet, i.cell])).toEqual([['error', 'تنظیمات', 'B2'], ['error', 'تنظیمات', 'B3']]);
    expect(bad[1].message).toContain('«زیاد»');
    // Thursday falls back to not a working day: the due date still agrees
    expect(rowOf(result.rows, HEALTH_ID, 7).due).toBe('1402/12/05');
    expect(result.issues.filter((i) => i.code === 'due_mismatch')).toEqual([]);
    const text = await cli('validate', register, '--today', '1402/11/28');
    expect(text.stdout).toContain('خطا B3: برگه «تنظیمات»، خانه B3');
  });

  it('a register without a settings sheet works with the defaults and gets the sheet when rewritten, in both engines', async () => {
    const dir = tempDir();
    const register = join(dir, 'old.xlsx');
    await cli('import', HEALTH, '-o', register);
    await editWithExcelJS(register, (workbook) => workbook.removeWorksheet(workbook.getWorksheet(SHEETS.settings)!.id));
    expect(await settingsValues(register)).toEqual([]);
    const checked = await validateRegisterFile(register, { today: JalaliDate.parse('1402/11/28') });
    expect(checked.analysis.issues.filter((i) => i.code === 'setting_invalid' || i.code === 'due_mismatch')).toEqual([]);

    for (const engine of ['stream', 'whole'] as const) {
      const output = join(dir, `colored-${engine}.xlsx`);
      await colorRegisterFile(register, { output, today: JalaliDate.parse('1402/11/28'), engine });
      expect(await settingsValues(output)).toEqual(['مقدار', 'خیر', '۳', '۷']);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(output);
      const names = workbook.worksheets.map((w) => w.name);
      expect(names.indexOf(SHEETS.settings)).toBe(names.indexOf(SHEETS.agencies) + 1);
      expect(workbook.getWorksheet(SHEETS.settings)!.views[0]).toMatchObject({ rightToLeft: true });
    }
    const into = await cli('import', EDUCATION, '--into', register);
    expect(into.status).toBe(0);
    expect(await settingsValues(register)).toEqual(['مقدار', 'خیر', '۳', '۷']);
  });
});

describe('agency-sheets and merge', () => {
  it('use the register\'s due-soon window', async () => {
    const dir = tempDir();
    // due 9 days after today: on track with the default window of 7, due soon with 10
    const register = await registerFile(dir, [assignment({ id: 's1', due: '1401/05/10' })]);
    await editSettings(register, { B4: '۱۰' });
    const at = new Date('2022-07-23T08:00:00Z'); // 1401/05/01 in Tehran
    const made = await writeAgencySheets(register, join(dir, 'out'), { at });
    const returned = new ExcelJS.Workbook();
    await returned.xlsx.readFile(made.files[0].path);
    const sheet = returned.worksheets[0];
    expect(sheet.getCell(`${COL.state}${sheetRowOf(sheet, 's1')}`).value).toBe(STATE_WORDS.due_soon);

    fill(sheet, { s1: { status: 'در حال انجام', percent: 50 } });
    await returned.xlsx.writeFile(made.files[0].path);
    const output = join(dir, 'merged.xlsx');
    const merged = await mergeReturnFiles(register, [made.files[0].path], { at, today: JalaliDate.parse('1401/05/01'), output });
    expect(merged.rowsChanged).toBe(1);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(output);
    const registerSheet = back.getWorksheet(SHEETS.register)!;
    expect(registerSheet.getCell(`${COL.state}${sheetRowOf(registerSheet, 's1')}`).value).toBe(STATE_WORDS.due_soon);
    expect(await settingsValues(output)).toEqual(['مقدار', 'خیر', '۳', '۱۰']);
  });
});
