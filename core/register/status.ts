/**
 * The `وضعیت` column: what an agency reports about a row, and the secretariat's `منتفی`.
 * Read tolerantly (Arabic letters, ZWNJ/space, bidi marks, English), always written in Persian.
 */
import { comparisonKey } from '../text/normalize';
import { cellText } from './cells';
import { comparisonKeyCached } from './memo';
import type { CellValue, StatusCode } from './types';

/** Persian label of each status, exactly as written to workbooks and offered in dropdowns. */
export const STATUS_LABELS: Readonly<Record<StatusCode, string>> = {
  not_started: 'انجام نشده',
  in_progress: 'در حال انجام',
  done: 'انجام شده',
  blocked: 'خارج از اختیار دستگاه',
  void: 'منتفی',
};

/** English label of each status, for logs, JSON and the English header variant. */
export const STATUS_LABELS_EN: Readonly<Record<StatusCode, string>> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  done: 'Done',
  blocked: 'Beyond the agency\'s authority',
  void: 'Void',
};

/** Statuses an agency may report, in dropdown order. */
export const REPORTED_STATUSES: readonly StatusCode[] = ['not_started', 'in_progress', 'done', 'blocked'];

/** Every status, including the secretariat-only `void`. */
export const ALL_STATUSES: readonly StatusCode[] = [...REPORTED_STATUSES, 'void'];

/** Dropdown items of the `وضعیت` column in agency return workbooks (no `منتفی`). */
export const AGENCY_STATUS_OPTIONS: readonly string[] = REPORTED_STATUSES.map((s) => STATUS_LABELS[s]);

/** Dropdown items of the `وضعیت` column in the secretariat's register (with `منتفی` last). */
export const REGISTER_STATUS_OPTIONS: readonly string[] = ALL_STATUSES.map((s) => STATUS_LABELS[s]);

/**
 * Other ways people write a status, beyond the labels and codes. Kept short on purpose:
 * a word that is not here is reported to a person rather than guessed.
 */
const SYNONYMS: Readonly<Record<string, StatusCode>> = {
  'انجام شد': 'done',
  'انجام نشد': 'not_started',
  'شروع نشده': 'not_started',
  'در دست اقدام': 'in_progress',
  'در دست انجام': 'in_progress',
  'در حال اقدام': 'in_progress',
  'خارج از اختیار': 'blocked',
  'ملغی': 'void',
};

/** comparisonKey → status, built once from labels, English labels, codes and synonyms. */
const BY_KEY: ReadonlyMap<string, StatusCode> = (() => {
  const map = new Map<string, StatusCode>();
  for (const code of ALL_STATUSES) {
    map.set(comparisonKey(STATUS_LABELS[code]), code);
    map.set(comparisonKey(STATUS_LABELS_EN[code]), code);
    map.set(comparisonKey(code), code);
  }
  for (const [text, code] of Object.entries(SYNONYMS)) map.set(comparisonKey(text), code);
  return map;
})();

/** Result of reading a status cell: `status` null means the cell is empty. */
export type StatusParse =
  | { ok: true; status: StatusCode | null }
  | { ok: false; text: string };

/**
 * Read a `وضعیت` cell. Matches by comparison key, so `انجام‌شده`, `انجام شده`, `انجامشده`,
 * Arabic ي/ك and stray bidi marks all read the same; English labels and the codes
 * (`done`, `in_progress` …) are accepted too. Empty cells (null, '', spaces) give
 * `{ ok: true, status: null }`. Anything else gives `{ ok: false, text }` with the cell's text
 * (display-normalized) for the message. Never throws.
 */
export function parseStatus(value: CellValue): StatusParse {
  const text = cellText(value);
  if (text === '') return { ok: true, status: null };
  const status = BY_KEY.get(comparisonKeyCached(text));
  return status ? { ok: true, status } : { ok: false, text };
}

/** The Persian label to write for a status; '' for null (an empty cell). */
export function statusLabel(status: StatusCode | null): string {
  return status ? STATUS_LABELS[status] : '';
}
