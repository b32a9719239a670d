/**
 * Validation of the register sheet: every row's cells and checks, then what only shows across
 * rows (duplicate ids), each finding addressed to a sheet cell.
 */
import type { AgencyDirectory } from '../agency/directory';
import type { DeadlineSettings } from '../deadline/rule';
import type { JalaliDate } from '../jalali/JalaliDate';
import { toPersianDigits } from '../text/digits';
import { checkRow } from './checks';
import type { FieldName } from './fields';
import { rowError, type RowProblem } from './problems';
import { interpretRow, isBlankRow } from './rows';
import { deriveState } from './state';
import type { Assignment, ColumnMap, DeadlineState, Issue, RawRow } from './types';

/** What validation needs besides the rows. */
export interface ValidationContext {
  /** Sheet name for the issues' addresses (normally `مصوبات`). */
  sheet: string;
  /** Where each field's column is, for A1 addresses. */
  columns: ColumnMap;
  /** Today in Asia/Tehran (JalaliDate.today()), for "done in the future" and the states. */
  today: JalaliDate;
  /** Known agencies; absent or empty: agencies are not checked against it. */
  directory?: AgencyDirectory;
  /** Deadline settings (urgent days, Thursday, holidays) for recomputing due dates. */
  settings?: Partial<DeadlineSettings>;
  /** "Due soon" window in days for the states (default 7). */
  dueSoonDays?: number;
}

/** One non-blank row after validation: what it says, its state and its own issues. */
export interface AnalyzedRow {
  sheetRow: number;
  assignment: Assignment;
  state: DeadlineState;
  issues: Issue[];
}

/** The whole sheet after validation. */
export interface RegisterAnalysis {
  /** Non-blank rows in input order. */
  rows: AnalyzedRow[];
  /** Every issue, in row order (the same objects as in `rows[i].issues`). */
  issues: Issue[];
}

/** Column letters in sheet order: shorter first, then alphabetical (Z before AA). */
function columnOrder(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** The A1 address of a field in a sheet row; the row's first known column when there is none. */
export function cellAddress(columns: ColumnMap, field: FieldName | null, sheetRow: number): string {
  const letter = (field && columns[field]) || Object.values(columns).filter((c): c is string => !!c).sort(columnOrder)[0] || 'A';
  return `${letter}${sheetRow}`;
}

/**
 * Validate and interpret every row, and derive each row's state (invalid when the row has an
 * error). Blank rows are skipped. Never throws on any cell content.
 * Checks (code — severity):
 * - cells: `invalid_date` (any date column), `status_unknown`, `percent_not_number`,
 *   `percent_out_of_range`, `percent_not_whole` — error; `row_not_number`, `revision_not_number` — warning
 * - `missing_text`, `missing_agency` — error; `missing_id`, `agency_multiple`,
 *   `agency_unknown` (with the closest known name) — warning
 * - deadline (not checked on void rows), when `مهلت` is empty and the row is not done or ongoing: `due_missing` (the phrase
 *   gives a date), else the phrase's `deadline_unknown` / `deadline_conditional` /
 *   `deadline_missing` / `deadline_invalid_date`, else `missing_meeting_date` — warning
 * - `due_before_meeting` — error; `due_mismatch` (phrase + meeting give another date),
 *   `text_date_after_due` — warning
 * - `done_before_meeting`, `done_in_future` — error; `done_percent_below_100`,
 *   `percent_100_not_done`, `done_date_missing`, `done_date_not_done`, `blocked_without_report`,
 *   `requested_due_not_later`, `request_reason_missing` — warning
 * - `duplicate_id` — error, on every occurrence after the first
 */
export function analyzeRegister(rows: readonly RawRow[], context: ValidationContext): RegisterAnalysis {
  const analyzed: AnalyzedRow[] = [];
  const all: Issue[] = [];
  const firstRowOfId = new Map<string, number>();
  const agencyProblems = new Map<string, RowProblem[]>();
  for (const raw of rows) {
    if (isBlankRow(raw)) continue;
    const { assignment, problems } = interpretRow(raw);
    const badCells = new Set(problems.filter((p) => p.severity === 'error').map((p) => p.field).filter((f): f is FieldName => !!f));
    const checked = checkRow(assignment, { today: context.today, directory: context.directory, settings: context.settings, agencyProblems }, badCells);
    problems.push(...checked.problems);
    if (assignment.id) {
      const first = firstRowOfId.get(assignment.id);
      if (first === undefined) {
        firstRowOfId.set(assignment.id, raw.sheetRow);
      } else {
        problems.push(duplicateProblem(assignment.id, first));
      }
    }
    const issues = problems.map((p) => toIssue(p, raw.sheetRow, assignment.id, context));
    const state = deriveState(assignment, context.today, {
      dueSoonDays: context.dueSoonDays,
      invalid: problems.some((p) => p.severity === 'error'),
      deadlineKind: checked.deadlineKind,
    });
    analyzed.push({ sheetRow: raw.sheetRow, assignment, state, issues });
    all.push(...issues);
  }
  return { rows: analyzed, issues: all };
}

/**
 * Validate the register rows: the issues of `analyzeRegister`, in row order. Severity `error`
 * means the row cannot be trusted (its state is `invalid`); `warning` means a person should look.
 */
export function validateRegister(rows: readonly RawRow[], context: ValidationContext): Issue[] {
  return analyzeRegister(rows, context).issues;
}

function duplicateProblem(id: string, firstRow: number): RowProblem {
  return rowError('id', 'duplicate_id',
    `شناسه «${id}» تکراری است؛ ردیف ${toPersianDigits(firstRow)} همین شناسه را دارد`,
    `duplicate id "${id}"; row ${firstRow} has the same id`);
}

function toIssue(p: RowProblem, sheetRow: number, id: string, context: ValidationContext): Issue {
  const issue: Issue = {
    severity: p.severity,
    code: p.code,
    sheet: context.sheet,
    cell: cellAddress(context.columns, p.field, sheetRow),
    fa: p.fa,
    en: p.en,
  };
  if (id) issue.id = id;
  return issue;
}
