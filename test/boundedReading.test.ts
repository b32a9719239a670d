/**
 * Bounded reading: zip bombs of every kind, a DOCTYPE, and endless minutes input are refused by
 * the real command in a child process, with a message naming the limit, in under 300 MB of memory.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, ftruncateSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants, deflateRawSync } from 'node:zlib';
import { assembleZip, listZipEntries, packEntry, storedEntry, type PackedEntry } from '../adapters/xlsx/fast/zip';
import { checkZipBounds, ZIP_LIMITS } from '../adapters/xlsx/fast/zipBounds';
import { MosavabatError } from '../core/errors';
import { cli, SEED_MINUTES, tempDir } from './helpers';

const ROOT = join(__dirname, '..');
const MAIN = join(ROOT, 'dist/cli/main.js');
const MiB = 1024 * 1024;
const RSS_BUDGET_MB = 300;

/**
 * A raw deflate stream that inflates to `head` followed by `mebibytes` MiB of spaces: one
 * compressed MiB of spaces, flushed so it stands alone, repeated; then an empty final block.
 */
function deflateBomb(head: string, mebibytes: number): Buffer {
  const flush = { finishFlush: constants.Z_FULL_FLUSH };
  const block = deflateRawSync(Buffer.alloc(MiB, 0x20), flush);
  const parts = [deflateRawSync(Buffer.from(head), flush)];
  for (let i = 0; i < mebibytes; i++) parts.push(block);
  parts.push(Buffer.from([0x03, 0x00]));
  return Buffer.concat(parts);
}

/** An entry whose headers claim 1,000 bytes, whatever its data inflates to. */
function lyingEntry(name: string, compressed: Buffer): PackedEntry {
  return { name, method: 8, crc: 0, size: 1000, compressed };
}

/** A register made by `import -o` (a real, valid workbook) and its entries. */
async function realRegister(dir: string): Promise<string> {
  const path = join(dir, 'register.xlsx');
  const made = await cli('import', SEED_MINUTES, '-o', path, '--today', '1401/04/20');
  expect(made.status).toBe(0);
  return path;
}

/** The register's parts with one entry replaced (or added) by `entry`. */
function withEntry(register: Buffer, entry: PackedEntry): Buffer {
  const kept = listZipEntries(register).filter((e) => e.name !== entry.name).map((e) => storedEntry(register, e));
  return assembleZip([...kept, entry]);
}

/** Run the built CLI in a child process; its peak RSS in MB comes from a preloaded exit hook. */
function runMeasured(dir: string, args: string[], input?: string): { status: number | null; out: string; peakMb: number } {
  const hook = join(dir, 'peak-rss.js');
  writeFileSync(hook, "process.on('exit', () => require('fs').writeSync(2, '\\nPEAK_RSS_KB=' + process.resourceUsage().maxRSS + '\\n'));\n");
  const child = spawnSync(process.execPath, ['-r', hook, MAIN, ...args], { encoding: 'utf8', input, timeout: 120_000 });
  const peak = /PEAK_RSS_KB=(\d+)/.exec(child.stderr);
  if (!peak) throw new Error(`no peak RSS from the child (status ${child.status}): ${child.stderr}`);
  return { status: child.status, out: child.stdout + child.stderr, peakMb: Number(peak[1]) / 1024 };
}

describe('zip bombs are refused while inflating, in little memory', () => {
  let dir: string;
  let register: string;
  let registerBytes: Buffer;
  beforeAll(async () => {
    expect(readFileSync(MAIN).length).toBeGreaterThan(0); // run `npm run build` first
    dir = tempDir('mosavabat-bombs-');
    register = await realRegister(dir);
    registerBytes = readFileSync(register);
  });

  const sheetHead = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';

  const cases: Array<{ kind: string; limitFa: string; make: () => Buffer }> = [
    {
      kind: 'one XML part inflating past the XML limit (sizes in the headers lie)',
      limitFa: 'حجم باز‌شده‌ی یک بخش XML',
      make: () => withEntry(registerBytes, lyingEntry('xl/worksheets/sheet1.xml', deflateBomb(sheetHead, ZIP_LIMITS.xmlBytes / MiB + 20))),
    },
    {
      kind: 'one non-XML part inflating past the entry limit',
      limitFa: 'حجم باز‌شده‌ی یک بخش فایل',
      make: () => withEntry(registerBytes, lyingEntry('xl/media/image1.png', deflateBomb('', ZIP_LIMITS.entryBytes / MiB + 20))),
    },
    {
      kind: 'five parts, each under its limit, past the total',
      limitFa: 'حجم باز‌شده‌ی کل فایل',
      make: () => {
        let bytes = registerBytes;
        const each = Math.ceil(ZIP_LIMITS.totalBytes / MiB / 5) + 10;
        for (let i = 1; i <= 5; i++) bytes = withEntry(bytes, lyingEntry(`xl/media/image${i}.bin`, deflateBomb('', each)));
        return bytes;
      },
    },
    {
      kind: 'many central entries pointing at the same data (overlapping files)',
      limitFa: 'حجم باز‌شده‌ی کل فایل',
      make: () => {
        const base = assembleZip([...listZipEntries(registerBytes).map((e) => storedEntry(registerBytes, e)),
          lyingEntry('xl/media/shared.bin', deflateBomb('', 4))]);
        return overlapping(base, 'xl/media/shared.bin', Math.ceil(ZIP_LIMITS.totalBytes / (4 * MiB)) + 10);
      },
    },
    {
      kind: 'more entries than the entry count limit',
      limitFa: 'تعداد بخش‌های درون فایل',
      make: () => assembleZip([...listZipEntries(registerBytes).map((e) => storedEntry(registerBytes, e)),
        ...Array.from({ length: ZIP_LIMITS.entries + 1 }, (_, i) => packEntry(`xl/media/e${i}.bin`, Buffer.alloc(0)))]),
    },
  ];

  for (const { kind, limitFa, make } of cases) {
    it(`${kind}: validate, merge (as the register and as a return) refuse it under ${RSS_BUDGET_MB} MB`, () => {
      const bomb = join(dir, `bomb-${cases.findIndex((c) => c.kind === kind)}.xlsx`);
      writeFileSync(bomb, make());
      const validate = runMeasured(dir, ['validate', bomb]);
      expect(validate.status).toBe(2);
      expect(validate.out).toContain(limitFa);
      expect(validate.peakMb).toBeLessThan(RSS_BUDGET_MB);

      const asRegister = runMeasured(dir, ['merge', bomb, register, '-o', join(dir, 'out.xlsx')]);
      expect(asRegister.status).toBe(2);
      expect(asRegister.out).toContain(limitFa);
      expect(asRegister.peakMb).toBeLessThan(RSS_BUDGET_MB);

      const asReturn = runMeasured(dir, ['merge', register, bomb, '-o', join(dir, 'out.xlsx')]);
      expect(asReturn.status).toBe(1); // the file is refused and reported; the run goes on
      expect(asReturn.out).toContain(limitFa);
      expect(asReturn.peakMb).toBeLessThan(RSS_BUDGET_MB);
    });
  }

  it('a workbook over the file size limit is refused from its size, unread', () => {
    const big = join(dir, 'big.xlsx');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, ZIP_LIMITS.compressedBytes + 1);
    closeSync(fd);
    const result = runMeasured(dir, ['validate', big]);
    expect(result.status).toBe(2);
    expect(result.out).toContain('حجم فایل بیش از ۱۰۰ مگابایت');
    expect(result.peakMb).toBeLessThan(RSS_BUDGET_MB);
  });

  it('the check the service calls on uploads names the limit (bytes in memory, no file)', async () => {
    const bomb = withEntry(registerBytes, lyingEntry('xl/worksheets/sheet1.xml', deflateBomb(sheetHead, ZIP_LIMITS.xmlBytes / MiB + 1)));
    const error = await checkZipBounds(bomb, 'upload.xlsx').then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(MosavabatError);
    expect(error).toMatchObject({ code: 'file_too_large', where: { file: 'upload.xlsx' } });
    expect((error as MosavabatError).en).toContain('inflated size of one XML part is over the limit of 256 MB');
    await expect(checkZipBounds(registerBytes, 'register.xlsx')).resolves.toBeUndefined();
  });

  it('a .docx of minutes whose text part inflates past 50 MB is refused by import', () => {
    const docx = join(dir, 'minutes.docx');
    writeFileSync(docx, assembleZip([
      packEntry('[Content_Types].xml', Buffer.from('<?xml version="1.0"?><Types/>')),
      lyingEntry('word/document.xml', deflateBomb('<?xml version="1.0"?><w:document xmlns:w="w"><w:body>', 1024)),
    ]));
    const result = runMeasured(dir, ['import', docx, '--json']);
    expect(result.status).toBe(2);
    expect(result.out).toContain('بیش از ۵۰ مگابایت');
    expect(result.peakMb).toBeLessThan(RSS_BUDGET_MB);
  });

  it('minutes read from /dev/zero stop at the minutes size limit', () => {
    const result = runMeasured(dir, ['import', '/dev/zero', '--json']);
    expect(result.status).toBe(2);
    expect(result.out).toContain('فایل صورتجلسه بیش از حد مجاز (۲۰ مگابایت)');
    expect(result.peakMb).toBeLessThan(RSS_BUDGET_MB);
  });
});

describe('a DOCTYPE in any part is refused by every command', () => {
  it('validate, color and merge (register and return) refuse a register whose sheet has a DOCTYPE', async () => {
    const dir = tempDir('mosavabat-doctype-');
    const register = await realRegister(dir);
    const bytes = readFileSync(register);
    const entries = listZipEntries(bytes);
    const sheet = entries.find((e) => e.name === 'xl/worksheets/sheet1.xml');
    expect(sheet).toBeDefined();
    const { readZipEntry } = await import('../adapters/xlsx/fast/zip');
    const xml = readZipEntry(bytes, sheet!).toString('utf8').replace(/^(<\?xml[^>]*\?>)/, '$1<!DOCTYPE worksheet [<!ENTITY a "b">]>');
    expect(xml).toContain('<!DOCTYPE');
    const bad = join(dir, 'doctype.xlsx');
    writeFileSync(bad, withEntry(bytes, packEntry('xl/worksheets/sheet1.xml', Buffer.from(xml))));
    for (const args of [['validate', bad], ['color', bad, '-o', join(dir, 'c.xlsx')], ['merge', bad, register, '-o', join(dir, 'm.xlsx')]]) {
      const result = await cli(...args);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('DOCTYPE');
    }
    const asReturn = await cli('merge', register, bad, '-o', join(dir, 'm2.xlsx'));
    expect(asReturn.status).toBe(1);
    expect(asReturn.stdout + asReturn.stderr).toContain('DOCTYPE');
  });
});

/**
 * The archive with `copies` more central-directory entries that all point at the local entry
 * named `name` (the "overlapping files" bomb: each copy inflates the same data again).
 */
function overlapping(archive: Buffer, name: string, copies: number): Buffer {
  const entries = listZipEntries(archive);
  const target = entries.find((e) => e.name === name)!;
  const eocd = archive.length - 22;
  const centralStart = archive.readUInt32LE(eocd + 16);
  const central = archive.subarray(centralStart, eocd);
  let at = 0;
  let record: Buffer | undefined;
  while (at < central.length) {
    const nameLength = central.readUInt16LE(at + 28);
    const size = 46 + nameLength + central.readUInt16LE(at + 30) + central.readUInt16LE(at + 32);
    if (central.toString('utf8', at + 46, at + 46 + nameLength) === name) record = central.subarray(at, at + size);
    at += size;
  }
  expect(record?.readUInt32LE(42)).toBe(target.localHeaderOffset);
  const extra = Array.from({ length: copies }, () => record!);
  const newCentral = Buffer.concat([central, ...extra]);
  const end = Buffer.from(archive.subarray(eocd));
  end.writeUInt16LE(entries.length + copies, 8);
  end.writeUInt16LE(entries.length + copies, 10);
  end.writeUInt32LE(newCentral.length, 12);
  return Buffer.concat([archive.subarray(0, centralStart), newCentral, end]);
}

