/**
 * The service's pages in Debian's chromium (playwright-core): the agency page (log in, download
 * the return, upload it filled, read the report) and the secretariat dashboard (chart, tables,
 * accept an extension request, filters), each printed to an A4 PDF. No page error, no CSP
 * violation, no request to another host. Page-side code is passed as strings: this file is
 * type-checked without the DOM library.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { CHROMIUM, launchChromium } from './chromium';
import request from 'supertest';
import { META_SHEET } from '../adapters/xlsx/returns/format';
import { metaRow } from './fixtures/returns/helpers';
import { bearer, closeParser, download as fetchFile, EDUCATION, filledReturn, KARAJ, makeService, type Service } from './serviceHelpers';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

jest.setTimeout(60_000);

let service: Service;
let server: Server;
let origin: string;
let context: BrowserContext;
let profile: string;
const requested: string[] = [];
const problems: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  service = await makeService();
  server = service.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  profile = mkdtempSync(join(tmpdir(), 'mosavabat-chromium-'));
  context = await launchChromium(profile, { acceptDownloads: true });
  context.on('request', (r) => { requested.push(r.url()); });
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    return /^https?:$/.test(url.protocol) && !LOCAL_HOSTS.has(url.hostname) ? route.abort() : route.continue();
  });
});

afterAll(async () => {
  await context?.close();
  if (server) await new Promise((resolve) => server.close(resolve)); // a failed beforeAll may have left no server
  if (profile) rmSync(profile, { recursive: true, force: true });
  await closeParser();
});

async function open(path: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => { problems.push(`${path}: ${error.message}`); });
  // a CSP violation, a failed load: chromium reports them as console errors
  page.on('console', (message) => { if (message.type() === 'error') problems.push(`${path}: ${message.text()}`); });
  await page.goto(`${origin}${path}`, { waitUntil: 'load' });
  return page;
}

async function printsToA4(page: Page): Promise<void> {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  // A4 is 595 × 842 points (210 × 297 mm)
  const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf.toString('latin1'));
  expect([Math.round(Number(box![1])), Math.round(Number(box![2]))]).toEqual([596, 843]);
  await page.emulateMedia({ media: 'screen' });
}

test('the agency page: log in, download the return, upload it filled, read the report, print', async () => {
  const page = await open('/agency.html');
  expect(await page.evaluate('[document.documentElement.dir, getComputedStyle(document.body).direction]')).toEqual(['rtl', 'rtl']);
  await page.fill('#token', 'mosavabat_wrong');
  await page.click('#login button');
  await page.waitForSelector('#message.error');
  expect(await page.textContent('#message')).toContain('کلید دسترسی');
  problems.length = 0; // the 401 above is logged by chromium as a failed request: expected

  await page.fill('#token', service.tokens.karaj);
  await page.click('#login button');
  await page.waitForSelector('#work:not([hidden])');
  expect(await page.textContent('#who')).toBe(`دستگاه: ${KARAJ}`);

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  expect(download.suggestedFilename()).toBe('مصوبات - فرمانداری کرج - ۱۴۰۱-۰۴-۱۴.xlsx');
  const blank = readFileSync((await download.path())!);
  const [first, second] = (await request(service.app).get('/api/assignments').set(bearer(service.tokens.karaj))).body.assignments.map((a: { id: string }) => a.id);
  const filled = join(profile, 'filled.xlsx');
  writeFileSync(filled, await filledReturn(blank, {
    [first]: { status: 'در حال انجام', percent: 60, report: 'دو جلسه برگزار شد', requestedDue: '۱۴۰۱/۰۶/۱۰', requestReason: 'هماهنگی با شهرداری' },
    [second]: { percent: 'زیاد' },
  }));
  await page.setInputFiles('#files', filled);
  await page.click('#upload button');
  await page.waitForSelector('#report table');
  const rows = await page.locator('#report tbody tr').evaluateAll((trs) => trs.map((tr) => (tr as unknown as { innerText: string }).innerText));
  expect(rows.filter((r) => r.startsWith('اعمال شد'))).toHaveLength(5);
  const refused = rows.filter((r) => r.startsWith('رد شد'));
  expect(refused).toHaveLength(1);
  expect(refused[0]).toContain('درصد');
  expect((await service.store.getAssignment(first))!.report).toBe('دو جلسه برگزار شد');
  await printsToA4(page);
  expect(problems).toEqual([]);
  await page.close();
});

test('the dashboard: chart and tables, an extension request accepted, filters, print', async () => {
  const page = await open('/dashboard.html');
  await page.fill('#token', service.tokens.secretariat);
  await page.click('#login button');
  await page.waitForSelector('#stateChart rect');
  // the seed's agencies, one bar each, coloured from the palette
  const bars = await page.locator('#stateChart rect').count();
  expect(bars).toBeGreaterThanOrEqual(6);
  expect(await page.locator('#agencies tbody tr').count()).toBe((await request(service.app).get('/api/summary').set(bearer(service.tokens.secretariat))).body.agencies.length);
  expect(await page.locator('#overdue tbody tr').count()).toBe(2);

  const request1 = page.locator('#requests tbody tr');
  expect(await request1.count()).toBe(1);
  expect(await request1.innerText()).toContain('۱۴۰۱/۰۶/۱۰');
  await page.click('#requests button[data-decision="accept"]');
  await page.waitForSelector('#requests p');
  expect(await page.textContent('#message')).toBe('مهلت درخواستی پذیرفته شد.');
  const karajRows = (await request(service.app).get('/api/assignments').query({ agency: KARAJ }).set(bearer(service.tokens.secretariat))).body.assignments;
  expect(karajRows[0].due).toBe('1401/06/10');

  await page.selectOption('#state', 'overdue');
  await page.click('#filters button[type="submit"]');
  // the row 2 of the seed (due 1401/04/10) is the only overdue resolution: its two agencies remain
  await page.locator('#agencies tbody tr').nth(2).waitFor({ state: 'detached' });
  const agencies = await page.locator('#agencies tbody tr td:first-child').allInnerTexts();
  expect(agencies.sort()).toEqual([KARAJ, 'کلیه دستگاههای اجرایی استان'].sort());
  await printsToA4(page);
  expect(problems).toEqual([]);
  await page.close();
});

test('the agency page shows why a file was refused (edited hidden sheets) and the note on an older unsigned file', async () => {
  const blank = (await fetchFile(service.app, '/api/return.xlsx', service.tokens.karaj)).body;
  const [, second] = (await request(service.app).get('/api/assignments').set(bearer(service.tokens.karaj))).body.assignments.map((a: { id: string }) => a.id);
  const forged = join(profile, 'forged.xlsx');
  writeFileSync(forged, await filledReturn(blank, { [second]: { percent: 15 } }, (workbook) => {
    metaRow(workbook.getWorksheet(META_SHEET)!, 'agency').getCell(2).value = EDUCATION;
  }));
  // as the service made returns before it signed them: no signature, made before its key
  const older = join(profile, 'older.xlsx');
  writeFileSync(older, await filledReturn(blank, { [second]: { percent: 15 } }, (workbook) => {
    const meta = workbook.getWorksheet(META_SHEET)!;
    meta.spliceRows(metaRow(meta, 'signature').number, 1);
    meta.spliceRows(metaRow(meta, 'signedBy').number, 1);
    metaRow(meta, 'madeAt').getCell(2).value = '2022-07-01T05:30:00.000Z';
  }));

  const page = await open('/agency.html');
  await page.fill('#token', service.tokens.karaj);
  await page.click('#login button');
  await page.waitForSelector('#work:not([hidden])');
  await page.setInputFiles('#files', [forged, older]);
  await page.click('#upload button');
  await page.waitForSelector('#report section.file-report:nth-of-type(2) table');
  const sections = await page.locator('#report section.file-report').evaluateAll((boxes) => boxes.map((box) => ({
    title: (box.querySelector('h3') as unknown as { innerText: string }).innerText,
    rows: Array.from(box.querySelectorAll('tbody tr')).map((tr) => (tr as unknown as { innerText: string }).innerText),
  })));
  expect(sections.map((s) => s.title)).toEqual(['forged.xlsx', 'older.xlsx']);
  expect(sections[0].rows).toHaveLength(1);
  expect(sections[0].rows[0].startsWith('رد شد')).toBe(true);
  expect(sections[0].rows[0]).toContain('مشخصات پنهان این فایل (دستگاه، شناسه‌ها یا مقادیر پایهٔ ردیف‌ها) پس از ساخته شدن تغییر کرده است');
  expect(sections[1].rows.filter((r) => r.startsWith('اعمال شد'))).toHaveLength(1);
  const notes = sections[1].rows.filter((r) => r.startsWith('یادداشت'));
  expect(notes).toHaveLength(1);
  expect(notes[0]).toContain('این فایل پیش از امضای فایل‌های دستگاه‌ها ساخته شده است');
  expect((await service.store.getAssignment(second))!.percent).toBe(15);
  expect(problems).toEqual([]);
  await page.close();
});

test('the dashboard says which agency names of new minutes were taken as a known agency', async () => {
  const minutes = join(profile, 'minutes.txt');
  // the seed registered «آموزش و پرورش استان»; these minutes write it without «استان»
  writeFileSync(minutes, [
    'موضوع: صورتجلسه کارگروه اجتماعی استان', 'تاریخ جلسه: 1401/04/20', '',
    'ردیف\tمصوبه\tاقدام کننده\tزمان اقدام',
    '1\tمقرر گردید گزارش اقدامات به دبیرخانه ارسال شود.\tآموزش و پرورش\tیک ماه',
  ].join('\n'));
  const page = await open('/dashboard.html');
  await page.fill('#token', service.tokens.secretariat);
  await page.click('#login button');
  await page.waitForSelector('#stateChart rect');
  await page.setInputFiles('#minutes', minutes);
  await page.click('#minutesForm button');
  await page.waitForSelector('#uploadReport p');
  const text = await page.textContent('#uploadReport p');
  expect(text).toContain('۱ ردیف تازه ثبت شد');
  expect(text).toContain('«آموزش و پرورش» همان دستگاه «آموزش و پرورش استان» دانسته شد');
  const rows = (await request(service.app).get('/api/assignments').set(bearer(service.tokens.secretariat))).body.assignments
    .filter((r: { meetingDate: string }) => r.meetingDate === '1401/04/20');
  expect(rows.map((r: { agency: string }) => r.agency)).toEqual(['آموزش و پرورش استان']);
  expect(problems).toEqual([]);
  await page.close();
});

test('the dashboard: a spelling the clerk gives as another name of an agency joins it (directory saved, one summary line)', async () => {
  const other = 'فرمانداری شهرستان کرج';
  const minutes = await request(service.app).post('/api/minutes?name=m2.txt').set(bearer(service.tokens.secretariat)).set('Content-Type', 'application/octet-stream')
    .send(Buffer.from(['موضوع: صورتجلسه کارگروه اجتماعی استان', 'تاریخ جلسه: 1401/04/21', '', 'ردیف\tمصوبه\tاقدام کننده\tزمان اقدام',
      `1\tمقرر گردید گزارش اقدامات به دبیرخانه ارسال شود.\t${other}\tیک ماه`].join('\n'), 'utf8'));
  expect(minutes.body.files[0].report.agencyProposals).toEqual([{ name: other, existing: KARAJ }]);
  const page = await open('/dashboard.html');
  await page.fill('#token', service.tokens.secretariat);
  await page.click('#login button');
  await page.waitForSelector('#directory input.aliases');
  const lines = await page.locator('#agencies tbody tr').count();
  expect(await page.locator('#agencies tbody tr td:first-child').allInnerTexts()).toContain(other);
  await page.fill(`#directory input[data-name="${KARAJ}"]`, other);
  await page.click('#directoryForm button');
  // locators, not string predicates: the page's CSP forbids the eval a polled string needs
  await page.locator('#message').filter({ hasText: /^نام‌های دستگاه‌ها ذخیره شد\.$/ }).waitFor();
  const rowsNow = () => page.locator('#agencies tbody tr').count();
  for (let polls = 0; (await rowsNow()) !== lines - 1 && polls < 400; polls++) await page.waitForTimeout(50);
  expect(await rowsNow()).toBe(lines - 1);
  expect(await page.locator('#agencies tbody tr td:first-child').allInnerTexts()).not.toContain(other);
  const directory = (await request(service.app).get('/api/agencies').set(bearer(service.tokens.secretariat))).body.agencies;
  expect(directory.find((a: { name: string }) => a.name === KARAJ)).toEqual({ name: KARAJ, aliases: [other] });
  expect(directory.map((a: { name: string }) => a.name)).not.toContain(other);
  expect(problems).toEqual([]);
  await page.close();
});

test('the dashboard lists the files received, newest first: the forged return refused with its reason, nothing of it applied', async () => {
  const page = await open('/dashboard.html');
  await page.fill('#token', service.tokens.secretariat);
  await page.click('#login button');
  await page.waitForSelector('#uploads tbody tr');
  const rows = await page.locator('#uploads tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'))
    .map((td) => (td as unknown as { innerText: string }).innerText)));
  // the agency page's filled return, then the forged and the older unsigned file sent together
  expect(rows.map((r) => [r[1], r[2], r[3], r[4]])).toEqual([
    [KARAJ, 'older.xlsx', 'ادغام شد', '۱'], [KARAJ, 'forged.xlsx', 'رد شد', '۰'], [KARAJ, 'filled.xlsx', 'ادغام شد', '۵'],
  ]);
  // 2022-07-05 05:30 UTC is 10:00 in Tehran (UTC+4:30 in the summer of 1401)
  expect(rows[1][0]).toBe('۱۴۰۱/۰۴/۱۴ ۱۰:۰۰');
  expect(rows[1][6]).toContain('مشخصات پنهان این فایل (دستگاه، شناسه‌ها یا مقادیر پایهٔ ردیف‌ها) پس از ساخته شدن تغییر کرده است');
  expect([rows[0][6], rows[2][6]]).toEqual(['—', '—']);
  expect(problems).toEqual([]);
  await page.close();
});

test('the dashboard says which settings and other names an uploaded register brought', async () => {
  const register = (await fetchFile(service.app, '/api/register.xlsx', service.tokens.secretariat)).body;
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(register as unknown as ExcelJS.Buffer);
  // the clerk changes «فوری» to 5 days in تنظیمات and gives Taleghan's governorate another name in دستگاه‌ها
  book.getWorksheet('تنظیمات')!.eachRow((row) => {
    if (String(row.getCell(1).value).startsWith('مهلت «فوری»')) row.getCell(2).value = '۵';
  });
  book.getWorksheet('دستگاه‌ها')!.eachRow((row, n) => {
    if (n > 1 && row.getCell(1).value === 'فرمانداری طالقان') row.getCell(2).value = 'فرمانداری شهرستان طالقان';
  });
  const edited = join(profile, 'دفتر با تنظیمات.xlsx');
  writeFileSync(edited, Buffer.from(await book.xlsx.writeBuffer()));
  const page = await open('/dashboard.html');
  await page.fill('#token', service.tokens.secretariat);
  await page.click('#login button');
  await page.waitForSelector('#stateChart rect');
  await page.setInputFiles('#registerFile', edited);
  await page.click('#registerForm button');
  await page.waitForSelector('#uploadReport p');
  const text = await page.textContent('#uploadReport p');
  expect(text).toContain('تنظیمات دفتر در سامانه: مهلت «فوری» (روز): ۵');
  expect(text).toContain('۱ نام دیگر دستگاه‌ها افزوده شد');
  expect((await service.store.getSettings()).urgentDays).toBe(5);
  expect((await service.store.listAgencies()).find((a) => a.name === 'فرمانداری طالقان')).toEqual({ name: 'فرمانداری طالقان', aliases: ['فرمانداری شهرستان طالقان'] });
  // the register is now among the files received, at the top
  await page.locator('#uploads tbody tr td:nth-child(3)').filter({ hasText: 'دفتر با تنظیمات.xlsx' }).waitFor();
  expect(await page.locator('#uploads tbody tr').first().locator('td').nth(2).innerText()).toBe('دفتر با تنظیمات.xlsx');
  expect(problems).toEqual([]);
  await page.close();
});

test('nothing was requested from another host', () => {
  expect(requested.length).toBeGreaterThan(10);
  expect(requested.filter((url) => !LOCAL_HOSTS.has(new URL(url).hostname) && !url.startsWith('blob:') && !url.startsWith('data:'))).toEqual([]);
});
