/**
 * Reading a minutes file from disk into text. Old Persian systems save Windows-1256; Notepad
 * may save UTF-16 with a BOM; Word users send .docx. The decoding is chosen from the bytes,
 * and every failure is one MosavabatError naming the file.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { MosavabatError } from '../core/errors';
import { docxToText } from './docxText';

/** Which encoding the bytes were decoded from. */
export type MinutesEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1256' | 'docx';

/**
 * Decode minutes bytes. UTF-8 (with or without BOM) and UTF-16 with a BOM are recognized;
 * bytes that are not valid UTF-8 are read as Windows-1256; a zip is read as a Word .docx.
 * @throws MosavabatError `empty_file`, `binary_file` (NUL bytes: PDF, images, old .doc…), and
 *   for zips `not_docx` (e.g. an .xlsx) or `damaged_file`
 */
export function decodeMinutes(bytes: Uint8Array, file = 'minutes'): { text: string; encoding: MinutesEncoding } {
  const where = { file };
  if (bytes.length === 0 || bytes.every((b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09)) {
    throw new MosavabatError('empty_file', 'فایل صورتجلسه خالی است', 'the minutes file is empty', 'bad_input', where);
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return { text: docxToText(Buffer.from(bytes), file), encoding: 'docx' };
  const sample = bytes.subarray(0, 8192);
  if (sample.includes(0)) {
    throw new MosavabatError('binary_file', 'این فایل متنی نیست و صورتجلسه نمی‌تواند باشد', 'binary file: not minutes text',
      'bad_input', where);
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1256').decode(bytes), encoding: 'windows-1256' };
  }
}

/**
 * Read and decode a minutes file.
 * @throws MosavabatError `file_not_found`, `not_a_file`, plus those of decodeMinutes
 */
export async function readMinutesFile(path: string): Promise<{ text: string; encoding: MinutesEncoding }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') {
      throw new MosavabatError('not_a_file', `«${path}» یک پوشه است، نه فایل`, `"${path}" is a directory`, 'bad_input', { file: path });
    }
    throw new MosavabatError('file_not_found', `فایل «${path}» پیدا نشد یا خواندنی نیست`, `cannot read "${path}" (${code})`,
      'not_found', { file: path });
  }
  return decodeMinutes(bytes, basename(path));
}
