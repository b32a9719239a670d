/**
 * A finding about one row before it has a sheet and cell address: the shared shape of what
 * `interpretRow` (cell-level) and the row checks produce, which `validateRegister` addresses.
 */
import { REGISTER_FIELDS, type FieldName } from './fields';
import type { Severity } from './types';

/** One problem in one row; `field` is the column it is about (null: the row as a whole). */
export interface RowProblem {
  field: FieldName | null;
  severity: Severity;
  /** Stable machine code, snake_case, e.g. `percent_out_of_range`. */
  code: string;
  fa: string;
  en: string;
}

/** The Persian header of a field (`درصد پیشرفت`), for messages. */
export function fieldHeader(field: FieldName): string {
  return REGISTER_FIELDS.find((f) => f.name === field)?.fa ?? field;
}

/** The English header of a field (`Progress`), for messages. */
export function fieldHeaderEn(field: FieldName): string {
  return REGISTER_FIELDS.find((f) => f.name === field)?.en ?? field;
}

/** Shorthand constructor for an error. */
export function rowError(field: FieldName | null, code: string, fa: string, en: string): RowProblem {
  return { field, severity: 'error', code, fa, en };
}

/** Shorthand constructor for a warning. */
export function rowWarning(field: FieldName | null, code: string, fa: string, en: string): RowProblem {
  return { field, severity: 'warning', code, fa, en };
}
