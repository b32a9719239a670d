/** Running the numbered migrations (migrations.ts) on either database. */
import { MosavabatError } from '../../core/errors';
import { MIGRATIONS, MIGRATIONS_TABLE, SCHEMA_VERSION, type Migration } from './migrations';

/** Queries a migration run needs, inside the transaction that holds the database. */
export interface MigrationQueries {
  exec(sql: string): Promise<void>;
  versions(): Promise<number[]>;
  record(migration: Migration, at: string): Promise<void>;
}

/**
 * Apply, in order, each migration the database has not had. Called inside one transaction
 * that no other instance can enter at the same time.
 * @returns the versions applied now
 * @throws MosavabatError (`store_too_new`) for a database made by a newer version of the service
 */
export async function applyMigrations(q: MigrationQueries, dialect: 'sqlite' | 'postgres', at: string): Promise<number[]> {
  await q.exec(MIGRATIONS_TABLE);
  const done = new Set(await q.versions());
  const newest = Math.max(0, ...done);
  if (newest > SCHEMA_VERSION) {
    throw new MosavabatError('store_too_new',
      `پایگاه داده با نسخهٔ تازه‌تری از سرویس ساخته شده است (نسخهٔ طرح ${newest}؛ این نسخه تا ${SCHEMA_VERSION} را می‌شناسد)؛ سرویس را به‌روز کنید`,
      `the database was made by a newer version of the service (schema ${newest}; this one knows up to ${SCHEMA_VERSION}); update the service`,
      'unsupported');
  }
  const applied: number[] = [];
  for (const migration of MIGRATIONS) {
    if (done.has(migration.version)) continue;
    await q.exec(dialect === 'sqlite' ? migration.sqlite : migration.postgres);
    await q.record(migration, at);
    applied.push(migration.version);
  }
  return applied;
}
