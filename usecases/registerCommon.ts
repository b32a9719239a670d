/**
 * What the register use cases share: the Tehran timestamp written to `آخرین به‌روزرسانی`,
 * analysing a register's rows, and choosing where a changed workbook may be written.
 */
import { basename } from 'node:path';
import { MosavabatError } from '../core/errors';
import type { JalaliDate } from '../core/jalali';
import { SHEETS } from '../core/register/fields';
import { analyzeRegister, type RegisterAnalysis } from '../core/register/validate';
import { deadlineSettingsOf, type SettingsRead } from '../core/register/settings';
import { describeLost } from '../adapters/xlsx/inspect';
import type { RegisterBook } from '../adapters/xlsx/registerBook';
import type { Loss, RegisterEngine, RegisterHandle } from '../adapters/xlsx/registerHandle';
import { samePath, siblingPath, writtenByTool } from '../adapters/xlsx/workbookFile';
import { refuseExisting } from '../adapters/files/atomicFile';
import type { LockOptions } from '../adapters/files/registerLock';

/** Options every register use case accepts. */
export interface RegisterOptions {
  /** Today (Asia/Tehran) for states; default JalaliDate.today(). */
  today?: JalaliDate;
  /** "Due soon" window in days; default 7. */
  dueSoonDays?: number;
  /** Force an exceljs engine (tests and the benchmark); default `auto`. */
  engine?: RegisterEngine;
  /** Waiting for another writer's lock on the register (see files/registerLock). */
  lock?: LockOptions;
  /** Replace an existing output file this command did not make (`--force`). */
  force?: boolean;
}

/**
 * The "due soon" window a run uses: the command line's when given, else the register's
 * `تنظیمات` sheet's (default 7).
 */
export function dueSoonWindow(settings: SettingsRead, dueSoonDays?: number): number {
  return dueSoonDays ?? settings.settings.dueSoonDays;
}

/**
 * Validate the rows of an open register (a RegisterHandle or a whole-workbook RegisterBook) and
 * derive their states, with the register's own settings (`تنظیمات`: Thursday, holidays, urgent
 * days, due-soon window). The settings sheet's unreadable cells come first among the issues
 * (they belong to no row, so they are not in `rows[i].issues`).
 * @param dueSoonDays overrides the register's due-soon window for this run
 */
export function analyzeBook(book: RegisterHandle | RegisterBook, today: JalaliDate, dueSoonDays?: number): RegisterAnalysis {
  const directory = book.directory();
  const settings = book.settings();
  const analysis = analyzeRegister(book.rows(), {
    sheet: ('sheetName' in book ? book.sheetName : book.sheet.name) || SHEETS.register,
    columns: book.columns(),
    today,
    directory: directory.list().length ? directory : undefined,
    settings: deadlineSettingsOf(settings.settings),
    dueSoonDays: dueSoonWindow(settings, dueSoonDays),
  });
  return { rows: analysis.rows, issues: [...settings.issues, ...analysis.issues] };
}

/** Where a use case writes, and why it is not where the user asked (when it is not). */
export interface OutputChoice {
  path: string;
  /** Set when the input could not be overwritten because exceljs would lose parts of it. */
  redirected?: { from: string; lost: readonly Loss[] };
}

/**
 * Decide the output path for a changed copy of `input`:
 * - `requested` absent → a new file beside the input with `suffix` (the input is never
 *   modified unless asked);
 * - `requested` is the input itself → in place, unless the input has parts exceljs cannot
 *   write back (charts, pivot tables, slicers …): then a new file beside it, and the caller says so;
 * - `requested` another file that exists → refused (`output_exists`) unless `force`, or unless
 *   this tool wrote it and nobody saved it since (an earlier run's output).
 * @throws MosavabatError `output_exists`
 */
export async function chooseOutput(input: string, requested: string | undefined, suffix: string, lost: readonly Loss[], force?: boolean): Promise<OutputChoice> {
  if (!requested) return { path: await siblingPath(input, suffix) };
  const inPlace = await samePath(input, requested);
  if (lost.length && inPlace) {
    return { path: await siblingPath(input, suffix), redirected: { from: requested, lost } };
  }
  if (!inPlace) await refuseExisting(requested, force, writtenByTool);
  return { path: requested };
}

/** The warning lines for a redirected output, Persian then English. */
export function redirectMessage(choice: OutputChoice): { fa: string; en: string } | undefined {
  if (!choice.redirected) return undefined;
  const lost = describeLost(choice.redirected.lost);
  return {
    fa: `«${basename(choice.redirected.from)}» ${lost.fa} دارد که در فایل نوشته‌شده نمی‌ماند؛ برای اینکه از دست نروند، فایل اصلی دست نخورد و نتیجه در «${basename(choice.path)}» نوشته شد`,
    en: `"${basename(choice.redirected.from)}" has ${lost.en}, which the written file cannot keep; the input was left untouched and the result written to "${basename(choice.path)}"`,
  };
}

/** Refuse to write a file over the register it was made from. */
export async function refuseOverwrite(input: string, output: string, what: { fa: string; en: string }): Promise<void> {
  if (await samePath(input, output)) {
    throw new MosavabatError('output_is_input',
      `فایل خروجی همان فایل ورودی است؛ ${what.fa} روی آن نوشته نمی‌شود. نام دیگری بدهید`,
      `the output is the input file; ${what.en} is not written over it. Choose another name`,
      'bad_input', { file: basename(output) });
  }
}
