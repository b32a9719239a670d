/**
 * Use case: an agency's return workbook arrives at the service (uploaded by the agency or by
 * the secretariat). It is merged into the stored register with the same field-level three-way
 * merge the `merge` command uses (core/merge), its history written, all in one store commit.
 * Should another upload change the same rows between the read and the commit, the merge is
 * done again on the new rows, so nothing either of them sent is lost or overwritten unseen.
 */
import { MosavabatError } from '../core/errors';
import type { JalaliDate } from '../core/jalali/JalaliDate';
import {
  failedReport, indexRegister, mergeReturn, MERGE_FIELDS, registerRevision, tehranTime, valueText,
  type AgencyField, type FieldValue, type FileReport, type HistoryEntry, type RowChange,
} from '../core/merge';
import type { Assignment } from '../core/register/types';
import { comparisonKey } from '../core/text/normalize';
import type { ReturnFileData } from '../adapters/xlsx/returns/readReturn';
import type { Actor, EditableField, HistoryRecord, RegisterStore, RowEdit } from './registerStore';
import { storedDirectory } from './storedViews';
import { checkReturnSignature } from './returnSignature';

export interface UploadFacts {
  /** SHA-256 of the bytes, hex. */
  hash: string;
  name: string;
  size: number;
}

export interface ReturnUploadResult {
  report: FileReport;
  /** The same bytes were merged before (under the same sender): nothing was done again. */
  duplicate: boolean;
  rowsChanged: number;
}

/** Commits retried when other uploads keep changing the same rows. */
const MAX_ATTEMPTS = 8;

/** The store's history lines of earlier merges as core's HistoryEntry (what recordMerges reads). */
export function mergeHistory(records: readonly HistoryRecord[]): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  for (const r of records) {
    if (!r.assignmentId || !r.source.exportKey || !r.source.savedAt) continue;
    if (!(MERGE_FIELDS as readonly string[]).includes(r.field)) continue;
    const field = r.field as AgencyField;
    entries.push({
      at: r.at, agency: r.actor.agency ?? '', sourceFile: r.source.file ?? '', id: r.assignmentId, field,
      old: storedText(field, r.old), new: storedText(field, r.new), revision: r.revision,
      exportKey: r.source.exportKey, savedAt: r.source.savedAt,
    });
  }
  return entries;
}

/** A stored history value (a status code, digits, a date) as the register would show it. */
function storedText(field: AgencyField, text: string | null): string {
  if (text === null) return '';
  const value: FieldValue = field === 'percent' && /^\d+$/.test(text) ? Number(text) : text;
  return valueText(field, value);
}

/** The fields a merge changed in a row, as a store edit. */
export function editOf(change: RowChange): RowEdit {
  const fields: RowEdit['fields'] = {};
  for (const { field } of change.fields) (fields as Record<string, unknown>)[field as EditableField] = change.after[field];
  return { id: change.id, expectedRevision: change.before.revision, fields };
}

/**
 * Record a return refused whole (an edited or foreign file, or no return at all) as an upload
 * with its refusal, nothing else changed: the secretariat sees who sent what and why it was
 * refused (GET /api/uploads), and the same bytes again are answered with the same refusal.
 */
async function recordRefusal(store: RegisterStore, report: FileReport, upload: UploadFacts, scope: string, actor: Actor, at: Date): Promise<ReturnUploadResult> {
  const committed = await store.commit({
    at: at.toISOString(), actor, source: { kind: 'upload', file: upload.name },
    upload: { hash: upload.hash, scope, kind: 'return', name: upload.name, size: upload.size, report },
    edits: [],
  });
  if (committed.outcome === 'duplicate') return { report: committed.upload.report as FileReport, duplicate: true, rowsChanged: 0 };
  return { report, duplicate: false, rowsChanged: 0 };
}

/**
 * Merge one read return file into the store. Its signature is checked first against the
 * store's key, as `mosavabat merge` checks it against a register's (usecases/returnSignature):
 * an edited or foreign file is refused whole (recorded as a refused upload, nothing applied), an
 * unsigned older one merges with a note.
 * @param expectedAgency the sender's agency (an agency token): a file made for another agency is refused
 * @returns the merge report (refusals, conflicts and outdated values are in it; never thrown)
 */
export async function mergeStoredReturn(store: RegisterStore, data: ReturnFileData, upload: UploadFacts,
  who: { actor: Actor; expectedAgency?: string }, at: Date, today?: JalaliDate): Promise<ReturnUploadResult> {
  const scope = who.expectedAgency ? comparisonKey(who.expectedAgency) : '';
  const seen = await store.findUpload(upload.hash, scope);
  if (seen) return { report: seen.report as FileReport, duplicate: true, rowsChanged: 0 };
  const signature = checkReturnSignature(data, await store.signingKey(at.toISOString()), upload.name, 0);
  if (signature.refused) return recordRefusal(store, signature.refused, upload, scope, who.actor, at);
  const agency = data.agency ?? who.expectedAgency;
  if (!agency) {
    const report = failedReport(upload.name, '', 'not_a_return',
      'این فایل را این سامانه برای یک دستگاه نساخته است (برگهٔ پنهان مشخصات ندارد)؛ معلوم نیست از کدام دستگاه است. فایل بازگشتی همان دستگاه را بفرستید',
      'this file was not made by mosavabat for an agency (no hidden description sheet); send the agency\'s own return file', 0);
    return recordRefusal(store, report, upload, scope, who.actor, at);
  }
  const directory = await storedDirectory(store);
  const agencyKey = (name: string) => comparisonKey(directory.find(name)?.name ?? name);
  const ids = [...new Set(data.rows.map((r) => String(r.id ?? '').trim()).filter(Boolean).concat(data.exportedIds ?? []))];

  for (let attempt = 1; ; attempt++) {
    const rows: Assignment[] = ids.length ? await store.listAssignments({ ids }) : [];
    const history = ids.length ? mergeHistory(await store.listHistory({ assignmentIds: ids, withExportKey: true })) : [];
    const index = indexRegister(rows, history, agencyKey);
    index.revision = registerRevision(rows);
    const result = mergeReturn(index, data.rows, {
      agency, sourceFile: upload.name, registerRevision: data.registerRevision, at, today, sheet: data.sheet,
      columns: data.columns, exportedIds: data.exportedIds, expectedAgency: data.agency ? who.expectedAgency : undefined,
      exportKey: data.exportKey, savedAt: data.savedAt, agencyKey,
    });
    if (signature.note) result.report.notes.push(signature.note);
    const clock = tehranTime(at);
    const committed = await store.commit({
      at: at.toISOString(), updatedAt: `${clock.date.toString()} ${clock.time}`,
      actor: { ...who.actor, agency },
      source: { kind: 'upload', file: upload.name, exportKey: data.exportKey ?? null, savedAt: data.savedAt ?? null },
      upload: { hash: upload.hash, scope, kind: 'return', name: upload.name, size: upload.size, report: result.report },
      edits: result.changes.map(editOf),
      onStale: 'abort',
    });
    if (committed.outcome === 'applied') return { report: result.report, duplicate: false, rowsChanged: committed.rows.length };
    if (committed.outcome === 'duplicate') return { report: committed.upload.report as FileReport, duplicate: true, rowsChanged: 0 };
    if (attempt >= MAX_ATTEMPTS) {
      throw new MosavabatError('busy_rows', 'این ردیف‌ها هم‌زمان بارها تغییر کردند؛ فایل را چند لحظهٔ دیگر دوباره بفرستید',
        'the rows kept changing while merging; send the file again in a moment', 'conflict', { file: upload.name });
    }
  }
}
