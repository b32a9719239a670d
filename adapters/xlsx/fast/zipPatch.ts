/**
 * A workbook archive with some parts replaced or added and every other part copied as it is
 * stored (still compressed, byte for byte): a merge changes two or three parts of a register,
 * and recompressing the rest (shared strings, other sheets, images) would only cost time.
 */
import { assembleZip, packEntry, storedEntry, type PackedEntry, type ZipEntry } from './zip';

const LIMIT = 0xffffffff;

/**
 * The archive `bytes` (listed as `entries`) with the parts in `replace` given new contents (in
 * their places) and the parts in `add` appended. Directory entries are dropped.
 * @throws RangeError for an archive that would need zip64 (over 4 GB): not a register
 */
export function patchZip(bytes: Buffer, entries: readonly ZipEntry[], replace: ReadonlyMap<string, Buffer>,
  add: ReadonlyArray<{ name: string; data: Buffer }> = []): Buffer {
  const packed: PackedEntry[] = entries
    .filter((entry) => !entry.name.endsWith('/'))
    .map((entry) => {
      const data = replace.get(entry.name);
      return data ? packEntry(entry.name, data) : storedEntry(bytes, entry);
    });
  for (const part of add) packed.push(packEntry(part.name, part.data));
  const length = packed.reduce((sum, p) => sum + 76 + 2 * Buffer.byteLength(p.name) + p.compressed.length, 22);
  if (length >= LIMIT || packed.some((p) => p.size >= LIMIT)) throw new RangeError('the archive would need zip64');
  return assembleZip(packed);
}
