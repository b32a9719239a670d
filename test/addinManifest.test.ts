/**
 * The Excel add-in manifest (manifest.xml): well-formed XML with namespaces, the elements Office
 * requires in the schema's order, resources that every resid finds, and only localhost URLs
 * whose files the add-in build serves. Office's own validator (office-addin-manifest validate)
 * sends the file to an online service, so it is not used.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';

const ROOT = join(__dirname, '..');
const OFFICE_APP = 'http://schemas.microsoft.com/office/appforoffice/1.1';
const OVERRIDES = 'http://schemas.microsoft.com/office/taskpaneappversionoverrides';
const BASIC_TYPES = 'http://schemas.microsoft.com/office/officeappbasictypes/1.0';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const ORIGIN = 'https://localhost:3000';

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

function all(element: XmlElement): XmlElement[] {
  return [element, ...element.children.flatMap(all)];
}

function child(element: XmlElement, local: string): XmlElement {
  const found = element.children.filter((c) => c.local === local);
  if (found.length !== 1) throw new Error(`<${element.local}> has ${found.length} <${local}> children`);
  return found[0];
}

const xsiType = (element: XmlElement) => element.attributes.get(`{${XSI}}type`);

const manifest = readFileSync(join(ROOT, 'manifest.xml'), 'utf8');
const root = parseXml(manifest);
const overrides = child(root, 'VersionOverrides');
const resources = child(overrides, 'Resources');

/** Resource id → [kind (Images, Urls, ShortStrings, LongStrings), value]. */
const resourceById = new Map<string, [string, string]>();
for (const group of resources.children) {
  for (const item of group.children) {
    const id = item.attributes.get('id')!;
    if (resourceById.has(id)) throw new Error(`resource id ${id} is defined twice`);
    resourceById.set(id, [group.local, item.attributes.get('DefaultValue')!]);
  }
}

describe('manifest.xml', () => {
  it('is an Excel task pane add-in with the required elements in the schema\'s order', () => {
    expect(root.local).toBe('OfficeApp');
    expect(root.uri).toBe(OFFICE_APP);
    expect(xsiType(root)).toBe('TaskPaneApp');
    expect(root.children.map((c) => c.local)).toEqual([
      'Id', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl',
      'HighResolutionIconUrl', 'SupportUrl', 'AppDomains', 'Hosts', 'DefaultSettings', 'Permissions', 'VersionOverrides',
    ]);
    expect(child(root, 'Id').text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(child(root, 'Version').text).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(child(root, 'DefaultLocale').text).toBe('fa-IR');
    expect(child(root, 'Hosts').children.map((h) => h.attributes.get('Name'))).toEqual(['Workbook']);
    expect(['Restricted', 'ReadDocument', 'ReadWriteDocument']).toContain(child(root, 'Permissions').text);
    expect(child(child(root, 'DefaultSettings'), 'SourceLocation').attributes.get('DefaultValue')).toBe(`${ORIGIN}/taskpane.html`);
  });

  it('has a Persian display name and description', () => {
    expect(child(root, 'DisplayName').attributes.get('DefaultValue')).toBe('مصوبات');
    const description = child(root, 'Description').attributes.get('DefaultValue')!;
    expect(description).toMatch(/[\u0600-\u06ff]{3}/);
    expect(description.length).toBeLessThanOrEqual(250);
  });

  it('adds a ribbon button to Excel that opens the task pane', () => {
    expect(overrides.uri).toBe(OVERRIDES);
    expect(xsiType(overrides)).toBe('VersionOverridesV1_0');
    const host = child(child(overrides, 'Hosts'), 'Host');
    expect(xsiType(host)).toBe('Workbook');
    const desktop = child(host, 'DesktopFormFactor');
    expect(resourceById.get(child(desktop, 'FunctionFile').attributes.get('resid')!)?.[0]).toBe('Urls');
    const surface = child(desktop, 'ExtensionPoint');
    expect(xsiType(surface)).toBe('PrimaryCommandSurface');
    const buttons = all(surface).filter((e) => e.local === 'Control' && xsiType(e) === 'Button');
    expect(buttons).toHaveLength(1);
    const action = child(buttons[0], 'Action');
    expect(xsiType(action)).toBe('ShowTaskpane');
    const source = resourceById.get(child(action, 'SourceLocation').attributes.get('resid')!);
    expect(source).toEqual(['Urls', `${ORIGIN}/taskpane.html`]);
    expect(resourceById.get(child(buttons[0], 'Label').attributes.get('resid')!)?.[1]).toBe('مصوبات');
  });

  it('defines every resource a resid names, with the schema\'s length limits', () => {
    const resids = all(overrides).map((e) => e.attributes.get('resid')).filter((r): r is string => r !== undefined);
    expect(resids.length).toBeGreaterThan(5);
    for (const resid of resids) {
      expect(resid.length).toBeLessThanOrEqual(32);
      expect(resourceById.has(resid)).toBe(true);
    }
    for (const [id, [kind, value]] of resourceById) {
      expect(value).toBeTruthy();
      if (kind === 'ShortStrings') expect([id, value.length <= 125]).toEqual([id, true]);
      if (kind === 'LongStrings') expect([id, value.length <= 250]).toEqual([id, true]);
    }
    for (const image of all(resources).filter((e) => e.local === 'Image')) expect(image.uri).toBe(BASIC_TYPES);
  });

  it('names only https://localhost:3000 URLs, each a file the add-in build serves', () => {
    const values = all(root).flatMap((e) => [e.text.trim(), ...e.attributes.values()]);
    const urls = values.filter((v) => /^[a-z][a-z0-9+.-]*:\/\//i.test(v) && !v.startsWith('http://schemas.') && v !== XSI);
    // the namespaces are names, not addresses; nothing else may leave the machine
    expect(urls.length).toBeGreaterThan(8);
    for (const url of urls) {
      const parsed = new URL(url);
      expect(`${parsed.protocol}//${parsed.host}`).toBe(ORIGIN);
      if (parsed.pathname === '/' || parsed.pathname === '') continue; // AppDomain
      // dist/addin mirrors addin/ for the pages and icons (webpack.config.js)
      expect([url, existsSync(join(ROOT, 'addin', decodeURIComponent(parsed.pathname)))]).toEqual([url, true]);
    }
    expect(manifest).not.toMatch(/https?:\/\/(?!localhost:3000|schemas\.microsoft\.com|www\.w3\.org)/);
  });

  it('points at PNG icons of the sizes it declares', () => {
    const declared: Array<[number, string]> = [
      [32, child(root, 'IconUrl').attributes.get('DefaultValue')!],
      [64, child(root, 'HighResolutionIconUrl').attributes.get('DefaultValue')!],
    ];
    for (const image of all(child(child(overrides, 'Hosts'), 'Host')).filter((e) => e.local === 'Image')) {
      declared.push([Number(image.attributes.get('size')), resourceById.get(image.attributes.get('resid')!)![1]]);
    }
    expect(declared.length).toBeGreaterThanOrEqual(8);
    for (const [size, url] of declared) {
      const png = readFileSync(join(ROOT, 'addin', new URL(url).pathname));
      expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect([url, png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([url, size, size]);
    }
  });

  it('rejects what is not well-formed (the parser is strict)', () => {
    expect(() => parseXml('<a><b></a>')).toThrow();
    expect(() => parseXml('<a x="1" x="2"/>')).toThrow();
    expect(() => parseXml('<p:a/>')).toThrow();
  });
});
