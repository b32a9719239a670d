/**
 * Minutes uploaded to the service get their due dates from the store's settings, as
 * `mosavabat import` gets them from the register's `تنظیمات` sheet: the same minutes with the
 * same settings give the same due dates on both sides.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { JalaliDate } from '../core/jalali';
import { importMinutesIntoRegister } from '../usecases/importMinutesIntoRegister';
import { bearer, closeParser, makeService, type Service } from './serviceHelpers';
import { makeZip, tempDir } from './helpers';
import { rowsOf } from './fixtures/returns/helpers';

afterAll(closeParser);

// an import on each side per test: slow when the shared machine is busy
jest.setTimeout(60_000);

const today = JalaliDate.of(1401, 4, 9);
const now = new Date(Date.UTC(2022, 5, 30, 6, 0));

/**
 * A meeting on Thursday 1401/04/09 (2022-06-30) with three deadlines. By hand:
 * - «فوری»: the meeting + urgentDays; 3 by default → 1401/04/12, 5 → 1401/04/14.
 * - «ظرف یک هفته»: the meeting + 7 calendar days → 1401/04/16 whatever the settings (a week is
 *   not counted in working days, so a holiday inside it changes nothing).
 * - «ظرف ۵ روز کاری»: the days after the meeting are Fri 04/10 (never), Sat 11, Sun 12, Mon 13,
 *   Tue 14, Wed 15, Thu 16, Fri 17, Sat 18. By default (Thursday off, no holiday): 11, 12, 13, 14,
 *   15 → 1401/04/15. With 04/14 a holiday and Thursday a working day: 11, 12, 13, 15, 16 → 1401/04/16.
 */
const ROWS: Array<[string, string]> = [
  ['فرمانداری کرج', 'فوری'],
  ['شرکت آب و فاضلاب استان', 'ظرف یک هفته'],
  ['اداره کل بهزیستی استان', 'ظرف ۵ روز کاری'],
];
const MINUTES = [
  'موضوع: صورتجلسه کارگروه اجتماعی استان', 'تاریخ جلسه: ۱۴۰۱/۰۴/۰۹', '',
  'ردیف\tمصوبه\tاقدام کننده\tزمان اقدام',
  ...ROWS.map(([agency, deadline], i) => `${i + 1}\tمقرر گردید گزارش اقدامات به دبیرخانه ارسال شود.\t${agency}\t${deadline}`),
].join('\n');

/** The same minutes as a Word document: a heading paragraph and the table. */
function minutesDocx(): Buffer {
  const cell = (text: string) => `<w:tc><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:tc>`;
  const rows = [['ردیف', 'مصوبه', 'اقدام کننده', 'زمان اقدام'], ...ROWS.map(([agency, deadline], i) => [String(i + 1), 'مقرر گردید گزارش اقدامات به دبیرخانه ارسال شود.', agency, deadline])];
  const xml = '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    + '<w:p><w:r><w:t>موضوع: صورتجلسه کارگروه اجتماعی استان</w:t></w:r></w:p><w:p><w:r><w:t>تاریخ جلسه: ۱۴۰۱/۰۴/۰۹</w:t></w:r></w:p>'
    + `<w:tbl>${rows.map((r) => `<w:tr>${r.map(cell).join('')}</w:tr>`).join('')}</w:tbl></w:body></w:document>`;
  return makeZip({ 'word/document.xml': xml });
}

const SETTINGS = { urgentDays: 5, holidays: ['1401/04/14'], thursdayIsWorkday: true };

/** Agency → due date of the rows the service stored. */
async function serviceDues(s: Service, name: string, bytes: Buffer): Promise<Map<string, string | null>> {
  const res = await request(s.app).post(`/api/minutes?name=${encodeURIComponent(name)}`).set(bearer(s.tokens.secretariat))
    .set('Content-Type', 'application/octet-stream').send(bytes);
  expect([res.status, res.body.files[0].status]).toEqual([200, 201]);
  const rows = await request(s.app).get('/api/assignments?limit=1000').set(bearer(s.tokens.secretariat));
  return new Map((rows.body.assignments as Array<{ agency: string; due: string | null }>).map((r) => [r.agency, r.due]));
}

async function withSettings(): Promise<Service> {
  const s = await makeService({ seed: false, now: () => now });
  const res = await request(s.app).put('/api/settings').set(bearer(s.tokens.secretariat)).send(SETTINGS);
  expect(res.status).toBe(200);
  return s;
}

const EXPECTED_WITH_SETTINGS = new Map([
  ['فرمانداری کرج', '1401/04/14'], ['شرکت آب و فاضلاب استان', '1401/04/16'], ['اداره کل بهزیستی استان', '1401/04/16'],
]);

test('without settings the defaults give the due dates', async () => {
  const s = await makeService({ seed: false, now: () => now });
  expect(await serviceDues(s, 'm.txt', Buffer.from(MINUTES, 'utf8'))).toEqual(new Map([
    ['فرمانداری کرج', '1401/04/12'], ['شرکت آب و فاضلاب استان', '1401/04/16'], ['اداره کل بهزیستی استان', '1401/04/15'],
  ]));
});

test('minutes as text follow the store\'s urgent days, holidays and Thursday', async () => {
  expect(await serviceDues(await withSettings(), 'm.txt', Buffer.from(MINUTES, 'utf8'))).toEqual(EXPECTED_WITH_SETTINGS);
});

test('minutes in Word follow them too', async () => {
  expect(await serviceDues(await withSettings(), 'm.docx', minutesDocx())).toEqual(EXPECTED_WITH_SETTINGS);
});

test('the service and `mosavabat import` into a register with the same settings give the same due dates, row by row', async () => {
  const dir = tempDir('mosavabat-minutes-settings-');
  writeFileSync(join(dir, 'm.txt'), MINUTES);
  const register = join(dir, 'register.xlsx');
  await importMinutesIntoRegister(join(dir, 'm.txt'), { output: register, settings: SETTINGS, today, now });
  const cli = [...(await rowsOf(register)).values()].map((r) => [r.id, r.due] as const).sort();

  const s = await withSettings();
  await serviceDues(s, 'm.txt', Buffer.from(MINUTES, 'utf8'));
  const stored = (await s.store.listAssignments()).map((r) => [r.id, r.due] as const).sort();
  expect(stored).toEqual(cli);
  expect(cli).toHaveLength(3);
  expect(cli.map(([, due]) => due).sort()).toEqual(['1401/04/14', '1401/04/16', '1401/04/16']);
});
