/**
 * `npm start` serves the built add-in at /addin/ beside the API, over HTTPS when TLS_CERT and
 * TLS_KEY name a certificate and key. The certificate is made for this test by `openssl req`
 * (self-signed for localhost) and the client trusts exactly it, so the TLS handshake is checked
 * for real. dist/ must be built (`npm test` builds it).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
import type { IncomingHttpHeaders, Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import request from 'supertest';
import { createApp } from '../server/app';
import { addinStatic } from '../server/addinStatic';
import { listen, readTlsFiles } from '../server/listen';
import { openSqliteStore } from '../adapters/store/sqliteStore';
import { MosavabatError } from '../core/errors';

const ROOT = join(__dirname, '..');
let dir: string;
let certPath: string;
let keyPath: string;
let cert: Buffer;

function makeCertificate(name: string): { cert: string; key: string } {
  const cert = join(dir, `${name}.cert.pem`);
  const key = join(dir, `${name}.key.pem`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2',
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], { stdio: 'pipe' });
  return { cert, key };
}

interface Answer { status: number; headers: IncomingHttpHeaders; body: string }

/** GET over HTTPS trusting only the test certificate (a wrong certificate fails the request). */
function fetchTls(url: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    httpsGet(url, { ca: cert }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    }).on('error', reject);
  });
}

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'addin', 'taskpane.html'))) throw new Error('dist/addin is missing: run `npm run build:addin` first');
  dir = mkdtempSync(join(tmpdir(), 'mosavabat-tls-'));
  try {
    ({ cert: certPath, key: keyPath } = makeCertificate('localhost'));
  } catch (error) {
    throw new Error(`openssl could not make the test certificate (apt-get install -y openssl): ${(error as Error).message}`);
  }
  cert = readTlsFiles({ TLS_CERT: certPath, TLS_KEY: keyPath })!.cert;
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the add-in and the API on one HTTPS origin', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const app = createApp({ store: await openSqliteStore(':memory:'), log: () => undefined });
    ({ server, url } = await listen(app, 0, readTlsFiles({ TLS_CERT: certPath, TLS_KEY: keyPath })));
  });
  afterAll(async () => { if (server) await new Promise((resolve) => server.close(resolve)); });

  it('answers on https://localhost with the API and the pane side by side', async () => {
    expect(url).toMatch(/^https:\/\/localhost:\d+$/);
    const health = await fetchTls(`${url}/api/health`);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body).ok).toBe(true);

    const pane = await fetchTls(`${url}/addin/taskpane.html`);
    expect(pane.status).toBe(200);
    expect(pane.headers['content-type']).toMatch(/^text\/html/);
    expect(pane.body).toContain('<script src="office-js/office.js"></script>');
    expect(pane.headers['cache-control']).toBe('no-cache');
  });

  it('serves the ribbon function page, the bundles, the icons and Office.js itself', async () => {
    for (const path of ['commands.html', 'commands.js', 'taskpane.js', 'assets/icon-32.png', 'office-js/office.js', 'office-js/excel-win32-16.01.js']) {
      const answer = await fetchTls(`${url}/addin/${path}`);
      expect([path, answer.status]).toEqual([path, 200]);
    }
    const office = await fetchTls(`${url}/addin/office-js/office.js`);
    expect(office.headers['cache-control']).toBe('public, max-age=86400');
    expect((await fetchTls(`${url}/addin/`)).body).toContain('<script src="taskpane.js" defer></script>');
  });

  it('lets Excel frame the pane (Excel on the web shows it in an iframe)', async () => {
    const pane = await fetchTls(`${url}/addin/taskpane.html`);
    expect(String(pane.headers['x-frame-options'] ?? '')).not.toMatch(/deny|sameorigin/i);
    expect(String(pane.headers['content-security-policy'] ?? '')).not.toMatch(/frame-ancestors\s+('none'|'self')/);
  });

  it('answers a missing add-in file with a Persian 404, not the API\'s or a stack', async () => {
    const missing = await fetchTls(`${url}/addin/no-such-file.js`);
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body).error).toMatchObject({ code: 'no_such_addin_file', message: 'چنین فایلی در افزونه‌ی اکسل نیست' });
  });
});

describe('the /addin/ mount behind the service\'s own headers', () => {
  it('stays frameable even when the rest of the service forbids framing', async () => {
    const app = express();
    app.use((_req, res, next) => {
      res.setHeader('X-Frame-Options', 'DENY');
      res.setHeader('Content-Security-Policy', "default-src 'self'; frame-ancestors 'none'; img-src 'self' data:");
      next();
    });
    app.use('/addin', addinStatic());
    app.get('/api/x', (_req, res) => { res.json({}); });
    const pane = await request(app).get('/addin/taskpane.html');
    expect(pane.status).toBe(200);
    expect(pane.headers['x-frame-options']).toBeUndefined();
    expect(pane.headers['content-security-policy']).toBe("default-src 'self'; img-src 'self' data:; frame-ancestors https:");
    const api = await request(app).get('/api/x');
    expect(api.headers['x-frame-options']).toBe('DENY');
  });
});

describe('TLS_CERT and TLS_KEY', () => {
  it('mean plain HTTP when neither is set', () => {
    expect(readTlsFiles({})).toBeUndefined();
    expect(readTlsFiles({ TLS_CERT: ' ', TLS_KEY: '' })).toBeUndefined();
  });

  it('are refused one without the other, unreadable or not PEM, with a Persian message', () => {
    const codeOf = (env: NodeJS.ProcessEnv) => {
      try {
        readTlsFiles(env);
        return 'accepted';
      } catch (error) {
        return error instanceof MosavabatError ? `${error.code}: ${error.fa}` : String(error);
      }
    };
    expect(codeOf({ TLS_CERT: certPath })).toMatch(/^tls_half_configured: .*TLS_KEY/);
    expect(codeOf({ TLS_CERT: certPath, TLS_KEY: join(dir, 'absent.pem') })).toBe('tls_file_unreadable: فایل کلید (TLS_KEY) خوانده نشد (ENOENT)');
    const notPem = join(dir, 'not.pem');
    writeFileSync(notPem, 'hello');
    expect(codeOf({ TLS_CERT: notPem, TLS_KEY: keyPath })).toBe('tls_file_not_pem: فایل گواهی (TLS_CERT) در قالب PEM نیست');
  });

  it('must be a matching pair', async () => {
    const other = makeCertificate('other');
    const mixed = readTlsFiles({ TLS_CERT: certPath, TLS_KEY: other.key })!;
    await expect(listen(() => undefined, 0, mixed)).rejects.toMatchObject({ code: 'tls_bad_pair' });
  });
});

describe('npm start (dist/server/main.js)', () => {
  let child: ChildProcess | undefined;
  afterEach(() => { child?.kill(); child = undefined; });

  function start(env: NodeJS.ProcessEnv): { child: ChildProcess; output: Promise<string>; exited: Promise<number | null> } {
    const main = join(ROOT, 'dist', 'server', 'main.js');
    if (!existsSync(main)) throw new Error('dist/server/main.js is missing: run `npm run build` first');
    const started = spawn(process.execPath, [main], {
      env: { ...process.env, PORT: '0', MOSAVABAT_DB: join(dir, `db-${Date.now()}.sqlite`), TLS_CERT: '', TLS_KEY: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    const output = new Promise<string>((resolve) => {
      const take = (chunk: Buffer) => {
        text += chunk.toString('utf8');
        if (/addin\/taskpane\.html/.test(text) || /error/.test(text)) resolve(text);
      };
      started.stdout.on('data', take);
      started.stderr.on('data', take);
      started.on('exit', () => resolve(text));
    });
    const exited = new Promise<number | null>((resolve) => started.on('exit', (code) => resolve(code)));
    return { child: started, output, exited };
  }

  it('serves the add-in over HTTPS when TLS_CERT and TLS_KEY are set', async () => {
    const run = start({ TLS_CERT: certPath, TLS_KEY: keyPath });
    child = run.child;
    const output = await run.output;
    const base = /mosavabat: (https:\/\/localhost:\d+)\//.exec(output)?.[1];
    expect(output).toContain(`Excel add-in: ${base}/addin/taskpane.html`);
    const pane = await fetchTls(`${base}/addin/taskpane.html`);
    expect(pane.status).toBe(200);
  });

  it('stops at once with one Persian line when only one of them is set', async () => {
    const run = start({ TLS_CERT: certPath });
    child = run.child;
    expect(await run.exited).toBe(2);
    const output = await run.output;
    expect(output.trim().split('\n')).toHaveLength(1);
    expect(output).toMatch(/^خطا: برای HTTPS هر دو متغیر TLS_CERT .* — error: HTTPS needs both/);
  });
});
