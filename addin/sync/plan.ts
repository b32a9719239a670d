/**
 * The add-in's sync with the service, as plain data (no Office.js, no network): the rows of the
 * open register as the service's `POST /api/sync` wants them (split into parts small enough to
 * send), and what to write back from its answer — the changed cells grouped into column blocks,
 * the rows the sheet lacks as a block appended below the last row, in the register's own forms
 * (Persian status words, Persian digits in text dates, serials where the column holds dates,
 * fractions where it shows percents), the cells to mark as conflicts and the marks to clear.
 */
import type { FieldName } from '../../core/register/fields';
import { RULE_STATES } from '../../core/register/colorRules';
import { interpretRow } from '../../core/register/rows';
import { STATE_LABELS } from '../../core/register/state';
import { statusLabel } from '../../core/register/status';
import type { Assignment, CellValue, DeadlineState, RawRow } from '../../core/register/types';
import { toLatinDigits, toPersianDigits } from '../../core/text/digits';
import { columnLetter, isDateFormat, isPercentFormat, jalaliToSerial } from '../plan/cells';
import { rowCells } from '../plan/minutes';
import { GREGORIAN_DATE_FORMAT, areas, chunkAddresses, stateColor, type ColumnWrite, type RegisterLayout } from '../plan/register';

/** Fields the secretariat's sheet sends and gets back (the service merges these). */
export const SYNC_FIELDS: readonly FieldName[] = [
  'text', 'agency', 'deadlineText', 'due', 'status', 'percent', 'report', 'doneDate', 'requestedDue', 'requestReason',
];

/** Fields written back besides those: what the service keeps for the row. */
const WRITTEN_BACK: readonly FieldName[] = [...SYNC_FIELDS, 'revision', 'updatedAt', 'state'];

/** Date fields: Jalali text with Persian digits, or a serial where the cell shows a date. */
const DATE_FIELDS: ReadonlySet<FieldName> = new Set(['meetingDate', 'due', 'doneDate', 'requestedDue']);

/**
 * Largest JSON body of one request, in UTF-8 bytes. The service takes 8 MB; 2 MB parts keep
 * each request quick to send on a slow office link and each store transaction short.
 */
export const PART_BYTES = 2 * 1024 * 1024;

/**
 * Unchanged cells a column block may span, written as null (Excel leaves such a cell as it
 * is): a null costs 5 bytes of request, a new range about sixty.
 */
export const GAP_CELLS = 8;

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
  /** Ids the sheet has besides `rows` (so the service lists only the rows the sheet lacks). */
  known?: string[];
  /** false: the service does not list the rows the sheet lacks (every part but the last). */
  withMissing?: boolean;
}

/** One conflict as the service reports it. */
export interface SyncConflict {
  id: string;
  field: string;
  ours: string | null;
  theirs: string | null;
  fa: string;
}

export type ServiceRow = Assignment & { state?: DeadlineState };

export interface SyncAnswer {
  rows: ServiceRow[];
  missing: ServiceRow[];
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
    const revision = typeof row.values.revision === 'number' ? row.values.revision : Number.parseInt(toLatinDigits(String(row.values.revision ?? '')), 10);
    rows.push({ id: String(id).trim(), revision: Number.isFinite(revision) ? revision : null, sheetRow: row.sheetRow, values });
  }
  return { rows, fields };
}

/** UTF-8 length of a string, without TextEncoder (missing in Internet Explorer 11). */
export function utf8Bytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00) { n += 4; i++; } else n += 3;
  }
  return n;
}

/**
 * The request split into parts of at most `maxBytes` of JSON each (a row larger than that goes
 * alone). Every part but the last asks the service not to list missing rows; the last names
 * every id the sheet has, so the rows the service lists as missing are exactly those the sheet
 * lacks. One part when the request is small.
 */
export function requestParts(request: SyncRequest, maxBytes = PART_BYTES): SyncRequest[] {
  const overhead = utf8Bytes(JSON.stringify({ rows: [], fields: request.fields, withMissing: false }));
  const groups: SyncRow[][] = [[]];
  let size = overhead;
  for (const row of request.rows) {
    const bytes = utf8Bytes(JSON.stringify(row)) + 1;
    const current = groups[groups.length - 1];
    if (current.length && size + bytes > maxBytes) {
      groups.push([row]);
      size = overhead + bytes;
    } else {
      current.push(row);
      size += bytes;
    }
  }
  if (groups.length === 1) return [{ rows: groups[0], fields: request.fields }];
  const last = new Set(groups[groups.length - 1].map((r) => r.id));
  const known = request.rows.map((r) => r.id).filter((id) => !last.has(id));
  return groups.map((rows, i) => (i < groups.length - 1
    ? { rows, fields: request.fields, withMissing: false }
    : { rows, fields: request.fields, known }));
}

/** The answers of a request's parts as one answer (missing rows from the last part). */
export function joinAnswers(answers: readonly SyncAnswer[]): SyncAnswer {
  return {
    rows: answers.flatMap((a) => a.rows),
    missing: answers.length ? answers[answers.length - 1].missing : [],
    conflicts: answers.flatMap((a) => a.conflicts),
    rejected: answers.flatMap((a) => a.rejected),
  };
}

/** A row's cell as the register writes it in a text cell. */
export function syncCell(row: ServiceRow, field: FieldName): string | number | null {
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

/**
 * A value in the form its cell holds: a fraction where the cell shows a percent, a date serial
 * where it shows a date, '' for empty (which clears the cell).
 */
export function cellForm(field: FieldName, value: string | number | null, format: string | undefined): string | number {
  if (value === null || value === '') return '';
  if (field === 'percent' && typeof value === 'number' && isPercentFormat(format)) return value / 100;
  if (DATE_FIELDS.has(field) && isDateFormat(format) && typeof value === 'string') return jalaliToSerial(toLatinDigits(value)) ?? value;
  return value;
}

/** A field of an interpreted row as comparable text: what the sheet shows and the service keeps mean the same thing. */
function comparable(row: Assignment, field: FieldName, raw: RawRow): string {
  switch (field) {
    case 'state': return String(raw.values.state ?? '').trim();
    case 'updatedAt': return toLatinDigits(row.updatedAt ?? '');
    default: {
      const value = (row as unknown as Record<string, unknown>)[field];
      return value === null || value === undefined ? '' : String(value);
    }
  }
}

function serviceComparable(row: ServiceRow, field: FieldName): string {
  switch (field) {
    case 'state': return row.state ? STATE_LABELS[row.state] : '';
    case 'updatedAt': return toLatinDigits(row.updatedAt ?? '');
    default: {
      const value = (row as unknown as Record<string, unknown>)[field];
      return value === null || value === undefined ? '' : String(value);
    }
  }
}

/**
 * The formula of the conditional format that marks a conflicting cell: always true (N of a text
 * is 0), and told apart from the colour rules (whose marker is `N("mosavabat")`) and from
 * people's own rules by its text. Put above the colour rules, its fill shows whatever the row's
 * colour; the next sync removes it.
 */
export const CONFLICT_RULE_FORMULA = '=N("mosavabat-conflict")=0';

/** Whether a conditional-format formula is a sync conflict mark (leading `=` optional). */
export function isConflictRule(formula: string): boolean {
  return formula.includes('N("mosavabat-conflict")');
}

/** A conflict mark kept in the workbook's settings between syncs: which row (by id) and field. */
export interface ConflictMark {
  id: string;
  field: string;
}

/** A conflicting cell to mark. */
export interface ConflictCell extends ConflictMark {
  row: number;
  column: number;
  /** A1 address inside the register sheet. */
  address: string;
  fa: string;
}

/** A cell marked by the last sync and no longer in conflict: its fill goes back to its row's. */
export interface ClearedCell {
  row: number;
  column: number;
  address: string;
  /** The row's static fill (when the row's state has no conditional-format rule), else null: no fill. */
  fill: string | null;
}

/** The rows the sheet lacks, as one block below its last row. */
export interface AppendBlock {
  /** First sheet row of the block. */
  first: number;
  /** Number of columns from A. */
  width: number;
  /** Values row by row; null where the register has no such column. */
  values: Array<Array<string | number | null>>;
  /** Number formats row by row, copied from the row above (null: leave as it is). */
  numberFormats: Array<Array<string | null>>;
  /** Static fills of the new rows' states that no conditional-format rule gives: comma-joined A1 areas (each string under 8,000 characters) by colour. */
  fills: Array<{ color: string; addresses: string[] }>;
}

export interface SyncWritePlan {
  /** Changed cells, grouped into column blocks (null inside a block leaves a cell as it is). */
  blocks: ColumnWrite[];
  /** Number of cells that change. */
  cellsChanged: number;
  /** Rows the service has and the sheet lacks; undefined when there are none. */
  append?: AppendBlock;
  conflicts: ConflictCell[];
  /** Cells of earlier marks kept because their rows' part of the sync did not go through (A1). */
  kept: string[];
  cleared: ClearedCell[];
  /** The marks to keep for the next sync (the conflicts, by id and field). */
  marks: ConflictMark[];
  /** Rows the service refused, with its message. */
  rejected: SyncAnswer['rejected'];
}

/** What the plan needs of the sheet besides its rows. */
export interface SheetForms {
  layout: RegisterLayout;
  raw: readonly RawRow[];
  /** A field's number format at data row `index` (0 = the row under the header), when read. */
  formatAt(field: FieldName, index: number): string | undefined;
  /** Whether the register's colours come from conditional formats (ExcelApi 1.6 or the CLI's rules). */
  conditionalFormats: boolean;
  /** Conflict marks the last sync left. */
  previous: readonly ConflictMark[];
}

/** Sorted numbers → [first, last] runs, joined across gaps of at most `gap` missing numbers. */
export function coalesce(numbers: readonly number[], gap: number): Array<[number, number]> {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const out: Array<[number, number]> = [];
  for (const n of sorted) {
    const last = out[out.length - 1];
    if (last && n - last[1] - 1 <= gap) last[1] = n;
    else out.push([n, n]);
  }
  return out;
}

/** Static fill of a row in `state`, or null when a conditional-format rule colours it. */
function staticFill(state: DeadlineState | undefined, conditionalFormats: boolean): string | null {
  if (!state) return null;
  return conditionalFormats && RULE_STATES.has(state) ? null : stateColor(state);
}

/**
 * What to write back: each returned row's cells that differ from the sheet (compared by
 * meaning: `۸۰٪` in a percent cell is 80), grouped per column into blocks across small gaps;
 * the rows the sheet lacks appended below its last row with the number formats of the row
 * above; the conflicting cells; the marks of the last sync that are no longer conflicts.
 * Rows are found by id in the sheet as it was read. `layout` may have columns the sheet does
 * not yet have (addMissingColumns): their cells are written for every row.
 */
export function syncWrites(sheet: SheetForms, answer: SyncAnswer): SyncWritePlan {
  const { layout, raw } = sheet;
  const first = layout.headerRow + 1;
  const rowOf = new Map<string, RawRow>();
  for (const row of raw) {
    const id = String(row.values.id ?? '').trim();
    if (id && !rowOf.has(id)) rowOf.set(id, row);
  }
  const columns = WRITTEN_BACK.filter((f) => layout.columns.has(f));
  const changes = new Map<number, Map<number, string | number>>();
  let cellsChanged = 0;
  const stateOf = new Map<string, DeadlineState | undefined>();
  for (const merged of answer.rows) {
    stateOf.set(merged.id, merged.state);
    const sheetRow = rowOf.get(merged.id);
    if (!sheetRow) continue;
    const seen = interpretRow(sheetRow).assignment;
    for (const field of columns) {
      if (comparable(seen, field, sheetRow) === serviceComparable(merged, field)) continue;
      const column = layout.columns.get(field)!;
      const list = changes.get(column) ?? new Map<number, string | number>();
      list.set(sheetRow.sheetRow, cellForm(field, syncCell(merged, field), sheet.formatAt(field, sheetRow.sheetRow - first)));
      changes.set(column, list);
      cellsChanged++;
    }
  }
  const blocks: ColumnWrite[] = [];
  for (const [column, cells] of [...changes].sort((a, b) => a[0] - b[0])) {
    for (const [from, to] of coalesce([...cells.keys()], GAP_CELLS)) {
      const values: Array<string | number | null> = [];
      for (let r = from; r <= to; r++) values.push(cells.has(r) ? cells.get(r)! : null);
      blocks.push({ column, first: from, values });
    }
  }

  const conflicts: ConflictCell[] = [];
  const conflictKeys = new Set<string>();
  for (const conflict of answer.conflicts) {
    const row = rowOf.get(conflict.id);
    const column = layout.columns.get(conflict.field as FieldName);
    if (!row || column === undefined) continue;
    const key = `${row.sheetRow}:${column}`;
    if (conflictKeys.has(key)) continue;
    conflictKeys.add(key);
    conflicts.push({ id: conflict.id, field: conflict.field, row: row.sheetRow, column, address: `${columnLetter(column)}${row.sheetRow}`, fa: conflict.fa });
  }
  const cleared: ClearedCell[] = [];
  const kept: ConflictMark[] = [];
  const keptCells: string[] = [];
  for (const mark of sheet.previous) {
    const row = rowOf.get(mark.id);
    const column = layout.columns.get(mark.field as FieldName);
    if (!row || column === undefined || conflictKeys.has(`${row.sheetRow}:${column}`)) continue;
    conflictKeys.add(`${row.sheetRow}:${column}`);
    // a row whose part of the sync did not go through keeps its mark
    if (!stateOf.has(mark.id)) {
      kept.push(mark);
      keptCells.push(`${columnLetter(column)}${row.sheetRow}`);
      continue;
    }
    const state = stateOf.get(mark.id);
    cleared.push({ row: row.sheetRow, column, address: `${columnLetter(column)}${row.sheetRow}`, fill: staticFill(state, sheet.conditionalFormats) });
  }

  const fresh = answer.missing.filter((m) => !rowOf.has(m.id));
  return {
    blocks, cellsChanged, conflicts, cleared, kept: keptCells,
    append: fresh.length ? appendBlock(sheet, fresh) : undefined,
    marks: [...conflicts.map((c) => ({ id: c.id, field: c.field })), ...kept],
    rejected: answer.rejected,
  };
}

/**
 * The rows the sheet lacks as register rows below its last row: every column the register has
 * (in the sheet's own order), the number formats of the last data row (dates stay dates,
 * percents percents; the hidden Gregorian due date `yyyy-mm-dd`), sorted as the service
 * lists them (by meeting, then row).
 */
function appendBlock(sheet: SheetForms, rows: readonly ServiceRow[]): AppendBlock {
  const { layout } = sheet;
  const width = Math.max(layout.lastColumn, ...layout.columns.values());
  const lastIndex = layout.lastRow - layout.headerRow - 1;
  const formats: Array<string | null> = new Array(width).fill(null);
  for (const [field, column] of layout.columns) {
    const format = lastIndex >= 0 ? sheet.formatAt(field, lastIndex) : undefined;
    if (field === 'dueGregorian') formats[column - 1] = GREGORIAN_DATE_FORMAT;
    else if (format !== undefined) formats[column - 1] = format;
  }
  const values = rows.map((row) => {
    const cells = rowCells(row);
    const line: Array<string | number | null> = new Array(width).fill(null);
    for (const [field, column] of layout.columns) {
      const value = field === 'state' ? syncCell(row, 'state') : cells[field] ?? null;
      line[column - 1] = field === 'dueGregorian' ? (value ?? '') : cellForm(field, value, formats[column - 1] ?? undefined);
    }
    return line;
  });
  const firstRow = layout.lastRow + 1;
  const byColor = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const fill = staticFill(row.state, sheet.conditionalFormats);
    if (!fill) return;
    const list = byColor.get(fill) ?? [];
    list.push(firstRow + i);
    byColor.set(fill, list);
  });
  return {
    first: firstRow, width, values,
    numberFormats: rows.map(() => formats),
    fills: [...byColor].map(([color, list]) => ({ color, addresses: chunkAddresses(areas(Array.from({ length: width }, (_, i) => i + 1), list)) })),
  };
}
