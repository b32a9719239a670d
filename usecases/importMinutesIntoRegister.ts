/**
 * Use case: minutes → register workbook. Creates a new register, or adds the meeting to an
 * existing one; rows are matched by id, so importing the same minutes twice adds nothing.
 */
import { access } from 'node:fs/promises';
import { basename } from 'node:path';
import { MosavabatError } from '../core/errors';
import { JalaliDate, tehranStamp } from '../core/jalali';
import { parseMinutes } from '../core/minutes/parse';
import type { Meeting, ParsedMinutes, Warning } from '../core/minutes/types';
import { assignmentsFromMinutes, meetingLabel } from '../core/register/fromMinutes';
import { meetingId } from '../core/register/ids';
import { agencyNamer, joinMinutesAgencies } from '../core/agency';
import { summarize } from '../core/register/summary';
import { deadlineSettingsOf, describeSettingChanges, type RegisterSettings } from '../core/register/settings';
import { toPersianDigits } from '../core/text';
import { newRegister, openRegister } from '../adapters/xlsx/registerHandle';
import type { MeetingSheetRow } from '../adapters/xlsx/sideSheets';
import { readMinutesFile } from '../adapters/minutes/minutesFile';
import { withFileLocks } from '../adapters/files/registerLock';
import { analyzeBook, chooseOutput, dueSoonWindow, redirectMessage, type RegisterOptions } from './registerCommon';

export interface ImportIntoRegisterOptions extends RegisterOptions {
  /** Create a new register here (refused when the file exists). */
  output?: string;
  /** Add to this existing register (written in place, unless `output` names another file). */
  into?: string;
  /** The moment written to `آخرین به‌روزرسانی` and `تاریخ ثبت`; default now. */
  now?: Date;
  /**
   * Settings to write into the register's `تنظیمات` sheet (a new register: these, defaults for
   * the rest; `into`: these replace the sheet's values, the others stay). The new meeting's due
   * dates are computed with the sheet's settings after that.
   */
  settings?: Partial<RegisterSettings>;
}

export interface ImportIntoRegisterResult {
  /** The file written; undefined when nothing was new and nothing was written. */
  output?: string;
  meetingId: string;
  meetingAdded: boolean;
  /** Register rows added, and rows of these minutes already in the register. */
  added: number;
  existing: number;
  agenciesAdded: string[];
  /** Spellings written with the name of an agency the register knows (certain matches). */
  agenciesJoined: Array<{ written: string; agency: string }>;
  /** New agencies that are likely a known one: proposed in the `دستگاه‌ها` sheet, not merged. */
  agencyProposals: Array<{ name: string; existing: string }>;
  /** Settings of the `تنظیمات` sheet this import changed (with `into`: what differs from the sheet), Persian and English. */
  settingsChanged: Array<{ fa: string; en: string }>;
  /** The minutes parser's warnings, document-level and per resolution (with its row). */
  warnings: Array<Warning & { row?: number }>;
  notice?: { fa: string; en: string };
  minutes: ParsedMinutes;
}

/**
 * The `جلسات` row of a meeting.
 * @param title the `جلسه` label its rows carry (meetingLabel)
 * @param resolutions how many resolutions the minutes had; `rows` how many register rows they gave
 */
export function meetingRecord(meeting: Meeting, id: string, title: string, resolutions: number, rows: number,
  importedAt: string, source: string): MeetingSheetRow {
  const persian = (text: string | null) => (text ? toPersianDigits(text) : '');
  return {
    id,
    title,
    number: meeting.number ?? '',
    date: persian(meeting.date),
    weekday: meeting.weekday ?? '',
    time: persian(meeting.time),
    place: meeting.place ?? '',
    invitationNumber: persian(meeting.invitation.number),
    invitationDate: persian(meeting.invitation.date),
    agenda: meeting.agenda.join('\n'),
    body: meeting.body,
    resolutions,
    rows,
    importedAt: toPersianDigits(importedAt),
    source,
  };
}

/**
 * Import a minutes file into a register workbook.
 * - `output` only: create a new register there (the file must not exist yet).
 * - `into`: add the meeting and its rows to that register; rows whose id is already there,
 *   and a meeting already in `جلسات`, are not added again. The register is rewritten in place
 *   (that is what `--into` asks), except when it holds charts, pivot tables or slicers that
 *   exceljs would drop: then the result goes to a new file beside it. When nothing is new,
 *   nothing is written.
 * - `into` and `output`: read `into`, write `output`.
 * Every row's state and colour are refreshed as of `today`. Due dates follow the register's
 * `تنظیمات` sheet (Thursday, holidays, urgent days), after `settings` are written into it;
 * with `into`, settings that change the sheet are written even when no row is new.
 * The register and the output stay locked from before the read until after the write.
 * @throws MosavabatError `import_target_missing` (neither given), `output_exists`, `register_locked`,
 *   `register_changed`, and those of reading the minutes and the register
 */
export async function importMinutesIntoRegister(minutesPath: string, options: ImportIntoRegisterOptions): Promise<ImportIntoRegisterResult> {
  if (!options.output && !options.into) {
    throw new MosavabatError('import_target_missing', 'فایل دفتر مصوبات را با -o (دفتر تازه) یا --into (دفتر موجود) بدهید',
      'give the register file with -o (new register) or --into (existing register)');
  }
  return withFileLocks([options.into, options.output], () => importLocked(minutesPath, options), options.lock);
}

async function importLocked(minutesPath: string, options: ImportIntoRegisterOptions): Promise<ImportIntoRegisterResult> {
  if (options.output && !options.into && (await exists(options.output))) {
    throw new MosavabatError('output_exists',
      `فایل «${basename(options.output)}» از قبل هست؛ برای افزودن این جلسه به آن از --into استفاده کنید یا نام دیگری بدهید`,
      `"${basename(options.output)}" already exists; use --into to add this meeting to it, or choose another name`,
      'conflict', { file: basename(options.output) });
  }
  const { text } = await readMinutesFile(minutesPath);
  const now = options.now ?? new Date();
  const stamp = tehranStamp(now);
  const today = options.today ?? JalaliDate.today(now);

  const book = options.into ? await openRegister(options.into, 'write', options.engine) : newRegister(options.engine);
  const changes = Object.fromEntries(Object.entries(options.settings ?? {}).filter(([, v]) => v !== undefined)) as Partial<RegisterSettings>;
  const settingsChanged = describeSettingChanges(book.settings().settings, changes).map(({ fa, en }) => ({ fa, en }));
  if (settingsChanged.length) book.updateSettings(changes);
  let minutes: ParsedMinutes;
  try {
    minutes = parseMinutes(text, deadlineSettingsOf(book.settings().settings));
  } catch (error) {
    throw error instanceof MosavabatError ? error.at({ file: basename(minutesPath) }) : error;
  }
  const directory = book.directory();
  const agencies = joinMinutesAgencies(minutes, directory);
  const id = meetingId(minutes.meeting.date, minutes.meeting.number);
  const all = assignmentsFromMinutes(minutes, stamp);
  const present = new Set(book.rows().map((r) => String(r.values.id ?? '').trim()).filter(Boolean));
  const fresh = all.filter((a) => !present.has(a.id));
  const meetingAdded = !book.meetings().some((m) => String(m.id ?? '').trim() === id);

  const warnings = [
    ...minutes.warnings,
    ...minutes.resolutions.flatMap((r) => r.warnings.map((w) => ({ ...w, row: r.row }))),
  ];
  const result: ImportIntoRegisterResult = {
    meetingId: id, meetingAdded, added: fresh.length, existing: all.length - fresh.length,
    agenciesAdded: [], agenciesJoined: agencies.joined, agencyProposals: agencies.proposals, settingsChanged, warnings, minutes,
  };
  if (fresh.length === 0 && !meetingAdded && settingsChanged.length === 0 && options.into && !options.output) return result;

  book.append(fresh);
  if (meetingAdded) book.addMeeting(meetingRecord(minutes.meeting, id, meetingLabel(minutes), minutes.resolutions.length, all.length, stamp, basename(minutesPath)));
  for (const { name, existing } of agencies.proposals) directory.propose(name, existing);
  result.agenciesAdded = book.addAgencies(directory, all.map((a) => a.agency));
  const analysis = analyzeBook(book, today, options.dueSoonDays);
  const choice = options.into
    ? await chooseOutput(options.into, options.output ?? options.into, 'جدید', book.lost, options.force)
    : { path: options.output as string };
  await book.save(choice.path, analysis, summarize(analysis.rows, today, agencyNamer(directory)), today, dueSoonWindow(book.settings(), options.dueSoonDays));
  result.output = choice.path;
  result.notice = redirectMessage(choice);
  return result;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
