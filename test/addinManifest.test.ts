/**
 * The add-in manifests: manifest.xml (development, https://localhost:3000/addin/) and the one
 * `mosavabat manifest --url …` writes for a real server. Both are read offline, by
 * office-addin-manifest's own parser (readManifestFile) and by a strict namespace-aware XML
 * parser for what that parser does not expose. office-addin-manifest's `validate` posts the file
 * to a Microsoft service, so it is not used: element order is checked against the sequences of
 * Microsoft's schemas (MS-OWEMXML: OfficeAppManifestV1_1 TaskPaneApp, TaskPaneAppVersionOverrides
 * V1_0), written out below. dist/ must be built (`npm test` builds it).
 * office-addin-manifest pulls in ES-module-only packages that Jest's module loader cannot
 * require, so it runs in a plain Node process (readManifestFile below).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { SaxesParser } from 'saxes';
import { execFileSync } from 'node:child_process';
import { manifestForServer, parseServerAddress } from '../usecases/deploymentManifest';
import { PANE_SECTIONS } from '../addin/paneSection';
import { cli } from './helpers';

const ROOT = join(__dirname, '..');
const DIST = join(ROOT, 'dist', 'addin');
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const OFFICE_APP = 'http://schemas.microsoft.com/office/appforoffice/1.1';
const OVERRIDES = 'http://schemas.microsoft.com/office/taskpaneappversionoverrides';
const BASIC_TYPES = 'http://schemas.microsoft.com/office/officeappbasictypes/1.0';
const ADDIN_ID = '9edec7e4-447f-44ca-9a68-d8bd0c0477fd';

/** office-addin-manifest's readManifestFile on `path`, run by Node itself. */
function readManifestFile(path: string): Record<string, unknown> {
  const script = `require('office-addin-manifest').OfficeAddinManifest.readManifestFile(process.argv[1])
    .then((info) => process.stdout.write(JSON.stringify(info)), (error) => { console.error(String(error)); process.exit(1); })`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script, path], { cwd: ROOT, encoding: 'utf8' }));
}

interface XmlElement {
  local: string;
  uri: string;
  /** Attributes by `{uri}local` (no uri: just `local`). */
  attributes: Map<string, string>;
  children: XmlElement[];
  text: string;
}

/** Parse with namespaces; saxes throws on anything that is not well-formed. */
function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  parser.on('error', (error) => { throw error; });
  parser.on('opentag', (tag) => {
    const attributes = new Map<string, string>();
    for (const attribute of Object.values(tag.attributes)) {
      if (typeof attribute === 'string') throw new Error('expected namespace-aware attributes');
      attributes.set(attribute.uri && attribute.prefix !== 'xmlns' ? `{${attribute.uri}}${attribute.local}` : attribute.name, attribute.value);
    }
    const element: XmlElement = { local: tag.local, uri: tag.uri, attributes, children: [], text: '' };
    if (stack.length) stack[stack.length - 1].children.push(element);
    else root = element;
    stack.push(element);
  });
  parser.on('text', (text) => { if (stack.length) stack[stack.length - 1].text += text; });
  parser.on('closetag', () => { stack.pop(); });
  parser.write(xml).close();
  if (!root) throw new Error('no root element');
  return root;
}

const all = (element: XmlElement): XmlElement[] => [element, ...element.children.flatMap(all)];
const xsiType = (element: XmlElement) => element.attributes.get(`{${XSI}}type`);

function child(element: XmlElement, local: string): XmlElement {
  const found = element.children.filter((c) => c.local === local);
  if (found.length !== 1) throw new Error(`<${element.local}> has ${found.length} <${local}> children`);
  return found[0];
}

/**
 * Child sequences from Microsoft's schemas: name, then `?` optional, `+` one or more, `*` any.
 * Keyed by element name, or `name:xsi:type` where the type decides.
 */
const SEQUENCES: Record<string, string[]> = {
  // OfficeApp base type, then TaskPaneApp's extension (OfficeAppManifestV1_1.xsd)
  'OfficeApp:TaskPaneApp': ['Id', 'AlternateId?', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description',
    'IconUrl?', 'HighResolutionIconUrl?', 'SupportUrl?', 'AppDomains?', 'Hosts?', 'Requirements?', 'DefaultSettings',
    'Permissions', 'Dictionary?', 'VersionOverrides?'],
  Requirements: ['Sets?', 'Methods?'],
  Sets: ['Set+'],
  AppDomains: ['AppDomain*'],
  // the base manifest's <Hosts> and VersionOverrides' <Hosts> both hold only <Host> elements
  Hosts: ['Host+'],
  DefaultSettings: ['SourceLocation'],
  // TaskPaneAppVersionOverrides V1_0
  'VersionOverrides:VersionOverridesV1_0': ['Description?', 'Requirements?', 'Hosts', 'Resources?', 'WebApplicationInfo?', 'EquivalentAddins?'],
  'Host:Workbook': ['Runtimes?', 'AllFormFactors?', 'DesktopFormFactor?'],
  DesktopFormFactor: ['GetStarted?', 'FunctionFile?', 'ExtensionPoint+'],
  GetStarted: ['Title', 'Description', 'LearnMoreUrl'],
  'ExtensionPoint:PrimaryCommandSurface': ['OfficeTab*', 'CustomTab*'],
  CustomTab: ['Group+', 'Label', 'InsertBefore?', 'InsertAfter?'],
  Group: ['Label', 'Icon', 'Control+'],
  'Control:Button': ['Label', 'Supertip', 'Icon', 'Action', 'Enabled?'],
  Supertip: ['Title', 'Description'],
  Icon: ['Image+'],
  'Action:ShowTaskpane': ['TaskpaneId?', 'SourceLocation', 'Title?'],
  'Action:ExecuteFunction': ['FunctionName'],
  Resources: ['Images?', 'Urls?', 'ShortStrings?', 'LongStrings?'],
  Images: ['Image+'],
  Urls: ['Url+'],
  ShortStrings: ['String+'],
  LongStrings: ['String+'],
};

/** Names of children out of the schema's order or count; [] when all is well. */
function orderProblems(root: XmlElement): string[] {
  const problems: string[] = [];
  for (const element of all(root)) {
    const key = [`${element.local}:${xsiType(element)}`, element.local].find((k) => k in SEQUENCES);
    if (!key) {
      if (element.children.length) problems.push(`<${element.local}> has children but no sequence is known`);
      continue;
    }
    const sequence = SEQUENCES[key].map((s) => ({ name: s.replace(/[?+*]$/, ''), min: /[?*]$/.test(s) ? 0 : 1, many: /[+*]$/.test(s) }));
    let at = 0;
    const seen = new Map<string, number>();
    for (const c of element.children) {
      while (at < sequence.length && sequence[at].name !== c.local) at++;
      if (at === sequence.length) {
        problems.push(`<${element.local}>: <${c.local}> is out of order or not allowed`);
        break;
      }
      seen.set(c.local, (seen.get(c.local) ?? 0) + 1);
      if (!sequence[at].many && seen.get(c.local)! > 1) problems.push(`<${element.local}>: <${c.local}> more than once`);
    }
    for (const s of sequence) if (s.min && !seen.has(s.name)) problems.push(`<${element.local}>: <${s.name}> is missing`);
  }
  return problems;
}

interface Manifest {
  label: string;
  path: string;
  text: string;
  root: XmlElement;
  origin: string;
  base: string;
  /** resource id → [group (Images, Urls, ShortStrings, LongStrings), value] */
  resources: Map<string, [string, string]>;
}

let dir: string;
const manifests: Manifest[] = [];

function load(label: string, path: string, origin: string, base: string): Manifest {
  const text = readFileSync(path, 'utf8');
  const root = parseXml(text);
  const resources = new Map<string, [string, string]>();
  for (const group of child(child(root, 'VersionOverrides'), 'Resources').children) {
    for (const item of group.children) {
      const id = item.attributes.get('id')!;
      if (resources.has(id)) throw new Error(`${label}: resource id ${id} is defined twice`);
      resources.set(id, [group.local, item.attributes.get('DefaultValue')!]);
    }
  }
  return { label, path, text, root, origin, base, resources };
}

beforeAll(() => {
  if (!existsSync(join(DIST, 'commands.js'))) throw new Error('dist/addin is missing: run `npm run build:addin` first');
  dir = mkdtempSync(join(tmpdir(), 'mosavabat-manifest-'));
  const generated = join(dir, 'server.xml');
  const server = parseServerAddress('https://mosavabat.ostandari.local:8443/');
  writeFileSync(generated, manifestForServer(readFileSync(join(ROOT, 'manifest.xml'), 'utf8'), server));
  manifests.push(load('manifest.xml', join(ROOT, 'manifest.xml'), 'https://localhost:3000', 'https://localhost:3000'));
  manifests.push(load('generated', generated, 'https://mosavabat.ostandari.local:8443', 'https://mosavabat.ostandari.local:8443'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Every ribbon function name the built commands.js associates, by running it against a stand-in Office. */
async function associatedInBuild(): Promise<string[]> {
  const names: string[] = [];
  let ready: () => void = () => undefined;
  const sandbox: Record<string, unknown> = {
    Office: {
      onReady: () => new Promise<void>((resolve) => { ready = resolve; }),
      actions: { associate: (name: string) => { names.push(name); } },
    },
    console,
  };
  sandbox.window = sandbox;
  sandbox.self = sandbox;
  runInContext(readFileSync(join(DIST, 'commands.js'), 'utf8'), createContext(sandbox));
  // before Office is ready nothing may be associated (Office.js would not have the table yet)
  if (names.length) throw new Error('commands.js associated functions before Office.onReady');
  ready();
  await new Promise((resolve) => setImmediate(resolve));
  return names;
}

describe.each([0, 1])('manifest %#', (index) => {
  const m = () => manifests[index];

  it('is read by office-addin-manifest as the Excel task pane add-in with the stable Id', () => {
    const info = readManifestFile(m().path);
    expect(info).toMatchObject({
      id: ADDIN_ID,
      officeAppType: 'TaskPaneApp',
      hosts: ['Workbook'],
      defaultLocale: 'fa-IR',
      displayName: 'مصوبات',
      permissions: 'ReadWriteDocument',
      appDomains: [m().origin],
      defaultSettings: { sourceLocation: `${m().base}/addin/taskpane.html` },
      iconUrl: `${m().base}/addin/assets/icon-32.png`,
      highResolutionIconUrl: `${m().base}/addin/assets/icon-64.png`,
    });
    expect(info.version).toEqual(expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/));
  });

  it('has every element in the order and number Microsoft\'s schemas require', () => {
    expect(m().root.uri).toBe(OFFICE_APP);
    expect(child(m().root, 'VersionOverrides').uri).toBe(OVERRIDES);
    expect(orderProblems(m().root)).toEqual([]);
  });

  it('uses each id once', () => {
    const ids = all(m().root).map((e) => e.attributes.get('id')).filter((id): id is string => id !== undefined);
    expect(ids.length).toBeGreaterThan(40);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('defines every resid, of the right kind, and uses every resource', () => {
    const kindFor = (e: XmlElement, parent: XmlElement) => e.local === 'Image' ? 'Images'
      : ['SourceLocation', 'FunctionFile', 'LearnMoreUrl'].includes(e.local) ? 'Urls'
        : e.local === 'Description' && ['Supertip', 'GetStarted'].includes(parent.local) ? 'LongStrings' : 'ShortStrings';
    const used = new Set<string>();
    const wrong: string[] = [];
    const walk = (parent: XmlElement) => {
      for (const e of parent.children) {
        const resid = e.attributes.get('resid');
        if (resid !== undefined) {
          used.add(resid);
          if (resid.length > 32) wrong.push(`${resid}: longer than 32`);
          const found = m().resources.get(resid);
          if (!found) wrong.push(`${resid}: not defined`);
          else if (found[0] !== kindFor(e, parent)) wrong.push(`${resid}: is ${found[0]}, <${e.local}> needs ${kindFor(e, parent)}`);
        }
        walk(e);
      }
    };
    walk(m().root);
    expect(wrong).toEqual([]);
    expect([...m().resources.keys()].filter((id) => !used.has(id))).toEqual([]);
    for (const [id, [kind, value]] of m().resources) {
      if (kind === 'ShortStrings') expect([id, value.length <= 125]).toEqual([id, true]);
      if (kind === 'LongStrings') expect([id, value.length <= 250]).toEqual([id, true]);
    }
    for (const image of all(m().root).filter((e) => e.local === 'Image')) expect(image.uri).toBe(BASIC_TYPES);
  });

  it('names only https URLs under the server\'s one origin, pages and icons under /addin/', () => {
    const values = all(m().root).flatMap((e) => [e.text.trim(), ...[...e.attributes].filter(([k]) => !k.includes('xmlns')).map(([, v]) => v)]);
    const urls = values.filter((v) => /^[a-z][a-z0-9+.-]*:/i.test(v) && v !== 'ov:' && !v.startsWith('VersionOverrides'));
    expect(urls.length).toBeGreaterThan(20);
    for (const url of urls) {
      const parsed = new URL(url);
      expect([url, parsed.protocol, parsed.origin]).toEqual([url, 'https:', m().origin]);
      if (parsed.pathname !== '/') expect(url.startsWith(`${m().base}/addin/`)).toBe(true);
    }
    // namespaces are names, not addresses; nothing else may point anywhere
    const elsewhere = m().text.replace(/<!--[\s\S]*?-->/g, '').match(/https?:\/\/[^\s"<]+/g)!
      .filter((u) => !u.startsWith(m().origin) && !/^http:\/\/(schemas\.microsoft\.com\/office\/|www\.w3\.org\/2001\/XMLSchema-instance)/.test(u));
    expect(elsewhere).toEqual([]);
  });

  it('points at pages and PNG icons that are in the built dist/addin, each of the size it declares', () => {
    const local = (url: string) => join(DIST, decodeURIComponent(new URL(url).pathname.slice(new URL(m().base).pathname.replace(/\/$/, '').length + '/addin/'.length)));
    for (const [kind, value] of m().resources.values()) {
      if (kind === 'Urls') expect([value, existsSync(local(value))]).toEqual([value, true]);
    }
    const declared: Array<[number, string]> = [
      [32, child(m().root, 'IconUrl').attributes.get('DefaultValue')!],
      [64, child(m().root, 'HighResolutionIconUrl').attributes.get('DefaultValue')!],
    ];
    for (const image of all(child(child(m().root, 'VersionOverrides'), 'Hosts')).filter((e) => e.local === 'Image')) {
      declared.push([Number(image.attributes.get('size')), m().resources.get(image.attributes.get('resid')!)![1]]);
    }
    expect(declared.length).toBe(2 + 3 * 6);
    for (const [size, url] of declared) {
      const png = readFileSync(local(url));
      expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect([url, png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([url, size, size]);
    }
  });

  it('has the مصوبات tab with its five buttons, Persian labels and supertips', () => {
    const tab = all(m().root).find((e) => e.local === 'CustomTab')!;
    const text = (e: XmlElement) => m().resources.get(e.attributes.get('resid')!)![1];
    expect(text(child(tab, 'Label'))).toBe('مصوبات');
    const buttons = all(tab).filter((e) => e.local === 'Control');
    expect(buttons.map((b) => [xsiType(b), text(child(b, 'Label')), xsiType(child(b, 'Action'))])).toEqual([
      ['Button', 'رنگ‌آمیزی', 'ExecuteFunction'],
      ['Button', 'بررسی', 'ShowTaskpane'],
      ['Button', 'خلاصه', 'ExecuteFunction'],
      ['Button', 'افزودن صورتجلسه', 'ShowTaskpane'],
      ['Button', 'پنجره‌ی مصوبات', 'ShowTaskpane'],
    ]);
    for (const button of buttons) {
      const tip = child(button, 'Supertip');
      expect(text(child(tip, 'Title'))).toMatch(/[\u0600-\u06ff]{3}/);
      expect(text(child(tip, 'Description')).length).toBeGreaterThan(60);
    }
    // the three pane buttons share one pane; two open it on a section the pane knows
    const panes = buttons.map((b) => child(b, 'Action')).filter((a) => xsiType(a) === 'ShowTaskpane');
    expect(new Set(panes.map((a) => child(a, 'TaskpaneId').text))).toEqual(new Set(['Mosavabat.Taskpane']));
    const sections = panes.map((a) => new URL(m().resources.get(child(a, 'SourceLocation').attributes.get('resid')!)![1]).searchParams.get('section'));
    expect(sections).toEqual(['validate', 'minutes', null]);
    for (const section of sections) if (section) expect(PANE_SECTIONS).toContain(section);
    // the buttons can be told apart: no two controls share an icon, except the pane with the add-in's own
    const icons = buttons.map((b) => child(b, 'Icon').children.map((i) => i.attributes.get('resid')).join());
    expect(new Set(icons).size).toBe(5);
  });

  it('associates every FunctionName in the built commands.js', async () => {
    const functionNames = all(m().root).filter((e) => e.local === 'FunctionName').map((e) => e.text.trim());
    expect(functionNames).toEqual(['colorRegister', 'writeSummary']);
    expect((await associatedInBuild()).sort()).toEqual([...functionNames].sort());
    const functionFile = m().resources.get(child(all(m().root).find((e) => e.local === 'DesktopFormFactor')!, 'FunctionFile').attributes.get('resid')!)![1];
    expect(functionFile).toBe(`${m().base}/addin/commands.html`);
    expect(readFileSync(join(DIST, 'commands.html'), 'utf8')).toMatch(/<script src="office-js\/office\.js"><\/script>\s*<script src="legacy\.js" data-page="commands"><\/script>\s*<script src="commands\.js"><\/script>/);
  });

  it('asks only for ExcelApi 1.1, so Excel 2016 and 2019 load it and the rest is found at run time', () => {
    const sets = child(child(m().root, 'Requirements'), 'Sets');
    expect(sets.children.map((s) => [s.attributes.get('Name'), s.attributes.get('MinVersion')])).toEqual([['ExcelApi', '1.1']]);
    expect(all(child(m().root, 'VersionOverrides')).some((e) => e.local === 'Requirements')).toBe(false);
  });
});

describe('the generated manifest', () => {
  it('differs from manifest.xml only in the addresses and the header comment', () => {
    const [dev, generated] = manifests;
    const strip = (text: string, base: string, origin: string) => text.replace(/<!--[\s\S]*?-->/, '').split(`${base}/`).join('BASE/').split(origin).join('ORIGIN');
    expect(strip(generated.text, generated.base, generated.origin)).toBe(strip(dev.text, dev.base, dev.origin));
    expect(generated.text).not.toMatch(/localhost/);
  });

  it('keeps a reverse proxy\'s path prefix in page URLs and the bare origin as the AppDomain', () => {
    const text = manifestForServer(readFileSync(join(ROOT, 'manifest.xml'), 'utf8'), parseServerAddress('https://intranet.example/mosavabat/'));
    expect(text).toContain('<SourceLocation DefaultValue="https://intranet.example/mosavabat/addin/taskpane.html"/>');
    expect(text).toContain('<AppDomain>https://intranet.example</AppDomain>');
    expect(text).toContain('DefaultValue="https://intranet.example/mosavabat/addin/taskpane.html?section=validate"');
  });
});

describe('mosavabat manifest', () => {
  it('writes the manifest for the server to -o and says where it is served', async () => {
    const out = join(dir, 'cli.xml');
    const result = await cli('manifest', '--url', 'https://10.0.0.5:8443', '-o', out);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`مانیفست افزونه برای https://10.0.0.5:8443/addin/ در «${out}» نوشته شد.`);
    expect(readManifestFile(out)).toMatchObject({ id: ADDIN_ID, defaultSettings: { sourceLocation: 'https://10.0.0.5:8443/addin/taskpane.html' } });
  });

  it('prints the manifest when no file is given', async () => {
    const result = await cli('manifest', '--url', 'https://sec.example');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('<SourceLocation DefaultValue="https://sec.example/addin/taskpane.html"/>');
  });

  it.each([
    ['http://sec.example:8080', 'باید با https:// آغاز شود', 'it must start with https://'],
    ['ftp://sec.example', 'باید با https:// آغاز شود', 'it must start with https://'],
    ['sec.example:8443', 'باید با https:// آغاز شود', 'it must start with https://'],
    ['not a url', 'نشانی کامل سرور را', 'give the server\'s full address'],
    ['https://admin:secret@sec.example', 'نام کاربری و گذرواژه', 'user name or password'],
    ['https://sec.example/?a=1', 'بخش ? یا #', 'query or # fragment'],
  ])('refuses %s with one Persian and English line and exit status 2', async (url, fa, en) => {
    const out = join(dir, 'refused.xml');
    const result = await cli('manifest', '--url', url, '-o', out);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(`خطا: نشانی «${url}» پذیرفته نیست: `);
    expect(result.stderr).toContain(fa);
    expect(result.stderr).toContain(en);
    expect(existsSync(out)).toBe(false);
  });
});
