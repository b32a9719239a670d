/**
 * A workbook archive with some parts replaced or added and every other part copied as it is
 * stored (still compressed, byte for byte): a merge changes two or three parts of a register,
 * and recompressing the rest (shared strings, other sheets, images) would only cost time.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import { zipEntryData, type ZipEntry } from '../excel/zip';

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const LIMIT = 0xffffffff;

interface Packed {
  name: Buffer;
  method: number;
  crc: number;
  size: number;
  data: Buffer;
}

/**
 * The archive `bytes` (listed as `entries`) with the parts in `replace` given new contents (in
 * their places) and the parts in `add` appended. Directory entries are dropped.
 * @throws RangeError for an archive that would need zip64 (over 4 GB): not a register
 */
export function patchZip(bytes: Buffer, entries: readonly ZipEntry[], replace: ReadonlyMap<string, Buffer>,
  add: ReadonlyArray<{ name: string; data: Buffer }> = []): Buffer {
  const fresh = (name: string, data: Buffer): Packed => ({
    name: Buffer.from(name, 'utf8'), method: 8, crc: crc32(data) >>> 0, size: data.length, data: deflateRawSync(data),
  });
  const packed: Packed[] = [];
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    const data = replace.get(entry.name);
    packed.push(data ? fresh(entry.name, data) : {
      name: Buffer.from(entry.name, 'utf8'), method: entry.method, crc: entry.crc, size: entry.size, data: zipEntryData(bytes, entry),
    });
  }
  for (const part of add) packed.push(fresh(part.name, part.data));

  let length = 22;
  for (const p of packed) length += 30 + 46 + 2 * p.name.length + p.data.length;
  if (length >= LIMIT || packed.some((p) => p.size >= LIMIT)) throw new RangeError('the archive would need zip64');
  const out = Buffer.alloc(length);
  let at = 0;
  const offsets: number[] = [];
  for (const p of packed) {
    offsets.push(at);
    out.writeUInt32LE(LOCAL, at);
    out.writeUInt16LE(20, at + 4);
    out.writeUInt16LE(0x0800, at + 6); // names in UTF-8
    out.writeUInt16LE(p.method, at + 8);
    out.writeUInt32LE(p.crc, at + 14);
    out.writeUInt32LE(p.data.length, at + 18);
    out.writeUInt32LE(p.size, at + 22);
    out.writeUInt16LE(p.name.length, at + 26);
    p.name.copy(out, at + 30);
    p.data.copy(out, at + 30 + p.name.length);
    at += 30 + p.name.length + p.data.length;
  }
  const central = at;
  packed.forEach((p, i) => {
    out.writeUInt32LE(CENTRAL, at);
    out.writeUInt16LE(20, at + 4);
    out.writeUInt16LE(20, at + 6);
    out.writeUInt16LE(0x0800, at + 8);
    out.writeUInt16LE(p.method, at + 10);
    out.writeUInt32LE(p.crc, at + 16);
    out.writeUInt32LE(p.data.length, at + 20);
    out.writeUInt32LE(p.size, at + 24);
    out.writeUInt16LE(p.name.length, at + 28);
    out.writeUInt32LE(offsets[i], at + 42);
    p.name.copy(out, at + 46);
    at += 46 + p.name.length;
  });
  out.writeUInt32LE(END, at);
  out.writeUInt16LE(packed.length, at + 8);
  out.writeUInt16LE(packed.length, at + 10);
  out.writeUInt32LE(at - central, at + 12);
  out.writeUInt32LE(central, at + 16);
  return out;
}
