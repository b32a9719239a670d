/**
 * Use cases: the secretariat changes one stored row, naming the revision it read (a stale
 * revision changes nothing and gives back the row as it is now), and decides on an agency's
 * request for a new due date: accepted, the requested date becomes the due date; refused, the
 * request is cleared. Both are in the history (who, when, old and new).
 */
import { MosavabatError } from '../core/errors';
import { tehranTime } from '../core/merge';
import { fieldHeader } from '../core/register/problems';
import { interpretRow } from '../core/register/rows';
import type { Assignment, CellValue } from '../core/register/types';
import type { Actor, RegisterStore, RowEdit } from './registerStore';
import { SECRETARIAT_FIELDS, type SecretariatField } from './storedRowsMerge';

export type EditOutcome =
  | { outcome: 'applied'; row: Assignment }
  | { outcome: 'stale'; current: Assignment };

function notFound(id: string): MosavabatError {
  return new MosavabatError('row_not_found', `ردیفی با شناسهٔ «${id.slice(0, 80)}» در دفتر نیست`, `no row with id "${id.slice(0, 80)}"`, 'not_found');
}

/**
 * Read the fields of an edit (cell-like values: Persian status words or codes, percents as
 * `80` or `۸۰٪`, dates with any digits) with the register's rules.
 * @throws MosavabatError `unknown_field`, `invalid_value` naming the field
 */
export function readEdit(values: Record<string, unknown>): RowEdit['fields'] {
  const raw: Record<string, CellValue> = {};
  for (const [field, value] of Object.entries(values)) {
    if (!(SECRETARIAT_FIELDS as readonly string[]).includes(field)) {
      throw new MosavabatError('unknown_field', `ستون «${field.slice(0, 40)}» را نمی‌توان این‌جا تغییر داد`,
        `field "${field.slice(0, 40)}" cannot be changed (one of ${SECRETARIAT_FIELDS.join(', ')})`, 'bad_input');
    }
    if (value !== null && typeof value !== 'string' && typeof value !== 'number') {
      throw new MosavabatError('invalid_value', `مقدار «${fieldHeader(field as SecretariatField)}» باید متن یا عدد باشد`,
        `the value of ${field} must be text, a number or null`, 'bad_input');
    }
    // status codes as sent by programs read as their Persian words
    raw[field] = field === 'status' && typeof value === 'string' && STATUS_CODE.test(value) ? codeLabel(value) : value as CellValue;
  }
  const { assignment, problems } = interpretRow({ sheetRow: 0, values: raw });
  const problem = problems.find((p) => p.severity === 'error' && p.field && p.field in raw);
  if (problem) throw new MosavabatError('invalid_value', problem.fa, problem.en, 'bad_input');
  const fields: RowEdit['fields'] = {};
  for (const field of Object.keys(raw) as SecretariatField[]) (fields as Record<string, unknown>)[field] = assignment[field];
  return fields;
}

const STATUS_CODE = /^(not_started|in_progress|done|blocked|void)$/;
const LABELS: Record<string, string> = {
  not_started: 'انجام نشده', in_progress: 'در حال انجام', done: 'انجام شده', blocked: 'خارج از اختیار دستگاه', void: 'منتفی',
};
function codeLabel(code: string): string {
  return LABELS[code] ?? code;
}

async function commitOne(store: RegisterStore, edit: RowEdit, actor: Actor, at: Date, kind: 'edit' | 'extension'): Promise<EditOutcome> {
  const clock = tehranTime(at);
  const result = await store.commit({
    at: at.toISOString(), updatedAt: `${clock.date.toString()} ${clock.time}`, actor, source: { kind }, edits: [edit], onStale: 'abort',
  });
  if (result.outcome === 'applied') {
    const row = result.rows[0] ?? (await store.getAssignment(edit.id));
    if (!row) throw notFound(edit.id);
    return { outcome: 'applied', row };
  }
  if (result.outcome === 'conflict') {
    const current = result.stale[0]?.current ?? null;
    if (!current) throw notFound(edit.id);
    return { outcome: 'stale', current };
  }
  throw new MosavabatError('unexpected_duplicate', 'خطای پیش‌بینی‌نشده', 'unexpected duplicate upload on an edit', 'internal');
}

/**
 * Change fields of one row, if it is still at `expectedRevision`.
 * @throws MosavabatError `row_not_found`, and readEdit's
 */
export async function editStoredRow(store: RegisterStore, id: string, expectedRevision: number, values: Record<string, unknown>,
  actor: Actor, at: Date): Promise<EditOutcome> {
  const fields = readEdit(values);
  const current = await store.getAssignment(id);
  if (!current) throw notFound(id);
  return commitOne(store, { id, expectedRevision, fields }, actor, at, 'edit');
}

/**
 * Accept or refuse the row's requested new due date.
 * @throws MosavabatError `row_not_found`, `no_request` when the row has no pending request
 */
export async function decideExtension(store: RegisterStore, id: string, expectedRevision: number, decision: 'accept' | 'refuse',
  actor: Actor, at: Date): Promise<EditOutcome> {
  const current = await store.getAssignment(id);
  if (!current) throw notFound(id);
  if (current.revision !== expectedRevision) return { outcome: 'stale', current };
  if (!current.requestedDue) {
    throw new MosavabatError('no_request', 'برای این ردیف درخواست تمدید مهلتی ثبت نشده است', 'this row has no pending request for a new due date', 'conflict');
  }
  const fields: RowEdit['fields'] = decision === 'accept'
    ? { due: current.requestedDue, requestedDue: null, requestReason: '' }
    : { requestedDue: null, requestReason: '' };
  return commitOne(store, { id, expectedRevision, fields }, actor, at, 'extension');
}
