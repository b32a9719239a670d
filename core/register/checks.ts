/**
 * The checks that look at one interpreted row on its own (cross-row checks such as duplicate
 * ids live in validate.ts). Each check adds RowProblems; none throws.
 */
import type { AgencyDirectory } from '../agency/directory';
import { splitAgencies } from '../agency/split';
import { resolveDueDate } from '../deadline/resolve';
import type { DeadlineKind, DeadlineSettings } from '../deadline/rule';
import { datesInText } from '../deadline/textDates';
import type { JalaliDate } from '../jalali/JalaliDate';
import { toPersianDigits } from '../text/digits';
import type { FieldName } from './fields';
import { jalaliOrNull, parseDeadlineCached } from './memo';
import { rowError, rowWarning, type RowProblem } from './problems';
import type { Assignment } from './types';

/** What the row checks need besides the row. */
export interface RowCheckContext {
  today: JalaliDate;
  /** Known agencies; when absent or empty, agency names are not checked against it. */
  directory?: AgencyDirectory;
  settings?: Partial<DeadlineSettings>;
  /** Memo of the agency findings by agency name, shared across the rows of one run. */
  agencyProblems?: Map<string, RowProblem[]>;
}

/** The row checks' findings and the deadline kind they parsed (reused for the state). */
export interface RowCheckResult {
  problems: RowProblem[];
  deadlineKind: DeadlineKind;
}

function date(text: string | null): JalaliDate | null {
  return text ? jalaliOrNull(text) : null;
}

/** Text required in every row: the resolution and its agency. */
function checkRequired(a: Assignment, out: RowProblem[]): void {
  if (!a.text) out.push(rowError('text', 'missing_text', 'متن مصوبه خالی است', 'the resolution text is empty'));
  if (!a.agency) out.push(rowError('agency', 'missing_agency', 'اقدام کننده خالی است', 'the agency is empty'));
  if (!a.id) {
    out.push(rowWarning('id', 'missing_id', 'شناسه خالی است؛ این ردیف در ادغام پاسخ دستگاه‌ها پیدا نمی‌شود',
      'the row has no id; agency returns cannot be matched to it'));
  }
}

/** One agency per row, and a known one when there is a directory. */
function checkAgency(a: Assignment, ctx: RowCheckContext, out: RowProblem[]): void {
  if (!a.agency) return;
  // the same agency recurs in many rows, and closest() scans the whole directory
  let found = ctx.agencyProblems?.get(a.agency);
  if (!found) {
    found = agencyProblems(a.agency, ctx.directory);
    ctx.agencyProblems?.set(a.agency, found);
  }
  out.push(...found);
}

function agencyProblems(agency: string, directory: AgencyDirectory | undefined): RowProblem[] {
  const parts = splitAgencies(agency);
  if (parts.length > 1) {
    return [rowWarning('agency', 'agency_multiple',
      `در هر ردیف یک اقدام کننده بنویسید؛ «${agency}» ${toPersianDigits(parts.length)} دستگاه است`,
      `one agency per row; "${agency}" names ${parts.length} agencies`)];
  }
  if (!directory || directory.list().length === 0 || directory.find(agency)) return [];
  const suggestion = directory.closest(agency);
  return [rowWarning('agency', 'agency_unknown',
    `دستگاه «${agency}» در فهرست دستگاه‌ها نیست` + (suggestion ? `؛ منظور «${suggestion}» است؟` : ''),
    `agency "${agency}" is not in the directory` + (suggestion ? `; did you mean "${suggestion}"?` : ''))];
}

/**
 * The deadline: a due date that is missing, before the meeting, or different from what the
 * phrase gives; a phrase that gives no date.
 */
function checkDeadline(a: Assignment, ctx: RowCheckContext, badCells: ReadonlySet<FieldName>, out: RowProblem[]): DeadlineKind {
  const parsed = parseDeadlineCached(a.deadlineText);
  const kind = parsed.rule.kind;
  // a voided row is out of the work: its deadline no longer matters
  if (badCells.has('due') || a.status === 'void') return kind;
  const meeting = date(a.meetingDate);
  const due = date(a.due);
  let expected: JalaliDate | null = null;
  try {
    expected = meeting ? resolveDueDate(parsed.rule, meeting, ctx.settings) : null;
  } catch {
    expected = null; // outside the supported years: nothing to compare with
  }
  if (!due) {
    // a done row no longer needs a deadline
    if (a.status === 'done' || kind === 'ongoing') return kind;
    if (expected) {
      out.push(rowWarning('due', 'due_missing',
        `مهلت خالی است؛ زمان اقدام «${a.deadlineText}» مهلت ${expected.toDisplay()} را می‌دهد`,
        `the due date is empty; the deadline "${a.deadlineText}" gives ${expected.toString()}`));
    } else if (parsed.warnings.length > 0) {
      for (const w of parsed.warnings) out.push(rowWarning('deadlineText', w.code, w.fa, w.en));
    } else if (!meeting && !badCells.has('meetingDate')) {
      out.push(rowWarning('meetingDate', 'missing_meeting_date',
        'تاریخ جلسه خالی است؛ مهلت از روی زمان اقدام حساب نمی‌شود',
        'the meeting date is empty; the due date cannot be computed from the deadline'));
    }
    return kind;
  }
  if (meeting && due.isBefore(meeting)) {
    out.push(rowError('due', 'due_before_meeting',
      `مهلت ${due.toDisplay()} پیش از تاریخ جلسه ${meeting.toDisplay()} است`,
      `due date ${due.toString()} is before the meeting date ${meeting.toString()}`));
  } else if (expected && !expected.equals(due)) {
    out.push(rowWarning('due', 'due_mismatch',
      `مهلت ${due.toDisplay()} با زمان اقدام «${a.deadlineText}» که ${expected.toDisplay()} می‌شود یکی نیست`,
      `due date ${due.toString()} differs from ${expected.toString()} given by the deadline "${a.deadlineText}"`));
  }
  const later = datesInText(a.text).filter((d) => d.isAfter(due));
  if (later.length > 0) {
    const latest = later.reduce((x, y) => (y.isAfter(x) ? y : x));
    out.push(rowWarning('text', 'text_date_after_due',
      `متن مصوبه تاریخ ${latest.toDisplay()} را نام می‌برد که بعد از مهلت ${due.toDisplay()} است`,
      `the resolution text names ${latest.toString()}, after the due date ${due.toString()}`));
  }
  return kind;
}

/** What the agency reported: done date, percent and status agree with each other and the calendar. */
function checkReport(a: Assignment, ctx: RowCheckContext, badCells: ReadonlySet<FieldName>, out: RowProblem[]): void {
  const done = date(a.doneDate);
  const meeting = date(a.meetingDate);
  if (a.status === 'done' && a.percent !== null && a.percent < 100) {
    out.push(rowWarning('percent', 'done_percent_below_100',
      `وضعیت «انجام شده» است ولی درصد پیشرفت ${toPersianDigits(a.percent)} است`,
      `status is done but progress is ${a.percent}%`));
  }
  if (a.percent === 100 && (a.status === 'not_started' || a.status === 'in_progress')) {
    out.push(rowWarning('status', 'percent_100_not_done',
      'درصد پیشرفت ۱۰۰ است ولی وضعیت «انجام شده» نیست',
      'progress is 100% but the status is not done'));
  }
  if (a.status === 'done' && !done && !badCells.has('doneDate')) {
    out.push(rowWarning('doneDate', 'done_date_missing',
      'وضعیت «انجام شده» است ولی تاریخ انجام نوشته نشده است',
      'status is done but the done date is empty'));
  }
  if (a.status === 'blocked' && !a.report) {
    out.push(rowWarning('report', 'blocked_without_report',
      'وضعیت «خارج از اختیار دستگاه» است ولی گزارش اقدام دلیلی نمی‌گوید',
      'status is "beyond the agency\'s authority" but the report gives no reason'));
  }
  if (!done) return;
  if (a.status !== 'done' && a.status !== 'void') {
    out.push(rowWarning('doneDate', 'done_date_not_done',
      `تاریخ انجام ${done.toDisplay()} نوشته شده ولی وضعیت «انجام شده» نیست`,
      `a done date ${done.toString()} is set but the status is not done`));
  }
  if (meeting && done.isBefore(meeting)) {
    out.push(rowError('doneDate', 'done_before_meeting',
      `تاریخ انجام ${done.toDisplay()} پیش از تاریخ جلسه ${meeting.toDisplay()} است`,
      `done date ${done.toString()} is before the meeting date ${meeting.toString()}`));
  }
  if (done.isAfter(ctx.today)) {
    out.push(rowError('doneDate', 'done_in_future',
      `تاریخ انجام ${done.toDisplay()} بعد از امروز (${ctx.today.toDisplay()}) است`,
      `done date ${done.toString()} is after today (${ctx.today.toString()})`));
  }
}

/** A requested extension: later than the current due date, with a reason. */
function checkRequest(a: Assignment, out: RowProblem[]): void {
  const requested = date(a.requestedDue);
  if (!requested) return;
  const due = date(a.due);
  if (due && !requested.isAfter(due)) {
    out.push(rowWarning('requestedDue', 'requested_due_not_later',
      `مهلت درخواستی ${requested.toDisplay()} بعد از مهلت فعلی ${due.toDisplay()} نیست`,
      `requested due date ${requested.toString()} is not after the current due date ${due.toString()}`));
  }
  if (!a.requestReason) {
    out.push(rowWarning('requestReason', 'request_reason_missing',
      'برای مهلت درخواستی دلیلی نوشته نشده است', 'an extension is requested without a reason'));
  }
}

/**
 * Run every single-row check.
 * @param badCells fields whose cells could not be read (already reported by interpretRow),
 *   so their emptiness is not reported twice
 */
export function checkRow(a: Assignment, ctx: RowCheckContext, badCells: ReadonlySet<FieldName> = new Set()): RowCheckResult {
  const problems: RowProblem[] = [];
  checkRequired(a, problems);
  checkAgency(a, ctx, problems);
  const deadlineKind = checkDeadline(a, ctx, badCells, problems);
  checkReport(a, ctx, badCells, problems);
  checkRequest(a, problems);
  return { problems, deadlineKind };
}
