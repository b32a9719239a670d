/**
 * Crash safety of the SQLite store: a child process commits uploads one after another and is
 * killed (SIGKILL) many times, each time after a different number of acknowledged commits.
 * After each kill the file passes SQLite's integrity check, every acknowledged upload is there
 * whole (its upload record, its two history lines, its row values), and no upload is there in part.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { tempDir } from '../../test/helpers';

const ROOT = join(__dirname, '..', '..');
const KILLS = 12;

/** Start the writer, kill it once it has acknowledged `acks` commits; the acknowledged numbers. */
function runAndKill(db: string, acks: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'test', 'runTs.js'), join(ROOT, 'test', 'storeCrashWriter.ts'), db], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: number[] = [];
    let buffered = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) acked.push(Number(line.replace('ack ', '')));
      if (acked.length >= acks) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(acked);
      else reject(new Error(`writer ended by itself (${code}): ${stderr}`));
    });
  });
}

describe('the SQLite store after a crash', () => {
  it('keeps every acknowledged upload whole, and nothing in part, over many kills', async () => {
    const db = join(tempDir('mosavabat-crash-'), 'store.sqlite');
    const acknowledged: number[] = [];
    for (let i = 0; i < KILLS; i++) {
      // 1 to 13 acknowledged commits before each kill, in a fixed mixed order
      acknowledged.push(...await runAndKill(db, 1 + ((i * 7) % 13)));
      const sqlite = new Database(db);
      try {
        expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
        const uploads = sqlite.prepare('SELECT id, hash, name FROM uploads ORDER BY id').all() as Array<{ id: number; hash: string; name: string }>;
        // uploads are 1, 2, … with no gap: a commit is there entirely or not at all
        expect(uploads.map((u) => u.name)).toEqual(uploads.map((_, k) => `u${k + 1}.xlsx`));
        for (const n of acknowledged) {
          const upload = uploads[n - 1];
          expect(upload?.hash).toBe(createHash('sha256').update(`upload-${n}`).digest('hex'));
        }
        const lines = sqlite.prepare('SELECT upload_id, field, new_value FROM history ORDER BY seq').all() as Array<{ upload_id: number; field: string; new_value: string }>;
        expect(lines).toHaveLength(uploads.length * 2);
        for (const [k, upload] of uploads.entries()) {
          const n = k + 1;
          expect(lines.filter((l) => l.upload_id === upload.id).map((l) => [l.field, l.new_value])).toEqual([['percent', String(n % 101)], ['report', String(n)]]);
        }
        // each row holds what its last upload set
        const last = uploads.length;
        for (let r = 0; r < 5; r++) {
          const n = [...Array(last).keys()].map((k) => k + 1).filter((x) => x % 5 === r).pop();
          const row = sqlite.prepare('SELECT report, percent, revision FROM assignments WHERE id = ?').get(`r${r}`) as { report: string; percent: number | null; revision: number };
          expect(row.report).toBe(n === undefined ? '' : String(n));
          expect(row.revision).toBe(1 + [...Array(last).keys()].filter((k) => (k + 1) % 5 === r).length);
        }
      } finally {
        sqlite.close();
      }
    }
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILLS);
  }, 120_000);
});
