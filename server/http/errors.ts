/**
 * The one place errors become HTTP responses. A MosavabatError maps by its kind; anything
 * else is a 500 with a generic Persian message (details go to the log, never to the page).
 */
import type { ErrorRequestHandler } from 'express';
import { ErrorKind, MosavabatError } from '../../core/errors';

const STATUS: Record<ErrorKind, number> = {
  bad_input: 400,
  not_found: 404,
  conflict: 409,
  unsupported: 415,
  internal: 500,
};

/** HTTP status for an error kind. */
export function httpStatus(kind: ErrorKind): number {
  return STATUS[kind];
}

export function errorHandler(log: (line: string) => void): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    if (error instanceof MosavabatError) {
      res.status(httpStatus(error.kind)).json({ error: { code: error.code, message: error.fa, en: error.en, where: error.where } });
      return;
    }
    // body-parser errors (too large, malformed JSON) carry their own 4xx status
    const status = typeof error?.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) log(`unexpected error: ${error?.stack ?? error}`);
    res.status(status).json({
      error: status === 500
        ? { code: 'internal', message: 'خطای پیش‌بینی‌نشده در سرور؛ لطفاً دوباره تلاش کنید یا به پشتیبانی خبر دهید', en: 'internal error' }
        : { code: 'bad_request', message: 'درخواست نادرست است', en: String(error?.message ?? 'bad request') },
    });
  };
}
