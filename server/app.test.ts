import { readFileSync } from 'node:fs';
import request from 'supertest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEED_MINUTES, cli, encodeWindows1256, tempDir } from '../test/helpers';
import { createApp } from './app';
import { openSqliteStore } from './store/sqliteStore';

const seed = readFileSync(SEED_MINUTES);
// 2022-07-05 09:00 Tehran = 1401/04/14: rows due 1401/04/10 are overdue, 04/16 due soon, 05/09 on track
const NOW = new Date('2022-07-05T05:30:00Z');

async function makeApp() {
  const store = await openSqliteStore(':memory:');
  const logged: string[] = [];
  const app = createApp({ store, now: () => NOW, log: (l) => logged.push(l) });
  return { app, store, logged };
}

describe('the HTTP service', () => {
  it('answers health with today in Tehran', async () => {
    const { app } = await makeApp();
    const res = await request(app).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, today: '1401/04/14' });
  });

  it('imports minutes once: 201 with 9 new rows, then 200 adding nothing', async () => {
    const { app } = await makeApp();
    const first = await request(app).post('/api/minutes?name=seed.txt').set('Content-Type', 'text/plain').send(seed);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ meetingId: '14010409-12', added: 9, existing: 0 });
    expect(first.body.resolutions).toHaveLength(6);
    const again = await request(app).post('/api/minutes').set('Content-Type', 'application/octet-stream').send(seed);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ added: 0, existing: 9 });
    const meetings = await request(app).get('/api/meetings');
    expect(meetings.body.meetings).toHaveLength(1);
    expect(meetings.body.meetings[0]).toMatchObject({ id: '14010409-12', number: 12, date: '1401/04/09', rowCount: 9 });
  });

  it('derives each row\'s deadline state as of today, and as of ?today=', async () => {
    const { app } = await makeApp();
    await request(app).post('/api/minutes').send(seed);
    const res = await request(app).get('/api/assignments');
    const states = res.body.assignments.map((a: { row: number; state: string }) => [a.row, a.state]);
    expect(states).toEqual([
      [1, 'on_track'], [2, 'overdue'], [2, 'overdue'], [3, 'on_track'], [3, 'on_track'],
      [4, 'on_track'], [5, 'on_track'], [6, 'due_soon'], [6, 'due_soon'],
    ]);
    const later = await request(app).get('/api/assignments').query({ today: '۱۴۰۱/۰۶/۰۱' });
    expect(new Set(later.body.assignments.map((a: { state: string }) => a.state))).toEqual(new Set(['overdue']));
  });

  it('filters rows by agency however its name is typed', async () => {
    const { app } = await makeApp();
    await request(app).post('/api/minutes').send(seed);
    const res = await request(app).get('/api/assignments').query({ agency: 'فرمانداري كرج' });
    expect(res.body.assignments.map((a: { row: number }) => a.row)).toEqual([1, 2]);
  });

  it('reads Windows-1256 uploads', async () => {
    const { app } = await makeApp();
    const legacy = seed.toString('utf8').replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0)).replace(/ہ/g, 'ه').replace(/\u200c/g, '');
    const res = await request(app).post('/api/minutes').send(encodeWindows1256(legacy));
    expect(res.status).toBe(201);
    expect(res.body.added).toBe(9);
  });

  it.each([
    ['an empty body', Buffer.alloc(0), 400, 'empty_file'],
    ['a binary body', Buffer.from([0, 1, 2, 3, 0]), 400, 'binary_file'],
    ['a damaged .docx', Buffer.from('PK\u0003\u0004xxxx'), 400, 'damaged_file'],
    ['text without resolutions', Buffer.from('سلام'), 400, 'no_resolutions'],
  ])('rejects %s with a Persian message and no stack', async (_what, body, status, code) => {
    const { app, store } = await makeApp();
    const res = await request(app).post('/api/minutes?name=x.txt').set('Content-Type', 'application/octet-stream').send(body);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message).toMatch(/[\u0600-\u06ff]/);
    expect(JSON.stringify(res.body)).not.toMatch(/at .+:\d+:\d+/);
    expect(await store.listMeetings()).toEqual([]);
  });

  it('rejects an impossible ?today= date naming why', async () => {
    const { app } = await makeApp();
    const res = await request(app).get('/api/assignments').query({ today: '1401/07/31' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('۳۰ روز');
  });

  it('answers unknown API routes with a Persian 404', async () => {
    const { app } = await makeApp();
    const res = await request(app).get('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('no_such_route');
  });

  it('serves the right-to-left page and its font locally', async () => {
    const { app } = await makeApp();
    const page = await request(app).get('/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('dir="rtl"');
    expect(page.text).not.toMatch(/https?:\/\//);
    const font = await request(app).get('/fonts/Vazirmatn-Regular.woff2');
    expect(font.status).toBe(200);
    expect(font.body.length).toBeGreaterThan(10000);
  });

  it('hands out the stored meetings as a register workbook that validate reads back with the same states', async () => {
    const { app } = await makeApp();
    await request(app).post('/api/minutes').send(seed);
    const api = await request(app).get('/api/assignments');
    const download = await request(app).get('/api/register.xlsx').buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(download.headers['content-disposition'])).toContain('دفتر مصوبات 1401-04-14.xlsx');
    const path = join(tempDir(), 'register.xlsx');
    writeFileSync(path, download.body as Buffer);
    const validated = await cli('validate', path, '--today', '1401/04/14', '--json');
    const rows = JSON.parse(validated.stdout).rows as Array<{ id: string; state: string }>;
    expect(rows.map((r) => [r.id, r.state])).toEqual(api.body.assignments.map((a: { id: string; state: string }) => [a.id, a.state]));
  });
});
