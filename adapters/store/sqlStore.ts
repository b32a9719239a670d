/**
 * The register store on a SQL database (SQLite or PostgreSQL through a SqlDriver). Rows are
 * columns so they can be filtered; meetings keep their full metadata as JSON; every change
 * goes through `commit`, which checks the revisions the caller read while it holds the rows.
 */
import { randomBytes } from 'node:crypto';
import { AgencyDirectory, type AgencyEntry } from '../../core/agency';
import { comparisonKey } from '../../core/text/normalize';
import type { Meeting } from '../../core/minutes/types';
import type { Assignment, StatusCode } from '../../core/register/types';
import { DEFAULT_REGISTER_SETTINGS, SETTING_SPECS, type RegisterSettings } from '../../core/register/settings';
import {
  EDITABLE_FIELDS,
  type Actor, type AssignmentFilter, type ChangeSet, type ChangeSource, type CommitResult, type EditableField, type HistoryFilter,
  type HistoryRecord, type MeetingInput, type MeetingRecord, type RegisterStore, type StaleRow, type StoreSigningKey, type TokenInput, type TokenRecord,
  type UploadInput, type UploadRecord,
} from '../../usecases/registerStore';
import type { SqlDriver, SqlQueries } from './sqlDriver';
import { hashToken, looksLikeToken, newTokenId, newTokenSecret, sameHash } from './tokens';
import type { EventCounter, VersionSource, Versions } from './versions';

interface AssignmentRow {
  id: string; meeting: string; meeting_date: string | null; row: number | null; text: string; agency: string;
  deadline_text: string; due: string | null; status: string | null; percent: number | null; report: string;
  done_date: string | null; requested_due: string | null; request_reason: string; revision: number; updated_at: string | null;
}

/** Column of each editable field. */
const COLUMN: Record<EditableField, string> = {
  meeting: 'meeting', meetingDate: 'meeting_date', row: 'row', text: 'text', agency: 'agency', deadlineText: 'deadline_text',
  due: 'due', status: 'status', percent: 'percent', report: 'report', doneDate: 'done_date', requestedDue: 'requested_due',
  requestReason: 'request_reason',
};

const ASSIGNMENT_SELECT = `SELECT a.id, a.meeting, a.meeting_date, a.row, a.text, a.agency, a.deadline_text, a.due, a.status,
  a.percent, a.report, a.done_date, a.requested_due, a.request_reason, a.revision, a.updated_at FROM assignments a`;

function toAssignment(r: AssignmentRow): Assignment {
  return {
    id: r.id, meeting: r.meeting, meetingDate: r.meeting_date, row: r.row, text: r.text, agency: r.agency,
    deadlineText: r.deadline_text, due: r.due, status: r.status as StatusCode | null, percent: r.percent,
    report: r.report, doneDate: r.done_date, requestedDue: r.requested_due, requestReason: r.request_reason,
    revision: r.revision, updatedAt: r.updated_at,
  };
}

interface UploadRow {
  id: number; hash: string; scope: string; kind: string; name: string; size: number; report: string | null;
  received_at: string; actor_kind: Actor['kind']; token_id: string | null; actor_agency: string | null;
}

function toUpload(r: UploadRow): UploadRecord {
  return {
    id: r.id, hash: r.hash, scope: r.scope, kind: r.kind, name: r.name, size: r.size,
    report: r.report === null ? null : JSON.parse(r.report) as unknown, receivedAt: r.received_at,
    actor: { kind: r.actor_kind, tokenId: r.token_id, agency: r.actor_agency },
  };
}

interface HistoryRow {
  seq: number; at: string; actor_kind: Actor['kind']; token_id: string | null; actor_agency: string | null;
  source_kind: ChangeSource['kind']; source_file: string | null; export_key: string | null; saved_at: string | null;
  upload_id: number | null; assignment_id: string | null; field: string; old_value: string | null; new_value: string | null; revision: number;
}

function toHistory(r: HistoryRow): HistoryRecord {
  return {
    seq: r.seq, at: r.at, actor: { kind: r.actor_kind, tokenId: r.token_id, agency: r.actor_agency },
    source: { kind: r.source_kind, file: r.source_file, exportKey: r.export_key, savedAt: r.saved_at },
    uploadId: r.upload_id, assignmentId: r.assignment_id, field: r.field, old: r.old_value, new: r.new_value, revision: r.revision,
  };
}

interface TokenRow {
  id: string; hash: string; role: TokenRecord['role']; agency: string | null; agency_key: string | null; label: string;
  created_at: string; revoked_at: string | null;
}

function toToken(r: TokenRow): TokenRecord {
  return { id: r.id, role: r.role, agency: r.agency, agencyKey: r.agency_key, label: r.label, createdAt: r.created_at, revokedAt: r.revoked_at };
}

/** A field's value as history text: null for empty, digits for numbers. */
function valueText(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** A history line before it has its seq. */
interface HistoryLine {
  assignmentId: string | null;
  field: string;
  old: string | null;
  new: string | null;
  revision: number;
}

/**
 * The rows after the edits, and their history lines: each edit checked against the revision
 * of the row as stored. Several edits of one row in one set are applied in order, each
 * expecting the revision the caller read. Fields given with the value the row has are no
 * change; a row none of whose fields change keeps its revision.
 */
export function planEdits(current: ReadonlyMap<string, Assignment>, changes: Pick<ChangeSet, 'edits' | 'updatedAt'>):
  { updated: Assignment[]; history: HistoryLine[]; stale: StaleRow[] } {
  const after = new Map<string, Assignment>();
  const lines = new Map<string, HistoryLine[]>();
  const stale: StaleRow[] = [];
  for (const edit of changes.edits) {
    const stored = current.get(edit.id);
    if (!stored || stored.revision !== edit.expectedRevision) {
      stale.push({ id: edit.id, expectedRevision: edit.expectedRevision, current: stored ?? null });
      continue;
    }
    const before = after.get(edit.id) ?? stored;
    const row: Assignment = { ...before };
    const rowLines = lines.get(edit.id) ?? [];
    for (const field of EDITABLE_FIELDS) {
      if (!(field in edit.fields)) continue;
      const value = edit.fields[field];
      if (value === undefined || value === before[field]) continue;
      (row as unknown as Record<string, unknown>)[field] = value;
      rowLines.push({ assignmentId: edit.id, field, old: valueText(before[field]), new: valueText(value), revision: 0 });
    }
    if (rowLines.length > 0) {
      after.set(edit.id, row);
      lines.set(edit.id, rowLines);
    }
  }
  const staleIds = new Set(stale.map((s) => s.id));
  const updated: Assignment[] = [];
  const history: HistoryLine[] = [];
  for (const [id, row] of after) {
    if (staleIds.has(id)) continue;
    const stored = current.get(id)!;
    const next: Assignment = { ...row, revision: stored.revision + 1, updatedAt: changes.updatedAt ?? stored.updatedAt };
    updated.push(next);
    for (const line of lines.get(id)!) history.push({ ...line, revision: next.revision });
  }
  return { updated, history, stale };
}

/** Thrown inside a transaction to roll it back and answer with `result`. */
class RollBack {
  constructor(readonly result: CommitResult) {}
}

/** Largest number of history lines in one INSERT (14 parameters each). */
const HISTORY_BATCH = 400;
/** Largest number of rows in one INSERT (19 parameters each). */
const INSERT_BATCH = 300;

/** The stored signing key, made first when there is none (of several instances at once, one makes it). */
async function readOrMakeSigningKey(driver: SqlDriver, at: string): Promise<StoreSigningKey> {
  const read = () => driver.all<{ secret: string; created_at: string }>('SELECT secret, created_at FROM signing_key WHERE id = 1');
  let [row] = await read();
  if (!row) {
    await driver.run('INSERT INTO signing_key (id, secret, created_at) VALUES (1, $1, $2) ON CONFLICT (id) DO NOTHING', [randomBytes(32).toString('hex'), at]);
    [row] = await read();
  }
  return { key: Buffer.from(row.secret, 'hex'), created: row.created_at };
}

/** How the store learns its version numbers and where it counts rate-limited events. */
export interface SqlStoreParts {
  versions: VersionSource;
  countEvents: EventCounter;
}

/**
 * A RegisterStore on `driver`, whose schema is already migrated.
 */
export function createSqlStore(driver: SqlDriver, parts: SqlStoreParts): RegisterStore {
  /** The signing key once read: it never changes. */
  let signingKey: Promise<StoreSigningKey> | undefined;

  const order = `ORDER BY m.date COLLATE ${driver.binaryCollation}, a.meeting_id COLLATE ${driver.binaryCollation}, a.position`;
  const { versions } = parts;

  /**
   * Run a writing transaction; the version numbers it moved on are told to `versions` once it
   * has committed (a rolled-back or retried attempt tells nothing).
   */
  async function write<T>(fn: (tx: SqlQueries, bump: (column: 'version' | 'tokens_version') => Promise<void>) => Promise<T>): Promise<T> {
    let moved: Versions | undefined;
    const result = await driver.transaction((tx) => {
      moved = undefined;
      return fn(tx, async (column) => {
        const [row] = await tx.all<{ version: number; tokens_version: number }>(
          `UPDATE register_version SET ${column} = ${column} + 1 WHERE id = 1 RETURNING version, tokens_version`);
        moved = { register: Number(row.version), tokens: Number(row.tokens_version) };
        await driver.announce(tx, moved);
      });
    });
    if (moved) versions.saw(moved);
    return result;
  }

  /** The rows added, and whether anything (the meeting or a row) was new. */
  async function insertMeetings(tx: SqlQueries, meeting: MeetingInput, rows: readonly Assignment[], importedAt: string): Promise<{ added: number; changed: boolean }> {
    const { id, ...metadata } = meeting;
    const newMeeting = await tx.run('INSERT INTO meetings (id, date, meeting_json, imported_at) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING',
      [id, meeting.date, JSON.stringify(metadata), importedAt]);
    const [{ next }] = await tx.all<{ next: number }>('SELECT COALESCE(MAX(position) + 1, 0) AS next FROM assignments WHERE meeting_id = $1', [id]);
    let added = 0;
    // positions keep the given order after the meeting's stored rows; a row already stored
    // leaves a gap, which orders the same
    for (let start = 0; start < rows.length; start += INSERT_BATCH) {
      const params: unknown[] = [];
      const values = rows.slice(start, start + INSERT_BATCH).map((row, i) => {
        const base = params.length;
        params.push(row.id, id, Number(next) + start + i, row.meeting, row.meetingDate, row.row, row.text, row.agency, comparisonKey(row.agency),
          row.deadlineText, row.due, row.status, row.percent, row.report, row.doneDate, row.requestedDue, row.requestReason, row.revision, row.updatedAt);
        return `(${Array.from({ length: 19 }, (_, k) => `$${base + k + 1}`).join(', ')})`;
      });
      added += await tx.run(`INSERT INTO assignments
        (id, meeting_id, position, meeting, meeting_date, row, text, agency, agency_key, deadline_text, due, status, percent,
         report, done_date, requested_due, request_reason, revision, updated_at)
        VALUES ${values.join(', ')} ON CONFLICT (id) DO NOTHING`, params);
    }
    return { added, changed: added > 0 || newMeeting > 0 };
  }

  async function selectRows(q: SqlQueries, filter: AssignmentFilter, lock = false): Promise<Assignment[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.meetingId !== undefined) {
      params.push(filter.meetingId);
      where.push(`a.meeting_id = $${params.length}`);
    }
    if (filter.agencyKey !== undefined) {
      params.push(filter.agencyKey);
      where.push(`a.agency_key = $${params.length}`);
    }
    if (filter.agencyKeys !== undefined) {
      params.push(driver.listParam(filter.agencyKeys));
      where.push(driver.inList('a.agency_key', params.length));
    }
    if (filter.ids !== undefined) {
      params.push(driver.listParam(filter.ids));
      where.push(driver.inList('a.id', params.length));
    }
    const sql = lock
      // rows about to change: locked in id order, so two writers never wait on each other in a circle
      ? `${ASSIGNMENT_SELECT} WHERE ${where.join(' AND ') || 'TRUE'} ORDER BY a.id${driver.forUpdate}`
      : `${ASSIGNMENT_SELECT} JOIN meetings m ON m.id = a.meeting_id ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ${order}`;
    return (await q.all<AssignmentRow>(sql, params)).map(toAssignment);
  }

  async function insertHistory(tx: SqlQueries, lines: readonly HistoryLine[], at: string, actor: Actor, source: ChangeSource,
    uploadId: number | null): Promise<void> {
    for (let start = 0; start < lines.length; start += HISTORY_BATCH) {
      const batch = lines.slice(start, start + HISTORY_BATCH);
      const params: unknown[] = [];
      const values = batch.map((line) => {
        const base = params.length;
        params.push(at, actor.kind, actor.tokenId ?? null, actor.agency ?? null, source.kind, source.file ?? null, source.exportKey ?? null,
          source.savedAt ?? null, uploadId, line.assignmentId, line.field, line.old, line.new, line.revision);
        return `(${Array.from({ length: 14 }, (_, i) => `$${base + i + 1}`).join(', ')})`;
      });
      await tx.run(`INSERT INTO history (at, actor_kind, token_id, actor_agency, source_kind, source_file, export_key, saved_at,
        upload_id, assignment_id, field, old_value, new_value, revision) VALUES ${values.join(', ')}`, params);
    }
  }

  async function insertUpload(tx: SqlQueries, upload: UploadInput, actor: Actor, at: string): Promise<UploadRecord | undefined> {
    const rows = await tx.all<UploadRow>(`INSERT INTO uploads (hash, scope, kind, name, size, report, received_at, actor_kind, token_id, actor_agency)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (hash, scope) DO NOTHING
      RETURNING id, hash, scope, kind, name, size, report, received_at, actor_kind, token_id, actor_agency`,
    [upload.hash, upload.scope, upload.kind, upload.name, upload.size, upload.report === undefined ? null : JSON.stringify(upload.report),
      at, actor.kind, actor.tokenId ?? null, actor.agency ?? null]);
    return rows[0] ? toUpload(rows[0]) : undefined;
  }

  async function findUpload(q: SqlQueries, hash: string, scope: string): Promise<UploadRecord | undefined> {
    const rows = await q.all<UploadRow>('SELECT * FROM uploads WHERE hash = $1 AND scope = $2', [hash, scope]);
    return rows[0] ? toUpload(rows[0]) : undefined;
  }

  async function readSettings(q: SqlQueries): Promise<RegisterSettings> {
    const settings: RegisterSettings = { ...DEFAULT_REGISTER_SETTINGS, holidays: [...DEFAULT_REGISTER_SETTINGS.holidays] };
    for (const { key, value } of await q.all<{ key: string; value: string }>('SELECT key, value FROM settings')) {
      if (SETTING_SPECS.some((s) => s.key === key)) (settings as unknown as Record<string, unknown>)[key] = JSON.parse(value);
    }
    return settings;
  }

  async function readAgencies(q: SqlQueries): Promise<AgencyEntry[]> {
    const names = await q.all<{ position: number; name: string }>('SELECT position, name FROM agencies ORDER BY position');
    const aliases = await q.all<{ agency_position: number; alias: string }>(
      'SELECT agency_position, alias FROM agency_aliases ORDER BY agency_position, position');
    const byPosition = new Map(names.map((n) => [n.position, { name: n.name, aliases: [] as string[] }]));
    for (const a of aliases) byPosition.get(a.agency_position)?.aliases.push(a.alias);
    return [...byPosition.values()];
  }

  /** Replace the settings that differ; their history lines (none when nothing changed). */
  async function writeSettings(tx: SqlQueries, settings: RegisterSettings): Promise<HistoryLine[]> {
    await driver.lockNamed(tx, 'settings');
    const before = await readSettings(tx);
    const lines: HistoryLine[] = [];
    for (const { key } of SETTING_SPECS) {
      const value = JSON.stringify(settings[key]);
      if (value === JSON.stringify(before[key])) continue;
      await tx.run('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
      lines.push({ assignmentId: null, field: key, old: JSON.stringify(before[key]), new: value, revision: 0 });
    }
    return lines;
  }

  /** Replace the directory with `next(the stored one)`; its history line (none when it is the same). */
  async function writeAgencies(tx: SqlQueries, next: (before: AgencyEntry[]) => readonly AgencyEntry[]): Promise<HistoryLine[]> {
    await driver.lockNamed(tx, 'agencies');
    const before = await readAgencies(tx);
    // the directory's own rules: names and aliases normalized, an alias belongs to one agency
    const directory = AgencyDirectory.from(next(before)).list();
    if (JSON.stringify(before) === JSON.stringify(directory)) return [];
    await tx.run('DELETE FROM agency_aliases');
    await tx.run('DELETE FROM agencies');
    for (const [position, entry] of directory.entries()) {
      await tx.run('INSERT INTO agencies (position, name) VALUES ($1, $2)', [position, entry.name]);
      for (const [i, alias] of entry.aliases.entries()) {
        await tx.run('INSERT INTO agency_aliases (agency_position, position, alias) VALUES ($1, $2, $3)', [position, i, alias]);
      }
    }
    return [{ assignmentId: null, field: 'agencies', old: JSON.stringify(before), new: JSON.stringify(directory), revision: 0 }];
  }

  async function insertToken(tx: SqlQueries, input: TokenInput, at: string): Promise<{ token: TokenRecord; secret: string }> {
    const agency = input.role === 'agency' ? (input.agency ?? '').trim() : null;
    if (input.role === 'agency' && !agency) throw new TypeError('an agency token needs its agency');
    const secret = newTokenSecret();
    const token: TokenRecord = {
      id: newTokenId(), role: input.role, agency, agencyKey: agency === null ? null : comparisonKey(agency),
      label: input.label ?? '', createdAt: at, revokedAt: null,
    };
    await tx.run('INSERT INTO tokens (id, hash, role, agency, agency_key, label, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [token.id, hashToken(secret), token.role, token.agency, token.agencyKey, token.label, token.createdAt]);
    return { token, secret };
  }

  return {
    kind: driver.kind,

    async addMeeting(meeting, rows, importedAt) {
      const added = await write(async (tx, bump) => {
        const result = await insertMeetings(tx, meeting, rows, importedAt);
        if (result.changed) await bump('version');
        return result.added;
      });
      return { added, existing: rows.length - added };
    },

    async listMeetings() {
      const rows = await driver.all<{ id: string; meeting_json: string; imported_at: string; row_count: number }>(
        `SELECT m.id, m.meeting_json, m.imported_at, COUNT(a.id) AS row_count
        FROM meetings m LEFT JOIN assignments a ON a.meeting_id = m.id
        GROUP BY m.id, m.meeting_json, m.imported_at, m.date ORDER BY m.date COLLATE ${driver.binaryCollation}, m.id COLLATE ${driver.binaryCollation}`);
      return rows.map((r): MeetingRecord => ({ id: r.id, ...(JSON.parse(r.meeting_json) as Meeting), rowCount: Number(r.row_count), importedAt: r.imported_at }));
    },

    version: async () => (await versions.current()).register,
    tokensVersion: async () => (await versions.current()).tokens,

    listAssignments: (filter = {}) => selectRows(driver, filter),

    async getAssignment(id) {
      return (await selectRows(driver, { ids: [id] }))[0];
    },

    async commit(changes) {
      try {
        return await write(async (tx, bump): Promise<CommitResult> => {
          let upload: UploadRecord | undefined;
          if (changes.upload) {
            // first, so a second copy of the file waits here for the first and then finds it
            upload = await insertUpload(tx, changes.upload, changes.actor, changes.at);
            if (!upload) {
              const known = await findUpload(tx, changes.upload.hash, changes.upload.scope);
              throw new RollBack({ outcome: 'duplicate', upload: known! });
            }
          }
          let added = 0;
          // an upload recorded with nothing else (a refused file, nothing new) changes nothing the register shows
          let changed = false;
          for (const { meeting, rows } of changes.meetings ?? []) {
            const result = await insertMeetings(tx, meeting, rows, changes.at);
            added += result.added;
            changed ||= result.changed;
          }
          const ids = [...new Set(changes.edits.map((e) => e.id))];
          const current = ids.length ? await selectRows(tx, { ids }, true) : [];
          const plan = planEdits(new Map(current.map((r) => [r.id, r])), changes);
          if (plan.stale.length > 0 && changes.onStale !== 'skip') throw new RollBack({ outcome: 'conflict', stale: plan.stale });
          for (const row of plan.updated) {
            const sets = EDITABLE_FIELDS.map((f, i) => `${COLUMN[f]} = $${i + 1}`).join(', ');
            const params: unknown[] = EDITABLE_FIELDS.map((f) => row[f]);
            params.push(comparisonKey(row.agency), row.revision, row.updatedAt, row.id, row.revision - 1);
            const n = EDITABLE_FIELDS.length;
            const changed = await tx.run(`UPDATE assignments SET ${sets}, agency_key = $${n + 1}, revision = $${n + 2}, updated_at = $${n + 3}
              WHERE id = $${n + 4} AND revision = $${n + 5}`, params);
            // the rows are locked: a miss here is a bug, never a race to paper over
            if (changed !== 1) throw new Error(`row ${row.id} changed under its lock`);
          }
          const register = [
            ...(changes.settings ? await writeSettings(tx, changes.settings) : []),
            ...(changes.agencyAdditions?.length ? await writeAgencies(tx, (before) => [...before, ...changes.agencyAdditions!]) : []),
          ];
          await insertHistory(tx, [...register, ...plan.history], changes.at, changes.actor, changes.source, upload?.id ?? null);
          if (changed || plan.updated.length > 0 || register.length > 0) await bump('version');
          return { outcome: 'applied', rows: plan.updated, stale: plan.stale, historyLines: plan.history.length, upload, added };
        });
      } catch (error) {
        if (error instanceof RollBack) return error.result;
        throw error;
      }
    },

    findUpload: (hash, scope) => findUpload(driver, hash, scope),

    async listUploads(filter = {}) {
      const params: unknown[] = [];
      let where = '';
      if (filter.beforeId !== undefined) {
        params.push(filter.beforeId);
        where = `WHERE id < $${params.length}`;
      }
      params.push(filter.limit ?? 100);
      return (await driver.all<UploadRow>(`SELECT * FROM uploads ${where} ORDER BY id DESC LIMIT $${params.length}`, params)).map(toUpload);
    },

    async listHistory(filter: HistoryFilter = {}) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (filter.assignmentIds !== undefined) {
        params.push(driver.listParam(filter.assignmentIds));
        where.push(driver.inList('assignment_id', params.length));
      }
      if (filter.uploadId !== undefined) {
        params.push(filter.uploadId);
        where.push(`upload_id = $${params.length}`);
      }
      if (filter.afterSeq !== undefined) {
        params.push(filter.afterSeq);
        where.push(`seq > $${params.length}`);
      }
      if (filter.beforeSeq !== undefined) {
        params.push(filter.beforeSeq);
        where.push(`seq < $${params.length}`);
      }
      if (filter.registerOnly) where.push('assignment_id IS NULL');
      if (filter.withExportKey) where.push('export_key IS NOT NULL AND saved_at IS NOT NULL');
      let sql = `SELECT * FROM history ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY seq${filter.newestFirst ? ' DESC' : ''}`;
      if (filter.limit !== undefined) {
        params.push(filter.limit);
        sql += ` LIMIT $${params.length}`;
      }
      return (await driver.all<HistoryRow>(sql, params)).map(toHistory);
    },

    getSettings: () => readSettings(driver),

    async setSettings(settings, actor, at) {
      await write(async (tx, bump) => {
        const lines = await writeSettings(tx, settings);
        await insertHistory(tx, lines, at, actor, { kind: 'settings' }, null);
        if (lines.length > 0) await bump('version');
      });
    },

    listAgencies: () => readAgencies(driver),

    async setAgencies(entries, actor, at) {
      await write(async (tx, bump) => {
        const lines = await writeAgencies(tx, () => entries);
        await insertHistory(tx, lines, at, actor, { kind: 'agencies' }, null);
        if (lines.length > 0) await bump('version');
      });
    },

    createToken: (input, at) => write(async (tx, bump) => {
      const made = await insertToken(tx, input, at);
      await bump('tokens_version');
      return made;
    }),

    createFirstToken: (at) => write(async (tx, bump) => {
      await driver.lockNamed(tx, 'tokens');
      const [{ n }] = await tx.all<{ n: number }>('SELECT COUNT(*) AS n FROM tokens');
      if (Number(n) > 0) return undefined;
      const made = await insertToken(tx, { role: 'secretariat', label: 'first' }, at);
      await bump('tokens_version');
      return made;
    }),

    async findToken(secret) {
      if (!looksLikeToken(secret)) return undefined;
      const hash = hashToken(secret);
      const rows = await driver.all<TokenRow>('SELECT * FROM tokens WHERE hash = $1 AND revoked_at IS NULL', [hash]);
      const row = rows[0];
      return row && sameHash(row.hash, hash) ? toToken(row) : undefined;
    },

    async listTokens() {
      return (await driver.all<TokenRow>('SELECT * FROM tokens ORDER BY created_at, id')).map(toToken);
    },

    revokeToken: (id, at) => write(async (tx, bump) => {
      const revoked = (await tx.run('UPDATE tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [at, id])) === 1;
      if (revoked) await bump('tokens_version');
      return revoked;
    }),

    signingKey(at) {
      signingKey ??= readOrMakeSigningKey(driver, at).catch((error: unknown) => {
        signingKey = undefined;
        throw error;
      });
      return signingKey;
    },

    countEvents: parts.countEvents,

    async close() {
      await versions.close();
      await driver.close();
    },
  };
}
