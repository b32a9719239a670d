/**
 * The derived deadline state of a row (the `وضعیت مهلت` column and the row colour): from the
 * reported status, the done date, the due date, today and the "due soon" window.
 */
import type { DeadlineKind } from '../deadline/rule';
import type { JalaliDate } from '../jalali/JalaliDate';
import { jalaliOrNull, parseDeadlineCached } from './memo';
import type { Assignment, DeadlineState } from './types';

/** Every state code, in the order legends and summaries list them. */
export const DEADLINE_STATES: readonly DeadlineState[] = [
  'overdue', 'due_soon', 'on_track', 'done', 'done_late', 'ongoing', 'needs_date', 'void', 'invalid',
];

/** Persian words of each state, as written in the `وضعیت مهلت` column. */
export const STATE_LABELS: Readonly<Record<DeadlineState, string>> = {
  done: 'انجام شده در مهلت',
  done_late: 'انجام شده با تأخیر',
  overdue: 'مهلت گذشته',
  due_soon: 'نزدیک به پایان مهلت',
  on_track: 'در مهلت',
  ongoing: 'مستمر',
  needs_date: 'نیازمند تعیین مهلت',
  void: 'منتفی',
  invalid: 'دارای خطا',
};

/** English label of each state. */
export const STATE_LABELS_EN: Readonly<Record<DeadlineState, string>> = {
  done: 'Done',
  done_late: 'Done late',
  overdue: 'Overdue',
  due_soon: 'Due soon',
  on_track: 'On track',
  ongoing: 'Ongoing',
  needs_date: 'Needs a date',
  void: 'Void',
  invalid: 'Invalid',
};

/** Default "due soon" window in days. */
export const DEFAULT_DUE_SOON_DAYS = 7;

export interface DeriveStateOptions {
  /** A row is `due_soon` when its due date is today or up to this many days ahead. Default 7; negative counts as 0. */
  dueSoonDays?: number;
  /** The row has validation errors (severity error): its state is `invalid`. */
  invalid?: boolean;
  /**
   * The deadline rule's kind when the caller already parsed `deadlineText`; otherwise it is
   * parsed here, and only when the row has no due date.
   */
  deadlineKind?: DeadlineKind;
}

/** A `YYYY/MM/DD` string as a date, or null when absent or unreadable. */
function dateOf(text: string | null): JalaliDate | null {
  return text ? jalaliOrNull(text) : null;
}

/**
 * The state of one row on `today`. First match wins:
 * 1. `invalid` — options.invalid (the row has validation errors; even a void row, so the
 *    error is seen and fixed);
 * 2. `void` — status `منتفی`;
 * 3. `done` / `done_late` — status `انجام شده`: late when the done date is after the due date.
 *    Without a done date, or without a due date, the row is `done`: lateness needs evidence,
 *    and judging by today would turn old done rows "late" as time passes (validation warns
 *    `done_date_missing` so someone asks for the date);
 * 4. `ongoing` — no due date and the deadline phrase is ongoing (`مستمر`): never overdue.
 *    A due date typed by a person wins over the phrase;
 * 5. `needs_date` — no due date otherwise (unknown or conditional phrase, empty);
 * 6. `overdue` — today is after the due date;
 * 7. `due_soon` — due today or within `dueSoonDays` days (due in exactly 7 days is due soon,
 *    8 days is on track, with the default window);
 * 8. `on_track`.
 * `خارج از اختیار دستگاه` (blocked) is judged like any unfinished row: the deadline still
 * passes, and the summary shows the status beside it. Never throws.
 */
export function deriveState(assignment: Assignment, today: JalaliDate, options: DeriveStateOptions = {}): DeadlineState {
  if (options.invalid) return 'invalid';
  if (assignment.status === 'void') return 'void';
  const due = dateOf(assignment.due);
  if (assignment.status === 'done') {
    const doneOn = dateOf(assignment.doneDate);
    return due && doneOn && doneOn.isAfter(due) ? 'done_late' : 'done';
  }
  if (!due) {
    const kind = options.deadlineKind ?? parseDeadlineCached(assignment.deadlineText).rule.kind;
    return kind === 'ongoing' ? 'ongoing' : 'needs_date';
  }
  const daysLeft = today.daysUntil(due);
  if (daysLeft < 0) return 'overdue';
  const window = Math.max(0, options.dueSoonDays ?? DEFAULT_DUE_SOON_DAYS);
  return daysLeft <= window ? 'due_soon' : 'on_track';
}

/** Persian words of a state (the `وضعیت مهلت` cell). */
export function stateLabel(state: DeadlineState): string {
  return STATE_LABELS[state];
}
