/**
 * The embedded default store: one SQLite file (better-sqlite3, synchronous and fast).
 * Meetings keep their full metadata as JSON; rows are columns so they can be filtered.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { comparisonKey } from '../../core/text/normalize';
import type { Meeting } from '../../core/minutes/types';
import type { Assignment, StatusCode } from '../../core/register/types';
import type { AssignmentFilter, MeetingRecord, RegisterStore } from '../../usecases/registerStore';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meetings (
  id TEXT PRIMARY KEY,
  date TEXT,
  meeting_json TEXT NOT NULL,
  imported_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS assignments (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  position INTEGER NOT NULL,
  meeting TEXT NOT NULL,
  meeting_date TEXT,
  row INTEGER,
  text TEXT NOT NULL,
  agency TEXT NOT NULL,
  agency_key TEXT NOT NULL,
  deadline_text TEXT NOT NULL,
  due TEXT,
  status TEXT,
  percent INTEGER,
  report TEXT NOT NULL DEFAULT '',
  done_date TEXT,
  requested_due TEXT,
  request_reason TEXT NOT NULL DEFAULT '',
  revision INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT
);
CREATE INDEX IF NOT EXISTS assignments_agency ON assignments(agency_key);
CREATE INDEX IF NOT EXISTS assignments_meeting ON assignments(meeting_id, position);
`;

interface AssignmentRecord {
  id: string; meeting: string; meeting_date: string | null; row: number | null; text: string; agency: string;
  deadline_text: string; due: string | null; status: string | null; percent: number | null; report: string;
  done_date: string | null; requested_due: string | null; request_reason: string; revision: number; updated_at: string | null;
}

function toAssignment(r: AssignmentRecord): Assignment {
  return {
    id: r.id, meeting: r.meeting, meetingDate: r.meeting_date, row: r.row, text: r.text, agency: r.agency,
    deadlineText: r.deadline_text, due: r.due, status: r.status as StatusCode | null, percent: r.percent,
    report: r.report, doneDate: r.done_date, requestedDue: r.requested_due, requestReason: r.request_reason,
    revision: r.revision, updatedAt: r.updated_at,
  };
}

/**
 * Open (creating when missing) a store at `path`; `':memory:'` for a throwaway one.
 * @throws the SQLite error when the file cannot be opened (wrong permissions, not a database)
 */
export function openSqliteStore(path: string): RegisterStore {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.exec(SCHEMA);

  const insertMeeting = db.prepare('INSERT OR IGNORE INTO meetings (id, date, meeting_json, imported_at) VALUES (?, ?, ?, ?)');
  const insertRow = db.prepare(`INSERT OR IGNORE INTO assignments
    (id, meeting_id, position, meeting, meeting_date, row, text, agency, agency_key, deadline_text, due, status, percent,
     report, done_date, requested_due, request_reason, revision, updated_at)
    VALUES (@id, @meetingId, @position, @meeting, @meetingDate, @row, @text, @agency, @agencyKey, @deadlineText, @due,
     @status, @percent, @report, @doneDate, @requestedDue, @requestReason, @revision, @updatedAt)`);

  const addMeeting = db.transaction((meeting: Omit<MeetingRecord, 'rowCount' | 'importedAt'>, rows: Assignment[], importedAt: string) => {
    const { id, ...metadata } = meeting;
    insertMeeting.run(id, meeting.date, JSON.stringify(metadata), importedAt);
    let added = 0;
    rows.forEach((row, position) => {
      added += insertRow.run({ ...row, meetingId: id, position, agencyKey: comparisonKey(row.agency) }).changes;
    });
    return { added, existing: rows.length - added };
  });

  return {
    addMeeting: (meeting, rows, importedAt) => addMeeting(meeting, rows, importedAt),
    listMeetings() {
      const rows = db.prepare(`SELECT m.id, m.meeting_json, m.imported_at, COUNT(a.id) AS row_count
        FROM meetings m LEFT JOIN assignments a ON a.meeting_id = m.id GROUP BY m.id ORDER BY m.date, m.id`).all() as
        Array<{ id: string; meeting_json: string; imported_at: string; row_count: number }>;
      return rows.map((r) => ({ id: r.id, ...(JSON.parse(r.meeting_json) as Meeting), rowCount: r.row_count, importedAt: r.imported_at }));
    },
    listAssignments(filter: AssignmentFilter = {}) {
      const rows = db.prepare(`SELECT a.* FROM assignments a JOIN meetings m ON m.id = a.meeting_id
        WHERE (@meetingId IS NULL OR a.meeting_id = @meetingId) AND (@agencyKey IS NULL OR a.agency_key = @agencyKey)
        ORDER BY m.date, a.meeting_id, a.position`).all({ meetingId: filter.meetingId ?? null, agencyKey: filter.agencyKey ?? null });
      return (rows as AssignmentRecord[]).map(toAssignment);
    },
    close: () => db.close(),
  };
}
