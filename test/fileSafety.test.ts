/**
 * Files are never replaced or exposed by surprise: outputs the command did not make need
 * --force, filled-in returns are kept, in-place rewrites keep mode and group and refuse read-only
 * files, the merge report comes before the register, and a writer killed at any moment leaves
 * the old register or the new one, with no temporary file after the next run.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { writeAgencySheets } from '../usecases/agencySheets';
import { temporaryPath } from '../adapters/files/atomicFile';
import { fillEveryRow, rowsOf } from './fixtures/returns/helpers';
import { RETURNS_AT, RETURNS_REGISTER_ROWS } from './fixtures/returns/registerRows';
import { cli, SEED_MINUTES, tempDir } from './helpers';
import { registerFile } from './registerHelpers';

const MAIN = join(__dirname, '..', 'dist/cli/main.js');

/** A workbook someone made in a spreadsheet program (not this tool). */
async function someonesWorkbook(path: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'کارشناس دبیرخانه';
  workbook.addWorksheet('بودجه').getCell('A1').value = 'مهم';
  await workbook.xlsx.writeFile(path);
  return readFileSync(path);
}

describe('outputs the command did not make', () => {
  it('color -o, merge -o and summary -o refuse to write over someone\'s workbook unless --force', async () => {
    const dir = tempDir('mosavabat-force-');
    const register = join(dir, 'register.xlsx');
    expect((await cli('import', SEED_MINUTES, '-o', register)).status).toBe(0);
    const other = join(dir, 'بودجه.xlsx');
    const before = await someonesWorkbook(other);

    const color = await cli('color', register, '-o', other);
    expect(color.status).toBe(2);
    expect(color.stderr).toContain('از قبل هست و این فرمان آن را نساخته است');
    const merge = await cli('merge', register, register, '-o', other);
    expect(merge.status).toBe(2);
    expect(merge.stderr).toContain('--force');
    expect(readFileSync(other).equals(before)).toBe(true);

    const summary = await cli('summary', register, '-o', other);
    expect(summary.status).toBe(2);
    expect(summary.stderr).toContain('--force');
    expect(readFileSync(other).equals(before)).toBe(true);

    const forced = await cli('color', register, '-o', other, '--force');
    expect(forced.status).toBe(0);
    expect(readFileSync(other).equals(before)).toBe(false);
    // its own earlier output is replaced without --force
    expect((await cli('color', register, '-o', other)).status).toBe(0);
  });

  it('agency-sheets run again keeps a return that was filled in and writes the new one beside it', async () => {
    const dir = tempDir('mosavabat-refill-');
    const register = await registerFile(dir, RETURNS_REGISTER_ROWS());
    const out = join(dir, 'returns');
    const first = await writeAgencySheets(register, out, { at: RETURNS_AT });
    const filled = first.files[0].path;
    const untouched = first.files[1].path;
    await fillEveryRow(filled, 30);
    const filledBytes = readFileSync(filled);

    const again = await writeAgencySheets(register, out, { at: RETURNS_AT });
    expect(readFileSync(filled).equals(filledBytes)).toBe(true);
    expect(again.kept).toEqual([{ path: filled, instead: filled.replace(/\.xlsx$/, ' (2).xlsx') }]);
    const renamed = filled.replace(/\.xlsx$/, ' (2).xlsx');
    expect(existsSync(renamed)).toBe(true);
    // the return nobody touched is simply made again under its own name
    expect(existsSync(untouched.replace(/\.xlsx$/, ' (2).xlsx'))).toBe(false);
  });
});

describe('in-place rewrites', () => {
  it('keep the register\'s permissions and group', async () => {
    const dir = tempDir('mosavabat-mode-');
    const register = join(dir, 'register.xlsx');
    expect((await cli('import', SEED_MINUTES, '-o', register)).status).toBe(0);
    chmodSync(register, 0o640);
    chownSync(register, statSync(register).uid, 4); // group adm: a shared secretariat group
    expect((await cli('color', register, '-o', register)).status).toBe(0);
    const after = statSync(register);
    expect(after.mode & 0o7777).toBe(0o640);
    expect(after.gid).toBe(4);
  });

  it('refuse a read-only register and leave it as it was', async () => {
    const dir = tempDir('mosavabat-readonly-');
    const register = join(dir, 'register.xlsx');
    expect((await cli('import', SEED_MINUTES, '-o', register)).status).toBe(0);
    chmodSync(register, 0o444);
    const before = readFileSync(register);
    const result = await cli('import', SEED_MINUTES, '--into', register, '--urgent-days', '5');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('فقط‌خواندنی است');
    expect(readFileSync(register).equals(before)).toBe(true);
  });

  it('merge --report that cannot be written leaves the register unmerged', async () => {
    const dir = tempDir('mosavabat-report-');
    const register = await registerFile(dir, RETURNS_REGISTER_ROWS());
    const made = await writeAgencySheets(register, join(dir, 'returns'), { at: RETURNS_AT });
    await fillEveryRow(made.files[0].path, 40);
    const before = readFileSync(register);
    const result = await cli('merge', register, made.files[0].path, '-o', register, '--report', join(dir, 'no-such-folder', 'report.json'));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('report.json');
    expect(readFileSync(register).equals(before)).toBe(true);
  });
});

describe('a writer killed at any moment', () => {
  it('leaves the old register or the new one, and the next run leaves no temporary file', async () => {
    const dir = tempDir('mosavabat-kill-');
    const register = await registerFile(dir, RETURNS_REGISTER_ROWS());
    const made = await writeAgencySheets(register, join(dir, 'returns'), { at: RETURNS_AT });
    const filled = join(dir, 'filled.xlsx');
    const ids = await fillEveryRow(made.files[0].path, 40, filled);
    const original = readFileSync(register);
    const before = await rowsOf(register);
    const unmerged = ids.map((id) => before.get(id)?.percent ?? null);
    expect(unmerged).not.toEqual(ids.map(() => 40));
    const env = { ...process.env, MOSAVABAT_LOCK_STALE_MS: '2000' };
    const temps = () => readdirSync(dir).filter((name) => name.startsWith('.register.xlsx.'));
    // a leftover of a writer that died earlier (its process is gone)
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(temporaryPath(register).replace(`-${process.pid}-`, `-${dead}-`), 'partial');
    expect(temps()).toHaveLength(1);
    for (let trial = 0; trial < 10; trial++) {
      if (trial % 2 === 1) writeFileSync(register, original); // half the trials start from the unmerged register
      const child = spawn(process.execPath, [MAIN, 'merge', register, filled, '-o', register], { env, stdio: 'ignore' });
      const closed = new Promise((r) => child.on('close', r));
      await new Promise((r) => setTimeout(r, 150 + Math.floor(Math.random() * 1200)));
      child.kill('SIGKILL');
      await closed;
      const rows = await rowsOf(register);
      expect(rows.size).toBe(before.size);
      const percents = ids.map((id) => rows.get(id)?.percent ?? null);
      expect([ids.map(() => 40), unmerged]).toContainEqual(percents); // all merged or none: never half

      const next = spawnSync(process.execPath, [MAIN, 'merge', register, filled, '-o', register], { env, encoding: 'utf8' });
      // the killed writer's lock is taken over once stale (the run says it waits)
      expect([next.status, next.stderr.replace(/^.*(صبر می‌کنیم|waiting for it).*\n/gm, '')]).toEqual([0, '']);
      expect(temps()).toEqual([]);
      const merged = await rowsOf(register);
      expect(ids.map((id) => merged.get(id)?.percent)).toEqual(ids.map(() => 40));
    }
  }, 180_000);
});
