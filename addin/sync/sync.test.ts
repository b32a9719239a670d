/**
 * The add-in's sync without Office: the plan on plain data (which cells change, how they are
 * grouped, the rows appended, the conflict marks set and cleared), the request split into
 * parts, the transports (fetch, XMLHttpRequest) and their Persian messages, and the rows of a
 * sheet sent to the real service in-process.
 */
import request from 'supertest';
import type { FieldName } from '../../core/register/fields';
import type { Assignment, RawRow } from '../../core/register/types';
import type { RegisterLayout } from '../plan/register';
import { bearer, closeParser, KARAJ, makeService, type Service } from '../../test/serviceHelpers';
import { exchangeRows, failureMessage, serviceAddress } from './client';
import { coalesce, joinAnswers, requestParts, syncRequest, syncWrites, utf8Bytes, type ServiceRow, type SheetForms, type SyncAnswer } from './plan';
import { fetchTransport, xhrTransport, type HttpOutcome, type Transport, type TransportHost } from './transport';

afterAll(closeParser);

/** A sheet with its columns in its own order: A id, B text, C agency, D due, E status, F percent, G report, H state, I updatedAt, J revision. */
const COLUMNS: Array<[FieldName, number]> = [
  ['id', 1], ['text', 2], ['agency', 3], ['due', 4], ['status', 5], ['percent', 6], ['report', 7], ['state', 8], ['updatedAt', 9], ['revision', 10],
];
const layoutOf = (lastRow: number, columns = COLUMNS): RegisterLayout => ({
  sheet: 'مصوبات', headerRow: 1, columns: new Map(columns), lastRow, lastColumn: Math.max(...columns.map(([, c]) => c)),
});

/** The service's copy of a row (what `/api/sync` answers). */
function serviceRow(id: string, changes: Partial<ServiceRow> = {}): ServiceRow {
  return {
    id, meeting: 'جلسه ۱۲', meetingDate: '1401/04/09', row: 3, text: 'گزارش به دبیرخانه', agency: 'فرمانداری کرج', deadlineText: 'یک ماه',
    due: '1401/05/10', status: 'in_progress', percent: 40, report: 'در دست اقدام', doneDate: null, requestedDue: null, requestReason: '',
    revision: 1, updatedAt: '1401/04/14 09:00', state: 'on_track', ...changes,
  };
}

/** The same row as the sheet shows it (Persian words and digits), as the pane reads it. */
function sheetRow(sheetRowNumber: number, id: string, changes: Partial<Record<FieldName, string | number | null>> = {}): RawRow {
  return {
    sheetRow: sheetRowNumber,
    values: {
      id, text: 'گزارش به دبیرخانه', agency: 'فرمانداری کرج', due: '۱۴۰۱/۰۵/۱۰', status: 'در حال انجام', percent: 40, report: 'در دست اقدام',
      state: 'در مهلت', updatedAt: '۱۴۰۱/۰۴/۱۴ ۰۹:۰۰', revision: 1, ...changes,
    },
  };
}

const answerOf = (rows: ServiceRow[], more: Partial<SyncAnswer> = {}): SyncAnswer => ({ rows, missing: [], conflicts: [], rejected: [], ...more });

function forms(raw: RawRow[], more: Partial<SheetForms> = {}): SheetForms {
  return { layout: layoutOf(raw.length + 1), raw, formatAt: () => undefined, conditionalFormats: true, previous: [], ...more };
}

describe('the write plan', () => {
  test('only cells that differ in meaning are written, one block per run of rows in a column, across gaps of up to eight', () => {
    const raw = Array.from({ length: 15 }, (_, i) => sheetRow(i + 2, `r${i + 2}`));
    const rows = raw.map((r) => serviceRow(String(r.values.id)));
    for (const i of [0, 1, 2, 12]) rows[i].revision = 2; // rows 2, 3, 4 and 14
    rows[4].report = 'گزارش تازه'; // row 6
    for (const i of [0, 3]) rows[i].updatedAt = '1401/04/14 09:30'; // rows 2 and 5
    const plan = syncWrites(forms(raw), answerOf(rows));
    expect(plan.blocks).toEqual([
      { column: 7, first: 6, values: ['گزارش تازه'] },
      { column: 9, first: 2, values: ['۱۴۰۱/۰۴/۱۴ ۰۹:۳۰', null, null, '۱۴۰۱/۰۴/۱۴ ۰۹:۳۰'] },
      // rows 5..13 (nine cells) between 4 and 14: a new block is cheaper
      { column: 10, first: 2, values: [2, 2, 2] },
      { column: 10, first: 14, values: [2] },
    ]);
    expect(plan.cellsChanged).toBe(7);
    expect(plan.append).toBeUndefined();
  });

  test('a percent cell gets a fraction, a date cell a serial, and what the sheet already shows is left alone', () => {
    // as the pane reads them: a percent-formatted 0.4 is "40%", a date-formatted serial a Jalali date
    const raw = [sheetRow(2, 'a', { percent: '40%', due: '1401/05/10' }), sheetRow(3, 'b', { percent: '40%', due: '1401/05/10' })];
    const formats: Partial<Record<FieldName, string>> = { percent: '0%', due: 'yyyy/mm/dd' };
    const plan = syncWrites(forms(raw, { formatAt: (field) => formats[field] }), answerOf([
      serviceRow('a'),
      serviceRow('b', { percent: 55, due: '1401/05/20', state: 'overdue' }),
    ]));
    // 1401/05/20 is 2022-08-11, Excel's day 44784
    expect(plan.blocks).toEqual([
      { column: 4, first: 3, values: [44784] },
      { column: 6, first: 3, values: [0.55] },
      { column: 8, first: 3, values: ['مهلت گذشته'] },
    ]);
  });

  test('Latin or Persian digits, Arabic or Persian letters: the same value is not rewritten', () => {
    const raw = [sheetRow(2, 'a', { updatedAt: '1401/04/14 09:00', due: '1401/5/10', report: 'در دست اقدام' })];
    expect(syncWrites(forms(raw), answerOf([serviceRow('a')])).blocks).toEqual([]);
  });

  test('rows the service has and the sheet lacks are appended below the last row in the sheet\'s own column order', () => {
    // A revision, B id, C status, D due, E text, F agency, G meeting, H hidden Gregorian due, I percent, J state
    const columns: Array<[FieldName, number]> = [
      ['revision', 1], ['id', 2], ['status', 3], ['due', 4], ['text', 5], ['agency', 6], ['meeting', 7], ['dueGregorian', 8], ['percent', 9], ['state', 10],
    ];
    const raw = [sheetRow(2, 'a'), sheetRow(3, 'b')];
    const formats: Partial<Record<FieldName, string>> = { percent: '0%', due: 'General' };
    const plan = syncWrites({
      layout: layoutOf(3, columns), raw, conditionalFormats: true, previous: [],
      formatAt: (field, index) => (index === 1 ? formats[field] : undefined),
    }, answerOf([serviceRow('a'), serviceRow('b')], {
      missing: [
        serviceRow('m1', { due: null, deadlineText: 'مستمر', status: null, percent: null, report: '', state: 'ongoing' }),
        serviceRow('m2', { due: '1401/05/20', percent: 30, revision: 2, state: 'overdue' }),
        serviceRow('b'), // the sheet has it: not appended twice
      ],
    }));
    expect(plan.append).toEqual({
      first: 4,
      width: 10,
      values: [
        [1, 'm1', '', '', 'گزارش به دبیرخانه', 'فرمانداری کرج', 'جلسه ۱۲', '', '', 'مستمر'],
        [2, 'm2', 'در حال انجام', '۱۴۰۱/۰۵/۲۰', 'گزارش به دبیرخانه', 'فرمانداری کرج', 'جلسه ۱۲', 44784, 0.3, 'مهلت گذشته'],
      ],
      numberFormats: [
        [null, null, null, 'General', null, null, null, 'yyyy-mm-dd', '0%', null],
        [null, null, null, 'General', null, null, null, 'yyyy-mm-dd', '0%', null],
      ],
      // an ongoing row has no colour rule: its fill is written; the overdue row's rule colours it
      fills: [{ color: '#C5A5E8', addresses: ['A4:J4'] }],
    });
  });

  test('conflicts are marked; last sync\'s marks that are no longer conflicts are cleared to the row\'s own fill', () => {
    const raw = [sheetRow(2, 'r2'), sheetRow(3, 'r3'), sheetRow(4, 'r4')];
    const answer = answerOf([serviceRow('r2'), serviceRow('r3'), serviceRow('r4', { deadlineText: 'مستمر', due: null, state: 'ongoing' })], {
      conflicts: [{ id: 'r3', field: 'percent', ours: '40', theirs: '60', fa: 'درصد پیشرفت در هر دو جا تغییر کرده است' }],
    });
    const previous = [{ id: 'r2', field: 'report' }, { id: 'r3', field: 'percent' }, { id: 'r4', field: 'status' }, { id: 'gone', field: 'report' }];
    const plan = syncWrites(forms(raw, { previous }), answer);
    expect(plan.conflicts).toEqual([{ id: 'r3', field: 'percent', row: 3, column: 6, address: 'F3', fa: 'درصد پیشرفت در هر دو جا تغییر کرده است' }]);
    // r2 is on track (a colour rule paints it): no fill; r4 is ongoing (no rule): its purple back
    expect(plan.cleared).toEqual([
      { row: 2, column: 7, address: 'G2', fill: null },
      { row: 4, column: 5, address: 'E4', fill: '#C5A5E8' },
    ]);
    expect(plan.marks).toEqual([{ id: 'r3', field: 'percent' }]);
    // without conditional formats every row's colour is a plain fill
    const plain = syncWrites(forms(raw, { previous, conditionalFormats: false }), answer);
    expect(plain.cleared.map((c) => c.fill)).toEqual(['#9DC3E6', '#C5A5E8']);
  });

  test('coalesce joins runs across gaps of at most the given size', () => {
    expect(coalesce([9, 1, 2, 3, 5, 20, 20], 1)).toEqual([[1, 5], [9, 9], [20, 20]]);
    expect(coalesce([1, 3], 0)).toEqual([[1, 1], [3, 3]]);
    expect(coalesce([], 8)).toEqual([]);
  });
});

describe('the request', () => {
  test('rows with an id go out with their revisions (Persian digits read too)', () => {
    const raw: RawRow[] = [sheetRow(2, 'a', { revision: '۳' }), { sheetRow: 3, values: { id: null, report: 'بی‌شناسه' } }, sheetRow(4, 'b', { revision: null })];
    const sent = syncRequest(layoutOf(4), raw);
    expect(sent.rows.map((r) => [r.id, r.revision, r.sheetRow])).toEqual([['a', 3, 2], ['b', null, 4]]);
    expect(sent.fields).toEqual(['text', 'agency', 'due', 'status', 'percent', 'report']);
  });

  test('UTF-8 bytes: Latin 1, Persian 2, the euro sign 3, an emoji 4', () => {
    expect([utf8Bytes('a'), utf8Bytes('ی'), utf8Bytes('€'), utf8Bytes('😀'), utf8Bytes('aی€😀')]).toEqual([1, 2, 3, 4, 10]);
  });

  test('a large request goes in parts; only the last asks for missing rows, naming the ids sent before', () => {
    const sent = syncRequest(layoutOf(4), [sheetRow(2, 'a'), sheetRow(3, 'b'), sheetRow(4, 'c')]);
    expect(requestParts(sent)).toEqual([{ rows: sent.rows, fields: sent.fields }]);
    // a limit smaller than any row: each row goes alone
    const parts = requestParts(sent, 1);
    expect(parts.map((p) => p.rows.map((r) => r.id))).toEqual([['a'], ['b'], ['c']]);
    expect(parts.map((p) => [p.withMissing, p.known])).toEqual([[false, undefined], [false, undefined], [undefined, ['a', 'b']]]);
    const answer = (id: string, missing: string[]): SyncAnswer => answerOf([serviceRow(id)], { missing: missing.map((m) => serviceRow(m)), conflicts: [{ id, field: 'report', ours: null, theirs: null, fa: id }] });
    const joined = joinAnswers([answer('a', []), answer('b', []), answer('c', ['m'])]);
    expect([joined.rows.map((r) => r.id), joined.missing.map((r) => r.id), joined.conflicts.map((c) => c.fa)]).toEqual([['a', 'b', 'c'], ['m'], ['a', 'b', 'c']]);
  });
});

describe('talking to the service', () => {
  const answer = (status: number, body?: unknown): HttpOutcome => ({ kind: 'answer', status, body });
  test('every failure is a Persian message', () => {
    expect(failureMessage({ kind: 'network' })).toBe('سامانه در دسترس نیست؛ نشانی سامانه و شبکه را بررسی کنید');
    expect(failureMessage({ kind: 'timeout' })).toBe('سامانه در ۶۰ ثانیه پاسخ نداد؛ کمی بعد دوباره همگام‌سازی کنید');
    expect(failureMessage(answer(401))).toBe('کلید دسترسی پذیرفته نشد؛ کلید دبیرخانه را دوباره وارد کنید');
    expect(failureMessage(answer(403))).toBe('این کلید اجازهٔ همگام‌سازی ندارد؛ همگام‌سازی فقط با کلید دبیرخانه است');
    expect(failureMessage(answer(409))).toBe('ردیف‌ها هم‌زمان در سامانه تغییر کردند؛ چند لحظهٔ دیگر دوباره همگام‌سازی کنید');
    expect(failureMessage(answer(409, { error: { message: 'این ردیف‌ها هم‌زمان بارها تغییر کردند' } }))).toBe('این ردیف‌ها هم‌زمان بارها تغییر کردند');
    expect(failureMessage(answer(413))).toBe('درخواست برای سامانه بزرگ است؛ مسئول سامانه باید حد اندازهٔ درخواست را بیشتر کند');
    expect(failureMessage(answer(429))).toBe('درخواست‌ها بیش از حد مجاز شد؛ چند دقیقهٔ دیگر دوباره همگام‌سازی کنید');
    expect(failureMessage(answer(503, '<html>'))).toBe('سامانه خطا داد (کد ۵۰۳)؛ کمی بعد دوباره بکوشید و اگر تکرار شد به مسئول سامانه خبر دهید');
    expect(failureMessage(answer(400, { error: { message: 'بدنهٔ درخواست باید { "rows": [ … ] } باشد' } }))).toBe('بدنهٔ درخواست باید { "rows": [ … ] } باشد');
    expect(failureMessage(answer(404))).toBe('سامانه درخواست را نپذیرفت (کد ۴۰۴)');
  });

  test('service addresses: https anywhere, plain http only to this machine', () => {
    expect(serviceAddress(' https://Server.local:8443/ ')).toEqual({ ok: true, url: 'https://server.local:8443' });
    expect(serviceAddress('https://server.local/mosavabat/')).toEqual({ ok: true, url: 'https://server.local/mosavabat' });
    expect(serviceAddress('http://127.0.0.1:8080')).toEqual({ ok: true, url: 'http://127.0.0.1:8080' });
    expect(serviceAddress('http://localhost')).toEqual({ ok: true, url: 'http://localhost' });
    expect(serviceAddress('http://server.local')).toEqual({ ok: false, fa: 'نشانی سامانه باید با https:// شروع شود (http فقط برای همین رایانه)' });
    expect(serviceAddress('نشانی')).toEqual({ ok: false, fa: 'نشانی سامانه درست نیست؛ مانند https://server.example:8443 بنویسید' });
    expect(serviceAddress('ftp://server')).toMatchObject({ ok: false });
  });

  /** A stand-in XMLHttpRequest that ends the way `ending` says, recording what was sent. */
  function fakeXhr(ending: 'load' | 'error' | 'timeout', sent: Array<Record<string, unknown>>): TransportHost {
    class Xhr {
      timeout = 0;
      status = 0;
      responseText = '';
      onload: (() => void) | null = null;
      onerror: (() => void) | null = null;
      ontimeout: (() => void) | null = null;
      onabort: (() => void) | null = null;
      private record: Record<string, unknown> = { headers: {} };
      open(method: string, url: string) { Object.assign(this.record, { method, url }); }
      setRequestHeader(name: string, value: string) { (this.record.headers as Record<string, string>)[name] = value; }
      send(body: string | null) {
        sent.push({ ...this.record, body, timeout: this.timeout });
        setImmediate(() => {
          if (ending === 'load') {
            this.status = 401;
            this.responseText = '{"error":{"message":"x"}}';
            this.onload?.();
          } else if (ending === 'error') this.onerror?.();
          else this.ontimeout?.();
        });
      }
    }
    return { XMLHttpRequest: Xhr, setTimeout: (f, ms) => setTimeout(f, ms), clearTimeout: (id) => clearTimeout(id as NodeJS.Timeout) };
  }

  test('without fetch, XMLHttpRequest carries the request with its timeout; its failures are told apart', async () => {
    const sent: Array<Record<string, unknown>> = [];
    const request = { url: 'https://s/api/sync', method: 'POST' as const, headers: { Authorization: 'Bearer t' }, body: '{}', timeoutMs: 60_000 };
    await expect(xhrTransport(fakeXhr('load', sent))(request)).resolves.toEqual({ kind: 'answer', status: 401, body: { error: { message: 'x' } } });
    expect(sent).toEqual([{ method: 'POST', url: 'https://s/api/sync', headers: { Authorization: 'Bearer t' }, body: '{}', timeout: 60_000 }]);
    await expect(xhrTransport(fakeXhr('error', sent))(request)).resolves.toEqual({ kind: 'network' });
    await expect(xhrTransport(fakeXhr('timeout', sent))(request)).resolves.toEqual({ kind: 'timeout' });
  });

  test('fetch that never answers runs into the time limit; one that fails is a network failure', async () => {
    const request = { url: 'https://s/api/sync', method: 'POST' as const, headers: {}, body: '{}', timeoutMs: 5 };
    const base = { setTimeout: (f: () => void, ms: number) => setTimeout(f, ms), clearTimeout: (id: unknown) => clearTimeout(id as NodeJS.Timeout) };
    let aborted = false;
    class Abort { signal = {}; abort() { aborted = true; } }
    const never: TransportHost = { ...base, AbortController: Abort, fetch: () => new Promise(() => undefined) };
    await expect(fetchTransport(never)(request)).resolves.toEqual({ kind: 'timeout' });
    expect(aborted).toBe(true);
    const refused: TransportHost = { ...base, fetch: () => Promise.reject(new TypeError('Failed to fetch')) };
    await expect(fetchTransport(refused)(request)).resolves.toEqual({ kind: 'network' });
    const html: TransportHost = { ...base, fetch: async () => ({ status: 502, text: async () => '<html>' }) };
    await expect(fetchTransport(html)({ ...request, timeoutMs: 60_000 })).resolves.toEqual({ kind: 'answer', status: 502, body: undefined });
  });
});

describe('with the real service in-process', () => {
  /** A transport that goes to the app in-process. */
  function viaApp(s: Service, seen: unknown[] = []): Transport {
    return async (req) => {
      seen.push(JSON.parse(req.body ?? '{}'));
      const res = await request(s.app).post(new URL(req.url).pathname).set(req.headers).send(req.body);
      return { kind: 'answer', status: res.status, body: res.body };
    };
  }
  const REGISTER_LAYOUT = layoutOf(10, [
    ['id', 1], ['meeting', 2], ['text', 3], ['agency', 4], ['due', 5], ['status', 6], ['percent', 7], ['report', 8], ['state', 9], ['updatedAt', 10], ['revision', 11],
  ]);

  test('edited rows go out in parts, merged values, new revisions, conflicts and the rows the sheet lacks come back', async () => {
    const s = await makeService();
    const rows: Assignment[] = (await request(s.app).get('/api/assignments').query({ agency: KARAJ }).set(bearer(s.tokens.secretariat))).body.assignments;
    const all: Assignment[] = (await request(s.app).get('/api/assignments').set(bearer(s.tokens.secretariat))).body.assignments;
    // the service changes the first row's report after the sheet was last synced
    await request(s.app).patch(`/api/assignments/${rows[0].id}`).set(bearer(s.tokens.secretariat)).set('If-Match', '"1"').send({ fields: { report: 'از سامانه' } });
    const asSheet = (row: Assignment, at: number, edits: Partial<Record<FieldName, string | number | null>>): RawRow => ({
      sheetRow: at, values: { id: row.id, meeting: row.meeting, text: row.text, agency: row.agency, due: row.due, status: null, percent: null, report: row.report || null, revision: 1, ...edits },
    });
    const sheet: RawRow[] = [asSheet(rows[0], 2, { report: 'از اکسل', percent: 20 }), asSheet(rows[1], 3, { status: 'در حال انجام' })];
    const seen: Array<{ known?: string[]; withMissing?: boolean }> = [];
    const exchange = await exchangeRows(viaApp(s, seen), 'http://localhost', s.tokens.secretariat, syncRequest(REGISTER_LAYOUT, sheet), 1);
    expect(exchange.failure).toBeUndefined();
    expect([exchange.rowsSent, exchange.parts]).toEqual([2, { done: 2, total: 2 }]);
    expect(seen.map((p) => [p.withMissing, p.known])).toEqual([[false, undefined], [undefined, [rows[0].id]]]);
    // every row of the service but the two the sheet has
    expect(exchange.answer.missing.map((r) => r.id).sort()).toEqual(all.map((r) => r.id).filter((id) => id !== rows[0].id && id !== rows[1].id).sort());
    expect(exchange.answer.missing).toHaveLength(all.length - 2);

    const plan = syncWrites(forms(sheet, { layout: REGISTER_LAYOUT }), exchange.answer);
    const at = (row: number, column: number) => {
      const block = plan.blocks.find((b) => b.column === column && b.first <= row && row < b.first + b.values.length);
      return block?.values[row - block.first] ?? undefined;
    };
    // row 2: the percent went in, the report is the service's (a conflict), revision 3
    expect([at(2, 8), at(2, 7), at(2, 11)]).toEqual(['از سامانه', undefined, 3]);
    expect(plan.conflicts.map((c) => [c.address, c.field])).toEqual([['H2', 'report']]);
    expect(plan.conflicts[0].fa).toContain('گزارش اقدام');
    // row 3: the status went in; its revision is now 2
    expect(at(3, 11)).toBe(2);
    expect((await s.store.getAssignment(rows[1].id))!.status).toBe('in_progress');
    expect(plan.append?.values).toHaveLength(all.length - 2);
    expect(plan.append?.first).toBe(11);
  });

  test('the service leaves out the missing list when asked, and never lists the ids the sheet named as known', async () => {
    const s = await makeService();
    const all: Assignment[] = (await request(s.app).get('/api/assignments').set(bearer(s.tokens.secretariat))).body.assignments;
    const post = (body: unknown) => request(s.app).post('/api/sync').set(bearer(s.tokens.secretariat)).send(body as object);
    expect((await post({ rows: [], withMissing: false })).body.missing).toEqual([]);
    expect((await post({ rows: [] })).body.missing).toHaveLength(all.length);
    const known = await post({ rows: [], known: [all[0].id, all[1].id] });
    expect(known.body.missing.map((r: Assignment) => r.id)).toEqual(all.slice(2).map((r) => r.id));
  });

  test('a wrong token, an agency\'s token and an unreachable service stop the sync with Persian messages', async () => {
    const s = await makeService({ seed: false });
    const empty = { rows: [], fields: [] };
    expect((await exchangeRows(viaApp(s), 'http://localhost', 'mosavabat_nope', empty)).failure).toBe('کلید دسترسی پذیرفته نشد؛ کلید دبیرخانه را دوباره وارد کنید');
    expect((await exchangeRows(viaApp(s), 'http://localhost', s.tokens.karaj, empty)).failure).toBe('این کلید اجازهٔ همگام‌سازی ندارد؛ همگام‌سازی فقط با کلید دبیرخانه است');
    const down = await exchangeRows(async () => ({ kind: 'network' }), 'https://x', 't', empty);
    expect([down.failure, down.parts]).toEqual(['سامانه در دسترس نیست؛ نشانی سامانه و شبکه را بررسی کنید', { done: 0, total: 1 }]);
  });
});
