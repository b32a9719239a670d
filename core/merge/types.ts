/**
 * The agency round trip as data: what a return workbook carries per row, what merging it
 * does to the register, what goes to the history and what the report tells people.
 * The workbook adapter (adapters/xlsx/returns) reads files into these shapes; core never sees exceljs.
 */
import type { ColumnMap, CellValue, Assignment } from '../register/types';
import type { FieldName } from '../register/fields';
import type { JalaliDate } from '../jalali/JalaliDate';

export type { ColumnMap, CellValue, Assignment, FieldName };

/** Fields an agency fills in a return workbook (the same list as AGENCY_FIELDS). */
export type AgencyField = 'status' | 'percent' | 'report' | 'doneDate' | 'requestedDue' | 'requestReason';

/**
 * Fields locked in a return workbook whose export-time copy travels hidden, so an edit made
 * after removing the sheet protection is noticed.
 */
export type LockedField = 'meeting' | 'meetingDate' | 'row' | 'text' | 'agency' | 'deadlineText' | 'due';

/**
 * A field's value after normalization, comparable with `===`: a status code, a whole
 * percent, display-normalized text, or a Jalali `YYYY/MM/DD`; null for an empty cell.
 */
export type FieldValue = string | number | null;

/** One data row of a return workbook as the adapter read it. */
export interface ReturnRow {
  /** 1-based worksheet row, for cell addresses in messages. */
  sheetRow: number;
  /** The `شناسه` cell as read (null when the cell is empty). */
  id: CellValue;
  /** The register revision of this row when the file was made; null when the file lost it. */
  revision: number | null;
  /**
   * Visible cells now, agency fields and locked fields. A field whose column is missing from
   * the sheet is absent (undefined); an empty cell is null.
   */
  values: Partial<Record<FieldName, CellValue>>;
  /**
   * The hidden copy written at export (agency and locked fields), or null when the file does
   * not carry one for this id (the hidden sheet was deleted, or the row was pasted in).
   */
  base: Partial<Record<FieldName, CellValue>> | null;
  /**
   * Cells the reader could not take a value from: a formula without a saved result, an error
   * value (`#REF!`). Such a cell is refused, never read as empty (which would clear the field).
   */
  unreadable?: Partial<Record<FieldName, { fa: string; en: string }>>;
}

/** What is known about a return file besides its rows. */
export interface MergeMeta {
  /** The agency the file was made for, as the file says. */
  agency: string;
  /** File name shown in messages and written to the history. */
  sourceFile: string;
  /** registerRevision() of the register the file was made from; null when unknown. */
  registerRevision: number | null;
  /** When the merge happens; the history time and "today" (Asia/Tehran) come from it. */
  at: Date;
  /** "Today" for date checks when it is not the day of `at` (a `--today` option, tests). */
  today?: JalaliDate;
  /** Sheet the rows were read from (for messages); default `مصوبات`. */
  sheet?: string;
  /** Column letters of the fields found in that sheet (for messages). */
  columns?: ColumnMap;
  /** Ids the file was exported with; rows missing from the file are listed, not treated as errors. */
  exportedIds?: readonly string[];
  /**
   * The agency known to have sent the file (the token of the service's agency page, or `--agency`); when it
   * differs from `agency` the whole file is refused.
   */
  expectedAgency?: string;
  /**
   * Which export the file comes from (the same for every save of one file the tool made):
   * with `savedAt`, lets a later save of the same file replace what an earlier save set.
   */
  exportKey?: string;
  /** When the file was last saved (ISO 8601, from the file's properties); undefined when unknown. */
  savedAt?: string;
  /**
   * The identity of an agency name: names with the same key are one agency. Default
   * comparisonKey; the use case adds the register's directory aliases.
   */
  agencyKey?: (name: string) => string;
}

/** One field changed by a merge. Values are in FieldValue form. */
export interface FieldChange {
  field: AgencyField;
  old: FieldValue;
  new: FieldValue;
  /** A1 address of the cell in the return file it came from. */
  cell: string;
}

/** One register row changed by a merge: the row before and after, and what changed. */
export interface RowChange {
  id: string;
  before: Assignment;
  after: Assignment;
  fields: FieldChange[];
}

/** One line of the `تاریخچه` sheet. Values are the text written to the register cells. */
export interface HistoryEntry {
  /** Jalali date and Tehran time, `YYYY/MM/DD HH:MM`. */
  at: string;
  agency: string;
  sourceFile: string;
  id: string;
  field: AgencyField;
  old: string;
  new: string;
  /** The row's revision after the change. */
  revision: number;
  /** MergeMeta.exportKey of the file the change came from, when known. */
  exportKey?: string;
  /** MergeMeta.savedAt of that file, when known. */
  savedAt?: string;
}

/**
 * What an earlier merge set in one field, as the history says: which agency, which export
 * and which save of it, and the value. Used to let a corrected later save of the same file
 * replace its earlier answer instead of conflicting with it.
 */
export interface PriorMerge {
  agencyKey: string;
  exportKey: string;
  savedAt: string;
  value: FieldValue;
  revision: number;
}

/** Why a row or a cell of a return file was not applied. */
export type RejectionCode =
  | 'missing_id'        // a filled row without شناسه (added by hand)
  | 'unknown_id'        // no such row in the register
  | 'duplicate_id'      // the id appears more than once in the file with different content
  | 'duplicate_in_register'
  | 'not_in_export'     // the register knows the id, the file's hidden copy does not
  | 'other_agency'      // the register row belongs to another agency
  | 'locked_edited'     // a locked cell was changed
  | 'invalid_status'
  | 'status_not_allowed'
  | 'invalid_percent'
  | 'invalid_date'
  | 'date_in_future'
  | 'date_before_meeting'
  | 'request_not_later'
  | 'text_too_long'
  | 'unreadable_cell'   // a formula without a saved value, an error value
  | 'wrong_agency';     // the whole file: made for another agency than the sender

export interface Rejection {
  /** A RejectionCode, or for a whole unreadable file the reader's error code (`xls_workbook` …). */
  code: RejectionCode | (string & {});
  /** The return file and sheet (also named at the start of `fa` and `en`). */
  file?: string;
  sheet?: string;
  /** Worksheet row (0 for the whole file). */
  sheetRow: number;
  /** The row's id when it has one. */
  id?: string;
  /** The field refused; absent when the whole row is refused. */
  field?: FieldName;
  /** A1 address, e.g. `J7`. */
  cell?: string;
  /** Agency edits in the row that were not taken because of this (row-level rejections). */
  lostFields?: AgencyField[];
  fa: string;
  en: string;
}

/** A field both the agency and the secretariat changed, to different values, since export. */
export interface Conflict {
  file: string;
  sheet: string;
  id: string;
  field: AgencyField;
  cell: string;
  base: FieldValue | undefined;
  ours: FieldValue;
  theirs: FieldValue;
  fa: string;
  en: string;
}

/** A new deadline an agency asked for: recorded in the register, never applied to `مهلت`. */
export interface ExtensionRequest {
  id: string;
  due: string | null;
  requestedDue: string | null;
  reason: string;
}

/**
 * A value of a file that something later replaced: an already merged later save of the same
 * file (the file is an older copy of the agency's answer), or a change made in the register
 * after this very save was merged (the file was sent again). Not applied, and nothing for the
 * secretariat to decide.
 */
export interface Outdated {
  file: string;
  sheet: string;
  id: string;
  field: AgencyField;
  cell: string;
  ours: FieldValue;
  theirs: FieldValue;
  /**
   * `later_save`: a later save of the same file was merged; `changed_since`: this value was
   * merged from this same save before, and the register was changed after that.
   */
  why?: 'later_save' | 'changed_since';
  fa: string;
  en: string;
}

/** Something the merge did or noticed that is not a refusal (e.g. percent set to 100 for a done row). */
export interface MergeNote {
  code: 'percent_for_done' | 'done_percent_below_100' | 'return_unsigned';
  id: string;
  cell: string;
  fa: string;
  en: string;
}

export type MergeOutcome = 'applied' | 'nothing_new' | 'already_merged' | 'rejected';

/** What happened to one return file. */
export interface FileReport {
  file: string;
  agency: string;
  sheet: string;
  outcome: MergeOutcome;
  /** Register revision the file was made from, and the register's revision before this merge. */
  madeFromRevision: number | null;
  registerRevision: number;
  rowsRead: number;
  rowsApplied: number;
  cellsApplied: number;
  /** Rows with no agency edit at all. */
  rowsUnchanged: number;
  /** Edited cells whose value the register already holds (a re-merge, or the same edit twice). */
  cellsAlreadyApplied: number;
  applied: Array<{ id: string; field: AgencyField; cell: string; old: FieldValue; new: FieldValue }>;
  rejected: Rejection[];
  conflicts: Conflict[];
  /** Values an already merged later save of the same file replaced (see Outdated). */
  outdated: Outdated[];
  notes: MergeNote[];
  requests: ExtensionRequest[];
  /** Exported ids the file no longer has (deleted rows); nothing is done about them. */
  missingIds: string[];
  /** File-level message (outcome and, for `rejected`, why). */
  fa: string;
  en: string;
}

/** Result of merging one return file. */
export interface MergeResult {
  changes: RowChange[];
  history: HistoryEntry[];
  report: FileReport;
}
