/**
 * XML parts read with a real parser (saxes, namespace-aware): elements are known by their
 * namespace and local name whatever prefix a program chose (`<x:c>`, `<c>`, `<ns0:c>`), entities
 * and character references are decoded, CDATA sections are text, line ends are normalized, and a
 * part that is not well-formed XML is refused rather than half read. A DOCTYPE is refused (the
 * bounded reading refuses it before any part gets here; this is the second lock): saxes never
 * expands entities a DTD declares, so there is no entity expansion to bound.
 */
import { SaxesParser } from 'saxes';

/** SpreadsheetML's main namespace: transitional (what nearly every program writes) and strict (Excel's "Strict Open XML" save). */
export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const STRICT_MAIN_NS = 'http://purl.oclc.org/ooxml/spreadsheetml/main';
/** Relationship ids in workbook.xml (`r:id`), transitional and strict. */
export const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const STRICT_REL_NS = 'http://purl.oclc.org/ooxml/officeDocument/relationships';
/** The namespace of `.rels` parts (the same for both). */
export const PACKAGE_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

/**
 * Whether an element's namespace is SpreadsheetML's main namespace (either form), or none at
 * all: a part that declares no namespace is read as exceljs reads it, by its elements' names.
 */
export function isMainNs(uri: string): boolean {
  return uri === MAIN_NS || uri === STRICT_MAIN_NS || uri === '';
}

/** The part is not well-formed XML, or has a DOCTYPE. */
export class XmlError extends Error {}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** Namespace bindings in scope: prefix → URI ('' for the default namespace), inheriting from the enclosing element's. */
type Scope = Record<string, string>;

/** An element as the handlers see it: its namespace URI and local name whatever the prefix. */
export interface XmlTag {
  /** The name as written (`x:c`). */
  name: string;
  prefix: string;
  local: string;
  /** The element's namespace ('' for none). */
  uri: string;
  /** Attribute values by name as written (`r`, `r:id`, `xml:space`), decoded. */
  attributes: Record<string, string>;
  isSelfClosing: boolean;
  /** The bindings in scope at this element (for prefixed attributes). */
  scope: Scope;
}

export interface XmlHandlers {
  /** An element starts; `end` is the offset just after its start tag (`>` or `/>`). */
  open?(tag: XmlTag, end: number): void;
  /** An element ends; `end` is the offset just after its end tag (the same as open's for `<a/>`). */
  close?(tag: XmlTag, end: number): void;
  /** Character data, CDATA sections included, decoded. */
  text?(text: string): void;
}

/** `x:c` → ['x', 'c'], cached: a sheet has a handful of names repeated a million times. */
const NAMES = new Map<string, readonly [string, string]>();

function splitName(name: string): readonly [string, string] {
  let parts = NAMES.get(name);
  if (!parts) {
    const colon = name.indexOf(':');
    parts = colon < 0 ? ['', name] : [name.slice(0, colon), name.slice(colon + 1)];
    if (NAMES.size < 10000) NAMES.set(name, parts);
  }
  return parts;
}

/**
 * Parse `xml` as a whole document, calling the handlers in document order. Offsets are indices
 * into the `xml` string (UTF-16 code units), so a caller can slice the original text.
 * saxes checks well-formedness (names, nesting, quoting, entities, characters); the namespace
 * bindings are resolved here, per the Namespaces in XML rules (a prefix, on an element or an
 * attribute, must be declared on the element or an ancestor; the default namespace applies to
 * elements, never to attributes) —
 * saxes's own namespace mode gives the same answers at about twice the cost on a large sheet.
 * @throws XmlError when the text is not well-formed, uses an undeclared prefix, or has a DOCTYPE
 */
export function parseXml(xml: string, handlers: XmlHandlers): void {
  const parser = new SaxesParser({ position: false });
  const { open, close, text } = handlers;
  const stack: XmlTag[] = [];
  const root: Scope = Object.create(null) as Scope;
  root.xml = XML_NS;
  root.xmlns = XMLNS_NS;
  root[''] = '';
  let scope = root;
  parser.on('opentag', (node) => {
    const attributes = node.attributes as Record<string, string>;
    let declared: Scope | undefined;
    let prefixed = false;
    for (const key in attributes) {
      if (key.indexOf(':') < 0 && key !== 'xmlns') continue;
      if (!(key === 'xmlns' || key.startsWith('xmlns:'))) {
        prefixed = true;
        continue;
      }
      declared ??= Object.create(scope) as Scope;
      const prefix = key === 'xmlns' ? '' : key.slice(6);
      const uri = attributes[key].trim();
      if (prefix && !uri) throw new XmlError(`the prefix ${prefix} is undeclared with an empty namespace`);
      if (prefix === 'xmlns' || (prefix === 'xml') !== (uri === XML_NS) || uri === XMLNS_NS) throw new XmlError(`reserved prefix or namespace ${key}`);
      declared[prefix] = uri;
    }
    const tagScope = declared ?? scope;
    const [prefix, local] = splitName(node.name);
    const uri = tagScope[prefix];
    if (uri === undefined) throw new XmlError(`undeclared namespace prefix ${prefix}`);
    if (prefixed) {
      for (const key in attributes) {
        const [attributePrefix] = splitName(key);
        if (attributePrefix && attributePrefix !== 'xmlns' && tagScope[attributePrefix] === undefined) throw new XmlError(`undeclared namespace prefix ${attributePrefix}`);
      }
    }
    const tag: XmlTag = { name: node.name, prefix, local, uri, attributes, isSelfClosing: node.isSelfClosing, scope: tagScope };
    stack.push(tag);
    scope = tagScope;
    open?.(tag, parser.position);
  });
  parser.on('closetag', () => {
    const tag = stack.pop()!;
    scope = stack.length ? stack[stack.length - 1].scope : root;
    close?.(tag, parser.position);
  });
  if (text) {
    parser.on('text', text);
    parser.on('cdata', text);
  }
  parser.on('doctype', () => {
    throw new XmlError('a DOCTYPE declaration');
  });
  try {
    parser.write(xml).close();
  } catch (error) {
    if (error instanceof XmlError) throw error;
    throw new XmlError((error as Error).message);
  }
}

/** An attribute's value by its name as written (unprefixed for SpreadsheetML's own); undefined when absent. */
export function attribute(tag: XmlTag, name: string): string | undefined {
  return tag.attributes[name];
}

/**
 * An attribute's value by namespace and local name (`r:id` under any prefix); failing that, a
 * prefixed attribute of that local name in another namespace (what exceljs, which reads names
 * as written, would take).
 */
export function attributeNs(tag: XmlTag, uris: readonly string[], local: string): string | undefined {
  let other: string | undefined;
  for (const key in tag.attributes) {
    const [prefix, name] = splitName(key);
    if (!prefix || name !== local || prefix === 'xmlns') continue;
    if (uris.includes(tag.scope[prefix] ?? '')) return tag.attributes[key];
    other ??= tag.attributes[key];
  }
  return other;
}

/** A relationship of a `.rels` part. */
export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

/**
 * The relationships of a `.rels` part (any prefix).
 * @throws XmlError
 */
export function readRelationships(xml: string): Relationship[] {
  const rels: Relationship[] = [];
  parseXml(xml, {
    open(tag) {
      if (tag.local !== 'Relationship' || (tag.uri !== PACKAGE_REL_NS && tag.uri !== '')) return;
      rels.push({
        id: attribute(tag, 'Id') ?? '', type: attribute(tag, 'Type') ?? '', target: attribute(tag, 'Target') ?? '',
        external: attribute(tag, 'TargetMode') === 'External',
      });
    },
  });
  return rels;
}

/** Whether a relationship type is `…/relationships/<kind>` in either the transitional or the strict family. */
export function relationshipIs(type: string, kind: string): boolean {
  return type === `${REL_NS}/${kind}` || type === `${STRICT_REL_NS}/${kind}`;
}

/**
 * The zip path a relationship target points to, from the part that holds the relationship
 * (`xl/workbook.xml` + `worksheets/sheet1.xml` → `xl/worksheets/sheet1.xml`; `/xl/x.xml` → `xl/x.xml`).
 */
export function resolveTarget(fromPart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const path = fromPart.split('/').slice(0, -1);
  for (const step of target.split('/')) {
    if (step === '..') path.pop();
    else if (step !== '.' && step !== '') path.push(step);
  }
  return path.join('/');
}
