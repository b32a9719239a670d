/** Use case: the secretariat sends minutes to the service; they become stored register rows. */
import { parseMinutes } from '../core/minutes/parse';
import { assignmentsFromMinutes } from '../core/register/fromMinutes';
import { meetingId } from '../core/register/ids';
import type { ParsedMinutes } from '../core/minutes/types';
import { MosavabatError } from '../core/errors';
import { decodeMinutes } from '../adapters/minutes/minutesFile';
import type { RegisterStore } from './registerStore';

export interface ImportResult {
  meetingId: string;
  /** Rows new to the store; 0 when the same minutes were imported before. */
  added: number;
  existing: number;
  minutes: ParsedMinutes;
}

/**
 * Decode and parse minutes bytes, and store the meeting with one row per (resolution, agency).
 * Importing the same minutes twice adds nothing.
 * @param today Jalali `YYYY/MM/DD`, written as the rows' last update
 * @throws MosavabatError for bytes that are not minutes text, or minutes with no resolutions
 */
export async function importMinutesToStore(store: RegisterStore, bytes: Uint8Array, fileName: string, today: string, now: Date): Promise<ImportResult> {
  const { text } = decodeMinutes(bytes, fileName);
  let minutes: ParsedMinutes;
  try {
    minutes = parseMinutes(text);
  } catch (error) {
    throw error instanceof MosavabatError ? error.at({ file: fileName }) : error;
  }
  const id = meetingId(minutes.meeting.date, minutes.meeting.number);
  const { added, existing } = await store.addMeeting({ id, ...minutes.meeting }, assignmentsFromMinutes(minutes, today), now.toISOString());
  return { meetingId: id, added, existing, minutes };
}
