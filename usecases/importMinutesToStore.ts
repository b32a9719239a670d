/** Use case: the secretariat sends minutes to the service; they become stored register rows. */
import { assignmentsFromMinutes } from '../core/register/fromMinutes';
import { meetingId } from '../core/register/ids';
import type { ParsedMinutes } from '../core/minutes/types';
import type { RegisterStore } from './registerStore';
import { readUploadedMinutes } from './readUploads';

export interface ImportResult {
  meetingId: string;
  /** Rows new to the store; 0 when the same minutes were imported before. */
  added: number;
  existing: number;
  minutes: ParsedMinutes;
}

/**
 * Store parsed minutes: the meeting and one row per (resolution, agency). Storing the same
 * minutes twice adds nothing.
 * @param today Jalali `YYYY/MM/DD`, written as the rows' last update
 */
export async function storeMinutes(store: RegisterStore, minutes: ParsedMinutes, today: string, now: Date): Promise<ImportResult> {
  const id = meetingId(minutes.meeting.date, minutes.meeting.number);
  const { added, existing } = await store.addMeeting({ id, ...minutes.meeting }, assignmentsFromMinutes(minutes, today), now.toISOString());
  return { meetingId: id, added, existing, minutes };
}

/**
 * Decode and parse minutes bytes (.txt in the usual encodings, or .docx), and store them.
 * @throws MosavabatError for bytes that are not minutes text, or minutes with no resolutions
 */
export async function importMinutesToStore(store: RegisterStore, bytes: Uint8Array, fileName: string, today: string, now: Date): Promise<ImportResult> {
  return storeMinutes(store, readUploadedMinutes(Buffer.from(bytes), fileName), today, now);
}
