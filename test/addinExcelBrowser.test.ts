/**
 * The built task pane (dist/addin) in Debian's chromium with the stand-in Excel host in place of
 * Office.js: a register made by `mosavabat import` from the seed minutes is opened, coloured,
 * validated (clicking a finding selects its cell), edited by hand (re-coloured on edit),
 * summarised, and given a second meeting's minutes. The clock is fixed on 1401/05/20 in Tehran.
 * Page-side code is passed as strings: this file is type-checked without the DOM library.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { CHROMIUM, launchChromium } from './chromium';
import { JalaliDate } from '../core/jalali';
import { REGISTER_FIELDS } from '../core/register/fields';
import { STATE_FILLS, STATE_WORDS } from './expectedWords';
import { validateRegisterFile } from '../usecases/validateRegisterFile';
import { cli, encodeWindows1256, FIXTURES, SEED_MINUTES, tempDir } from './helpers';
import { HOST_SCRIPT, hostFromXlsx, serialOf, xlsxSheets } from './excelHost';

const DIST = join(__dirname, '..', 'dist', 'addin');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2', '.png': 'image/png', '.map': 'application/json', '.txt': 'text/plain; charset=utf-8',
};
const TODAY = JalaliDate.parse('1401/05/20');
/** Noon in Tehran on TODAY (08:30 UTC). */
const NOW = new Date(TODAY.toUtcDate().getTime() + 8.5 * 3_600_000);

jest.setTimeout(60_000);

let server: Server;
let origin: string;
let context: BrowserContext;
let page: Page;
let profile: string;
let register: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(join(DIST, 'taskpane.js'))) throw new Error('dist/addin is missing: run `npm run build:addin` first');
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  const dir = tempDir('mosavabat-pane-');
  register = join(dir, 'register.xlsx');
  expect((await cli('import', SEED_MINUTES, '-o', register, '--today', '1401/04/20')).status).toBe(0);
  const host = await hostFromXlsx(register);
  const seed = JSON.stringify(host.exportSheets());

  server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    if (path === '/office-js/office.js') {
      response.writeHead(200, { 'content-type': TYPES['.js'] }).end(readFileSync(HOST_SCRIPT));
      return;
    }
    const file = normalize(join(DIST, path));
    if (!file.startsWith(DIST + sep) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  profile = mkdtempSync(join(tmpdir(), 'mosavabat-chromium-'));
  context = await launchChromium(profile);
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    return /^https?:$/.test(url.protocol) && url.hostname !== '127.0.0.1' ? route.abort() : route.continue();
  });
  page = context.pages()[0] ?? await context.newPage();
  page.on('pageerror', (error) => { pageErrors.push(error.message); });
  await page.clock.install({ time: NOW });
  await page.clock.resume();
  await page.addInitScript(`window.EXCEL_HOST_OPTIONS = { api: '1.13', today: ${serialOf(TODAY.toUtcDate())} }; window.EXCEL_HOST_SEED = ${seed};`);
  await page.goto(`${origin}/taskpane.html`, { waitUntil: 'load' });
  await page.waitForSelector('#excel:not([hidden])');
});

afterAll(async () => {
  await context?.close();
  if (server) await new Promise((resolve) => server.close(resolve)); // a failed beforeAll may have left no server
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** [state words, displayed fill of the text column] of data rows 2..n in the page's host. */
async function rowsInPage(last: number): Promise<Array<[string, string | null]>> {
  return page.evaluate(`(() => {
    const rows = [];
    for (let r = 2; r <= ${last}; r++) rows.push([excelHost.displayedText('مصوبات', r, 15), excelHost.displayedFill('مصوبات', r, 5)]);
    return rows;
  })()`);
}

describe('the task pane on a register in the stand-in Excel', () => {
  it('colours the seed register: every row overdue on 1401/05/20, in the palette colour, in three syncs', async () => {
    await page.evaluate('excelHost.resetStats()');
    await page.click('#color');
    await expect(page.waitForFunction(`document.getElementById('status').textContent.includes('ردیف رنگ شد')`)).resolves.toBeTruthy();
    expect(await page.textContent('#status')).toContain('۹ ردیف رنگ شد');
    expect(await page.evaluate('excelHost.stats.syncs')).toBe(3);
    const rows = await rowsInPage(10);
    expect(rows).toEqual(new Array(9).fill([STATE_WORDS.overdue, `#${STATE_FILLS.overdue}`]));
    // the overdue list beside it, as `mosavabat color` writes it: title, header, nine rows most days late first
    const overdue = await page.evaluate(`(() => { const s = excelHost.workbook.sheet('مهلت گذشته'); return [s.get(1, 1, 'v'), s.get(2, 3, 'v'), s.get(3, 1, 'v'), s.get(3, 3, 'v'), s.get(11, 1, 'v'), s.get(11, 3, 'v'), s.get(12, 1, 'v'), s.frozenRows, s.autoFilter && s.autoFilter.area]; })()`);
    // days late by hand: due 1401/04/10 → 41 days to 1401/05/20; due 1401/05/09 → 11
    expect(overdue).toEqual(['مصوبات با مهلت گذشته تا تاریخ ۱۴۰۱/۰۵/۲۰ (۹ مورد)', 'روز تأخیر', 1, 41, 9, 11, undefined, 2, { r1: 2, c1: 1, r2: 11, c2: 10 }]);
  });

  it('lists validation findings by severity with the error count; clicking one selects its cell', async () => {
    const expected = await validateRegisterFile(register, { today: TODAY });
    await page.click('#validate');
    await page.waitForSelector('#issues:not([hidden])');
    expect(await page.locator('#error-list li').count()).toBe(expected.errors);
    expect(await page.locator('#warning-list li').count()).toBe(expected.warnings);
    expect(await page.textContent('#error-count')).toBe(String(expected.errors).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]));
    const first = expected.analysis.issues.find((i) => i.severity === 'warning')!;
    await page.click(`#warning-list li[data-cell="${first.cell}"]`);
    await page.waitForFunction(`excelHost.workbook.selection && excelHost.workbook.selection.address === '${first.cell}'`);
    expect(await page.evaluate('excelHost.workbook.selection')).toEqual({ sheet: 'مصوبات', address: first.cell });
  });

  it('re-colours after hand edits (a done date, a percent of 150) and the re-run list shows the new error', async () => {
    // row 3: done on 1401/05/01 → done late; row 4: percent 150 → an error, state invalid
    await page.evaluate(`excelHost.edit('مصوبات', 'I3', [['انجام شده']])`);
    await page.evaluate(`excelHost.edit('مصوبات', 'L3', [['۱۴۰۱/۰۵/۰۱']])`);
    await page.evaluate(`excelHost.edit('مصوبات', 'J4', [[150]])`);
    await page.waitForFunction(`excelHost.workbook.sheet('مصوبات').get(4, 15, 'v') === '${STATE_WORDS.invalid}'`, undefined, { timeout: 10_000 });
    const rows = await rowsInPage(4);
    expect(rows).toEqual([[STATE_WORDS.overdue, `#${STATE_FILLS.overdue}`], [STATE_WORDS.done_late, `#${STATE_FILLS.done_late}`], [STATE_WORDS.invalid, `#${STATE_FILLS.invalid}`]]);
    // the list open since the last test is checked again after the re-colour, without a click
    await page.waitForSelector('#error-list li[data-cell="J4"]', { timeout: 10_000 });
    await page.click('#error-list li[data-cell="J4"]');
    await page.waitForFunction(`excelHost.workbook.selection.address === 'J4'`);
  });

  it('writes the خلاصه sheet with the numbers of core\'s summary and a chart', async () => {
    await page.click('#summary');
    await page.waitForFunction(`document.getElementById('status').textContent.includes('خلاصه نوشته شد')`);
    const cells = await page.evaluate(`(() => { const s = excelHost.workbook.sheet('خلاصه'); return [s.get(5, 1, 'v'), s.get(5, 2, 'v'), s.get(5, 3, 'v'), s.get(5, 7, 'v'), s.get(5, 11, 'v'), s.charts.length, s.pageLayout.paperSize]; })()`);
    // 9 rows: 7 overdue, 1 done late, 1 invalid after the edits
    expect(cells).toEqual(['همه مصوبات', 9, 7, 1, 1, 1, 'A4']);
  });

  it('previews minutes already in the register as nothing to add, and adds a new meeting\'s rows once', async () => {
    await page.fill('#minutes-text', readFileSync(SEED_MINUTES, 'utf8'));
    await page.click('#preview');
    await page.waitForFunction(`document.getElementById('minutes-status').textContent.includes('از پیش در دفتر هست')`);
    expect(await page.isDisabled('#append')).toBe(true);

    await page.fill('#minutes-text', readFileSync(join(FIXTURES, 'minutes', 'traffic-council-1402-05-17.txt'), 'utf8'));
    await page.click('#preview');
    await page.waitForFunction(`!document.getElementById('append').disabled`);
    const previewRows = await page.locator('#preview-table tbody tr').count();
    expect(previewRows).toBeGreaterThan(0);
    await page.click('#append');
    await page.waitForFunction(`document.getElementById('minutes-status').textContent.includes('ردیف تازه به دفتر افزوده شد')`);
    const ids = await page.evaluate(`(() => { const s = excelHost.workbook.sheet('مصوبات'); const out = []; for (let r = 2; r < 200; r++) { const v = s.get(r, 1, 'v'); if (v) out.push(v); } return out; })()`) as string[];
    expect(ids).toHaveLength(9 + previewRows);
    expect(new Set(ids).size).toBe(ids.length);
    expect(pageErrors).toEqual([]);
  });

  it('reads a minutes file saved as Windows-1256 (Notepad\'s "ANSI") as the same text as its UTF-8 copy', async () => {
    // Windows-1256 has no Persian digits or Persian yeh: its files hold Latin digits and Arabic yeh
    const text = readFileSync(SEED_MINUTES, 'utf8').replace(/[۰-۹]/g, (d) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(d))).replace(/\u06cc/g, '\u064a');
    const table = () => page.evaluate(`Array.from(document.querySelectorAll('#preview-table tbody tr')).map((tr) => tr.textContent)`);
    await page.fill('#minutes-text', text);
    await page.click('#preview');
    await page.waitForFunction(`document.querySelectorAll('#preview-table tbody tr').length === 9`);
    const fromText = await table();
    await page.fill('#minutes-text', '');
    await page.evaluate(`document.getElementById('minutes-status').textContent = ''`);
    await page.setInputFiles('#minutes-file', { name: 'صورتجلسه.txt', mimeType: 'text/plain', buffer: encodeWindows1256(text) });
    await page.waitForFunction(`document.getElementById('minutes-status').textContent !== ''`);
    expect(await page.inputValue('#minutes-text')).toBe(text);
    expect(await table()).toEqual(fromText);
    // a Word file is refused in Persian, not read as garbage
    await page.setInputFiles('#minutes-file', { name: 'minutes.docx', mimeType: 'application/octet-stream', buffer: Buffer.from('PK\u0003\u0004 word') });
    await page.waitForFunction(`document.getElementById('minutes-status').textContent.includes('فقط فایل متنی')`);
    expect(pageErrors).toEqual([]);
  });

  it('edits the settings in the تنظیمات sheet (any digits) and colours again with them at once', async () => {
    expect(await page.inputValue('#set-soon')).toBe('۷');
    await page.evaluate(`document.getElementById('status').textContent = ''`);
    // thirty in Arabic-Indic digits
    await page.fill('#set-soon', '\u0663\u0660');
    await page.click('#save-settings');
    await page.waitForFunction(`document.getElementById('settings-status').textContent === 'تنظیمات در برگه‌ی «تنظیمات» نوشته شد.'`);
    await page.waitForFunction(`document.getElementById('status').textContent !== ''`);
    expect(await page.textContent('#status')).toContain('ردیف رنگ شد');
    const written = await page.evaluate(`(() => { const s = excelHost.workbook.sheet('تنظیمات'); for (let r = 1; r < 20; r++) if (s.get(r, 1, 'v') === 'نزدیک به پایان مهلت (روز)') return s.get(r, 2, 'v'); })()`);
    expect(written).toBe('۳۰');
    // the due-soon colour rule now looks thirty days ahead
    const dueSoon = await page.evaluate(`excelHost.workbook.sheet('مصوبات').cfs.map((c) => c.formula).filter((f) => f && f.indexOf('-TODAY()<=') >= 0)`) as string[];
    expect(dueSoon.length).toBeGreaterThan(0);
    for (const formula of dueSoon) expect(formula).toContain('-TODAY()<=30');
  });
});

describe('a new register from the pane in a workbook without one', () => {
  it('loads exceljs from this server only then, builds the right-to-left sheets and inserts them', async () => {
    const fresh = await context.newPage();
    const requests: string[] = [];
    fresh.on('request', (request) => { requests.push(new URL(request.url()).pathname); });
    // Excel's insertWorksheetsFromBase64: the stand-in records what it was given and adds the named sheets
    await fresh.addInitScript(`window.EXCEL_HOST_OPTIONS = { api: '1.13', importWorkbook: (host, base64, options) => {
      window.inserted = { zip: atob(base64).slice(0, 2), names: options.sheetNamesToInsert };
      options.sheetNamesToInsert.forEach((name) => host.workbook.add(name));
    } }; window.EXCEL_HOST_SEED = [{ name: 'Sheet1', cells: [] }];`);
    await fresh.goto(`${origin}/taskpane.html`, { waitUntil: 'load' });
    await fresh.waitForSelector('#excel:not([hidden])');
    expect(requests).not.toContain('/exceljs.js');
    await fresh.click('#color');
    await fresh.waitForFunction(`document.getElementById('status').textContent.startsWith('در این کارپوشه برگه‌ی «مصوبات»')`);
    await fresh.click('#create');
    await fresh.waitForFunction(`document.getElementById('status').textContent.includes('ساخته شد')`);
    expect(await fresh.evaluate('window.inserted')).toEqual({ zip: 'PK', names: ['مصوبات', 'تنظیمات'] });
    expect(requests).toContain('/exceljs.js');
    await fresh.close();
  });

  it('watches the new register for edits: a due date typed into it colours its row', async () => {
    const fresh = await context.newPage();
    fresh.on('pageerror', (error) => { pageErrors.push(error.message); });
    await fresh.clock.install({ time: NOW });
    await fresh.clock.resume();
    const headers = REGISTER_FIELDS.map((f) => f.fa);
    const column = (name: string) => REGISTER_FIELDS.findIndex((f) => f.name === name) + 1;
    // the stand-in's insert gives the register its header row, as the file the pane builds has
    await fresh.addInitScript(`window.EXCEL_HOST_OPTIONS = { api: '1.13', today: ${serialOf(TODAY.toUtcDate())}, importWorkbook: (host, base64, options) => {
      options.sheetNamesToInsert.forEach((name) => {
        const sheet = host.workbook.add(name);
        if (name === 'مصوبات') ${JSON.stringify(headers)}.forEach((h, i) => sheet.set(1, i + 1, 'v', h));
      });
    } }; window.EXCEL_HOST_SEED = [{ name: 'Sheet1', cells: [] }];`);
    await fresh.goto(`${origin}/taskpane.html`, { waitUntil: 'load' });
    await fresh.waitForSelector('#excel:not([hidden])');
    await fresh.click('#create');
    await fresh.waitForFunction(`document.getElementById('status').textContent.includes('ساخته شد')`);
    expect(await fresh.isChecked('#auto-color')).toBe(true);
    // a row typed in by hand, its due date 1401/06/10: 21 days after 1401/05/20, on track
    const row: Record<string, unknown> = {
      id: '14010520-1-1', meeting: 'جلسه آزمایشی', meetingDate: '۱۴۰۱/۰۵/۲۰', row: 1, text: 'متن آزمایشی', agency: 'فرمانداری کرج', deadlineText: 'سه هفته', due: '۱۴۰۱/۰۶/۱۰',
    };
    const line = REGISTER_FIELDS.map((f) => row[f.name] ?? '');
    await fresh.evaluate(`excelHost.edit('مصوبات', 'A2', [${JSON.stringify(line)}])`);
    await fresh.waitForFunction(`excelHost.workbook.sheet('مصوبات').get(2, ${column('state')}, 'v') === '${STATE_WORDS.on_track}'`, undefined, { timeout: 10_000 });
    expect(await fresh.textContent('#status')).toContain('۱ ردیف رنگ شد');
    expect(pageErrors).toEqual([]);
    await fresh.close();
  });
});

describe('the ribbon\'s one-click colour (commands.html) on a register without its side sheets', () => {
  it('fetches exceljs from this server and inserts the side sheets right to left', async () => {
    const ribbon = await context.newPage();
    ribbon.on('pageerror', (error) => { pageErrors.push(error.message); });
    const requests: string[] = [];
    ribbon.on('request', (request) => { requests.push(new URL(request.url()).pathname); });
    await ribbon.clock.install({ time: NOW });
    await ribbon.clock.resume();
    const host = await hostFromXlsx(register);
    const bare = host.exportSheets().filter((s) => !['خلاصه', 'مهلت گذشته', 'راهنما'].includes(s.name));
    await ribbon.addInitScript(`window.EXCEL_HOST_OPTIONS = { api: '1.13', today: ${serialOf(TODAY.toUtcDate())} }; window.EXCEL_HOST_SEED = ${JSON.stringify(bare)};`);
    await ribbon.goto(`${origin}/commands.html`, { waitUntil: 'load' });
    await ribbon.waitForFunction(`typeof excelHost.associated.colorRegister === 'function'`);
    await ribbon.evaluate(`window.completed = 0; excelHost.associated.colorRegister({ completed: () => { window.completed++; } })`);
    await ribbon.waitForFunction('window.completed === 1');
    // colour succeeds quietly: no notice window
    expect(await ribbon.evaluate('excelHost.dialogs.length')).toBe(0);
    expect(requests).toContain('/exceljs.js');
    expect(await ribbon.evaluate('excelHost.workbook.sheets.map((s) => s.name).slice(-3)')).toEqual(['خلاصه', 'مهلت گذشته', 'راهنما']);
    const inserted = await ribbon.evaluate('excelHost.inserted.map((i) => [i.base64, i.names])') as Array<[string, string[]]>;
    expect(inserted.map(([, names]) => names)).toEqual([['خلاصه', 'مهلت گذشته', 'راهنما']]);
    expect(xlsxSheets(inserted[0][0])).toEqual(['خلاصه', 'مهلت گذشته', 'راهنما'].map((name) => ({ name, rightToLeft: true })));
    expect(await ribbon.evaluate(`excelHost.workbook.sheet('مهلت گذشته').get(3, 3, 'v')`)).toBe(41);
    expect(pageErrors).toEqual([]);
    await ribbon.close();
  });
});

describe('the ribbon\'s one-click summary (commands.html) in the stand-in Excel', () => {
  it('writes خلاصه and مهلت گذشته without the pane, shows the numbers in a notice and completes once it is closed', async () => {
    const ribbon = await context.newPage();
    ribbon.on('pageerror', (error) => { pageErrors.push(error.message); });
    await ribbon.clock.install({ time: NOW });
    await ribbon.clock.resume();
    const host = await hostFromXlsx(register);
    await ribbon.addInitScript(`window.EXCEL_HOST_OPTIONS = { api: '1.13', today: ${serialOf(TODAY.toUtcDate())}, name: 'register.xlsx' }; window.EXCEL_HOST_SEED = ${JSON.stringify(host.exportSheets())};`);
    await ribbon.goto(`${origin}/commands.html`, { waitUntil: 'load' });
    await ribbon.waitForFunction(`typeof excelHost.associated.writeSummary === 'function'`);
    expect(await ribbon.evaluate('Object.keys(excelHost.associated).sort()')).toEqual(['colorRegister', 'writeSummary']);
    await ribbon.evaluate(`window.completed = 0; excelHost.associated.writeSummary({ completed: () => { window.completed++; } })`);
    await ribbon.waitForFunction('excelHost.dialogs.length === 1');
    const url = new URL(await ribbon.evaluate('excelHost.dialogs[0].url') as string);
    expect(url.pathname).toBe('/notice.html');
    // the seed register on 1401/05/20: nine rows, eight agencies, all nine overdue, nothing done
    expect(new URLSearchParams(url.hash.slice(1)).get('m')).toBe('خلاصه نوشته شد: ۹ ردیف، ۸ دستگاه، ۹ مهلت گذشته، انجام ۰٪.');
    expect(await ribbon.evaluate('window.completed')).toBe(0);
    const sheets = await ribbon.evaluate(`(() => { const s = excelHost.workbook.sheet('خلاصه'); const o = excelHost.workbook.sheet('مهلت گذشته');
      return [s.get(2, 1, 'v'), s.get(5, 2, 'v'), s.get(5, 3, 'v'), s.charts.length, o.get(1, 1, 'v'), o.get(11, 3, 'v'), excelHost.workbook.active.name]; })()`);
    expect(sheets).toEqual(['از روی «register.xlsx»', 9, 9, 1, 'مصوبات با مهلت گذشته تا تاریخ ۱۴۰۱/۰۵/۲۰ (۹ مورد)', 11, 'خلاصه']);
    await ribbon.evaluate('excelHost.closeDialog()');
    expect(await ribbon.evaluate('window.completed')).toBe(1);
    expect(pageErrors).toEqual([]);
    await ribbon.close();
  });
});
