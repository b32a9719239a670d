/**
 * Adding a meeting's minutes to the open register: the same parsing and ids as
 * `mosavabat import` (core/minutes, core/register/fromMinutes), so importing the same minutes
 * twice — from the CLI or the pane — adds nothing.
 */
import { MosavabatError } from '../../core/errors';
import { parseMinutes } from '../../core/minutes/parse';
import type { ParsedMinutes } from '../../core/minutes/types';
import { assignmentsFromMinutes } from '../../core/register/fromMinutes';
import type { FieldName } from '../../core/register/fields';
import { deadlineSettingsOf, type RegisterSettings } from '../../core/register/settings';
import { statusLabel } from '../../core/register/status';
import type { Assignment } from '../../core/register/types';
import { toPersianDigits } from '../../core/text';
import { jalaliToSerial } from './cells';

/** One resolution row of the preview. */
export interface PreviewRow {
  id: string;
  row: number;
  agency: string;
  text: string;
  deadline: string;
  /** Due date with Persian digits, '' when none. */
  due: string;
  warnings: string[];
  /** Already in the register (same id): not added again. */
  present: boolean;
}

export interface MinutesPreview {
  ok: boolean;
  /** Persian message: what was read, or why nothing was. */
  message: string;
  meeting?: { title: string; date: string };
  rows: PreviewRow[];
  warnings: string[];
  assignments: Assignment[];
}

/**
 * Parse minutes text with the register's settings and mark which rows the register already has.
 * Never throws: an unreadable text gives `ok: false` and the parser's Persian message.
 * @param stamp the `آخرین به‌روزرسانی` text for new rows (Jalali date and time, Tehran)
 */
export function previewMinutes(text: string, settings: RegisterSettings, existingIds: ReadonlySet<string>, stamp: string): MinutesPreview {
  let minutes: ParsedMinutes;
  try {
    minutes = parseMinutes(text, deadlineSettingsOf(settings));
  } catch (error) {
    const message = error instanceof MosavabatError ? error.fa : 'متن صورتجلسه خوانده نشد';
    return { ok: false, message, rows: [], warnings: [], assignments: [] };
  }
  const assignments = assignmentsFromMinutes(minutes, stamp);
  const warningsOf = new Map(minutes.resolutions.map((r) => [r.row, r.warnings.map((w) => w.fa)]));
  const rows = assignments.map((a) => ({
    id: a.id,
    row: a.row ?? 0,
    agency: a.agency,
    text: a.text,
    deadline: a.deadlineText,
    due: a.due ? toPersianDigits(a.due) : '',
    warnings: warningsOf.get(a.row ?? 0) ?? [],
    present: existingIds.has(a.id),
  }));
  const fresh = rows.filter((r) => !r.present).length;
  const meeting = { title: minutes.meeting.title, date: minutes.meeting.date ? toPersianDigits(minutes.meeting.date) : '' };
  const message = fresh
    ? `${toPersianDigits(String(minutes.resolutions.length))} مصوبه و ${toPersianDigits(String(fresh))} ردیف تازه برای دفتر خوانده شد.`
    : `همه‌ی ${toPersianDigits(String(rows.length))} ردیف این صورتجلسه از پیش در دفتر هست؛ چیزی افزوده نمی‌شود.`;
  return { ok: true, message, meeting, rows, warnings: minutes.warnings.map((w) => w.fa), assignments };
}

/**
 * The cells of a new register row, in the register's own columns (as the CLI writes them: dates
 * with Persian digits, the hidden Gregorian due date as a date serial).
 */
export function rowCells(a: Assignment): Partial<Record<FieldName, string | number>> {
  const date = (d: string | null) => (d ? toPersianDigits(d) : '');
  return {
    id: a.id,
    meeting: a.meeting,
    meetingDate: date(a.meetingDate),
    row: a.row ?? '',
    text: a.text,
    agency: a.agency,
    deadlineText: a.deadlineText,
    due: date(a.due),
    status: a.status ? statusLabel(a.status) : '',
    percent: a.percent ?? '',
    report: a.report,
    doneDate: date(a.doneDate),
    requestedDue: date(a.requestedDue),
    requestReason: a.requestReason,
    updatedAt: a.updatedAt ? toPersianDigits(a.updatedAt) : '',
    revision: a.revision,
    dueGregorian: jalaliToSerial(a.due) ?? '',
  };
}
