/**
 * Use cases: what the service hands out from its store — the register rows with their states
 * (filtered), the summary (JSON and workbook), and an agency's return workbook (the same file
 * `agency-sheets` makes from a register workbook).
 */
import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgencyDirectory, agencyNamer } from '../core/agency';
import { MosavabatError } from '../core/errors';
import type { JalaliDate } from '../core/jalali/JalaliDate';
import { registerRevision } from '../core/merge';
import { deriveState, DEADLINE_STATES } from '../core/register/state';
import { summarize, type RegisterSummary } from '../core/register/summary';
import type { Assignment, DeadlineState } from '../core/register/types';
import type { RegisterSettings } from '../core/register/settings';
import { comparisonKey } from '../core/text/normalize';
import { writeSummaryWorkbook } from '../adapters/xlsx/streamRegister';
import { saveWorkbook } from '../adapters/xlsx/workbookFile';
import { buildReturnWorkbook, returnFileName } from '../adapters/xlsx/returns/returnBook';
import type { AssignmentFilter, RegisterStore } from './registerStore';

/** A stored row with its state on the day asked. */
export type StatedRow = Assignment & { state: DeadlineState };

export interface RowQuery {
  meetingId?: string;
  /** Any spelling of the agency or of one of its aliases. */
  agency?: string;
  states?: readonly DeadlineState[];
  /** Only rows with a requested new due date awaiting a decision. */
  requested?: boolean;
}

/** The store's agency directory. */
export async function storedDirectory(store: RegisterStore): Promise<AgencyDirectory> {
  return AgencyDirectory.from(await store.listAgencies());
}

/** Comparison keys of an agency: its name and aliases when the directory knows it. */
export function agencyKeysOf(directory: AgencyDirectory, agency: string): string[] {
  const entry = directory.find(agency);
  return entry ? [entry.name, ...entry.aliases].map(comparisonKey) : [comparisonKey(agency)];
}

/** Whether two spellings name one agency (by comparison key, the directory's aliases included). */
export function sameAgency(directory: AgencyDirectory, a: string, b: string): boolean {
  return agencyKeysOf(directory, a).includes(comparisonKey(b));
}

/**
 * Parse `state` query values (`overdue,due_soon`).
 * @throws MosavabatError `unknown_state`
 */
export function parseStates(text: string): DeadlineState[] {
  const states = text.split(',').map((s) => s.trim()).filter(Boolean);
  for (const state of states) {
    if (!(DEADLINE_STATES as readonly string[]).includes(state)) {
      throw new MosavabatError('unknown_state', `وضعیت مهلت «${state.slice(0, 40)}» شناخته نیست`,
        `unknown state "${state.slice(0, 40)}" (one of ${DEADLINE_STATES.join(', ')})`, 'bad_input');
    }
  }
  return states as DeadlineState[];
}

/**
 * The stored rows that match, each with its state on `today` (the register's due-soon window).
 */
export async function storedRows(store: RegisterStore, today: JalaliDate, query: RowQuery = {}): Promise<StatedRow[]> {
  const filter: AssignmentFilter = {};
  if (query.meetingId) filter.meetingId = query.meetingId;
  if (query.agency) filter.agencyKeys = agencyKeysOf(await storedDirectory(store), query.agency);
  const [rows, settings] = await Promise.all([store.listAssignments(filter), store.getSettings()]);
  const wanted = query.states?.length ? new Set(query.states) : undefined;
  const result: StatedRow[] = [];
  for (const row of rows) {
    if (query.requested && !row.requestedDue) continue;
    const state = stateOf(row, today, settings);
    if (!wanted || wanted.has(state)) result.push({ ...row, state });
  }
  return result;
}

/** A stored row's state on `today`, with the register's due-soon window. */
function stateOf(row: Assignment, today: JalaliDate, settings: RegisterSettings): DeadlineState {
  return deriveState(row, today, { dueSoonDays: settings.dueSoonDays });
}

/** Rows the caller has (just written, say) with their states on `today`, as storedRows gives them. */
export async function withStates(store: RegisterStore, rows: readonly Assignment[], today: JalaliDate): Promise<StatedRow[]> {
  const settings = await store.getSettings();
  return rows.map((row) => ({ ...row, state: stateOf(row, today, settings) }));
}

/** Rows a page of the register as JSON holds when the client does not say. */
export const DEFAULT_PAGE_ROWS = 100;
/** The most rows one page may hold. */
export const MAX_PAGE_ROWS = 1000;

/** One page of a listing of rows. */
export interface RowPage {
  rows: StatedRow[];
  /** Rows that match the query, on all pages. */
  total: number;
  /** Where the next page starts (give it back as `cursor`); null on the last page. */
  cursor: string | null;
}

/** The place of every row of the register in register order (what a cursor is compared by). */
export async function registerOrder(store: RegisterStore): Promise<Map<string, number>> {
  const rows = await store.listAssignments();
  return new Map(rows.map((row, i) => [row.id, i]));
}

/**
 * One page of `rows` (a listing in register order): the first `limit` rows that come after the
 * cursor's row in the whole register's `order`. The cursor names a row of the register, not of
 * the listing, so it stays good when its row has since left the filter (its state changed); a
 * row added before the cursor's place while a client pages is seen on its next full read.
 * @param cursor a page's `cursor` (opaque to clients), none for the first page
 * @throws MosavabatError `bad_cursor` when the cursor names no row of the register
 */
export function pageOf(rows: readonly StatedRow[], order: ReadonlyMap<string, number>, limit: number, cursor?: string): RowPage {
  let start = 0;
  if (cursor !== undefined) {
    const place = order.get(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (place === undefined) {
      throw new MosavabatError('bad_cursor', 'نشانی صفحهٔ بعد (cursor) نادرست است؛ از صفحهٔ نخست دوباره بخوانید',
        'the cursor names no row of the register; start again from the first page', 'bad_input');
    }
    while (start < rows.length && (order.get(rows[start].id) ?? -1) <= place) start++;
  }
  const page = rows.slice(start, start + limit);
  const more = start + limit < rows.length;
  return { rows: page, total: rows.length, cursor: more ? Buffer.from(page[page.length - 1].id, 'utf8').toString('base64url') : null };
}

/** The summary with at most `overdueLimit` rows of its overdue list (the most days late), and how many there are. */
export type LimitedSummary = RegisterSummary & { overdueTotal: number };

/**
 * The summary as the service sends it: the overdue list cut to its first `overdueLimit` rows
 * (most days late first); `overdueTotal` says how many there are in all.
 */
export function limitOverdue(summary: RegisterSummary, overdueLimit: number): LimitedSummary {
  return { ...summary, overdue: summary.overdue.slice(0, overdueLimit), overdueTotal: summary.overdue.length };
}

/**
 * The summary (per agency, per meeting, overdue list) of the stored rows that match: one line
 * per agency however its rows spell it (the directory's aliases), as `mosavabat summary` gives.
 */
export async function storedSummary(store: RegisterStore, today: JalaliDate, query: RowQuery = {}): Promise<RegisterSummary> {
  const [rows, directory] = await Promise.all([storedRows(store, today, query), storedDirectory(store)]);
  return summarize(rows.map((row) => ({ assignment: row, state: row.state })), today, agencyNamer(directory));
}

/** Bytes of a file a writer makes at a path: a private temporary file, read back and removed. */
async function bytesOf(write: (path: string) => Promise<void>): Promise<Buffer> {
  const path = join(tmpdir(), `mosavabat-${randomBytes(8).toString('hex')}.xlsx`);
  try {
    await write(path);
    return await readFile(path);
  } finally {
    await rm(path, { force: true });
  }
}

/** The summary workbook (`خلاصه`, `مهلت گذشته`), the same file `mosavabat summary` writes. */
export async function storedSummaryWorkbook(store: RegisterStore, today: JalaliDate, query: RowQuery = {}): Promise<Buffer> {
  const summary = await storedSummary(store, today, query);
  return bytesOf((path) => writeSummaryWorkbook(path, summary, 'service'));
}

export interface AgencyReturn {
  /** The file name `agency-sheets` gives it. */
  name: string;
  bytes: Buffer;
  rows: number;
  agency: string;
}

/**
 * One agency's return workbook from the store: its rows (any spelling, aliases included; void
 * rows left out), coloured as of today, with the hidden copy the merge compares with, signed
 * with the store's key exactly as `agency-sheets` signs with a register's (the key made first
 * when the store has none yet).
 * @throws MosavabatError `agency_not_found` when the agency has no rows
 */
export async function storedAgencyReturn(store: RegisterStore, agency: string, at: Date, today: JalaliDate): Promise<AgencyReturn> {
  const directory = await storedDirectory(store);
  const all = await store.listAssignments();
  const keys = new Set(agencyKeysOf(directory, agency));
  const settings = await store.getSettings();
  const mine = all.filter((row) => keys.has(comparisonKey(row.agency)) && row.status !== 'void');
  if (mine.length === 0) {
    throw new MosavabatError('agency_not_found', `برای دستگاه «${agency}» ردیفی در دفتر نیست`, `agency "${agency}" has no rows in the register`, 'not_found');
  }
  const name = directory.find(agency)?.name ?? mine[0].agency;
  const workbook = await buildReturnWorkbook({
    agency: name,
    rows: mine.map((assignment) => ({ assignment, state: stateOf(assignment, today, settings) })),
    registerRevision: registerRevision(all), registerFile: 'service', madeAt: at, today,
    signingKey: await store.signingKey(at.toISOString()),
  });
  return { name: returnFileName(name, today), bytes: await bytesOf((path) => saveWorkbook(workbook, path)), rows: mine.length, agency: name };
}
