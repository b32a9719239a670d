/**
 * The one way this tool replaces or creates a file: write a temporary file beside it, flush it to
 * disk, check the target (not read-only; unchanged since its lock was taken), rename it over the
 * target, flush the folder. A crash at any point leaves the old file or the new one, never half
 * of one. An in-place rewrite keeps the file's permissions and group.
 *
 * Temporary files are named `.<name>.<host>-<pid>-<random>.mosavabat-tmp`, so the next write
 * beside them removes those a dead process left (same host, process gone; or over an hour old).
 */
import { randomBytes, createHash } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import { access, chmod, chown, open, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { MosavabatError } from '../../core/errors';
import { checkLockedUnchanged, noteLockedWrite } from './registerLock';

const TEMP_SUFFIX = '.mosavabat-tmp';
/** Leftovers of another machine (a shared folder) are removed only once this old. */
const FOREIGN_TEMP_AGE_MS = 60 * 60 * 1000;
const HOST = createHash('sha256').update(hostname()).digest('hex').slice(0, 6);

/** The MosavabatError for a file that cannot be written. */
export function writeFailed(path: string, error: unknown): MosavabatError {
  const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new MosavabatError('write_failed',
    `فایل «${path}» نوشته نشد (پوشه وجود ندارد، دسترسی نیست یا فایل در اکسل باز است)`,
    `cannot write "${path}" (${code})`, 'bad_input', { file: basename(path) });
}

/** The temporary file name for a write to `path` by this process. */
export function temporaryPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${HOST}-${process.pid}-${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Remove the temporary files earlier writes to `path` left behind (a process killed mid-write):
 * this host's whose process is gone, any over an hour old, and the older `.<name>.<hex>.tmp` form
 * over an hour old. Never fails: a leftover that cannot be removed stays.
 */
export async function removeLeftoverTemps(path: string): Promise<string[]> {
  const folder = dirname(path);
  const prefix = `.${basename(path)}.`;
  const removed: string[] = [];
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const rest = name.slice(prefix.length);
    const ours = new RegExp(`^([0-9a-f]{6})-(\\d+)-[0-9a-f]{8}${TEMP_SUFFIX.replace('.', '\\.')}$`).exec(rest);
    const older = /^[0-9a-f]{8}\.tmp$/.test(rest);
    if (!ours && !older) continue;
    const full = join(folder, name);
    try {
      const age = Date.now() - (await stat(full)).mtimeMs;
      const dead = ours !== null && ours[1] === HOST && !processAlive(Number(ours[2]));
      if (dead || age > FOREIGN_TEMP_AGE_MS) {
        await rm(full, { force: true });
        removed.push(name);
      }
    } catch {
      // gone already, or not ours to remove
    }
  }
  return removed;
}

async function fsyncPath(path: string, flags: string): Promise<void> {
  const handle = await open(path, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Replace (or create) `path` with what `fill` writes into the temporary path it is given.
 * Refuses a read-only target; keeps an existing target's mode and group; checks a locked target
 * is unchanged just before the rename (see registerLock).
 * @throws MosavabatError `read_only_file`, `register_changed`, `register_lock_lost` (nothing
 *   written), `write_failed` naming the file; a MosavabatError from `fill` as it is
 */
export async function replaceFile(path: string, fill: (temporary: string) => Promise<void>): Promise<void> {
  await removeLeftoverTemps(path);
  let existing: Stats | undefined;
  try {
    existing = await stat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw writeFailed(path, error);
  }
  if (existing) await refuseReadOnly(path, existing.mode);
  const temporary = temporaryPath(path);
  try {
    await fill(temporary);
    if (existing) {
      await chmod(temporary, existing.mode & 0o7777);
      // the group (a shared secretariat group) is kept; the owner can only be kept by root
      await chown(temporary, existing.uid, existing.gid)
        .catch(() => chown(temporary, -1, existing.gid))
        .catch(() => undefined);
    }
    await fsyncPath(temporary, 'r+');
    await checkLockedUnchanged(path);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    if (error instanceof MosavabatError) throw error;
    throw writeFailed(path, error);
  }
  // the rename itself reaches the disk with the folder's entry
  await fsyncPath(dirname(path), 'r').catch(() => undefined);
  await noteLockedWrite(path);
}

/**
 * Write bytes to `path` atomically (see replaceFile).
 * @throws MosavabatError as replaceFile
 */
export async function writeFileAtomic(path: string, data: Buffer | Uint8Array): Promise<void> {
  await replaceFile(path, (temporary) => writeFile(temporary, data, { flag: 'wx', mode: 0o666 }));
}

async function refuseReadOnly(path: string, mode: number): Promise<void> {
  let writable = (mode & 0o222) !== 0;
  if (writable) writable = await access(path, constants.W_OK).then(() => true, () => false);
  if (!writable) {
    throw new MosavabatError('read_only_file',
      `فایل «${basename(path)}» فقط‌خواندنی است و روی آن نوشته نمی‌شود؛ اگر باید تغییر کند، اجازهٔ نوشتن را به آن بدهید یا نام دیگری با -o بدهید`,
      `"${basename(path)}" is read-only and is not written over; make it writable or give another name with -o`,
      'bad_input', { file: basename(path) });
  }
}

/**
 * Refuse to write over an existing file the command did not make, unless `force`.
 * @param madeByTool whether the existing file is one this tool wrote and nobody saved since
 *   (such a file may be replaced: it is this command's own earlier output)
 * @throws MosavabatError `output_exists`
 */
export async function refuseExisting(path: string, force: boolean | undefined, madeByTool: (path: string) => Promise<boolean> = async () => false): Promise<void> {
  if (force) return;
  const exists = await stat(path).then(() => true, () => false);
  if (exists && !(await madeByTool(path))) {
    throw new MosavabatError('output_exists',
      `فایل «${basename(path)}» از قبل هست و این فرمان آن را نساخته است؛ روی آن نوشته نمی‌شود. نام دیگری بدهید، یا اگر باید جایگزین شود --force را بیفزایید`,
      `"${basename(path)}" already exists and was not made by this command; it is not overwritten. Choose another name, or add --force to replace it`,
      'conflict', { file: basename(path) });
  }
}
