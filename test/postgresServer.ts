/**
 * A PostgreSQL server for tests. With MOSAVABAT_TEST_PG (a `postgres://…` address of a server
 * the tests may create databases on) that server is used; otherwise a throwaway one is made
 * from Debian's binaries (initdb, pg_ctl) in a temporary folder on a free port, as a plain
 * user (PostgreSQL refuses to run as root: as root the `postgres` system user runs it), and
 * removed afterwards. Missing binaries fail the test at once with one line saying what to
 * install: a store test never passes without PostgreSQL.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, chownSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface TestPostgres {
  /** A new empty database on the server; its address. */
  createDatabase(): Promise<string>;
  /** Drop the databases made and stop the server if this helper started it. */
  stop(): Promise<void>;
}

const DEBIAN_ROOT = '/usr/lib/postgresql';

/** The folder of initdb and pg_ctl: PG_BIN, else Debian's newest version. */
function binDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const versions = existsSync(DEBIAN_ROOT) ? readdirSync(DEBIAN_ROOT).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((v) => join(DEBIAN_ROOT, v, 'bin')).find((dir) => existsSync(join(dir, 'initdb')));
  if (!found) {
    throw new Error('PostgreSQL is missing: apt-get install -y postgresql (or set MOSAVABAT_TEST_PG=postgres://… to a server the tests may use)');
  }
  return found;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Run a PostgreSQL binary as a user it accepts. */
function runAs(user: { uid: number; gid: number } | null, command: string, args: string[]): void {
  execFileSync(command, args, { stdio: 'pipe', ...(user ? { uid: user.uid, gid: user.gid } : {}) });
}

function postgresUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    return { uid, gid };
  } catch {
    throw new Error('running as root and there is no postgres user to run PostgreSQL as: apt-get install -y postgresql (it creates one)');
  }
}

async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface TestPostgresOptions {
  /** A server to use instead of starting one (default MOSAVABAT_TEST_PG). */
  url?: string;
  /** Keep fsync on in a started server (benchmarks); tests turn it off. */
  durable?: boolean;
}

/** Start (or connect to) the test server. */
export async function startTestPostgres(options: TestPostgresOptions = {}): Promise<TestPostgres> {
  const made: string[] = [];
  let adminUrl = options.url ?? process.env.MOSAVABAT_TEST_PG;
  let stopServer = async () => undefined as void;
  if (!adminUrl) {
    const bin = binDir();
    const user = postgresUser();
    const dir = mkdtempSync(join(tmpdir(), 'mosavabat-pg-'));
    if (user) chownSync(dir, user.uid, user.gid);
    chmodSync(dir, 0o700);
    const data = join(dir, 'data');
    const port = await freePort();
    runAs(user, join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '-N']);
    // -w: pg_ctl returns once the server accepts connections (no sleeping in tests)
    runAs(user, join(bin, 'pg_ctl'), ['-D', data, '-w', '-l', join(dir, 'log'), '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=${options.durable ? 'on' : 'off'} -c max_connections=200`, 'start']);
    adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
    stopServer = async () => {
      runAs(user, join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const admin = adminUrl;
  return {
    async createDatabase() {
      const name = `mosavabat_test_${randomBytes(6).toString('hex')}`;
      await withClient(admin, (c) => c.query(`CREATE DATABASE ${name}`));
      made.push(name);
      const url = new URL(admin);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async stop() {
      try {
        await withClient(admin, async (c) => {
          for (const name of made) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        });
      } finally {
        await stopServer();
      }
    },
  };
}
