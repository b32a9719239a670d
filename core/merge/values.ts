/**
 * Agency fields as values: read a return-file cell with the register's parsers, take the same
 * field from an Assignment, and turn a value back into the cell text written to workbooks.
 * Everything compares in FieldValue form, so `۸۰٪`, `80%` and 80 are one value.
 */
import { toPersianDigits } from '../text/digits';
import { comparisonKey } from '../text/normalize';
import { cellText, isEmptyCell, parseDateCell, parsePercent } from '../register/cells';
import { parseStatus, statusLabel, STATUS_LABELS } from '../register/status';
import type { AgencyField, Assignment, CellValue, FieldName, FieldValue, LockedField } from './types';
import type { RawRow, StatusCode } from '../register/types';

/** The agency fields, in column order. */
export const MERGE_FIELDS: readonly AgencyField[] = ['status', 'percent', 'report', 'doneDate', 'requestedDue', 'requestReason'];

/** Locked fields whose export copy is compared with what the file shows now. */
export const LOCKED_FIELDS: readonly LockedField[] = ['meeting', 'meetingDate', 'row', 'text', 'agency', 'deadlineText', 'due'];

const DATE_FIELDS: ReadonlySet<FieldName> = new Set<FieldName>(['meetingDate', 'due', 'doneDate', 'requestedDue']);

/** A field of an Assignment in FieldValue form ('' text is null). */
export function assignmentValue(row: Assignment, field: AgencyField): FieldValue {
  switch (field) {
    case 'status': return row.status;
    case 'percent': return row.percent;
    case 'report': return row.report === '' ? null : row.report;
    case 'requestReason': return row.requestReason === '' ? null : row.requestReason;
    case 'doneDate': return row.doneDate;
    case 'requestedDue': return row.requestedDue;
  }
}

/** A copy of `row` with `field` set to `value` (the inverse of assignmentValue). */
export function withValue(row: Assignment, field: AgencyField, value: FieldValue): Assignment {
  switch (field) {
    case 'status': return { ...row, status: value as StatusCode | null };
    case 'percent': return { ...row, percent: value as number | null };
    case 'report': return { ...row, report: (value as string | null) ?? '' };
    case 'requestReason': return { ...row, requestReason: (value as string | null) ?? '' };
    case 'doneDate': return { ...row, doneDate: value as string | null };
    case 'requestedDue': return { ...row, requestedDue: value as string | null };
  }
}

/** A cell read as a field value, or why not. */
export type FieldRead =
  | { ok: true; value: FieldValue }
  | { ok: false; code: 'invalid_status' | 'status_not_allowed' | 'invalid_percent' | 'invalid_date' | 'text_too_long'; fa: string; en: string };

/** The most characters an Excel cell holds; a longer text would make Excel repair the register. */
export const MAX_CELL_TEXT = 32767;

/**
 * Marks a FieldValue that stands for a cell the register's rules cannot read (`زیاد` in the
 * percent column): the cell's text after this prefix. Such a value is compared like any other
 * (so an unchanged invalid cell is not an edit) but is never written by a merge.
 */
const INVALID_MARK = '\u0000';

/** The FieldValue of an unreadable cell holding `text`. */
export function invalidValue(text: string): FieldValue {
  return INVALID_MARK + text;
}

/** Whether a FieldValue stands for an unreadable cell (see invalidValue). */
export function isInvalidValue(value: FieldValue | undefined): boolean {
  return typeof value === 'string' && value.startsWith(INVALID_MARK);
}

/** A FieldValue as plain data for reports: an unreadable cell's text without its mark. */
export function plainValue(value: FieldValue | undefined): FieldValue | undefined {
  return isInvalidValue(value) ? (value as string).slice(INVALID_MARK.length) : value;
}

/**
 * A cell's value for comparisons: its FieldValue when the register's rules read it (void
 * allowed), else invalidValue of its text. Empty cells are null.
 */
export function comparableValue(field: AgencyField, value: CellValue): FieldValue {
  const read = readAgencyCell(field, value, true);
  return read.ok ? read.value : invalidValue(cellText(value));
}

/**
 * Read a return-file cell as the value of an agency field, with the register's parsers:
 * statuses with any letter variant (only the statuses an agency may report unless
 * `allowVoid`), percent as `۸۰`, `80%`, `۸۰٪`, a percent-formatted 0.8 (arrives as `80%`),
 * dates with any digits, text display-normalized. Never throws.
 */
export function readAgencyCell(field: AgencyField, value: CellValue, allowVoid = false): FieldRead {
  switch (field) {
    case 'status': {
      const parsed = parseStatus(value);
      if (!parsed.ok) {
        return {
          ok: false, code: 'invalid_status',
          fa: `وضعیت «${parsed.text}» در فهرست نیست؛ یکی از «${Object.values(STATUS_LABELS).slice(0, 4).join('»، «')}» را انتخاب کنید`,
          en: `status "${parsed.text}" is not one of the listed statuses`,
        };
      }
      if (parsed.status === 'void' && !allowVoid) {
        return {
          ok: false, code: 'status_not_allowed',
          fa: `وضعیت «${STATUS_LABELS.void}» را فقط دبیرخانه می‌تواند ثبت کند`,
          en: 'only the secretariat may set the status "void"',
        };
      }
      return { ok: true, value: parsed.status };
    }
    case 'percent': {
      const parsed = parsePercent(value);
      if (parsed.ok) return { ok: true, value: parsed.value };
      const shown = toPersianDigits(parsed.text);
      if (parsed.reason === 'out_of_range') {
        return { ok: false, code: 'invalid_percent', fa: `درصد پیشرفت «${shown}» باید بین ۰ تا ۱۰۰ باشد`, en: `progress "${parsed.text}" must be between 0 and 100` };
      }
      if (parsed.reason === 'not_whole') {
        const hint = typeof value === 'number' && value > 0 && value <= 1
          ? `؛ برای ${toPersianDigits(String(Math.round(value * 100)))}٪ عدد ${toPersianDigits(String(Math.round(value * 100)))} را بنویسید` : '';
        return { ok: false, code: 'invalid_percent', fa: `درصد پیشرفت «${shown}» باید عدد صحیح باشد${hint}`, en: `progress "${parsed.text}" must be a whole number 0-100` };
      }
      return { ok: false, code: 'invalid_percent', fa: `درصد پیشرفت «${shown}» عدد نیست`, en: `progress "${parsed.text}" is not a number` };
    }
    case 'doneDate':
    case 'requestedDue': {
      const parsed = parseDateCell(value);
      if (parsed.ok) return { ok: true, value: parsed.value ? parsed.value.toString() : null };
      return { ok: false, code: 'invalid_date', fa: parsed.reason.fa, en: parsed.reason.en };
    }
    case 'report':
    case 'requestReason': {
      const text = cellText(value);
      if (text.length > MAX_CELL_TEXT) {
        return {
          ok: false, code: 'text_too_long',
          fa: `متن ${toPersianDigits(String(text.length))} نویسه است و از بیشترین اندازهٔ یک خانهٔ اکسل (${toPersianDigits(String(MAX_CELL_TEXT))} نویسه) بلندتر است؛ آن را کوتاه کنید`,
          en: `the text has ${text.length} characters, more than an Excel cell holds (${MAX_CELL_TEXT})`,
        };
      }
      return { ok: true, value: text === '' ? null : text };
    }
  }
}

/**
 * The cell to write for an agency field value: status as its Persian label, percent as a
 * number, dates as `YYYY/MM/DD` text, text as is; null for an empty value.
 */
export function toCell(field: AgencyField, value: FieldValue): CellValue {
  if (value === null) return null;
  if (field === 'status') return statusLabel(value as StatusCode);
  return value;
}

/** Text of a value for the history sheet and messages ('' for empty). */
export function valueText(field: AgencyField, value: FieldValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (isInvalidValue(value)) return String(plainValue(value));
  if (field === 'status') return statusLabel(value as StatusCode);
  return String(value);
}

/**
 * Comparison key of a locked cell: dates by their Jalali day (`1401/4/9` = `۱۴۰۱/۰۴/۰۹`),
 * everything else by comparisonKey of its text, so re-typing a letter variant or a space is
 * not an edit but changing a word or a number is.
 */
export function lockedKey(field: FieldName, value: CellValue | undefined): string {
  if (value === undefined || value === null) return '';
  if (DATE_FIELDS.has(field)) {
    const parsed = parseDateCell(value);
    if (parsed.ok) return parsed.value ? parsed.value.toString() : '';
  }
  return comparisonKey(cellText(value));
}

/** A row's key for "same cell content" checks: the agency field cells as text. */
export function rawKey(value: CellValue | undefined): string {
  return value === undefined ? '\u0000' : cellText(value);
}

/**
 * Agency-field cells of a register row that the register's rules cannot read (`زیاد` as a
 * percent: the Assignment holds nothing there), as their text; undefined when there are none.
 * Exports send this text, and merges compare against it, so nothing typed is hidden or lost.
 */
export function unreadableCells(raw: RawRow | undefined, assignment: Assignment): Partial<Record<AgencyField, string>> | undefined {
  let found: Partial<Record<AgencyField, string>> | undefined;
  for (const field of MERGE_FIELDS) {
    const cell = raw?.values[field];
    if (cell === undefined || isEmptyCell(cell) || assignmentValue(assignment, field) !== null) continue;
    (found ??= {})[field] = cellText(cell);
  }
  return found;
}
