/**
 * Access tokens: random secrets with a prefix people recognise in a config file or a leak
 * scanner, stored only as their SHA-256 and compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Every token starts with this, so one is recognised wherever it is pasted. */
export const TOKEN_PREFIX = 'mosavabat_';

/** Random bytes in a token: 256 bits. */
const TOKEN_BYTES = 32;

/** A new token: the prefix and 32 random bytes in base64url (43 characters). */
export function newTokenSecret(): string {
  return TOKEN_PREFIX + randomBytes(TOKEN_BYTES).toString('base64url');
}

/** A new token id (not secret; shown in `token list`, written to the history): 12 hex digits. */
export function newTokenId(): string {
  return randomBytes(6).toString('hex');
}

/** The SHA-256 of a token, lower-case hex: what the store keeps. */
export function hashToken(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Whether two hex hashes are equal, in time that does not depend on where they differ. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

/** Whether a text can be a token at all (prefix, length, alphabet), checked before any lookup. */
export function looksLikeToken(secret: string): boolean {
  return /^mosavabat_[A-Za-z0-9_-]{43}$/.test(secret);
}
