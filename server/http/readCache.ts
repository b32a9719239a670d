/**
 * Answers of the read routes (a page of the register as JSON, the summary) kept per register
 * version: the store's version() moves on with every write on any instance, so an answer is
 * reused only while the register is exactly what it was computed from. A client that sends the
 * ETag it has back in If-None-Match gets 304; one that accepts gzip (every browser) gets a
 * large answer compressed, once per version and off the event loop.
 *
 * Requests that miss at the same moment (every client just after a write) share one
 * computation instead of each building the same answer.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Request, Response } from 'express';

/** Answers smaller than this go uncompressed (compressing them saves nothing worth the time). */
const GZIP_FROM_BYTES = 4 * 1024;
const gzipAsync = promisify(gzip);

export interface ReadCache {
  /**
   * Send the JSON answer for `key` at register `version`, computing it only when not kept.
   * @param key what the answer depends on besides the version (path, query, caller, today)
   * @param compute the answer's JSON and the headers that go with it (e.g. a `Link` to the next page)
   */
  send(req: Request, res: Response, key: string, version: number, compute: () => Promise<Computed>): Promise<void>;
}

/** What a read route computes: the JSON, and headers sent with it (with a 304 too). */
export interface Computed {
  json: unknown;
  headers?: Record<string, string>;
}

interface Answer {
  body: Buffer;
  headers: Record<string, string>;
  etag: string;
  gzip?: Promise<Buffer>;
}

/**
 * Values kept per (key, register version): the newest version of each key only, at most
 * `entries` keys (least recently used go first). A computation that fails is forgotten, so the
 * next caller tries again.
 */
export class VersionMemo<T> {
  private readonly kept = new Map<string, { version: number; value: Promise<T> }>();

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
    const entry = { version, value };
    this.kept.delete(key);
    this.kept.set(key, entry);
    if (this.kept.size > this.entries) this.kept.delete(this.kept.keys().next().value as string);
    value.catch(() => {
      if (this.kept.get(key) === entry) this.kept.delete(key);
    });
    return value;
  }
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
      res.set({ ETag: answer.etag, Vary: 'Accept-Encoding', ...answer.headers });
      if (req.headers['if-none-match'] === answer.etag) {
        res.status(304).end();
        return;
      }
      res.type('application/json; charset=utf-8');
      if (answer.body.length >= GZIP_FROM_BYTES && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        answer.gzip ??= gzipAsync(answer.body, { level: 6 });
        res.set('Content-Encoding', 'gzip').send(await answer.gzip);
        return;
      }
      res.send(answer.body);
    },
  };
}
