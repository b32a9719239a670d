/** Use case: colour a register by deadline state (and refresh its summary), into a new file unless asked otherwise. */
import { JalaliDate } from '../core/jalali';
import { DEADLINE_STATES } from '../core/register/state';
import { summarize } from '../core/register/summary';
import { agencyNamer } from '../core/agency';
import type { DeadlineState } from '../core/register/types';
import { openRegister } from '../adapters/xlsx/registerHandle';
import { withFileLocks } from '../adapters/files/registerLock';
import { analyzeBook, chooseOutput, dueSoonWindow, redirectMessage, type RegisterOptions } from './registerCommon';

export interface ColorOptions extends RegisterOptions {
  /** Where to write; absent → `<name>-رنگی.xlsx` beside the input. The input itself only when named here. */
  output?: string;
}

export interface ColorResult {
  output: string;
  /** Which exceljs engine wrote it (see registerHandle). */
  engine: 'whole' | 'stream';
  rows: number;
  counts: Record<DeadlineState, number>;
  errors: number;
  warnings: number;
  /** Why the output is not where the user asked (the input has charts …), Persian and English. */
  notice?: { fa: string; en: string };
}

/**
 * Read the register, derive every row's state on `today`, and write a copy with the state
 * words, fills, live colour rules, dropdowns, legend and summary sheets. The register's
 * `تنظیمات` sheet gives the deadline settings and the due-soon window (`dueSoonDays` overrides
 * the window); a register without one gets it, with the defaults.
 * The register (and the output) stay locked from before the read until after the write.
 * @throws MosavabatError for unreadable registers and unwritable outputs, `output_exists` for an
 *   existing `output` that is not the register (unless `force`), `register_locked`, `register_changed`
 */
export async function colorRegisterFile(input: string, options: ColorOptions = {}): Promise<ColorResult> {
  const today = options.today ?? JalaliDate.today();
  return withFileLocks([input, options.output], () => colorLocked(input, today, options), options.lock);
}

async function colorLocked(input: string, today: JalaliDate, options: ColorOptions): Promise<ColorResult> {
  const book = await openRegister(input, 'write', options.engine);
  const analysis = analyzeBook(book, today, options.dueSoonDays);
  const choice = await chooseOutput(input, options.output, 'رنگی', book.lost, options.force);
  // the colour rules that stay live in the file use the same window as the states written now
  await book.save(choice.path, analysis, summarize(analysis.rows, today, agencyNamer(book.directory())), today, dueSoonWindow(book.settings(), options.dueSoonDays));
  const counts = Object.fromEntries(DEADLINE_STATES.map((s) => [s, 0])) as Record<DeadlineState, number>;
  for (const row of analysis.rows) counts[row.state]++;
  return {
    output: choice.path,
    engine: book.engine,
    rows: analysis.rows.length,
    counts,
    errors: analysis.issues.filter((i) => i.severity === 'error').length,
    warnings: analysis.issues.filter((i) => i.severity === 'warning').length,
    notice: redirectMessage(choice),
  };
}
