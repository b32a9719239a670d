/**
 * Merging one agency return file into the register: a field-level three-way merge.
 * base = the hidden copy the file was made with, theirs = what the agency left in the file,
 * ours = the register now. Pure: returns the changes, history lines and the report; the
 * caller decides whether to write them.
 *
 * One refinement over a plain three-way merge: an agency often sends a corrected copy of the
 * file it already sent. When the register's value of a field was set by an earlier merge of the
 * same export and the same agency (the history says so) and nobody changed it since, a later
 * save of that file replaces it rather than conflicting with it; an older save is reported as
 * outdated and changes nothing.
 */
import { describeLocation } from '../errors';
import { JalaliDate } from '../jalali/JalaliDate';
import { tehranTime } from '../jalali/clock';
import { toLatinDigits, toPersianDigits } from '../text/digits';
import { comparisonKey } from '../text/normalize';
import { SHEETS } from '../register/fields';
import { cellText } from '../register/cells';
import { lockedCell, registerRevision } from './export';
import { FIELD_MESSAGES, ROW_MESSAGES, type Words } from './messages';
import { summarizeReport } from './report';
import type {
  AgencyField, Assignment, CellValue, FieldChange, FieldName, FieldValue, FileReport, HistoryEntry,
  MergeMeta, MergeResult, PriorMerge, Rejection, RejectionCode, ReturnRow, RowChange,
} from './types';
import {
  assignmentValue, comparableValue, invalidValue, LOCKED_FIELDS, lockedKey, MERGE_FIELDS, plainValue,
  rawKey, readAgencyCell, valueText, withValue,
} from './values';

/**
 * The register indexed by id, with the ids that occur more than once (never merged into).
 * Build it once with indexRegister when merging many files; keep `byId` up to date between
 * files (set each change's `after`).
 */
export interface RegisterIndex {
  byId: Map<string, Assignment>;
  duplicates: ReadonlySet<string>;
  /**
   * Agency-field cells of the register that its rules cannot read, by id: their text. Such a
   * cell reads as empty in the Assignment; the merge compares and reports it as the text.
   */
  invalid?: Map<string, Partial<Record<AgencyField, string>>>;
  /** The latest earlier merge of each (id, field), from the history (see recordMerges). */
  prior?: Map<string, PriorMerge>;
  /** The latest merged save of each (agency, export), from the history. */
  latestSave?: Map<string, string>;
  /**
   * Every value a merge set, by (id, field, agency, export, save), from the history: a file
   * sent again after its values were changed since is then told apart from a new answer.
   */
  mergedSaves?: Map<string, FieldValue>;
  /** registerRevision of the rows, when the caller keeps it up to date (saves summing every row per file). */
  revision?: number;
}

/** The register as rows, or as an index. */
export type RegisterInput = readonly Assignment[] | RegisterIndex;

/**
 * Index the register's rows by id (first row of an id wins), noting duplicated ids; with the
 * history lines of earlier merges when given (see recordMerges).
 * @param agencyKey identity of agency names (default comparisonKey)
 */
export function indexRegister(register: readonly Assignment[], history: readonly HistoryEntry[] = [],
  agencyKey: (name: string) => string = comparisonKey): RegisterIndex {
  const duplicates = new Set<string>();
  const byId = new Map<string, Assignment>();
  for (const row of register) {
    if (byId.has(row.id)) duplicates.add(row.id);
    else byId.set(row.id, row);
  }
  const index: RegisterIndex = { byId, duplicates };
  recordMerges(index, history, agencyKey);
  return index;
}

const priorKey = (id: string, field: AgencyField) => `${id}\u0001${field}`;
const saveKey = (agencyKey: string, exportKey: string) => `${agencyKey}\u0001${exportKey}`;
// save times compared as instants, so two spellings of one ISO time are one save
const mergedSaveKey = (id: string, field: AgencyField, agencyKey: string, exportKey: string, savedAt: string) =>
  `${id}\u0001${field}\u0001${saveKey(agencyKey, exportKey)}\u0001${Date.parse(savedAt)}`;

/**
 * Note history lines in the index, so later files of the same run (and the next run, when
 * the lines are read back from the register) know which merge set which value. Lines
 * without an export key and save time (older registers, files not made by the tool) are
 * skipped. For one (id, field) the line with the highest revision wins; lines of one
 * revision, the later one. Texts are read back as values with the register's rules.
 */
export function recordMerges(index: RegisterIndex, history: readonly HistoryEntry[], agencyKey: (name: string) => string = comparisonKey): void {
  for (const entry of history) {
    if (!entry.exportKey || !entry.savedAt) continue;
    const agency = agencyKey(entry.agency);
    index.prior ??= new Map();
    index.latestSave ??= new Map();
    index.mergedSaves ??= new Map();
    const key = priorKey(entry.id, entry.field);
    const known = index.prior.get(key);
    if (!known || entry.revision >= known.revision) {
      index.prior.set(key, {
        agencyKey: agency, exportKey: entry.exportKey, savedAt: entry.savedAt,
        value: comparableValue(entry.field, entry.new === '' ? null : entry.new), revision: entry.revision,
      });
    }
    index.mergedSaves.set(mergedSaveKey(entry.id, entry.field, agency, entry.exportKey, entry.savedAt),
      comparableValue(entry.field, entry.new === '' ? null : entry.new));
    const save = saveKey(agency, entry.exportKey);
    const latest = index.latestSave.get(save);
    if (!latest || compareSaves(entry.savedAt, latest) > 0) index.latestSave.set(save, entry.savedAt);
  }
}

/** Order of two save times (ISO 8601): negative, 0, positive; NaN when either is unreadable. */
function compareSaves(a: string, b: string): number {
  return Date.parse(a) - Date.parse(b);
}

interface Context {
  meta: MergeMeta;
  sheet: string;
  index: RegisterIndex;
  byId: ReadonlyMap<string, Assignment>;
  duplicatesInRegister: ReadonlySet<string>;
  agencyKey: (name: string) => string;
  fileKey: string;
  /** A later save of this file's export was merged already: this file is an older copy. */
  olderSave: boolean;
  today: JalaliDate;
  when: string;
  report: FileReport;
  changes: RowChange[];
  history: HistoryEntry[];
}

/** An id cell as text: display-normalized, Latin digits (a re-typed id may have Persian ones). */
export function idText(value: CellValue): string {
  return toLatinDigits(cellText(value));
}

function cellOf(ctx: Context, field: FieldName, sheetRow: number): string {
  const columns = ctx.meta.columns ?? {};
  return `${columns[field] ?? columns.id ?? 'A'}${sheetRow}`;
}

/** A message that starts by naming the file, the sheet and the cell (Persian and English). */
function located(ctx: Context, cell: string | undefined, words: Words): Words {
  return {
    fa: describeLocation({ file: ctx.meta.sourceFile, sheet: ctx.sheet, cell }) + words.fa,
    en: `file "${ctx.meta.sourceFile}", sheet "${ctx.sheet}"${cell ? `, cell ${cell}` : ''}: ${words.en}`,
  };
}

/** Refuse a row (field undefined or `id`) or one cell of it, naming where and why. */
function reject(ctx: Context, code: Rejection['code'], row: ReturnRow, id: string | undefined, field: FieldName | undefined,
  words: Words, lostFields?: AgencyField[]): void {
  const cell = field ? cellOf(ctx, field, row.sheetRow) : cellOf(ctx, 'id', row.sheetRow);
  const entry: Rejection = { code, file: ctx.meta.sourceFile, sheet: ctx.sheet, sheetRow: row.sheetRow, cell, ...located(ctx, cell, words) };
  if (id !== undefined) entry.id = id;
  if (field) entry.field = field;
  if (lostFields && lostFields.length) entry.lostFields = lostFields;
  ctx.report.rejected.push(entry);
}

/** Agency fields whose cell differs from the hidden copy (or, without one, from the register). */
function editedFields(row: ReturnRow, current: Assignment | undefined): AgencyField[] {
  if (!row.base && row.unreadable) return MERGE_FIELDS.filter((f) => row.values[f] !== undefined);
  const edited: AgencyField[] = [];
  for (const field of MERGE_FIELDS) {
    const theirs = row.values[field];
    if (theirs === undefined) continue;
    const base = row.base?.[field];
    if (base !== undefined) {
      if (rawKey(theirs) !== rawKey(base)) edited.push(field);
    } else if (current) {
      const read = readAgencyCell(field, theirs, true);
      if (!read.ok || read.value !== assignmentValue(current, field)) edited.push(field);
    } else if (cellText(theirs) !== '') {
      edited.push(field);
    }
  }
  return edited;
}

/** True when any visible cell of the row holds something. */
function hasContent(row: ReturnRow): boolean {
  return Object.values(row.values).some((v) => v !== undefined && cellText(v) !== '');
}

/**
 * A locked cell that differs from its export copy (or, when the file has no copy, from the
 * register): the agency removed the protection and edited it, or sorted part of the sheet.
 */
function editedLocked(row: ReturnRow, current: Assignment): FieldName[] {
  const edited: FieldName[] = [];
  for (const field of LOCKED_FIELDS) {
    const now = row.values[field];
    if (now === undefined) continue;
    let was: CellValue | undefined = row.base ? row.base[field] : undefined;
    if (row.base === null) was = lockedCell(current, field);
    if (was === undefined) continue;
    if (lockedKey(field, now) !== lockedKey(field, was)) edited.push(field);
  }
  return edited;
}

/** A date an agency typed checked against the row: done dates not in the future nor before the meeting. */
function contextProblem(ctx: Context, field: AgencyField, value: FieldValue, current: Assignment):
  { code: RejectionCode } & Words | null {
  if (value === null || typeof value !== 'string' || (field !== 'doneDate' && field !== 'requestedDue')) return null;
  const date = JalaliDate.parse(value);
  const typed = { display: date.toDisplay(), value };
  if (field === 'doneDate') {
    if (date.isAfter(ctx.today)) return { code: 'date_in_future', ...FIELD_MESSAGES.doneDateInFuture(typed) };
    const meeting = current.meetingDate ? JalaliDate.tryParse(current.meetingDate) : null;
    if (meeting?.ok && date.isBefore(meeting.date)) {
      return {
        code: 'date_before_meeting',
        ...FIELD_MESSAGES.doneDateBeforeMeeting(typed, { display: meeting.date.toDisplay(), value: meeting.date.toString() }),
      };
    }
  }
  if (field === 'requestedDue') {
    const due = current.due ? JalaliDate.tryParse(current.due) : null;
    if (due?.ok && !date.isAfter(due.date)) {
      return { code: 'request_not_later', ...FIELD_MESSAGES.requestNotLater(typed, { display: due.date.toDisplay(), value: due.date.toString() }) };
    }
  }
  return null;
}

/** The register's value of a field: its Assignment value, or the text of a cell its rules cannot read. */
function oursOf(ctx: Context, id: string, current: Assignment, field: AgencyField): FieldValue {
  const value = assignmentValue(current, field);
  if (value !== null) return value;
  const text = ctx.index.invalid?.get(id)?.[field];
  return text ? invalidValue(text) : null;
}

/** The export-time value of a field from the file's hidden copy; undefined without one. */
function baseOf(row: ReturnRow, field: AgencyField): FieldValue | undefined {
  const cell = row.base?.[field];
  return cell === undefined ? undefined : comparableValue(field, cell);
}

/**
 * The earlier merge that set the register's current value of this field, when it was a save
 * of this same file (same agency, same export) and nobody changed the value since.
 */
function samePrior(ctx: Context, id: string, field: AgencyField, ours: FieldValue): PriorMerge | undefined {
  if (!ctx.meta.exportKey || !ctx.index.prior) return undefined;
  const prior = ctx.index.prior.get(priorKey(id, field));
  if (!prior || prior.exportKey !== ctx.meta.exportKey || prior.agencyKey !== ctx.fileKey || prior.value !== ours) return undefined;
  return prior;
}

const jalaliTime = (iso: string | undefined) => {
  const at = iso ? new Date(iso) : undefined;
  return at && !Number.isNaN(at.getTime()) ? tehranTime(at) : undefined;
};

/**
 * This save of the file set `theirs` in this field in an earlier merge (the history says so):
 * the agency's answer was taken then, and whatever the register holds now came after it.
 */
function mergedBefore(ctx: Context, id: string, field: AgencyField, theirs: FieldValue): boolean {
  const { exportKey, savedAt } = ctx.meta;
  if (!exportKey || !savedAt || !ctx.index.mergedSaves) return false;
  const key = mergedSaveKey(id, field, ctx.fileKey, exportKey, savedAt);
  return ctx.index.mergedSaves.has(key) && ctx.index.mergedSaves.get(key) === theirs;
}

/**
 * What the merge decides for one agency field of one row, before anything is reported:
 * - `unchanged`: the file says nothing new (no column, untouched, only the typing differs);
 * - `already`: the agency's value is what the register holds (a re-merge, the same edit twice);
 * - `refused`: the cell cannot be taken (unreadable, invalid, a date the row rules out);
 * - `outdated`: something later stands (`later_save`: a later save of this file was merged;
 *   `changed_since`: this value was merged from this save before and the register changed after);
 * - `apply`: only the agency changed it;
 * - `conflict`: both sides changed it to different values (`base` undefined: the file has no copy).
 */
type FieldVerdict =
  | { kind: 'unchanged' }
  | { kind: 'already' }
  | { kind: 'refused'; code: RejectionCode | (string & {}); fa: string; en: string }
  | { kind: 'outdated'; why: 'later_save' | 'changed_since'; ours: FieldValue; theirs: FieldValue }
  | { kind: 'apply'; old: FieldValue; new: FieldValue }
  | { kind: 'conflict'; base: FieldValue | undefined; ours: FieldValue; theirs: FieldValue };

const UNCHANGED: FieldVerdict = { kind: 'unchanged' };
const ALREADY: FieldVerdict = { kind: 'already' };

/** Decide one agency field of a row whose id, agency and locked cells are fine. */
function decideField(ctx: Context, row: ReturnRow, id: string, current: Assignment, field: AgencyField): FieldVerdict {
  const theirsCell = row.values[field];
  if (theirsCell === undefined) return UNCHANGED; // the column is not in the file: nothing said about it
  const unreadable = row.unreadable?.[field];
  // a formula without a saved value or an error: never read as an empty cell
  if (unreadable) return { kind: 'refused', code: 'unreadable_cell', ...unreadable };
  const ours = oursOf(ctx, id, current, field);
  const prior = samePrior(ctx, id, field, ours);
  const baseCell = row.base?.[field];
  const asExported = baseCell !== undefined && rawKey(theirsCell) === rawKey(baseCell);
  // untouched since export (unless an earlier save of this file changed the register since)
  if (!prior && asExported) return UNCHANGED;
  const read = readAgencyCell(field, theirsCell);
  if (!read.ok) {
    // the same invalid value the register already holds is not the agency's edit
    if (comparableValue(field, theirsCell) === ours || (prior && asExported)) return UNCHANGED;
    return { kind: 'refused', code: read.code, fa: read.fa, en: read.en };
  }
  const theirs = read.value;
  // no copy to compare with: filling an empty cell overwrites nothing, anything else is a
  // conflict. The revision cannot stand in for the copy: edits typed into the register in
  // Excel do not bump it.
  let base = baseOf(row, field);
  if (base === undefined && ours === null) base = null;
  if (prior) {
    const order = ctx.meta.savedAt ? compareSaves(ctx.meta.savedAt, prior.savedAt) : NaN;
    // the same save merged again: the register holds what it set (or what the merge derived)
    if (order === 0) return ALREADY;
    if (order < 0) {
      // an older save: what the later save set stands
      if (theirs === ours) return ALREADY;
      return theirs !== base ? { kind: 'outdated', why: 'later_save', ours, theirs } : UNCHANGED;
    }
    // a later save of the same file: its answer replaces the earlier one
    if (order > 0) base = ours;
    // unknown save times: a plain three-way merge (a conflict when both sides differ)
  }
  if (base !== undefined && theirs === base) return UNCHANGED; // only the typing differs (۸۰٪ vs 80)
  if (theirs === ours) return ALREADY;
  if (ctx.olderSave) return { kind: 'outdated', why: 'later_save', ours, theirs };
  // the same file sent again: its answer was taken, the register's later value stands
  if (mergedBefore(ctx, id, field, theirs)) return { kind: 'outdated', why: 'changed_since', ours, theirs };
  const problem = contextProblem(ctx, field, theirs, current);
  if (problem) return { kind: 'refused', ...problem };
  if (base !== undefined && ours === base) return { kind: 'apply', old: ours, new: theirs };
  return { kind: 'conflict', base, ours, theirs };
}

/** Put one field's verdict into the report (refusals, conflicts, outdated values, counts). */
function reportVerdict(ctx: Context, row: ReturnRow, id: string, field: AgencyField, verdict: FieldVerdict): void {
  const cell = cellOf(ctx, field, row.sheetRow);
  switch (verdict.kind) {
    case 'unchanged':
    case 'apply':
      return;
    case 'already':
      ctx.report.cellsAlreadyApplied++;
      return;
    case 'refused':
      reject(ctx, verdict.code, row, id, field, verdict);
      return;
    case 'outdated': {
      const { ours, theirs, why } = verdict;
      const saved = jalaliTime(ctx.meta.savedAt);
      const when = saved ? ` (ذخیره‌شده در ${toPersianDigits(`${saved.date.toString()} ${saved.time}`)})` : '';
      const words = why === 'later_save'
        ? FIELD_MESSAGES.laterSave({ field, ours, theirs }, when)
        : FIELD_MESSAGES.changedSince({ field, ours, theirs });
      ctx.report.outdated.push({
        file: ctx.meta.sourceFile, sheet: ctx.sheet, id, field, cell,
        ours: plainValue(ours) ?? null, theirs: plainValue(theirs) ?? null, why, ...located(ctx, cell, words),
      });
      return;
    }
    case 'conflict': {
      const { base, ours, theirs } = verdict;
      const words = base === undefined
        ? FIELD_MESSAGES.conflictWithoutCopy({ field, ours, theirs })
        : FIELD_MESSAGES.conflict({ field, ours, theirs }, base);
      ctx.report.conflicts.push({
        file: ctx.meta.sourceFile, sheet: ctx.sheet, id, field, cell,
        base: plainValue(base), ours: plainValue(ours) ?? null, theirs, ...located(ctx, cell, words),
      });
      return;
    }
  }
}

/** Merge one row whose id, agency and locked cells are fine: decide every field, report, then record the change. */
function mergeRow(ctx: Context, row: ReturnRow, id: string, current: Assignment): void {
  const verdicts = MERGE_FIELDS.map((field) => ({ field, verdict: decideField(ctx, row, id, current, field) }));
  for (const { field, verdict } of verdicts) reportVerdict(ctx, row, id, field, verdict);

  const applied: FieldChange[] = [];
  let after = current;
  for (const { field, verdict } of verdicts) {
    if (verdict.kind !== 'apply') continue;
    applied.push({ field, old: verdict.old, new: verdict.new, cell: cellOf(ctx, field, row.sheetRow) });
    after = withValue(after, field, verdict.new);
  }
  const refused = new Set(verdicts.filter((v) => v.verdict.kind === 'refused' || v.verdict.kind === 'conflict').map((v) => v.field));
  after = percentForDone(ctx, row, id, current, after, applied, refused);
  if (verdicts.every((v) => v.verdict.kind === 'unchanged')) ctx.report.rowsUnchanged++;
  if (applied.length > 0) recordChange(ctx, id, current, after, applied);
}

/** A changed row: revision + 1, the update time, its history lines and what the report says of it. */
function recordChange(ctx: Context, id: string, current: Assignment, merged: Assignment, applied: readonly FieldChange[]): void {
  const after = { ...merged, revision: current.revision + 1, updatedAt: ctx.when };
  ctx.changes.push({ id, before: current, after, fields: [...applied] });
  ctx.report.rowsApplied++;
  ctx.report.cellsApplied += applied.length;
  for (const change of applied) {
    ctx.report.applied.push({ id, field: change.field, cell: change.cell, old: plainValue(change.old) ?? null, new: change.new });
    const entry: HistoryEntry = {
      at: ctx.when, agency: ctx.meta.agency, sourceFile: ctx.meta.sourceFile, id, field: change.field,
      old: valueText(change.field, change.old), new: valueText(change.field, change.new), revision: after.revision,
    };
    if (ctx.meta.exportKey && ctx.meta.savedAt) {
      entry.exportKey = ctx.meta.exportKey;
      entry.savedAt = ctx.meta.savedAt;
    }
    ctx.history.push(entry);
  }
  if (applied.some((c) => c.field === 'requestedDue' || c.field === 'requestReason')) {
    ctx.report.requests.push({ id, due: after.due, requestedDue: after.requestedDue, reason: after.requestReason });
  }
}

/**
 * A row the file marks done with its percent cell blank: done means 100, so the percent
 * becomes 100 (with a note), when this file changed the status or the percent and the
 * secretariat did not change the percent since export. A done row with a percent under 100
 * the agency typed is applied as typed, with a note.
 * @returns the row after, with the percent set when it applies (and `applied` updated)
 */
function percentForDone(ctx: Context, row: ReturnRow, id: string, current: Assignment, after: Assignment,
  applied: FieldChange[], refused: ReadonlySet<AgencyField>): Assignment {
  if (after.status !== 'done' || refused.has('percent') || refused.has('status')) return after;
  if (!applied.some((c) => c.field === 'status' || c.field === 'percent')) return after;
  const cell = cellOf(ctx, 'percent', row.sheetRow);
  if (after.percent !== null) {
    if (after.percent < 100) {
      ctx.report.notes.push({ code: 'done_percent_below_100', id, cell, ...located(ctx, cell, FIELD_MESSAGES.donePercentBelow100(after.percent)) });
    }
    return after;
  }
  const theirsCell = row.values.percent;
  if (theirsCell !== undefined && cellText(theirsCell) !== '') return after;
  const index = applied.findIndex((c) => c.field === 'percent');
  if (index < 0) {
    // the percent was left as it was: only when the secretariat has not changed it since export
    const base = baseOf(row, 'percent') ?? null;
    if (oursOf(ctx, id, current, 'percent') !== base) return after;
    applied.push({ field: 'percent', old: assignmentValue(current, 'percent'), new: 100, cell });
  } else if (applied[index].old === 100) {
    applied.splice(index, 1); // cleared, then 100 again: no change
  } else {
    applied[index] = { ...applied[index], new: 100 };
  }
  ctx.report.notes.push({ code: 'percent_for_done', id, cell, ...located(ctx, cell, FIELD_MESSAGES.percentForDone()) });
  return withValue(after, 'percent', 100);
}

/** Why a row may not be merged at all (a row-level refusal), or null when it may. */
function rowRefusal(ctx: Context, row: ReturnRow, id: string, current: Assignment | undefined):
  { code: RejectionCode; field?: FieldName; words: Words } | null {
  if (ctx.duplicatesInRegister.has(id)) return { code: 'duplicate_in_register', words: ROW_MESSAGES.duplicateInRegister(id) };
  if (!current) return { code: 'unknown_id', field: 'id', words: ROW_MESSAGES.unknownId(id) };
  if (ctx.agencyKey(current.agency) !== ctx.fileKey) {
    return { code: 'other_agency', field: 'id', words: ROW_MESSAGES.otherAgency(current.agency, ctx.meta.agency) };
  }
  if (row.base === null && ctx.meta.exportedIds && !ctx.meta.exportedIds.includes(id)) {
    return { code: 'not_in_export', field: 'id', words: ROW_MESSAGES.notInExport(id, ctx.meta.agency) };
  }
  const locked = editedLocked(row, current);
  if (locked.length) {
    const cells = locked.map((f) => cellOf(ctx, f, row.sheetRow));
    return { code: 'locked_edited', field: locked[0], words: ROW_MESSAGES.lockedEdited(locked, cells) };
  }
  return null;
}

/** Check that a row may be merged at all, then merge it. */
function mergeIdentifiedRow(ctx: Context, row: ReturnRow, id: string): void {
  const current = ctx.byId.get(id);
  const refusal = rowRefusal(ctx, row, id, current);
  if (refusal) reject(ctx, refusal.code, row, id, refusal.field, refusal.words, editedFields(row, current));
  else mergeRow(ctx, row, id, current!);
}

/**
 * Merge one agency's return file into the register.
 *
 * Rows are matched by id, never by position. Per agency field: unchanged since export → left;
 * changed by the agency only → applied; changed on both sides to different values → a
 * conflict, reported and not applied; changed to what the register already holds → nothing to
 * do (so merging the same file again changes nothing, and the report says `already_merged`).
 * A row of another agency, an unknown id, a row with an edited locked cell, a duplicated id is
 * refused as a whole and reported; an invalid value refuses only its cell. A requested new
 * deadline goes to `requestedDue`/`requestReason` (and the history) and never to `due`.
 * Each changed row gets revision + 1 and `updatedAt` = the merge time.
 *
 * @param register the register now, as rows or an index (not modified)
 * @param returned the file's data rows, in any order
 * @param meta which agency the file is for, its name, when, where its columns are
 * @returns the row changes to write, their history lines, and the report for this file.
 *   Never throws for bad file content: every problem is in the report.
 */
export function mergeReturn(register: RegisterInput, returned: readonly ReturnRow[], meta: MergeMeta): MergeResult {
  const index = Array.isArray(register) ? indexRegister(register as readonly Assignment[]) : register as RegisterIndex;
  const { byId, duplicates } = index;
  const sheet = meta.sheet ?? SHEETS.register;
  const report: FileReport = {
    file: meta.sourceFile, agency: meta.agency, sheet, outcome: 'nothing_new',
    madeFromRevision: meta.registerRevision, registerRevision: index.revision ?? registerRevision(byId.values()),
    rowsRead: 0, rowsApplied: 0, cellsApplied: 0, rowsUnchanged: 0, cellsAlreadyApplied: 0,
    applied: [], rejected: [], conflicts: [], outdated: [], notes: [], requests: [], missingIds: [], fa: '', en: '',
  };
  const clock = tehranTime(meta.at);
  const agencyKey = meta.agencyKey ?? comparisonKey;
  const fileKey = agencyKey(meta.agency);
  const latest = meta.exportKey ? index.latestSave?.get(saveKey(fileKey, meta.exportKey)) : undefined;
  const ctx: Context = {
    meta, sheet, index, byId, duplicatesInRegister: duplicates, agencyKey, fileKey,
    olderSave: !!(latest && meta.savedAt && compareSaves(meta.savedAt, latest) < 0),
    today: meta.today ?? clock.date, when: `${clock.date.toString()} ${clock.time}`, report, changes: [], history: [],
  };

  if (meta.expectedAgency !== undefined && agencyKey(meta.expectedAgency) !== ctx.fileKey) {
    report.outcome = 'rejected';
    report.rejected.push({
      code: 'wrong_agency', file: meta.sourceFile, sheetRow: 0,
      ...ROW_MESSAGES.wrongAgency(meta.sourceFile, meta.agency, meta.expectedAgency),
    });
    Object.assign(report, summarizeReport(report));
    return { changes: [], history: [], report };
  }

  // group by id first: a duplicated id is ambiguous unless the copies are identical, locked
  // cells and hidden copies included (merging the untouched copy would hide an edited one; two
  // copies that look alike but were exported from different revisions say different things:
  // a cleared cell is an edit against one hidden copy and no change against the other)
  const groups = new Map<string, ReturnRow[]>();
  for (const row of returned) {
    const id = idText(row.id);
    if (id === '') {
      if (!hasContent(row)) continue; // a blank row
      report.rowsRead++;
      reject(ctx, 'missing_id', row, undefined, undefined, ROW_MESSAGES.missingId(), editedFields(row, undefined));
      continue;
    }
    const group = groups.get(id);
    if (group) group.push(row);
    else groups.set(id, [row]);
  }
  for (const [id, rows] of groups) {
    report.rowsRead += rows.length;
    if (rows.length > 1) {
      const fields = [...MERGE_FIELDS, ...LOCKED_FIELDS];
      const key = (r: ReturnRow) => [
        ...fields.map((f) => rawKey(r.values[f])),
        r.base ? fields.map((f) => rawKey(r.base?.[f])).join('\u0001') : 'no hidden copy',
        String(r.revision),
      ].join('\u0001');
      if (rows.some((r) => key(r) !== key(rows[0]))) {
        const words = ROW_MESSAGES.duplicateId(id, rows.map((r) => r.sheetRow));
        for (const row of rows) reject(ctx, 'duplicate_id', row, id, 'id', words, editedFields(row, byId.get(id)));
        continue;
      }
    }
    mergeIdentifiedRow(ctx, rows[0], id);
  }
  if (meta.exportedIds) report.missingIds = meta.exportedIds.filter((id) => !groups.has(id));

  report.outcome = report.cellsApplied > 0 ? 'applied' : report.cellsAlreadyApplied > 0 || report.outdated.length > 0 ? 'already_merged' : 'nothing_new';
  Object.assign(report, summarizeReport(report));
  return { changes: ctx.changes, history: ctx.history, report };
}

/**
 * The register with `changes` applied (rows replaced by id, order kept). Pure: returns a new
 * array. Changes for ids not in the register are ignored.
 */
export function applyChanges(register: readonly Assignment[], changes: readonly RowChange[]): Assignment[] {
  if (changes.length === 0) return [...register];
  const byId = new Map(changes.map((c) => [c.id, c.after]));
  return register.map((row) => byId.get(row.id) ?? row);
}
