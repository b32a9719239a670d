/**
 * The store's two version numbers (the register's, the tokens') as reads ask for them on every
 * request, and the rate-limit counters. SQLite reads the numbers from the file each time (a
 * local read costs microseconds, and the CLI may write the same file); PostgreSQL learns them
 * from the notification every writing transaction sends at commit (LISTEN/NOTIFY), so a read
 * costs no round trip.
 */
import type { SqlQueries } from './sqlDriver';

/** The register's version and the tokens' version, as one row holds them. */
export interface Versions {
  register: number;
  tokens: number;
}

/** The channel writers notify with the numbers they committed (`"<register> <tokens>"`). */
export const VERSIONS_CHANNEL = 'mosavabat_versions';

export interface VersionSource {
  current(): Promise<Versions>;
  /** Numbers a transaction of this process has committed, told before its caller hears of it. */
  saw(versions: Versions): void;
  close(): Promise<void>;
}

/** The numbers as stored. */
export async function readVersions(q: SqlQueries): Promise<Versions> {
  const [row] = await q.all<{ version: number; tokens_version: number }>('SELECT version, tokens_version FROM register_version WHERE id = 1');
  return { register: Number(row.version), tokens: Number(row.tokens_version) };
}

/** Read from the database on every call. */
export function storedVersions(q: SqlQueries): VersionSource {
  return { current: () => readVersions(q), saw: () => undefined, close: async () => undefined };
}

/** A connection that receives the notifications of one channel. */
export interface Listener {
  /** Called once per notification, with its payload. */
  onNotification(handler: (payload: string) => void): void;
  /** Called once when the connection is lost. */
  onLost(handler: () => void): void;
  close(): Promise<void>;
}

/** The later of two readings, number by number (notifications may arrive after a newer read). */
function later(a: Versions, b: Versions): Versions {
  return { register: Math.max(a.register, b.register), tokens: Math.max(a.tokens, b.tokens) };
}

/**
 * Numbers kept up to date by notifications: a listening connection is opened on first use; once
 * it listens, the numbers are read once and then moved on by each notification and by this
 * process's own commits (so a request that follows a write this process acknowledged never
 * sees an older number). While there is no listening connection (not yet, or lost: it is
 * opened again after `retryMs`), every call reads the database.
 * @param listen opens a connection that LISTENs on VERSIONS_CHANNEL
 */
export function notifiedVersions(q: SqlQueries, listen: () => Promise<Listener>, retryMs = 1_000): VersionSource {
  let known: Versions | undefined;
  let listener: Listener | undefined;
  let opening: Promise<void> | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const open = () => (opening ??= (async () => {
    try {
      const opened = await listen();
      if (closed) {
        await opened.close();
        return;
      }
      let lost = false;
      // what notifications said before the first read came back counts too
      let heard: Versions = { register: 0, tokens: 0 };
      opened.onNotification((payload) => {
        const [register, tokens] = payload.split(' ').map(Number);
        if (!Number.isFinite(register) || !Number.isFinite(tokens)) return;
        heard = later(heard, { register, tokens });
        if (known) known = later(known, heard);
      });
      opened.onLost(() => {
        if (lost) return;
        lost = true;
        known = undefined;
        listener = undefined;
        void opened.close().catch(() => undefined);
        if (!closed) retry = setTimeout(() => { opening = undefined; void open(); }, retryMs).unref();
      });
      // read after LISTEN took effect: a commit from now on is notified, one before is in the read
      const read = await readVersions(q);
      if (!lost) {
        known = later(known ? later(known, read) : read, heard);
        listener = opened;
      }
    } catch {
      if (!closed) retry = setTimeout(() => { opening = undefined; void open(); }, retryMs).unref();
    }
  })());

  return {
    async current() {
      if (known && listener) return known;
      if (!opening) void open();
      const read = await readVersions(q);
      return known ? later(known, read) : read;
    },
    saw(versions) {
      if (known) known = later(known, versions);
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await opening;
      await listener?.close();
      listener = undefined;
    },
  };
}

/** Rate-limit counters (RegisterStore.countEvents). */
export type EventCounter = (kind: string, key: string, windowMs: number, at: number, add: 0 | 1) => Promise<number>;

/** Start of the window of `windowMs` holding `at`. */
const windowStart = (at: number, windowMs: number) => Math.floor(at / windowMs) * windowMs;

/** Counters in this process's memory; windows that have passed are dropped as new ones start. */
export function memoryCounter(): EventCounter {
  const counts = new Map<string, { start: number; count: number }>();
  let sweptAt = 0;
  return async (kind, key, windowMs, at, add) => {
    const start = windowStart(at, windowMs);
    if (at - sweptAt > windowMs) {
      for (const [k, w] of counts) if (w.start + windowMs <= at) counts.delete(k);
      sweptAt = at;
    }
    const id = `${kind}\u0000${windowMs}\u0000${key}`;
    let w = counts.get(id);
    if (!w || w.start !== start) counts.set(id, (w = { start, count: 0 }));
    w.count += add;
    return w.count;
  };
}

/** Counters in the `rate_counts` table; windows that have passed are deleted as new ones start. */
export function tableCounter(q: SqlQueries): EventCounter {
  const sweptWindow = new Map<string, number>();
  return async (kind, key, windowMs, at, add) => {
    const start = windowStart(at, windowMs);
    if (add === 0) {
      const rows = await q.all<{ count: number }>('SELECT count FROM rate_counts WHERE kind = $1 AND key = $2 AND window_start = $3', [kind, key, start]);
      return rows.length ? Number(rows[0].count) : 0;
    }
    if (sweptWindow.get(kind) !== start) {
      sweptWindow.set(kind, start);
      await q.run('DELETE FROM rate_counts WHERE kind = $1 AND window_start < $2', [kind, start]);
    }
    const [row] = await q.all<{ count: number }>(`INSERT INTO rate_counts (kind, key, window_start, count) VALUES ($1, $2, $3, 1)
      ON CONFLICT (kind, key, window_start) DO UPDATE SET count = rate_counts.count + 1 RETURNING count`, [kind, key, start]);
    return Number(row.count);
  };
}
