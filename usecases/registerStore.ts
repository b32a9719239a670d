/**
 * What the service keeps, behind one interface so routes and use cases do not know which
 * database is underneath (SQLite on disk or in memory, PostgreSQL for several instances):
 * meetings and their register rows (assignments) with a revision each, the history of every
 * change, the agency directory with aliases, the register's settings, the uploads received
 * (by content hash) and the access tokens (stored hashed).
 *
 * Every method is async and every write is atomic: it happens whole or not at all. Rows are
 * changed only through `commit`, which compares each row's revision with the one the caller
 * read (compare-and-set), so two writers never lose each other's update.
 */
import type { AgencyEntry } from '../core/agency';
import type { Meeting } from '../core/minutes/types';
import type { Assignment } from '../core/register/types';
import type { RegisterSettings } from '../core/register/settings';

export interface MeetingRecord extends Meeting {
  /** `meetingId(date, number)`, e.g. `14010409-12`. */
  id: string;
  /** Register rows that belong to the meeting. */
  rowCount: number;
  /** When it was imported (ISO instant). */
  importedAt: string;
}

/** A meeting as it is added: its id and metadata. */
export type MeetingInput = Omit<MeetingRecord, 'rowCount' | 'importedAt'>;

export interface AssignmentFilter {
  meetingId?: string;
  /** Comparison key of the agency (see core/text comparisonKey). */
  agencyKey?: string;
  /** Any of these comparison keys (an agency's name and its aliases). */
  agencyKeys?: readonly string[];
  /** Only these row ids. */
  ids?: readonly string[];
}

/** Fields of a row a commit may change; `id`, `revision` and `updatedAt` are the store's. */
export type EditableField = Exclude<keyof Assignment, 'id' | 'revision' | 'updatedAt'>;

/** Every editable field, in register order. */
export const EDITABLE_FIELDS: readonly EditableField[] = [
  'meeting', 'meetingDate', 'row', 'text', 'agency', 'deadlineText', 'due',
  'status', 'percent', 'report', 'doneDate', 'requestedDue', 'requestReason',
];

/** Who makes a change. */
export interface Actor {
  /** `secretariat` and `agency` act through a token; `system` is the service or the CLI itself. */
  kind: 'secretariat' | 'agency' | 'system';
  /** The token's id (never the token). */
  tokenId?: string | null;
  /** The agency, for an agency token (as the directory spells it). */
  agency?: string | null;
}

/** Where a change comes from, kept with each history line. */
export interface ChangeSource {
  /**
   * `upload`: a file received (a return workbook, a register workbook); `edit`: a row changed
   * by the secretariat; `extension`: a requested due date accepted or refused; `sync`: the
   * add-in's rows; `settings`, `agencies`: the register's settings or directory.
   */
  kind: 'upload' | 'edit' | 'extension' | 'sync' | 'settings' | 'agencies';
  /** The file's name, for an upload. */
  file?: string | null;
  /** Which export a return workbook comes from (MergeMeta.exportKey). */
  exportKey?: string | null;
  /** When that file was saved (MergeMeta.savedAt, ISO 8601). */
  savedAt?: string | null;
}

/** One row to change: the revision the caller read, and the new values of some fields. */
export interface RowEdit {
  id: string;
  /** The row's revision when the caller read it; another revision now → the row is stale. */
  expectedRevision: number;
  fields: Partial<Pick<Assignment, EditableField>>;
}

/** A file received, recorded by the SHA-256 of its bytes. */
export interface UploadInput {
  /** SHA-256 of the bytes, lower-case hex. */
  hash: string;
  /**
   * Whose copy it is: the same bytes sent twice under one scope are one upload. The sender's
   * agency key for an agency, `''` for the secretariat.
   */
  scope: string;
  /** `return`, `register`, `minutes`, `sync` … */
  kind: string;
  name: string;
  size: number;
  /** What became of it (the merge report, JSON-serializable), returned for a repeat. */
  report?: unknown;
}

export interface UploadRecord extends Required<Omit<UploadInput, 'report'>> {
  id: number;
  report: unknown;
  receivedAt: string;
  actor: Actor;
}

/** Everything one upload or one edit changes, written in one transaction. */
export interface ChangeSet {
  /** When (ISO instant), for the history. */
  at: string;
  /** Written to each changed row's `updatedAt` (Jalali `YYYY/MM/DD HH:MM` or day), default unchanged. */
  updatedAt?: string | null;
  actor: Actor;
  source: ChangeSource;
  /** Recorded with the changes; when its (hash, scope) is already stored, nothing is written. */
  upload?: UploadInput;
  /** Meetings and rows to add first (as addMeeting: what is already stored stays as it is). */
  meetings?: ReadonlyArray<{ meeting: MeetingInput; rows: readonly Assignment[] }>;
  edits: readonly RowEdit[];
  /**
   * The register's settings to replace in the same transaction (as setSettings: the changed ones
   * written to the history, with this change's source), e.g. an uploaded register's `تنظیمات`.
   */
  settings?: RegisterSettings;
  /**
   * Agencies and aliases to add to the directory in the same transaction, as AgencyDirectory.add
   * adds them after the stored entries: a known name gains the aliases, a new name is a new entry,
   * an alias the directory already gives to an agency stays that agency's. Nothing is removed.
   */
  agencyAdditions?: readonly AgencyEntry[];
  /**
   * `abort` (default): one stale row and nothing is written. `skip`: stale rows are left out
   * and reported, the others written (the add-in's sync, row by row).
   */
  onStale?: 'abort' | 'skip';
}

/** A row whose revision was not the one the caller read; `current` null when the row is gone. */
export interface StaleRow {
  id: string;
  expectedRevision: number;
  current: Assignment | null;
}

export type CommitResult =
  | {
    outcome: 'applied';
    /** The changed rows after the commit (new revisions), in the order of the edits. */
    rows: Assignment[];
    /** Rows left out with `onStale: 'skip'`. */
    stale: StaleRow[];
    /** History lines written. */
    historyLines: number;
    upload?: UploadRecord;
    added: number;
  }
  | { outcome: 'conflict'; stale: StaleRow[] }
  | { outcome: 'duplicate'; upload: UploadRecord };

/** One history line: one field of one row (or one setting) changed. */
export interface HistoryRecord {
  /** Increasing with every line written. */
  seq: number;
  at: string;
  actor: Actor;
  source: ChangeSource;
  uploadId: number | null;
  /** The row; null for a settings or directory change. */
  assignmentId: string | null;
  field: string;
  /** Values as text (a status code, a percent's digits, a Jalali date); null for empty. */
  old: string | null;
  new: string | null;
  /** The row's revision after the change (0 for settings and directory lines). */
  revision: number;
}

export interface UploadFilter {
  /** At most this many (default 100). */
  limit?: number;
  /** Only uploads recorded before this one (its id), for the next page. */
  beforeId?: number;
}

export interface HistoryFilter {
  assignmentIds?: readonly string[];
  uploadId?: number;
  /** Lines with seq greater than this. */
  afterSeq?: number;
  /** Lines with seq less than this (the next page of a newest-first listing). */
  beforeSeq?: number;
  /** Only lines of no row: the register's settings and agency directory. */
  registerOnly?: boolean;
  /** Newest first (default oldest first); `limit` then keeps the newest. */
  newestFirst?: boolean;
  /** Only lines from uploads that carry an export key (what core/merge recordMerges reads). */
  withExportKey?: boolean;
  limit?: number;
}

export type TokenRole = 'secretariat' | 'agency';

export interface TokenRecord {
  id: string;
  role: TokenRole;
  /** The agency for an agency token, as given; null for the secretariat. */
  agency: string | null;
  /** comparisonKey of `agency`. */
  agencyKey: string | null;
  label: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface TokenInput {
  role: TokenRole;
  agency?: string | null;
  label?: string;
}

/** The key return workbooks made from the store are signed with (see adapters/xlsx/returns/signature). */
export interface StoreSigningKey {
  /** 32 random bytes. A secret: never sent in an answer, logged, or written into a workbook. */
  key: Buffer;
  /** When it was made (ISO instant): returns made before then carry no signature. */
  created: string;
}

export interface RegisterStore {
  /** Which database is underneath. */
  readonly kind: 'sqlite' | 'postgres';

  /**
   * Add a meeting and its rows. Idempotent: a meeting or row whose id is already stored is
   * left exactly as it is (agencies may have reported on it since).
   * @returns how many rows were new and how many were already there
   */
  addMeeting(meeting: MeetingInput, rows: readonly Assignment[], importedAt: string): Promise<{ added: number; existing: number }>;
  listMeetings(): Promise<MeetingRecord[]>;
  /**
   * A number that grows whenever what the register shows changes (rows, meetings, settings,
   * directory; not an upload recorded without changes), on every instance sharing the database: equal numbers, same register.
   * For caching reads and for ETags.
   */
  version(): Promise<number>;
  /**
   * A number that grows whenever a token is made or revoked, on every instance sharing the
   * database: while it stays the same, a token found valid is still valid.
   */
  tokensVersion(): Promise<number>;
  /** Rows in register order (meeting date, meeting, position in it). */
  listAssignments(filter?: AssignmentFilter): Promise<Assignment[]>;
  getAssignment(id: string): Promise<Assignment | undefined>;

  /**
   * Apply one upload's or one edit's changes atomically: the upload record, new meetings,
   * the row changes (revision + 1 for each row that changed), one history line per changed
   * field. A stale revision gives `conflict` (nothing written) or, with `onStale: 'skip'`,
   * leaves that row out; an upload already stored gives `duplicate` (nothing written).
   * Edits for ids that do not exist are stale rows with `current: null`.
   */
  commit(changes: ChangeSet): Promise<CommitResult>;
  /** The upload with this content hash under this scope, if one was recorded. */
  findUpload(hash: string, scope: string): Promise<UploadRecord | undefined>;
  /** The uploads recorded (applied, refused or with nothing new), newest first. */
  listUploads(filter?: UploadFilter): Promise<UploadRecord[]>;
  listHistory(filter?: HistoryFilter): Promise<HistoryRecord[]>;

  /** The register's settings; the defaults until some are set. */
  getSettings(): Promise<RegisterSettings>;
  /** Replace the settings; the changed ones are written to the history. */
  setSettings(settings: RegisterSettings, actor: Actor, at: string): Promise<void>;
  /** The agency directory, in the order the entries were given. */
  listAgencies(): Promise<AgencyEntry[]>;
  /** Replace the agency directory (names and aliases). */
  setAgencies(entries: readonly AgencyEntry[], actor: Actor, at: string): Promise<void>;

  /** Make a token: its record and the token itself, which is not kept and cannot be shown again. */
  createToken(input: TokenInput, at: string): Promise<{ token: TokenRecord; secret: string }>;
  /**
   * A secretariat token when the store has no token at all (a fresh store), atomically: of
   * several instances starting at once, one makes it.
   * @returns undefined when some token already exists
   */
  createFirstToken(at: string): Promise<{ token: TokenRecord; secret: string } | undefined>;
  /** The live (not revoked) token whose secret this is. */
  findToken(secret: string): Promise<TokenRecord | undefined>;
  listTokens(): Promise<TokenRecord[]>;
  /** @returns false when no live token has this id */
  revokeToken(id: string, at: string): Promise<boolean>;

  /**
   * The store's signing key for return workbooks: made at random on the first call and kept in
   * the store, atomically (every instance sharing the database gets the same key), never changed.
   * @param at when it is made, should this call make it (ISO instant)
   */
  signingKey(at: string): Promise<StoreSigningKey>;

  /**
   * Count events for rate limits (failed logins by address, uploads by token): the events of
   * `kind` for `key` in the fixed window of `windowMs` that holds the instant `at` (windows start
   * at whole multiples of `windowMs` since 1970, so every instance has the same ones).
   * PostgreSQL: counted in the database, shared by every instance; SQLite: in this process (the
   * SQLite store serves one service).
   * @param at milliseconds since 1970
   * @param add 1 to count one event first, 0 only to read
   * @returns the events in the window, this one included
   */
  countEvents(kind: string, key: string, windowMs: number, at: number, add: 0 | 1): Promise<number>;

  close(): Promise<void>;
}
