/**
 * The service's minutes import matches agencies as the CLI's import does: the same minutes,
 * imported into a register workbook and into the service, give the same agencies, the same
 * certain matches and the same proposals, with the same warnings.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { JalaliDate } from '../core/jalali';
import { SHEETS } from '../core/register/fields';
import { importMinutesIntoRegister } from '../usecases/importMinutesIntoRegister';
import { bearer, closeParser, download, KARAJ, makeService, type Service } from './serviceHelpers';
import { tempDir } from './helpers';
import { rowsOf } from './fixtures/returns/helpers';

afterAll(closeParser);

// two imports on each side per test: slow when the shared machine is busy
jest.setTimeout(60_000);

const today = JalaliDate.of(1402, 6, 1);
const now = new Date(Date.UTC(2023, 7, 20, 6, 0));

/** Minutes text with a table of (agency, deadline) rows. */
function minutesText(date: string, rows: Array<[string, string]>): string {
  return [
    'موضوع: صورتجلسه کارگروه اجتماعی استان', `تاریخ جلسه: ${date}`, '',
    'ردیف\tمصوبه\tاقدام کننده\tزمان اقدام',
    ...rows.map(([agency, deadline], i) => `${i + 1}\tمقرر گردید گزارش اقدامات به دبیرخانه ارسال شود.\t${agency}\t${deadline}`),
  ].join('\n');
}

const FIRST = minutesText('1402/05/01', [
  ['اداره کل بهزیستی استان', 'یک ماه'], ['سازمان فناوری اطلاعات شهرداری', 'دو هفته'], ['شرکت آب و فاضلاب استان', 'یک هفته'],
]);
const SECOND = minutesText('1402/05/15', [
  ['بهزیستی استان', 'یک ماه'], ['اداره فناوری اطلاعات شهرداری', 'دو هفته'], ['آبفا، شرکت گاز', 'یک هفته'], ['جهاد کشاورزی استان', 'یک ماه'],
]);

/** What an import did, as both sides report it. */
interface Outcome {
  joined: Array<{ written: string; agency: string }>;
  proposals: Array<{ name: string; existing: string }>;
  warnings: Array<[number | undefined, string]>;
  /** Row id → agency of the rows the second minutes made. */
  agencies: Array<[string, string]>;
}

/** The CLI's side: a register made from the first minutes, the directory entry typed into `دستگاه‌ها`, the second imported into it. */
async function throughCli(directory?: { name: string; alias: string }): Promise<Outcome> {
  const dir = tempDir('mosavabat-minutes-agencies-');
  const register = join(dir, 'register.xlsx');
  writeFileSync(join(dir, 'm1.txt'), FIRST);
  writeFileSync(join(dir, 'm2.txt'), SECOND);
  await importMinutesIntoRegister(join(dir, 'm1.txt'), { output: register, today, now });
  if (directory) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(register);
    book.getWorksheet(SHEETS.agencies)!.addRow([directory.name, directory.alias, '']);
    await book.xlsx.writeFile(register);
  }
  const second = await importMinutesIntoRegister(join(dir, 'm2.txt'), { into: register, today, now });
  const rows = await rowsOf(register);
  return {
    joined: second.agenciesJoined, proposals: second.agencyProposals,
    warnings: second.warnings.map((w) => [w.row, w.code]),
    agencies: [...rows.values()].filter((r) => r.meetingDate === '1402/05/15').map((r) => [r.id, r.agency]),
  };
}

async function postMinutes(s: Service, name: string, text: string) {
  const res = await request(s.app).post(`/api/minutes?name=${name}`).set(bearer(s.tokens.secretariat))
    .set('Content-Type', 'application/octet-stream').send(Buffer.from(text, 'utf8'));
  expect([res.status, res.body.files[0].status]).toEqual([200, 201]);
  return res.body.files[0].report;
}

/** The service's side: the same minutes posted in the same order, the directory entry in its store. */
async function throughService(directory?: { name: string; alias: string }): Promise<Outcome> {
  const s = await makeService({ seed: false, now: () => now });
  await postMinutes(s, 'm1.txt', FIRST);
  if (directory) {
    const put = await request(s.app).put('/api/agencies').set(bearer(s.tokens.secretariat)).send({ agencies: [{ name: directory.name, aliases: [directory.alias] }] });
    expect(put.status).toBe(200);
  }
  const report = await postMinutes(s, 'm2.txt', SECOND);
  const rows = await s.store.listAssignments({ meetingId: report.meetingId });
  return {
    joined: report.agenciesJoined, proposals: report.agencyProposals,
    warnings: (report.resolutions as Array<{ row: number; warnings: Array<{ code: string }> }>)
      .flatMap((r) => r.warnings.map((w) => [r.row, w.code] as [number, string])),
    agencies: rows.map((r) => [r.id, r.agency]),
  };
}

describe('the same minutes through the CLI and through the service', () => {
  test('give the same agencies: certain spellings joined to the known name, a likely one kept and warned about', async () => {
    const [cli, service] = await Promise.all([throughCli(), throughService()]);
    expect(service.joined).toEqual([
      { written: 'بهزیستی استان', agency: 'اداره کل بهزیستی استان' },
      { written: 'آبفا', agency: 'شرکت آب و فاضلاب استان' },
    ]);
    expect(service.proposals).toEqual([{ name: 'اداره فناوری اطلاعات شهرداری', existing: 'سازمان فناوری اطلاعات شهرداری' }]);
    expect(service.warnings).toEqual([[1, 'agency_joined'], [2, 'agency_alias_proposed'], [3, 'agency_joined']]);
    expect(service.agencies.map(([, agency]) => agency)).toEqual([
      'اداره کل بهزیستی استان', 'اداره فناوری اطلاعات شهرداری', 'شرکت آب و فاضلاب استان', 'شرکت گاز', 'جهاد کشاورزی استان',
    ]);
    expect(service).toEqual(cli);
  });

  test('give the same agencies when the directory has an alias: a spelling of the alias joins the directory\'s agency', async () => {
    const entry = { name: 'سازمان جهاد کشاورزی', alias: 'جهاد کشاورزی' };
    const [cli, service] = await Promise.all([throughCli(entry), throughService(entry)]);
    // «جهاد کشاورزی استان» is the alias with «استان»: certainly that agency, written with its name
    expect(service.joined).toEqual([
      { written: 'بهزیستی استان', agency: 'اداره کل بهزیستی استان' },
      { written: 'آبفا', agency: 'شرکت آب و فاضلاب استان' },
      { written: 'جهاد کشاورزی استان', agency: 'سازمان جهاد کشاورزی' },
    ]);
    expect(service.warnings).toEqual([[1, 'agency_joined'], [2, 'agency_alias_proposed'], [3, 'agency_joined'], [4, 'agency_joined']]);
    expect(service.agencies.map(([, agency]) => agency)).toEqual([
      'اداره کل بهزیستی استان', 'اداره فناوری اطلاعات شهرداری', 'شرکت آب و فاضلاب استان', 'شرکت گاز', 'سازمان جهاد کشاورزی',
    ]);
    expect(service).toEqual(cli);
  });
});

test('the service\'s note on a likely match sends the clerk to the dashboard\'s list of other names, not to a sheet', async () => {
  const s = await makeService({ seed: false, now: () => now });
  await postMinutes(s, 'm1.txt', FIRST);
  const report = await postMinutes(s, 'm2.txt', SECOND);
  const notes = (report.resolutions as Array<{ warnings: Array<{ code: string; fa: string; en: string }> }>)
    .flatMap((r) => r.warnings).filter((w) => w.code === 'agency_alias_proposed');
  expect(notes.map((w) => w.fa)).toEqual([
    '«اداره فناوری اطلاعات شهرداری» شاید همان «سازمان فناوری اطلاعات شهرداری» باشد؛ دستگاه تازه ثبت شد. اگر یکی‌اند، در داشبورد («دستگاه‌ها و نام‌های دیگر آن‌ها») این نام را در «نام‌های دیگر» آن دستگاه بنویسید',
  ]);
  expect(notes[0].en).toContain('on the dashboard');
});

describe('the store\'s agency directory', () => {
  test('the secretariat replaces it (names and aliases tidied, in the history) and reads it back; an agency may not', async () => {
    const s = await makeService({ seed: false });
    const put = await request(s.app).put('/api/agencies').set(bearer(s.tokens.secretariat))
      .send({ agencies: [{ name: '  شرکت آب و فاضلاب استان ', aliases: ['آبفا', 'آب و فاضلاب'] }, { name: 'بهزيستي استان' }] });
    expect(put.status).toBe(200);
    // the Arabic yeh of «بهزيستي» becomes the Persian one; spaces around a name go
    const expected = [{ name: 'شرکت آب و فاضلاب استان', aliases: ['آبفا', 'آب و فاضلاب'] }, { name: 'بهزیستی استان', aliases: [] }];
    expect(put.body.agencies).toEqual(expected);
    expect((await request(s.app).get('/api/agencies').set(bearer(s.tokens.secretariat))).body.agencies).toEqual(expected);
    expect((await s.store.listHistory()).map((h) => [h.field, h.actor.kind, h.source.kind])).toEqual([['agencies', 'secretariat', 'agencies']]);
    expect((await request(s.app).put('/api/agencies').set(bearer(s.tokens.karaj)).send({ agencies: [] })).status).toBe(403);
  });

  test('a body that is not a directory is a 400 naming what is wrong, and the directory stays', async () => {
    const s = await makeService({ seed: false });
    await request(s.app).put('/api/agencies').set(bearer(s.tokens.secretariat)).send({ agencies: [{ name: 'شهرداری کرج' }] });
    const bodies: Array<[unknown, string]> = [
      [{ agency: [] }, 'بدنهٔ درخواست باید { "agencies": [ { "name": …, "aliases": [ … ] } ] } باشد'],
      [{ agencies: [{ name: 'شهرداری کرج' }, { name: '  ' }] }, 'دستگاه ۲: نام دستگاه باید متن باشد و خالی نباشد'],
      [{ agencies: [{ name: 'شهرداری کرج', aliases: 'شهرداری' }] }, 'دستگاه ۱: «aliases» باید فهرستی از حداکثر ۵۰ نام باشد'],
      [{ agencies: [{ name: 'x'.repeat(301) }] }, 'دستگاه ۱: نام دستگاه بیش از ۳۰۰ نویسه است'],
    ];
    for (const [body, message] of bodies) {
      const res = await request(s.app).put('/api/agencies').set(bearer(s.tokens.secretariat)).send(body as object);
      expect([res.status, res.body.error.code, res.body.error.message]).toEqual([400, 'bad_agencies', message]);
    }
    expect(await s.store.listAgencies()).toEqual([{ name: 'شهرداری کرج', aliases: [] }]);
  });

  test('an alias names the same agency for the return workbook: the file has the agency\'s rows under its directory name', async () => {
    const s = await makeService();
    await request(s.app).put('/api/agencies').set(bearer(s.tokens.secretariat)).send({ agencies: [{ name: KARAJ, aliases: ['فرمانداری شهرستان کرج'] }] });
    const file = await download(s.app, `/api/return.xlsx?agency=${encodeURIComponent('فرمانداری شهرستان کرج')}`, s.tokens.secretariat);
    expect(file.status).toBe(200);
    expect(decodeURIComponent(file.headers['content-disposition'])).toContain(`مصوبات - ${KARAJ} - ۱۴۰۱-۰۴-۱۴.xlsx`);
  });
});
