/**
 * One writer per register: two real processes writing the same register many times lose
 * nothing; a busy register makes the second writer wait, then stop with a message; a lock left
 * by a dead process is taken over; a register changed behind the lock is not written over.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withFileLocks } from '../adapters/files/registerLock';
import { writeFileAtomic } from '../adapters/files/atomicFile';
import { fillEveryRow, rowsOf } from './fixtures/returns/helpers';
import { RETURNS_AT, RETURNS_REGISTER_ROWS } from './fixtures/returns/registerRows';
import { cli, SEED_MINUTES, tempDir } from './helpers';
import { registerFile } from './registerHelpers';
import { writeAgencySheets } from '../usecases/agencySheets';

const MAIN = join(__dirname, '..', 'dist/cli/main.js');

/** Run a shell loop of CLI calls in a child process; resolves with its exit status and output. */
function loop(commands: string[][]): Promise<{ status: number | null; out: string }> {
  const script = commands.map((args) => [process.execPath, MAIN, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ') + ' || echo "FAILED $?"').join('\n');
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (status) => resolve({ status, out }));
  });
}

/** The seed minutes as another session of the same body (a different meeting id). */
function sessionMinutes(dir: string, ordinal: string): string {
  const path = join(dir, `minutes-${ordinal}.txt`);
  writeFileSync(path, readFileSync(SEED_MINUTES, 'utf8').replace(/دوازدهمین/g, ordinal));
  return path;
}

const ORDINALS = ['یکمین', 'دومین', 'سومین', 'چهارمین', 'پنجمین', 'ششمین'];

describe('two processes writing one register', () => {
  it('import --into from two processes, six times each: every meeting and row of both is there', async () => {
    const dir = tempDir('mosavabat-lock-import-');
    const register = join(dir, 'register.xlsx');
    expect((await cli('import', SEED_MINUTES, '-o', register, '--today', '1401/04/20')).status).toBe(0);
    const first = ORDINALS.map((o) => sessionMinutes(dir, `بیست و ${o}`)); // sessions 21–26
    const second = ORDINALS.map((o) => sessionMinutes(dir, `سی و ${o}`)); // sessions 31–36
    const [a, b] = await Promise.all([
      loop(first.map((m) => ['import', m, '--into', register, '--today', '1401/04/20'])),
      loop(second.map((m) => ['import', m, '--into', register, '--today', '1401/04/20'])),
    ]);
    expect(a.out).not.toContain('FAILED');
    expect(b.out).not.toContain('FAILED');
    const rows = await rowsOf(register);
    const meetings = new Set([...rows.values()].map((r) => r.id.split('-').slice(0, 2).join('-')));
    const expected = ['14010409-12', ...[21, 22, 23, 24, 25, 26, 31, 32, 33, 34, 35, 36].map((n) => `14010409-${n}`)];
    expect([...meetings].sort()).toEqual(expected.sort());
    expect(rows.size).toBe(13 * 9);
  }, 120_000);

  it('merge of two agencies\' returns into the register in place, from two processes, three rounds: both agencies\' values are there', async () => {
    const dir = tempDir('mosavabat-lock-merge-');
    const original = await registerFile(dir, RETURNS_REGISTER_ROWS());
    const made = await writeAgencySheets(original, join(dir, 'returns'), { at: RETURNS_AT });
    const [fileA, fileB] = made.files.map((f) => f.path);
    const filled = async (source: string, percent: number, name: string) => {
      const path = join(dir, name);
      return { path, ids: await fillEveryRow(source, percent, path) };
    };
    const a = await filled(fileA, 40, 'a.xlsx');
    const b = await filled(fileB, 60, 'b.xlsx');
    expect(a.ids.length).toBeGreaterThan(0);
    expect(b.ids.length).toBeGreaterThan(0);
    for (let round = 1; round <= 3; round++) {
      const register = join(dir, `register-${round}.xlsx`);
      copyFileSync(original, register);
      const [ra, rb] = await Promise.all([
        loop([['merge', register, a.path, '-o', register, '--today', '1401/05/01']]),
        loop([['merge', register, b.path, '-o', register, '--today', '1401/05/01']]),
      ]);
      expect(ra.out).not.toContain('FAILED');
      expect(rb.out).not.toContain('FAILED');
      const rows = await rowsOf(register);
      for (const id of a.ids) expect([id, rows.get(id)?.percent]).toEqual([id, 40]);
      for (const id of b.ids) expect([id, rows.get(id)?.percent]).toEqual([id, 60]);
    }
  }, 120_000);
});

describe('a busy or abandoned lock', () => {
  it('a second writer waits, says so, and stops with a clear error after the bounded wait; the register is unchanged', () => {
    const dir = tempDir('mosavabat-lock-busy-');
    const register = join(dir, 'register.xlsx');
    spawnSync(process.execPath, [MAIN, 'import', SEED_MINUTES, '-o', register]);
    const before = readFileSync(register);
    mkdirSync(`${register}.lock`); // another writer's fresh lock
    const result = spawnSync(process.execPath, [MAIN, 'color', register, '-o', register], {
      encoding: 'utf8', env: { ...process.env, MOSAVABAT_LOCK_WAIT_MS: '1500' },
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('در دست کار دیگری است؛ تا آزاد شدن آن صبر می‌کنیم');
    expect(result.stderr).toContain('پس از ۲ ثانیه انتظار هنوز آزاد نشد؛ چیزی نوشته نشد');
    expect(readFileSync(register).equals(before)).toBe(true);
  });

  it('a lock left by a process that died (not refreshed for longer than the stale time) is taken over', async () => {
    const dir = tempDir('mosavabat-lock-stale-');
    const register = join(dir, 'register.xlsx');
    expect((await cli('import', SEED_MINUTES, '-o', register)).status).toBe(0);
    mkdirSync(`${register}.lock`);
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(`${register}.lock`, minuteAgo, minuteAgo);
    const result = await cli('import', sessionMinutes(dir, 'بیستمین'), '--into', register);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect((await rowsOf(register)).size).toBe(18);
  });

  it('a locked file changed by someone else after it was read is not written over', async () => {
    const dir = tempDir('mosavabat-lock-changed-');
    const path = join(dir, 'register.xlsx');
    writeFileSync(path, 'as read');
    const attempt = withFileLocks([path], async () => {
      writeFileSync(path, 'saved in Excel meanwhile');
      await writeFileAtomic(path, Buffer.from('merged'));
    });
    await expect(attempt).rejects.toMatchObject({ code: 'register_changed' });
    expect(readFileSync(path, 'utf8')).toBe('saved in Excel meanwhile');
  });
});
