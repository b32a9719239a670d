/**
 * Older Excels on Windows show add-ins in the Internet Explorer 11 webview (ES5 only) or in Edge
 * Legacy. The bundles are built to ES5 with polyfills (test/es5Bundles.test.ts), so legacy.js
 * steps in only where even ES5 is missing: then the pane and the ribbon's colour button give a
 * Persian explanation instead of a blank pane or a button that never finishes. Checked on the
 * built files in dist/addin: parsed as ES5 by acorn, then run in a sandbox with a stand-in Office,
 * and the pages in Debian's chromium posing as IE11.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createContext, runInContext } from 'node:vm';
import { parse } from 'acorn';
import type { BrowserContext } from 'playwright-core';
import { CHROMIUM, launchChromium } from './chromium';

const DIST = join(__dirname, '..', 'dist', 'addin');
const IE11 = 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; rv:11.0) like Gecko';
const EDGE_LEGACY = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19045';
const WEBVIEW2 = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0';

jest.setTimeout(30_000);

const built = (name: string) => readFileSync(join(DIST, name), 'utf8');

/** Runs legacy.js as commands.html loads it; returns what it associated and the dialogs it opened. */
async function runLegacyCommands(agent: string, es5: boolean) {
  const associated = new Map<string, (event: { completed(): void }) => void>();
  const dialogs: string[] = [];
  const handlers = new Map<string, () => void>();
  const sandbox: Record<string, unknown> = {
    navigator: { userAgent: agent },
    location: { href: 'https://sec.example:8443/addin/commands.html?_host_Info=Excel$Win32$16.01$fa-IR' },
    document: {
      getElementsByTagName: () => [{ getAttribute: (name: string) => (name === 'data-page' ? 'commands' : null) }],
      // a webview without ES5's addEventListener is one the bundles cannot run in
      ...(es5 ? { addEventListener: () => undefined } : {}),
    },
    Office: {
      onReady: (callback: () => void) => { setImmediate(callback); },
      actions: { associate: (name: string, fn: (event: { completed(): void }) => void) => { associated.set(name, fn); } },
      context: {
        ui: {
          displayDialogAsync: (url: string, _o: unknown, callback: (r: unknown) => void) => {
            dialogs.push(url);
            callback({ status: 'succeeded', value: { addEventHandler: (type: string, h: () => void) => { handlers.set(type, h); }, close: () => undefined } });
          },
        },
      },
    },
    encodeURIComponent,
  };
  sandbox.window = sandbox;
  runInContext(built('legacy.js'), createContext(sandbox));
  await new Promise((resolve) => setImmediate(resolve));
  return { associated, dialogs, handlers, legacy: sandbox.mosavabatLegacyWebview === true };
}

describe('the ES5 scripts', () => {
  it.each(['legacy.js', 'notice.js'])('%s parses as ES5', (name) => {
    expect(() => parse(built(name), { ecmaVersion: 5, sourceType: 'script' })).not.toThrow();
  });

});

describe('legacy.js on the ribbon\'s function page', () => {
  it.each([['IE11', IE11], ['Edge Legacy', EDGE_LEGACY], ['WebView2', WEBVIEW2]])('does nothing in %s, where commands.js does the work', async (_name, agent) => {
    const run = await runLegacyCommands(agent, true);
    expect(run.legacy).toBe(false);
    expect(run.associated.size).toBe(0);
  });

  it('without ES5 answers the colour button with the Persian explanation and finishes', async () => {
    const run = await runLegacyCommands(IE11, false);
    expect(run.legacy).toBe(true);
    expect([...run.associated.keys()]).toEqual(['colorRegister', 'writeSummary']);
    let completed = 0;
    run.associated.get('colorRegister')!({ completed: () => { completed++; } });
    expect(run.dialogs).toHaveLength(1);
    const [page, hash] = run.dialogs[0].split('#');
    expect(page).toBe('https://sec.example:8443/addin/notice.html');
    expect(decodeURIComponent(hash.replace(/^m=/, ''))).toMatch(/^مرورگر درونی‌ای که این اکسل افزونه‌ها را با آن باز می‌کند برای افزونه‌ی مصوبات بسیار قدیمی است/);
    expect(completed).toBe(0);
    run.handlers.get('dialogEventReceived')!();
    run.handlers.get('dialogMessageReceived')!();
    expect(completed).toBe(1);
  });
});

describe('the pages in a browser posing as an old webview', () => {
  let server: Server;
  let origin: string;
  let profile: string;
  let ie: BrowserContext;
  const outside: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(DIST, 'legacy.js'))) throw new Error('dist/addin is missing: run `npm run build:addin` first');
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
    server = createServer((request, response) => {
      const file = normalize(join(DIST, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)));
      if (!file.startsWith(DIST + sep) || !existsSync(file) || !statSync(file).isFile()) {
        response.writeHead(404).end();
        return;
      }
      const type = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css' }[extname(file)] ?? 'application/octet-stream';
      response.writeHead(200, { 'content-type': type }).end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    profile = mkdtempSync(join(tmpdir(), 'mosavabat-legacy-'));
    ie = await launchChromium(profile, { userAgent: IE11 });
    await ie.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname !== '127.0.0.1') {
        outside.push(url.href);
        return route.abort();
      }
      return route.continue();
    });
  });

  afterAll(async () => {
    await ie?.close();
    if (server) await new Promise((resolve) => server.close(resolve)); // a failed beforeAll may have left no server
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('the pane runs its bundle: the calculator is there and no explanation', async () => {
    const page = ie.pages()[0] ?? await ie.newPage();
    await page.goto(`${origin}/taskpane.html`, { waitUntil: 'load' });
    expect(await page.locator('#calculator').count()).toBe(1);
    expect(await page.locator('[role=alert]').count()).toBe(0);
    expect(await page.evaluate('typeof window.mosavabatLegacyWebview')).toBe('undefined');
    expect(outside).toEqual([]);
  });

  it('a webview without ES5 (no JSON here) gets the Persian explanation instead of the calculator', async () => {
    const page = await ie.newPage();
    await page.addInitScript('delete window.JSON;');
    await page.goto(`${origin}/taskpane.html`, { waitUntil: 'load' });
    const alert = page.locator('[role=alert]');
    await expect(alert.textContent()).resolves.toMatch(/افزونه در آن کار نمی‌کند/);
    expect(await page.locator('#calculator').count()).toBe(0);
    await page.close();
  });

  it('the pane works where the DOM and language lack what Internet Explorer 11 lacks (shims and polyfills fill in)', async () => {
    const page = await ie.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => { errors.push(error.message); });
    await page.addInitScript(`
      [Element.prototype, Document.prototype, DocumentFragment.prototype].forEach(function (proto) {
        delete proto.append;
        delete proto.replaceChildren;
      });
      delete String.prototype.normalize;
      delete String.prototype.matchAll;
      delete Object.hasOwn;
      delete Blob.prototype.text;
      delete Intl.DateTimeFormat.prototype.formatToParts;
      // Internet Explorer 11's toggle ignores its second argument
      var toggle = DOMTokenList.prototype.toggle;
      DOMTokenList.prototype.toggle = function (token) { return toggle.call(this, token); };
    `);
    await page.goto(`${origin}/taskpane.html`, { waitUntil: 'load' });
    expect(await page.evaluate('[typeof Element.prototype.replaceChildren, typeof Object.hasOwn]')).toEqual(['function', 'function']);
    await page.fill('#meeting-date', '1401/4/9');
    await page.fill('#phrase', 'هفته جاری');
    await page.click('button[type="submit"]');
    // 1401/04/09 is a Thursday: the current week ends the next day, Friday 1401/04/10
    await expect(page.textContent('#due')).resolves.toBe('۱۴۰۱/۰۴/۱۰');
    await page.fill('#phrase', 'تا جلسه آینده');
    await page.click('button[type="submit"]');
    await expect(page.locator('#warnings li').allTextContents()).resolves.toHaveLength(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the message window shows the message it was given and its close button', async () => {
    const page = await ie.newPage();
    await page.goto(`${origin}/notice.html#m=${encodeURIComponent('برگه‌ی «مصوبات» پیدا نشد')}`, { waitUntil: 'load' });
    await expect(page.locator('#message').textContent()).resolves.toBe('برگه‌ی «مصوبات» پیدا نشد');
    await expect(page.locator('#close').textContent()).resolves.toBe('بستن');
    await page.goto(`${origin}/notice.html`, { waitUntil: 'load' });
    await expect(page.locator('#message').textContent()).resolves.toMatch(/^فرمان انجام نشد/);
  });
});
