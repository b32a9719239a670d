/** `import` into a register workbook: a new register, adding a meeting, importing twice. */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { JalaliDate } from '../core/jalali';
import { SHEETS } from '../core/register/fields';
import { importMinutesIntoRegister } from '../usecases/importMinutesIntoRegister';
import { validateRegisterFile } from '../usecases/validateRegisterFile';
import { SEED_MINUTES, tempDir } from './helpers';
import { patchZip } from './registerHelpers';

const today = JalaliDate.of(1401, 4, 20);
const now = new Date(Date.UTC(2022, 6, 11, 6, 0));

/** The seed minutes as another meeting: the thirteenth, a week later. */
function secondMeeting(dir: string): string {
  const text = readFileSync(SEED_MINUTES, 'utf8').replace(/دوازدهمین/g, 'سیزدهمین').replace(/۱۴۰۱\/۰۴\/۰۹/g, '۱۴۰۱/۰۴/۱۶');
  const path = join(dir, 'minutes-13.txt');
  writeFileSync(path, text);
  return path;
}

describe('importMinutesIntoRegister', () => {
  it('creates a register, adds a second meeting, and adds nothing when the same minutes come again', async () => {
    const dir = tempDir();
    const register = join(dir, 'register.xlsx');
    const first = await importMinutesIntoRegister(SEED_MINUTES, { output: register, today, now });
    expect(first).toMatchObject({ output: register, meetingId: '14010409-12', meetingAdded: true, added: 9, existing: 0 });
    expect(first.agenciesAdded).toContain('فرمانداری کرج');

    const second = await importMinutesIntoRegister(secondMeeting(dir), { into: register, today, now });
    expect(second).toMatchObject({ output: register, meetingId: '14010416-13', meetingAdded: true, added: 9, existing: 0 });
    expect(second.agenciesAdded).toEqual([]);

    const mtime = statSync(register).mtimeMs;
    const again = await importMinutesIntoRegister(SEED_MINUTES, { into: register, today, now });
    expect(again).toMatchObject({ meetingAdded: false, added: 0, existing: 9 });
    expect(again.output).toBeUndefined();
    expect(statSync(register).mtimeMs).toBe(mtime);

    const validated = await validateRegisterFile(register, { today });
    expect(validated.analysis.rows).toHaveLength(18);
    expect(new Set(validated.analysis.rows.map((r) => r.assignment.id)).size).toBe(18);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(register);
    expect(workbook.getWorksheet(SHEETS.meetings)!.getColumn(1).values.slice(2)).toEqual(['14010409-12', '14010416-13']);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['مصوبات', 'جلسات', 'دستگاه‌ها', 'تنظیمات', 'خلاصه', 'مهلت گذشته', 'راهنما']);
  });

  it('refuses to create a register over an existing file, and needs a target', async () => {
    const dir = tempDir();
    const register = join(dir, 'register.xlsx');
    await importMinutesIntoRegister(SEED_MINUTES, { output: register, today, now });
    await expect(importMinutesIntoRegister(SEED_MINUTES, { output: register, today, now })).rejects.toMatchObject({ code: 'output_exists' });
    await expect(importMinutesIntoRegister(SEED_MINUTES, { today, now })).rejects.toMatchObject({ code: 'import_target_missing' });
  });

  it('adds into a copy, not the register, when the register has charts that would be lost', async () => {
    const dir = tempDir();
    const register = join(dir, 'register.xlsx');
    await importMinutesIntoRegister(SEED_MINUTES, { output: register, today, now });
    patchZip(register, (files) => [...files, { name: 'xl/charts/chart1.xml', data: '<c:chartSpace/>' }]);
    const before = readFileSync(register);
    const result = await importMinutesIntoRegister(secondMeeting(dir), { into: register, today, now });
    expect(result.output).toBe(join(dir, 'register-جدید.xlsx'));
    expect(result.notice?.fa).toContain('نمودار');
    expect(readFileSync(register).equals(before)).toBe(true);
    expect((await validateRegisterFile(result.output!, { today })).analysis.rows).toHaveLength(18);
  });

  it('reports the minutes warnings with their rows', async () => {
    const dir = tempDir();
    const result = await importMinutesIntoRegister(SEED_MINUTES, { output: join(dir, 'r.xlsx'), today, now });
    expect(result.warnings.some((w) => w.row === 2)).toBe(true);
  });
});
