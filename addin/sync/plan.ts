/**
 * The add-in's sync with the service, as plain data (no Office.js, no network): the rows of the
 * open register as the service's `POST /api/sync` wants them, and what to write back from its
 * answer — the merged rows' cells (in the register's own forms: Persian status words, Persian
 * digits in dates) and the cells to mark as conflicts.
 */
import type { FieldName } from '../../core/register/fields';
import { STATE_LABELS } from '../../core/register/state';
import { statusLabel } from '../../core/register/status';
import type { Assignment, CellValue, DeadlineState, RawRow } from '../../core/register/types';
import { toPersianDigits } from '../../core/text/digits';
import { columnLetter } from '../plan/cells';
import type { RegisterLayout } from '../plan/register';

/** Fields the secretariat's sheet sends and gets back (the service merges these). */
export const SYNC_FIELDS: readonly FieldName[] = [
  'text', 'agency', 'deadlineText', 'due', 'status', 'percent', 'report', 'doneDate', 'requestedDue', 'requestReason',
];

/** Fields written back besides those: what the service keeps for the row. */
const WRITTEN_BACK: readonly FieldName[] = [...SYNC_FIELDS, 'revision', 'updatedAt', 'state'];

export interface SyncRow {
  id: string;
  /** The row's revision as the sheet has it; null when the sheet has no revision column or cell. */
  revision: number | null;
  sheetRow: number;
  values: Partial<Record<FieldName, CellValue>>;
}

export interface SyncRequest {
  rows: SyncRow[];
  fields: FieldName[];
}

/** One conflict as the service reports it. */
export interface SyncConflict {
  id: string;
  field: string;
  ours: string | null;
  theirs: string | null;
  fa: string;
}

export interface SyncAnswer {
  rows: Array<Assignment & { state?: DeadlineState }>;
  missing: Array<Assignment & { state?: DeadlineState }>;
  conflicts: SyncConflict[];
  rejected: Array<{ id?: string; fa: string }>;
}

/**
 * The request for the register's rows: every row with an id, its sync fields that have a
 * column, and its revision.
 */
export function syncRequest(layout: RegisterLayout, raw: readonly RawRow[]): SyncRequest {
  const fields = SYNC_FIELDS.filter((f) => layout.columns.has(f));
  const rows: SyncRow[] = [];
  for (const row of raw) {
    const id = row.values.id;
    if (id === null || id === undefined || String(id).trim() === '') continue;
    const values: Partial<Record<FieldName, CellValue>> = {};
    for (const field of fields) values[field] = row.values[field] ?? null;
    const revision = typeof row.values.revision === 'number' ? row.values.revision : Number.parseInt(String(row.values.revision ?? ''), 10);
    rows.push({ id: String(id).trim(), revision: Number.isFinite(revision) ? revision : null, sheetRow: row.sheetRow, values });
  }
  return { rows, fields };
}

/** A row's cell as the register writes it. */
export function syncCell(row: Assignment & { state?: DeadlineState }, field: FieldName): string | number | null {
  switch (field) {
    case 'status': return row.status ? statusLabel(row.status) : null;
    case 'percent': return row.percent;
    case 'revision': return row.revision;
    case 'state': return row.state ? STATE_LABELS[row.state] : null;
    case 'due': case 'doneDate': case 'requestedDue': case 'meetingDate': {
      const date = row[field];
      return date ? toPersianDigits(date) : null;
    }
    case 'updatedAt': return row.updatedAt ? toPersianDigits(row.updatedAt) : null;
    default: {
      const value = (row as unknown as Record<string, unknown>)[field];
      return value === '' || value === undefined ? null : value as string | number | null;
    }
  }
}

export interface SyncWritePlan {
  /** Cells to set, 1-based row and column. */
  cells: Array<{ row: number; column: number; value: string | number | null }>;
  /** A1 addresses of the cells in conflict, with what the service said. */
  conflicts: Array<{ address: string; fa: string }>;
  /** Rows the service has and the sheet does not (added from minutes elsewhere): not written here. */
  missing: number;
}

/**
 * What to write back: each returned row's cells (only those that differ from the sheet), and
 * the conflicting cells to mark. Rows are found by id in the sheet as it was read.
 */
export function syncWrites(layout: RegisterLayout, raw: readonly RawRow[], answer: SyncAnswer): SyncWritePlan {
  const rowOf = new Map<string, RawRow>();
  for (const row of raw) {
    const id = String(row.values.id ?? '').trim();
    if (id && !rowOf.has(id)) rowOf.set(id, row);
  }
  const cells: SyncWritePlan['cells'] = [];
  for (const merged of answer.rows) {
    const sheetRow = rowOf.get(merged.id);
    if (!sheetRow) continue;
    for (const field of WRITTEN_BACK) {
      const column = layout.columns.get(field);
      if (column === undefined) continue;
      const value = syncCell(merged, field);
      const now = sheetRow.values[field] ?? null;
      if (String(now ?? '') === String(value ?? '')) continue;
      cells.push({ row: sheetRow.sheetRow, column, value });
    }
  }
  const conflicts: SyncWritePlan['conflicts'] = [];
  for (const conflict of answer.conflicts) {
    const row = rowOf.get(conflict.id);
    const column = layout.columns.get(conflict.field as FieldName);
    if (row && column !== undefined) conflicts.push({ address: `${columnLetter(column)}${row.sheetRow}`, fa: conflict.fa });
  }
  return { cells, conflicts, missing: answer.missing.length };
}
