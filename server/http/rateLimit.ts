/**
 * In-memory rate limits (one process; several instances each count their own): a fixed window
 * per key (client address, token). Old windows are dropped as they are met, so memory stays
 * bounded by the keys active in one window.
 */
import { MosavabatError } from '../../core/errors';

export interface RateLimiter {
  /** Count one event for `key`; true when it is still within the limit. */
  hit(key: string): boolean;
  /** Whether `key` is over the limit in the current window (without counting). */
  blocked(key: string): boolean;
}

/**
 * @param limit events allowed per window per key
 * @param windowMs window length in milliseconds
 * @param now the clock (tests fix it)
 */
export function fixedWindow(limit: number, windowMs: number, now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = now();
  const current = (key: string) => {
    const t = now();
    if (t - lastSweep > windowMs) {
      for (const [k, w] of windows) if (t - w.start >= windowMs) windows.delete(k);
      lastSweep = t;
    }
    let w = windows.get(key);
    if (!w || t - w.start >= windowMs) windows.set(key, (w = { start: t, count: 0 }));
    return w;
  };
  return {
    hit(key) {
      const w = current(key);
      w.count++;
      return w.count <= limit;
    },
    blocked(key) {
      return current(key).count >= limit;
    },
  };
}

/** The 429 for too many uploads. */
export function tooManyUploads(): MosavabatError {
  return new MosavabatError('too_many_uploads', 'در چند دقیقهٔ گذشته فایل‌های زیادی فرستاده‌اید؛ کمی بعد دوباره بفرستید',
    'too many uploads in a short time; try again shortly', 'rate_limited');
}
