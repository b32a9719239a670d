/**
 * The service in-process (supertest): every route with every kind of caller, and what each
 * route does with the store.
 */
import request from 'supertest';
import { JalaliDate } from '../core/jalali';
import { OPENAPI } from './http/openapi';
import { createApp, requestListener, storeVerifier, tehranDay } from './app';
import { CONTENT_SECURITY_POLICY } from './http/headers';
import { join } from 'node:path';
import { openSqliteStore } from '../adapters/store/sqliteStore';
import { tempDir } from '../test/helpers';
import { bearer, closeParser, download, EDUCATION, filledReturn, KARAJ, makeService, NOW, SEED, testParser, upload, type Service } from '../test/serviceHelpers';

afterAll(closeParser);

/** The service's request listener, counting the requests the fast path left to Express. */
function countingListener(s: Service) {
  let count = 0;
  const handle = requestListener(s.app, (req, res) => {
    count++;
    s.app(req, res);
  });
  return { handle, byExpress: () => count };
}

/** Ids of the seed's rows by agency (row 1 and 2 are Karaj's, row 6 has Education). */
async function idsOf(s: Service, agency: string): Promise<string[]> {
  const res = await request(s.app).get('/api/assignments').query({ agency }).set(bearer(s.tokens.secretariat));
  return res.body.assignments.map((a: { id: string }) => a.id);
}

type Call = (s: Service, token: string | undefined, ids: { karaj: string; education: string }) => request.Test;

const withToken = (req: request.Test, token?: string) => (token === undefined ? req : req.set(bearer(token)));

/** One sample request per route; `agency` says what Karaj's agency token may do there. */
const ROUTES: Array<{ route: string; call: Call; agency: 'allowed' | 'forbidden' }> = [
  { route: 'GET /api/openapi.json', agency: 'allowed', call: (s, t) => withToken(request(s.app).get('/api/openapi.json'), t) },
  { route: 'GET /api/me', agency: 'allowed', call: (s, t) => withToken(request(s.app).get('/api/me'), t) },
  { route: 'GET /api/palette', agency: 'allowed', call: (s, t) => withToken(request(s.app).get('/api/palette'), t) },
  { route: 'POST /api/minutes', agency: 'forbidden', call: (s, t) => withToken(request(s.app).post('/api/minutes?name=m.txt'), t).set('Content-Type', 'text/plain').send(SEED) },
  { route: 'GET /api/meetings', agency: 'forbidden', call: (s, t) => withToken(request(s.app).get('/api/meetings'), t) },
  { route: 'GET /api/agencies', agency: 'forbidden', call: (s, t) => withToken(request(s.app).get('/api/agencies'), t) },
  { route: 'PUT /api/agencies', agency: 'forbidden', call: (s, t) => withToken(request(s.app).put('/api/agencies'), t).send({ agencies: [] }) },
  { route: 'GET /api/settings', agency: 'forbidden', call: (s, t) => withToken(request(s.app).get('/api/settings'), t) },
  { route: 'PUT /api/settings', agency: 'forbidden', call: (s, t) => withToken(request(s.app).put('/api/settings'), t).send({ urgentDays: 5 }) },
  { route: 'GET /api/assignments', agency: 'allowed', call: (s, t) => withToken(request(s.app).get('/api/assignments'), t) },
  { route: 'GET /api/assignments/{id}', agency: 'allowed', call: (s, t, ids) => withToken(request(s.app).get(`/api/assignments/${ids.karaj}`), t) },
  { route: 'PATCH /api/assignments/{id}', agency: 'forbidden', call: (s, t, ids) => withToken(request(s.app).patch(`/api/assignments/${ids.karaj}`), t).set('If-Match', '"1"').send({ fields: { report: 'بررسی شد' } }) },
  { route: 'POST /api/assignments/{id}/extension', agency: 'forbidden', call: (s, t, ids) => withToken(request(s.app).post(`/api/assignments/${ids.karaj}/extension`), t).set('If-Match', '"1"').send({ decision: 'refuse' }) },
  { route: 'GET /api/assignments/{id}/history', agency: 'allowed', call: (s, t, ids) => withToken(request(s.app).get(`/api/assignments/${ids.karaj}/history`), t) },
  { route: 'GET /api/register.xlsx', agency: 'forbidden', call: (s, t) => withToken(request(s.app).get('/api/register.xlsx'), t) },
  { route: 'POST /api/register', agency: 'forbidden', call: (s, t) => withToken(request(s.app).post('/api/register?name=r.xlsx'), t).set('Content-Type', 'application/octet-stream').send(Buffer.from('x')) },
  { route: 'GET /api/summary', agency: 'forbidden', call: (s, t) => withToken(request(s.app).get('/api/summary'), t) },
  { route: 'GET /api/summary.xlsx', agency: 'forbidden', call: (s, t) => withToken(request(s.app).get('/api/summary.xlsx'), t) },
  { route: 'GET /api/return.xlsx', agency: 'allowed', call: (s, t) => withToken(request(s.app).get('/api/return.xlsx').query(t === s.tokens.secretariat ? { agency: KARAJ } : {}), t) },
  { route: 'POST /api/returns', agency: 'allowed', call: (s, t) => withToken(request(s.app).post('/api/returns?name=r.xlsx'), t).set('Content-Type', 'application/octet-stream').send(Buffer.from('not a workbook')) },
  { route: 'GET /api/history', agency: 'forbidden', call: (s, t) => withToken(request(s.app).get('/api/history'), t) },
  { route: 'GET /api/uploads', agency: 'forbidden', call: (s, t) => withToken(request(s.app).get('/api/uploads'), t) },
  { route: 'POST /api/sync', agency: 'forbidden', call: (s, t) => withToken(request(s.app).post('/api/sync'), t).send({ rows: [] }) },
];

/** Another agency's rows, for the routes an agency token may use. */
const OTHERS: Array<{ route: string; call: Call }> = [
  { route: 'GET /api/assignments?agency=<other>', call: (s, t) => withToken(request(s.app).get('/api/assignments').query({ agency: EDUCATION }), t) },
  { route: 'GET /api/assignments/{other}', call: (s, t, ids) => withToken(request(s.app).get(`/api/assignments/${ids.education}`), t) },
  { route: 'GET /api/assignments/{other}/history', call: (s, t, ids) => withToken(request(s.app).get(`/api/assignments/${ids.education}/history`), t) },
  { route: 'GET /api/return.xlsx?agency=<other>', call: (s, t) => withToken(request(s.app).get('/api/return.xlsx').query({ agency: EDUCATION }), t) },
];

describe('who may do what', () => {
  let s: Service;
  let ids: { karaj: string; education: string };
  beforeAll(async () => {
    // every route is tried once with a wrong token from the same address: more than the default limit of failed logins
    s = await makeService({ failedLoginsPer10Minutes: 1000 });
    ids = { karaj: (await idsOf(s, KARAJ))[0], education: (await idsOf(s, EDUCATION))[0] };
  });

  test('the table covers every documented operation', () => {
    const documented = Object.entries(OPENAPI.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(ROUTES.map((r) => r.route).sort()).toEqual(documented.filter((r) => r !== 'GET /api/health').sort());
  });

  test('health is public', async () => {
    const res = await request(s.app).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, today: '1401/04/14' });
  });

  test.each(ROUTES.map((r) => [r.route, r]))('%s: no token → 401, a wrong token → 401', async (_name, route) => {
    const none = await route.call(s, undefined, ids);
    expect([none.status, none.body.error?.code]).toEqual([401, 'unauthorized']);
    expect(none.body.error.message).toContain('کلید دسترسی');
    const wrong = await route.call(s, 'mosavabat_' + 'x'.repeat(43), ids);
    expect([wrong.status, wrong.body.error?.code]).toEqual([401, 'unauthorized']);
  });

  test.each(ROUTES.map((r) => [r.route, r]))('%s: the agency token as the table says, the secretariat always', async (_name, route) => {
    const agency = await route.call(s, s.tokens.karaj, ids);
    if (route.agency === 'forbidden') expect([agency.status, agency.body.error?.code]).toEqual([403, 'forbidden']);
    else expect(agency.status === 401 || agency.status === 403).toBe(false);
    const secretariat = await route.call(s, s.tokens.secretariat, ids);
    expect(secretariat.status === 401 || secretariat.status === 403).toBe(false);
  });

  test.each(OTHERS.map((r) => [r.route, r]))('%s: another agency\'s rows → 403 for an agency, fine for the secretariat', async (_name, route) => {
    const agency = await route.call(s, s.tokens.karaj, ids);
    expect([agency.status, agency.body.error?.code]).toEqual([403, 'forbidden']);
    const secretariat = await route.call(s, s.tokens.secretariat, ids);
    expect(secretariat.status).toBe(200);
  });

  test('an agency sees only its own rows', async () => {
    const res = await request(s.app).get('/api/assignments').set(bearer(s.tokens.karaj));
    expect(res.body.assignments.map((a: { row: number; agency: string }) => [a.row, a.agency])).toEqual([[1, KARAJ], [2, KARAJ]]);
  });
});

describe('the agency round trip', () => {
  test('download the return, fill it, upload it: applied, in the history, the same file again changes nothing', async () => {
    const s = await makeService();
    const [first, second] = await idsOf(s, KARAJ);
    const file = await download(s.app, '/api/return.xlsx', s.tokens.karaj);
    expect(file.status).toBe(200);
    expect(decodeURIComponent(file.headers['content-disposition'])).toContain('مصوبات - فرمانداری کرج - ۱۴۰۱-۰۴-۱۴.xlsx');
    const filled = await filledReturn(file.body, { [first]: { status: 'در حال انجام', percent: '۴۰٪', report: 'جلسه برگزار شد' } });
    const res = await upload(s.app, '/api/returns', s.tokens.karaj, [{ name: 'کرج.xlsx', bytes: filled }]);
    expect(res.status).toBe(200);
    const report = res.body.files[0].report;
    expect([res.body.files[0].status, report.outcome, report.cellsApplied]).toEqual([200, 'applied', 3]);
    expect(report.applied.map((a: { field: string; new: unknown }) => [a.field, a.new])).toEqual([['status', 'in_progress'], ['percent', 40], ['report', 'جلسه برگزار شد']]);
    const row = (await request(s.app).get(`/api/assignments/${first}`).set(bearer(s.tokens.karaj))).body.row;
    expect([row.status, row.percent, row.report, row.revision]).toEqual(['in_progress', 40, 'جلسه برگزار شد', 2]);
    const untouched = (await request(s.app).get(`/api/assignments/${second}`).set(bearer(s.tokens.karaj))).body.row;
    expect(untouched.revision).toBe(1);
    const history = (await request(s.app).get(`/api/assignments/${first}/history`).set(bearer(s.tokens.secretariat))).body.history;
    expect(history.map((h: { field: string; old: unknown; new: unknown; actor: { kind: string }; source: { file: string } }) =>
      [h.field, h.old || null, h.new || null, h.actor.kind, h.source.file])).toEqual([
      ['status', null, 'in_progress', 'agency', 'کرج.xlsx'], ['percent', null, '40', 'agency', 'کرج.xlsx'], ['report', null, 'جلسه برگزار شد', 'agency', 'کرج.xlsx'],
    ]);
    const again = await upload(s.app, '/api/returns', s.tokens.karaj, [{ name: 'کرج.xlsx', bytes: filled }]);
    expect([again.status, again.body.files[0].duplicate]).toEqual([200, true]);
    expect((await s.store.listHistory()).length).toBe(3);
  });

  test('another agency\'s file is refused whole (422), and a row of another agency inside one\'s own file is refused', async () => {
    const s = await makeService();
    const education = await download(s.app, '/api/return.xlsx', s.tokens.education);
    const [educationId] = await idsOf(s, EDUCATION);
    const theirs = await filledReturn(education.body, { [educationId]: { status: 'انجام شده', doneDate: '1401/04/12' } });
    const res = await upload(s.app, '/api/returns', s.tokens.karaj, [{ name: 'other.xlsx', bytes: theirs }]);
    expect(res.status).toBe(422);
    expect(res.body.files[0].report.rejected[0].code).toBe('wrong_agency');
    expect(res.body.files[0].report.rejected[0].fa).toContain(KARAJ);
    expect((await s.store.getAssignment(educationId))!.status).toBeNull();

    const karaj = await download(s.app, '/api/return.xlsx', s.tokens.karaj);
    const [karajId] = await idsOf(s, KARAJ);
    const sneaky = await filledReturn(karaj.body, { [karajId]: { report: 'انجام شد' } }, (workbook) => {
      const sheet = workbook.getWorksheet('مصوبات')!;
      sheet.getCell('A5').value = educationId;
      sheet.getCell('I5').value = 'انجام شده';
    });
    const mixed = await upload(s.app, '/api/returns', s.tokens.karaj, [{ name: 'mixed.xlsx', bytes: sneaky }]);
    expect(mixed.status).toBe(200);
    const report = mixed.body.files[0].report;
    expect(report.applied.map((a: { id: string; field: string }) => [a.id, a.field])).toEqual([[karajId, 'report']]);
    expect(report.rejected.map((r: { id: string; code: string }) => [r.id, r.code])).toEqual([[educationId, 'other_agency']]);
    expect((await s.store.getAssignment(educationId))!.status).toBeNull();
  });

  test('several files in one request: one bad file does not stop the good one', async () => {
    const s = await makeService();
    const [karajId] = await idsOf(s, KARAJ);
    const file = await download(s.app, '/api/return.xlsx', s.tokens.karaj);
    const good = await filledReturn(file.body, { [karajId]: { percent: 70 } });
    const res = await upload(s.app, '/api/returns', s.tokens.karaj, [
      { name: 'bad.xlsx', bytes: Buffer.from('this is not a workbook') }, { name: 'good.xlsx', bytes: good },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.files.map((f: { file: string; status: number }) => [f.file, f.status])).toEqual([['bad.xlsx', 400], ['good.xlsx', 200]]);
    expect(res.body.files[0].error.message).toContain('xlsx');
    expect((await s.store.getAssignment(karajId))!.percent).toBe(70);
  });

  test('a requested new due date: recorded, listed, then accepted by the secretariat (with If-Match)', async () => {
    const s = await makeService();
    const [karajId] = await idsOf(s, KARAJ);
    const file = await download(s.app, '/api/return.xlsx', s.tokens.karaj);
    await upload(s.app, '/api/returns', s.tokens.karaj, [{ name: 'k.xlsx', bytes: await filledReturn(file.body, { [karajId]: { requestedDue: '۱۴۰۱/۰۶/۱۵', requestReason: 'تعطیلات' } }) }]);
    const pending = await request(s.app).get('/api/assignments').query({ requested: 'true' }).set(bearer(s.tokens.secretariat));
    expect(pending.body.assignments.map((a: { id: string; due: string; requestedDue: string }) => [a.id, a.due, a.requestedDue])).toEqual([[karajId, '1401/05/09', '1401/06/15']]);
    const stale = await request(s.app).post(`/api/assignments/${karajId}/extension`).set(bearer(s.tokens.secretariat)).set('If-Match', '"1"').send({ decision: 'accept' });
    expect([stale.status, stale.body.error.code, stale.body.error.current.revision]).toEqual([409, 'stale_revision', 2]);
    const accepted = await request(s.app).post(`/api/assignments/${karajId}/extension`).set(bearer(s.tokens.secretariat)).set('If-Match', '"2"').send({ decision: 'accept' });
    expect(accepted.status).toBe(200);
    expect([accepted.body.row.due, accepted.body.row.requestedDue, accepted.body.row.requestReason, accepted.body.row.revision]).toEqual(['1401/06/15', null, '', 3]);
    expect(accepted.headers.etag).toBe('"3"');
    const history = (await s.store.listHistory({ assignmentIds: [karajId] })).filter((h) => h.source.kind === 'extension');
    // an emptied text reads as null or '' alike
    expect(history.map((h) => [h.field, h.old || null, h.new || null, h.actor.kind])).toEqual([
      ['due', '1401/05/09', '1401/06/15', 'secretariat'], ['requestedDue', '1401/06/15', null, 'secretariat'], ['requestReason', 'تعطیلات', null, 'secretariat'],
    ]);
    const none = await request(s.app).post(`/api/assignments/${karajId}/extension`).set(bearer(s.tokens.secretariat)).set('If-Match', '"3"').send({ decision: 'refuse' });
    expect([none.status, none.body.error.code]).toEqual([409, 'no_request']);
  });
});

describe('the secretariat edits rows with the revision it read', () => {
  test('If-Match: applied with a new revision; stale → 409 with the current row; missing → 428; a bad value → 400', async () => {
    const s = await makeService();
    const [id] = await idsOf(s, KARAJ);
    const ok = await request(s.app).patch(`/api/assignments/${id}`).set(bearer(s.tokens.secretariat)).set('If-Match', '"1"')
      .send({ fields: { status: 'void', report: 'منتفی شد' } });
    expect([ok.status, ok.body.row.status, ok.body.row.report, ok.body.row.revision, ok.headers.etag]).toEqual([200, 'void', 'منتفی شد', 2, '"2"']);
    const stale = await request(s.app).patch(`/api/assignments/${id}`).set(bearer(s.tokens.secretariat)).set('If-Match', '1').send({ fields: { report: 'دیگر' } });
    expect([stale.status, stale.body.error.code, stale.body.error.current.report, stale.body.error.current.revision]).toEqual([409, 'stale_revision', 'منتفی شد', 2]);
    const missing = await request(s.app).patch(`/api/assignments/${id}`).set(bearer(s.tokens.secretariat)).send({ fields: { report: 'x' } });
    expect([missing.status, missing.body.error.code]).toEqual([428, 'if_match_required']);
    const bad = await request(s.app).patch(`/api/assignments/${id}`).set(bearer(s.tokens.secretariat)).set('If-Match', '"2"').send({ fields: { percent: 'زیاد' } });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'invalid_value']);
    const unknown = await request(s.app).patch('/api/assignments/no-such-row').set(bearer(s.tokens.secretariat)).set('If-Match', '"1"').send({ fields: { report: 'x' } });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'row_not_found']);
    expect((await s.store.getAssignment(id))!.revision).toBe(2);
  });
});

describe('the register in and out', () => {
  test('register as JSON with filters: agency, state, as of a day', async () => {
    const s = await makeService();
    const overdue = await request(s.app).get('/api/assignments').query({ state: 'overdue' }).set(bearer(s.tokens.secretariat));
    expect(overdue.body.assignments.map((a: { row: number }) => a.row)).toEqual([2, 2]);
    const later = await request(s.app).get('/api/assignments').query({ state: 'overdue', today: '۱۴۰۱/۰۶/۰۱', agency: 'فرمانداري كرج' }).set(bearer(s.tokens.secretariat));
    expect(later.body.assignments.map((a: { row: number }) => a.row)).toEqual([1, 2]);
    const bad = await request(s.app).get('/api/assignments').query({ state: 'late' }).set(bearer(s.tokens.secretariat));
    expect([bad.status, bad.body.error.code]).toEqual([400, 'unknown_state']);
  });

  test('summary as JSON and as a workbook', async () => {
    const s = await makeService();
    const res = await request(s.app).get('/api/summary').set(bearer(s.tokens.secretariat));
    // the seed: 9 rows, 2 overdue (row 2), 2 due soon (row 6), 5 on track on 1401/04/14
    expect([res.body.total.total, res.body.total.counts.overdue, res.body.total.counts.due_soon, res.body.total.counts.on_track]).toEqual([9, 2, 2, 5]);
    expect(res.body.overdue.map((o: { row: number; daysLate: number }) => [o.row, o.daysLate])).toEqual([[2, 4], [2, 4]]);
    const book = await download(s.app, '/api/summary.xlsx', s.tokens.secretariat);
    expect([book.status, book.headers['content-type'].includes('spreadsheetml'), book.body.subarray(0, 2).toString()]).toEqual([200, true, 'PK']);
  });

  test('a register workbook uploaded: the secretariat\'s change applied, an agency\'s later report never overwritten', async () => {
    const s = await makeService();
    const [first, second] = await idsOf(s, KARAJ);
    const register = await download(s.app, '/api/register.xlsx', s.tokens.secretariat);
    // meanwhile the agency reports on the first row
    const file = await download(s.app, '/api/return.xlsx', s.tokens.karaj);
    await upload(s.app, '/api/returns', s.tokens.karaj, [{ name: 'k.xlsx', bytes: await filledReturn(file.body, { [first]: { percent: 30 } }) }]);
    // the secretariat edits its (older) copy: the first row's percent, the second row's report
    const edited = await filledReturn(register.body, { [first]: { percent: 90 }, [second]: { report: 'پیگیری تلفنی' } });
    const res = await upload(s.app, '/api/register', s.tokens.secretariat, [{ name: 'دفتر.xlsx', bytes: edited }]);
    expect(res.status).toBe(200);
    const report = res.body.files[0].report;
    expect(report.applied.map((a: { id: string; field: string; new: string }) => [a.id, a.field, a.new])).toEqual([[second, 'report', 'پیگیری تلفنی']]);
    expect(report.conflicts.map((c: { id: string; field: string; base: string; ours: string; theirs: string }) => [c.id, c.field, c.base, c.ours, c.theirs]))
      .toEqual([[first, 'percent', null, '30', '90']]);
    expect(report.conflicts[0].fa).toContain('درصد پیشرفت');
    expect((await s.store.getAssignment(first))!.percent).toBe(30);
    expect((await s.store.getAssignment(second))!.report).toBe('پیگیری تلفنی');
    const again = await upload(s.app, '/api/register', s.tokens.secretariat, [{ name: 'دفتر.xlsx', bytes: edited }]);
    expect(again.body.files[0].duplicate).toBe(true);
  });

  test('the register workbook out is read back with the states the JSON gives', async () => {
    const s = await makeService();
    const register = await download(s.app, '/api/register.xlsx', s.tokens.secretariat);
    expect(decodeURIComponent(register.headers['content-disposition'])).toContain('دفتر مصوبات 1401-04-14.xlsx');
    const res = await upload(s.app, '/api/register', s.tokens.secretariat, [{ name: 'r.xlsx', bytes: register.body }]);
    expect([res.status, res.body.files[0].report.outcome, res.body.files[0].report.rowsRead]).toEqual([200, 'nothing_new', 9]);
  });
});

describe('add-in sync', () => {
  test('rows with their revisions in: merged rows, new revisions, conflicts and the rows the sheet lacks out', async () => {
    const s = await makeService();
    const [first, second] = await idsOf(s, KARAJ);
    await request(s.app).patch(`/api/assignments/${first}`).set(bearer(s.tokens.secretariat)).set('If-Match', '"1"').send({ fields: { report: 'از سرور' } });
    const res = await request(s.app).post('/api/sync').set(bearer(s.tokens.secretariat)).send({
      rows: [
        { id: first, revision: 1, sheetRow: 2, values: { report: 'از اکسل', percent: 20 } },
        { id: second, revision: 1, sheetRow: 3, values: { status: 'در حال انجام' } },
      ],
    });
    expect(res.status).toBe(200);
    const byId = Object.fromEntries(res.body.rows.map((r: { id: string }) => [r.id, r]));
    expect([byId[first].report, byId[first].percent, byId[first].revision]).toEqual(['از سرور', 20, 3]);
    expect([byId[second].status, byId[second].revision, byId[second].state]).toEqual(['in_progress', 2, 'overdue']);
    expect(res.body.conflicts.map((c: { id: string; field: string; ours: string; theirs: string }) => [c.id, c.field, c.ours, c.theirs])).toEqual([[first, 'report', 'از سرور', 'از اکسل']]);
    expect(res.body.missing.length).toBe(7);
    const bad = await request(s.app).post('/api/sync').set(bearer(s.tokens.secretariat)).send({ nothing: true });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'bad_sync']);
  });
});

describe('the HTTP layer', () => {
  test('security headers on pages and API; no X-Powered-By; no stack trace or path in errors', async () => {
    const s = await makeService({ seed: false });
    for (const path of ['/', '/api/health', '/agency.html', '/dashboard.html']) {
      const res = await request(s.app).get(path);
      expect(res.status).toBe(200);
      expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
    const broken = await request(s.app).post('/api/sync').set(bearer(s.tokens.secretariat)).set('Content-Type', 'application/json').send('{"rows": [');
    expect([broken.status, broken.body.error.code]).toEqual([400, 'bad_json']);
    expect(JSON.stringify(broken.body)).not.toMatch(/at .+:\d+:\d+|\/work\/|node_modules|\.ts\b/);
  });

  test('a JSON body over the limit → 413', async () => {
    const s = await makeService({ seed: false });
    const res = await request(s.app).post('/api/sync').set(bearer(s.tokens.secretariat)).set('Content-Type', 'application/json')
      .send(`{"rows":[],"pad":"${'x'.repeat(9 * 1024 * 1024)}"}`);
    expect([res.status, res.body.error.code]).toEqual([413, 'body_too_large']);
  });

  test('failed logins from one address are refused for a while after 20 (429), and uploads per token are limited', async () => {
    const s = await makeService({ seed: false, uploadsPerMinute: 3 });
    for (let i = 0; i < 20; i++) expect((await request(s.app).get('/api/me').set(bearer('mosavabat_wrong' + i))).status).toBe(401);
    const blocked = await request(s.app).get('/api/me').set(bearer(s.tokens.secretariat));
    expect([blocked.status, blocked.body.error.code]).toEqual([429, 'too_many_failures']);

    const t = await makeService({ seed: false, uploadsPerMinute: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await request(t.app).post('/api/returns?name=x.xlsx').set(bearer(t.tokens.karaj)).set('Content-Type', 'application/octet-stream').send(Buffer.from('x'))).status);
    expect(statuses).toEqual([400, 400, 400, 429]);
  });

  test('one log line per request, never a token', async () => {
    const s = await makeService();
    const before = s.logged.length;
    await request(s.app).get('/api/assignments?agency=x').set(bearer(s.tokens.secretariat));
    await request(s.app).get('/api/me').set(bearer('mosavabat_' + 'y'.repeat(43)));
    const lines = s.logged.slice(before);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/ GET \/api\/assignments 200 [\d.]+ms secretariat:[0-9a-f]{12}$/);
    expect(lines[1]).toMatch(/ GET \/api\/me 401 [\d.]+ms -$/);
    for (const token of Object.values(s.tokens)) expect(s.logged.join('\n')).not.toContain(token);
    expect(s.logged.join('\n')).not.toContain('y'.repeat(43));
  });

  test('read answers carry an ETag of the register version: 304 while nothing changed, a new one after a change; gzip when accepted', async () => {
    const s = await makeService();
    const first = await request(s.app).get('/api/summary').set(bearer(s.tokens.secretariat));
    const etag = first.headers.etag;
    expect(etag).toMatch(/^"v\d+-/);
    const same = await request(s.app).get('/api/summary').set(bearer(s.tokens.secretariat)).set('If-None-Match', etag);
    expect(same.status).toBe(304);
    const [id] = await idsOf(s, KARAJ);
    await request(s.app).patch(`/api/assignments/${id}`).set(bearer(s.tokens.secretariat)).set('If-Match', '"1"').send({ fields: { status: 'done', doneDate: '1401/04/12' } });
    const changed = await request(s.app).get('/api/summary').set(bearer(s.tokens.secretariat)).set('If-None-Match', etag);
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.body.total.done).toBe(1);
    const raw = await request(s.app).get('/api/assignments').set(bearer(s.tokens.secretariat)).set('Accept-Encoding', 'gzip')
      .buffer(true).parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(raw.headers['content-encoding']).toBe('gzip');
    // supertest has inflated it already
    expect(JSON.parse((raw.body as Buffer).toString('utf8')).assignments).toHaveLength(9);
  });

  test('the register as JSON comes in pages: limit rows each, next page by cursor, in register order', async () => {
    const s = await makeService();
    const get = (path: string) => request(s.app).get(path).set(bearer(s.tokens.secretariat));
    const all = (await get('/api/assignments')).body;
    // the seed's 9 rows fit the default page of 100
    expect([all.total, all.assignments.length, all.next]).toEqual([9, 9, null]);
    const first = await get('/api/assignments?limit=4');
    expect([first.body.total, first.body.assignments.length]).toEqual([9, 4]);
    expect(first.body.next).toMatch(/^\/api\/assignments\?limit=4&cursor=[\w-]+$/);
    expect(first.headers.link).toBe(`<${first.body.next}>; rel="next"`);
    const second = (await get(first.body.next)).body;
    const third = (await get(second.next)).body;
    expect([second.assignments.length, third.assignments.length, third.next]).toEqual([4, 1, null]);
    const paged = [...first.body.assignments, ...second.assignments, ...third.assignments].map((a: { id: string }) => a.id);
    expect(paged).toEqual(all.assignments.map((a: { id: string }) => a.id));

    const badLimit = await get('/api/assignments?limit=1001');
    expect([badLimit.status, badLimit.body.error.code]).toEqual([400, 'bad_number']);
    const badCursor = await get('/api/assignments?cursor=bm8tc3VjaC1yb3c');
    expect([badCursor.status, badCursor.body.error.code]).toEqual([400, 'bad_cursor']);
  });

  test('a cursor stays good when its row has left the filter since', async () => {
    const s = await makeService();
    const get = (path: string) => request(s.app).get(path).set(bearer(s.tokens.secretariat));
    // on 1401/04/14 the seed has 5 rows on track
    const onTrack = (await get('/api/assignments?state=on_track')).body.assignments.map((a: { id: string }) => a.id);
    expect(onTrack).toHaveLength(5);
    const first = (await get('/api/assignments?state=on_track&limit=2')).body;
    const last = first.assignments[1];
    // the page's last row is done now: it is no longer on track
    const done = await request(s.app).patch(`/api/assignments/${last.id}`).set(bearer(s.tokens.secretariat)).set('If-Match', `"${last.revision}"`)
      .send({ fields: { status: 'done', percent: 100, doneDate: '1401/04/14' } });
    expect(done.status).toBe(200);
    const next = (await get(first.next)).body;
    // limit=2 again: the two on-track rows after the done one
    expect(next.assignments.map((a: { id: string }) => a.id)).toEqual(onTrack.slice(2, 4));
    expect(next.total).toBe(4);
  });

  test('the summary lists the most-late overdue rows unless asked for all, and says how many there are', async () => {
    const s = await makeService();
    const get = (query: string) => request(s.app).get(`/api/summary${query}`).set(bearer(s.tokens.secretariat));
    const one = await get('?overdueLimit=1');
    expect([one.body.overdue.length, one.body.overdueTotal, one.body.total.counts.overdue]).toEqual([1, 2, 2]);
    const all = await get('?overdueLimit=all');
    expect([all.body.overdue.length, all.body.overdueTotal]).toEqual([2, 2]);
    const none = await get('?overdueLimit=0');
    expect([none.body.overdue.length, none.body.overdueTotal]).toEqual([0, 2]);
    const bad = await get('?overdueLimit=many');
    expect([bad.status, bad.body.error.code]).toEqual([400, 'bad_number']);
  });

  test('kept register and summary answers go out without Express: the same status, bytes and headers, and the same log line', async () => {
    const s = await makeService();
    const listener = countingListener(s);
    const secretariat = bearer(s.tokens.secretariat);
    const karaj = bearer(s.tokens.karaj);
    const asked: Array<[string, Record<string, string>]> = [
      ['/api/assignments', secretariat], ['/api/assignments?limit=4', secretariat], ['/api/assignments?state=overdue&limit=1', secretariat],
      ['/api/summary', secretariat], ['/api/summary?overdueLimit=1', secretariat], ['/api/assignments', karaj],
      ['/api/assignments?limit=5', { ...secretariat, 'Accept-Encoding': 'gzip' }], ['/api/summary?overdueLimit=all', { ...secretariat, 'Accept-Encoding': 'gzip' }],
    ];
    for (const [path, headers] of asked) {
      const get = () => request(listener.handle).get(path).set(headers);
      const before = listener.byExpress();
      const first = await get();
      // the first computes the answer (Express); the second is sent from what was kept
      expect(listener.byExpress()).toBe(before + 1);
      const second = await get();
      expect(listener.byExpress()).toBe(before + 1);
      expect(second.status).toBe(200);
      expect(second.body).toEqual(first.body);
      for (const name of ['etag', 'content-type', 'content-encoding', 'link', 'vary', 'content-security-policy', 'cache-control', 'x-frame-options', 'access-control-allow-origin']) {
        expect([name, second.headers[name]]).toEqual([name, first.headers[name]]);
      }
      const notModified = await request(listener.handle).get(path).set(headers).set('If-None-Match', first.headers.etag);
      expect(notModified.status).toBe(304);
      expect(listener.byExpress()).toBe(before + 1);
    }
    // the last three: the summary by Express, then sent from what was kept, then 304
    const [byApp, kept, notModified] = s.logged.slice(-3).map((l) => l.replace(/^\S+ /, '').replace(/ [\d.]+ms /, ' '));
    expect(kept).toBe(byApp);
    expect(byApp).toMatch(/^\S+ GET \/api\/summary 200 secretariat:[0-9a-f]{12}$/);
    expect(notModified).toBe(byApp.replace(' 200 ', ' 304 '));
  });

  test('the fast path leaves to Express what it cannot answer as Express would', async () => {
    const s = await makeService();
    const listener = countingListener(s);
    const get = (path: string, token: string) => request(listener.handle).get(path).set(bearer(token));
    // kept answers for the secretariat, then asks each of which goes to Express
    await get('/api/summary', s.tokens.secretariat);
    await get('/api/assignments', s.tokens.karaj);
    const cases: Array<[string, string, number]> = [
      ['/api/summary', s.tokens.karaj, 403], // an agency token may not read the summary
      [`/api/assignments?agency=${encodeURIComponent(EDUCATION)}`, s.tokens.karaj, 403], // nor another agency's rows
      ['/api/assignments?today=1401/06/01', s.tokens.secretariat, 200], // another day
      ['/api/assignments?limit=2&limit=3', s.tokens.secretariat, 200], // a name given twice
      ['/api/summary', 'mosavabat_' + 'y'.repeat(43), 401], // a token never seen
    ];
    for (const [path, token, status] of cases) {
      const before = listener.byExpress();
      expect([path, (await get(path, token)).status]).toEqual([path, status]);
      expect([path, listener.byExpress()]).toEqual([path, before + 1]);
    }
    // a write moves the version on: the next read is computed again
    const [row] = (await get('/api/assignments', s.tokens.karaj)).body.assignments;
    await request(listener.handle).patch(`/api/assignments/${row.id}`).set(bearer(s.tokens.secretariat)).set('If-Match', `"${row.revision}"`).send({ fields: { report: 'تازه' } });
    const before = listener.byExpress();
    const after = await get('/api/assignments', s.tokens.karaj);
    expect([after.body.assignments[0].report, listener.byExpress()]).toEqual(['تازه', before + 1]);
  });

  test('a revoked token is refused from the next request on, also when another process (the CLI) revokes it', async () => {
    const path = join(tempDir('mosavabat-revoke-'), 'store.sqlite');
    const store = await openSqliteStore(path);
    const app = createApp({ store, now: () => NOW, log: () => undefined, parser: testParser() });
    const made = await store.createToken({ role: 'agency', agency: KARAJ }, NOW.toISOString());
    try {
      // the second answer comes from the remembered token
      expect((await request(app).get('/api/me').set(bearer(made.secret))).status).toBe(200);
      expect((await request(app).get('/api/me').set(bearer(made.secret))).status).toBe(200);
      const cli = await openSqliteStore(path);
      expect(await cli.revokeToken(made.token.id, NOW.toISOString())).toBe(true);
      await cli.close();
      const res = await request(app).get('/api/me').set(bearer(made.secret));
      expect([res.status, res.body.error.code]).toEqual([401, 'unauthorized']);
    } finally {
      await store.close();
    }
  });

  test('a token found valid is remembered until any token is made or revoked', async () => {
    const s = await makeService({ seed: false });
    const verifier = storeVerifier(s.store);
    expect(await verifier.remembered(s.tokens.karaj)).toBeUndefined();
    expect(await verifier.verify(s.tokens.karaj)).toMatchObject({ role: 'agency', agency: KARAJ });
    expect(await verifier.remembered(s.tokens.karaj)).toMatchObject({ role: 'agency', agency: KARAJ });
    await s.store.createToken({ role: 'secretariat' }, NOW.toISOString());
    expect(await verifier.remembered(s.tokens.karaj)).toBeUndefined();
    expect(await verifier.verify('mosavabat_' + 'x'.repeat(43))).toBeNull();
    expect(await verifier.remembered('mosavabat_' + 'x'.repeat(43))).toBeUndefined();
  });

  test('a blocked address still gets through with a token this process has already found valid, never with a new one', async () => {
    const s = await makeService({ seed: false });
    expect((await request(s.app).get('/api/me').set(bearer(s.tokens.karaj))).status).toBe(200);
    for (let i = 0; i < 20; i++) expect((await request(s.app).get('/api/me').set(bearer('mosavabat_wrong' + i))).status).toBe(401);
    expect((await request(s.app).get('/api/me').set(bearer(s.tokens.karaj))).status).toBe(200);
    const other = await request(s.app).get('/api/me').set(bearer(s.tokens.education));
    expect([other.status, other.body.error.code]).toEqual([429, 'too_many_failures']);
  });

  test('failed logins are counted in the store: a second instance on the same store refuses the address too', async () => {
    const s = await makeService({ seed: false });
    const second = createApp({ store: s.store, now: () => NOW, log: () => undefined, parser: testParser() });
    for (let i = 0; i < 20; i++) expect((await request(i % 2 ? s.app : second).get('/api/me').set(bearer('mosavabat_wrong' + i))).status).toBe(401);
    const res = await request(second).get('/api/me').set(bearer(s.tokens.secretariat));
    expect([res.status, res.body.error.code]).toEqual([429, 'too_many_failures']);
  });

  test('today in Tehran changes at Tehran\'s midnight (20:30 UTC), remembered per half hour', () => {
    let clock = new Date('2024-03-19T20:29:59.999Z');
    const today = tehranDay(() => clock);
    // 2024-03-20 is Nowruz, 1403/01/01; the day before is the last of 1402 (Esfand has 29 days)
    expect(today().toString()).toBe('1402/12/29');
    clock = new Date('2024-03-19T20:30:00.000Z');
    expect(today().toString()).toBe('1403/01/01');
    clock = new Date('2024-03-19T20:59:59.999Z');
    expect(today().toString()).toBe('1403/01/01');
  });

  test('today in Tehran is the default "as of" day', () => {
    expect(JalaliDate.today(new Date('2022-07-05T05:30:00Z')).toString()).toBe('1401/04/14');
  });
});
