/** Register rows as read from a workbook (raw) and as understood (Assignment). */
import type { FieldName } from './fields';

/**
 * A cell value as the workbook adapter hands it to core. The adapter has already:
 * turned Excel date cells into Jalali `YYYY/MM/DD` strings (from the UTC parts), turned
 * percent-formatted numbers into text like `80%`, taken formula cells' cached results,
 * flattened rich text. Everything else arrives as typed.
 */
export type CellValue = string | number | boolean | null;

/** One data row of the `مصوبات` sheet, before interpretation. */
export interface RawRow {
  /** 1-based worksheet row number, for cell addresses in messages. */
  sheetRow: number;
  values: Partial<Record<FieldName, CellValue>>;
}

/** Column letter of each field found in the sheet (for messages: `H12`). */
export type ColumnMap = Partial<Record<FieldName, string>>;

/** What an agency reports. */
export type StatusCode = 'not_started' | 'in_progress' | 'done' | 'blocked' | 'void';

/** What the tool derives from status, dates and today. */
export type DeadlineState =
  | 'done' | 'done_late' | 'overdue' | 'due_soon' | 'on_track' | 'ongoing' | 'needs_date' | 'void' | 'invalid';

/** One (resolution, agency) row, interpreted. Dates are Jalali `YYYY/MM/DD`. */
export interface Assignment {
  id: string;
  meeting: string;
  meetingDate: string | null;
  row: number | null;
  text: string;
  agency: string;
  deadlineText: string;
  due: string | null;
  status: StatusCode | null;
  percent: number | null;
  report: string;
  doneDate: string | null;
  requestedDue: string | null;
  requestReason: string;
  revision: number;
  updatedAt: string | null;
}

export type Severity = 'error' | 'warning';

/** A validation finding, addressed to a cell. */
export interface Issue {
  severity: Severity;
  /** Stable machine code, e.g. `percent_out_of_range`. */
  code: string;
  sheet: string;
  /** A1 address, e.g. `J12`; the row's first cell when no column applies. */
  cell: string;
  /** The row's `شناسه` when known. */
  id?: string;
  fa: string;
  en: string;
}
