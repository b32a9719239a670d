/**
 * The store on PostgreSQL (`MOSAVABAT_DB=postgres://…`), for deployments where several service
 * instances share one database. Rows being changed are locked (`SELECT … FOR UPDATE`, in id
 * order), uploads are unique by (hash, scope), settings and directory writes take an advisory
 * lock; a deadlock or serialization failure runs the transaction again.
 */
import { Client, Pool, types, type PoolClient } from 'pg';
import { MosavabatError } from '../../core/errors';
import type { RegisterStore } from '../../usecases/registerStore';
import { applyMigrations } from './migrate';
import type { SqlDriver, SqlQueries } from './sqlDriver';
import { createSqlStore } from './sqlStore';
import { notifiedVersions, tableCounter, VERSIONS_CHANNEL, type Listener } from './versions';

/** PostgreSQL error codes after which a transaction is simply run again. */
const RETRYABLE = new Set(['40001', '40P01']);
/** Runs of one transaction before its error is given up to the caller. */
const ATTEMPTS = 8;
/** The advisory lock held while migrations run (any constant both old and new code use). */
const MIGRATION_LOCK = 4_247_001;
const INT8_OID = 20;

// counts and ids are BIGINT; every one of them fits a double
const typeParser = ((oid: number, format?: string) =>
  oid === INT8_OID ? (value: string) => Number(value) : types.getTypeParser(oid, format as 'text')) as typeof types.getTypeParser;

function queriesOf(client: Pool | PoolClient): SqlQueries {
  return {
    all: async <T>(sql: string, params: readonly unknown[] = []) => (await client.query(sql, params as unknown[])).rows as T[],
    run: async (sql, params = []) => (await client.query(sql, params as unknown[])).rowCount ?? 0,
  };
}

function postgresDriver(pool: Pool): SqlDriver {
  const direct = queriesOf(pool);
  return {
    kind: 'postgres',
    ...direct,
    async transaction(fn) {
      for (let attempt = 1; ; attempt++) {
        const client = await pool.connect();
        let broken: Error | undefined;
        try {
          await client.query('BEGIN');
          const result = await fn(queriesOf(client));
          await client.query('COMMIT');
          return result;
        } catch (error) {
          try {
            await client.query('ROLLBACK');
          } catch (rollbackError) {
            broken = rollbackError as Error;
          }
          const code = (error as { code?: unknown }).code;
          if (!(typeof code === 'string' && RETRYABLE.has(code)) || attempt >= ATTEMPTS) throw error;
        } finally {
          client.release(broken);
        }
      }
    },
    forUpdate: ' FOR UPDATE',
    inList: (column, n) => `${column} = ANY($${n})`,
    listParam: (values) => [...values],
    binaryCollation: '"C"',
    announce: async (tx, versions) => { await tx.all('SELECT pg_notify($1, $2)', [VERSIONS_CHANNEL, `${versions.register} ${versions.tokens}`]); },
    lockNamed: async (tx, name) => { await tx.all('SELECT pg_advisory_xact_lock(hashtext($1))', [name]); },
    close: () => pool.end(),
  };
}

/**
 * Connect to the database at `url` and run the migrations it has not had (one instance at a
 * time: the others wait on an advisory lock).
 * @throws MosavabatError `store_unreachable` (server down, wrong password, no such database),
 *   `store_too_new` for a database a newer service made
 */
export async function openPostgresStore(url: string): Promise<RegisterStore> {
  const pool = new Pool({ connectionString: url, max: 10, types: { getTypeParser: typeParser } });
  // an idle connection the server dropped must not take the service down
  pool.on('error', () => undefined);
  const driver = postgresDriver(pool);
  try {
    await driver.transaction(async (tx) => {
      await tx.all('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      return applyMigrations({
        exec: async (sql) => { await tx.run(sql); },
        versions: async () => (await tx.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version),
        record: async (m, at) => { await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, at]); },
      }, 'postgres', new Date().toISOString());
    });
    return createSqlStore(driver, { versions: notifiedVersions(driver, () => listenFor(url)), countEvents: tableCounter(driver) });
  } catch (error) {
    await pool.end();
    throw error instanceof MosavabatError ? error : unreachable(url, error);
  }
}

/** A connection of its own that LISTENs on VERSIONS_CHANNEL (a pooled one may be handed to anyone). */
async function listenFor(url: string): Promise<Listener> {
  const client = new Client({ connectionString: url });
  const lost: Array<() => void> = [];
  let gone = false;
  const lose = () => {
    gone = true;
    for (const handler of lost.splice(0)) handler();
  };
  // a dropped connection must not take the service down: it is reported as lost and opened again
  client.on('error', lose);
  client.on('end', lose);
  try {
    await client.connect();
    await client.query(`LISTEN ${VERSIONS_CHANNEL}`);
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return {
    onNotification: (handler) => client.on('notification', (message) => handler(message.payload ?? '')),
    onLost: (handler) => {
      if (gone) handler();
      else lost.push(handler);
    },
    close: async () => {
      lost.length = 0;
      gone = true;
      await client.end().catch(() => undefined);
    },
  };
}

/** A PostgreSQL address without its password, for messages and logs. */
export function shownAddress(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

/** A connection or start-up failure as one message naming the database (never its password). */
function unreachable(url: string, error: unknown): MosavabatError {
  const reason = error instanceof Error ? error.message.replaceAll(url, shownAddress(url)) : String(error);
  return new MosavabatError('store_unreachable',
    `پایگاه دادهٔ PostgreSQL در ${shownAddress(url)} در دسترس نیست یا اجازهٔ ورود نمی‌دهد (${reason})`,
    `cannot use the PostgreSQL database at ${shownAddress(url)}: ${reason}`, 'internal');
}
