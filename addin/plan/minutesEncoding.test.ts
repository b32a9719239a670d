import { isUtf8, minutesEncoding } from './minutesEncoding';
import { encodeWindows1256 } from '../../test/helpers';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('the encoding of a minutes file chosen in the pane', () => {
  it('reads well-formed UTF-8 as UTF-8 and Windows-1256 bytes (Notepad\'s "ANSI") as Windows-1256', () => {
    const persian = 'صورتجلسه شورای ترافیک';
    expect(minutesEncoding(new Uint8Array(Buffer.from(persian, 'utf8')))).toEqual({ ok: true, encoding: 'utf-8' });
    expect(minutesEncoding(new Uint8Array(encodeWindows1256(persian)))).toEqual({ ok: true, encoding: 'windows-1256' });
    // plain ASCII is UTF-8
    expect(minutesEncoding(bytes(0x31, 0x34, 0x30, 0x31))).toEqual({ ok: true, encoding: 'utf-8' });
  });

  it('takes the byte-order marks of UTF-16 (either order) and UTF-8', () => {
    expect(minutesEncoding(bytes(0xff, 0xfe, 0x2f, 0x06))).toEqual({ ok: true, encoding: 'utf-16le' });
    expect(minutesEncoding(bytes(0xfe, 0xff, 0x06, 0x2f))).toEqual({ ok: true, encoding: 'utf-16be' });
    expect(minutesEncoding(bytes(0xef, 0xbb, 0xbf, 0xd8, 0xb5))).toEqual({ ok: true, encoding: 'utf-8' });
  });

  it('refuses in Persian what is not minutes text: empty, Word (a zip), PDF, binary', () => {
    expect(minutesEncoding(bytes(0x20, 0x0d, 0x0a))).toEqual({ ok: false, message: 'فایل صورتجلسه خالی است.' });
    expect(minutesEncoding(bytes(0x50, 0x4b, 0x03, 0x04))).toMatchObject({ ok: false, message: expect.stringContaining('فقط فایل متنی (.txt)') });
    expect(minutesEncoding(bytes(0x25, 0x50, 0x44, 0x46, 0x2d))).toMatchObject({ ok: false, message: expect.stringContaining('PDF') });
    expect(minutesEncoding(bytes(0x41, 0x00, 0x42))).toEqual({ ok: false, message: 'این فایل متنی نیست و صورتجلسه نمی‌تواند باشد.' });
  });

  it('judges UTF-8 strictly: a cut sequence, an overlong form, a surrogate or a byte past U+10FFFF is not UTF-8', () => {
    // «ص» is D8 B5
    expect(isUtf8(bytes(0xd8, 0xb5))).toBe(true);
    expect(isUtf8(bytes(0xd8))).toBe(false);
    expect(isUtf8(bytes(0xc0, 0xaf))).toBe(false);
    expect(isUtf8(bytes(0xe0, 0x80, 0xaf))).toBe(false);
    expect(isUtf8(bytes(0xed, 0xa0, 0x80))).toBe(false);
    expect(isUtf8(bytes(0xf4, 0x90, 0x80, 0x80))).toBe(false);
    // U+1F600 (F0 9F 98 80) is fine
    expect(isUtf8(bytes(0xf0, 0x9f, 0x98, 0x80))).toBe(true);
    // Windows-1256 «ص» is 0xD5 followed by an ASCII byte: not UTF-8
    expect(isUtf8(bytes(0xd5, 0x20))).toBe(false);
  });
});
