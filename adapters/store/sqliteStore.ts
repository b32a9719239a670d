/**
 * The embedded default store: one SQLite file (better-sqlite3). WAL journal with
 * synchronous=FULL, so a transaction that returned is on disk even if the machine loses
 * power; the schema's migrations run on open.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MosavabatError } from '../../core/errors';
import type { RegisterStore } from '../../usecases/registerStore';
import { applyMigrations } from './migrate';
import type { SqlDriver, SqlQueries } from './sqlDriver';
import { createSqlStore } from './sqlStore';
import { memoryCounter, storedVersions } from './versions';

/** How long a writer waits for another connection holding the file's write lock (ms). */
const BUSY_WAIT_MS = 30_000;
/**
 * How long a read may wait inside SQLite (ms): readers of a WAL file wait only in rare moments
 * (another connection recovering the file after a crash).
 */
const READ_BUSY_MS = 2_000;
/** Longest pause between two tries to take the write lock (ms). */
const BUSY_STEP_MS = 50;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Take the write lock, waiting without blocking the event loop while another connection (a
 * second process, or a second store on the same file) holds it: SQLite's own busy wait would
 * block this process, and with it the holder when that is in this process too.
 */
async function beginImmediate(db: Database.Database): Promise<void> {
  const begin = db.prepare('BEGIN IMMEDIATE');
  for (let waited = 0, step = 1; ; waited += step, step = Math.min(step * 2, BUSY_STEP_MS)) {
    db.pragma('busy_timeout = 0');
    try {
      begin.run();
      return;
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'SQLITE_BUSY' || waited >= BUSY_WAIT_MS) throw error;
    } finally {
      db.pragma(`busy_timeout = ${READ_BUSY_MS}`);
    }
    await pause(step);
  }
}

interface Prepared {
  statement: Database.Statement;
  /** For each `?`, the index of the `$n` parameter it stands for. */
  order: number[];
}

/** Run one async job at a time: a transaction's steps never interleave with another request's. */
class Queue {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

function sqliteDriver(db: Database.Database): SqlDriver {
  const cache = new Map<string, Prepared>();
  const prepare = (sql: string): Prepared => {
    let prepared = cache.get(sql);
    if (!prepared) {
      const order: number[] = [];
      const text = sql.replace(/\$(\d+)/g, (_, n: string) => {
        order.push(Number(n) - 1);
        return '?';
      });
      prepared = { statement: db.prepare(text), order };
      cache.set(sql, prepared);
    }
    return prepared;
  };
  const bind = (p: Prepared, params: readonly unknown[]) => p.order.map((i) => params[i]);
  const direct: SqlQueries = {
    all: async <T>(sql: string, params: readonly unknown[] = []) => {
      const p = prepare(sql);
      return (p.statement.reader ? p.statement.all(...bind(p, params)) : (p.statement.run(...bind(p, params)), [])) as T[];
    },
    run: async (sql, params = []) => {
      const p = prepare(sql);
      return p.statement.run(...bind(p, params)).changes;
    },
  };
  const queue = new Queue();
  return {
    kind: 'sqlite',
    all: (sql, params) => queue.run(() => direct.all(sql, params)),
    run: (sql, params) => queue.run(() => direct.run(sql, params)),
    transaction: (fn) => queue.run(async () => {
      await beginImmediate(db);
      try {
        const result = await fn(direct);
        db.prepare('COMMIT').run();
        return result;
      } catch (error) {
        if (db.inTransaction) db.prepare('ROLLBACK').run();
        throw error;
      }
    }),
    forUpdate: '',
    inList: (column, n) => `${column} IN (SELECT value FROM json_each($${n}))`,
    listParam: (values) => JSON.stringify(values),
    binaryCollation: 'BINARY',
    announce: async () => undefined,
    lockNamed: async () => undefined,
    close: () => queue.run(async () => { db.close(); }),
  };
}

/**
 * Open (creating when missing) a store at `path`; `':memory:'` for a throwaway one. Runs the
 * migrations the file has not had yet.
 * @throws MosavabatError `store_unusable` when the file cannot be opened (wrong permissions, not
 *   a database), `store_too_new` for a file a newer service made
 */
export async function openSqliteStore(path: string): Promise<RegisterStore> {
  let db: Database.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
  } catch (error) {
    throw unusable(path, error);
  }
  try {
    if (path !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // writers wait in beginImmediate, without blocking the process
    db.pragma(`busy_timeout = ${READ_BUSY_MS}`);
    const driver = sqliteDriver(db);
    await driver.transaction((tx) => applyMigrations({
      exec: async (sql) => { db.exec(sql); },
      versions: async () => (await tx.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version),
      record: async (m, at) => { await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, at]); },
    }, 'sqlite', new Date().toISOString()));
    return createSqlStore(driver, { versions: storedVersions(driver), countEvents: memoryCounter() });
  } catch (error) {
    db.close();
    throw error instanceof MosavabatError ? error : unusable(path, error);
  }
}

/** A file that cannot be opened or is not a database, as one message naming it. */
function unusable(path: string, error: unknown): MosavabatError {
  const reason = error instanceof Error ? error.message : String(error);
  return new MosavabatError('store_unusable', `پایگاه دادهٔ سرویس در «${path}» باز نمی‌شود (${reason})`,
    `cannot open the service's SQLite database at ${path}: ${reason}`, 'internal');
}
