/**
 * The one error type the project throws on purpose. Every instance carries a Persian
 * message for the person in front of the screen and an English one for the developer,
 * plus where the problem is (file, sheet, cell). `kind` is what the HTTP layer and the
 * CLI map to a status; nothing else decides that.
 */
export type ErrorKind =
  | 'bad_input' | 'not_found' | 'conflict' | 'unsupported' | 'internal'
  // who may do what, and how much: the service's refusals
  | 'unauthorized' | 'forbidden' | 'too_large' | 'rate_limited' | 'precondition_required';

/** Where in the user's material a problem is; every part optional. */
export interface Location {
  file?: string;
  sheet?: string;
  cell?: string;
}

export class MosavabatError extends Error {
  /**
   * @param code stable machine code, snake_case (e.g. `invalid_date`)
   * @param fa   message in Persian, shown to users
   * @param en   the same message in English, for developers and logs
   * @param kind category used to choose an HTTP status / exit code
   * @param where file, sheet and cell the message is about
   */
  constructor(
    readonly code: string,
    readonly fa: string,
    readonly en: string,
    readonly kind: ErrorKind = 'bad_input',
    readonly where: Location = {},
  ) {
    super(`${fa} — ${en}`);
    this.name = 'MosavabatError';
  }

  /** A copy that also names a file / sheet / cell (keeps what is already set). */
  at(where: Location): MosavabatError {
    return new MosavabatError(this.code, this.fa, this.en, this.kind, { ...where, ...this.where });
  }
}

/** Prefix "file, sheet, cell" in Persian for one-line messages, e.g. `«a.xlsx»، برگه «مصوبات»، خانه H4: `. */
export function describeLocation(where: Location): string {
  const parts: string[] = [];
  if (where.file) parts.push(`فایل «${where.file}»`);
  if (where.sheet) parts.push(`برگه «${where.sheet}»`);
  if (where.cell) parts.push(`خانه ${where.cell}`);
  return parts.length ? parts.join('، ') + ': ' : '';
}
