/**
 * The service under load, as `npm start` runs it (the built service in its own process, SQLite
 * in WAL mode, then PostgreSQL when a server can be started), on loopback:
 * - reads with autocannon: pages of the register as JSON, the summary, one agency's or meeting's
 *   rows; the large answers also from a bare Node server sending the same bytes (the floor: what
 *   loopback, Node and autocannon's own client cost on this machine at that moment), with the
 *   server process's CPU per request beside each;
 * - 20 agencies uploading their filled 20-row returns at the same moment into a 10,000-row
 *   register, several rounds: latency per upload, and the peak memory of the service with its
 *   parse workers (the sum of each process's high-water mark, VmHWM).
 *
 *   node dist/bench/service.js [rows] [rounds] [seconds per read]   (rounds 0: reads only)
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import ExcelJS from 'exceljs';
import { JalaliDate } from '../core/jalali/JalaliDate';
import type { Assignment } from '../core/register/types';
import type { RegisterStore } from '../usecases/registerStore';
import { openStore } from '../adapters/store/openStore';
import { startTestPostgres } from '../test/postgresServer';
import { startBuiltService } from '../test/serviceProcess';

const ROWS = Number(process.argv[2] ?? 10_000);
const ROUNDS = Number(process.argv[3] ?? 5);
/** Seconds of load per read. */
const SECONDS = Number(process.argv[4] ?? 5);
const PER_AGENCY = 20;
const UPLOADERS = 20;
const PER_MEETING = 100;
const MAIN = join(__dirname, '..', 'server', 'main.js');
const FLOOR = join(__dirname, 'floorServer.js');

const agencyName = (k: number) => `دستگاه شمارهٔ ${k + 1}`;

const TODAY = JalaliDate.today();

/** Row i: half done, a quarter in progress; due dates from 20 days ago to 40 days ahead (about a tenth overdue). */
function rowOf(i: number): Assignment {
  const meeting = Math.floor(i / PER_MEETING);
  const done = i % 4 < 2;
  return {
    id: `m${meeting}-r${i}`, meeting: `جلسه ${meeting + 1}`, meetingDate: TODAY.addDays(-60).toString(), row: (i % PER_MEETING) + 1,
    text: `مصوبهٔ ${i + 1}: مقرر گردید دستگاه نسبت به پیگیری موضوع اقدام و گزارش آن را به دبیرخانه ارسال نماید`,
    agency: agencyName(Math.floor(i / PER_AGENCY) % Math.ceil(ROWS / PER_AGENCY)), deadlineText: 'یک ماه', due: TODAY.addDays((i % 61) - 20).toString(),
    status: done ? 'done' : i % 4 === 2 ? 'in_progress' : null, percent: done ? 100 : null, report: done ? 'انجام شد' : '',
    doneDate: done ? TODAY.addDays(-30).toString() : null, requestedDue: null, requestReason: '', revision: 1, updatedAt: null,
  };
}

async function fillStore(store: RegisterStore): Promise<string[]> {
  const at = new Date().toISOString();
  for (let m = 0; m * PER_MEETING < ROWS; m++) {
    const rows = Array.from({ length: Math.min(PER_MEETING, ROWS - m * PER_MEETING) }, (_, k) => rowOf(m * PER_MEETING + k));
    await store.addMeeting({
      id: `14020115-${m + 1}`, body: '', title: `جلسه ${m + 1}`, number: m + 1, date: '1402/01/15', weekday: null, time: null, place: null,
      invitation: { number: null, date: null }, agenda: [],
    }, rows, at);
  }
  const tokens = [(await store.createToken({ role: 'secretariat' }, at)).secret];
  for (let k = 0; k < UPLOADERS; k++) tokens.push((await store.createToken({ role: 'agency', agency: agencyName(k) }, at)).secret);
  return tokens;
}


/** The high-water mark of resident memory of a process and its children (MB). */
function peakMb(pid: number): number {
  const hwm = (p: number) => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  let total = hwm(pid);
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    const file = `/proc/${pid}/task/${task}/children`;
    if (!existsSync(file)) continue;
    for (const child of readFileSync(file, 'utf8').split(/\s+/).filter(Boolean)) {
      try {
        total += hwm(Number(child));
      } catch { /* gone */ }
    }
  }
  return total;
}

/** CPU time a process has used so far (user + system), ms; Linux counts it in ticks of 10 ms. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

interface ReadResult {
  rps: number;
  p99: number;
  bytes: number;
  /** The server process's CPU per request, µs. */
  cpuUs: number;
}

/**
 * Wait until a process is quiet (under a tenth of a core over half a second; at most 30 s): the
 * service warms its parse workers (threads of its process, loading exceljs) right after it starts,
 * which would be counted against the first read.
 */
async function quiet(pid: number): Promise<void> {
  for (let tries = 0; tries < 60; tries++) {
    const before = cpuMs(pid);
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (cpuMs(pid) - before < 50) return;
  }
}

/** autocannon against `base + path` for `seconds`, 10 connections, as the holder of `token`. */
async function read(base: string, path: string, token: string, seconds: number, pid: number, gzip = false): Promise<ReadResult> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (gzip) headers['accept-encoding'] = 'gzip';
  // a second first, not counted: the answer computed and kept, the code warmed up
  await autocannon({ url: base + path, connections: 10, duration: 1, headers });
  const before = cpuMs(pid);
  const result = await autocannon({ url: base + path, connections: 10, duration: seconds, headers });
  if (result.non2xx) throw new Error(`${path}: ${result.non2xx} answers were not 2xx`);
  return {
    rps: result.requests.average, p99: result.latency.p99, bytes: result.throughput.average / Math.max(1, result.requests.average),
    cpuUs: (1000 * (cpuMs(pid) - before)) / Math.max(1, result.requests.total),
  };
}

/** The same answer's bytes from a bare Node server (bench/floorServer.ts), under the same load. */
async function floor(base: string, path: string, token: string, seconds: number, gzip: boolean): Promise<ReadResult> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (gzip) headers['accept-encoding'] = 'gzip';
  const answer = await new Promise<{ body: Buffer; encoding: string }>((resolve, reject) => {
    httpGet(base + path, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ body: Buffer.concat(chunks), encoding: String(res.headers['content-encoding'] ?? '') }));
    }).on('error', reject);
  });
  const file = join(mkdtempSync(join(tmpdir(), 'mosavabat-floor-')), 'answer');
  writeFileSync(file, answer.body);
  const child = spawn(process.execPath, [FLOOR, file, answer.encoding], { stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        const found = /floor: (http:\/\/\S+)\//.exec(chunk.toString())?.[1];
        if (found) resolve(found);
      });
      child.once('exit', (code) => reject(new Error(`the floor server stopped (${code})`)));
    });
    return await read(url, path, token, seconds, child.pid!, gzip);
  } finally {
    child.kill('SIGTERM');
    rmSync(dirname(file), { recursive: true, force: true });
  }
}

async function fill(bytes: Buffer, round: number, agency: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const sheet = workbook.getWorksheet('مصوبات')!;
  const header = sheet.getRow(1);
  const col: Record<string, number> = {};
  header.eachCell((cell, c) => { col[String(cell.value)] = c; });
  sheet.eachRow((row, r) => {
    if (r === 1) return;
    row.getCell(col['وضعیت']).value = round % 2 ? 'در حال انجام' : 'انجام نشده';
    row.getCell(col['درصد پیشرفت']).value = Math.min(99, round * 10 + (r % 9));
    row.getCell(col['گزارش اقدام']).value = `گزارش دور ${round} دستگاه ${agency + 1} ردیف ${r}`;
  });
  workbook.modified = new Date(Date.now() + round * 60_000);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function uploads(base: string, tokens: string[]): Promise<{ latencies: number[]; cells: number }> {
  const blanks = await Promise.all(Array.from({ length: UPLOADERS }, async (_, k) => {
    const res = await fetch(`${base}/api/return.xlsx`, { headers: { authorization: `Bearer ${tokens[k + 1]}` } });
    if (!res.ok) throw new Error(`download ${k}: ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  }));
  const latencies: number[] = [];
  let cells = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    const files = await Promise.all(blanks.map((blank, k) => fill(blank, round, k)));
    const answers = await Promise.all(files.map(async (bytes, k) => {
      const form = new FormData();
      form.append('file', new Blob([bytes]), `return-${k + 1}-${round}.xlsx`);
      const start = performance.now();
      const res = await fetch(`${base}/api/returns`, { method: 'POST', body: form, headers: { authorization: `Bearer ${tokens[k + 1]}` } });
      const body = (await res.json()) as { files: Array<{ status: number; report: { cellsApplied: number; conflicts: unknown[] } }> };
      latencies.push(performance.now() - start);
      if (res.status !== 200) throw new Error(`upload ${k}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
      return body.files[0].report;
    }));
    cells += answers.reduce((n, r) => n + r.cellsApplied, 0);
  }
  return { latencies, cells };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

async function benchOne(label: string, db: string): Promise<void> {
  const store = await openStore(db);
  const tokens = await fillStore(store);
  await store.close();
  const { child, base } = await startBuiltService(MAIN, db);
  try {
    const secretariat = tokens[0];
    const pid = child.pid!;
    await quiet(pid);
    // [row name, path, token, gzip, with its floor]
    const reads: Array<[string, string, string, boolean, boolean]> = [
      ['GET /api/assignments (first page: 100 of 10,000 rows), gzip', '/api/assignments', secretariat, true, true],
      ['GET /api/assignments (first page), plain', '/api/assignments', secretariat, false, true],
      ['GET /api/assignments?limit=1000 (largest page), gzip', '/api/assignments?limit=1000', secretariat, true, true],
      ['GET /api/summary (whole register, 100 most-late overdue rows), gzip', '/api/summary', secretariat, true, true],
      ['GET /api/summary, plain', '/api/summary', secretariat, false, true],
      ['GET /api/summary?overdueLimit=all (every overdue row), gzip', '/api/summary?overdueLimit=all', secretariat, true, true],
      ['GET /api/summary?meeting= (100 rows)', '/api/summary?meeting=14020115-7', secretariat, false, false],
      ['GET /api/assignments?agency= (20 rows)', `/api/assignments?agency=${encodeURIComponent(agencyName(7))}`, secretariat, false, false],
      ['GET /api/assignments, agency token (its 20 rows)', '/api/assignments', tokens[1], false, false],
      ['GET /api/assignments?meeting= (100 rows), gzip', '/api/assignments?meeting=14020115-7', secretariat, true, false],
    ];
    const rows: Array<[string, ReadResult]> = [];
    for (const [name, path, token, gzip, withFloor] of reads) {
      rows.push([name, await read(base, path, token, SECONDS, pid, gzip)]);
      if (withFloor) rows.push(['  floor: the same bytes from a bare Node server', await floor(base, path, token, SECONDS, gzip)]);
    }
    const up = ROUNDS > 0 ? await uploads(base, tokens) : undefined;
    const peak = peakMb(pid);
    console.log(`\n${label}: ${ROWS.toLocaleString('en')}-row register`);
    console.log('| read (10 connections) | req/s | p99 ms | server CPU µs/req | bytes sent |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    for (const [name, r] of rows) {
      console.log(`| ${name} | ${Math.round(r.rps).toLocaleString('en')} | ${r.p99} | ${Math.round(r.cpuUs).toLocaleString('en')} | ${Math.round(r.bytes).toLocaleString('en')} |`);
    }
    if (!up) return;
    console.log(`uploads: ${ROUNDS} rounds of ${UPLOADERS} concurrent 20-row returns (${up.latencies.length} uploads, ${up.cells} cells applied): ` +
      `p50 ${Math.round(percentile(up.latencies, 50))} ms, p99 ${Math.round(percentile(up.latencies, 99))} ms, max ${Math.round(Math.max(...up.latencies))} ms; ` +
      `peak RSS of the service and its parse workers ${Math.round(peak)} MB`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mosavabat-service-bench-'));
  try {
    await benchOne('SQLite (WAL, synchronous=FULL)', join(dir, 'store.sqlite'));
    let pg: Awaited<ReturnType<typeof startTestPostgres>> | undefined;
    try {
      pg = await startTestPostgres();
    } catch (error) {
      console.log(`\nPostgreSQL: not measured (${(error as Error).message.split('\n')[0]})`);
    }
    if (pg) {
      try {
        await benchOne('PostgreSQL', await pg.createDatabase());
      } finally {
        await pg.stop();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
