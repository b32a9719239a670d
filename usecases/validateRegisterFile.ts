/** Use case: check a register workbook and derive each row's deadline state, without writing anything. */
import { JalaliDate } from '../core/jalali';
import type { RegisterAnalysis } from '../core/register/validate';
import { openRegister } from '../adapters/xlsx/registerHandle';
import { analyzeBook, type RegisterOptions } from './registerCommon';

export interface ValidateResult {
  /** The file's base name. */
  file: string;
  sheet: string;
  analysis: RegisterAnalysis;
  errors: number;
  warnings: number;
}

/**
 * Read the register at `path`, validate every row and derive its state on `today`.
 * The file is only read.
 * @throws MosavabatError when the file is not a readable register (see RegisterBook.open)
 */
export async function validateRegisterFile(path: string, options: RegisterOptions = {}): Promise<ValidateResult> {
  const book = await openRegister(path, 'read', options.engine);
  const analysis = analyzeBook(book, options.today ?? JalaliDate.today(), options.dueSoonDays);
  return {
    file: book.file ?? path,
    sheet: book.sheetName,
    analysis,
    errors: analysis.issues.filter((i) => i.severity === 'error').length,
    warnings: analysis.issues.filter((i) => i.severity === 'warning').length,
  };
}
