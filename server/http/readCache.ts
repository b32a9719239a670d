/**
 * Answers of the read routes (a page of the register as JSON, the summary) kept per register
 * version: the store's version() moves on with every write on any instance, so an answer is
 * reused only while the register is exactly what it was computed from. A client that sends the
 * ETag it has back in If-None-Match gets 304; one that accepts gzip (every browser) gets a
 * large answer compressed, once per version and off the event loop.
 *
 * Requests that miss at the same moment (every client just after a write) share one
 * computation instead of each building the same answer. A kept answer can also be sent without
 * Express (server/http/fastReads.ts): both ways write the same bytes and headers.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Principal } from './auth';

/** Answers smaller than this go uncompressed (compressing them saves nothing worth the time). */
const GZIP_FROM_BYTES = 4 * 1024;
const gzipAsync = promisify(gzip);

/** What a read route computes: the JSON, and headers sent with it (with a 304 too). */
export interface Computed {
  json: unknown;
  headers?: Record<string, string>;
}

/** A kept answer. */
export interface Answer {
  body: Buffer;
  etag: string;
  headers: Record<string, string>;
  /** The body compressed, once asked for. */
  gzip?: Promise<Buffer>;
  /** The same, once done. */
  gzipped?: Buffer;
}

export interface ReadCache {
  /**
   * Send the JSON answer for `key` at register `version`, computing it only when not kept.
   * @param key readKey(…): what the answer depends on besides the version
   * @param compute the answer's JSON and the headers that go with it (e.g. a `Link` to the next page)
   */
  send(req: IncomingMessage, res: ServerResponse, key: string, version: number, compute: () => Promise<Computed>): Promise<void>;
  /** The answer kept for `key` at `version`, if computed. */
  peek(key: string, version: number): Answer | undefined;
}

/** The query values a read answer depends on (besides the path, the caller and the day). */
export const READ_PARAMS = ['meeting', 'agency', 'state', 'requested', 'limit', 'cursor', 'overdueLimit'] as const;

/**
 * The key of a read answer: the route, the caller's agency (an agency token sees only its
 * rows), the day the states are taken on, and the query's values.
 * @param value a query value as the route reads it (trimmed; undefined when absent or empty)
 */
export function readKey(path: string, who: Principal, day: string, value: (name: string) => string | undefined): string {
  return JSON.stringify([path, who.role === 'agency' ? who.agency : '', day, ...READ_PARAMS.map((name) => value(name) ?? null)]);
}

/**
 * Values kept per (key, register version): the newest version of each key only, at most
 * `entries` keys (least recently used go first). A computation that fails is forgotten, so the
 * next caller tries again.
 */
export class VersionMemo<T> {
  private readonly kept = new Map<string, { version: number; value: Promise<T>; settled?: T }>();

  constructor(private readonly entries: number) {}

  get(key: string, version: number, compute: () => Promise<T>): Promise<T> {
    const hit = this.kept.get(key);
    if (hit && hit.version === version) {
      // most recently used last
      this.kept.delete(key);
      this.kept.set(key, hit);
      return hit.value;
    }
    const value = compute();
    const entry: { version: number; value: Promise<T>; settled?: T } = { version, value };
    this.kept.delete(key);
    this.kept.set(key, entry);
    if (this.kept.size > this.entries) this.kept.delete(this.kept.keys().next().value as string);
    value.then((settled) => {
      entry.settled = settled;
    }, () => {
      if (this.kept.get(key) === entry) this.kept.delete(key);
    });
    return value;
  }

  /** The value for `key` at `version` if it is computed already. */
  peek(key: string, version: number): T | undefined {
    const hit = this.kept.get(key);
    return hit && hit.version === version ? hit.settled : undefined;
  }
}

const acceptsGzip = (req: IncomingMessage) => /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
const compressed = (req: IncomingMessage, answer: Answer) => answer.body.length >= GZIP_FROM_BYTES && acceptsGzip(req);

/** The bytes to send `req`: compressed when it accepts gzip and the answer is large enough; undefined while compressing. */
export function bodyFor(req: IncomingMessage, answer: Answer): Buffer | undefined {
  return compressed(req, answer) ? answer.gzipped : answer.body;
}

/** Write a kept answer (after the security headers): 304 for its own ETag, gzip when accepted and large enough. */
export function writeAnswer(req: IncomingMessage, res: ServerResponse, answer: Answer, body: Buffer): void {
  res.setHeader('ETag', answer.etag);
  res.setHeader('Vary', 'Accept-Encoding');
  for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
  if (req.headers['if-none-match'] === answer.etag) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.statusCode = 200;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  if (body !== answer.body) res.setHeader('Content-Encoding', 'gzip');
  res.setHeader('Content-Length', body.length);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** @param entries answers kept at most (least recently used go first) */
export function readCache(entries = 200): ReadCache {
  const answers = new VersionMemo<Answer>(entries);
  return {
    async send(req, res, key, version, compute) {
      const answer = await answers.get(key, version, async () => {
        const { json, headers = {} } = await compute();
        return { body: Buffer.from(JSON.stringify(json), 'utf8'), headers, etag: `"v${version}-${createHash('sha1').update(key).digest('base64url').slice(0, 12)}"` };
      });
      let body = answer.body;
      if (compressed(req, answer)) {
        answer.gzip ??= gzipAsync(answer.body, { level: 6 }).then((done) => (answer.gzipped = done));
        body = await answer.gzip;
      }
      writeAnswer(req, res, answer, body);
    },
    peek: (key, version) => answers.peek(key, version),
  };
}
