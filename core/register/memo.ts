/**
 * A small bounded cache for pure string functions. Register columns repeat the same few
 * values (agency, meeting, status, deadline phrase) in thousands of rows; normalizing each
 * once keeps validation of large registers cheap.
 */
import { parseDeadline } from '../deadline/parse';
import { JalaliDate } from '../jalali/JalaliDate';
import { comparisonKey } from '../text/normalize';

/**
 * Wrap a pure function of a string. Results are cached by the exact input; the cache is
 * emptied when it reaches `maxEntries` (default 10,000), so memory stays bounded. Inputs longer
 * than `maxLength` (default 200 characters; resolution texts) are not cached: they rarely repeat.
 * Only for functions whose result is never mutated by callers.
 */
export function memoizeString<T>(fn: (text: string) => T, maxEntries = 10_000, maxLength = 200): (text: string) => T {
  const cache = new Map<string, T>();
  return (text: string): T => {
    if (text.length > maxLength) return fn(text);
    const hit = cache.get(text);
    if (hit !== undefined || cache.has(text)) return hit as T;
    if (cache.size >= maxEntries) cache.clear();
    const value = fn(text);
    cache.set(text, value);
    return value;
  };
}

/** parseDeadline, cached: registers repeat a handful of phrases (`یک ماه`, `هفته جاری`). */
export const parseDeadlineCached = memoizeString(parseDeadline);

/** comparisonKey, cached: agency and meeting names repeat in every row of theirs. */
export const comparisonKeyCached = memoizeString(comparisonKey);

/**
 * A stored `YYYY/MM/DD` (or any text JalaliDate.tryParse reads) as a date, null when it is not
 * one; cached, because meeting and due dates repeat across rows and checks. JalaliDate is
 * immutable, so sharing instances is safe.
 */
export const jalaliOrNull = memoizeString((text: string): JalaliDate | null => {
  const parsed = JalaliDate.tryParse(text);
  return parsed.ok ? parsed.date : null;
});
