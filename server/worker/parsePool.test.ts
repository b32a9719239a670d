/** The parse pool: a file that needs more memory than a worker has is a 4xx, and the pool goes on. */
import { MosavabatError } from '../../core/errors';
import { registerFile, assignment } from '../../test/registerHelpers';
import { tempDir } from '../../test/helpers';
import { readFileSync } from 'node:fs';
import { createParsePool } from './parsePool';

test('a worker that runs out of memory gives file_too_complex (413), and the next file is read by a new worker', async () => {
  const dir = tempDir('mosavabat-pool-');
  const rows = Array.from({ length: 20_000 }, (_, i) => assignment({ id: `r${i}`, row: i + 1, text: `مقرر گردید ${'متن '.repeat(40)} ${i}` }));
  const big = readFileSync(await registerFile(dir, rows, 'big.xlsx'));
  const small = readFileSync(await registerFile(dir, rows.slice(0, 3), 'small.xlsx'));
  const tight = createParsePool({ size: 1, maxOldGenerationSizeMb: 24 });
  try {
    const error = await tight.parse('register', 'big.xlsx', big).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(MosavabatError);
    expect([(error as MosavabatError).code, (error as MosavabatError).kind, (error as MosavabatError).where.file]).toEqual(['file_too_complex', 'too_large', 'big.xlsx']);
    const read = await tight.parse('register', 'small.xlsx', small);
    expect(read.rows.map((r) => r.values.id)).toEqual(['r0', 'r1', 'r2']);
  } finally {
    await tight.close();
  }
}, 120_000);

test('a file that takes longer than the time limit is stopped', async () => {
  const dir = tempDir('mosavabat-pool-');
  const rows = Array.from({ length: 2000 }, (_, i) => assignment({ id: `r${i}`, row: i + 1 }));
  const bytes = readFileSync(await registerFile(dir, rows, 'slow.xlsx'));
  const hasty = createParsePool({ size: 1, timeoutMs: 1 });
  try {
    const error = await hasty.parse('register', 'slow.xlsx', bytes).then(() => undefined, (e: unknown) => e);
    expect((error as MosavabatError).code).toBe('file_too_complex');
    expect((error as MosavabatError).en).toContain('time');
  } finally {
    await hasty.close();
  }
}, 60_000);

test('worker threads read files the same way', async () => {
  const dir = tempDir('mosavabat-pool-');
  const bytes = readFileSync(await registerFile(dir, [assignment({ id: 'only' })], 'one.xlsx'));
  const threads = createParsePool({ size: 1, isolation: 'thread' });
  try {
    expect((await threads.parse('register', 'one.xlsx', bytes)).rows.map((r) => r.values.id)).toEqual(['only']);
  } finally {
    await threads.close();
  }
});
