/**
 * Concurrency: 20 agencies upload their filled returns at the same moment, and two files change
 * the same row: every file is applied or reported as a conflict, and nothing is lost — the
 * store holds every applied value, and the history one line per applied cell.
 */
import request from 'supertest';
import { createApp } from '../server/app';
import { openSqliteStore } from '../adapters/store/sqliteStore';
import { assignment } from './registerHelpers';
import { bearer, closeParser, download, filledReturn, NOW, testParser, upload } from './serviceHelpers';

afterAll(closeParser);

const AGENCIES = Array.from({ length: 20 }, (_, i) => `اداره کل شمارهٔ ${i + 1}`);

test('20 uploads at once from different agencies, and two for the same row', async () => {
  const store = await openSqliteStore(':memory:');
  let tick = 0;
  // each call a second later (same day): every download is its own export
  const app = createApp({ store, now: () => new Date(NOW.getTime() + 1000 * tick++), log: () => undefined, parser: testParser() });
  const rows = AGENCIES.flatMap((agency, a) => [1, 2].map((r) => assignment({ id: `14010409-12-${a * 2 + r}-x${a}`, row: a * 2 + r, agency })));
  await store.addMeeting({
    id: '14010409-12', body: '', title: 'دوازدهمین صورتجلسه', number: 12, date: '1401/04/09', weekday: null, time: null, place: null,
    invitation: { number: null, date: null }, agenda: [],
  }, rows, NOW.toISOString());
  const tokens = await Promise.all(AGENCIES.map(async (agency) => (await store.createToken({ role: 'agency', agency }, NOW.toISOString())).secret));

  const files = await Promise.all(AGENCIES.map(async (agency, a) => {
    const own = (await download(app, '/api/return.xlsx', tokens[a])).body;
    return filledReturn(own, { [`14010409-12-${a * 2 + 1}-x${a}`]: { status: 'در حال انجام', percent: 10 + a, report: `گزارش ${a + 1}` } });
  }));
  // two more copies of the first agency's file, downloaded separately, for its second row
  const [copyA, copyB] = await Promise.all([0, 1].map(async () => (await download(app, '/api/return.xlsx', tokens[0])).body));
  const sameRow = '14010409-12-2-x0';
  const racing = [await filledReturn(copyA, { [sameRow]: { percent: 50 } }), await filledReturn(copyB, { [sameRow]: { percent: 70 } })];

  const answers = await Promise.all([
    ...files.map((bytes, a) => upload(app, '/api/returns', tokens[a], [{ name: `return-${a + 1}.xlsx`, bytes }])),
    ...racing.map((bytes, i) => upload(app, '/api/returns', tokens[0], [{ name: `race-${i}.xlsx`, bytes }])),
  ]);
  expect(answers.map((r) => r.status)).toEqual(Array(22).fill(200));
  const reports = answers.map((r) => r.body.files[0].report);

  for (let a = 0; a < 20; a++) {
    expect([reports[a].outcome, reports[a].cellsApplied, reports[a].conflicts.length]).toEqual(['applied', 3, 0]);
    const row = await store.getAssignment(`14010409-12-${a * 2 + 1}-x${a}`);
    expect([row!.status, row!.percent, row!.report]).toEqual(['in_progress', 10 + a, `گزارش ${a + 1}`]);
  }
  const race = reports.slice(20);
  const winner = race.findIndex((r) => r.outcome === 'applied');
  expect(winner).toBeGreaterThanOrEqual(0);
  const loser = race[1 - winner];
  expect(loser.conflicts.map((c: { id: string; field: string }) => [c.id, c.field])).toEqual([[sameRow, 'percent']]);
  expect((await store.getAssignment(sameRow))!.percent).toBe(winner === 0 ? 50 : 70);

  const applied = reports.reduce((n, r) => n + r.cellsApplied, 0);
  expect(applied).toBe(20 * 3 + 1);
  expect((await store.listHistory()).length).toBe(applied);
  const health = await request(app).get('/api/health');
  expect(health.status).toBe(200);
  const all = await request(app).get('/api/assignments').set(bearer(tokens[5]));
  expect(all.body.assignments.map((r: { id: string }) => r.id)).toEqual(['14010409-12-11-x5', '14010409-12-12-x5']);
}, 120_000);
