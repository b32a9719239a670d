/**
 * Signed returns. Each return's hidden description (agency, register revision, when made …)
 * and its hidden copy of the rows as exported (ids, revisions, base values) are signed with
 * HMAC-SHA256 under a key that only the register holds, in a very hidden sheet no return ever
 * gets. A return whose hidden sheets were edited to claim another agency's rows, other ids or
 * other base values no longer matches its signature and is refused by the merge.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Workbook } from 'exceljs';
import { cellText } from '../../../core/register/cells';
import type { CellValue } from '../../../core/register/types';

/** Very hidden register sheet holding the signing key: `key` / hex, `created` / ISO time. */
export const KEY_SHEET = 'mosavabat_key';
/** META_SHEET key of the signature (hex), not itself signed. */
export const SIGNATURE_KEY = 'signature';
/** META_SHEET key naming which key signed the file (see keyId); signed with the rest. */
export const SIGNED_BY_KEY = 'signedBy';

/** The register's signing key and when it was made (returns made before then carry no signature). */
export interface SigningKey {
  key: Buffer;
  created: string;
}

/** One cell as signed: numbers in their shortest form, everything else as its text ('' for empty). */
function canonical(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  return cellText(value);
}

/**
 * The text a return's signature covers: its description pairs (sorted by key, the signature
 * left out) and its hidden copy's rows, cell by cell.
 */
export function signedText(meta: ReadonlyArray<readonly [string, CellValue]>, base: ReadonlyArray<readonly CellValue[]>): string {
  const pairs = meta.filter(([key]) => key !== SIGNATURE_KEY).map(([key, value]) => [key, canonical(value)])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return JSON.stringify([pairs, base.map((row) => row.map(canonical))]);
}

/** HMAC-SHA256 of the signed text under the key, as hex. */
export function signText(key: Buffer, text: string): string {
  return createHmac('sha256', key).update(text, 'utf8').digest('hex');
}

/** Whether `signature` (hex) is the text's signature under the key (compared in constant time). */
export function signatureMatches(key: Buffer, text: string, signature: string): boolean {
  const expected = Buffer.from(signText(key, text), 'hex');
  const given = Buffer.from(signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * A name for a signing key that tells keys apart without revealing them: the first 16 hex
 * digits of an HMAC of a fixed text under the key. A return records it, so a file signed by
 * another register (or another service) is told from an edited one.
 */
export function keyId(key: Buffer): string {
  return createHmac('sha256', key).update('mosavabat signing key id', 'utf8').digest('hex').slice(0, 16);
}

/** What a return file says about its signature (ReturnFileData.signed, with when the file was made). */
export interface SignedFacts {
  /** The text the signature covers. */
  text: string;
  /** The signature (hex); null when the file carries none. */
  signature: string | null;
  /** The keyId the file names; null when it names none (files made before keys were named). */
  signedBy: string | null;
}

/**
 * What a return's signature says, judged against the key of the register (or store) it is
 * merged into:
 * - `valid`: signed with this key, nothing signed changed;
 * - `unsigned`: made before this key existed (or there is no key to check against): merged as before;
 * - `other_register`: signed with another key (the file names it), so made from another register;
 * - `forged`: the signature does not match, or is missing from a file made after the key existed;
 * - `not_a_return`: the file has no description sheet (made by hand, or not by this tool).
 * @param madeAt the file's `madeAt` (ISO), when it says
 */
export function signatureVerdict(signed: SignedFacts | undefined, madeAt: string | null, key: SigningKey | undefined):
  'valid' | 'unsigned' | 'other_register' | 'forged' | 'not_a_return' {
  if (!signed) return 'not_a_return';
  if (!key) return 'unsigned';
  if (signed.signature === null) {
    // removing the signature must not turn a forged file into an "old" one
    const made = Date.parse(madeAt ?? '');
    return Number.isFinite(made) && made < Date.parse(key.created) ? 'unsigned' : 'forged';
  }
  if (signatureMatches(key.key, signed.text, signed.signature)) return 'valid';
  return signed.signedBy !== null && signed.signedBy !== keyId(key.key) ? 'other_register' : 'forged';
}

/** The register's signing key, when its key sheet holds a readable one. */
export function readSigningKey(cell: (row: number, col: number) => CellValue | undefined): SigningKey | undefined {
  const pairs = new Map<string, string>();
  for (let r = 1; r <= 5; r++) {
    const key = cell(r, 1);
    if (typeof key === 'string') pairs.set(key, canonical(cell(r, 2)));
  }
  const hex = pairs.get('key') ?? '';
  if (!/^[0-9a-f]{64}$/.test(hex)) return undefined;
  return { key: Buffer.from(hex, 'hex'), created: pairs.get('created') ?? '' };
}

/** The key of an exceljs register workbook, when it has one. */
export function workbookSigningKey(workbook: Workbook): SigningKey | undefined {
  const sheet = workbook.getWorksheet(KEY_SHEET);
  return sheet ? readSigningKey((r, c) => sheet.getCell(r, c).value as CellValue) : undefined;
}

/**
 * Give an exceljs register workbook a new signing key in a very hidden sheet (the caller saves
 * the register). @returns the key
 */
export function addSigningKey(workbook: Workbook, now: Date): SigningKey {
  const key: SigningKey = { key: randomBytes(32), created: now.toISOString() };
  const sheet = workbook.addWorksheet(KEY_SHEET, { state: 'veryHidden' });
  sheet.addRow(['key', key.key.toString('hex')]);
  sheet.addRow(['created', key.created]);
  sheet.addRow(['about', 'کلید امضای فایل‌های دستگاه‌ها؛ تغییر ندهید و در فایلی که بیرون می‌رود نگذارید — signs agency return files; never edit or send out']);
  return key;
}
