/**
 * A register workbook and the service agree on the register's settings (`تنظیمات`) and its
 * agencies' other names (`دستگاه‌ها`): the workbook the service hands out carries the store's,
 * a workbook uploaded brings its own in (settings as PUT /api/settings would, aliases added to
 * the directory, the store's own never dropped), and a bad cell refuses the file with the store
 * unchanged. Refused returns are listed among the uploads.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { JalaliDate } from '../core/jalali';
import { SHEETS } from '../core/register/fields';
import { openRegister } from '../adapters/xlsx/registerHandle';
import { BASE_SHEET, META_SHEET } from '../adapters/xlsx/returns/format';
import { importMinutesIntoRegister } from '../usecases/importMinutesIntoRegister';
import { analyzeBook } from '../usecases/registerCommon';
import { bearer, closeParser, download, EDUCATION, filledReturn, KARAJ, makeService, upload, type Service } from './serviceHelpers';
import { tempDir } from './helpers';
import { forgeries } from './fixtures/returns/helpers';

afterAll(closeParser);

// several imports, downloads and uploads per test: slow when the shared machine is busy
jest.setTimeout(60_000);

const TODAY = '1401/04/14';

async function saved(bytes: Buffer, name = 'register.xlsx'): Promise<string> {
  const path = join(tempDir('mosavabat-register-sheets-'), name);
  writeFileSync(path, bytes);
  return path;
}

async function idsOf(s: Service, agency: string): Promise<string[]> {
  const res = await request(s.app).get('/api/assignments').query({ agency }).set(bearer(s.tokens.secretariat));
  return res.body.assignments.map((a: { id: string }) => a.id);
}

/** Id → state as the service gives it. */
async function serviceStates(s: Service): Promise<Map<string, string>> {
  const res = await request(s.app).get('/api/assignments?limit=1000').set(bearer(s.tokens.secretariat));
  return new Map(res.body.assignments.map((r: { id: string; state: string }) => [r.id, r.state]));
}

/** Id → state as the CLI derives it from a register file on `TODAY`. */
async function cliStates(path: string): Promise<Map<string, string>> {
  const book = await openRegister(path, 'read');
  const analysis = analyzeBook(book, JalaliDate.parse(TODAY));
  return new Map(analysis.rows.map((r) => [r.assignment.id, r.state]));
}

describe('GET /api/register.xlsx', () => {
  test('writes the store\'s settings into تنظیمات and its aliases into دستگاه‌ها; the CLI reading it derives the service\'s states', async () => {
    const s = await makeService();
    const put = await request(s.app).put('/api/settings').set(bearer(s.tokens.secretariat))
      .send({ dueSoonDays: 30, urgentDays: 4, thursdayIsWorkday: true, holidays: ['1401/04/20'] });
    expect(put.status).toBe(200);
    const agencies = await request(s.app).put('/api/agencies').set(bearer(s.tokens.secretariat))
      .send({ agencies: [{ name: KARAJ, aliases: ['فرمانداری شهرستان کرج'] }] });
    expect(agencies.status).toBe(200);
    const file = await download(s.app, '/api/register.xlsx', s.tokens.secretariat);
    expect(file.status).toBe(200);
    const path = await saved(file.body);
    const book = await openRegister(path, 'read');
    expect(book.settings().present).toBe(true);
    expect(book.settings().issues).toEqual([]);
    expect(book.settings().settings).toEqual({ dueSoonDays: 30, urgentDays: 4, thursdayIsWorkday: true, holidays: ['1401/04/20'] });
    expect(book.directory().find('فرمانداری شهرستان کرج')?.name).toBe(KARAJ);
    // the seed's rows due 1401/05/09 are 25 days away on 1401/04/14: due soon within 30 days (on track within the default 7)
    const states = await serviceStates(s);
    expect([...states.values()].filter((st) => st === 'due_soon')).toHaveLength(2 + 5);
    expect(await cliStates(path)).toEqual(states);
  });

  test('only the secretariat downloads it', async () => {
    const s = await makeService();
    expect((await request(s.app).get('/api/register.xlsx')).status).toBe(401);
    expect((await request(s.app).get('/api/register.xlsx').set(bearer('mosavabat_' + 'x'.repeat(43)))).status).toBe(401);
    expect((await request(s.app).get('/api/register.xlsx').set(bearer(s.tokens.karaj))).status).toBe(403);
  });
});

/** A register made by `mosavabat import` with settings, and an alias typed into its دستگاه‌ها sheet. */
async function cliRegister(settings: Record<string, unknown>, aliases: Array<[string, string]>, edit?: (book: ExcelJS.Workbook) => void): Promise<Buffer> {
  const dir = tempDir('mosavabat-register-sheets-');
  const minutes = join(dir, 'm.txt');
  writeFileSync(minutes, [
    'موضوع: صورتجلسه کارگروه اجتماعی استان', 'تاریخ جلسه: ۱۴۰۱/۰۴/۱۲', '',
    'ردیف\tمصوبه\tاقدام کننده\tزمان اقدام',
    '1\tمقرر گردید گزارش اقدامات به دبیرخانه ارسال شود.\tشرکت آب و فاضلاب استان\tفوری',
    '2\tمقرر گردید گزارش اقدامات به دبیرخانه ارسال شود.\tفرمانداری کرج\tیک ماه',
  ].join('\n'));
  const register = join(dir, 'register.xlsx');
  await importMinutesIntoRegister(minutes, { output: register, settings, today: JalaliDate.parse(TODAY), now: new Date('2022-07-05T05:30:00Z') });
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(register);
  const sheet = book.getWorksheet(SHEETS.agencies)!;
  for (const [name, alias] of aliases) {
    let found = false;
    sheet.eachRow((row, n) => {
      if (n > 1 && row.getCell(1).value === name) {
        row.getCell(2).value = alias;
        found = true;
      }
    });
    if (!found) sheet.addRow([name, alias, '']);
  }
  edit?.(book);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const postRegister = (s: Service, bytes: Buffer, token = s.tokens.secretariat) => upload(s.app, '/api/register', token, [{ name: 'دفتر استان.xlsx', bytes }]);

describe('POST /api/register with the register\'s own تنظیمات and دستگاه‌ها', () => {
  test('its settings become the store\'s (in the history, under the file), its aliases join the directory, the store\'s own stay', async () => {
    const s = await makeService();
    await request(s.app).put('/api/agencies').set(bearer(s.tokens.secretariat))
      .send({ agencies: [{ name: 'آبفا استان', aliases: ['آبفا'] }, { name: EDUCATION, aliases: ['آموزش و پرورش'] }] });
    const bytes = await cliRegister({ urgentDays: 5, dueSoonDays: 10, thursdayIsWorkday: true, holidays: ['1401/04/14'] },
      [[KARAJ, 'فرمانداری شهرستان کرج'], ['شرکت آب و فاضلاب استان', 'آبفا']]);
    const res = await postRegister(s, bytes);
    expect(res.status).toBe(200);
    const report = res.body.files[0].report;
    expect(report.outcome).toBe('applied');
    expect(report.rowsAdded).toBe(2);
    expect(report.settingsChanged.map((c: { key: string }) => c.key)).toEqual(['thursdayIsWorkday', 'urgentDays', 'dueSoonDays', 'holidays']);
    expect(report.settingsChanged[1].fa).toBe('مهلت «فوری» (روز): ۵');
    expect(report.directory.agenciesAdded).toEqual([{ name: KARAJ, aliases: ['فرمانداری شهرستان کرج'] }]);
    expect(report.directory.aliasesAdded).toEqual([]);
    // «آبفا» is the store's «آبفا استان»: the file cannot give it to another agency
    expect(report.directory.aliasesRefused.map((r: { alias: string; agency: string; belongsTo: string }) => [r.alias, r.agency, r.belongsTo]))
      .toEqual([['آبفا', 'شرکت آب و فاضلاب استان', 'آبفا استان']]);
    expect(report.directory.aliasesRefused[0].fa).toContain('آنچه سامانه دارد ماند');

    const settings = await request(s.app).get('/api/settings').set(bearer(s.tokens.secretariat));
    expect(settings.body.settings).toEqual({ dueSoonDays: 10, urgentDays: 5, thursdayIsWorkday: true, holidays: ['1401/04/14'] });
    const directory = await request(s.app).get('/api/agencies').set(bearer(s.tokens.secretariat));
    expect(directory.body.agencies).toEqual([
      { name: 'آبفا استان', aliases: ['آبفا'] }, { name: EDUCATION, aliases: ['آموزش و پرورش'] },
      { name: KARAJ, aliases: ['فرمانداری شهرستان کرج'] },
    ]);
    const lines = (await s.store.listHistory()).filter((l) => l.assignmentId === null && l.source.kind === 'upload');
    expect(lines.map((l) => [l.field, l.source.file, l.actor.kind])).toEqual([
      ['thursdayIsWorkday', 'دفتر استان.xlsx', 'secretariat'], ['urgentDays', 'دفتر استان.xlsx', 'secretariat'],
      ['dueSoonDays', 'دفتر استان.xlsx', 'secretariat'], ['holidays', 'دفتر استان.xlsx', 'secretariat'],
      ['agencies', 'دفتر استان.xlsx', 'secretariat'],
    ]);
    // the alias now filters Karaj's rows
    expect((await idsOf(s, 'فرمانداری شهرستان کرج')).length).toBe((await idsOf(s, KARAJ)).length);
  });

  test('the same settings and aliases again change nothing and say so', async () => {
    const s = await makeService();
    const first = await postRegister(s, await cliRegister({ urgentDays: 5 }, [[KARAJ, 'فرمانداری شهرستان کرج']]));
    expect(first.body.files[0].report.settingsChanged.map((c: { key: string }) => c.key)).toEqual(['urgentDays']);
    const again = await postRegister(s, await cliRegister({ urgentDays: 5 }, [[KARAJ, 'فرمانداری شهرستان کرج']], (book) => {
      book.getWorksheet(SHEETS.register)!.getCell('A1').note = 'another save of the same register';
    }));
    expect(again.body.files[0].duplicate).toBeFalsy();
    const report = again.body.files[0].report;
    expect([report.outcome, report.settingsChanged, report.directory.agenciesAdded, report.directory.aliasesAdded]).toEqual(['nothing_new', [], [], []]);
  });

  test('a setting the sheet cannot read refuses the file (400 naming sheet and cell): no row, setting or alias taken, no upload recorded', async () => {
    const s = await makeService();
    const before = { settings: await s.store.getSettings(), agencies: await s.store.listAgencies(), rows: (await s.store.listAssignments()).length, version: await s.store.version() };
    const bytes = await cliRegister({ urgentDays: 5 }, [[KARAJ, 'فرمانداری شهرستان کرج']], (book) => {
      const sheet = book.getWorksheet(SHEETS.settings)!;
      sheet.eachRow((row) => {
        if (String(row.getCell(1).value).startsWith('پنجشنبه')) row.getCell(2).value = 'شاید';
      });
    });
    const res = await postRegister(s, bytes);
    expect(res.status).toBe(400);
    const error = res.body.files[0].error;
    expect([error.code, error.where.sheet, error.where.cell, error.where.file]).toEqual(['setting_invalid', 'تنظیمات', 'B2', 'دفتر استان.xlsx']);
    expect(error.message).toContain('برگه «تنظیمات»، خانه B2');
    expect(error.message).toContain('چیزی در سامانه تغییر نکرد');
    expect(error.message).not.toContain('پیش‌فرض');
    expect({ settings: await s.store.getSettings(), agencies: await s.store.listAgencies(), rows: (await s.store.listAssignments()).length, version: await s.store.version() })
      .toEqual(before);
    expect(await s.store.listUploads()).toEqual([]);
  });

  test('a register without a تنظیمات sheet leaves the store\'s settings', async () => {
    const s = await makeService();
    await request(s.app).put('/api/settings').set(bearer(s.tokens.secretariat)).send({ urgentDays: 9 });
    const bytes = await cliRegister({}, [], (book) => book.removeWorksheet(book.getWorksheet(SHEETS.settings)!.id));
    const res = await postRegister(s, bytes);
    expect([res.status, res.body.files[0].report.settingsChanged]).toEqual([200, []]);
    expect((await s.store.getSettings()).urgentDays).toBe(9);
  });

  test('agencies may not send a register', async () => {
    const s = await makeService();
    const bytes = await cliRegister({ urgentDays: 5 }, []);
    expect((await upload(s.app, '/api/register', s.tokens.karaj, [{ name: 'r.xlsx', bytes }])).status).toBe(403);
    expect((await request(s.app).post('/api/register?name=r.xlsx').set('Content-Type', 'application/octet-stream').send(bytes)).status).toBe(401);
    expect((await s.store.getSettings()).urgentDays).toBe(3);
  });
});

describe('GET /api/history', () => {
  test('lists the changes of the settings and the directory, newest first, each with who and whence (an edit or an uploaded register)', async () => {
    const s = await makeService();
    await request(s.app).put('/api/settings').set(bearer(s.tokens.secretariat)).send({ urgentDays: 5 });
    const res = await postRegister(s, await cliRegister({ urgentDays: 6 }, [[KARAJ, 'فرمانداری شهرستان کرج']]));
    expect(res.status).toBe(200);
    const history = await request(s.app).get('/api/history').set(bearer(s.tokens.secretariat));
    expect(history.status).toBe(200);
    expect(history.body.nextBefore).toBeNull();
    const changes = history.body.changes as Array<{ field: string; label: string; old: unknown; new: unknown; source: { kind: string; file: string | null }; who: { role: string }; atTehran: string }>;
    expect(changes.map((c) => [c.field, c.label, c.old, c.source.kind, c.source.file, c.who.role])).toEqual([
      ['agencies', 'دستگاه‌ها', [], 'upload', 'دفتر استان.xlsx', 'secretariat'],
      ['urgentDays', 'مهلت «فوری» (روز)', 5, 'upload', 'دفتر استان.xlsx', 'secretariat'],
      ['urgentDays', 'مهلت «فوری» (روز)', 3, 'settings', null, 'secretariat'],
    ]);
    expect(changes[0].new).toEqual([{ name: KARAJ, aliases: ['فرمانداری شهرستان کرج'] }]);
    expect([changes[1].new, changes[2].new, changes[2].atTehran]).toEqual([6, 5, '1401/04/14 10:00']);
    const page = await request(s.app).get('/api/history?limit=2').set(bearer(s.tokens.secretariat));
    expect(page.body.changes).toHaveLength(2);
    const rest = await request(s.app).get(`/api/history?limit=2&before=${page.body.nextBefore}`).set(bearer(s.tokens.secretariat));
    expect(rest.body.changes.map((c: { new: unknown }) => c.new)).toEqual([5]);
  });

  test('only the secretariat reads it', async () => {
    const s = await makeService();
    expect((await request(s.app).get('/api/history')).status).toBe(401);
    expect((await request(s.app).get('/api/history').set(bearer('mosavabat_' + 'x'.repeat(43)))).status).toBe(401);
    expect((await request(s.app).get('/api/history').set(bearer(s.tokens.karaj))).status).toBe(403);
  });
});

describe('GET /api/uploads', () => {
  test('a forged return is refused and listed with who sent it, when, its hash and the reason; nothing is applied', async () => {
    const s = await makeService();
    const [first] = await idsOf(s, KARAJ);
    const file = await download(s.app, '/api/return.xlsx', s.tokens.karaj);
    const [, forge] = forgeries(EDUCATION, 'x-1')[0];
    const forged = await filledReturn(file.body, { [first]: { percent: 90 } },
      (workbook) => forge(workbook.getWorksheet(META_SHEET)!, workbook.getWorksheet(BASE_SHEET)!));
    const version = await s.store.version();
    const res = await upload(s.app, '/api/returns', s.tokens.karaj, [{ name: 'forged.xlsx', bytes: forged }]);
    expect([res.status, res.body.files[0].report.rejected[0].code]).toEqual([422, 'return_signature_invalid']);
    expect((await s.store.getAssignment(first))!.percent).toBeNull();
    expect(await s.store.version()).toBe(version);

    const list = await request(s.app).get('/api/uploads').set(bearer(s.tokens.secretariat));
    expect(list.status).toBe(200);
    expect(list.body.nextBefore).toBeNull();
    expect(list.body.uploads).toHaveLength(1);
    const [entry] = list.body.uploads;
    expect(entry).toMatchObject({
      kind: 'return', name: 'forged.xlsx', size: forged.length, hash: createHash('sha256').update(forged).digest('hex'),
      // 05:30 UTC is 10:00 in Tehran (UTC+4:30 in the summer of 1401)
      receivedAt: '2022-07-05T05:30:00.000Z', receivedTehran: '1401/04/14 10:00', sender: { role: 'agency', agency: KARAJ }, outcome: 'rejected', cellsApplied: 0, conflicts: 0,
    });
    expect(entry.refusal.code).toBe('return_signature_invalid');
    expect(entry.refusal.fa).toContain('با امضای آن نمی‌خواند');

    // the same forged bytes again: the same refusal, recorded once
    const again = await upload(s.app, '/api/returns', s.tokens.karaj, [{ name: 'forged.xlsx', bytes: forged }]);
    expect([again.status, again.body.files[0].duplicate, again.body.files[0].report.rejected[0].code]).toEqual([422, true, 'return_signature_invalid']);
    expect((await request(s.app).get('/api/uploads').set(bearer(s.tokens.secretariat))).body.uploads).toHaveLength(1);
  });

  test('lists applied uploads too, newest first, in pages', async () => {
    const s = await makeService();
    const [first, second] = await idsOf(s, KARAJ);
    const file = await download(s.app, '/api/return.xlsx', s.tokens.karaj);
    for (const [name, id] of [['one.xlsx', first], ['two.xlsx', second]] as const) {
      const res = await upload(s.app, '/api/returns', s.tokens.karaj, [{ name, bytes: await filledReturn(file.body, { [id]: { percent: 10 } }) }]);
      expect(res.status).toBe(200);
    }
    const page = await request(s.app).get('/api/uploads?limit=1').set(bearer(s.tokens.secretariat));
    expect(page.body.uploads.map((u: { name: string; outcome: string; cellsApplied: number; refusal: unknown }) => [u.name, u.outcome, u.cellsApplied, u.refusal]))
      .toEqual([['two.xlsx', 'applied', 1, null]]);
    const next = await request(s.app).get(`/api/uploads?limit=1&before=${page.body.nextBefore}`).set(bearer(s.tokens.secretariat));
    expect(next.body.uploads.map((u: { name: string }) => u.name)).toEqual(['one.xlsx']);
    expect((await request(s.app).get('/api/uploads?limit=0').set(bearer(s.tokens.secretariat))).status).toBe(400);
  });

  test('only the secretariat reads the list', async () => {
    const s = await makeService();
    expect((await request(s.app).get('/api/uploads')).status).toBe(401);
    expect((await request(s.app).get('/api/uploads').set(bearer('mosavabat_' + 'x'.repeat(43)))).status).toBe(401);
    expect((await request(s.app).get('/api/uploads').set(bearer(s.tokens.karaj))).status).toBe(403);
  });
});
