/**
 * The add-in's sync, without Office: the rows of a register sheet (as the pane reads them) sent
 * to the real service in-process, and what comes back turned into cell writes and conflict marks.
 */
import request from 'supertest';
import { REGISTER_FIELDS, type FieldName } from '../../core/register/fields';
import type { Assignment, CellValue, DeadlineState, RawRow } from '../../core/register/types';
import type { RegisterLayout } from '../plan/register';
import { bearer, closeParser, KARAJ, makeService, type Service } from '../../test/serviceHelpers';
import { postSync, serviceAddress, type Fetch } from './client';
import { syncCell, syncRequest, syncWrites } from './plan';

afterAll(closeParser);

/** The register's layout: its columns in the tool's order, header on row 1. */
const LAYOUT: RegisterLayout = { sheet: 'مصوبات', headerRow: 1, columns: new Map(REGISTER_FIELDS.map((f, i) => [f.name, i + 1])), lastRow: 10, lastColumn: REGISTER_FIELDS.length };
const col = (field: FieldName) => LAYOUT.columns.get(field)!;

/** A fetch that goes to the app in-process. */
function viaApp(s: Service): Fetch {
  return async (url, init) => {
    const res = await request(s.app).post(new URL(url).pathname).set(init.headers).send(init.body);
    return { ok: res.status < 300, status: res.status, json: async () => res.body };
  };
}

test('the sheet\'s rows go out with their revisions; merged values, new revisions and conflicts come back as cell writes', async () => {
  const s = await makeService();
  const rows = (await request(s.app).get('/api/assignments').query({ agency: KARAJ }).set(bearer(s.tokens.secretariat))).body.assignments;
  // the service changes the first row's report after the sheet was last synced
  await request(s.app).patch(`/api/assignments/${rows[0].id}`).set(bearer(s.tokens.secretariat)).set('If-Match', '"1"').send({ fields: { report: 'از سامانه' } });
  // the sheet as the last sync left it (every cell in the register's forms), then edited by hand
  const asSheet = (row: Assignment & { state?: DeadlineState }, sheetRow: number, edits: Partial<Record<FieldName, CellValue>>): RawRow => ({
    sheetRow, values: { ...Object.fromEntries(REGISTER_FIELDS.map((f) => [f.name, syncCell(row, f.name)])), id: row.id, ...edits },
  });
  const sheet: RawRow[] = [
    asSheet(rows[0], 2, { report: 'از اکسل', percent: 20 }),
    asSheet(rows[1], 3, { status: 'در حال انجام' }),
    { sheetRow: 4, values: { id: null, report: 'ردیف بی‌شناسه' } },
  ];
  const sent = syncRequest(LAYOUT, sheet);
  expect(sent.rows.map((r) => [r.id, r.revision, r.sheetRow])).toEqual([[rows[0].id, 1, 2], [rows[1].id, 1, 3]]);

  const answer = await postSync(viaApp(s), 'http://localhost', s.tokens.secretariat, sent);
  if (!answer.ok) throw new Error(answer.fa);
  const plan = syncWrites(LAYOUT, sheet, answer.answer);
  const at = (row: number, field: FieldName) => plan.cells.find((c) => c.row === row && c.column === col(field))?.value;
  // row 2: the percent was applied, the report is the service's (a conflict), revision 3
  expect([at(2, 'report'), at(2, 'percent'), at(2, 'revision')]).toEqual(['از سامانه', undefined, 3]);
  expect(plan.conflicts).toEqual([{ address: `${String.fromCharCode(64 + col('report'))}2`, fa: expect.stringContaining('گزارش اقدام') }]);
  // row 3: the status went in (the sheet already shows it, and the row stays overdue): only the revision changes
  expect([at(3, 'status'), at(3, 'revision'), at(3, 'state')]).toEqual([undefined, 2, undefined]);
  expect(plan.cells.filter((c) => c.row === 3)).toHaveLength(2); // revision and the update time
  expect((await s.store.getAssignment(rows[1].id))!.status).toBe('in_progress');
  expect(plan.missing).toBe(7);
});

test('a wrong token and an unreachable service are Persian messages', async () => {
  const s = await makeService({ seed: false });
  const wrong = await postSync(viaApp(s), 'http://localhost', 'mosavabat_nope', { rows: [], fields: [] });
  expect(wrong).toEqual({ ok: false, fa: expect.stringContaining('کلید دسترسی') });
  const down = await postSync(async () => { throw new Error('ECONNREFUSED'); }, 'https://x', 't', { rows: [], fields: [] });
  expect(down).toEqual({ ok: false, fa: expect.stringContaining('در دسترس نیست') });
});

test('service addresses: https anywhere, plain http only to this machine', () => {
  expect(serviceAddress(' https://server.local:8443/ ')).toEqual({ ok: true, url: 'https://server.local:8443' });
  expect(serviceAddress('http://127.0.0.1:8080')).toEqual({ ok: true, url: 'http://127.0.0.1:8080' });
  expect(serviceAddress('http://server.local')).toMatchObject({ ok: false });
  expect(serviceAddress('نشانی')).toMatchObject({ ok: false });
});
