/**
 * What users see, written out by hand from the product brief, for tests to compare with: the
 * state words and fills the register shows. Tests take expected values from here, never from
 * the tables the code uses, so a wrong word or colour in those tables fails a test.
 */
import type { DeadlineState } from '../core/register/types';

/** The words in the `وضعیت مهلت` column. */
export const STATE_WORDS: Readonly<Record<DeadlineState, string>> = {
  done: 'انجام شده در مهلت',
  done_late: 'انجام شده با تأخیر',
  overdue: 'مهلت گذشته',
  due_soon: 'نزدیک به پایان مهلت',
  on_track: 'در مهلت',
  ongoing: 'مستمر',
  needs_date: 'نیازمند تعیین مهلت',
  void: 'منتفی',
  invalid: 'دارای خطا',
};

/** Each state's cell fill, `RRGGBB`. */
export const STATE_FILLS: Readonly<Record<DeadlineState, string>> = {
  overdue: 'FF7F7F',
  due_soon: 'FFD966',
  on_track: '9DC3E6',
  done: '8FD18F',
  done_late: 'D4E88A',
  ongoing: 'C5A5E8',
  needs_date: 'FFB07A',
  void: 'D9D9D9',
  invalid: 'F08CD8',
};

/** A state's fill as exceljs ARGB. */
export const argb = (state: DeadlineState) => `FF${STATE_FILLS[state]}`;
