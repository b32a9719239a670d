/**
 * Nothing the add-in loads comes from Microsoft's CDN (or any other): the build in dist/addin is
 * scanned file by file. What "references" means here:
 * - our pages and stylesheets (.html, .css) load only relative, same-origin addresses, and name
 *   no CDN host at all;
 * - our bundles and their source maps (every other file outside office-js/) name no CDN host;
 * - Office.js's own files (office-js/, copied unchanged from the @microsoft/office-js package)
 *   never name the Office.js CDN (appsforoffice.microsoft.com). The one CDN address they do hold
 *   is Office.js's fallback for Microsoft Ajax (`//ajax.aspnetcdn.com/ajax/3.5/MicrosoftAjax.js`),
 *   which Office.js fetches only when its bundled copy of that library is missing; it is allowed
 *   there and nowhere else, and test/addinBrowser.test.ts checks that the pane requests nothing
 *   from another host.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep, dirname } from 'node:path';

const DIST = join(__dirname, '..', 'dist', 'addin');
/** Microsoft's CDNs and the common public ones. */
const CDN = /(?:appsforoffice\.microsoft\.com|ajax\.aspnetcdn\.com|ajax\.microsoft\.com|officecdn\.microsoft\.com|[a-z0-9.-]*\.cdn\.office\.net|[a-z0-9.-]*\.msecnd\.net|[a-z0-9.-]*\.azureedge\.net|static\d?\.sharepointonline\.com|cdnjs\.cloudflare\.com|cdn\.jsdelivr\.net|unpkg\.com|fonts\.googleapis\.com|fonts\.gstatic\.com)[^\s"'`)<>]*/gi;
const OFFICE_AJAX_FALLBACK = 'ajax.aspnetcdn.com/ajax/3.5/MicrosoftAjax.js';
/** src=, href= and url() in pages and stylesheets. */
const LOADS = /(?:\b(?:src|href)\s*=\s*["']?|url\(\s*["']?)([^"'\s)>]+)/gi;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? files(path) : [path];
  });
}

/** Every reference in the build that breaks the rules above, as `file: what`. */
function cdnReferences(root: string): string[] {
  const problems: string[] = [];
  for (const file of files(root)) {
    const name = relative(root, file).split(sep).join('/');
    if (/\.(png|woff2?)$/.test(name)) continue;
    const text = readFileSync(file, 'latin1');
    const hosts = [...text.matchAll(CDN)].map((m) => m[0]);
    if (name.startsWith('office-js/')) {
      problems.push(...hosts.filter((h) => h !== OFFICE_AJAX_FALLBACK).map((h) => `${name}: ${h}`));
      continue;
    }
    problems.push(...hosts.map((h) => `${name}: ${h}`));
    if (/\.(html|css)$/.test(name)) {
      for (const [, address] of text.matchAll(LOADS)) {
        if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(address) && !/^data:/i.test(address)) problems.push(`${name}: loads ${address}`);
      }
    }
  }
  return problems;
}

describe('the built add-in (dist/addin)', () => {
  it('references no CDN: pages, stylesheets and bundles load only from their own server', () => {
    const scanned = files(DIST);
    expect(scanned.filter((f) => /\.html$/.test(f)).length).toBeGreaterThanOrEqual(3);
    expect(scanned.filter((f) => f.includes(`${sep}office-js${sep}`)).length).toBeGreaterThan(50);
    expect(cdnReferences(DIST)).toEqual([]);
  });

  it('loads Office.js from the bundled copy on every page', () => {
    const pages = readdirSync(DIST).filter((f) => f.endsWith('.html')).map((f) => join(DIST, f));
    expect(pages.map((p) => relative(DIST, p)).sort()).toEqual(['commands.html', 'notice.html', 'taskpane.html']);
    for (const page of pages) {
      expect([relative(DIST, page), readFileSync(page, 'utf8').includes('<script src="office-js/office.js"></script>')]).toEqual([relative(DIST, page), true]);
    }
  });
});

describe('the CDN scan itself', () => {
  let dir: string;
  const put = (name: string, text: string) => {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  };
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'mosavabat-cdn-')); });
  afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

  it('catches the Office.js CDN in a page, a bundle or Office.js\'s own files', () => {
    put('taskpane.html', '<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>');
    put('commands.js', 'load("//appsforoffice.microsoft.com/lib/1/hosted/office.js")');
    put('office-js/office.js', 'var cdn="https://appsforoffice.microsoft.com/lib/1/hosted/";');
    expect(cdnReferences(dir).sort()).toEqual([
      'commands.js: appsforoffice.microsoft.com/lib/1/hosted/office.js',
      'office-js/office.js: appsforoffice.microsoft.com/lib/1/hosted/',
      'taskpane.html: appsforoffice.microsoft.com/lib/1/hosted/office.js',
      'taskpane.html: loads https://appsforoffice.microsoft.com/lib/1/hosted/office.js',
    ]);
  });

  it('catches any off-site address a page or stylesheet loads, and Office.js\'s Ajax fallback outside office-js/', () => {
    put('notice.html', '<link rel="stylesheet" href="//intranet.example/style.css"><img src="data:image/png;base64,AA">');
    put('notice.css', 'body { background: url("http://example.com/a.png") }');
    put('taskpane.js', 'x="//ajax.aspnetcdn.com/ajax/3.5/MicrosoftAjax.js"');
    put('office-js/office.js', 'x="//ajax.aspnetcdn.com/ajax/3.5/MicrosoftAjax.js"');
    expect(cdnReferences(dir).sort()).toEqual([
      'notice.css: loads http://example.com/a.png',
      'notice.html: loads //intranet.example/style.css',
      'taskpane.js: ajax.aspnetcdn.com/ajax/3.5/MicrosoftAjax.js',
    ]);
  });
});
