/**
 * One log line per request when it finishes: time, client address, method, path (never the
 * query string, never a header), status, milliseconds, and who (role and token id, never the token).
 */
import type { RequestHandler } from 'express';
import type { Principal } from './auth';

/**
 * The log line of a finished request.
 * @param url the request's URL (only its path is written)
 * @param ms how long it took
 */
export function logLine(ip: string | undefined, method: string, url: string, status: number, ms: number, who: Principal | undefined): string {
  // the path only: a query string is the client's, and may hold anything
  const path = url.split('?')[0].slice(0, 200);
  return `${new Date().toISOString()} ${ip ?? '-'} ${method} ${path} ${status} ${ms.toFixed(1)}ms ${who ? `${who.role}:${who.tokenId}` : '-'}`;
}

export function requestLog(log: (line: string) => void): RequestHandler {
  return (req, res, next) => {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      log(logLine(req.ip, req.method, req.originalUrl, res.statusCode, Number(process.hrtime.bigint() - start) / 1e6, req.principal));
    });
    next();
  };
}
