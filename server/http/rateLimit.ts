/**
 * Rate limits: a fixed window per key (client address, token id), counted by the store so that
 * several service instances on one PostgreSQL database count together (RegisterStore.countEvents;
 * the SQLite store counts in its own process). Windows start at whole multiples of their length,
 * the same on every instance; a burst across a window's edge may reach twice the limit.
 */
import { MosavabatError } from '../../core/errors';
import type { RegisterStore } from '../../usecases/registerStore';

export interface RateLimiter {
  /** Count one event for `key`; true when it is still within the limit. */
  hit(key: string): Promise<boolean>;
  /** Whether `key` has reached the limit in the current window (without counting). */
  blocked(key: string): Promise<boolean>;
}

/**
 * @param kind what is counted (`failed_login`, `upload`): its own counters
 * @param limit events allowed per window per key
 * @param windowMs window length in milliseconds
 * @param now the clock, milliseconds since 1970 (tests fix it)
 */
export function storeLimiter(store: Pick<RegisterStore, 'countEvents'>, kind: string, limit: number, windowMs: number,
  now: () => number = Date.now): RateLimiter {
  return {
    hit: async (key) => (await store.countEvents(kind, key, windowMs, now(), 1)) <= limit,
    blocked: async (key) => (await store.countEvents(kind, key, windowMs, now(), 0)) >= limit,
  };
}

/** The 429 for too many uploads. */
export function tooManyUploads(): MosavabatError {
  return new MosavabatError('too_many_uploads', 'در چند دقیقهٔ گذشته فایل‌های زیادی فرستاده‌اید؛ کمی بعد دوباره بفرستید',
    'too many uploads in a short time; try again shortly', 'rate_limited');
}
