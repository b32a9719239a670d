/**
 * A small, fast reader of .xlsx cells, for the merge: return workbooks are many and small, the
 * register one and large, and the merge reads only cell values (plus, to patch the register,
 * where each row and cell sits in its sheet's XML). exceljs's loaders build a full model of
 * every cell, style and theme; at 60 returns and a 10,000-row register that is most of the
 * merge's time.
 *
 * Values come out exactly as the rest of the tool reads them: each cell is turned into the
 * value exceljs would give (string, number, boolean, Date, formula with its result, error)
 * and passed through the same toCellValue, with the same number-format rules (dates from the
 * UTC parts, percent formats). What this reader does not handle — a prefixed main namespace,
 * cells or rows without their address — throws LightUnsupported, and the caller falls back to
 * exceljs.
 */
import { isPercentFormat, toCellValue } from '../cells';
import type { WorkbookInspection } from '../inspect';
import { readZipEntry, type ZipEntry } from './zip';
import { columnNumber } from '../../../core/sheet/address';
import type { CellValue } from '../../../core/register/types';

/** The file uses something this reader does not handle; read it with exceljs instead. */
export class LightUnsupported extends Error {}

/** One cell: its value as the tool reads it, and what the merge must know about it. */
export interface LightCell {
  col: number;
  value: CellValue;
  /** A formula cell (its value is the saved result). */
  formula: boolean;
  /** A formula without a saved result: the value is null but the cell is not empty. */
  noResult: boolean;
  /** An error value (`#REF!`), directly or as a formula's result. */
  error: boolean;
  /** The cell's style index (`s`), 0 when none. */
  style: number;
  /** Where the cell's element sits in the sheet's XML (start inclusive, end exclusive). */
  start: number;
  end: number;
}

export interface LightRow {
  number: number;
  cells: LightCell[];
  /** The row element's position in the sheet's XML, and where its cells start and end. */
  start: number;
  end: number;
  /** End of the `<row …>` start tag; -1 for an empty `<row …/>`. */
  openEnd: number;
}

export interface LightSheet {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  part: string;
  /** The sheet's XML as read. */
  xml: string;
  rows: LightRow[];
  /** Merged ranges, `A1:B3`. */
  merges: string[];
}

/** What the styles say about each cell style index (`cellXfs`). */
export interface LightStyles {
  xml: string;
  /** The number format code of each cell style ('' for General). */
  numFmts: string[];
  /** Each `<xf>` element of `cellXfs` as written. */
  xfs: string[];
  /** Where `<cellXfs …>…</cellXfs>` sits in the XML. */
  cellXfs: { start: number; end: number };
}

/** Excel's built-in number formats exceljs knows by id (the others have no code: General). */
const BUILTIN_FORMATS: Record<number, string> = {
  1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00', 12: '# ?/?', 13: '# ??/??',
  14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM', 20: 'h:mm',
  21: 'h:mm:ss', 22: 'm/d/yy "h":mm', 37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)', 39: '#,##0.00 ;(#,##0.00)',
  40: '#,##0.00 ;[Red](#,##0.00)', 45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0', 48: '##0.0E+0', 49: '@',
};

/** Whether a number format shows a date or time (the rule exceljs applies when it reads cells). */
export function isDateFormat(code: string): boolean {
  if (!code) return false;
  return /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#(\d+)|(lt|gt|amp|quot|apos));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * Text content of XML: line ends normalized as an XML parser does, entities decoded, and the
 * text of CDATA sections taken as it stands (some generators wrap cell text in them).
 */
export function decodeXmlText(text: string): string {
  if (text.includes('<![CDATA[')) {
    return text.split(/(<!\[CDATA\[[\s\S]*?\]\]>)/).map((part) =>
      part.startsWith('<![CDATA[') ? part.slice(9, -3).replace(/\r\n?/g, '\n') : decodeXmlText(part)).join('');
  }
  const lines = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  if (!lines.includes('&')) return lines;
  return lines.replace(ENTITY, (_, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name) return NAMED[name];
    const code = hex ? parseInt(hex, 16) : Number(dec);
    return code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

/** `_x000D_`-style escapes Excel writes in shared strings for characters XML cannot hold. */
function decodeEscapes(text: string): string {
  return text.includes('_x') ? text.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

/** Value of an attribute in a start tag's attribute text (decoded); undefined when absent. */
export function attr(attributes: string, name: string): string | undefined {
  const at = attributes.indexOf(`${name}="`);
  if (at < 0 || (at > 0 && !/\s/.test(attributes[at - 1]))) {
    const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attributes);
    return match ? decodeXmlText(match[1] ?? match[2]) : undefined;
  }
  const start = at + name.length + 2;
  const end = attributes.indexOf('"', start);
  return decodeXmlText(attributes.slice(start, end < 0 ? undefined : end));
}

/**
 * The text of a string item (`<si>` or `<is>`): the `<t>` of a plain item, or the runs'
 * texts joined (phonetic runs left out), as exceljs reads them.
 * @param escapes decode `_xHHHH_` escapes (exceljs does for shared strings and rich runs)
 */
function itemText(xml: string, escapes: boolean): string | undefined {
  const body = xml.includes('<rPh') ? xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') : xml;
  const runs = body.includes('<r>') || body.includes('<r ');
  let text: string | undefined;
  const pattern = /<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g;
  for (let m = pattern.exec(body); m; m = pattern.exec(body)) {
    const part = m[1] === undefined || m[1] === '' ? '' : decodeXmlText(m[1]);
    text = (text ?? '') + (escapes || runs ? decodeEscapes(part) : part);
  }
  return text === '' ? undefined : text;
}

const MAIN_NAMESPACE = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/**
 * A part whose root element binds SpreadsheetML's main namespace to a prefix (`<x:worksheet
 * xmlns:x="…/main">`), with that prefix dropped from every element and bound as the default
 * namespace instead; any other part as it is. SpreadsheetML's own attributes carry no prefix.
 */
export function withoutMainPrefix(xml: string): string {
  const root = /<(\w+):\w+\b[^>]*>/.exec(xml.slice(0, 4000).replace(/<\?[\s\S]*?\?>/g, ''));
  const prefix = root?.[1];
  if (!prefix || !root![0].includes(`xmlns:${prefix}="${MAIN_NAMESPACE}"`)) return xml;
  return xml.replace(new RegExp(`<(/?)${prefix}:`, 'g'), '<$1').replace(`xmlns:${prefix}="${MAIN_NAMESPACE}"`, `xmlns="${MAIN_NAMESPACE}"`);
}

/**
 * The workbook's parts, read on demand. Create with LightWorkbook.open; every method throws
 * LightUnsupported for what it does not read (never a wrong value).
 */
export class LightWorkbook {
  private readonly parts = new Map<string, string>();
  private strings?: Array<string | undefined>;
  private styleInfo?: LightStyles;

  private constructor(readonly bytes: Buffer, readonly inspection: WorkbookInspection, private readonly byName: Map<string, ZipEntry>,
    private readonly unprefix: boolean) {}

  /**
   * @param options.unprefix read parts whose elements carry a namespace prefix (`<x:c>`, as the
   *   Open XML SDK writes them) by dropping the prefix. Only for reading: the parts' offsets
   *   then no longer match the file, so a reader that patches the file must leave it off.
   */
  static open(bytes: Buffer, inspection: WorkbookInspection, options: { unprefix?: boolean } = {}): LightWorkbook {
    return new LightWorkbook(bytes, inspection, new Map(inspection.entries.map((e) => [e.name, e])), options.unprefix ?? false);
  }

  /** A part's text; undefined when the archive has no such part. */
  part(name: string): string | undefined {
    let text = this.parts.get(name);
    if (text === undefined) {
      const entry = this.byName.get(name);
      if (!entry) return undefined;
      text = readZipEntry(this.bytes, entry).toString('utf8');
      if (this.unprefix) text = withoutMainPrefix(text);
      this.parts.set(name, text);
    }
    return text;
  }

  /** Names of every part, in archive order. */
  partNames(): string[] {
    return this.inspection.entries.map((e) => e.name);
  }

  /** When the file was last saved (`dcterms:modified`, ISO 8601); undefined when it does not say. */
  modified(): string | undefined {
    const core = this.part('docProps/core.xml');
    const match = core ? /<dcterms:modified\b[^>]*>([^<]+)</.exec(core) : null;
    if (!match) return undefined;
    const at = new Date(match[1].trim());
    return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
  }

  private sharedStrings(): Array<string | undefined> {
    if (this.strings) return this.strings;
    const path = this.sharedStringsPart();
    const xml = path ? this.part(path) ?? '' : '';
    if (/<\w+:sst\b/.test(xml.slice(0, 2000))) throw new LightUnsupported('prefixed shared strings');
    const strings: Array<string | undefined> = [];
    const pattern = /<si\b[^>]*?(?:\/>|>([\s\S]*?)<\/si>)/g;
    for (let m = pattern.exec(xml); m; m = pattern.exec(xml)) strings.push(m[1] === undefined ? undefined : itemText(m[1], true));
    this.strings = strings;
    return strings;
  }

  private sharedStringsPart(): string | undefined {
    const rels = this.part('xl/_rels/workbook.xml.rels') ?? '';
    const match = /<Relationship\b[^>]*Type="[^"]*\/sharedStrings"[^>]*>/.exec(rels);
    const target = match ? attr(match[0], 'Target') : undefined;
    if (target) return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    return this.byName.has('xl/sharedStrings.xml') ? 'xl/sharedStrings.xml' : undefined;
  }

  /** The cell styles' number formats and `<xf>` elements. */
  styles(): LightStyles {
    if (this.styleInfo) return this.styleInfo;
    const xml = this.part('xl/styles.xml') ?? '';
    if (xml && /<\w+:styleSheet\b/.test(xml)) throw new LightUnsupported('prefixed styles');
    const custom = new Map<number, string>();
    for (const m of xml.matchAll(/<numFmt\b([^>]*?)\/?>/g)) {
      const id = Number(attr(m[1], 'numFmtId'));
      const code = attr(m[1], 'formatCode');
      if (Number.isFinite(id) && code !== undefined) custom.set(id, code);
    }
    const open = /<cellXfs\b[^>]*?(\/>|>)/.exec(xml);
    const start = open ? open.index : -1;
    const close = open && open[1] === '>' ? xml.indexOf('</cellXfs>', start) : -1;
    const end = close >= 0 ? close + '</cellXfs>'.length : open ? start + open[0].length : -1;
    const body = close >= 0 ? xml.slice(start + open![0].length, close) : '';
    const xfs = [...body.matchAll(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)].map((m) => m[0]);
    const numFmts = xfs.map((xf) => {
      const id = Number(attr(/^<xf\b([^>]*)/.exec(xf)![1], 'numFmtId') ?? 0);
      return id ? custom.get(id) ?? BUILTIN_FORMATS[id] ?? '' : '';
    });
    this.styleInfo = { xml, numFmts, xfs, cellXfs: { start, end } };
    return this.styleInfo;
  }

  /**
   * The rows of a sheet with their cells' values (blank rows and empty cells included as the
   * file has them).
   * @throws LightUnsupported for a sheet whose XML this reader does not handle
   */
  sheet(name: string): LightSheet {
    const info = this.inspection.sheets.find((s) => s.name === name);
    if (!info?.part) throw new LightUnsupported(`sheet ${name} has no part`);
    const xml = this.part(info.part);
    if (xml === undefined) throw new LightUnsupported(`part ${info.part} missing`);
    if (/<\w+:worksheet\b/.test(xml.slice(0, 2000))) throw new LightUnsupported('prefixed worksheet');
    const strings = this.sharedStrings();
    const { numFmts } = this.styles();
    const date1904 = this.inspection.date1904;
    const rows: LightRow[] = [];
    const dataStart = xml.indexOf('<sheetData');
    const dataEnd = xml.lastIndexOf('</sheetData>');
    if (dataStart >= 0 && dataEnd > dataStart) {
      const rowPattern = /<row\b([^>]*?)(\/>|>([\s\S]*?)<\/row>)/g;
      rowPattern.lastIndex = dataStart;
      for (let r = rowPattern.exec(xml); r && r.index < dataEnd; r = rowPattern.exec(xml)) {
        const number = Number(attr(r[1], 'r'));
        if (!Number.isInteger(number) || number < 1) throw new LightUnsupported('row without its number');
        const openEnd = r[2] === '/>' ? -1 : r.index + 4 + r[1].length + 1;
        const row: LightRow = { number, cells: [], start: r.index, end: r.index + r[0].length, openEnd };
        if (r[3]) readCells(r[3], openEnd, row, strings, numFmts, date1904);
        rows.push(row);
      }
    }
    const merges = [...xml.slice(dataEnd >= 0 ? dataEnd : 0).matchAll(/<mergeCell\b[^>]*\bref="([^"]+)"/g)].map((m) => m[1]);
    return { name, state: info.state, part: info.part, xml, rows, merges };
  }
}

const CELL = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
/** The attributes most writers give a cell, in their usual order: read in one step. */
const USUAL = /^\s+r="([A-Z]{1,3})(\d+)"(?:\s+s="(\d+)")?(?:\s+t="(\w+)")?\s*$/;

function readCells(body: string, offset: number, row: LightRow, strings: ReadonlyArray<string | undefined>,
  numFmts: readonly string[], date1904: boolean): void {
  CELL.lastIndex = 0;
  for (let m = CELL.exec(body); m; m = CELL.exec(body)) {
    const attributes = m[1];
    const usual = USUAL.exec(attributes);
    let letters: string;
    let style: number;
    let type: string | undefined;
    if (usual) {
      letters = usual[1];
      style = usual[3] ? Number(usual[3]) : 0;
      type = usual[4];
    } else {
      const ref = attr(attributes, 'r');
      const parts = ref ? /^([A-Z]{1,3})(\d+)$/.exec(ref) : null;
      if (!parts) throw new LightUnsupported('cell without its address');
      letters = parts[1];
      style = Number(attr(attributes, 's') ?? 0) || 0;
      type = attr(attributes, 't');
    }
    const cell: LightCell = {
      col: columnNumber(letters), value: null, formula: false, noResult: false, error: false, style,
      start: offset + m.index, end: offset + m.index + m[0].length,
    };
    if (m[2]) readValue(cell, type, m[2], strings, numFmts[style] ?? '', date1904);
    row.cells.push(cell);
  }
}

/** The element's text between `<tag …>` and `</tag>` (undefined when absent, '' when empty). */
function elementText(body: string, tag: string): { attributes: string; text: string } | undefined {
  const open = body.indexOf(`<${tag}`);
  if (open < 0) return undefined;
  const after = body[open + tag.length + 1];
  if (after !== '>' && after !== ' ' && after !== '/' && after !== '\t' && after !== '\n' && after !== '\r') return undefined;
  const close = body.indexOf('>', open);
  const attributes = body.slice(open + tag.length + 1, body[close - 1] === '/' ? close - 1 : close);
  if (body[close - 1] === '/') return { attributes, text: '' };
  const end = body.indexOf(`</${tag}>`, close);
  return { attributes, text: body.slice(close + 1, end < 0 ? undefined : end) };
}

/**
 * Fill a cell's value the way exceljs's cell reader does (formula when the cell has formula
 * text or a shared-formula mark; the result only when `<v>` has text), then toCellValue.
 */
function readValue(cell: LightCell, type: string | undefined, body: string, strings: ReadonlyArray<string | undefined>,
  numFmt: string, date1904: boolean): void {
  const f = elementText(body, 'f');
  const v = elementText(body, 'v');
  const raw = v && v.text !== '' ? decodeXmlText(v.text) : undefined;
  const isDate = (n: number) => isDateFormat(numFmt) ? new Date(Math.round((n - 25569 + (date1904 ? 1462 : 0)) * 86400000)) : n;
  if (f && (f.text !== '' || /\bt="/.test(f.attributes))) {
    cell.formula = true;
    if (raw === undefined) {
      cell.noResult = true;
      return;
    }
    if (type === 'e') {
      cell.error = true;
      cell.value = raw;
      return;
    }
    const result = type === 'str' ? raw : type === 'b' ? parseInt(raw, 10) !== 0 : isDate(parseFloat(raw));
    cell.value = toCellValue({ formula: '', result } as never, numFmt);
    return;
  }
  let value: unknown;
  if (type === 'inlineStr') {
    const item = elementText(body, 'is');
    value = item ? itemText(item.text, false) : undefined;
  } else if (raw === undefined) {
    return;
  } else if (type === 's') {
    value = strings[parseInt(raw, 10)];
  } else if (type === 'str') {
    value = decodeXmlText(raw);
  } else if (type === 'b') {
    value = parseInt(raw, 10) !== 0;
  } else if (type === 'e') {
    cell.error = true;
    value = raw;
  } else {
    value = isDate(parseFloat(raw));
  }
  cell.value = toCellValue(value as never, numFmt);
}

/** Whether a style index's number format is a percent format (for writing percents back). */
export function stylePercent(styles: LightStyles, index: number): boolean {
  return isPercentFormat(styles.numFmts[index]);
}
