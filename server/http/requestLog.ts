/**
 * One log line per request when it finishes: time, client address, method, path (never the
 * query string, never a header), status, milliseconds, and who (role and token id, never the token).
 */
import type { RequestHandler } from 'express';

export function requestLog(log: (line: string) => void): RequestHandler {
  return (req, res, next) => {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const who = req.principal ? `${req.principal.role}:${req.principal.tokenId}` : '-';
      // the path only: a query string is the client's, and may hold anything
      const path = req.originalUrl.split('?')[0].slice(0, 200);
      log(`${new Date().toISOString()} ${req.ip ?? '-'} ${req.method} ${path} ${res.statusCode} ${ms.toFixed(1)}ms ${who}`);
    });
    next();
  };
}
