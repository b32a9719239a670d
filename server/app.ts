/**
 * The HTTP service. `createApp` builds the Express app from its collaborators and does not
 * listen: tests call it in-process (supertest), `main.ts` listens.
 * Order: security headers, request log, public health, authentication, the API routes
 * (server/routes.ts), the pages' static files, the one error handler.
 */
import express from 'express';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { RequestListener } from 'node:http';
import { join } from 'node:path';
import { JalaliDate } from '../core/jalali/JalaliDate';
import { MosavabatError } from '../core/errors';
import type { RegisterStore } from '../usecases/registerStore';
import { authenticate, type Principal, type TokenVerifier } from './http/auth';
import { errorHandler } from './http/errors';
import { fastReads } from './http/fastReads';
import { securityHeaders } from './http/headers';
import { storeLimiter, type RateLimiter } from './http/rateLimit';
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

/** Tokens found valid that are remembered at most (the first found goes first). */
const REMEMBERED_TOKENS = 1_000;

/**
 * The store's token lookup as the auth middleware wants it. Valid tokens are remembered, keyed
 * by their SHA-256, for as long as the store's tokens version stays the same: making or revoking
 * any token moves it on and forgets them all, so a revoked token is refused from the next request
 * on. Unknown tokens are never remembered.
 */
export function storeVerifier(store: RegisterStore): TokenVerifier {
  const known = new Map<string, Principal>();
  let knownAt = -1;
  const keyOf = (token: string) => createHash('sha256').update(token).digest('base64');
  /** The tokens version now; a change forgets what was remembered under the old one. */
  const current = async () => {
    const version = await store.tokensVersion();
    if (version !== knownAt) {
      known.clear();
      knownAt = version;
    }
    return version;
  };
  return {
    async remembered(token) {
      await current();
      return known.get(keyOf(token));
    },
    async verify(token) {
      // read before the lookup: a revoke after this read moves the version past it
      const version = await current();
      const record = await store.findToken(token);
      if (!record || record.revokedAt) return null;
      const principal: Principal = record.role === 'agency' && record.agency
        ? { role: 'agency', tokenId: record.id, label: record.label, agency: record.agency }
        : { role: 'secretariat', tokenId: record.id, label: record.label };
      if (version === knownAt) {
        if (known.size >= REMEMBERED_TOKENS) known.delete(known.keys().next().value as string);
        known.set(keyOf(token), principal);
      }
      return principal;
    },
  };
}

/**
 * Today in Tehran at `now()`, asked of Intl once per half hour of UTC: Tehran's offset from UTC
 * (+03:30, and +04:30 while it kept summer time) is a whole number of half hours, so its date
 * cannot change inside one.
 */
export function tehranDay(now: () => Date): () => JalaliDate {
  let kept: { slot: number; day: JalaliDate } | undefined;
  return () => {
    const at = now();
    const slot = Math.floor(at.getTime() / 1_800_000);
    if (kept?.slot !== slot) kept = { slot, day: JalaliDate.today(at) };
    return kept.day;
  };
}

export function createApp(options: AppOptions): express.Express {
  const { store, now = () => new Date(), log = (l) => { process.stderr.write(`${l}\n`); } } = options;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const ctx: AppContext = {
    store, now, today: tehranDay(now),
    parser: options.parser ?? (sharedParser ??= createParsePool()),
    uploadLimits: options.uploadLimits ?? DEFAULT_UPLOAD_LIMITS,
    uploads: storeLimiter(store, 'upload', options.uploadsPerMinute ?? 60, 60_000),
    reads: readCache(),
  };
  const failures = storeLimiter(store, 'failed_login', options.failedLoginsPer10Minutes ?? 20, 10 * 60_000);

  app.use(securityHeaders);
  app.use(requestLog(log));
  // the Excel add-in on the API's own origin (no CORS; one certificate)
  app.use('/addin', addinStatic());

  app.get('/api/health', (_req, res) => {
    res.json({ ok: true, today: ctx.today().toString() });
  });
  const verifier = storeVerifier(store);
  app.use('/api', authenticate(verifier, failures));
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
  fastPaths.set(app, fastReads({ store, reads: ctx.reads, verifier, today: ctx.today, log }));
  return app;
}

/** The fast path of reads (server/http/fastReads.ts) of each app createApp made. */
const fastPaths = new WeakMap<express.Express, ReturnType<typeof fastReads>>();

/**
 * What the HTTP server runs: the kept register and summary reads answered on the fast path, every
 * other request (and any the fast path leaves) by the Express app.
 * @param rest what answers the requests the fast path leaves (default the app itself)
 */
export function requestListener(app: express.Express, rest: RequestListener = app): RequestListener {
  const fast = fastPaths.get(app);
  if (!fast) return rest;
  return (req, res) => {
    fast(req, res).then((answered) => {
      if (!answered) rest(req, res);
    }, () => {
      if (!res.headersSent) rest(req, res);
    });
  };
}
