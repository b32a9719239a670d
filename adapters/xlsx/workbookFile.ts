/**
 * Opening and saving workbook files safely: the bytes are inspected before exceljs parses them
 * (format, encryption, unsafe defined names), Object.prototype is checked after, and saving
 * goes through the one temporary-file-and-rename writer (files/atomicFile).
 */
import { stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { writeFileAtomic } from '../files/atomicFile';
import ExcelJS from 'exceljs';
import { MosavabatError } from '../../core/errors';
import { autoFilterRef, writeFilterDatabaseNames } from './filterNames';
import { inspectWorkbook, type WorkbookInspection } from './inspect';
import { listZipEntries, readZipEntry } from './fast/zip';
import { FileTooLarge, readFileBounded } from '../files/boundedRead';
import { checkZipBounds, ZIP_LIMITS, ZipLimitError, zipLimitMessage } from './fast/zipBounds';

/** A workbook file read into memory and checked, not yet parsed. */
export interface WorkbookBytes {
  path: string;
  /** The name used in messages (the file's base name). */
  file: string;
  bytes: Buffer;
  inspection: WorkbookInspection;
}

/**
 * Read a workbook file and check it (limits first: see checkZipBounds; then inspectWorkbook).
 * A file over the size limit is refused from its size alone, unread.
 * @throws MosavabatError `file_not_found`, `not_a_file`, `file_too_large`, and those of inspectWorkbook
 */
export async function readWorkbookBytes(path: string): Promise<WorkbookBytes> {
  const file = basename(path);
  let bytes: Buffer;
  try {
    const info = await stat(path);
    if (info.isFile() && info.size > ZIP_LIMITS.compressedBytes) {
      throw zipLimitMessage(new ZipLimitError('compressedBytes', ZIP_LIMITS.compressedBytes), file);
    }
    bytes = await readFileBounded(path, ZIP_LIMITS.compressedBytes);
  } catch (error) {
    if (error instanceof MosavabatError) throw error;
    if (error instanceof FileTooLarge) throw zipLimitMessage(new ZipLimitError('compressedBytes', ZIP_LIMITS.compressedBytes), file);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') {
      throw new MosavabatError('not_a_file', `«${path}» یک پوشه است، نه فایل`, `"${path}" is a directory`, 'bad_input', { file });
    }
    throw new MosavabatError('file_not_found', `فایل «${path}» پیدا نشد یا خواندنی نیست`, `cannot read "${path}" (${code})`,
      'not_found', { file });
  }
  return checkWorkbookBytes(bytes, file, path);
}

/**
 * Check workbook bytes received some other way (an upload) exactly as a file is checked: the
 * zip limits, a DOCTYPE, then inspectWorkbook.
 * @param file the name to show in messages
 * @throws MosavabatError `file_too_large`, `unsafe_workbook`, and those of inspectWorkbook
 */
export async function checkWorkbookBytes(bytes: Buffer, file: string, path = file): Promise<WorkbookBytes> {
  await checkZipBounds(bytes, file);
  return { path, file, bytes, inspection: inspectWorkbook(bytes, file) };
}

/**
 * Parse checked bytes with exceljs's whole-workbook reader. Object.prototype is compared
 * before and after: should a crafted file get past the inspection and add properties to it,
 * they are removed and the file is refused.
 * @throws MosavabatError `damaged_workbook` when exceljs cannot parse it, `unsafe_workbook`
 */
export async function parseWorkbook(source: WorkbookBytes): Promise<ExcelJS.Workbook> {
  const before = new Set(Reflect.ownKeys(Object.prototype));
  const workbook = new ExcelJS.Workbook();
  let failure: unknown;
  try {
    await workbook.xlsx.load(source.bytes as unknown as ExcelJS.Buffer);
  } catch (error) {
    failure = error;
  }
  const added = Reflect.ownKeys(Object.prototype).filter((key) => !before.has(key));
  if (added.length > 0) {
    for (const key of added) delete (Object.prototype as Record<PropertyKey, unknown>)[key];
    throw new MosavabatError('unsafe_workbook', 'این فایل ساختار ناامنی دارد و خوانده نمی‌شود',
      'the workbook tried to modify Object.prototype and is refused', 'bad_input', { file: source.file });
  }
  if (failure) {
    throw new MosavabatError('damaged_workbook', 'فایل اکسل آسیب دیده یا ناقص است و خوانده نمی‌شود',
      `exceljs cannot read the workbook: ${(failure as Error).message}`, 'bad_input', { file: source.file });
  }
  return workbook;
}

/**
 * Serialize a workbook and write it atomically. Every sheet's autofilter gets its
 * `_xlnm._FilterDatabase` name, so LibreOffice shows the filter too (see filterNames).
 */
export async function saveWorkbook(workbook: ExcelJS.Workbook, path: string): Promise<void> {
  writeFilterDatabaseNames(workbook.definedNames, () => workbook.worksheets.flatMap((sheet, index) => {
    const ref = autoFilterRef(sheet.autoFilter);
    return ref ? [{ index, sheet: sheet.name, ref }] : [];
  }));
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  await writeFileAtomic(path, buffer);
}

/** Whether two paths name the same file (after resolving; also by inode when both exist). */
export async function samePath(a: string, b: string): Promise<boolean> {
  if (resolve(a) === resolve(b)) return true;
  try {
    const [sa, sb] = await Promise.all([stat(a), stat(b)]);
    return sa.ino === sb.ino && sa.dev === sb.dev;
  } catch {
    return false;
  }
}

/**
 * A path beside `path` with a suffix, that does not exist yet:
 * `a/register.xlsx` + `رنگی` → `a/register-رنگی.xlsx`, then `…-رنگی-2.xlsx` …
 */
export async function siblingPath(path: string, suffix: string): Promise<string> {
  const extension = extname(path) || '.xlsx';
  const stem = join(dirname(path), basename(path, extname(path)));
  for (let n = 1; ; n++) {
    const candidate = `${stem}-${suffix}${n === 1 ? '' : `-${n}`}${extension}`;
    try {
      await stat(candidate);
    } catch {
      return candidate;
    }
  }
}

/**
 * Whether the workbook at `path` was written by this tool and not saved by anyone since: its
 * `docProps/core.xml` names mosavabat as creator and no other last editor (Excel and LibreOffice
 * write theirs on save). False for anything unreadable.
 */
export async function writtenByTool(path: string): Promise<boolean> {
  try {
    const bytes = await readFileBounded(path, ZIP_LIMITS.compressedBytes);
    const core = listZipEntries(bytes).find((e) => e.name === 'docProps/core.xml');
    if (!core) return false;
    const xml = readZipEntry(bytes, core, 64 * 1024).toString('utf8');
    const field = (name: string) => new RegExp(`<(?:\\w+:)?${name}>([^<]*)</`).exec(xml)?.[1]?.trim();
    const lastBy = field('lastModifiedBy');
    // exceljs, which writes our workbooks, signs as their last editor (`ExcelJS`, or `Unknown`)
    return field('creator') === 'mosavabat' && (!lastBy || ['mosavabat', 'ExcelJS', 'Unknown'].includes(lastBy));
  } catch {
    return false;
  }
}
