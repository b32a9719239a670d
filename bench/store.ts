/**
 * The register store on SQLite and PostgreSQL side by side: reading a 10,000-row register,
 * reading one agency's rows, a 20-row update transaction (an agency's return: the upload
 * record, 20 rows compare-and-set, 40 history lines), and 20 such transactions at once.
 *
 *   node dist/bench/store.js [rows] [runs]
 *
 * PostgreSQL: the server at MOSAVABAT_BENCH_PG (a database is created on it and dropped), or a
 * throwaway server from Debian's binaries, as the tests make one. SQLite: a file in a
 * temporary folder (WAL, synchronous=FULL, as the service runs it).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { comparisonKey } from '../core/text/normalize';
import type { Assignment } from '../core/register/types';
import type { RegisterStore } from '../usecases/registerStore';
import { openSqliteStore } from '../adapters/store/sqliteStore';
import { openPostgresStore } from '../adapters/store/postgresStore';
import { startTestPostgres } from '../test/postgresServer';

const ROWS = Number(process.argv[2] ?? 10_000);
const RUNS = Number(process.argv[3] ?? 30);
const AGENCIES = 20;
const PER_MEETING = 100;
const BATCH = 20;

interface Figures {
  readAll: number[];
  readAgency: number[];
  commit: number[];
  concurrent: number;
}

function rowOf(meeting: number, i: number): Assignment {
  return {
    id: `m${meeting}-r${i}`, meeting: `جلسه ${meeting}`, meetingDate: '1402/01/15', row: i + 1, text: `مصوبهٔ ${i + 1} جلسهٔ ${meeting}؛ متن نمونه برای اندازه‌گیری`,
    agency: `دستگاه شمارهٔ ${(meeting * PER_MEETING + i) % AGENCIES}`, deadlineText: 'یک ماه', due: '1402/02/15', status: 'in_progress', percent: 30,
    report: 'گزارش نمونه', doneDate: null, requestedDue: null, requestReason: '', revision: 1, updatedAt: '1402/01/15',
  };
}

async function fill(store: RegisterStore): Promise<void> {
  for (let m = 0; m < ROWS / PER_MEETING; m++) {
    const date = `1402/01/${String(1 + (m % 28)).padStart(2, '0')}`;
    await store.addMeeting({ id: `m${m}`, body: '', title: `جلسه ${m}`, number: m, date, weekday: null, time: null, place: null,
      invitation: { number: null, date: null }, agenda: [] }, Array.from({ length: PER_MEETING }, (_, i) => rowOf(m, i)), new Date().toISOString());
  }
}

let uploads = 0;
/** One agency return: 20 rows of one agency, each with a new report and percent. */
async function commitReturn(store: RegisterStore, rows: readonly Assignment[]): Promise<void> {
  const n = ++uploads;
  const current = await store.listAssignments({ ids: rows.map((r) => r.id) });
  const result = await store.commit({
    at: new Date().toISOString(), updatedAt: '1402/02/01', actor: { kind: 'agency', tokenId: 'bench', agency: rows[0].agency },
    source: { kind: 'upload', file: `return-${n}.xlsx`, exportKey: 'bench', savedAt: new Date().toISOString() },
    upload: { hash: createHash('sha256').update(`bench-${n}`).digest('hex'), scope: 'bench', kind: 'return', name: `return-${n}.xlsx`, size: 20_000 },
    edits: current.map((r) => ({ id: r.id, expectedRevision: r.revision, fields: { report: `گزارش ${n}`, percent: (r.percent! + 1) % 100 } })),
  });
  if (result.outcome !== 'applied' || result.historyLines !== rows.length * 2) throw new Error(`bench commit ${n}: ${result.outcome}`);
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function measure(store: RegisterStore): Promise<Figures> {
  await fill(store);
  const all = await store.listAssignments();
  if (all.length !== ROWS) throw new Error(`expected ${ROWS} rows, read ${all.length}`);
  const byAgency = new Map<string, Assignment[]>();
  for (const row of all) byAgency.set(row.agency, [...(byAgency.get(row.agency) ?? []), row]);
  const groups = [...byAgency.values()];
  const figures: Figures = { readAll: [], readAgency: [], commit: [], concurrent: 0 };
  for (let i = 0; i < RUNS; i++) {
    figures.readAll.push(await time(() => store.listAssignments()));
    figures.readAgency.push(await time(() => store.listAssignments({ agencyKey: comparisonKey(groups[i % AGENCIES][0].agency) })));
    const group = groups[i % AGENCIES];
    const start = (i * BATCH) % (group.length - BATCH);
    figures.commit.push(await time(() => commitReturn(store, group.slice(start, start + BATCH))));
  }
  // 20 agencies at once, 20 rows each
  figures.concurrent = await time(() => Promise.all(groups.slice(0, 20).map((g) => commitReturn(store, g.slice(0, BATCH)))));
  return figures;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.99) - 1)];
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function main(): Promise<void> {
  const results: Array<[string, Figures]> = [];
  const dir = mkdtempSync(join(tmpdir(), 'mosavabat-bench-store-'));
  const sqlite = await openSqliteStore(join(dir, 'bench.sqlite'));
  try {
    results.push(['SQLite (WAL, synchronous=FULL)', await measure(sqlite)]);
  } finally {
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  }
  // a started server keeps fsync on, so both databases make their commits durable
  const server = await startTestPostgres({ url: process.env.MOSAVABAT_BENCH_PG, durable: true });
  try {
    const postgres = await openPostgresStore(await server.createDatabase());
    try {
      results.push([`PostgreSQL${process.env.MOSAVABAT_BENCH_PG ? '' : ' (local throwaway server, fsync on)'}`, await measure(postgres)]);
    } finally {
      await postgres.close();
    }
  } finally {
    await server.stop();
  }
  console.log(`\nstore: ${ROWS} rows, ${AGENCIES} agencies; ${RUNS} runs each (median / p99)\n`);
  console.log('| store | read all rows | read one agency | 20-row update transaction | 20 such at once (total) |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const [name, f] of results) {
    console.log(`| ${name} | ${ms(median(f.readAll))} / ${ms(p99(f.readAll))} | ${ms(median(f.readAgency))} / ${ms(p99(f.readAgency))} | ${ms(median(f.commit))} / ${ms(p99(f.commit))} | ${ms(f.concurrent)} |`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
