/** Use case: the standalone summary workbook for the "review of past resolutions". */
import { JalaliDate } from '../core/jalali';
import { summarize, type RegisterSummary } from '../core/register/summary';
import { agencyNamer } from '../core/agency';
import { openRegister } from '../adapters/xlsx/registerHandle';
import { writeSummaryWorkbook } from '../adapters/xlsx/streamRegister';
import { refuseExisting } from '../adapters/files/atomicFile';
import { writtenByTool } from '../adapters/xlsx/workbookFile';
import { analyzeBook, refuseOverwrite, type RegisterOptions } from './registerCommon';

export interface SummaryResult {
  output: string;
  summary: RegisterSummary;
}

/**
 * Read the register, derive states on `today` and write a new workbook holding only the
 * summary (`خلاصه`: per agency and per meeting counts by state with percent done, legend;
 * `مهلت گذشته`: the overdue list).
 * @throws MosavabatError `output_is_input` when `output` is the register itself, `output_exists` for
 *   an existing workbook the tool did not make (unless `force`), and those of reading/writing
 */
export async function summarizeRegisterFile(input: string, output: string, options: RegisterOptions = {}): Promise<SummaryResult> {
  await refuseOverwrite(input, output, { fa: 'خلاصه', en: 'the summary' });
  await refuseExisting(output, options.force, writtenByTool);
  const today = options.today ?? JalaliDate.today();
  const book = await openRegister(input, 'read', options.engine);
  const analysis = analyzeBook(book, today, options.dueSoonDays);
  const summary = summarize(analysis.rows, today, agencyNamer(book.directory()));
  await writeSummaryWorkbook(output, summary, book.file);
  return { output, summary };
}
