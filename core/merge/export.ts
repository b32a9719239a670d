/**
 * What a return workbook is made of, before any exceljs: an agency's rows, with the cells an
 * agency sees and the hidden copy (revision and base values) a later merge compares against.
 */
import { comparisonKey } from '../text/normalize';
import type { AgencyField, Assignment, CellValue, FieldName, LockedField, ReturnRow } from './types';
import { assignmentValue, LOCKED_FIELDS, MERGE_FIELDS, toCell } from './values';

/** One row of a return workbook: what it shows, and the same values kept hidden as its base. */
export interface ExportRow {
  id: string;
  revision: number;
  /** Agency and locked fields as cells; written visibly and, identically, to the hidden copy. */
  cells: Partial<Record<FieldName, CellValue>>;
}

/** The rows of one agency's return workbook. */
export interface AgencyExport {
  /** The agency as the register spells it (first spelling met). */
  agency: string;
  /** registerRevision() of the register the rows came from. */
  registerRevision: number;
  rows: ExportRow[];
}

/**
 * The register's revision: the sum of its rows' revisions. Every applied change bumps one
 * row's revision, and new rows add theirs, so it grows with every change and stays the same
 * when nothing changed — without a counter stored anywhere else.
 */
export function registerRevision(register: Iterable<Assignment>): number {
  let sum = 0;
  for (const row of register) sum += row.revision;
  return sum;
}

/** The cell of a locked field as written to a workbook. */
export function lockedCell(row: Assignment, field: LockedField): CellValue {
  switch (field) {
    case 'meeting': return row.meeting;
    case 'meetingDate': return row.meetingDate;
    case 'row': return row.row;
    case 'text': return row.text;
    case 'agency': return row.agency;
    case 'deadlineText': return row.deadlineText;
    case 'due': return row.due;
  }
}

/** The cells of the agency and locked fields of a register row. */
export function rowCells(row: Assignment): Partial<Record<FieldName, CellValue>> {
  const cells: Partial<Record<FieldName, CellValue>> = {};
  for (const field of LOCKED_FIELDS) cells[field] = lockedCell(row, field);
  for (const field of MERGE_FIELDS) cells[field] = toCell(field as AgencyField, assignmentValue(row, field));
  return cells;
}

/**
 * The agencies of a register, each once (compared by `agencyKey`, default comparisonKey),
 * spelled as first met, in order of first appearance. Rows without an agency are left out.
 */
export function registerAgencies(register: Iterable<Assignment>, agencyKey: (name: string) => string = comparisonKey): string[] {
  const seen = new Map<string, string>();
  for (const row of register) {
    if (comparisonKey(row.agency) === '') continue;
    const key = agencyKey(row.agency);
    if (key !== '' && !seen.has(key)) seen.set(key, row.agency);
  }
  return [...seen.values()];
}

/**
 * The return-workbook rows of `agency` (matched by `agencyKey`, default comparisonKey, so
 * typing variants are one agency), in register order. Does not change its input.
 */
export function exportForAgency(register: readonly Assignment[], agency: string,
  agencyKey: (name: string) => string = comparisonKey): AgencyExport {
  const key = agencyKey(agency);
  const mine = register.filter((row) => agencyKey(row.agency) === key);
  return {
    agency: mine[0]?.agency ?? agency,
    registerRevision: registerRevision(register),
    rows: mine.map((row) => ({ id: row.id, revision: row.revision, cells: rowCells(row) })),
  };
}

/**
 * The rows a perfect round trip of `exported` reads back: each row's visible cells and its
 * hidden copy equal, worksheet rows from `firstRow` on. Callers then change `values` the way
 * an agency edits its copy; used by tests and by callers that take edits as data (JSON).
 */
export function asReturnRows(exported: AgencyExport, firstRow = 2): ReturnRow[] {
  return exported.rows.map((row, i) => ({
    sheetRow: firstRow + i,
    id: row.id,
    revision: row.revision,
    values: { id: row.id, ...row.cells },
    base: { ...row.cells },
  }));
}
