/**
 * Answers of the read routes (the register as JSON, the summary) kept per register version:
 * the store's version() moves on with every write on any instance, so an answer is reused only
 * while the register is exactly what it was computed from. A client that sends the ETag it
 * has back in If-None-Match gets 304; one that accepts gzip (every browser) gets a large answer
 * compressed, once per version.
 */

/** Answers smaller than this go uncompressed (compressing them saves nothing worth the time). */
const GZIP_FROM_BYTES = 4 * 1024;
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Request, Response } from 'express';

export interface ReadCache {
  /**
   * Send the JSON answer for `key` at register `version`, computing it only when not kept.
   * @param key what the answer depends on besides the version (path, query, caller, today)
   */
  send(req: Request, res: Response, key: string, version: number, compute: () => Promise<unknown>): Promise<void>;
}

/** @param entries answers kept at most (least recently used go first) */
export function readCache(entries = 200): ReadCache {
  const kept = new Map<string, { version: number; body: Buffer; gzip?: Buffer; etag: string }>();
  return {
    async send(req, res, key, version, compute) {
      let hit = kept.get(key);
      if (!hit || hit.version !== version) {
        const body = Buffer.from(JSON.stringify(await compute()), 'utf8');
        const etag = `"v${version}-${createHash('sha1').update(key).digest('base64url').slice(0, 12)}"`;
        hit = { version, body, etag };
        kept.delete(key);
        kept.set(key, hit);
        if (kept.size > entries) kept.delete(kept.keys().next().value as string);
      }
      res.set({ ETag: hit.etag, Vary: 'Accept-Encoding' });
      if (req.get('if-none-match') === hit.etag) {
        res.status(304).end();
        return;
      }
      res.type('application/json; charset=utf-8');
      if (hit.body.length >= GZIP_FROM_BYTES && /\bgzip\b/.test(req.get('accept-encoding') ?? '')) {
        hit.gzip ??= gzipSync(hit.body, { level: 6 });
        res.set('Content-Encoding', 'gzip').send(hit.gzip);
        return;
      }
      res.send(hit.body);
    },
  };
}
