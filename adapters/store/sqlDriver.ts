/**
 * What the store needs of a database: queries with `$1, $2 …` parameters, transactions, and
 * the few places where SQLite and PostgreSQL are written differently. One store
 * (sqlStore.ts) runs on either driver.
 */
import type { Versions } from './versions';

/** Queries inside or outside a transaction. */
export interface SqlQueries {
  /** Rows of a SELECT (or of a statement with RETURNING). */
  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Run a statement; how many rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
}

export interface SqlDriver extends SqlQueries {
  readonly kind: 'sqlite' | 'postgres';
  /**
   * Run `fn` in one transaction that holds the write lock (SQLite: BEGIN IMMEDIATE;
   * PostgreSQL: rows are locked with `forUpdate`). Commits when `fn` resolves, rolls back
   * when it throws; a PostgreSQL deadlock or serialization failure runs `fn` again.
   */
  transaction<T>(fn: (tx: SqlQueries) => Promise<T>): Promise<T>;
  /** Appended to a SELECT that reads rows about to be changed: ` FOR UPDATE` or nothing. */
  readonly forUpdate: string;
  /** `column` is one of the strings in parameter `$n` (the parameter given by `listParam`). */
  inList(column: string, n: number): string;
  listParam(values: readonly string[]): unknown;
  /** A collation that orders text by code point, the same on both databases. */
  readonly binaryCollation: string;
  /**
   * Inside a transaction that moved the store's version numbers on: tell the other instances at
   * commit (PostgreSQL: NOTIFY on VERSIONS_CHANNEL; SQLite: nothing, its readers read the file).
   */
  announce(tx: SqlQueries, versions: Versions): Promise<void>;
  /** Inside a transaction: wait for other writers of `name` (settings, directory) to finish. */
  lockNamed(tx: SqlQueries, name: string): Promise<void>;
  close(): Promise<void>;
}
