/**
 * The HTTP service. `createApp` builds the Express app from its collaborators and does not
 * listen: tests call it in-process (supertest), `main.ts` listens.
 * Order: security headers, request log, public health, authentication, the API routes
 * (server/routes.ts), the pages' static files, the one error handler.
 */
import express from 'express';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { JalaliDate } from '../core/jalali/JalaliDate';
import { MosavabatError } from '../core/errors';
import type { RegisterStore } from '../usecases/registerStore';
import { authenticate, type Principal, type TokenVerifier } from './http/auth';
import { errorHandler } from './http/errors';
import { securityHeaders } from './http/headers';
import { fixedWindow, type RateLimiter } from './http/rateLimit';
import { readCache, type ReadCache } from './http/readCache';
import { requestLog } from './http/requestLog';
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits } from './http/uploads';
import { apiRoutes } from './routes';
import { createParsePool, type Parser } from './worker/parsePool';
import { addinStatic } from './addinStatic';

export interface AppOptions {
  store: RegisterStore;
  /** The current instant; a function so tests can fix "today". */
  now?: () => Date;
  /** Where the request log and unexpected errors go (default stderr). */
  log?: (line: string) => void;
  /** Reads uploads off the request thread (default: a shared pool of worker threads). */
  parser?: Parser;
  uploadLimits?: UploadLimits;
  /** Uploads per token per minute (default 60). */
  uploadsPerMinute?: number;
  /** Failed logins per client address per 10 minutes before it is refused for the rest of them (default 20). */
  failedLoginsPer10Minutes?: number;
}

/** What the routes share. */
export interface AppContext {
  store: RegisterStore;
  now: () => Date;
  today: () => JalaliDate;
  parser: Parser;
  uploadLimits: UploadLimits;
  uploads: RateLimiter;
  reads: ReadCache;
}

/** The pages' static files: beside this file in the source tree, or back in `server/` from `dist/`. */
const PUBLIC_DIR = [join(__dirname, 'public'), join(__dirname, '..', '..', 'server', 'public')].find((dir) => existsSync(dir)) ?? join(__dirname, 'public');

/** Largest JSON body (the add-in's sync sends a whole sheet), bytes. */
export const MAX_JSON_BYTES = 8 * 1024 * 1024;

let sharedParser: Parser | undefined;

/** How long a token found valid is believed without asking the store again (a revoked token stops within this). */
export const TOKEN_CACHE_MS = 5_000;

/**
 * The store's token lookup as the auth middleware wants it. Valid tokens are remembered for
 * TOKEN_CACHE_MS (at most 1,000 of them), keyed by their SHA-256, so a busy client does not
 * cost a database query per request; unknown tokens are never remembered.
 */
export function storeVerifier(store: RegisterStore, now: () => number = Date.now): TokenVerifier {
  const known = new Map<string, { principal: Principal; until: number }>();
  return async (token) => {
    const key = createHash('sha256').update(token).digest('base64');
    const hit = known.get(key);
    if (hit && hit.until > now()) return hit.principal;
    known.delete(key);
    const record = await store.findToken(token);
    if (!record || record.revokedAt) return null;
    const principal: Principal = record.role === 'agency' && record.agency
      ? { role: 'agency', tokenId: record.id, label: record.label, agency: record.agency }
      : { role: 'secretariat', tokenId: record.id, label: record.label };
    if (known.size >= 1000) known.delete(known.keys().next().value as string);
    known.set(key, { principal, until: now() + TOKEN_CACHE_MS });
    return principal;
  };
}

export function createApp(options: AppOptions): express.Express {
  const { store, now = () => new Date(), log = (l) => console.error(l) } = options;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const ctx: AppContext = {
    store, now, today: () => JalaliDate.today(now()),
    parser: options.parser ?? (sharedParser ??= createParsePool()),
    uploadLimits: options.uploadLimits ?? DEFAULT_UPLOAD_LIMITS,
    uploads: fixedWindow(options.uploadsPerMinute ?? 60, 60_000),
    reads: readCache(),
  };
  const failures = fixedWindow(options.failedLoginsPer10Minutes ?? 20, 10 * 60_000);

  app.use(securityHeaders);
  app.use(requestLog(log));
  // the Excel add-in on the API's own origin (no CORS; one certificate)
  app.use('/addin', addinStatic());

  app.get('/api/health', (_req, res) => {
    res.json({ ok: true, today: ctx.today().toString() });
  });
  app.use('/api', authenticate(storeVerifier(store), failures));
  app.use('/api', express.json({ limit: MAX_JSON_BYTES, type: ['application/json'] }));
  app.use('/api', apiRoutes(ctx));
  app.use('/api', (_req, _res, next) => {
    next(new MosavabatError('no_such_route', 'چنین نشانی‌ای در سرویس نیست', 'no such API route', 'not_found'));
  });

  app.use('/fonts', express.static(join(require.resolve('vazirmatn/package.json'), '..', 'fonts', 'webfonts'), { maxAge: '7d', index: false }));
  app.use(express.static(PUBLIC_DIR, { index: 'index.html', extensions: ['html'] }));
  app.use((_req, res) => {
    res.status(404).type('text/plain; charset=utf-8').send('یافت نشد — not found');
  });
  app.use(errorHandler(log));
  return app;
}
