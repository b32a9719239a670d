/**
 * The add-in's commands on the open workbook, one named async function each. The ribbon's
 * function file and the task pane both call these; each runs its own Excel.run with at most
 * four context.sync calls whatever the register's size.
 */

/** What a command tells the user: `message` is Persian, shown in the pane or a notification. */
export interface CommandOutcome {
  ok: boolean;
  message: string;
}

/** One validation finding as the pane lists it. */
export interface ValidationItem {
  severity: 'error' | 'warning';
  code: string;
  sheet: string;
  /** A1 address inside `sheet`, e.g. `J12`. */
  cell: string;
  fa: string;
  en: string;
}

/** Validation result: the findings, errors first, plus counts for the pane's badge. */
export interface ValidationOutcome extends CommandOutcome {
  errors: number;
  warnings: number;
  items: ValidationItem[];
}

const NOT_YET = 'این فرمان هنوز آماده نیست.';

/** Colours every register row by its deadline state (conditional formats + state words). */
export async function colorRegister(): Promise<CommandOutcome> {
  return { ok: false, message: NOT_YET };
}

/** Validates the register with core's rules; lists findings by severity with cell addresses. */
export async function validateRegister(): Promise<ValidationOutcome> {
  return { ok: false, message: NOT_YET, errors: 0, warnings: 0, items: [] };
}

/** Creates or refreshes the خلاصه sheet (same numbers as `mosavabat summary`) with a chart. */
export async function writeSummary(): Promise<CommandOutcome> {
  return { ok: false, message: NOT_YET };
}
