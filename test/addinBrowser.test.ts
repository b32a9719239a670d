/**
 * The built task pane (dist/addin, `npm run build:addin`; `npm test` builds it first) in a real
 * browser: Debian's chromium driven by playwright-core, the page served by a small static server
 * on this machine. Outside Excel the calculator must work, the page must be right-to-left in the
 * local Vazirmatn font, and nothing may be requested from any other host.
 * Page-side code is passed as strings: this file is type-checked without the DOM library.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { CHROMIUM, launchChromium } from './chromium';

const DIST = join(__dirname, '..', 'dist', 'addin');
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2', '.png': 'image/png', '.map': 'application/json', '.txt': 'text/plain; charset=utf-8',
};

jest.setTimeout(30_000);

let server: Server;
let origin: string;
let context: BrowserContext;
let page: Page;
let profile: string;
/** Every request the page made (playwright sees them before they leave). */
const requested: string[] = [];
/** What the static server answered: path → status. */
const served = new Map<string, number>();
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(join(DIST, 'taskpane.js'))) throw new Error('dist/addin is missing: run `npm run build:addin` first');
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);

  server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const file = normalize(join(DIST, path));
    const ok = file.startsWith(DIST + sep) && existsSync(file) && statSync(file).isFile();
    served.set(path, ok ? 200 : 404);
    if (!ok) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  profile = mkdtempSync(join(tmpdir(), 'mosavabat-chromium-'));
  context = await launchChromium(profile);
  context.on('request', (request) => { requested.push(request.url()); });
  // belt and braces: a request to another host is recorded above and never leaves the machine
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    return /^https?:$/.test(url.protocol) && !LOCAL_HOSTS.has(url.hostname) ? route.abort() : route.continue();
  });
  page = context.pages()[0] ?? await context.newPage();
  page.on('pageerror', (error) => { pageErrors.push(error.message); });
  await page.goto(`${origin}/taskpane.html`, { waitUntil: 'load' });
});

afterAll(async () => {
  await context?.close();
  if (server) await new Promise((resolve) => server.close(resolve)); // a failed beforeAll may have left no server
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** Type both fields as a person would and press the button. */
async function calculate(meetingDate: string, phrase: string): Promise<void> {
  await page.fill('#meeting-date', meetingDate);
  await page.fill('#phrase', phrase);
  await page.click('button[type="submit"]');
}

describe('the task pane in chromium', () => {
  it('is right-to-left Persian', async () => {
    expect(await page.evaluate('[document.documentElement.dir, document.documentElement.lang]')).toEqual(['rtl', 'fa']);
    expect(await page.evaluate('getComputedStyle(document.body).direction')).toBe('rtl');
    expect(await page.textContent('h1')).toBe('مصوبات');
  });

  it('computes the due date of هفته جاری for the seed meeting, in Persian digits', async () => {
    await calculate('۱۴۰۱/۰۴/۰۹', 'هفته جاری');
    await expect(page.textContent('#due')).resolves.toBe('۱۴۰۱/۰۴/۱۰');
    expect(await page.textContent('#weekday')).toBe('(جمعه)');
    expect(await page.textContent('#explanation')).toContain('۱ روز پس از جلسه');
    expect(await page.locator('#warnings li').count()).toBe(0);
  });

  it('reads Latin digits too and shows the meeting date back in Persian digits', async () => {
    await calculate('1401/4/9', 'یک ماه');
    expect(await page.textContent('#due')).toBe('۱۴۰۱/۰۵/۰۹');
    expect(await page.inputValue('#meeting-date')).toBe('۱۴۰۱/۰۴/۰۹');
  });

  it('shows the warning instead of a date for a conditional phrase', async () => {
    await calculate('۱۴۰۱/۰۴/۰۹', 'تا جلسه آینده');
    expect(await page.textContent('#due')).toBe('تعیین نشد');
    const warnings = await page.locator('#warnings li').allTextContents();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('به رویدادی بدون تاریخ وابسته است');
  });

  it('names a meeting date that does not exist', async () => {
    await calculate('۱۴۰۱/۰۷/۳۱', 'یک ماه');
    expect(await page.isHidden('#due-line')).toBe(true);
    expect(await page.textContent('#warnings li.error')).toMatch(/^تاریخ جلسه: /);
    expect(await page.getAttribute('#meeting-date', 'aria-invalid')).toBe('true');
  });

  it('draws its text in Vazirmatn loaded from this server', async () => {
    const fonts = await page.evaluate(`document.fonts.ready.then(() =>
      [...document.fonts].map((face) => [face.family.replace(/"/g, ''), face.status]))`);
    expect(fonts).toContainEqual(['Vazirmatn', 'loaded']);
    expect(await page.evaluate("getComputedStyle(document.getElementById('due')).fontFamily")).toMatch(/^"?Vazirmatn"?,/);
    expect(served.get('/fonts/Vazirmatn-Variable.woff2')).toBe(200);
    expect(requested).toContain(`${origin}/fonts/Vazirmatn-Variable.woff2`);
  });

  it('loads Office.js from this server, requests nothing elsewhere and raises no error', async () => {
    expect(served.get('/office-js/office.js')).toBe(200);
    const pageRequests = requested.filter((url) => /^https?:/.test(url));
    expect(pageRequests.length).toBeGreaterThan(3);
    expect(pageRequests.filter((url) => !LOCAL_HOSTS.has(new URL(url).hostname))).toEqual([]);
    expect([...served].filter(([, status]) => status !== 200)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
