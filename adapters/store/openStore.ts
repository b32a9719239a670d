/** The store the service and the CLI use, chosen by MOSAVABAT_DB. */
import { resolve } from 'node:path';
import type { RegisterStore } from '../../usecases/registerStore';
import { openPostgresStore, shownAddress } from './postgresStore';
import { openSqliteStore } from './sqliteStore';

/** Where the store lives when MOSAVABAT_DB is not set (relative to the working directory). */
export const DEFAULT_DB = 'data/mosavabat.sqlite';

const isPostgres = (location: string) => /^postgres(ql)?:\/\//i.test(location);

/**
 * Open the store at `location`: a `postgres://…` (or `postgresql://…`) address, else a SQLite
 * file path (default data/mosavabat.sqlite); the migrations run either way.
 */
export function openStore(location: string | undefined = process.env.MOSAVABAT_DB): Promise<RegisterStore> {
  const value = location?.trim() || DEFAULT_DB;
  return isPostgres(value) ? openPostgresStore(value) : openSqliteStore(value === ':memory:' ? value : resolve(value));
}

/** The store's location for a log line: a PostgreSQL address without its password. */
export function describeStore(location: string | undefined = process.env.MOSAVABAT_DB): string {
  const value = location?.trim() || DEFAULT_DB;
  return isPostgres(value) ? shownAddress(value) : value === ':memory:' ? value : resolve(value);
}
