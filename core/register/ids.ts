/** Stable row ids (شناسه): the same minutes always give the same ids, whatever the order. */
import { comparisonKey } from '../text/normalize';

/** FNV-1a 32-bit hash as 8 hex digits; stable across platforms. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * Id of a meeting: its date digits and session number, e.g. `14010409-12`
 * (`0` when the minutes carry no session number).
 */
export function meetingId(date: string | null, number: number | null): string {
  return `${(date ?? '00000000').replace(/\//g, '')}-${number ?? 0}`;
}

/**
 * Id of one (resolution, agency) row: meeting id, row number and a short hash of the agency's
 * comparison key, e.g. `14010409-12-2-a1b2c3`. Typing variants of the agency give the same id.
 */
export function assignmentId(meeting: string, row: number, agency: string): string {
  return `${meeting}-${row}-${fnv1a(comparisonKey(agency)).slice(0, 6)}`;
}
