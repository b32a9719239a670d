/**
 * A register workbook held in memory with exceljs (the whole-workbook model): open it however
 * people have edited it, read its rows and side sheets, add meetings and rows, write the
 * derived states and colours, and save. Everything is modified in place in the loaded model,
 * so sheets, columns, styles and validations the tool does not know are written back as read.
 */
import ExcelJS, { type Workbook, type Worksheet } from 'exceljs';
import { MosavabatError } from '../../core/errors';
import type { AgencyDirectory, AgencyEntry } from '../../core/agency';
import { SHEETS } from '../../core/register/fields';
import type { Assignment, ColumnMap, RawRow } from '../../core/register/types';
import type { RegisterAnalysis } from '../../core/register/validate';
import type { RegisterSummary } from '../../core/register/summary';
import { settingsSheetRows, type RegisterSettings, type SettingsRead } from '../../core/register/settings';
import type { JalaliDate } from '../../core/jalali';
import { comparisonKey } from '../../core/text';
import type { LostFeature } from './inspect';
import {
  fieldLetters, ensureColumns, findRegisterHeader, initRegisterSheet, lastDataRow, readRegisterRows,
  refreshSheetParts, unmergeWrittenCells, writeAssignmentRow, writeDerived, type RegisterHeader,
} from './registerSheet';
import { addAgencies, addMeeting, ensureSideSheets, readAgencyDirectory, readMeetings, writeLegendSheet, type MeetingSheetRow } from './sideSheets';
import { readSettings, writeSettingsSheet } from './settingsSheet';
import { writeSummarySheets } from './summarySheet';
import { parseWorkbook, readWorkbookBytes, saveWorkbook, type WorkbookBytes } from './workbookFile';

/**
 * Find the `مصوبات` sheet by name (exact, or equal by comparison key: Arabic letters, spaces).
 * @throws MosavabatError `register_sheet_missing` naming the file and the sheets it has
 */
export function findRegisterSheet<T extends { name: string }>(sheets: readonly T[], file: string): T {
  const exact = sheets.find((s) => s.name === SHEETS.register);
  if (exact) return exact;
  const key = comparisonKey(SHEETS.register);
  const similar = sheets.find((s) => comparisonKey(s.name) === key);
  if (similar) return similar;
  const names = sheets.map((s) => `«${s.name}»`).join('، ');
  throw new MosavabatError('register_sheet_missing',
    `برگه «${SHEETS.register}» در این فایل نیست (برگه‌های فایل: ${names || 'هیچ'})`,
    `no "${SHEETS.register}" sheet in the workbook (it has: ${sheets.map((s) => s.name).join(', ') || 'none'})`,
    'bad_input', { file, sheet: SHEETS.register });
}

/** A register in exceljs's whole-workbook model (see the file comment). */
export class RegisterBook {
  private constructor(
    readonly workbook: Workbook,
    readonly sheet: Worksheet,
    readonly header: RegisterHeader,
    /** The file it was read from; undefined for a new register. */
    readonly source?: WorkbookBytes,
  ) {}

  /** A new, empty register with its `مصوبات` sheet set up. */
  static create(): RegisterBook {
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'mosavabat';
    workbook.created = new Date();
    workbook.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: 'visible', rightToLeft: true } as ExcelJS.WorkbookView];
    const sheet = workbook.addWorksheet(SHEETS.register);
    const header = initRegisterSheet(sheet);
    ensureSideSheets(workbook);
    writeSettingsSheet(workbook, settingsSheetRows(undefined));
    return new RegisterBook(workbook, sheet, header);
  }

  /**
   * Open a register file (inspected first; see inspectWorkbook and parseWorkbook).
   * @throws MosavabatError for unreadable files, `register_sheet_missing`, `register_header_missing`
   */
  static async open(path: string): Promise<RegisterBook> {
    return RegisterBook.fromBytes(await readWorkbookBytes(path));
  }

  /** Parse already-read bytes as a register. Same errors as `open`. */
  static async fromBytes(source: WorkbookBytes): Promise<RegisterBook> {
    const workbook = await parseWorkbook(source);
    const sheet = findRegisterSheet(workbook.worksheets, source.file);
    const header = findRegisterHeader(sheet);
    if (!header) {
      throw new MosavabatError('register_header_missing',
        `سطر عنوان ستون‌ها (مثل «شناسه»، «متن مصوبه»، «اقدام کننده») در ده سطر اول برگه پیدا نشد`,
        'no header row with the register columns (ID, Resolution, Agency …) in the first ten rows',
        'bad_input', { file: source.file, sheet: sheet.name });
    }
    return new RegisterBook(workbook, sheet, header, source);
  }

  /** Parts of the input exceljs cannot write back (charts …); empty for a new register. */
  get lost(): readonly LostFeature[] {
    return this.source?.inspection.lost ?? [];
  }

  /** Column letters of the known fields. */
  columns(): ColumnMap {
    return fieldLetters(this.header);
  }

  /** The data rows (non-blank), for validation. */
  rows(): RawRow[] {
    return readRegisterRows(this.sheet, this.header);
  }

  meetings(): MeetingSheetRow[] {
    return readMeetings(this.workbook);
  }

  directory(): AgencyDirectory {
    return readAgencyDirectory(this.workbook);
  }

  /** The `تنظیمات` sheet's settings (defaults, `present: false`, when an older register has none). */
  settings(): SettingsRead {
    return readSettings(this.workbook);
  }

  /**
   * Rewrite the `تنظیمات` sheet with `changes` (other values kept as typed); with no changes,
   * only add the sheet (defaults) when it is missing.
   */
  updateSettings(changes: Partial<RegisterSettings> = {}): void {
    const current = this.settings();
    if (current.present && !Object.values(changes).some((v) => v !== undefined)) return;
    writeSettingsSheet(this.workbook, settingsSheetRows(current.raw, changes));
  }

  /**
   * Append rows after the last data row (trailing blank rows are reused), in order.
   * @returns the sheet row numbers written
   */
  append(assignments: readonly Assignment[]): number[] {
    ensureColumns(this.sheet, this.header);
    let next = lastDataRow(this.sheet, this.header) + 1;
    return assignments.map((a) => {
      writeAssignmentRow(this.sheet, this.header, next, a);
      return next++;
    });
  }

  /** Append a meeting to `جلسات`. */
  addMeeting(meeting: MeetingSheetRow): void {
    addMeeting(this.workbook, meeting);
  }

  /** Add unknown agencies to `دستگاه‌ها` and to `directory`; returns the names added. */
  addAgencies(directory: AgencyDirectory, names: Iterable<string | AgencyEntry>): string[] {
    return addAgencies(this.workbook, directory, names);
  }

  /**
   * Write what validation derived: each row's state words, hidden Gregorian due date, canonical
   * status words and colour; then the dropdowns, limits, colour rules, filter and view; the
   * legend; and, when given, the summary sheets.
   * @param dueSoonDays the "due soon" window the analysis used (default 7), for the colour rules
   */
  applyAnalysis(analysis: RegisterAnalysis, today: JalaliDate, summary?: RegisterSummary, dueSoonDays?: number): void {
    ensureColumns(this.sheet, this.header);
    unmergeWrittenCells(this.sheet, this.header);
    for (const row of analysis.rows) writeDerived(this.sheet, this.header, row.sheetRow, row.assignment, row.state);
    refreshSheetParts(this.sheet, this.header, lastDataRow(this.sheet, this.header), dueSoonDays);
    if (summary) writeSummarySheets(this.workbook, summary, this.source?.file);
    writeLegendSheet(this.workbook, today);
  }

  /** Save to `path` (atomically). */
  async save(path: string): Promise<void> {
    await saveWorkbook(this.workbook, path);
  }
}
