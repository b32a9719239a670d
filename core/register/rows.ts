/**
 * From a raw worksheet row to an Assignment. Reading never throws: a cell that cannot be read
 * becomes null in the Assignment and a RowProblem that validation turns into an Issue.
 */
import { toPersianDigits } from '../text/digits';
import { cellText, isEmptyCell, parseDateCell, parsePercent, parseWholeNumber, type NumberFailure } from './cells';
import type { FieldName } from './fields';
import { fieldHeader, fieldHeaderEn, rowError, rowWarning, type RowProblem } from './problems';
import { parseStatus, REGISTER_STATUS_OPTIONS } from './status';
import type { Assignment, RawRow } from './types';

/** An Assignment and what was wrong with its cells. */
export interface InterpretedRow {
  assignment: Assignment;
  problems: RowProblem[];
}

/** Date columns of the register, checked the same way. */
const DATE_FIELDS = ['meetingDate', 'due', 'doneDate', 'requestedDue'] as const;

/** True when no cell of the row holds anything (trailing blank rows, spacer rows). */
export function isBlankRow(raw: RawRow): boolean {
  for (const field in raw.values) {
    const v = raw.values[field as FieldName];
    if (v !== undefined && !isEmptyCell(v)) return false;
  }
  return true;
}

/** The percent problem for a refused `درصد پیشرفت` cell; messages quote the cell. */
function percentProblem(reason: NumberFailure, text: string): RowProblem {
  const quoted = `«${toPersianDigits(text)}»`;
  if (reason === 'not_whole') {
    return rowError('percent', 'percent_not_whole',
      `درصد پیشرفت باید عدد صحیح بین ۰ و ۱۰۰ باشد (${quoted})`,
      `Progress must be a whole number from 0 to 100 ("${text}")`);
  }
  return rowError('percent', reason === 'out_of_range' ? 'percent_out_of_range' : 'percent_not_number',
    `درصد پیشرفت باید عددی بین ۰ و ۱۰۰ باشد (${quoted})`,
    `Progress must be a number from 0 to 100 ("${text}")`);
}

/**
 * Interpret one register row.
 * - Text cells are display-normalized (normalizeText); numbers in text cells become text.
 * - Dates become `YYYY/MM/DD` (Latin digits) or null; an unreadable or impossible date is an
 *   `invalid_date` error on that cell.
 * - `وضعیت` becomes a StatusCode or null (`status_unknown` error when not in the list).
 * - `درصد پیشرفت` becomes a whole 0..100 or null (`percent_not_number`, `percent_out_of_range`,
 *   `percent_not_whole` errors).
 * - `ردیف` a whole number or null (`row_not_number` warning); the hidden revision a whole
 *   number, 0 when empty (`revision_not_number` warning when unreadable).
 * Never throws; missing fields read as empty.
 */
export function interpretRow(raw: RawRow): InterpretedRow {
  const v = raw.values;
  const problems: RowProblem[] = [];

  const dates: Partial<Record<FieldName, string | null>> = {};
  for (const field of DATE_FIELDS) {
    const parsed = parseDateCell(v[field] ?? null);
    if (parsed.ok) {
      dates[field] = parsed.value ? parsed.value.toString() : null;
    } else {
      dates[field] = null;
      problems.push(rowError(field, 'invalid_date', `${fieldHeader(field)}: ${parsed.reason.fa}`,
        `${fieldHeaderEn(field)}: ${parsed.reason.en}`));
    }
  }

  const status = parseStatus(v.status ?? null);
  if (!status.ok) {
    problems.push(rowError('status', 'status_unknown',
      `وضعیت «${status.text}» در فهرست نیست؛ یکی از این‌ها را بنویسید: ${REGISTER_STATUS_OPTIONS.join('، ')}`,
      `status "${status.text}" is not in the list (${REGISTER_STATUS_OPTIONS.join(', ')})`));
  }

  const percent = parsePercent(v.percent ?? null);
  if (!percent.ok) problems.push(percentProblem(percent.reason, percent.text));

  const row = parseWholeNumber(v.row ?? null);
  if (!row.ok || row.value === 0) {
    const text = row.ok ? '0' : row.text;
    problems.push(rowWarning('row', 'row_not_number',
      `ردیف باید عدد صحیح مثبت باشد («${toPersianDigits(text)}»)`,
      `Row must be a positive whole number ("${text}")`));
  }

  const revision = parseWholeNumber(v.revision ?? null);
  if (!revision.ok) {
    problems.push(rowWarning('revision', 'revision_not_number',
      `ستون پنهان نسخه خوانا نیست («${toPersianDigits(revision.text)}»)؛ صفر در نظر گرفته شد`,
      `hidden revision "${revision.text}" is not a whole number; read as 0`));
  }

  const updatedAt = cellText(v.updatedAt ?? null);
  const assignment: Assignment = {
    id: cellText(v.id ?? null),
    meeting: cellText(v.meeting ?? null),
    meetingDate: dates.meetingDate ?? null,
    row: row.ok && row.value ? row.value : null,
    text: cellText(v.text ?? null),
    agency: cellText(v.agency ?? null),
    deadlineText: cellText(v.deadlineText ?? null),
    due: dates.due ?? null,
    status: status.ok ? status.status : null,
    percent: percent.ok ? percent.value : null,
    report: cellText(v.report ?? null),
    doneDate: dates.doneDate ?? null,
    requestedDue: dates.requestedDue ?? null,
    requestReason: cellText(v.requestReason ?? null),
    revision: revision.ok && revision.value !== null ? revision.value : 0,
    updatedAt: updatedAt === '' ? null : updatedAt,
  };
  return { assignment, problems };
}
