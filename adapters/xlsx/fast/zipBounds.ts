/**
 * The bounds check every zip goes through before anything else reads it whole (exceljs unzips
 * on its own, so the check comes first): the archive's size and entry count, then every entry
 * inflated as a stream and counted as it comes out, the output thrown away. A bomb is stopped at
 * the first byte past a limit, in a few megabytes of memory; declared sizes are never trusted.
 */
import { createInflateRaw } from 'node:zlib';
import { MosavabatError } from '../../../core/errors';
import { isXmlPart, listZipEntries, ZIP_LIMITS, zipEntryData, ZipFormatError, ZipLimitError, type ZipEntry, type ZipLimits } from './zip';

export { ZIP_LIMITS, ZipLimitError, type ZipLimits } from './zip';

const MiB = 1024 * 1024;
/** How much of an XML part's start is searched for a DOCTYPE (it must come before the root element). */
const HEAD_BYTES = 64 * 1024;

function doctypeMessage(part: string, file: string): MosavabatError {
  return new MosavabatError('unsafe_workbook',
    `این فایل تعریف DOCTYPE دارد (بخش «${part.slice(0, 80)}») که در فایل‌های اکسل و ورد نیست؛ فایل ناامن است و خوانده نمی‌شود`,
    `the part ${part} has a DOCTYPE declaration, which Office files never have; the file is refused as unsafe`, 'bad_input', { file });
}

/** Persian and English words for each limit, for the messages. */
const LIMIT_WORDS: Record<keyof ZipLimits, { fa: string; en: string; unit: 'bytes' | 'count' }> = {
  compressedBytes: { fa: 'حجم فایل', en: 'file size', unit: 'bytes' },
  entries: { fa: 'تعداد بخش‌های درون فایل', en: 'number of parts in the archive', unit: 'count' },
  entryBytes: { fa: 'حجم باز‌شده‌ی یک بخش فایل', en: 'inflated size of one part', unit: 'bytes' },
  xmlBytes: { fa: 'حجم باز‌شده‌ی یک بخش XML', en: 'inflated size of one XML part', unit: 'bytes' },
  totalBytes: { fa: 'حجم باز‌شده‌ی کل فایل', en: 'inflated size of the whole archive', unit: 'bytes' },
};

const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
const persian = (n: number) => n.toLocaleString('en-US').replace(/\d/g, (d) => PERSIAN_DIGITS[Number(d)]).replace(/,/g, '٬');

/**
 * The user's message for an archive over a limit: `file_too_large`, naming the limit and its value.
 * @param file the name to show (the base name the user gave or uploaded)
 */
export function zipLimitMessage(error: ZipLimitError, file: string): MosavabatError {
  const words = LIMIT_WORDS[error.limit];
  const value = words.unit === 'bytes' ? `${persian(Math.round(error.value / MiB))} مگابایت` : persian(error.value);
  const valueEn = words.unit === 'bytes' ? `${Math.round(error.value / MiB)} MB` : String(error.value);
  const part = error.entry ? ` (بخش «${error.entry.slice(0, 80)}»)` : '';
  return new MosavabatError('file_too_large',
    `این فایل بیش از حد مجاز بزرگ است و خوانده نشد: ${words.fa} بیش از ${value} است${part}`,
    `the file is refused unread: its ${words.en} is over the limit of ${valueEn}${error.entry ? ` (part ${error.entry})` : ''}`,
    'bad_input', { file });
}

/**
 * Check an archive against the limits, inflating every entry as a stream (output discarded), and
 * refuse an XML part with a document type declaration (`<!DOCTYPE`: entity expansion; no Office
 * file has one). Damaged entries are left for the readers to report in their own words.
 * @param file the name to show in the message
 * @throws MosavabatError `file_too_large` naming the limit that was passed; `unsafe_workbook` for a DOCTYPE
 */
export async function checkZipBounds(bytes: Buffer, file: string, limits: Readonly<ZipLimits> = ZIP_LIMITS): Promise<void> {
  let entries: ZipEntry[];
  try {
    entries = listZipEntries(bytes, limits);
  } catch (error) {
    if (error instanceof ZipLimitError) throw zipLimitMessage(error, file);
    return; // not a readable zip: the reader says so
  }
  let total = 0;
  for (const entry of entries) {
    const limit: keyof ZipLimits = isXmlPart(entry.name) ? 'xmlBytes' : 'entryBytes';
    const remainingTotal = limits.totalBytes - total;
    const cap = Math.min(limits[limit], remainingTotal);
    let size: number;
    try {
      size = await inflatedSize(bytes, entry, cap, isXmlPart(entry.name) ? (head) => {
        if (/<!DOCTYPE/i.test(head.toString('latin1'))) throw doctypeMessage(entry.name, file);
      } : undefined);
    } catch (error) {
      if (!(error instanceof ZipFormatError)) throw error;
      continue;
    }
    if (size > cap) {
      const which = cap === remainingTotal && remainingTotal < limits[limit] ? 'totalBytes' : limit;
      throw zipLimitMessage(new ZipLimitError(which, limits[which], which === 'totalBytes' ? undefined : entry.name), file);
    }
    total += size;
  }
}

/**
 * The inflated size of one entry, counted as it streams out and stopped at `cap + 1` bytes.
 * @returns the size, or a number above `cap` when the entry is larger
 * @throws ZipFormatError for damaged data or an unknown compression method
 */
async function inflatedSize(bytes: Buffer, entry: ZipEntry, cap: number, onHead?: (head: Buffer) => void): Promise<number> {
  const data = zipEntryData(bytes, entry);
  if (entry.method === 0) {
    onHead?.(data.subarray(0, HEAD_BYTES));
    return data.length;
  }
  if (entry.method !== 8) throw new ZipFormatError(`${entry.name} uses compression method ${entry.method}`);
  return new Promise<number>((resolve, reject) => {
    const inflate = createInflateRaw({ chunkSize: 64 * 1024 });
    let size = 0;
    let done = false;
    let head: Buffer | undefined = onHead ? Buffer.alloc(0) : undefined;
    const finish = (value: number | Error) => {
      if (done) return;
      done = true;
      if (value instanceof MosavabatError) reject(value);
      else if (value instanceof Error) reject(new ZipFormatError(`${entry.name} cannot be inflated: ${value.message}`));
      else resolve(value);
    };
    const checkHead = () => {
      if (!head || !onHead) return;
      try {
        onHead(head);
      } catch (error) {
        finish(error as Error);
        inflate.destroy();
      }
      head = undefined;
    };
    inflate.on('data', (chunk: Buffer) => {
      if (head) {
        head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
        if (head.length >= HEAD_BYTES) checkHead();
        if (done) return;
      }
      size += chunk.length;
      if (size > cap) {
        finish(size);
        inflate.destroy();
      }
    });
    inflate.on('end', () => {
      checkHead();
      finish(size);
    });
    inflate.on('error', (error) => finish(error));
    // fed in slices so a small archive cannot ask for one huge inflate step
    const SLICE = 256 * 1024;
    let at = 0;
    const feed = () => {
      while (!done && at < data.length) {
        const slice = data.subarray(at, at + SLICE);
        at += slice.length;
        if (!inflate.write(slice)) {
          inflate.once('drain', feed);
          return;
        }
      }
      if (!done && at >= data.length) inflate.end();
    };
    feed();
  });
}
