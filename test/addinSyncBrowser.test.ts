/**
 * The pane's Sync section in chromium, with the stand-in Excel host and the real service on
 * another local port (so the add-in's requests cross origins, as from a network folder): the
 * register the service hands out is opened, edited by hand, synced; the merged values and new
 * revisions are written back and the conflicting cell is marked.
 * Page-side code is passed as strings: this file is type-checked without the DOM library.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { BrowserContext } from 'playwright-core';
import { launchChromium } from './chromium';
import request from 'supertest';
import { CONFLICT_FILL } from '../addin/excel/sync';
import { HOST_SCRIPT, hostFromXlsx } from './excelHost';
import { COL } from './fixtures/returns/helpers';
import { bearer, closeParser, download, KARAJ, makeService } from './serviceHelpers';

const DIST = join(__dirname, '..', 'dist', 'addin');
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.woff2': 'font/woff2', '.png': 'image/png' };
const col = (field: keyof typeof COL) => COL[field].charCodeAt(0) - 64;

jest.setTimeout(60_000);

let pane: Server;
let api: Server;
let context: BrowserContext;
let profile: string;

afterAll(async () => {
  await context?.close();
  await new Promise((resolve) => pane?.close(resolve));
  await new Promise((resolve) => api?.close(resolve));
  if (profile) rmSync(profile, { recursive: true, force: true });
  await closeParser();
});

test('sync writes the merged rows back, marks the conflict, and keeps the token out of the workbook', async () => {
  if (!existsSync(join(DIST, 'taskpane.js'))) throw new Error('dist/addin is missing: run `npm run build:addin` first');
  const s = await makeService();
  profile = mkdtempSync(join(tmpdir(), 'mosavabat-chromium-'));
  const registerPath = join(profile, 'register.xlsx');
  writeFileSync(registerPath, (await download(s.app, '/api/register.xlsx', s.tokens.secretariat)).body);
  const [first, second] = (await request(s.app).get('/api/assignments').query({ agency: KARAJ }).set(bearer(s.tokens.secretariat))).body.assignments;
  // after the workbook was made, the service's copy of the first row changes
  await request(s.app).patch(`/api/assignments/${first.id}`).set(bearer(s.tokens.secretariat)).set('If-Match', '"1"').send({ fields: { report: 'از سامانه' } });
  const host = await hostFromXlsx(registerPath, { api: '1.13' });
  const seed = JSON.stringify(host.exportSheets());

  api = s.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => api.once('listening', resolve));
  const service = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  pane = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/office-js/office.js') return void res.writeHead(200, { 'content-type': TYPES['.js'] }).end(readFileSync(HOST_SCRIPT));
    const file = normalize(join(DIST, path));
    if (!file.startsWith(DIST + sep) || !existsSync(file) || !statSync(file).isFile()) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => pane.listen(0, '127.0.0.1', resolve));
  context = await launchChromium(profile);
  await context.route('**/*', (route) => (new URL(route.request().url()).hostname !== '127.0.0.1' ? route.abort() : route.continue()));
  const page = context.pages()[0] ?? await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => { errors.push(error.message); });
  await page.addInitScript(`window.EXCEL_HOST_OPTIONS = { api: '1.13' }; window.EXCEL_HOST_SEED = ${seed};`);
  await page.goto(`http://127.0.0.1:${(pane.address() as AddressInfo).port}/taskpane.html`, { waitUntil: 'load' });
  await page.waitForSelector('#excel:not([hidden])');

  // by hand in Excel: the first row's report, the second row's percent
  await page.evaluate(`excelHost.edit('مصوبات', '${COL.report}2', [['از اکسل']])`);
  await page.evaluate(`excelHost.edit('مصوبات', '${COL.percent}3', [[30]])`);
  await page.fill('#sync-url', service);
  await page.fill('#sync-token', s.tokens.secretariat);
  await page.click('#sync');
  await page.waitForFunction(`document.getElementById('sync-status').textContent !== ''`);
  const said = await page.textContent('#sync-status');
  expect(said).toContain('ردیف فرستاده شد');
  await page.waitForSelector('#sync-conflicts li');
  expect(await page.textContent('#sync-status')).toContain('۱ تعارض');
  const cell = (r: number, field: keyof typeof COL, what = 'v') => page.evaluate(`excelHost.workbook.sheet('مصوبات').get(${r}, ${col(field)}, '${what}')`);
  // the conflict: the service's value stands in the cell, marked
  expect(await cell(2, 'report')).toBe('از سامانه');
  expect(String(await cell(2, 'report', 'fill')).toUpperCase()).toBe(CONFLICT_FILL);
  expect(await page.getAttribute('#sync-conflicts li', 'data-cell')).toBe(`${COL.report}2`);
  // the percent went to the service, and the row's new revision came back
  expect((await s.store.getAssignment(second.id))!.percent).toBe(30);
  expect(await cell(3, 'revision')).toBe(2);
  // the address is kept in the workbook's settings, the token nowhere in the workbook
  const workbook = JSON.stringify(await page.evaluate('excelHost.exportSheets()'));
  expect(workbook).not.toContain(s.tokens.secretariat);
  expect(errors).toEqual([]);
});
