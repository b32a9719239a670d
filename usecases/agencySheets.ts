/** Use case: one return workbook per agency from a register, for the agencies to fill and send back. */
import { mkdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { MosavabatError } from '../core/errors';
import { registerAgencies, registerRevision, tehranTime, unreadableCells } from '../core/merge';
import { comparisonKey } from '../core/text';
import { RegisterBook } from '../adapters/xlsx/registerBook';
import { saveWorkbook, writtenByTool } from '../adapters/xlsx/workbookFile';
import { buildReturnWorkbook, returnFileName, type ReturnRowSource } from '../adapters/xlsx/returns/returnBook';
import { addSigningKey, workbookSigningKey } from '../adapters/xlsx/returns/signature';
import { withFileLocks } from '../adapters/files/registerLock';
import { describeLost } from '../adapters/xlsx/inspect';
import { analyzeBook, type RegisterOptions } from './registerCommon';

export interface AgencySheetsOptions extends RegisterOptions {
  /** When the files are made (default now); their date and the recorded time come from it. */
  at?: Date;
  /** Only these agencies (any typing variant); default every agency in the register. */
  agencies?: readonly string[];
  /** Also send rows the secretariat marked `منتفی` (void); default false. */
  includeVoid?: boolean;
}

export interface AgencySheetsResult {
  /** The register's revision the files were made from. */
  registerRevision: number;
  files: Array<{ agency: string; path: string; rows: number }>;
  /** Files already in the folder under the name a new file would take, saved since this tool made them (perhaps filled in): kept, the new file written beside them. */
  kept: Array<{ path: string; instead: string }>;
  /** Rows with no agency, not sent to anyone. */
  rowsWithoutAgency: number;
  /** Void rows left out. */
  voidRows: number;
  /** Set when the files could not be signed (the register cannot be given a key), Persian and English. */
  unsigned?: { fa: string; en: string };
}

/**
 * Read the register and write, into `outDir` (created when missing), one return workbook per
 * agency with that agency's rows (see buildReturnWorkbook). A file of the same name in the
 * folder (same agency, same day) is replaced only when this tool wrote it and nobody saved it
 * since; one that was saved (perhaps filled in by the agency) is kept and the new file gets the
 * next free name (` (2).xlsx` …), listed in `kept`. Each file's hidden sheets are signed with the
 * register's key (see returns/signature), which a register without one gets first, under its
 * lock; a register exceljs cannot rewrite whole (charts …) gets none, and the files are unsigned.
 * @throws MosavabatError also `register_locked`, `register_changed`, `read_only_file` (when the
 *   register must get its key)
 * @throws MosavabatError for an unreadable register, `agency_not_found` when a requested agency
 *   has no rows, `write_failed` for an unwritable folder or file
 */
export async function writeAgencySheets(registerPath: string, outDir: string, options: AgencySheetsOptions = {}): Promise<AgencySheetsResult> {
  // the register may get its signing key: a write, so under its lock
  return withFileLocks([registerPath], () => writeLocked(registerPath, outDir, options), options.lock);
}

async function writeLocked(registerPath: string, outDir: string, options: AgencySheetsOptions): Promise<AgencySheetsResult> {
  const now = new Date();
  const at = options.at ?? now;
  const today = options.today ?? tehranTime(at).date;
  const book = await RegisterBook.open(registerPath);
  let unsigned: AgencySheetsResult['unsigned'];
  let signingKey = workbookSigningKey(book.workbook);
  if (!signingKey && book.lost.length) {
    const lost = describeLost(book.lost);
    unsigned = {
      fa: `دفتر ${lost.fa} دارد و برای نگه داشتن آن بازنویسی نمی‌شود، پس کلید امضا در آن گذاشته نشد؛ فایل‌ها بی‌امضا ساخته شدند و هنگام ادغام، دست‌کاری برگه‌های پنهانشان شناخته نمی‌شود`,
      en: `the register has ${lost.en} and is not rewritten to keep them, so it got no signing key; the files are unsigned and edits of their hidden sheets cannot be detected`,
    };
  } else if (!signingKey) {
    // the real time, not `at`: files made before this moment are the unsigned ones
    signingKey = addSigningKey(book.workbook, now);
    await book.save(registerPath);
  }
  const analysis = analyzeBook(book, today, options.dueSoonDays);
  const all = analysis.rows.map((r) => r.assignment);
  const revision = registerRevision(all);
  // one agency however the register spells it: the directory's aliases name the same agency
  const directory = book.directory();
  const agencyKey = (name: string) => comparisonKey(directory.find(name)?.name ?? name);
  const rawByRow = new Map(book.rows().map((raw) => [raw.sheetRow, raw]));

  let agencies = registerAgencies(all, agencyKey);
  if (options.agencies?.length) {
    const known = new Map(agencies.map((a) => [agencyKey(a), a]));
    agencies = options.agencies.map((wanted) => {
      const found = known.get(agencyKey(wanted));
      if (!found) {
        throw new MosavabatError('agency_not_found', `دستگاه «${wanted}» در دفتر ردیفی ندارد`,
          `agency "${wanted}" has no rows in the register`, 'not_found', { file: basename(registerPath) });
      }
      return found;
    });
  }

  const byAgency = new Map<string, ReturnRowSource[]>();
  let voidRows = 0;
  let rowsWithoutAgency = 0;
  for (const row of analysis.rows) {
    const key = comparisonKey(row.assignment.agency) === '' ? '' : agencyKey(row.assignment.agency);
    if (key === '') {
      rowsWithoutAgency++;
      continue;
    }
    if (row.assignment.status === 'void' && !options.includeVoid) {
      voidRows++;
      continue;
    }
    const list = byAgency.get(key) ?? [];
    list.push({ assignment: row.assignment, state: row.state, invalid: unreadableCells(rawByRow.get(row.sheetRow), row.assignment) });
    byAgency.set(key, list);
  }

  try {
    await mkdir(outDir, { recursive: true });
  } catch (error) {
    throw new MosavabatError('write_failed', `پوشهٔ «${outDir}» ساخته نشد`, `cannot create folder "${outDir}" (${(error as Error).message})`,
      'bad_input', { file: outDir });
  }
  const used = new Set<string>();
  const files: AgencySheetsResult['files'] = [];
  const kept: AgencySheetsResult['kept'] = [];
  for (const agency of agencies) {
    const rows = byAgency.get(agencyKey(agency)) ?? [];
    if (rows.length === 0) continue;
    const first = returnFileName(agency, today);
    let name = first;
    // two spellings that differ only in characters a file name cannot hold; a filled-in file is never replaced
    for (let n = 2; used.has(name.toLowerCase()) || (await filledIn(join(outDir, name))); n++) name = first.replace(/\.xlsx$/, ` (${n}).xlsx`);
    used.add(name.toLowerCase());
    if (name !== first && (await filledIn(join(outDir, first)))) kept.push({ path: join(outDir, first), instead: join(outDir, name) });
    const workbook = await buildReturnWorkbook({
      agency, rows, registerRevision: revision, registerFile: basename(registerPath), madeAt: at, today, signingKey,
    });
    const path = join(outDir, name);
    await saveWorkbook(workbook, path);
    files.push({ agency, path, rows: rows.length });
  }
  return { registerRevision: revision, files, kept, rowsWithoutAgency, voidRows, unsigned };
}

/** Whether a file is there that this tool did not write or someone saved since (a filled-in return). */
async function filledIn(path: string): Promise<boolean> {
  const there = await stat(path).then(() => true, () => false);
  return there && !(await writtenByTool(path));
}

