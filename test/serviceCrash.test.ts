/**
 * Crash safety of the service: the built service runs in a child process and receives agency
 * returns; it is killed (SIGKILL) many times, each time after a different number of
 * acknowledged uploads and with another upload on its way. After each kill the database
 * passes SQLite's integrity check; at the end every acknowledged upload is there entirely
 * (its upload record and one history line per cell it applied).
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import { JalaliDate } from '../core/jalali';
import { comparisonKey } from '../core/text/normalize';
import { openSqliteStore } from '../adapters/store/sqliteStore';
import { storedAgencyReturn } from '../usecases/storedViews';
import { tempDir } from './helpers';
import { assignment } from './registerHelpers';
import { filledReturn, NOW } from './serviceHelpers';
import { startBuiltService } from './serviceProcess';

const ROOT = join(__dirname, '..');
const MAIN = join(ROOT, 'dist', 'server', 'main.js');
const KILLS = 8;
const AGENCIES = ['فرمانداری کرج', 'اداره کل ورزش و جوانان', 'شهرداری کرج'];

interface Upload { name: string; agency: number; index: number; bytes: Buffer; hash: string }


async function send(base: string, token: string, file: Upload): Promise<{ status: number; body: { files: Array<{ status: number; report: { cellsApplied: number } }> } } | undefined> {
  const form = new FormData();
  form.append('file', new Blob([file.bytes]), file.name);
  try {
    const res = await fetch(`${base}/api/returns`, { method: 'POST', body: form, headers: { Authorization: `Bearer ${token}` } });
    return { status: res.status, body: (await res.json()) as { files: Array<{ status: number; report: { cellsApplied: number } }> } };
  } catch {
    return undefined; // the service died under this request: not acknowledged
  }
}

test('kill the service during uploads, many times: integrity ok, every acknowledged upload entirely there', async () => {
  const db = join(tempDir('mosavabat-service-crash-'), 'store.sqlite');
  const store = await openSqliteStore(db);
  const rows = AGENCIES.map((agency, a) => assignment({ id: `14010409-12-${a + 1}-c${a}`, row: a + 1, agency }));
  await store.addMeeting({
    id: '14010409-12', body: '', title: 'دوازدهمین صورتجلسه', number: 12, date: '1401/04/09', weekday: null, time: null, place: null,
    invitation: { number: null, date: null }, agenda: [],
  }, rows, NOW.toISOString());
  const tokens = await Promise.all(AGENCIES.map(async (agency) => (await store.createToken({ role: 'agency', agency }, NOW.toISOString())).secret));
  await store.createToken({ role: 'secretariat' }, NOW.toISOString());
  // each agency's file saved again and again with a new report: each save a later answer
  const queue: Upload[] = [];
  for (let a = 0; a < AGENCIES.length; a++) {
    const blank = (await storedAgencyReturn(store, AGENCIES[a], NOW, JalaliDate.of(1401, 4, 14))).bytes;
    for (let index = 1; index <= 12; index++) {
      const bytes = await filledReturn(blank, { [rows[a].id]: { report: `گزارش ${index}`, percent: index } }, (workbook: ExcelJS.Workbook) => {
        workbook.modified = new Date(NOW.getTime() + index * 60_000);
      });
      queue.push({ name: `a${a}-${index}.xlsx`, agency: a, index, bytes, hash: createHash('sha256').update(bytes).digest('hex') });
    }
  }
  queue.sort((x, y) => x.index - y.index || x.agency - y.agency);
  await store.close();

  const acknowledged: Array<{ file: Upload; cells: number }> = [];
  for (let round = 0; round < KILLS && queue.length; round++) {
    const { child, base } = await startBuiltService(MAIN, db);
    const died = new Promise((resolve) => child.once('exit', resolve));
    try {
      // 1 to 5 acknowledged uploads, then a kill while the next one is on its way
      const target = 1 + ((round * 3) % 5);
      let acks = 0;
      while (acks < target && queue.length) {
        const file = queue.shift()!;
        const answer = await send(base, tokens[file.agency], file);
        if (answer?.status === 200) {
          acknowledged.push({ file, cells: answer.body.files[0].report.cellsApplied });
          acks++;
        } else queue.unshift(file);
      }
      const inFlight = queue.shift();
      if (inFlight) {
        const pending = send(base, tokens[inFlight.agency], inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        child.kill('SIGKILL');
        const answer = await pending;
        if (answer?.status === 200) acknowledged.push({ file: inFlight, cells: answer.body.files[0].report.cellsApplied });
        else queue.unshift(inFlight);
      } else child.kill('SIGKILL');
    } finally {
      child.kill('SIGKILL');
      await died;
    }
    const sqlite = new Database(db);
    try {
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      sqlite.close();
    }
  }

  expect(acknowledged.length).toBeGreaterThanOrEqual(KILLS);
  const after = await openSqliteStore(db);
  try {
    for (const { file, cells } of acknowledged) {
      const record = await after.findUpload(file.hash, comparisonKey(AGENCIES[file.agency]));
      expect([file.name, record?.name]).toEqual([file.name, file.name]);
      const lines = await after.listHistory({ uploadId: record!.id });
      expect([file.name, lines.length]).toEqual([file.name, cells]);
    }
    // each row holds the answer of its last acknowledged save, or of a later one committed as the service died
    for (let a = 0; a < AGENCIES.length; a++) {
      const last = Math.max(0, ...acknowledged.filter((x) => x.file.agency === a).map((x) => x.file.index));
      const row = await after.getAssignment(rows[a].id);
      expect(row!.percent ?? 0).toBeGreaterThanOrEqual(last);
      if (row!.percent !== null) expect(row!.report).toBe(`گزارش ${row!.percent}`);
    }
  } finally {
    await after.close();
  }
}, 240_000);
