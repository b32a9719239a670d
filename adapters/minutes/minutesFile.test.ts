import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MosavabatError } from '../../core/errors';
import { normalizeText } from '../../core/text/normalize';
import { encodeWindows1256, tempDir } from '../../test/helpers';
import { decodeMinutes, readMinutesFile } from './minutesFile';

const persian = 'مصوبات جلسه مورخ ۱۴۰۱/۰۴/۰۹';

describe('decodeMinutes', () => {
  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeMinutes(Buffer.from(persian, 'utf8'))).toEqual({ text: persian, encoding: 'utf-8' });
    expect(decodeMinutes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(persian)])).text).toBe(persian);
  });

  it('reads UTF-16 little- and big-endian with a BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(persian, 'utf16le')]);
    expect(decodeMinutes(le)).toEqual({ text: persian, encoding: 'utf-16le' });
    const be = Buffer.from(le);
    be.swap16();
    expect(decodeMinutes(be)).toEqual({ text: persian, encoding: 'utf-16be' });
  });

  it('reads UTF-16 without a BOM, as some converters save it', () => {
    const text = `${persian}\r\n1\tمتن\tفرمانداری کرج\tیک ماه`;
    const le = Buffer.from(text, 'utf16le');
    expect(decodeMinutes(le)).toEqual({ text, encoding: 'utf-16le' });
    const be = Buffer.from(le);
    be.swap16();
    expect(decodeMinutes(be)).toEqual({ text, encoding: 'utf-16be' });
  });

  it('says a UTF-16 file that holds only a BOM and spaces is empty', () => {
    expect(() => decodeMinutes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(' \r\n', 'utf16le')]))).toThrow(
      expect.objectContaining({ code: 'empty_file' }));
  });

  it('decodes Windows-1256 text as old Persian systems save it', () => {
    const text = 'مصوبات جلسه فرمانداری کرج یک ماه';
    const decoded = decodeMinutes(encodeWindows1256(text));
    expect(decoded.encoding).toBe('windows-1256');
    expect(decoded.text).toBe(text.replace(/ی/g, 'ي'));
    expect(normalizeText(decoded.text)).toBe(text);
  });

  it.each([
    ['an empty file', Buffer.alloc(0), 'empty_file'],
    ['a file of blank lines', Buffer.from('  \n\r\n'), 'empty_file'],
    ['a binary file', Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00, 0x10]), 'binary_file'],
    ['a zip that is not a Word document', Buffer.from('PK\u0003\u0004rest-of-zip'), 'damaged_file'],
    ['a PDF', Buffer.from('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj', 'latin1'), 'pdf_file'],
    ['an old Word .doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), 'old_office_file'],
    ['an RTF file', Buffer.from('{\\rtf1\\ansi\\ansicpg1256 {\\fonttbl}}'), 'rtf_file'],
    ['text with control characters and no NUL', Buffer.from([0x41, 0x01, 0x02, 0x03, 0x1b, 0x42]), 'binary_file'],
    ['an odd-length file with NUL bytes', Buffer.from([0x41, 0x00, 0x42, 0x00, 0x43]), 'binary_file'],
  ])('rejects %s with a Persian message', (_what, bytes, code) => {
    try {
      decodeMinutes(bytes, 'x.txt');
      throw new Error('expected a rejection');
    } catch (error) {
      expect(error).toBeInstanceOf(MosavabatError);
      expect((error as MosavabatError).code).toBe(code);
      expect((error as MosavabatError).fa).toMatch(/[\u0600-\u06ff]/);
      expect((error as MosavabatError).where.file).toBe('x.txt');
    }
  });
});

describe('readMinutesFile', () => {
  it('names a missing file', async () => {
    await expect(readMinutesFile('/no/such/minutes.txt')).rejects.toMatchObject({ code: 'file_not_found' });
  });

  it('rejects a folder', async () => {
    await expect(readMinutesFile(tempDir())).rejects.toMatchObject({ code: 'not_a_file' });
  });

  it('reads a file from disk', async () => {
    const path = join(tempDir(), 'm.txt');
    writeFileSync(path, persian);
    await expect(readMinutesFile(path)).resolves.toEqual({ text: persian, encoding: 'utf-8' });
  });
});

describe('decodeMinutes on arbitrary bytes', () => {
  it('returns text or throws a MosavabatError, never anything else (zips, BOMs and magic numbers included)', () => {
    const prefix = fc.constantFrom([], [0x50, 0x4b, 0x03, 0x04], [0xff, 0xfe], [0xfe, 0xff], [0xef, 0xbb, 0xbf], [0x25, 0x50, 0x44, 0x46, 0x2d]);
    fc.assert(fc.property(prefix, fc.uint8Array({ maxLength: 300 }), (head, body) => {
      try {
        expect(typeof decodeMinutes(Uint8Array.from([...head, ...body]), 'x').text).toBe('string');
      } catch (error) {
        expect(error).toBeInstanceOf(MosavabatError);
      }
    }), { numRuns: 3000 });
  });
});
