/**
 * Use case: the service's stored meetings as a register workbook, the same file `import -o`
 * makes — coloured as of today, with its meetings, agencies, settings and summary sheets. The
 * store's settings go into `تنظیمات` and its directory (names and aliases) into `دستگاه‌ها`, so
 * the CLI and the add-in working on the downloaded file derive the states the service does.
 */
import { readFile, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JalaliDate } from '../core/jalali/JalaliDate';
import { agencyNamer } from '../core/agency';
import { summarize } from '../core/register/summary';
import { newRegister } from '../adapters/xlsx/registerHandle';
import type { RegisterStore } from './registerStore';
import { meetingRecord } from './importMinutesIntoRegister';
import { analyzeBook } from './registerCommon';

/**
 * Build the register of everything in the store.
 * @returns the .xlsx bytes
 */
export async function exportStoredRegister(store: RegisterStore, today: JalaliDate): Promise<Buffer> {
  const book = newRegister();
  const [settings, entries] = await Promise.all([store.getSettings(), store.listAgencies()]);
  book.updateSettings(settings);
  const directory = book.directory();
  book.addAgencies(directory, entries);
  for (const meeting of await store.listMeetings()) {
    const rows = await store.listAssignments({ meetingId: meeting.id });
    book.append(rows);
    const resolutions = new Set(rows.map((r) => r.row)).size;
    book.addMeeting(meetingRecord(meeting, meeting.id, rows[0]?.meeting ?? meeting.title, resolutions, rows.length,
      meeting.importedAt, 'service'));
    book.addAgencies(directory, rows.map((r) => r.agency));
  }
  const analysis = analyzeBook(book, today);
  // the writers work on files (atomic rename); a private temporary file keeps requests apart
  const path = join(tmpdir(), `mosavabat-register-${randomBytes(6).toString('hex')}.xlsx`);
  try {
    await book.save(path, analysis, summarize(analysis.rows, today, agencyNamer(directory)), today, settings.dueSoonDays);
    return await readFile(path);
  } finally {
    await rm(path, { force: true });
  }
}
