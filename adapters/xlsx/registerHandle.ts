/**
 * One way for the use cases to work with a register, whichever engine holds it:
 * - `stream`: exceljs's streaming reader and writer (StreamedRegister) — fast and lean, used
 *   whenever the workbook holds nothing a streaming copy would drop, and for all reading;
 * - `whole`: exceljs's whole-workbook model (RegisterBook) — keeps merged cells, people's own
 *   validations and colour rules, images, comments …, used when the workbook has any of those.
 * A workbook with such parts that is too large for the whole-workbook model is streamed, and
 * what that drops is reported (`lost`), so the caller writes a new file instead of the input.
 */
import type { AgencyDirectory, AgencyEntry } from '../../core/agency';
import type { RegisterSummary } from '../../core/register/summary';
import type { RegisterSettings, SettingsRead } from '../../core/register/settings';
import type { Assignment, ColumnMap, RawRow } from '../../core/register/types';
import type { RegisterAnalysis } from '../../core/register/validate';
import type { JalaliDate } from '../../core/jalali';
import { sheetRowEstimate } from './inspect';
import { findRegisterSheet, RegisterBook } from './registerBook';
import { fieldLetters } from './registerSheet';
import { scanSheets, workbookLosses } from './fast/sheetScan';
import type { MeetingSheetRow } from './sideSheets';
import { streamReadRegister, type StreamedRegister } from './streamRead';
import {
  appendAgencies, appendAssignments, appendMeeting, newStreamedRegister, streamedDirectory, streamedMeetings,
  streamedSettings, updateStreamedSettings,
} from './streamEdit';
import { writeStreamedRegister } from './streamRegister';
import { readWorkbookBytes } from './workbookFile';
import { ZipFormatError } from './fast/zip';
import { MosavabatError } from '../../core/errors';

/** Which engine: `auto` chooses as described above. */
export type RegisterEngine = 'auto' | 'whole' | 'stream';

/** Largest register (rows) the whole-workbook model is used for when a workbook needs it (about 0.8 GB at that size). */
export const WHOLE_MODEL_MAX_ROWS = 20_000;

/** Something of the input a write would not keep, Persian and English. */
export interface Loss {
  fa: string;
  en: string;
}

/** What a register use case does with a register. */
export interface RegisterHandle {
  readonly engine: 'whole' | 'stream';
  /** The file's base name; undefined for a new register. */
  readonly file?: string;
  readonly sheetName: string;
  /** Parts of the input the written file will not have; the input must then not be overwritten. */
  readonly lost: readonly Loss[];
  rows(): RawRow[];
  columns(): ColumnMap;
  meetings(): MeetingSheetRow[];
  directory(): AgencyDirectory;
  /** The `تنظیمات` sheet's settings, with an issue per unreadable cell (defaults when the sheet is missing). */
  settings(): SettingsRead;
  /** Rewrite the `تنظیمات` sheet with these values changed (the others kept as typed). */
  updateSettings(changes: Partial<RegisterSettings>): void;
  append(assignments: readonly Assignment[]): void;
  addMeeting(meeting: MeetingSheetRow): void;
  /** Add agencies `directory` does not know (with their aliases when given as entries) to it and to the `دستگاه‌ها` sheet; returns the names added. */
  addAgencies(directory: AgencyDirectory, names: Iterable<string | AgencyEntry>): string[];
  /**
   * Write the register with states, colours, rules and summary derived from `analysis`; a
   * register without a `تنظیمات` sheet (an older file) gets one with the defaults.
   */
  save(path: string, analysis: RegisterAnalysis, summary: RegisterSummary, today: JalaliDate, dueSoonDays?: number): Promise<void>;
}

class WholeHandle implements RegisterHandle {
  readonly engine = 'whole';
  constructor(private readonly book: RegisterBook, readonly lost: readonly Loss[]) {}
  get file() {
    return this.book.source?.file;
  }
  get sheetName() {
    return this.book.sheet.name;
  }
  rows = () => this.book.rows();
  columns = () => this.book.columns();
  meetings = () => this.book.meetings();
  directory = () => this.book.directory();
  settings = () => this.book.settings();
  updateSettings = (changes: Partial<RegisterSettings>) => this.book.updateSettings(changes);
  append = (assignments: readonly Assignment[]) => void this.book.append(assignments);
  addMeeting = (meeting: MeetingSheetRow) => this.book.addMeeting(meeting);
  addAgencies = (directory: AgencyDirectory, names: Iterable<string | AgencyEntry>) => this.book.addAgencies(directory, names);
  async save(path: string, analysis: RegisterAnalysis, summary: RegisterSummary, today: JalaliDate, dueSoonDays?: number): Promise<void> {
    this.book.updateSettings();
    this.book.applyAnalysis(analysis, today, summary, dueSoonDays);
    await this.book.save(path);
  }
}

class StreamHandle implements RegisterHandle {
  readonly engine = 'stream';
  constructor(private readonly reg: StreamedRegister, readonly lost: readonly Loss[]) {}
  get file() {
    return this.reg.file;
  }
  get sheetName() {
    return this.reg.register.name;
  }
  rows = () => this.reg.rows;
  columns = () => fieldLetters(this.reg.header);
  meetings = () => streamedMeetings(this.reg);
  directory = () => streamedDirectory(this.reg);
  settings = () => streamedSettings(this.reg);
  updateSettings = (changes: Partial<RegisterSettings>) => updateStreamedSettings(this.reg, changes);
  append = (assignments: readonly Assignment[]) => void appendAssignments(this.reg, assignments);
  addMeeting = (meeting: MeetingSheetRow) => appendMeeting(this.reg, meeting);
  addAgencies = (directory: AgencyDirectory, names: Iterable<string | AgencyEntry>) => appendAgencies(this.reg, directory, names);
  save(path: string, analysis: RegisterAnalysis, summary: RegisterSummary, today: JalaliDate, dueSoonDays?: number): Promise<void> {
    updateStreamedSettings(this.reg);
    return writeStreamedRegister(this.reg, path, { analysis, summary, today, dueSoonDays });
  }
}

/** A new, empty register. */
export function newRegister(engine: RegisterEngine = 'auto'): RegisterHandle {
  return engine === 'whole' ? new WholeHandle(RegisterBook.create(), []) : new StreamHandle(newStreamedRegister(), []);
}

/**
 * Open a register file.
 * @param purpose `read` (validation, summaries: always streamed, nothing is written back) or
 *   `write` (the register itself will be written: the engine is chosen as described above)
 * @throws MosavabatError for files that are not readable registers
 */
export async function openRegister(path: string, purpose: 'read' | 'write', engine: RegisterEngine = 'auto'): Promise<RegisterHandle> {
  const source = await readWorkbookBytes(path);
  const charts: Loss[] = [...source.inspection.lost];
  const scans = await scanSheets(source.bytes, source.inspection).catch((error: unknown) => {
    throw error instanceof ZipFormatError
      ? new MosavabatError('damaged_workbook', 'فایل اکسل آسیب دیده یا ناقص است و خوانده نمی‌شود',
        `the workbook is damaged (${error.message})`, 'bad_input', { file: source.file })
      : error;
  });
  if (purpose === 'read' && engine !== 'whole') return new StreamHandle(await streamReadRegister(source, scans, false), charts);
  const streamLosses = dedupe([...workbookLosses(source.bytes, source.inspection), ...scans.flatMap((s) => s.losses)]);
  let useStream = engine === 'stream' || (engine === 'auto' && streamLosses.length === 0);
  if (engine === 'auto' && !useStream) {
    const info = findRegisterSheet(source.inspection.sheets, source.file);
    const rows = sheetRowEstimate(source.bytes, source.inspection, info) ?? 0;
    useStream = rows > WHOLE_MODEL_MAX_ROWS;
  }
  if (useStream) return new StreamHandle(await streamReadRegister(source, scans), dedupe([...charts, ...streamLosses]));
  return new WholeHandle(await RegisterBook.fromBytes(source), charts);
}

function dedupe(losses: readonly Loss[]): Loss[] {
  return losses.filter((loss, i) => losses.findIndex((l) => l.en === loss.en) === i);
}
