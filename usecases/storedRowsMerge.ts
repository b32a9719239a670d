/**
 * Use case: the secretariat's rows arrive at the service — a register workbook uploaded (made
 * by the CLI or edited by hand), or the rows of the sheet open in the Excel add-in (sync).
 * Each row is matched by id and merged field by field, three ways: the row's revision says
 * what the sender last saw, the store's history says what changed since (and who changed it).
 * A field changed only by the sender is applied; one changed on both sides to different values
 * is a conflict (reported, not applied); nothing an agency reported is overwritten unseen.
 * Rows the store does not have are added. One store commit per call, retried when other
 * writers changed the same rows meanwhile.
 */
import { MosavabatError, describeLocation } from '../core/errors';
import { idText, tehranTime } from '../core/merge';
import { parseWholeNumber } from '../core/register/cells';
import type { FieldName } from '../core/register/fields';
import { fieldHeader, fieldHeaderEn } from '../core/register/problems';
import { interpretRow } from '../core/register/rows';
import type { Assignment, ColumnMap, RawRow } from '../core/register/types';
import { toPersianDigits } from '../core/text/digits';
import { statusLabel } from '../core/register/status';
import { describeSettingChanges, type RegisterSettings, type SettingsRead } from '../core/register/settings';
import type { AgencyEntry } from '../core/agency';
import type { Actor, ChangeSource, EditableField, HistoryRecord, MeetingInput, RegisterStore, RowEdit } from './registerStore';
import type { UploadFacts } from './storedReturns';
import { directoryAdditions, type DirectoryAdditions } from './storedAgencies';

/** Fields the secretariat's rows may change (identity columns — meeting, its date, row — are the minutes'). */
export const SECRETARIAT_FIELDS = [
  'text', 'agency', 'deadlineText', 'due', 'status', 'percent', 'report', 'doneDate', 'requestedDue', 'requestReason',
] as const satisfies readonly EditableField[];
export type SecretariatField = (typeof SECRETARIAT_FIELDS)[number];

export interface RowsInput {
  /** A file name, or `sync` for the add-in. */
  file: string;
  sheet?: string;
  columns?: ColumnMap;
  /** Fields the sender has a column for; the others are not touched. */
  fields: readonly FieldName[];
  rows: readonly RawRow[];
  /**
   * A register workbook's `تنظیمات` sheet: when present, its settings become the store's (the
   * changed ones in the history); one unreadable cell refuses the whole file.
   */
  settings?: Pick<SettingsRead, 'present' | 'settings' | 'issues'>;
  /** A register workbook's `دستگاه‌ها` sheet: the aliases it gives join the store's directory (directoryAdditions). */
  agencies?: readonly AgencyEntry[];
}

export interface RowsConflict {
  id: string;
  field: SecretariatField;
  cell?: string;
  /** What the sender last saw (null when unknown), the store's value, the sender's value; as text. */
  base: string | null;
  ours: string | null;
  theirs: string | null;
  fa: string;
  en: string;
}

export interface RowsRejection {
  code: string;
  id?: string;
  field?: FieldName;
  cell?: string;
  fa: string;
  en: string;
}

export interface RowsReport {
  file: string;
  outcome: 'applied' | 'nothing_new' | 'rejected';
  rowsRead: number;
  rowsApplied: number;
  cellsApplied: number;
  rowsAdded: number;
  applied: Array<{ id: string; field: SecretariatField; old: string | null; new: string | null }>;
  conflicts: RowsConflict[];
  rejected: RowsRejection[];
  /** Fields where the sender still had an older value and the store's newer one stands. */
  kept: number;
  /** A register upload: the settings its `تنظیمات` sheet changed in the store, Persian and English (`key: value`). */
  settingsChanged?: Array<{ key: string; fa: string; en: string }>;
  /** A register upload: what its `دستگاه‌ها` sheet added to the store's directory, and the aliases refused. */
  directory?: Omit<DirectoryAdditions, 'additions'>;
}

export interface RowsMergeResult {
  report: RowsReport;
  duplicate: boolean;
  /** Every sent row as the store holds it now (new revisions), in the order sent. */
  rows: Assignment[];
}

const MAX_ATTEMPTS = 8;

/** A field's value as text, the form the history keeps (null for empty). */
export function fieldText(row: Assignment, field: SecretariatField): string | null {
  const value = row[field];
  return value === null || value === undefined || value === '' ? null : String(value);
}

function shown(field: SecretariatField, text: string | null): string {
  if (text === null) return '';
  return field === 'status' ? statusLabel(text as Assignment['status']) : text;
}

/** The meeting a new row belongs to: from its id (`14010409-12-…`), else from its date. */
function meetingOf(row: Assignment): MeetingInput {
  const match = /^(\d{8})-(\d+)-/.exec(row.id);
  const id = match ? `${match[1]}-${match[2]}` : `${(row.meetingDate ?? '00000000').replace(/\//g, '')}-0`;
  return {
    id, body: '', title: row.meeting, number: match ? Number(match[2]) || null : null, date: row.meetingDate,
    weekday: null, time: null, place: null, invitation: { number: null, date: null }, agenda: [],
  };
}

/**
 * Merge the secretariat's rows into the store.
 * @param upload the file's facts when it is an upload (the same bytes twice are a no-op); absent for sync
 * @throws MosavabatError `busy_rows` when the rows kept changing under it
 */
export async function mergeStoredRows(store: RegisterStore, input: RowsInput, who: { actor: Actor; source: ChangeSource['kind'] },
  at: Date, upload?: UploadFacts): Promise<RowsMergeResult> {
  if (upload) {
    const seen = await store.findUpload(upload.hash, '');
    if (seen) return { report: seen.report as RowsReport, duplicate: true, rows: [] };
  }
  const badSetting = input.settings?.present ? input.settings.issues.find((i) => i.severity === 'error') : undefined;
  if (badSetting) {
    // the issue's text ends with the default the CLI falls back to; here nothing is taken instead
    const cut = (text: string, mark: string) => (text.lastIndexOf(mark) > 0 ? text.slice(0, text.lastIndexOf(mark)) : text);
    throw new MosavabatError('setting_invalid',
      `${cut(badSetting.fa, '؛')}؛ این دفتر خوانده نشد و چیزی در سامانه تغییر نکرد: مقدار را درست کنید و دوباره بفرستید`,
      `${cut(badSetting.en, ';')}; the register was not taken and nothing changed: correct the value and send it again`,
      'bad_input', { file: input.file, sheet: badSetting.sheet, cell: badSetting.cell });
  }
  const fields = SECRETARIAT_FIELDS.filter((f) => input.fields.includes(f));
  const sheet = input.sheet ?? '';
  const cellOf = (field: FieldName, sheetRow: number) => input.columns?.[field] ? `${input.columns[field]}${sheetRow}` : undefined;
  const where = (cell?: string) => describeLocation({ file: input.file === 'sync' ? undefined : input.file, sheet: sheet || undefined, cell });

  const read: Array<{ raw: RawRow; id: string; row: Assignment; revision: number | null; bad: Map<FieldName, { fa: string; en: string }> }> = [];
  const rejected: RowsRejection[] = [];
  const seenIds = new Set<string>();
  for (const raw of input.rows) {
    const id = idText(raw.values.id ?? null);
    if (!id) {
      rejected.push({ code: 'missing_id', cell: cellOf('id', raw.sheetRow), fa: `${where(cellOf('id', raw.sheetRow))}این ردیف شناسه ندارد؛ ردیف تازه از راه صورتجلسه افزوده می‌شود`, en: 'row without an id; new rows come from minutes' });
      continue;
    }
    if (seenIds.has(id)) {
      rejected.push({ code: 'duplicate_id', id, cell: cellOf('id', raw.sheetRow), fa: `${where(cellOf('id', raw.sheetRow))}شناسهٔ «${id}» بیش از یک بار آمده است؛ فقط بار اول خوانده شد`, en: `id "${id}" occurs more than once; only the first was read` });
      continue;
    }
    seenIds.add(id);
    const { assignment, problems } = interpretRow(raw);
    const bad = new Map<FieldName, { fa: string; en: string }>();
    for (const p of problems) if (p.field && p.severity === 'error') bad.set(p.field, p);
    const revision = raw.values.revision === undefined || raw.values.revision === null || raw.values.revision === '' ? null
      : (() => { const parsed = parseWholeNumber(raw.values.revision ?? null); return parsed.ok ? parsed.value : null; })();
    read.push({ raw, id, row: { ...assignment, id }, revision, bad });
  }
  const ids = read.map((r) => r.id);

  for (let attempt = 1; ; attempt++) {
    const stored = new Map((ids.length ? await store.listAssignments({ ids }) : []).map((a) => [a.id, a]));
    const history = new Map<string, HistoryRecord[]>();
    if (ids.length) {
      for (const line of await store.listHistory({ assignmentIds: ids })) {
        const key = `${line.assignmentId}\u0001${line.field}`;
        const list = history.get(key) ?? [];
        list.push(line);
        history.set(key, list);
      }
    }
    const report: RowsReport = {
      file: input.file, outcome: 'nothing_new', rowsRead: read.length, rowsApplied: 0, cellsApplied: 0, rowsAdded: 0,
      applied: [], conflicts: [], rejected: [...rejected], kept: 0,
    };
    const edits: RowEdit[] = [];
    const meetings = new Map<string, { meeting: MeetingInput; rows: Assignment[] }>();
    for (const { raw, id, row, revision, bad } of read) {
      const current = stored.get(id);
      if (!current) {
        const missing = (['meeting', 'text', 'agency'] as const).filter((f) => !row[f]);
        if (missing.length) {
          report.rejected.push({ code: 'incomplete_row', id, cell: cellOf(missing[0], raw.sheetRow),
            fa: `${where(cellOf(missing[0], raw.sheetRow))}ردیف تازهٔ «${id}» ${missing.map((f) => `«${fieldHeader(f)}»`).join('، ')} ندارد؛ افزوده نشد`,
            en: `new row "${id}" lacks ${missing.map(fieldHeaderEn).join(', ')}; not added` });
          continue;
        }
        const meeting = meetingOf(row);
        const group = meetings.get(meeting.id) ?? { meeting, rows: [] };
        group.rows.push({ ...row, revision: 1 });
        meetings.set(meeting.id, group);
        report.rowsAdded++;
        continue;
      }
      const changed: RowEdit['fields'] = {};
      let count = 0;
      for (const field of fields) {
        const cell = cellOf(field, raw.sheetRow);
        const problem = bad.get(field);
        if (problem) {
          report.rejected.push({ code: 'invalid_value', id, field, cell, fa: `${where(cell)}${problem.fa}`, en: problem.en });
          continue;
        }
        const theirs = fieldText(row, field);
        const ours = fieldText(current, field);
        if (theirs === ours) continue;
        const lines = history.get(`${id}\u0001${field}`) ?? [];
        let base: string | null | undefined;
        if (revision !== null && revision <= current.revision) {
          const since = lines.filter((l) => l.revision > revision).sort((a, b) => a.seq - b.seq);
          base = since.length ? since[0].old : ours;
        } else {
          // the sender's revision is unknown: what an agency reported is never overwritten blind
          const last = lines.length ? lines.reduce((a, b) => (b.seq > a.seq ? b : a)) : undefined;
          base = ours === null || last?.actor.kind !== 'agency' ? ours : undefined;
        }
        if (base === ours) {
          (changed as Record<string, unknown>)[field] = row[field];
          report.applied.push({ id, field, old: ours, new: theirs });
          count++;
        } else if (base !== undefined && theirs === base) {
          report.kept++;
        } else {
          const label = fieldHeader(field);
          report.conflicts.push({
            id, field, cell, base: base ?? null, ours, theirs,
            fa: base === undefined
              ? `${where(cell)}«${label}» در فایل «${shown(field, theirs)}» و در سامانه «${shown(field, ours)}» (گزارش دستگاه) است و نسخهٔ ردیف در فایل معلوم نیست؛ اعمال نشد، یکی را انتخاب کنید`
              : `${where(cell)}«${label}» هم در فایل («${shown(field, theirs)}») و هم در سامانه («${shown(field, ours)}») پس از نسخهٔ ${toPersianDigits(String(revision))} تغییر کرده است (مقدار پیشین: «${shown(field, base)}»)؛ اعمال نشد`,
            en: base === undefined
              ? `${fieldHeaderEn(field)} is "${theirs ?? ''}" here and "${ours ?? ''}" (an agency's report) in the store, and the row's revision is unknown; not applied`
              : `${fieldHeaderEn(field)} changed both here ("${theirs ?? ''}") and in the store ("${ours ?? ''}") since revision ${revision} (was "${base ?? ''}"); not applied`,
          });
        }
      }
      if (count) {
        edits.push({ id, expectedRevision: current.revision, fields: changed });
        report.rowsApplied++;
        report.cellsApplied += count;
      }
    }
    let settings: RegisterSettings | undefined;
    let agencyAdditions: AgencyEntry[] | undefined;
    if (input.settings || input.agencies) {
      const changed = input.settings?.present ? describeSettingChanges(await store.getSettings(), input.settings.settings) : [];
      if (changed.length) settings = input.settings!.settings;
      const { additions, ...directory } = directoryAdditions(await store.listAgencies(), input.agencies ?? []);
      if (additions.length) agencyAdditions = additions;
      report.settingsChanged = changed.map(({ key, fa, en }) => ({ key, fa, en }));
      report.directory = directory;
    }
    if (report.cellsApplied || report.rowsAdded || settings || agencyAdditions) report.outcome = 'applied';
    else if (report.rejected.length && !read.length) report.outcome = 'rejected';
    const clock = tehranTime(at);
    const committed = await store.commit({
      at: at.toISOString(), updatedAt: `${clock.date.toString()} ${clock.time}`, actor: who.actor,
      source: { kind: who.source, file: input.file },
      upload: upload ? { hash: upload.hash, scope: '', kind: 'register', name: upload.name, size: upload.size, report } : undefined,
      meetings: [...meetings.values()], edits, settings, agencyAdditions, onStale: 'abort',
    });
    if (committed.outcome === 'duplicate') return { report: committed.upload.report as RowsReport, duplicate: true, rows: [] };
    if (committed.outcome === 'applied') {
      const now = new Map((ids.length ? await store.listAssignments({ ids }) : []).map((a) => [a.id, a]));
      return { report, duplicate: false, rows: ids.flatMap((id) => now.get(id) ?? []) };
    }
    if (attempt >= MAX_ATTEMPTS) {
      throw new MosavabatError('busy_rows', 'این ردیف‌ها هم‌زمان بارها تغییر کردند؛ چند لحظهٔ دیگر دوباره بفرستید',
        'the rows kept changing while merging; try again in a moment', 'conflict', input.file === 'sync' ? {} : { file: input.file });
    }
  }
}
