/**
 * The register and summary reads the dashboard and integrations repeat, answered from the read
 * cache without going through Express, whose own routing costs several times what sending a
 * kept answer does. Only the plain case is taken here: a GET of `/api/assignments` or
 * `/api/summary`, a token this process has already found valid (still valid: the tokens version
 * has not moved), a query of known names each given once and no `today`, and an answer kept for
 * the register's version now. Anything else (a first request, a new token, a write since, an
 * agency token naming an agency, any doubt) goes to Express, which checks, computes and keeps the
 * answer; this path sends the same bytes with the same headers and logs the same line.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JalaliDate } from '../../core/jalali/JalaliDate';
import type { RegisterStore } from '../../usecases/registerStore';
import { bearerToken, type TokenVerifier } from './auth';
import { API_HEADERS } from './headers';
import { bodyFor, READ_PARAMS, readKey, writeAnswer, type ReadCache } from './readCache';
import { logLine } from './requestLog';

export interface FastReadParts {
  store: RegisterStore;
  reads: ReadCache;
  verifier: TokenVerifier;
  today: () => JalaliDate;
  log: (line: string) => void;
}

/** The routes taken here, and whether an agency token may read them. */
const ROUTES = new Map<string, { agencies: boolean }>([['/api/assignments', { agencies: true }], ['/api/summary', { agencies: false }]]);
const KNOWN: ReadonlySet<string> = new Set(READ_PARAMS);

/**
 * @returns a handler that answers a request it can and resolves true, or leaves it untouched and
 *   resolves false (then Express must answer it)
 */
export function fastReads(parts: FastReadParts): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  return async (req, res) => {
    const start = process.hrtime.bigint();
    if (req.method !== 'GET') return false;
    const url = req.url ?? '';
    const mark = url.indexOf('?');
    const path = mark < 0 ? url : url.slice(0, mark);
    const route = ROUTES.get(path);
    if (!route) return false;
    const values = new Map<string, string>();
    for (const [name, value] of new URLSearchParams(mark < 0 ? '' : url.slice(mark + 1))) {
      if (!KNOWN.has(name) || values.has(name)) return false;
      values.set(name, value.trim());
    }
    const token = bearerToken(req.headers.authorization);
    const who = token === undefined ? undefined : await parts.verifier.remembered(token);
    if (!who || (who.role === 'agency' && (!route.agencies || values.get('agency')))) return false;
    const key = readKey(path, who, parts.today().toString(), (name) => values.get(name) || undefined);
    const answer = parts.reads.peek(key, await parts.store.version());
    const body = answer && bodyFor(req, answer);
    if (!answer || !body) return false;
    for (const [name, value] of Object.entries(API_HEADERS)) res.setHeader(name, value);
    res.once('finish', () => {
      parts.log(logLine(req.socket.remoteAddress, req.method ?? 'GET', url, res.statusCode, Number(process.hrtime.bigint() - start) / 1e6, who));
    });
    writeAnswer(req, res, answer, body);
    return true;
  };
}
