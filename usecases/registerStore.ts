/**
 * What the service keeps: meetings and their register rows. An interface so use cases and
 * tests do not care whether it is SQLite on disk or in memory.
 */
import type { Meeting } from '../core/minutes/types';
import type { Assignment } from '../core/register/types';

export interface MeetingRecord extends Meeting {
  /** `meetingId(date, number)`, e.g. `14010409-12`. */
  id: string;
  /** Register rows that belong to the meeting. */
  rowCount: number;
  /** When it was imported (ISO instant). */
  importedAt: string;
}

export interface AssignmentFilter {
  meetingId?: string;
  /** Comparison key of the agency (see core/text comparisonKey). */
  agencyKey?: string;
}

export interface RegisterStore {
  /**
   * Add a meeting and its rows. Idempotent: a meeting or row whose id is already stored is
   * left exactly as it is (agencies may have reported on it since).
   * @returns how many rows were new and how many were already there
   */
  addMeeting(meeting: Omit<MeetingRecord, 'rowCount' | 'importedAt'>, rows: Assignment[], importedAt: string): { added: number; existing: number };
  listMeetings(): MeetingRecord[];
  listAssignments(filter?: AssignmentFilter): Assignment[];
  close(): void;
}
