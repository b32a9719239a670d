/**
 * Use case: merge the return workbooks agencies sent back into the register. Every file is
 * read and merged in memory, one after the other (a later file sees what an earlier one
 * applied); a file that cannot be read is reported and skipped. Only then is the register
 * written, once, atomically, with the changed cells, their states and the `تاریخچه` lines.
 */
import { basename } from 'node:path';
import { MosavabatError } from '../core/errors';
import type { AgencyDirectory } from '../core/agency';
import {
  failedReport, MergeRun, tehranTime, unreadableCells, type FileReport, type HistoryEntry, type RegisterIndex, type RowChange,
} from '../core/merge';
import type { JalaliDate } from '../core/jalali/JalaliDate';
import type { FieldName } from '../core/register/fields';
import type { Assignment, CellValue, RawRow } from '../core/register/types';
import { cellText } from '../core/register/cells';
import { fillArgb } from '../core/register/palette';
import { statusLabel } from '../core/register/status';
import { STATE_LABELS } from '../core/register/state';
import { analyzeRegister, type AnalyzedRow } from '../core/register/validate';
import { deadlineSettingsOf, type RegisterSettings } from '../core/register/settings';
import { interpretRow } from '../core/register/rows';
import { comparisonKey } from '../core/text';
import { isPercentFormat } from '../adapters/xlsx/cells';
import { RegisterBook } from '../adapters/xlsx/registerBook';
import { assignmentCells, fieldLetters, ensureColumns, writeDerived } from '../adapters/xlsx/registerSheet';
import { checkWorkbookBytes, readWorkbookBytes, type WorkbookBytes } from '../adapters/xlsx/workbookFile';
import { writeFileAtomic } from '../adapters/files/atomicFile';
import { withFileLocks } from '../adapters/files/registerLock';
import { KEY_SHEET, readSigningKey, workbookSigningKey, type SigningKey } from '../adapters/xlsx/returns/signature';
import { lightGrid } from '../adapters/xlsx/returns/grid';
import type { Loss } from '../adapters/xlsx/registerHandle';
import { appendHistory, readWorkbookHistory } from '../adapters/xlsx/returns/historySheet';
import { LightUnsupported } from '../adapters/xlsx/fast/lightXlsx';
import { openLightRegister, patchRegister, type LightRegister, type RowWrite } from '../adapters/xlsx/returns/registerPatch';
import { readReturnBytes, readReturnFile, type ReturnFileData } from '../adapters/xlsx/returns/readReturn';
import { chooseOutput, redirectMessage, type RegisterOptions } from './registerCommon';
import { checkReturnSignature } from './returnSignature';

export interface MergeFilesOptions extends RegisterOptions {
  /** Where to write the merged register; absent → `<name>-ادغام‌شده.xlsx` beside it. */
  output?: string;
  /** Where to write report.json; absent → not written. */
  reportPath?: string;
  /** When the merge happens (history time, "today"); default now. */
  at?: Date;
  /**
   * The agency known to have sent every file (the token of the service's agency page, `--agency`): files made
   * for another agency are refused, and a file without the tool's hidden sheets is read as this
   * agency's.
   */
  expectedAgency?: string;
}

export interface MergeFilesResult {
  output: string;
  reportPath?: string;
  reports: FileReport[];
  rowsChanged: number;
  historyLines: number;
  /** Files refused as a whole, cells refused, conflicts: what a person has to look at. */
  problems: number;
  notice?: { fa: string; en: string };
  /** How the register was read and written: patched in place (`patch`) or through exceljs (`whole`). */
  engine: 'patch' | 'whole';
}

/** report.json: the run and one report per file, in the order given. */
export interface MergeReportFile {
  register: string;
  output: string;
  at: string;
  registerRevision: { before: number; after: number };
  rowsChanged: number;
  files: FileReport[];
  /** Set when the merged register could not be written after this report was: nothing was merged. */
  notWritten?: { code: string; fa: string; en: string };
}

/** Fields a merge writes into a changed register row besides the agency fields. */
const ALWAYS_WRITTEN: readonly FieldName[] = ['revision', 'updatedAt'];

/** A return file to merge: a path, or bytes already received (an upload) with the name to show. */
export type ReturnSource = string | { file: string; bytes: Buffer };

async function readSource(source: ReturnSource): Promise<ReturnFileData> {
  if (typeof source === 'string') return readReturnFile(source);
  return readReturnBytes(await checkWorkbookBytes(source.bytes, source.file));
}

/**
 * The register being merged into, read by the light reader (and written by patching the
 * changed parts) or, when it has what that reader does not handle, by exceljs.
 */
interface MergeTarget {
  engine: 'patch' | 'whole';
  sheetName: string;
  rows: RawRow[];
  columns: ReturnType<typeof fieldLetters>;
  history: HistoryEntry[];
  directory: AgencyDirectory;
  /** The register's `تنظیمات` sheet (Thursday, holidays, urgent days, due-soon window). */
  settings: RegisterSettings;
  /** The key returns made from this register are signed with; absent for a register that never made signed returns. */
  signingKey?: SigningKey;
  /**
   * Prepare the merged register: the file's bytes (patched), or the exceljs model with the
   * changes made, to be saved. Which one decides what the written file may lose.
   */
  prepare(writes: readonly RowWrite[], changed: ReadonlyMap<string, RowChange>, analyzed: readonly AnalyzedRow[],
    history: readonly HistoryEntry[]): Promise<PreparedRegister>;
}

/** A merged register ready to be written, and what it loses of the input. */
interface PreparedRegister {
  engine: 'patch' | 'whole';
  lost: readonly Loss[];
  write(path: string): Promise<void>;
}

/** The signing key of a register read by the light reader, when it has one. */
function lightSigningKey(reg: LightRegister): SigningKey | undefined {
  if (!reg.source.inspection.sheets.some((s) => s.name === KEY_SHEET)) return undefined;
  const grid = lightGrid(reg.light.sheet(KEY_SHEET));
  return readSigningKey((r, c) => grid.cell(r, c).value);
}

function lightTarget(reg: LightRegister): MergeTarget {
  return {
    engine: 'patch', sheetName: reg.sheet.name, rows: reg.rows, columns: fieldLetters(reg.header), history: reg.history,
    directory: reg.directory, settings: reg.settings, signingKey: lightSigningKey(reg),
    prepare: async (writes, changed, analyzed, history) => {
      try {
        const bytes = patchRegister(reg, writes, history);
        return { engine: 'patch', lost: [], write: (path) => writeFileAtomic(path, bytes) };
      } catch (error) {
        if (!(error instanceof LightUnsupported)) throw error;
        // something the patch does not handle (a formula cell to overwrite …): exceljs writes it
        return (await wholeTarget(reg.source)).prepare(writes, changed, analyzed, history);
      }
    },
  };
}

async function wholeTarget(source: WorkbookBytes): Promise<MergeTarget> {
  const book = await RegisterBook.fromBytes(source);
  return {
    engine: 'whole', sheetName: book.sheet.name, rows: book.rows(), columns: book.columns(), history: readWorkbookHistory(book.workbook),
    directory: book.directory(), settings: book.settings().settings, signingKey: workbookSigningKey(book.workbook),
    prepare: async (_writes, changed, analyzed, history) => {
      writeChanges(book, changed, analyzed);
      appendHistory(book.workbook, history);
      return { engine: 'whole', lost: book.lost, write: (path) => book.save(path) };
    },
  };
}

/**
 * Open the register: the light reader when it can, else (or when `engine` is `whole`) exceljs.
 * Errors are the register's.
 */
async function openTarget(registerPath: string, engine: RegisterOptions['engine']): Promise<MergeTarget> {
  const source = await readWorkbookBytes(registerPath);
  if (engine === 'whole') return wholeTarget(source);
  try {
    return lightTarget(openLightRegister(source));
  } catch (error) {
    if (!(error instanceof LightUnsupported)) throw error;
    return wholeTarget(source);
  }
}

/**
 * Merge the return files into the register at `registerPath` and write the merged register.
 * @returns what happened per file; the register is written even when nothing changed
 * The register (and the output) stay locked from before the read until after the write; the
 * report is written before the register, so a report that cannot be written leaves the register
 * as it was (and a register that cannot be written turns the report into `notWritten`).
 * @throws MosavabatError only for the register itself (unreadable, `register_locked`,
 *   `register_changed`), unwritable outputs and `output_exists` (an existing `-o` without `force`);
 *   a bad return file is a report, never an exception
 */
export async function mergeReturnFiles(registerPath: string, returns: readonly ReturnSource[], options: MergeFilesOptions = {}): Promise<MergeFilesResult> {
  return withFileLocks([registerPath, options.output], () => mergeLocked(registerPath, returns, options), options.lock);
}

async function mergeLocked(registerPath: string, returns: readonly ReturnSource[], options: MergeFilesOptions): Promise<MergeFilesResult> {
  const at = options.at ?? new Date();
  const today = options.today ?? tehranTime(at).date;
  const target = await openTarget(registerPath, options.engine);
  const rows = target.rows.map((raw) => ({ raw, assignment: interpretRow(raw).assignment }));
  const run = new MergeRun(rows.map((r) => r.assignment), target.history, directoryKey(target.directory), invalidCells(rows));

  const reports: FileReport[] = [];
  for (const source of returns) reports.push(await mergeSource(run, source, { at, today, expectedAgency: options.expectedAgency, signingKey: target.signingKey }));

  const { writes, analyzed } = changedRows(target, rows, run.changed, { today, dueSoonDays: options.dueSoonDays });
  const prepared = await target.prepare(writes, run.changed, analyzed, run.history);
  const choice = await chooseOutput(registerPath, options.output, 'ادغام‌شده', prepared.lost, options.force);
  // the report first: when it cannot be written, the register is not replaced either
  if (options.reportPath) {
    const json: MergeReportFile = {
      register: basename(registerPath), output: basename(choice.path), at: at.toISOString(),
      registerRevision: { before: run.revisionBefore, after: run.revision }, rowsChanged: run.changed.size, files: reports,
    };
    await writeFileAtomic(options.reportPath, Buffer.from(JSON.stringify(json, null, 2) + '\n', 'utf8'));
    try {
      await prepared.write(choice.path);
    } catch (error) {
      // the report must not claim a merge that was not written
      const failure = error instanceof MosavabatError ? { code: error.code, fa: error.fa, en: error.en } : { code: 'write_failed', fa: 'دفتر نوشته نشد', en: String(error) };
      await writeFileAtomic(options.reportPath, Buffer.from(JSON.stringify({ ...json, rowsChanged: 0, notWritten: failure }, null, 2) + '\n', 'utf8'))
        .catch(() => undefined);
      throw error;
    }
  } else {
    await prepared.write(choice.path);
  }
  const problems = reports.reduce((n, r) => n + (r.outcome === 'rejected' ? 1 : r.rejected.length + r.conflicts.length), 0);
  return {
    output: choice.path, reportPath: options.reportPath, reports, rowsChanged: run.changed.size, historyLines: run.history.length, problems,
    notice: redirectMessage(choice), engine: prepared.engine,
  };
}

/** One agency, however the secretariat spelled it: the directory's aliases name the same agency. */
function directoryKey(directory: AgencyDirectory): (name: string) => string {
  const keys = new Map<string, string>();
  return (name) => {
    let key = keys.get(name);
    if (key === undefined) keys.set(name, (key = comparisonKey(directory.find(name)?.name ?? name)));
    return key;
  };
}

/**
 * Read one return file and merge it into the run. A file that cannot be read, or that does not
 * say which agency it is for, is a refused report; nothing here throws for a bad file.
 */
async function mergeSource(run: MergeRun, source: ReturnSource,
  options: { at: Date; today: JalaliDate; expectedAgency?: string; signingKey?: SigningKey }): Promise<FileReport> {
  const file = basename(typeof source === 'string' ? source : source.file);
  let data: ReturnFileData;
  try {
    data = await readSource(source);
  } catch (error) {
    return fileFailure(file, error, run.revision);
  }
  const signature = checkReturnSignature(data, options.signingKey, file, run.revision);
  if (signature.refused) return signature.refused;
  const agency = data.agency ?? options.expectedAgency;
  if (!agency) {
    return failedReport(file, '', 'not_a_return',
      'این فایل را این برنامه برای یک دستگاه نساخته است (برگهٔ پنهان مشخصات ندارد)؛ معلوم نیست از کدام دستگاه است. با گزینهٔ --agency نام دستگاه را بدهید',
      'this file was not made by mosavabat for an agency (no hidden description sheet); give the agency with --agency',
      run.revision);
  }
  try {
    const report = run.mergeFile(data.rows, {
      agency, sourceFile: file, registerRevision: data.registerRevision, at: options.at, today: options.today, sheet: data.sheet,
      columns: data.columns, exportedIds: data.exportedIds, expectedAgency: data.agency ? options.expectedAgency : undefined,
      exportKey: data.exportKey, savedAt: data.savedAt,
    });
    if (signature.note) report.notes.push(signature.note);
    return report;
  } catch (error) {
    return fileFailure(file, error, run.revision);
  }
}

/**
 * The changed rows as they will read, validated for their states and colours: what to write
 * into each (the changed fields, revision, update time, state words, canonical status words,
 * fill), and the analysed rows (for the whole-workbook writer).
 */
function changedRows(target: MergeTarget, rows: ReadonlyArray<{ raw: RawRow; assignment: Assignment }>,
  changed: ReadonlyMap<string, RowChange>, options: { today: JalaliDate; dueSoonDays?: number }): { writes: RowWrite[]; analyzed: readonly AnalyzedRow[] } {
  const rawById = new Map<string, RawRow>();
  for (const row of rows) if (!rawById.has(row.assignment.id)) rawById.set(row.assignment.id, row.raw);
  const changedRaw: RawRow[] = [];
  const fieldsOf = new Map<number, FieldName[]>();
  for (const change of changed.values()) {
    const raw = rawById.get(change.id);
    if (!raw) continue;
    const cells = assignmentCells(change.after);
    const fields = [...new Set<FieldName>([...change.fields.map((f) => f.field), ...ALWAYS_WRITTEN])];
    const values = { ...raw.values };
    for (const field of fields) values[field] = (cells[field] ?? null) as CellValue;
    changedRaw.push({ sheetRow: raw.sheetRow, values });
    fieldsOf.set(raw.sheetRow, fields);
  }
  const directory = target.directory;
  const analysis = analyzeRegister(changedRaw, {
    sheet: target.sheetName, columns: target.columns, today: options.today, directory: directory.list().length ? directory : undefined,
    settings: deadlineSettingsOf(target.settings), dueSoonDays: options.dueSoonDays ?? target.settings.dueSoonDays,
  });
  const rawByRow = new Map(changedRaw.map((r) => [r.sheetRow, r]));
  const writes: RowWrite[] = analysis.rows.map((row) => {
    const values: Partial<Record<FieldName, CellValue>> = {};
    const raw = rawByRow.get(row.sheetRow)!;
    for (const field of fieldsOf.get(row.sheetRow) ?? []) values[field] = raw.values[field] ?? null;
    values.state = STATE_LABELS[row.state];
    // the status in its canonical words, so the dropdown and the colour rules recognise it
    const label = row.assignment.status ? statusLabel(row.assignment.status) : null;
    if (label && cellText(raw.values.status ?? null) !== label) values.status = label;
    return { sheetRow: row.sheetRow, cells: values, fill: fillArgb(row.state) };
  });
  return { writes, analyzed: analysis.rows };
}

/** Agency-field cells the register's rules cannot read (`زیاد` as a percent), by row id: their text. */
function invalidCells(rows: ReadonlyArray<{ raw: RawRow; assignment: Assignment }>): NonNullable<RegisterIndex['invalid']> {
  const invalid: NonNullable<RegisterIndex['invalid']> = new Map();
  for (const { raw, assignment } of rows) {
    const cells = unreadableCells(raw, assignment);
    if (cells && !invalid.has(assignment.id)) invalid.set(assignment.id, cells);
  }
  return invalid;
}

/** A file that could not be merged, as a report: the reader's Persian message, or an internal one. */
function fileFailure(file: string, error: unknown, revision: number): FileReport {
  if (error instanceof MosavabatError) return failedReport(file, '', error.code, error.fa, error.en, revision);
  const message = error instanceof Error ? error.message : String(error);
  return failedReport(file, '', 'internal_error', 'خطای پیش‌بینی‌نشده هنگام خواندن این فایل؛ فایل‌های دیگر ادغام شدند',
    `unexpected error reading this file: ${message}`, revision);
}

/**
 * Write the changed rows into a whole-model register: the changed agency cells, the revision
 * and the update time (a percent into a percent-formatted cell as a fraction), then each changed
 * row's state words and colour. Other cells and styles stay as they were.
 */
function writeChanges(book: RegisterBook, changed: ReadonlyMap<string, RowChange>, analyzed: readonly AnalyzedRow[]): void {
  const sheet = book.sheet;
  ensureColumns(sheet, book.header); // an older register may lack the revision column
  const byRow = new Map(analyzed.map((row) => [row.sheetRow, row]));
  const rowOf = new Map(analyzed.map((row) => [row.assignment.id, row.sheetRow]));
  for (const change of changed.values()) {
    const sheetRow = rowOf.get(change.id);
    if (sheetRow === undefined) continue;
    const cells = assignmentCells(change.after);
    const row = sheet.getRow(sheetRow);
    for (const field of [...new Set<FieldName>([...change.fields.map((f) => f.field), ...ALWAYS_WRITTEN])]) {
      const col = book.header.columns.get(field);
      if (col === undefined) continue;
      const cell = row.getCell(col);
      const value = cells[field] ?? null;
      cell.value = typeof value === 'number' && field === 'percent' && isPercentFormat(cell.numFmt) ? value / 100 : value;
    }
    const analysedRow = byRow.get(sheetRow)!;
    writeDerived(sheet, book.header, sheetRow, analysedRow.assignment, analysedRow.state);
  }
}

