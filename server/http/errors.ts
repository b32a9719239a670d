/**
 * The one place errors become HTTP responses. A MosavabatError maps by its kind; the body
 * parsers' own 4xx errors get a Persian message; anything else is a 500 with a generic Persian
 * message (details go to the log, never to the response: no stack trace, no file path).
 */
import type { ErrorRequestHandler } from 'express';
import { type ErrorKind, MosavabatError } from '../../core/errors';

const STATUS: Record<ErrorKind, number> = {
  bad_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported: 415,
  precondition_required: 428,
  rate_limited: 429,
  internal: 500,
};

/** HTTP status for an error kind. */
export function httpStatus(kind: ErrorKind): number {
  return STATUS[kind];
}

/** The JSON body of an error response: `{ error: { code, message (Persian), en, where, ...extra } }`. */
export function errorBody(error: MosavabatError, extra: Record<string, unknown> = {}): { error: Record<string, unknown> } {
  return { error: { code: error.code, message: error.fa, en: error.en, where: error.where, ...extra } };
}

/**
 * A conflict that carries the current state of what the client tried to change (a stale
 * `If-Match`): the 409 body has it as `current`.
 */
export class ConflictWithCurrent extends MosavabatError {
  constructor(fa: string, en: string, readonly current: unknown) {
    super('stale_revision', fa, en, 'conflict');
  }
}

/** Body-parser errors (too large, malformed JSON …) as MosavabatErrors with Persian messages. */
function parserError(error: { status?: number; type?: string }): MosavabatError | undefined {
  if (error.type === 'entity.too.large' || error.status === 413) {
    return new MosavabatError('body_too_large', 'حجم درخواست بیش از اندازهٔ مجاز است', 'request body too large', 'too_large');
  }
  if (error.type === 'entity.parse.failed') {
    return new MosavabatError('bad_json', 'متن درخواست JSON درست نیست', 'the request body is not valid JSON', 'bad_input');
  }
  if (typeof error.status === 'number' && error.status >= 400 && error.status < 500) {
    return new MosavabatError('bad_request', 'درخواست نادرست است', 'bad request', 'bad_input');
  }
  return undefined;
}

export function errorHandler(log: (line: string) => void): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    const known = error instanceof MosavabatError ? error : parserError(error ?? {});
    if (known) {
      const status = httpStatus(known.kind);
      if (status >= 500) log(`error ${known.code}: ${known.en}`);
      res.status(status).json(errorBody(known, error instanceof ConflictWithCurrent ? { current: error.current } : {}));
      return;
    }
    log(`unexpected error: ${error?.stack ?? error}`);
    res.status(500).json({
      error: { code: 'internal', message: 'خطای پیش‌بینی‌نشده در سرور؛ لطفاً دوباره تلاش کنید یا به پشتیبانی خبر دهید', en: 'internal error' },
    });
  };
}
