/**
 * Reading a minutes file from disk into text. Old Persian systems save Windows-1256; Notepad
 * may save UTF-16 (with a BOM, or without one from some converters); Word users send .docx.
 * The decoding is chosen from the bytes, and every failure is one MosavabatError naming the file.
 */
import { basename } from 'node:path';
import { MosavabatError } from '../../core/errors';
import { FileTooLarge, readFileBounded } from '../files/boundedRead';
import { docxToText } from './docxText';

/** The largest minutes file read, in bytes (text or .docx): minutes are tens of kilobytes. */
export const MINUTES_MAX_BYTES = 20 * 1024 * 1024;

/** Which encoding the bytes were decoded from. */
export type MinutesEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1256' | 'docx';

/** Formats people send by mistake, recognized by their first bytes, with what to do instead. */
const KNOWN_BINARY: Array<{ magic: number[]; code: string; fa: string; en: string }> = [
  { magic: [0x25, 0x50, 0x44, 0x46, 0x2d], code: 'pdf_file',
    fa: 'فایل PDF خوانده نمی‌شود؛ صورتجلسه را به صورت Word (.docx) یا متن (.txt) بفرستید',
    en: 'PDF files cannot be read; send the minutes as Word (.docx) or plain text' },
  { magic: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], code: 'old_office_file',
    fa: 'این فایل Word یا Excel قدیمی (.doc/.xls) است؛ آن را در Word با قالب .docx ذخیره کنید و دوباره بفرستید',
    en: 'this is an old Office file (.doc/.xls); save it as .docx in Word and send it again' },
  { magic: [0x7b, 0x5c, 0x72, 0x74, 0x66], code: 'rtf_file',
    fa: 'فایل RTF خوانده نمی‌شود؛ آن را در Word با قالب .docx ذخیره کنید',
    en: 'RTF files cannot be read; save the file as .docx in Word' },
];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

/**
 * UTF-16 without a byte-order mark: in Persian or Latin text every second byte is a high byte
 * of 0x00 (Latin, digits, tab, newline), 0x06 (Arabic script) or 0x20 (ZWNJ, dashes).
 * @returns the byte order when the bytes look like UTF-16 text, else undefined
 */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return undefined;
  const n = Math.min(bytes.length, 8192) & ~1;
  const high = (b: number) => b === 0x00 || b === 0x06 || b === 0x20 || b === 0xfb || b === 0xfe;
  let le = 0;
  let be = 0;
  for (let i = 0; i < n; i += 2) {
    if (high(bytes[i + 1])) le++;
    if (high(bytes[i])) be++;
  }
  const pairs = n / 2;
  if (le >= pairs * 0.98 && be < pairs * 0.6) return 'utf-16le';
  if (be >= pairs * 0.98 && le < pairs * 0.6) return 'utf-16be';
  return undefined;
}

/** Text that decoded to control characters (other than tab and line breaks) is not minutes text. */
function looksBinary(text: string): boolean {
  return /[\u0000-\u0008\u000e-\u001f]/.test(text.slice(0, 8192));
}

/**
 * Decode minutes bytes. UTF-8 (with or without BOM) and UTF-16 (with a BOM, or without one when
 * the bytes clearly are UTF-16) are recognized; bytes that are not valid UTF-8 are read as
 * Windows-1256; a zip is read as a Word .docx.
 * @param file the file name, used in messages and to tell an Excel file from a damaged Word one
 * @throws MosavabatError `empty_file`, `binary_file` (NUL bytes: images, programs …), `pdf_file`,
 *   `old_office_file` (.doc/.xls), `rtf_file`, `file_too_large` (over MINUTES_MAX_BYTES), and for
 *   zips `not_docx` (e.g. an .xlsx) or `damaged_file`
 */
export function decodeMinutes(bytes: Uint8Array, file = 'minutes'): { text: string; encoding: MinutesEncoding } {
  const where = { file };
  if (bytes.length > MINUTES_MAX_BYTES) throw minutesTooLarge(where);
  if (bytes.length === 0 || bytes.every((b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09)) {
    throw new MosavabatError('empty_file', 'فایل صورتجلسه خالی است', 'the minutes file is empty', 'bad_input', where);
  }
  const utf16 = (encoding: 'utf-16le' | 'utf-16be', from: number) => {
    const text = new TextDecoder(encoding).decode(bytes.subarray(from));
    if (text.trim() === '') throw new MosavabatError('empty_file', 'فایل صورتجلسه خالی است', 'the minutes file is empty', 'bad_input', where);
    return { text, encoding };
  };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16('utf-16le', 2);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16('utf-16be', 2);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return { text: docxToText(Buffer.from(bytes), file), encoding: 'docx' };
  for (const known of KNOWN_BINARY) {
    if (startsWith(bytes, known.magic)) throw new MosavabatError(known.code, known.fa, known.en, 'unsupported', where);
  }
  const sample = bytes.subarray(0, 8192);
  if (sample.includes(0)) {
    const order = utf16WithoutBom(bytes);
    if (order) {
      const decoded = utf16(order, 0);
      if (!looksBinary(decoded.text)) return decoded;
    }
    throw new MosavabatError('binary_file', 'این فایل متنی نیست و صورتجلسه نمی‌تواند باشد', 'binary file: not minutes text',
      'bad_input', where);
  }
  let decoded: { text: string; encoding: MinutesEncoding };
  try {
    decoded = { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'utf-8' };
  } catch {
    decoded = { text: new TextDecoder('windows-1256').decode(bytes), encoding: 'windows-1256' };
  }
  if (looksBinary(decoded.text)) {
    throw new MosavabatError('binary_file', 'این فایل متنی نیست و صورتجلسه نمی‌تواند باشد', 'binary file: not minutes text',
      'bad_input', where);
  }
  return decoded;
}

/**
 * Read and decode a minutes file.
 * Reading stops at MINUTES_MAX_BYTES whatever the file is (a device such as /dev/zero too).
 * @throws MosavabatError `file_not_found`, `not_a_file`, `file_not_readable`, `file_too_large`, plus those of decodeMinutes
 */
export async function readMinutesFile(path: string): Promise<{ text: string; encoding: MinutesEncoding }> {
  let bytes: Buffer;
  try {
    bytes = await readFileBounded(path, MINUTES_MAX_BYTES);
  } catch (error) {
    if (error instanceof FileTooLarge) throw minutesTooLarge({ file: path });
    const code = (error as NodeJS.ErrnoException).code;
    const where = { file: path };
    // the CLI prefixes the file name (where.file), so the messages do not repeat it
    if (code === 'EISDIR') {
      throw new MosavabatError('not_a_file', 'این مسیر یک پوشه است، نه فایل صورتجلسه', `"${path}" is a directory`, 'bad_input', where);
    }
    if (code === 'EACCES' || code === 'EPERM') {
      throw new MosavabatError('file_not_readable', 'اجازه خواندن این فایل را ندارید', `no permission to read "${path}"`, 'bad_input', where);
    }
    throw new MosavabatError('file_not_found', 'فایل پیدا نشد؛ نام و مسیر آن را بررسی کنید', `cannot read "${path}" (${code})`,
      'not_found', where);
  }
  return decodeMinutes(bytes, basename(path));
}

function minutesTooLarge(where: { file: string }): MosavabatError {
  const mb = MINUTES_MAX_BYTES / 1024 / 1024;
  return new MosavabatError('file_too_large',
    `فایل صورتجلسه بیش از حد مجاز (${String(mb).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)])} مگابایت) است و خوانده نشد`,
    `the minutes file is over the limit of ${mb} MB and was not read`, 'bad_input', where);
}
