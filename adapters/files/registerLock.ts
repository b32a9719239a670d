/**
 * One writer per register. Every command that writes a register holds a lock beside it
 * (`<register>.lock`, a folder: made atomically, also on shared network folders) from before it
 * reads until after it has written. The lock's time is refreshed while it is held, so a lock
 * left by a killed process is recognised once it has not been refreshed for `staleMs`, and
 * taken over. A second writer waits up to `waitMs`, says so once, then stops with a clear error.
 *
 * The lock also remembers each file's size and modification time when it was taken: the
 * temp-and-rename writer (atomicFile) checks, just before its rename, that a locked file has not
 * changed since (someone saved it in Excel, or a program that does not lock wrote it) and that
 * the lock is still ours; else nothing is written.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import lockfile from 'proper-lockfile';
import { MosavabatError } from '../../core/errors';

/** How long to wait for another writer, and when a lock counts as left behind. */
export interface LockOptions {
  /** Longest wait for another writer's lock, in ms; default 60 s (`MOSAVABAT_LOCK_WAIT_MS`). */
  waitMs?: number;
  /** A lock not refreshed for this long (ms) was left by a process that died; default 20 s (`MOSAVABAT_LOCK_STALE_MS`, at least 2 s). */
  staleMs?: number;
  /** Told once, when the lock is busy and the run starts waiting (Persian, then English). */
  onWait?: (message: { fa: string; en: string }) => void;
}

/** A file's identity and state when its lock was taken (absent: the file did not exist). */
interface Stamp {
  size: number;
  mtimeMs: number;
  ino: number;
}

interface HeldLock {
  file: string;
  stamp?: Stamp;
  /** Set when the lock was lost while held (its folder removed or refreshed by another process). */
  compromised?: Error;
}

const held = new AsyncLocalStorage<Map<string, HeldLock>>();

function envNumber(name: string): number | undefined {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

async function stampOf(path: string): Promise<Stamp | undefined> {
  try {
    const s = await stat(path);
    return { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

const sameStamp = (a: Stamp | undefined, b: Stamp | undefined) =>
  a === b || (!!a && !!b && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Run `work` holding the locks of `paths` (registers to read and write, outputs to write),
 * taken in a fixed order so two runs never wait for each other crosswise; released afterwards
 * whatever happens. Paths already locked by this run (nested calls) are not locked again.
 * @throws MosavabatError `register_locked` when another writer holds a lock past `waitMs`;
 *   `write_failed` when the folder does not allow a lock to be made (missing, no permission);
 *   whatever `work` throws
 */
export async function withFileLocks<T>(paths: ReadonlyArray<string | undefined>, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const outer = held.getStore();
  const wanted = [...new Set(paths.filter((p): p is string => !!p).map((p) => resolve(p)))].filter((p) => !outer?.has(p)).sort();
  const mine = new Map(outer);
  const releases: Array<() => Promise<void>> = [];
  try {
    for (const file of wanted) {
      const lock: HeldLock = { file };
      releases.push(await acquire(file, lock, options));
      lock.stamp = await stampOf(file);
      mine.set(file, lock);
    }
    return await held.run(mine, work);
  } finally {
    for (const release of releases.reverse()) await release().catch(() => undefined);
  }
}

async function acquire(file: string, lock: HeldLock, options: LockOptions): Promise<() => Promise<void>> {
  const staleMs = Math.max(2000, options.staleMs ?? envNumber('MOSAVABAT_LOCK_STALE_MS') ?? 20_000);
  const waitMs = options.waitMs ?? envNumber('MOSAVABAT_LOCK_WAIT_MS') ?? 60_000;
  const settings = {
    stale: staleMs,
    update: Math.max(1000, Math.floor(staleMs / 4)),
    realpath: false,
    retries: 0,
    lockfilePath: `${file}.lock`,
    // the default throws from a timer; here the writer checks it before its rename instead
    onCompromised: (error: Error) => { lock.compromised = error; },
  };
  const started = Date.now();
  let told = false;
  for (let attempt = 0; ; attempt++) {
    try {
      return await lockfile.lock(file, settings);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ELOCKED') {
        throw new MosavabatError('write_failed',
          `قفل دفتر «${basename(file)}» ساخته نشد (پوشه اجازهٔ نوشتن نمی‌دهد یا وجود ندارد)؛ چیزی نوشته نشد`,
          `cannot lock "${basename(file)}" (${code ?? (error as Error).message}); nothing was written`, 'bad_input', { file: basename(file) });
      }
      const waited = Date.now() - started;
      if (waited >= waitMs) {
        const seconds = Math.round(waitMs / 1000);
        throw new MosavabatError('register_locked',
          `دفتر «${basename(file)}» در دست کار دیگری است (کس دیگری یا برنامهٔ دیگری در حال نوشتن آن است) و پس از ${toPersian(seconds)} ثانیه انتظار هنوز آزاد نشد؛ چیزی نوشته نشد. کمی بعد دوباره اجرا کنید`,
          `"${basename(file)}" is being written by another run and was still locked after ${seconds} s; nothing was written. Try again later`,
          'conflict', { file: basename(file) });
      }
      if (!told) {
        told = true;
        options.onWait?.({
          fa: `دفتر «${basename(file)}» در دست کار دیگری است؛ تا آزاد شدن آن صبر می‌کنیم (حداکثر ${toPersian(Math.round(waitMs / 1000))} ثانیه)…`,
          en: `"${basename(file)}" is locked by another run; waiting for it (at most ${Math.round(waitMs / 1000)} s)…`,
        });
      }
      await sleep(Math.min(50 + attempt * 25, 500, Math.max(1, waitMs - waited)));
    }
  }
}

function toPersian(n: number): string {
  return String(n).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]);
}

/**
 * For the writer, just before it renames its temporary file over `path`: when this run holds
 * `path`'s lock, check the lock is still ours and the file is as it was when locked (or as this
 * run last wrote it).
 * @throws MosavabatError `register_changed` when the file changed since, `register_lock_lost`
 */
export async function checkLockedUnchanged(path: string): Promise<void> {
  const lock = held.getStore()?.get(resolve(path));
  if (!lock) return;
  if (lock.compromised) {
    throw new MosavabatError('register_lock_lost',
      `قفل دفتر «${basename(path)}» در میانهٔ کار از دست رفت (برنامهٔ دیگری آن را گرفت)؛ برای اینکه کار کسی از بین نرود چیزی نوشته نشد. دوباره اجرا کنید`,
      `the lock of "${basename(path)}" was lost while held (${lock.compromised.message}); nothing was written. Run again`,
      'conflict', { file: basename(path) });
  }
  if (!sameStamp(lock.stamp, await stampOf(path))) {
    throw new MosavabatError('register_changed',
      `دفتر «${basename(path)}» پس از خوانده شدن تغییر کرده است (شاید در اکسل ذخیره شد)؛ برای اینکه آن تغییرها از بین نرود چیزی نوشته نشد. دوباره اجرا کنید`,
      `"${basename(path)}" changed after it was read (saved in Excel?); nothing was written so those changes are kept. Run again`,
      'conflict', { file: basename(path) });
  }
}

/** After a rename over a locked `path`: what this run wrote becomes the state to compare with. */
export async function noteLockedWrite(path: string): Promise<void> {
  const lock = held.getStore()?.get(resolve(path));
  if (lock) lock.stamp = await stampOf(path);
}
