/**
 * Which encoding a minutes text file chosen in the pane is in, as `mosavabat import` decides it:
 * UTF-8 or UTF-16 by their byte-order marks, UTF-8 when the bytes are well-formed UTF-8, else
 * Windows-1256 (what older Persian Windows and Notepad's "ANSI" save). Plain data: the pane
 * decodes with FileReader.readAsText, which Internet Explorer 11 (the webview of Excel
 * 2016/2019) has too; TextDecoder and Blob.text it lacks.
 */

/** The largest minutes file read, in bytes (as the CLI: minutes are tens of kilobytes). */
export const MINUTES_FILE_MAX_BYTES = 20 * 1024 * 1024;

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1256';

export type Decoding = { ok: true; encoding: TextEncoding } | { ok: false; message: string };

/** Whether `bytes` are well-formed UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF). */
export function isUtf8(bytes: Uint8Array): boolean {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) { i++; continue; }
    let need: number;
    let min: number;
    let code: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1; min = 0x80; code = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2; min = 0x800; code = b & 0x0f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3; min = 0x10000; code = b & 0x07;
    } else {
      return false;
    }
    for (let k = 1; k <= need; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return false;
      code = (code << 6) | (next & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return false;
    i += need + 1;
  }
  return true;
}

/**
 * The encoding to read minutes bytes with, or a Persian message for a file that is not minutes
 * text (empty, a Word or PDF file, binary).
 */
export function minutesEncoding(bytes: Uint8Array): Decoding {
  if (bytes.length > MINUTES_FILE_MAX_BYTES) return { ok: false, message: 'فایل صورتجلسه از ۲۰ مگابایت بزرگ‌تر است؛ صورتجلسه‌ی درست را برگزینید.' };
  let blank = true;
  for (let i = 0; i < bytes.length && blank; i++) blank = bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09;
  if (blank) return { ok: false, message: 'فایل صورتجلسه خالی است.' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, encoding: 'utf-16be' };
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    return { ok: false, message: 'این فایل Word یا فشرده است؛ اینجا فقط فایل متنی (.txt) خوانده می‌شود. متن صورتجلسه را از Word کپی کنید و در کادر بچسبانید، یا با فرمان mosavabat import بیفزایید.' };
  }
  if (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) {
    return { ok: false, message: 'فایل PDF خوانده نمی‌شود؛ متن صورتجلسه را کپی کنید و در کادر بچسبانید.' };
  }
  for (let i = 0; i < Math.min(bytes.length, 8192); i++) {
    if (bytes[i] === 0) return { ok: false, message: 'این فایل متنی نیست و صورتجلسه نمی‌تواند باشد.' };
  }
  return { ok: true, encoding: isUtf8(bytes) ? 'utf-8' : 'windows-1256' };
}
