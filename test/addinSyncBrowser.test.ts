/**
 * The built pane's Sync section in chromium, with the stand-in Excel host and the real service
 * listening on another local port (so the add-in's requests cross origins, as from a network
 * folder): the register the service hands out is opened, edited by hand, synced; the merged
 * values and new revisions are written back, the conflicting cell is marked (fill and note) and
 * cleared by the next clean sync, and the rows the service has and the workbook lacks are
 * appended. Then the same in a browser posing as Internet Explorer 11 without `fetch`, where
 * the request goes by XMLHttpRequest.
 * Page-side code is passed as strings: this file is type-checked without the DOM library.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { launchChromium } from './chromium';
import { HOST_SCRIPT, hostFromXlsx } from './excelHost';
import { COL } from './fixtures/returns/helpers';
import { bearer, closeParser, download, KARAJ, makeService, type Service } from './serviceHelpers';

const DIST = join(__dirname, '..', 'dist', 'addin');
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.woff2': 'font/woff2', '.png': 'image/png' };
const col = (field: keyof typeof COL) => COL[field].charCodeAt(0) - 64;
const IE11 = 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; rv:11.0) like Gecko';
const TRAFFIC_MINUTES = join(__dirname, 'fixtures', 'minutes', 'traffic-council-1402-05-17.txt');

jest.setTimeout(90_000);

let pane: Server;
const apis: Server[] = [];
const contexts: BrowserContext[] = [];
const profiles: string[] = [];
let paneOrigin: string;

beforeAll(async () => {
  if (!existsSync(join(DIST, 'taskpane.js'))) throw new Error('dist/addin is missing: run `npm run build:addin` first');
  pane = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/office-js/office.js') return void res.writeHead(200, { 'content-type': TYPES['.js'] }).end(readFileSync(HOST_SCRIPT));
    const file = normalize(join(DIST, path));
    if (!file.startsWith(DIST + sep) || !existsSync(file) || !statSync(file).isFile()) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => pane.listen(0, '127.0.0.1', resolve));
  paneOrigin = `http://127.0.0.1:${(pane.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await new Promise((resolve) => pane?.close(resolve));
  for (const api of apis) await new Promise((resolve) => api.close(resolve));
  for (const profile of profiles) rmSync(profile, { recursive: true, force: true });
  await closeParser();
});

/** The service on a local port, and the register workbook it hands out loaded into a host seed. */
async function serviceAndWorkbook(s: Service): Promise<{ service: string; seed: string }> {
  const profile = mkdtempSync(join(tmpdir(), 'mosavabat-sync-'));
  profiles.push(profile);
  const registerPath = join(profile, 'register.xlsx');
  writeFileSync(registerPath, (await download(s.app, '/api/register.xlsx', s.tokens.secretariat)).body);
  const host = await hostFromXlsx(registerPath, { api: '1.18' });
  const api = s.app.listen(0, '127.0.0.1');
  apis.push(api);
  await new Promise((resolve) => api.once('listening', resolve));
  return { service: `http://127.0.0.1:${(api.address() as AddressInfo).port}`, seed: JSON.stringify(host.exportSheets()) };
}

/** The pane in a fresh chromium, the host seeded with the workbook; `init` runs before the page's scripts. */
async function openPane(seed: string, api: string, init = '', userAgent?: string): Promise<{ page: Page; errors: string[] }> {
  const profile = mkdtempSync(join(tmpdir(), 'mosavabat-chromium-'));
  profiles.push(profile);
  const context = await launchChromium(profile, userAgent ? { userAgent } : {});
  contexts.push(context);
  await context.route('**/*', (route) => (new URL(route.request().url()).hostname !== '127.0.0.1' ? route.abort() : route.continue()));
  const page = context.pages()[0] ?? await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => { errors.push(error.message); });
  await page.addInitScript(`window.EXCEL_HOST_OPTIONS = { api: '${api}' }; window.EXCEL_HOST_SEED = ${seed};${init}`);
  await page.goto(`${paneOrigin}/taskpane.html`, { waitUntil: 'load' });
  await page.waitForSelector('#excel:not([hidden])');
  return { page, errors };
}

/** Press Sync and wait for its message (the button is enabled again when it is done). */
async function sync(page: Page): Promise<string> {
  await page.evaluate(`document.getElementById('sync-status').textContent = ''`);
  await page.click('#sync');
  await page.waitForFunction(`(function () { var t = document.getElementById('sync-status').textContent; return t !== '' && t.indexOf('در حال همگام‌سازی') < 0 && !document.getElementById('sync').disabled; })()`);
  return (await page.textContent('#sync-status')) ?? '';
}

test('sync writes the merged rows back, marks the conflict, appends the rows the workbook lacks, and keeps the token out of the workbook', async () => {
  const s = await makeService();
  const [first, second] = (await request(s.app).get('/api/assignments').query({ agency: KARAJ }).set(bearer(s.tokens.secretariat))).body.assignments;
  const { service, seed } = await serviceAndWorkbook(s);
  const inWorkbook: number = (await request(s.app).get('/api/assignments').set(bearer(s.tokens.secretariat))).body.assignments.length;
  // after the workbook was made: the service's copy of the first row changes, and another meeting's minutes arrive
  await request(s.app).patch(`/api/assignments/${first.id}`).set(bearer(s.tokens.secretariat)).set('If-Match', '"1"').send({ fields: { report: 'از سامانه' } });
  const added = await request(s.app).post('/api/minutes?name=traffic.txt').set(bearer(s.tokens.secretariat)).set('Content-Type', 'application/octet-stream').send(readFileSync(TRAFFIC_MINUTES));
  expect(added.status).toBe(200);
  const all: Array<{ id: string }> = (await request(s.app).get('/api/assignments').set(bearer(s.tokens.secretariat))).body.assignments;
  const fresh = all.length - inWorkbook;
  expect(fresh).toBeGreaterThan(0);

  const { page, errors } = await openPane(seed, '1.18');
  // by hand in Excel: the first row's report, the second row's percent
  await page.evaluate(`excelHost.edit('مصوبات', '${COL.report}2', [['از اکسل']])`);
  await page.evaluate(`excelHost.edit('مصوبات', '${COL.percent}3', [[30]])`);
  await page.fill('#sync-url', service);
  await page.fill('#sync-token', s.tokens.secretariat);
  const said = await sync(page);
  const fa = (n: number) => n.toLocaleString('fa-IR', { useGrouping: false });
  expect(said).toContain(`${fa(inWorkbook)} ردیف فرستاده شد`);
  expect(said).toContain(`${fa(fresh)} ردیف تازه از سامانه به پایین دفتر افزوده شد`);
  expect(said).toContain('۱ تعارض (خانه‌های نارنجی با یادداشت)');
  const cell = (r: number, field: keyof typeof COL, what = 'v') => page.evaluate(`excelHost.workbook.sheet('مصوبات').get(${r}, ${col(field)}, '${what}')`);
  // the conflict: the service's value stands in the cell, filled orange, with a note, listed in the pane
  expect(await cell(2, 'report')).toBe('از سامانه');
  expect(await cell(2, 'report', 'fill')).toBe('#F4B183');
  const notes = await page.evaluate(`excelHost.workbook.sheet('مصوبات').notes`) as Array<{ r: number; c: number; content: string }>;
  expect(notes.map((n) => [n.r, n.c])).toEqual([[2, col('report')]]);
  expect(notes[0].content).toMatch(/^تعارض همگام‌سازی با سامانه: .*گزارش اقدام/);
  expect(await page.getAttribute('#sync-conflicts li', 'data-cell')).toBe(`${COL.report}2`);
  // the percent went to the service, and the row's new revision came back
  expect((await s.store.getAssignment(second.id))!.percent).toBe(30);
  expect(await cell(3, 'revision')).toBe(2);
  // the new meeting's rows below the last one, with their ids, revisions and Jalali dates
  const ids = await page.evaluate(`(function () { var s = excelHost.workbook.sheet('مصوبات'), out = []; for (var r = ${inWorkbook + 2}; r < ${all.length + 2}; r++) out.push(s.get(r, ${col('id')}, 'v')); return out; })()`) as string[];
  const freshIds = new Set(all.map((a) => a.id));
  expect(ids.every((id) => freshIds.has(id) && id.startsWith('14020517-'))).toBe(true);
  expect(new Set(ids).size).toBe(fresh);
  expect(await cell(inWorkbook + 2, 'meetingDate')).toBe('۱۴۰۲/۰۵/۱۷');
  expect(await cell(inWorkbook + 2, 'revision')).toBe(1);
  expect(await cell(all.length + 2, 'id')).toBeUndefined();
  // the address is kept in the workbook's settings, the token nowhere in the workbook
  const settings = await page.evaluate('JSON.stringify(excelHost.settings)');
  expect(settings).toContain(service);
  const workbook = JSON.stringify(await page.evaluate('excelHost.exportSheets()'));
  expect(workbook + settings).not.toContain(s.tokens.secretariat);

  // the next sync finds nothing in conflict: the mark and the note go
  const again = await sync(page);
  expect(again).toContain('۱ تعارض پیشین برطرف شد');
  expect(await cell(2, 'report', 'fill')).not.toBe('#F4B183');
  expect(await page.evaluate(`excelHost.workbook.sheet('مصوبات').notes.length`)).toBe(0);
  expect(await page.locator('#sync-conflicts li').count()).toBe(0);
  expect(errors).toEqual([]);
});

test('in a webview without fetch (Internet Explorer 11) the sync goes by XMLHttpRequest', async () => {
  const s = await makeService();
  const [, second] = (await request(s.app).get('/api/assignments').query({ agency: KARAJ }).set(bearer(s.tokens.secretariat))).body.assignments;
  const { service, seed } = await serviceAndWorkbook(s);
  // what Internet Explorer 11 lacks, as the pane's old-webview tests take it away, and fetch
  const ie = `
    delete window.fetch;
    [Element.prototype, Document.prototype, DocumentFragment.prototype].forEach(function (proto) { delete proto.append; delete proto.replaceChildren; });
    delete String.prototype.normalize;
    delete Object.hasOwn;
    window.XHR_SENT = 0;
    var send = XMLHttpRequest.prototype.send;
    XMLHttpRequest.prototype.send = function (body) { window.XHR_SENT++; return send.call(this, body); };`;
  const { page, errors } = await openPane(seed, '1.1', ie, IE11);
  expect(await page.evaluate('typeof window.fetch')).toBe('undefined');
  await page.evaluate(`excelHost.edit('مصوبات', '${COL.percent}3', [[45]])`);
  await page.fill('#sync-url', service);
  await page.fill('#sync-token', 'mosavabat_wrong');
  expect(await sync(page)).toBe('کلید دسترسی پذیرفته نشد؛ کلید دبیرخانه را دوباره وارد کنید');
  await page.fill('#sync-token', s.tokens.secretariat);
  expect(await sync(page)).toContain('ردیف فرستاده شد');
  expect(await page.evaluate('window.XHR_SENT')).toBe(2);
  expect((await s.store.getAssignment(second.id))!.percent).toBe(45);
  expect(await page.evaluate(`excelHost.workbook.sheet('مصوبات').get(3, ${col('revision')}, 'v')`)).toBe(2);
  expect(errors).toEqual([]);
});
