/**
 * Use case: merge the return workbooks agencies sent back into the register. Every file is
 * read and merged in memory, one after the other (a later file sees what an earlier one
 * applied); a file that cannot be read is reported and skipped. Only then is the register
 * written, once, atomically, with the changed cells, their states and the `تاریخچه` lines.
 */
import { basename } from 'node:path';
import { MosavabatError } from '../../core/errors';
import {
  failedReport, indexRegister, mergeReturn, registerRevision, tehranTime,
  type FileReport, type HistoryEntry, type RowChange,
} from '../../core/merge';
import type { FieldName } from '../../core/register/fields';
import type { JalaliDate } from '../../core/jalali';
import { RegisterBook } from '../excel/registerBook';
import { assignmentCells, ensureColumns, readRegisterRows, writeDerived } from '../excel/registerSheet';
import { analyzeRegister } from '../../core/register/validate';
import { interpretRow } from '../../core/register/rows';
import { writeFileAtomic } from '../excel/workbookFile';
import { appendHistory } from '../returns/historySheet';
import { readReturnBytes, readReturnFile, type ReturnFileData } from '../returns/readReturn';
import { inspectWorkbook } from '../excel/inspect';
import { chooseOutput, redirectMessage, type RegisterOptions } from './registerCommon';

export interface MergeFilesOptions extends RegisterOptions {
  /** Where to write the merged register; absent → `<name>-ادغام‌شده.xlsx` beside it. */
  output?: string;
  /** Where to write report.json; absent → not written. */
  reportPath?: string;
  /** When the merge happens (history time, "today"); default now. */
  at?: Date;
  /**
   * The agency known to have sent every file (the upload page's login, `--agency`): files made
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
}

/** report.json: the run and one report per file, in the order given. */
export interface MergeReportFile {
  register: string;
  output: string;
  at: string;
  registerRevision: { before: number; after: number };
  rowsChanged: number;
  files: FileReport[];
}

/** Fields a merge writes into a changed register row besides the agency fields. */
const ALWAYS_WRITTEN: readonly FieldName[] = ['revision', 'updatedAt'];

/** A return file to merge: a path, or bytes already received (an upload) with the name to show. */
export type ReturnSource = string | { file: string; bytes: Buffer };

async function readSource(source: ReturnSource): Promise<ReturnFileData> {
  if (typeof source === 'string') return readReturnFile(source);
  return readReturnBytes({ path: source.file, file: source.file, bytes: source.bytes, inspection: inspectWorkbook(source.bytes, source.file) });
}

/**
 * Merge the return files into the register at `registerPath` and write the merged register.
 * @returns what happened per file; the register is written even when nothing changed
 * @throws MosavabatError only for the register itself (unreadable) and unwritable outputs;
 *   a bad return file is a report, never an exception
 */
export async function mergeReturnFiles(registerPath: string, returns: readonly ReturnSource[], options: MergeFilesOptions = {}): Promise<MergeFilesResult> {
  const at = options.at ?? new Date();
  const today = options.today ?? tehranTime(at).date;
  const book = await RegisterBook.open(registerPath);
  // the rows as values only: full validation is needed for the changed rows alone (at the end)
  const rows = book.rows().map((raw) => ({ sheetRow: raw.sheetRow, assignment: interpretRow(raw).assignment }));
  const index = indexRegister(rows.map((r) => r.assignment));
  const revisionNow = () => registerRevision(index.byId.values());
  const before = revisionNow();
  const sheetRowById = new Map<string, number>();
  for (const row of rows) if (!sheetRowById.has(row.assignment.id)) sheetRowById.set(row.assignment.id, row.sheetRow);

  const reports: FileReport[] = [];
  const history: HistoryEntry[] = [];
  const changed = new Map<string, RowChange>();
  for (const source of returns) {
    const file = basename(typeof source === 'string' ? source : source.file);
    let data: ReturnFileData;
    try {
      data = await readSource(source);
    } catch (error) {
      reports.push(fileFailure(file, error, revisionNow()));
      continue;
    }
    const agency = data.agency ?? options.expectedAgency;
    if (!agency) {
      reports.push(failedReport(file, '', 'not_a_return',
        'این فایل را این برنامه برای یک دستگاه نساخته است (برگهٔ پنهان مشخصات ندارد)؛ معلوم نیست از کدام دستگاه است. با گزینهٔ --agency نام دستگاه را بدهید',
        'this file was not made by mosavabat for an agency (no hidden description sheet); give the agency with --agency',
        revisionNow()));
      continue;
    }
    try {
      const result = mergeReturn(index, data.rows, {
        agency, sourceFile: file, registerRevision: data.registerRevision, at, today, sheet: data.sheet, columns: data.columns,
        exportedIds: data.exportedIds, expectedAgency: data.agency ? options.expectedAgency : undefined,
      });
      for (const change of result.changes) {
        index.byId.set(change.id, change.after);
        const earlier = changed.get(change.id);
        changed.set(change.id, earlier ? { ...change, before: earlier.before, fields: [...earlier.fields, ...change.fields] } : change);
      }
      history.push(...result.history);
      reports.push(result.report);
    } catch (error) {
      reports.push(fileFailure(file, error, revisionNow()));
    }
  }

  if (changed.size) writeChanges(book, sheetRowById, changed, today, options.dueSoonDays);
  const historyLines = appendHistory(book.workbook, history);
  const choice = await chooseOutput(registerPath, options.output, 'ادغام‌شده', book.lost);
  await book.save(choice.path);

  if (options.reportPath) {
    const json: MergeReportFile = {
      register: basename(registerPath), output: basename(choice.path), at: at.toISOString(),
      registerRevision: { before, after: revisionNow() }, rowsChanged: changed.size, files: reports,
    };
    await writeFileAtomic(options.reportPath, Buffer.from(JSON.stringify(json, null, 2) + '\n', 'utf8'));
  }
  const problems = reports.reduce((n, r) => n + (r.outcome === 'rejected' ? 1 : r.rejected.length + r.conflicts.length), 0);
  return {
    output: choice.path, reportPath: options.reportPath, reports, rowsChanged: changed.size, historyLines, problems,
    notice: redirectMessage(choice),
  };
}

/** A file that could not be merged, as a report: the reader's Persian message, or an internal one. */
function fileFailure(file: string, error: unknown, revision: number): FileReport {
  if (error instanceof MosavabatError) return failedReport(file, '', error.code, error.fa, error.en, revision);
  const message = error instanceof Error ? error.message : String(error);
  return failedReport(file, '', 'internal_error', 'خطای پیش‌بینی‌نشده هنگام خواندن این فایل؛ فایل‌های دیگر ادغام شدند',
    `unexpected error reading this file: ${message}`, revision);
}

/**
 * Write the changed rows into the register sheet: the changed agency cells, the revision and
 * the update time (other cells and styles stay as they were), then each changed row's state
 * words and colour, from validating those rows as they now read.
 */
function writeChanges(book: RegisterBook, sheetRowById: ReadonlyMap<string, number>,
  changed: ReadonlyMap<string, RowChange>, today: JalaliDate, dueSoonDays?: number): void {
  const sheet = book.sheet;
  ensureColumns(sheet, book.header); // an older register may lack the revision column
  for (const change of changed.values()) {
    const sheetRow = sheetRowById.get(change.id);
    if (sheetRow === undefined) continue;
    const cells = assignmentCells(change.after);
    const row = sheet.getRow(sheetRow);
    for (const field of [...new Set<FieldName>([...change.fields.map((f) => f.field), ...ALWAYS_WRITTEN])]) {
      const col = book.header.columns.get(field);
      if (col !== undefined) row.getCell(col).value = cells[field] ?? null;
    }
  }
  // the states of the changed rows, as validation sees them now; checks across rows (duplicate
  // ids) cannot have changed, since rows with a duplicated id are never merged into
  const changedRows = new Set([...changed.keys()].map((id) => sheetRowById.get(id)));
  const raw = readRegisterRows(sheet, book.header).filter((r) => changedRows.has(r.sheetRow));
  const directory = book.directory();
  const analysis = analyzeRegister(raw, {
    sheet: sheet.name, columns: book.columns(), today, directory: directory.list().length ? directory : undefined, dueSoonDays,
  });
  for (const row of analysis.rows) writeDerived(sheet, book.header, row.sheetRow, row.assignment, row.state);
}
