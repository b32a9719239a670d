/**
 * A small zip reader and writer: enough to look inside an .xlsx before exceljs does (which parts
 * it has, what its workbook.xml says) without loading the whole workbook, and to write one back
 * with some parts replaced and the rest copied as stored. Reads the central directory; inflates
 * single entries on demand and deflates new ones with Node's zlib.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import * as zlib from 'node:zlib';

/**
 * How much an archive may hold before it is refused unread: every zip this tool opens (registers,
 * returns, uploads, .docx minutes) is held to these, enforced while inflating and never from the
 * sizes the archive declares. A 100,000-row register is about 10 MB compressed, and its largest
 * part under 100 MB inflated.
 */
export interface ZipLimits {
  /** The archive itself, in bytes. */
  compressedBytes: number;
  /** Number of entries in the central directory. */
  entries: number;
  /** Inflated size of any one entry, in bytes. */
  entryBytes: number;
  /** Inflated size of one XML part (`.xml`, `.rels`, `.vml`), in bytes: these are read as text. */
  xmlBytes: number;
  /** Inflated size of all entries together, in bytes (overlapping entries count each time). */
  totalBytes: number;
}

const MiB = 1024 * 1024;

/** The limits every reader uses unless a caller passes tighter ones. */
export const ZIP_LIMITS: Readonly<ZipLimits> = Object.freeze({
  compressedBytes: 100 * MiB,
  entries: 10_000,
  entryBytes: 512 * MiB,
  xmlBytes: 256 * MiB,
  totalBytes: 1024 * MiB,
});

/** Whether a part is XML text (read whole as a string by the readers). */
export function isXmlPart(name: string): boolean {
  return /\.(xml|rels|vml)$/i.test(name);
}

export interface ZipEntry {
  /** Path inside the archive, e.g. `xl/workbook.xml` (no leading slash). */
  name: string;
  /** 0 stored, 8 deflated; anything else cannot be read here. */
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
  /** CRC-32 of the uncompressed data, from the central directory. */
  crc: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

/** Thrown for anything that is not a readable zip; callers turn it into a MosavabatError. */
export class ZipFormatError extends Error {}

/** Thrown when an archive goes over one of its limits; `limit` names which, `bytes`/`count` its value. */
export class ZipLimitError extends ZipFormatError {
  constructor(readonly limit: keyof ZipLimits, readonly value: number, readonly entry?: string) {
    super(`${entry ? `${entry}: ` : ''}over the ${limit} limit (${value})`);
  }
}

/** Whether the bytes start like a zip archive (`PK\3\4`). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * The entries of a zip archive, from its central directory.
 * @throws ZipFormatError when there is no end-of-central-directory record (not a zip, or truncated)
 */
export function listZipEntries(buffer: Buffer, limits: Readonly<ZipLimits> = ZIP_LIMITS): ZipEntry[] {
  if (buffer.length > limits.compressedBytes) throw new ZipLimitError('compressedBytes', limits.compressedBytes);
  const eocd = findEndOfCentralDirectory(buffer);
  let count = buffer.readUInt16LE(eocd + 10);
  let offset = buffer.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) {
    // zip64: the real numbers are in the zip64 end record the locator points to
    const locator = eocd - 20;
    if (locator < 0 || buffer.readUInt32LE(locator) !== ZIP64_LOCATOR_SIGNATURE) throw new ZipFormatError('zip64 locator missing');
    const record = Number(buffer.readBigUInt64LE(locator + 8));
    if (record + 56 > buffer.length || buffer.readUInt32LE(record) !== ZIP64_EOCD_SIGNATURE) throw new ZipFormatError('zip64 record missing');
    count = Number(buffer.readBigUInt64LE(record + 32));
    offset = Number(buffer.readBigUInt64LE(record + 48));
  }
  if (count > limits.entries) throw new ZipLimitError('entries', limits.entries);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== CENTRAL_SIGNATURE) {
      throw new ZipFormatError('central directory is damaged');
    }
    const method = buffer.readUInt16LE(offset + 10);
    const crc = buffer.readUInt32LE(offset + 16);
    let compressedSize = buffer.readUInt32LE(offset + 20);
    let size = buffer.readUInt32LE(offset + 24);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    let localHeaderOffset = buffer.readUInt32LE(offset + 42);
    const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLength).replace(/^\/+/, '');
    if (size === 0xffffffff || compressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      // zip64 extended information: the 64-bit values follow in the order of the 32-bit fields that overflowed
      let p = offset + 46 + nameLength;
      const end = p + extraLength;
      while (p + 4 <= end) {
        const id = buffer.readUInt16LE(p);
        const length = buffer.readUInt16LE(p + 2);
        if (id === 0x0001) {
          let q = p + 4;
          if (size === 0xffffffff) { size = Number(buffer.readBigUInt64LE(q)); q += 8; }
          if (compressedSize === 0xffffffff) { compressedSize = Number(buffer.readBigUInt64LE(q)); q += 8; }
          if (localHeaderOffset === 0xffffffff) localHeaderOffset = Number(buffer.readBigUInt64LE(q));
        }
        p += 4 + length;
      }
    }
    entries.push({ name, method, compressedSize, size, localHeaderOffset, crc });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * The uncompressed bytes of one entry, never more than the entry limit (the XML limit for XML
 * parts) whatever the archive declares.
 * @param maxBytes stop after this many output bytes (to peek at the start of a large part)
 * @throws ZipFormatError when the entry's data is damaged or uses an unknown compression;
 *   ZipLimitError when it inflates past its limit
 */
export function readZipEntry(buffer: Buffer, entry: ZipEntry, maxBytes?: number, limits: Readonly<ZipLimits> = ZIP_LIMITS): Buffer {
  const limit: keyof ZipLimits = isXmlPart(entry.name) ? 'xmlBytes' : 'entryBytes';
  const at = entry.localHeaderOffset;
  if (at + 30 > buffer.length || buffer.readUInt32LE(at) !== LOCAL_SIGNATURE) throw new ZipFormatError(`local header of ${entry.name} is damaged`);
  const start = at + 30 + buffer.readUInt16LE(at + 26) + buffer.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > buffer.length) throw new ZipFormatError(`${entry.name} is truncated`);
  const data = buffer.subarray(start, end);
  if (entry.method === 0) {
    if (maxBytes === undefined && data.length > limits[limit]) throw new ZipLimitError(limit, limits[limit], entry.name);
    return maxBytes === undefined ? Buffer.from(data) : Buffer.from(data.subarray(0, maxBytes));
  }
  if (entry.method !== 8) throw new ZipFormatError(`${entry.name} uses compression method ${entry.method}`);
  try {
    if (maxBytes === undefined) return inflateRawSync(data, { maxOutputLength: limits[limit] });
    // a partial inflate: SYNC_FLUSH lets zlib return what it has without the stream's end
    const inflated = inflateRawSync(data.subarray(0, Math.min(data.length, maxBytes)), { finishFlush: 2 });
    return inflated.subarray(0, maxBytes);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new ZipLimitError(limit, limits[limit], entry.name);
    throw new ZipFormatError(`${entry.name} cannot be inflated: ${(error as Error).message}`);
  }
}

function findEndOfCentralDirectory(buffer: Buffer): number {
  // the record is 22 bytes plus a comment of at most 65535 bytes, at the very end
  const lowest = Math.max(0, buffer.length - 22 - 0xffff);
  for (let i = buffer.length - 22; i >= lowest; i--) {
    if (buffer.readUInt32LE(i) === EOCD_SIGNATURE) return i;
  }
  throw new ZipFormatError('no end of central directory record');
}

let crcTable: Uint32Array | undefined;

/** zlib's own CRC-32 (Node 20.15 and later): native, an order of magnitude faster than the table below. */
const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

/** CRC-32 (IEEE) of bytes, as zip wants it. */
export function crc32(bytes: Uint8Array): number {
  if (nativeCrc32) return nativeCrc32(bytes) >>> 0;
  return tableCrc32(bytes);
}

/** CRC-32 by table, for Node versions without zlib.crc32. */
export function tableCrc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const b of bytes) crc = crcTable[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * Build a zip archive (deflated entries, no zip64) from names and contents: used to repack a
 * workbook after patching one of its parts, and by tests to craft files.
 */
export function writeZip(files: ReadonlyArray<{ name: string; data: Buffer | string }>): Buffer {
  return assembleZip(files.map((file) => packEntry(file.name, typeof file.data === 'string' ? Buffer.from(file.data, 'utf8') : file.data)));
}

/** An entry ready to be stored: its compressed bytes and what the headers say about them. */
export interface PackedEntry {
  name: string;
  method: number;
  crc: number;
  size: number;
  compressed: Buffer;
}

/** A new part, deflated. */
export function packEntry(name: string, data: Buffer): PackedEntry {
  return { name, method: 8, crc: crc32(data), size: data.length, compressed: deflateRawSync(data) };
}

/** An existing part of `buffer` exactly as stored (still compressed), for copying it unchanged. @throws ZipFormatError */
export function storedEntry(buffer: Buffer, entry: ZipEntry): PackedEntry {
  return { name: entry.name, method: entry.method, crc: entry.crc, size: entry.size, compressed: zipEntryData(buffer, entry) };
}

/** Local headers, data, central directory and end record for entries in this order (no zip64). */
export function assembleZip(entries: readonly PackedEntry[]): Buffer {
  const parts: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_SIGNATURE, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(entry.method, 8);
    local.writeUInt32LE(entry.crc, 14);
    local.writeUInt32LE(entry.compressed.length, 18);
    local.writeUInt32LE(entry.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL_SIGNATURE, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(entry.method, 10);
    central.writeUInt32LE(entry.crc, 16);
    central.writeUInt32LE(entry.compressed.length, 20);
    central.writeUInt32LE(entry.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    parts.push(local, name, entry.compressed);
    centrals.push(central, name);
    offset += 30 + name.length + entry.compressed.length;
  }
  const centralSize = centrals.reduce((sum, b) => sum + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD_SIGNATURE, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...centrals, end]);
}

/** Every entry's name and uncompressed bytes. @throws ZipFormatError */
export function readZip(buffer: Buffer): Array<{ name: string; data: Buffer }> {
  return listZipEntries(buffer).map((entry) => ({ name: entry.name, data: readZipEntry(buffer, entry) }));
}

/** The compressed bytes of an entry as stored (no inflating). @throws ZipFormatError */
export function zipEntryData(buffer: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localHeaderOffset;
  if (at + 30 > buffer.length || buffer.readUInt32LE(at) !== LOCAL_SIGNATURE) throw new ZipFormatError(`local header of ${entry.name} is damaged`);
  const start = at + 30 + buffer.readUInt16LE(at + 26) + buffer.readUInt16LE(at + 28);
  if (start + entry.compressedSize > buffer.length) throw new ZipFormatError(`${entry.name} is truncated`);
  return buffer.subarray(start, start + entry.compressedSize);
}

/**
 * The same archive with the entries named in `first` moved to the front (in that order), the
 * rest after them as they were. Entries are copied compressed, with clean local headers (sizes
 * and CRC in the header, no data descriptors); entries named in `drop` are left out. exceljs's
 * streaming reader needs the workbook,
 * its relationships, styles and shared strings before the sheets, but its own streaming writer
 * (and other tools) put them last.
 * @throws ZipFormatError for a damaged archive; zip64 archives are returned unchanged
 */
export function reorderZip(buffer: Buffer, first: readonly string[], drop: ReadonlySet<string> = new Set()): Buffer {
  const entries = listZipEntries(buffer).filter((e) => !drop.has(e.name));
  if (entries.some((e) => e.size >= 0xffffffff || e.compressedSize >= 0xffffffff || e.localHeaderOffset >= 0xffffffff)) return buffer;
  const rank = (name: string) => {
    const i = first.indexOf(name);
    return i < 0 ? first.length : i;
  };
  const ordered = entries.map((e, i) => ({ e, i })).sort((a, b) => rank(a.e.name) - rank(b.e.name) || a.i - b.i).map((x) => x.e);
  return assembleZip(ordered.map((e) => storedEntry(buffer, e)));
}
