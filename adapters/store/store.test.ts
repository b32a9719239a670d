/**
 * One test suite for the register store, run against SQLite and PostgreSQL: whatever the
 * service does, it must not matter which database is underneath.
 */
import Database from 'better-sqlite3';
import { copyFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import type { Assignment } from '../../core/register/types';
import type { ChangeSet, MeetingInput, RegisterStore } from '../../usecases/registerStore';
import { startTestPostgres, type TestPostgres } from '../../test/postgresServer';
import { FIXTURES, tempDir } from '../../test/helpers';
import { openSqliteStore } from './sqliteStore';
import { openPostgresStore } from './postgresStore';
import { openStore } from './openStore';

const AT = '2022-07-05T05:30:00.000Z';

function row(id: string, agency: string, extra: Partial<Assignment> = {}): Assignment {
  return {
    id, meeting: 'جلسه ۱۲', meetingDate: '1401/04/09', row: 1, text: `مصوبه ${id}`, agency, deadlineText: 'یک ماه',
    due: '1401/05/09', status: null, percent: null, report: '', doneDate: null, requestedDue: null, requestReason: '',
    revision: 1, updatedAt: '1401/04/09', ...extra,
  };
}

function meeting(id: string, date: string): MeetingInput {
  return { id, number: Number(id.split('-')[1]), date, title: `جلسه ${id}`, chair: null, secretary: null, location: null, attendees: [] } as unknown as MeetingInput;
}

const secretariat = { kind: 'secretariat' as const, tokenId: 'abc123' };

function edit(id: string, expectedRevision: number, fields: ChangeSet['edits'][number]['fields'], more: Partial<ChangeSet> = {}): ChangeSet {
  return { at: AT, updatedAt: '1401/04/14 09:00', actor: secretariat, source: { kind: 'edit' }, edits: [{ id, expectedRevision, fields }], ...more };
}

/**
 * What `read` gives once it equals `expected`, or its last answer after a few seconds: another
 * instance on PostgreSQL learns of a write when the write's notification reaches it.
 */
async function caughtUp(read: () => Promise<number>, expected: number): Promise<number> {
  let value = await read();
  for (let i = 0; i < 250 && value !== expected; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    value = await read();
  }
  return value;
}

interface Backend {
  name: 'sqlite' | 'postgres';
  /** A new empty store, and a second handle on the same database (another service instance). */
  fresh(): Promise<{ store: RegisterStore; again: () => Promise<RegisterStore>; raw: (sql: string) => Promise<unknown[]>; exec: (sql: string) => Promise<void> }>;
}

let pg: TestPostgres;
const opened: RegisterStore[] = [];

beforeAll(async () => {
  pg = await startTestPostgres();
});

afterAll(async () => {
  for (const store of opened) await store.close().catch(() => undefined);
  await pg?.stop();
});

const BACKENDS: Backend[] = [
  {
    name: 'sqlite',
    async fresh() {
      const path = join(tempDir('mosavabat-store-'), 'store.sqlite');
      const open = async () => {
        const store = await openSqliteStore(path);
        opened.push(store);
        return store;
      };
      const raw = async (sql: string) => {
        const db = new Database(path, { readonly: true });
        try {
          return db.prepare(sql).all();
        } finally {
          db.close();
        }
      };
      const exec = async (sql: string) => {
        const db = new Database(path);
        try {
          db.exec(sql);
        } finally {
          db.close();
        }
      };
      return { store: await open(), again: open, raw, exec };
    },
  },
  {
    name: 'postgres',
    async fresh() {
      const url = await pg.createDatabase();
      const open = async () => {
        const store = await openPostgresStore(url);
        opened.push(store);
        return store;
      };
      const raw = async (sql: string) => {
        const client = new Client({ connectionString: url });
        await client.connect();
        try {
          return (await client.query(sql)).rows;
        } finally {
          await client.end();
        }
      };
      const exec = async (sql: string) => {
        await raw(sql);
      };
      return { store: await open(), again: open, raw, exec };
    },
  },
];

describe.each(BACKENDS)('the store on $name', (backend) => {
  it('starts empty, with the default settings and no tokens', async () => {
    const { store } = await backend.fresh();
    expect(store.kind).toBe(backend.name);
    expect(await store.listMeetings()).toEqual([]);
    expect(await store.listAssignments()).toEqual([]);
    expect(await store.listTokens()).toEqual([]);
    expect(await store.listAgencies()).toEqual([]);
    expect(await store.getSettings()).toEqual({ thursdayIsWorkday: false, urgentDays: 3, dueSoonDays: 7, holidays: [] });
  });

  it('adds a meeting once: a repeat adds only the rows it did not have, and leaves stored rows as they are', async () => {
    const { store } = await backend.fresh();
    expect(await store.addMeeting(meeting('14010409-12', '1401/04/09'), [row('a', 'فرمانداری کرج'), row('b', 'آموزش و پرورش')], AT))
      .toEqual({ added: 2, existing: 0 });
    // the same meeting again with a changed copy of `a` and a new row `c`
    expect(await store.addMeeting(meeting('14010409-12', '1401/04/09'), [row('a', 'فرمانداری کرج', { report: 'changed' }), row('c', 'فرمانداری کرج')], AT))
      .toEqual({ added: 1, existing: 1 });
    const meetings = await store.listMeetings();
    expect(meetings).toHaveLength(1);
    expect(meetings[0]).toMatchObject({ id: '14010409-12', date: '1401/04/09', rowCount: 3, importedAt: AT, title: 'جلسه 14010409-12' });
    const rows = await store.listAssignments();
    expect(rows.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(rows[0]).toEqual(row('a', 'فرمانداری کرج'));
  });

  it('keeps the first of two rows with one id in the rows given, and the given order after stored rows', async () => {
    const { store } = await backend.fresh();
    await store.addMeeting(meeting('14010409-12', '1401/04/09'), [row('z', 'x')], AT);
    expect(await store.addMeeting(meeting('14010409-12', '1401/04/09'), [row('b', 'x'), row('a', 'x', { report: 'first' }), row('a', 'x', { report: 'second' })], AT))
      .toEqual({ added: 2, existing: 1 });
    expect((await store.listAssignments()).map((r) => [r.id, r.report])).toEqual([['z', ''], ['b', ''], ['a', 'first']]);
  });

  it('lists rows in register order and filters by meeting, agency (however typed), agencies and ids', async () => {
    const { store } = await backend.fresh();
    // added out of date order: the later meeting first
    await store.addMeeting(meeting('14010510-13', '1401/05/10'), [row('m13-1', 'فرمانداری کرج'), row('m13-2', 'اداره کل ورزش')], AT);
    await store.addMeeting(meeting('14010409-12', '1401/04/09'), [row('m12-1', 'اداره کل ورزش'), row('m12-2', 'فرمانداری كرج')], AT);
    expect((await store.listAssignments()).map((r) => r.id)).toEqual(['m12-1', 'm12-2', 'm13-1', 'm13-2']);
    expect((await store.listMeetings()).map((m) => m.id)).toEqual(['14010409-12', '14010510-13']);
    expect((await store.listAssignments({ meetingId: '14010510-13' })).map((r) => r.id)).toEqual(['m13-1', 'm13-2']);
    // Arabic kaf (ك) in one spelling: one agency
    const { comparisonKey } = await import('../../core/text/normalize');
    expect((await store.listAssignments({ agencyKey: comparisonKey('فرمانداری کرج') })).map((r) => r.id)).toEqual(['m12-2', 'm13-1']);
    expect((await store.listAssignments({ agencyKeys: [comparisonKey('اداره کل ورزش'), comparisonKey('فرمانداری کرج')], meetingId: '14010409-12' }))
      .map((r) => r.id)).toEqual(['m12-1', 'm12-2']);
    expect((await store.listAssignments({ ids: ['m13-2', 'm12-1', 'nothing'] })).map((r) => r.id)).toEqual(['m12-1', 'm13-2']);
    expect(await store.listAssignments({ ids: [] })).toEqual([]);
    expect(await store.getAssignment('m13-2')).toEqual(row('m13-2', 'اداره کل ورزش'));
    expect(await store.getAssignment('nothing')).toBeUndefined();
  });

  it('commits an edit: the row gets revision + 1 and the new values, one history line per changed field', async () => {
    const { store } = await backend.fresh();
    await store.addMeeting(meeting('14010409-12', '1401/04/09'), [row('a', 'فرمانداری کرج', { report: 'old report' })], AT);
    // status and percent change; report is given with the value it already has
    const result = await store.commit(edit('a', 1, { status: 'in_progress', percent: 40, report: 'old report' }));
    const expected = row('a', 'فرمانداری کرج', { report: 'old report', status: 'in_progress', percent: 40, revision: 2, updatedAt: '1401/04/14 09:00' });
    expect(result).toEqual({ outcome: 'applied', rows: [expected], stale: [], historyLines: 2, upload: undefined, added: 0 });
    expect(await store.getAssignment('a')).toEqual(expected);
    const history = await store.listHistory();
    expect(history.map(({ seq: _seq, ...line }) => line)).toEqual([
      {
        at: AT, actor: { kind: 'secretariat', tokenId: 'abc123', agency: null }, source: { kind: 'edit', file: null, exportKey: null, savedAt: null },
        uploadId: null, assignmentId: 'a', field: 'status', old: null, new: 'in_progress', revision: 2,
      },
      {
        at: AT, actor: { kind: 'secretariat', tokenId: 'abc123', agency: null }, source: { kind: 'edit', file: null, exportKey: null, savedAt: null },
        uploadId: null, assignmentId: 'a', field: 'percent', old: null, new: '40', revision: 2,
      },
    ]);
    expect(history[1].seq).toBeGreaterThan(history[0].seq);
  });

  it('an edit that changes nothing leaves the revision and writes no history', async () => {
    const { store } = await backend.fresh();
    await store.addMeeting(meeting('14010409-12', '1401/04/09'), [row('a', 'فرمانداری کرج', { percent: 20 })], AT);
    const result = await store.commit(edit('a', 1, { percent: 20 }));
    expect(result).toMatchObject({ outcome: 'applied', rows: [], historyLines: 0 });
    expect((await store.getAssignment('a'))?.revision).toBe(1);
    expect(await store.listHistory()).toEqual([]);
  });

  it('a stale revision is a conflict with the current row, and nothing of the change set is written', async () => {
    const { store } = await backend.fresh();
    await store.addMeeting(meeting('14010409-12', '1401/04/09'), [row('a', 'فرمانداری کرج'), row('b', 'فرمانداری کرج')], AT);
    await store.commit(edit('a', 1, { percent: 10 }));
    const now = await store.getAssignment('a');
    const result = await store.commit({
      ...edit('b', 1, { percent: 50 }),
      edits: [{ id: 'b', expectedRevision: 1, fields: { percent: 50 } }, { id: 'a', expectedRevision: 1, fields: { percent: 90 } }],
      upload: { hash: 'f'.repeat(64), scope: '', kind: 'register', name: 'r.xlsx', size: 10 },
      meetings: [{ meeting: meeting('14010510-13', '1401/05/10'), rows: [row('c', 'فرمانداری کرج')] }],
    });
    expect(result).toEqual({ outcome: 'conflict', stale: [{ id: 'a', expectedRevision: 1, current: now }] });
    expect(now?.percent).toBe(10);
    expect((await store.getAssignment('b'))?.percent).toBeNull();
    expect(await store.getAssignment('c')).toBeUndefined();
    expect(await store.listMeetings()).toHaveLength(1);
    expect(await store.findUpload('f'.repeat(64), '')).toBeUndefined();
    expect(await store.listHistory()).toHaveLength(1);
  });

  it('with onStale skip, fresh rows are written and stale or unknown ones reported', async () => {
    const { store } = await backend.fresh();
    await store.addMeeting(meeting('14010409-12', '1401/04/09'), [row('a', 'x'), row('b', 'x')], AT);
    await store.commit(edit('a', 1, { report: 'secretariat' }));
    const result = await store.commit({
      at: AT, actor: secretariat, source: { kind: 'sync' }, onStale: 'skip',
      edits: [
        { id: 'a', expectedRevision: 1, fields: { report: 'add-in' } },
        { id: 'b', expectedRevision: 1, fields: { report: 'add-in' } },
        { id: 'gone', expectedRevision: 3, fields: { report: 'add-in' } },
      ],
    });
    expect(result.outcome).toBe('applied');
    if (result.outcome !== 'applied') return;
    expect(result.rows.map((r) => [r.id, r.report, r.revision, r.updatedAt])).toEqual([['b', 'add-in', 2, '1401/04/09']]);
    expect(result.stale.map((s) => [s.id, s.expectedRevision, s.current?.report ?? null, s.current?.revision ?? null]))
      .toEqual([['a', 1, 'secretariat', 2], ['gone', 3, null, null]]);
    expect((await store.getAssignment('a'))?.report).toBe('secretariat');
  });

  it('two edits of one row in one set apply in order; changing the agency moves the row to that agency', async () => {
    const { store } = await backend.fresh();
    await store.addMeeting(meeting('14010409-12', '1401/04/09'), [row('a', 'فرمانداری کرج')], AT);
    const result = await store.commit({
      at: AT, actor: secretariat, source: { kind: 'edit' },
      edits: [{ id: 'a', expectedRevision: 1, fields: { agency: 'فرمانداری طالقان' } }, { id: 'a', expectedRevision: 1, fields: { percent: 5 } }],
    });
    expect(result).toMatchObject({ outcome: 'applied', historyLines: 2 });
    expect(await store.getAssignment('a')).toMatchObject({ agency: 'فرمانداری طالقان', percent: 5, revision: 2 });
    const { comparisonKey } = await import('../../core/text/normalize');
    expect((await store.listAssignments({ agencyKey: comparisonKey('فرمانداری طالقان') })).map((r) => r.id)).toEqual(['a']);
    expect(await store.listAssignments({ agencyKey: comparisonKey('فرمانداری کرج') })).toEqual([]);
  });

  it('records an upload with its changes; the same bytes again under the same scope are a duplicate that writes nothing', async () => {
    const { store } = await backend.fresh();
    await store.addMeeting(meeting('14010409-12', '1401/04/09'), [row('a', 'فرمانداری کرج')], AT);
    const hash = 'ab'.repeat(32);
    const agency = { kind: 'agency' as const, tokenId: 't1', agency: 'فرمانداری کرج' };
    const upload = {
      at: AT, actor: agency, source: { kind: 'upload' as const, file: 'return.xlsx', exportKey: 'e1', savedAt: '2022-07-04T10:00:00Z' },
      upload: { hash, scope: 'karaj', kind: 'return', name: 'return.xlsx', size: 1234, report: { applied: 1, fa: 'ثبت شد' } },
      edits: [{ id: 'a', expectedRevision: 1, fields: { status: 'done' as const, percent: 100 } }],
    };
    const first = await store.commit(upload);
    expect(first.outcome).toBe('applied');
    if (first.outcome !== 'applied') return;
    const expectedUpload = {
      id: first.upload!.id, hash, scope: 'karaj', kind: 'return', name: 'return.xlsx', size: 1234, report: { applied: 1, fa: 'ثبت شد' },
      receivedAt: AT, actor: { kind: 'agency', tokenId: 't1', agency: 'فرمانداری کرج' },
    };
    expect(first.upload).toEqual(expectedUpload);
    const second = await store.commit({ ...upload, edits: [{ id: 'a', expectedRevision: 2, fields: { percent: 90 } }] });
    expect(second).toEqual({ outcome: 'duplicate', upload: expectedUpload });
    expect(await store.getAssignment('a')).toMatchObject({ status: 'done', percent: 100, revision: 2 });
    expect(await store.findUpload(hash, 'karaj')).toEqual(expectedUpload);
    expect(await store.findUpload(hash, 'other')).toBeUndefined();
    const lines = await store.listHistory({ uploadId: first.upload!.id });
    expect(lines.map((l) => [l.field, l.old, l.new, l.source.file, l.source.exportKey, l.actor.agency]))
      .toEqual([['status', null, 'done', 'return.xlsx', 'e1', 'فرمانداری کرج'], ['percent', null, '100', 'return.xlsx', 'e1', 'فرمانداری کرج']]);
    // the same bytes from another sender are its own upload
    const other = await store.commit({ ...upload, upload: { ...upload.upload, scope: '' }, edits: [] });
    expect(other).toMatchObject({ outcome: 'applied', historyLines: 0 });
  });

  it('adds meetings and rows inside a commit, then edits them in the same transaction', async () => {
    const { store } = await backend.fresh();
    const result = await store.commit({
      at: AT, actor: secretariat, source: { kind: 'upload', file: 'register.xlsx' },
      meetings: [{ meeting: meeting('14010409-12', '1401/04/09'), rows: [row('a', 'x'), row('b', 'x')] }],
      edits: [{ id: 'b', expectedRevision: 1, fields: { report: 'from the register' } }],
    });
    expect(result).toMatchObject({ outcome: 'applied', added: 2, historyLines: 1 });
    expect((await store.listAssignments()).map((r) => [r.id, r.report, r.revision])).toEqual([['a', '', 1], ['b', 'from the register', 2]]);
  });

  it('filters the history by rows, after a seq, by export key, with a limit', async () => {
    const { store } = await backend.fresh();
    await store.addMeeting(meeting('14010409-12', '1401/04/09'), [row('a', 'x'), row('b', 'x')], AT);
    await store.commit(edit('a', 1, { percent: 1 }));
    await store.commit(edit('b', 1, { percent: 2 }, { source: { kind: 'upload', file: 'f.xlsx', exportKey: 'k', savedAt: '2022-07-01T00:00:00Z' } }));
    await store.commit(edit('a', 2, { percent: 3 }));
    const all = await store.listHistory();
    expect(all.map((l) => [l.assignmentId, l.new])).toEqual([['a', '1'], ['b', '2'], ['a', '3']]);
    expect((await store.listHistory({ assignmentIds: ['a'] })).map((l) => l.new)).toEqual(['1', '3']);
    expect((await store.listHistory({ afterSeq: all[0].seq })).map((l) => l.new)).toEqual(['2', '3']);
    expect((await store.listHistory({ withExportKey: true })).map((l) => l.new)).toEqual(['2']);
    expect((await store.listHistory({ limit: 2 })).map((l) => l.new)).toEqual(['1', '2']);
  });

  it('keeps the register settings and writes each changed one to the history', async () => {
    const { store } = await backend.fresh();
    await store.setSettings({ thursdayIsWorkday: true, urgentDays: 3, dueSoonDays: 10, holidays: ['1401/04/17', '1401/04/18'] }, secretariat, AT);
    expect(await store.getSettings()).toEqual({ thursdayIsWorkday: true, urgentDays: 3, dueSoonDays: 10, holidays: ['1401/04/17', '1401/04/18'] });
    expect((await store.listHistory()).map((l) => [l.assignmentId, l.field, l.old, l.new, l.source.kind])).toEqual([
      [null, 'thursdayIsWorkday', 'false', 'true', 'settings'],
      [null, 'dueSoonDays', '7', '10', 'settings'],
      [null, 'holidays', '[]', '["1401/04/17","1401/04/18"]', 'settings'],
    ]);
    await store.setSettings({ thursdayIsWorkday: true, urgentDays: 3, dueSoonDays: 10, holidays: [] }, secretariat, AT);
    expect((await store.getSettings()).holidays).toEqual([]);
    expect(await store.listHistory()).toHaveLength(4);
  });

  it('keeps the agency directory with aliases, by the directory rules (an alias belongs to one agency)', async () => {
    const { store } = await backend.fresh();
    await store.setAgencies([
      { name: 'سازمان آب و فاضلاب', aliases: ['آبفا', 'شرکت آب و فاضلاب'] },
      { name: 'اداره کل ورزش و جوانان', aliases: ['آبفا', 'ورزش'] },
    ], secretariat, AT);
    expect(await store.listAgencies()).toEqual([
      { name: 'سازمان آب و فاضلاب', aliases: ['آبفا', 'شرکت آب و فاضلاب'] },
      { name: 'اداره کل ورزش و جوانان', aliases: ['ورزش'] },
    ]);
    await store.setAgencies([{ name: 'اداره کل ورزش و جوانان', aliases: [] }], secretariat, AT);
    expect(await store.listAgencies()).toEqual([{ name: 'اداره کل ورزش و جوانان', aliases: [] }]);
    const lines = await store.listHistory();
    expect(lines.map((l) => [l.field, l.source.kind])).toEqual([['agencies', 'agencies'], ['agencies', 'agencies']]);
    expect(JSON.parse(lines[1].old!)).toHaveLength(2);
    // the same directory again changes nothing
    await store.setAgencies([{ name: 'اداره کل ورزش و جوانان', aliases: [] }], secretariat, AT);
    expect(await store.listHistory()).toHaveLength(2);
  });

  it('a commit replaces the settings and adds to the directory in the same transaction as its rows, the history naming its upload', async () => {
    const { store } = await backend.fresh();
    await store.addMeeting(meeting('14010409-12', '1401/04/09'), [row('a', 'فرمانداری کرج')], AT);
    await store.setAgencies([{ name: 'شرکت آب و فاضلاب استان', aliases: ['آبفا'] }], secretariat, AT);
    const upload = { hash: '1'.repeat(64), scope: '', kind: 'register', name: 'دفتر.xlsx', size: 10 };
    const source = { kind: 'upload' as const, file: 'دفتر.xlsx' };
    const result = await store.commit(edit('a', 1, { percent: 50 }, {
      upload, source, settings: { thursdayIsWorkday: false, urgentDays: 5, dueSoonDays: 7, holidays: ['1401/04/14'] },
      // a known agency gains an alias, a new one comes with its own; an alias another agency has stays that agency's
      agencyAdditions: [{ name: 'آبفا', aliases: ['آب و فاضلاب'] }, { name: 'فرمانداری کرج', aliases: ['فرمانداری شهرستان کرج', 'آبفا'] }],
    }));
    const uploadId = result.outcome === 'applied' ? result.upload?.id : undefined;
    expect(typeof uploadId).toBe('number');
    expect(await store.getSettings()).toEqual({ thursdayIsWorkday: false, urgentDays: 5, dueSoonDays: 7, holidays: ['1401/04/14'] });
    expect(await store.listAgencies()).toEqual([
      { name: 'شرکت آب و فاضلاب استان', aliases: ['آبفا', 'آب و فاضلاب'] },
      { name: 'فرمانداری کرج', aliases: ['فرمانداری شهرستان کرج'] },
    ]);
    const lines = (await store.listHistory()).slice(1);
    expect(lines.map((l) => [l.assignmentId, l.field, l.source.kind, l.source.file, l.uploadId])).toEqual([
      [null, 'urgentDays', 'upload', 'دفتر.xlsx', uploadId],
      [null, 'holidays', 'upload', 'دفتر.xlsx', uploadId],
      [null, 'agencies', 'upload', 'دفتر.xlsx', uploadId],
      ['a', 'percent', 'upload', 'دفتر.xlsx', uploadId],
    ]);
  });

  it('a stale row rolls back the settings and the directory of its commit too', async () => {
    const { store } = await backend.fresh();
    await store.addMeeting(meeting('14010409-12', '1401/04/09'), [row('a', 'فرمانداری کرج')], AT);
    const result = await store.commit(edit('a', 7, { percent: 50 }, {
      settings: { thursdayIsWorkday: true, urgentDays: 3, dueSoonDays: 7, holidays: [] }, agencyAdditions: [{ name: 'فرمانداری کرج', aliases: ['کرج'] }],
    }));
    expect(result.outcome).toBe('conflict');
    expect(await store.getSettings()).toEqual({ thursdayIsWorkday: false, urgentDays: 3, dueSoonDays: 7, holidays: [] });
    expect(await store.listAgencies()).toEqual([]);
    expect(await store.listHistory()).toEqual([]);
  });

  it('lists the register\'s own history lines (settings, directory) newest first, in pages', async () => {
    const { store } = await backend.fresh();
    await store.addMeeting(meeting('14010409-12', '1401/04/09'), [row('a', 'فرمانداری کرج')], AT);
    await store.setSettings({ thursdayIsWorkday: false, urgentDays: 5, dueSoonDays: 7, holidays: [] }, secretariat, AT);
    await store.commit(edit('a', 1, { percent: 50 }));
    await store.setAgencies([{ name: 'فرمانداری کرج', aliases: ['کرج'] }], secretariat, AT);
    await store.setSettings({ thursdayIsWorkday: false, urgentDays: 5, dueSoonDays: 9, holidays: [] }, secretariat, AT);
    const newest = await store.listHistory({ registerOnly: true, newestFirst: true });
    expect(newest.map((l) => [l.field, l.old, l.new])).toEqual([
      ['dueSoonDays', '7', '9'], ['agencies', '[]', '[{"name":"فرمانداری کرج","aliases":["کرج"]}]'], ['urgentDays', '3', '5'],
    ]);
    const page = await store.listHistory({ registerOnly: true, newestFirst: true, limit: 2 });
    expect(page.map((l) => l.field)).toEqual(['dueSoonDays', 'agencies']);
    expect((await store.listHistory({ registerOnly: true, newestFirst: true, beforeSeq: page[1].seq })).map((l) => l.field)).toEqual(['urgentDays']);
    expect((await store.listHistory()).map((l) => l.field)).toEqual(['urgentDays', 'percent', 'agencies', 'dueSoonDays']);
  });

  it('lists the uploads newest first, in pages; an upload recorded alone (a refused file) leaves the register version', async () => {
    const { store } = await backend.fresh();
    expect(await store.listUploads()).toEqual([]);
    const refusal = { outcome: 'rejected', rejected: [{ code: 'return_signature_invalid', sheetRow: 0 }] };
    const agency = { kind: 'agency' as const, tokenId: 't-karaj', agency: 'فرمانداری کرج' };
    for (const [i, name] of ['a.xlsx', 'b.xlsx', 'c.xlsx'].entries()) {
      const result = await store.commit({
        at: AT, actor: agency, source: { kind: 'upload', file: name }, edits: [],
        upload: { hash: String(i).repeat(64), scope: 'k', kind: 'return', name, size: 100 + i, report: refusal },
      });
      expect(result.outcome).toBe('applied');
    }
    expect(await store.version()).toBe(0);
    const all = await store.listUploads();
    expect(all.map((u) => [u.name, u.size, u.kind, u.hash, u.actor.agency, u.actor.tokenId, u.receivedAt])).toEqual([
      ['c.xlsx', 102, 'return', '2'.repeat(64), 'فرمانداری کرج', 't-karaj', AT],
      ['b.xlsx', 101, 'return', '1'.repeat(64), 'فرمانداری کرج', 't-karaj', AT],
      ['a.xlsx', 100, 'return', '0'.repeat(64), 'فرمانداری کرج', 't-karaj', AT],
    ]);
    expect(all[0].report).toEqual(refusal);
    expect((await store.listUploads({ limit: 2 })).map((u) => u.name)).toEqual(['c.xlsx', 'b.xlsx']);
    expect((await store.listUploads({ limit: 2, beforeId: all[1].id })).map((u) => u.name)).toEqual(['a.xlsx']);
  });

  it('makes tokens it keeps only as hashes, finds them by the token, forgets revoked ones', async () => {
    const { store, raw } = await backend.fresh();
    const { token, secret } = await store.createToken({ role: 'agency', agency: ' فرمانداری كرج ', label: 'karaj' }, AT);
    expect(secret).toMatch(/^mosavabat_[A-Za-z0-9_-]{43}$/);
    expect(token).toEqual({
      id: token.id, role: 'agency', agency: 'فرمانداری كرج', agencyKey: (await import('../../core/text/normalize')).comparisonKey('فرمانداری کرج'),
      label: 'karaj', createdAt: AT, revokedAt: null,
    });
    expect(token.id).toMatch(/^[0-9a-f]{12}$/);
    const second = await store.createToken({ role: 'secretariat' }, AT);
    expect(second.secret).not.toBe(secret);
    expect(await store.findToken(secret)).toEqual(token);
    expect(await store.findToken(second.secret)).toEqual(second.token);
    // one character changed, a bare prefix, nothing
    const wrong = secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A');
    expect(await store.findToken(wrong)).toBeUndefined();
    expect(await store.findToken('mosavabat_')).toBeUndefined();
    expect(await store.findToken('')).toBeUndefined();
    // the database holds the SHA-256 of the token, never the token
    const { createHash } = await import('node:crypto');
    const stored = (await raw('SELECT id, hash FROM tokens')) as Array<{ id: string; hash: string }>;
    expect(stored.find((t) => t.id === token.id)?.hash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(secret.slice(10));
    expect((await store.listTokens()).map((t) => t.id).sort()).toEqual([token.id, second.token.id].sort());
    expect(await store.revokeToken(token.id, '2022-07-06T00:00:00.000Z')).toBe(true);
    expect(await store.revokeToken(token.id, '2022-07-07T00:00:00.000Z')).toBe(false);
    expect(await store.revokeToken('nosuchid', AT)).toBe(false);
    expect(await store.findToken(secret)).toBeUndefined();
    expect((await store.listTokens()).find((t) => t.id === token.id)?.revokedAt).toBe('2022-07-06T00:00:00.000Z');
    await expect(store.createToken({ role: 'agency', agency: '  ' }, AT)).rejects.toThrow('agency');
  });

  it('makes the first secretariat token only on a store without tokens, once across instances', async () => {
    const { store, again } = await backend.fresh();
    const other = await again();
    const made = await Promise.all([store.createFirstToken(AT), other.createFirstToken(AT), store.createFirstToken(AT)]);
    const tokens = made.filter((m) => m !== undefined);
    expect(tokens).toHaveLength(1);
    expect(tokens[0]!.token).toMatchObject({ role: 'secretariat', agency: null });
    expect(await store.findToken(tokens[0]!.secret)).toEqual(tokens[0]!.token);
    expect(await store.createFirstToken(AT)).toBeUndefined();
    expect(await other.listTokens()).toHaveLength(1);
  });

  it('two instances changing the same rows at once lose no update: every commit is applied or a conflict', async () => {
    const { store, again } = await backend.fresh();
    const other = await again();
    await store.addMeeting(meeting('14010409-12', '1401/04/09'), [row('a', 'x', { percent: 0 }), row('b', 'x', { percent: 0 })], AT);
    // 2 instances × 10 writers, each adding 1 to both rows' percent, retrying on conflict
    const bump = async (s: RegisterStore) => {
      for (;;) {
        const [a, b] = await s.listAssignments({ ids: ['a', 'b'] });
        const result = await s.commit({
          at: AT, actor: secretariat, source: { kind: 'edit' },
          edits: [{ id: 'a', expectedRevision: a.revision, fields: { percent: a.percent! + 1 } }, { id: 'b', expectedRevision: b.revision, fields: { percent: b.percent! + 1 } }],
        });
        if (result.outcome === 'applied') return;
        expect(result.outcome).toBe('conflict');
      }
    };
    await Promise.all(Array.from({ length: 20 }, (_, i) => bump(i % 2 ? store : other)));
    expect((await store.listAssignments()).map((r) => [r.id, r.percent, r.revision])).toEqual([['a', 20, 21], ['b', 20, 21]]);
    expect(await store.listHistory()).toHaveLength(40);
  });

  it('the same upload sent by several at once is applied once, the others are duplicates', async () => {
    const { store, again } = await backend.fresh();
    const other = await again();
    await store.addMeeting(meeting('14010409-12', '1401/04/09'), [row('a', 'x')], AT);
    const send = (s: RegisterStore) => s.commit({
      at: AT, actor: secretariat, source: { kind: 'upload', file: 'r.xlsx' },
      upload: { hash: 'cd'.repeat(32), scope: '', kind: 'return', name: 'r.xlsx', size: 1 },
      edits: [{ id: 'a', expectedRevision: 1, fields: { percent: 30 } }],
    });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => send(i % 2 ? store : other)));
    expect(results.map((r) => r.outcome).sort()).toEqual(['applied', 'duplicate', 'duplicate', 'duplicate', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
    expect(await store.getAssignment('a')).toMatchObject({ percent: 30, revision: 2 });
  });

  it('moves its version on with every change the register shows, on every instance, and only then', async () => {
    const { store, again } = await backend.fresh();
    const other = await again();
    expect(await store.version()).toBe(0);
    await store.addMeeting(meeting('14010409-12', '1401/04/09'), [row('a', 'x')], AT);
    expect(await caughtUp(() => other.version(), 1)).toBe(1);
    await store.addMeeting(meeting('14010409-12', '1401/04/09'), [row('a', 'x')], AT);
    expect(await store.version()).toBe(1);
    await other.commit(edit('a', 1, { percent: 10 }));
    expect(await caughtUp(() => store.version(), 2)).toBe(2);
    await store.commit(edit('a', 2, { percent: 10 }));
    await store.commit(edit('a', 1, { percent: 20 }));
    expect(await store.version()).toBe(2);
    const upload = { hash: '0'.repeat(64), scope: '', kind: 'return', name: 'r.xlsx', size: 1 };
    await store.commit({ ...edit('a', 2, { percent: 30 }), upload });
    expect(await store.version()).toBe(3);
    await store.commit({ ...edit('a', 3, { percent: 40 }), upload });
    expect(await store.version()).toBe(3);
    await store.setSettings({ thursdayIsWorkday: false, urgentDays: 3, dueSoonDays: 7, holidays: [] }, secretariat, AT);
    expect(await store.version()).toBe(3);
    await store.setSettings({ thursdayIsWorkday: false, urgentDays: 5, dueSoonDays: 7, holidays: [] }, secretariat, AT);
    expect(await store.version()).toBe(4);
    await store.setAgencies([{ name: 'x', aliases: [] }], secretariat, AT);
    await store.setAgencies([{ name: 'x', aliases: [] }], secretariat, AT);
    expect(await caughtUp(() => other.version(), 5)).toBe(5);
    await store.createToken({ role: 'secretariat' }, AT);
    expect(await store.version()).toBe(5);
  });

  it('moves its tokens version on when a token is made or revoked, at once on the instance that wrote, soon on the others', async () => {
    const { store, again } = await backend.fresh();
    const other = await again();
    expect([await store.tokensVersion(), await other.tokensVersion()]).toEqual([0, 0]);
    const made = await store.createToken({ role: 'agency', agency: 'x' }, AT);
    expect(await store.tokensVersion()).toBe(1);
    expect(await caughtUp(() => other.tokensVersion(), 1)).toBe(1);
    expect(await other.revokeToken('no-such-id', AT)).toBe(false);
    expect(await other.tokensVersion()).toBe(1);
    expect(await other.revokeToken(made.token.id, AT)).toBe(true);
    expect(await other.tokensVersion()).toBe(2);
    expect(await caughtUp(() => store.tokensVersion(), 2)).toBe(2);
    // the register's version is its own
    expect(await store.version()).toBe(0);
  });

  it('counts rate-limited events per key in fixed windows; PostgreSQL shares the counts between instances', async () => {
    const { store, again } = await backend.fresh();
    const other = await again();
    const minute = 60_000;
    const at = 1_700_000_070_000; // 30 s into the minute that starts at 1_700_000_040_000 (28,333,334 × 60,000)
    expect(await store.countEvents('upload', 't1', minute, at, 1)).toBe(1);
    expect(await store.countEvents('upload', 't1', minute, at + 29_999, 1)).toBe(2);
    expect(await store.countEvents('upload', 't1', minute, at, 0)).toBe(2);
    expect(await store.countEvents('upload', 't2', minute, at, 0)).toBe(0);
    expect(await store.countEvents('failed_login', 't1', minute, at, 0)).toBe(0);
    // the next minute starts afresh
    expect(await store.countEvents('upload', 't1', minute, at + 30_000, 1)).toBe(1);
    expect(await other.countEvents('upload', 't1', minute, at + 30_000, 1)).toBe(backend.name === 'postgres' ? 2 : 1);
  });

  it('runs each migration once: opening again applies nothing', async () => {
    const { store, again, raw } = await backend.fresh();
    await store.addMeeting(meeting('14010409-12', '1401/04/09'), [row('a', 'x')], AT);
    await store.close();
    const reopened = await again();
    expect((await reopened.listAssignments()).map((r) => r.id)).toEqual(['a']);
    const versions = (await raw('SELECT version, name FROM schema_migrations ORDER BY version')) as Array<{ version: number; name: string }>;
    expect(versions).toEqual([
      { version: 1, name: 'meetings and assignments' },
      { version: 2, name: 'history, uploads, tokens, settings, agency directory' },
      { version: 3, name: 'register version' },
      { version: 4, name: 'return signing key' },
      { version: 5, name: 'tokens version, shared rate-limit counters' },
    ]);
    await reopened.close();
  });

  it('a database one migration behind gets that migration only', async () => {
    const { store, again, raw, exec } = await backend.fresh();
    await store.addMeeting(meeting('14010409-12', '1401/04/09'), [row('a', 'x')], AT);
    await store.close();
    // as the service before the tokens version left it
    await exec(`ALTER TABLE register_version DROP COLUMN tokens_version; ${backend.name === 'postgres' ? 'DROP TABLE rate_counts;' : ''}
      DELETE FROM schema_migrations WHERE version = 5`);
    const reopened = await again();
    expect([await reopened.version(), await reopened.tokensVersion()]).toEqual([1, 0]);
    expect((await reopened.listAssignments()).map((r) => r.id)).toEqual(['a']);
    expect(((await raw('SELECT version FROM schema_migrations ORDER BY version')) as Array<{ version: number }>).map((r) => r.version)).toEqual([1, 2, 3, 4, 5]);
    await reopened.close();
  });

  it('a store of the previous version (schema 3, no signing key) gets the key table, keeps its rows, tokens and history, and makes its key on first need', async () => {
    const { store, again, raw, exec } = await backend.fresh();
    await store.addMeeting(meeting('14010409-12', '1401/04/09'), [row('a', 'x')], AT);
    await store.commit(edit('a', 1, { percent: 40 }));
    await store.createToken({ role: 'agency', agency: 'x' }, AT);
    await store.close();
    // as the service of the previous version left it
    await exec(`DROP TABLE signing_key; ALTER TABLE register_version DROP COLUMN tokens_version; ${backend.name === 'postgres' ? 'DROP TABLE rate_counts;' : ''}
      DELETE FROM schema_migrations WHERE version IN (4, 5)`);
    const reopened = await again();
    expect(((await raw('SELECT version FROM schema_migrations ORDER BY version')) as Array<{ version: number }>).map((r) => r.version)).toEqual([1, 2, 3, 4, 5]);
    expect((await reopened.listAssignments()).map((r) => [r.id, r.percent, r.revision])).toEqual([['a', 40, 2]]);
    expect((await reopened.listHistory()).map((h) => [h.field, h.new])).toEqual([['percent', '40']]);
    expect((await reopened.listTokens()).map((t) => t.agency)).toEqual(['x']);
    expect(await raw('SELECT * FROM signing_key')).toEqual([]);
    const key = await reopened.signingKey('2022-07-06T00:00:00.000Z');
    expect([key.key.length, key.created]).toEqual([32, '2022-07-06T00:00:00.000Z']);
    await reopened.close();
  });

  it('makes one signing key, at random, on first need: every instance gets it, it survives a reopen, and a later time never replaces it', async () => {
    const { store, again, raw } = await backend.fresh();
    const other = await again();
    const [mine, theirs] = await Promise.all([store.signingKey(AT), other.signingKey('2030-01-01T00:00:00.000Z')]);
    expect(mine.key.equals(theirs.key)).toBe(true);
    expect(mine.created).toBe(theirs.created);
    expect(mine.key.length).toBe(32);
    expect(mine.key.equals(Buffer.alloc(32))).toBe(false);
    const rows = (await raw('SELECT secret FROM signing_key')) as Array<{ secret: string }>;
    expect(rows).toEqual([{ secret: mine.key.toString('hex') }]);
    await store.close();
    await other.close();
    const reopened = await again();
    const later = await reopened.signingKey('2031-01-01T00:00:00.000Z');
    expect([later.key.equals(mine.key), later.created]).toEqual([true, mine.created]);
    await reopened.close();
    // another database: another key
    const elsewhere = await backend.fresh();
    expect((await elsewhere.store.signingKey(AT)).key.equals(mine.key)).toBe(false);
  });
});

describe('migrations and the choice of database', () => {
  it('a SQLite file the service made before migrations existed keeps its meeting and rows, and gains history, tokens and the rest', async () => {
    const path = join(tempDir('mosavabat-store-'), 'old.sqlite');
    copyFileSync(join(FIXTURES, 'store-before-migrations.sqlite'), path);
    const store = await openSqliteStore(path);
    opened.push(store);
    const meetings = await store.listMeetings();
    expect(meetings.map((m) => [m.id, m.date, m.number, m.rowCount, m.importedAt])).toEqual([['14010409-12', '1401/04/09', 12, 9, '2022-06-30T08:00:00.000Z']]);
    const rows = await store.listAssignments();
    expect(rows).toHaveLength(9);
    expect(rows[0]).toMatchObject({ id: '14010409-12-1-e9edaa', agency: 'فرمانداری کرج', revision: 1, updatedAt: '1401/04/09' });
    expect(rows[8]).toMatchObject({ id: '14010409-12-6-4d645f', agency: 'آموزش و پرورش استان', revision: 1 });
    const result = await store.commit(edit('14010409-12-1-e9edaa', 1, { percent: 50 }));
    expect(result).toMatchObject({ outcome: 'applied', historyLines: 1 });
    expect(await store.createFirstToken(AT)).toBeDefined();
    const db = new Database(path, { readonly: true });
    try {
      expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }, { version: 4 }, { version: 5 }]);
    } finally {
      db.close();
    }
  });

  it('opens in WAL mode', async () => {
    const path = join(tempDir('mosavabat-store-'), 'pragmas.sqlite');
    const store = await openSqliteStore(path);
    opened.push(store);
    const db = new Database(path, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });

  it('refuses a database a newer service made, naming the schema versions', async () => {
    const path = join(tempDir('mosavabat-store-'), 'newer.sqlite');
    const db = new Database(path);
    db.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL); INSERT INTO schema_migrations VALUES (99, 'future', 'x')");
    db.close();
    await expect(openSqliteStore(path)).rejects.toMatchObject({ code: 'store_too_new', en: expect.stringContaining('schema 99') });
  });

  it('PostgreSQL too refuses a database a newer service made', async () => {
    const url = await pg.createDatabase();
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      await client.query("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL); INSERT INTO schema_migrations VALUES (7, 'future', 'x')");
    } finally {
      await client.end();
    }
    await expect(openPostgresStore(url)).rejects.toMatchObject({ code: 'store_too_new', en: expect.stringContaining('schema 7') });
  });

  it('a file that is not a database, or a PostgreSQL server nobody answers at, is one clear message (no password in it)', async () => {
    const path = join(tempDir('mosavabat-store-'), 'not-a-db.sqlite');
    writeFileSync(path, 'this is a text file, not a database'.repeat(200));
    await expect(openSqliteStore(path)).rejects.toMatchObject({ code: 'store_unusable', en: expect.stringContaining(path) });
    // a port nothing listens on: one the system hands out, closed again
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = server.address() as { port: number };
        server.close(() => resolve(p));
      });
    });
    const error = await openPostgresStore(`postgres://mosavabat:secret-password@127.0.0.1:${port}/x`).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'store_unreachable', en: expect.stringContaining(`postgres://mosavabat:***@127.0.0.1:${port}/x`) });
    expect(JSON.stringify(error) + String((error as Error).message)).not.toContain('secret-password');
  });

  it('several instances starting at once on a new database apply each migration once', async () => {
    const url = await pg.createDatabase();
    const path = join(tempDir('mosavabat-store-'), 'together.sqlite');
    for (const open of [() => openPostgresStore(url), () => openSqliteStore(path)]) {
      const stores = await Promise.all([open(), open(), open()]);
      opened.push(...stores);
      expect(await Promise.all(stores.map((s) => s.version()))).toEqual([0, 0, 0]);
    }
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      expect((await client.query('SELECT version FROM schema_migrations ORDER BY version')).rows).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }, { version: 4 }, { version: 5 }]);
    } finally {
      await client.end();
    }
    const db = new Database(path, { readonly: true });
    try {
      expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }, { version: 4 }, { version: 5 }]);
    } finally {
      db.close();
    }
  });

  it('MOSAVABAT_DB picks PostgreSQL for a postgres:// address and a SQLite file otherwise', async () => {
    const url = await pg.createDatabase();
    const onPg = await openStore(url);
    opened.push(onPg);
    expect(onPg.kind).toBe('postgres');
    const onFile = await openStore(join(tempDir('mosavabat-store-'), 'x.sqlite'));
    opened.push(onFile);
    expect(onFile.kind).toBe('sqlite');
  });
});
