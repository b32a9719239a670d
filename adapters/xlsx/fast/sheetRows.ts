/**
 * The rows and cells of a sheet part, two ways that give the same answer:
 *
 * - `readSheetXml` parses the part with the namespace-aware XML parser (./xml): every form of
 *   SpreadsheetML any program writes (prefixes, the strict namespace, CDATA, comments, rich
 *   inline text, phonetic runs, shared formulas, rows and cells without their address).
 * - `scanPlainSheet` reads the one form nearly every large sheet has (Excel, exceljs, LibreOffice,
 *   this tool's own patcher): unprefixed transitional elements, every row and cell with its
 *   address, cells `<c r s t>` holding `<f>`, `<v>` or a plain inline `<t>`. It matches the rows
 *   token by token (sticky patterns, so no byte between `<sheetData>` and `</sheetData>` goes
 *   unread) and gives up — returns undefined — at the first thing outside that form; the part
 *   is then parsed. What is outside the rows (root, namespaces, merges) is always parsed. It is
 *   three to four times faster than the parser on a 10,000-row register, and the property tests
 *   (sheetRows.test.ts) hold it to the parser's answer on every sheet it accepts.
 */
import { toCellValue } from '../cells';
import { columnNumber, MAX_COLUMN } from '../../../core/sheet/address';
import type { CellValue } from '../../../core/register/types';
import { attribute, isMainNs, MAIN_NS, parseXml, XmlError, type XmlHandlers, type XmlTag } from './xml';

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

/** A sheet part's rows, merges, and whether it may be patched. */
export interface SheetRows {
  rows: LightRow[];
  /** Merged ranges, `A1:B3`. */
  merges: string[];
  /**
   * The part is transitional SpreadsheetML with every SpreadsheetML element unprefixed, so
   * elements written into it as `<c …>` mean what they say: only then may it be patched.
   */
  plain: boolean;
}

/** What a cell's value is read with. */
export interface CellContext {
  strings: ReadonlyArray<string | undefined>;
  /** The number format code of each cell style. */
  numFmts: readonly string[];
  date1904: boolean;
}

/** Whether a number format shows a date or time (the rule exceljs applies when it reads cells). */
export function isDateFormat(code: string): boolean {
  if (!code) return false;
  return /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/**
 * `_x000D_`-style escapes Excel writes in strings for characters XML cannot hold (decoded where
 * exceljs decodes them: shared strings and rich-text runs).
 */
export function decodeEscapes(text: string): string {
  return text.includes('_x') ? text.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

/**
 * An ISO 8601 date or date-time of a `t="d"` cell as a Date from its parts read as UTC (as
 * exceljs dates are); undefined for anything else (a time alone, an offset other than Z).
 */
export function isoCellDate(text: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?Z?)?$/.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((p) => Number(p ?? 0));
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second, Math.round(Number(m[7] ?? 0) * 1000)));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : undefined;
}

/** What a cell element holds, as read by either reader. */
interface CellParts {
  /** The `t` attribute. */
  type: string | undefined;
  /** A formula: `<f>` with text, or with a `t` attribute (a shared formula's follower). */
  formula: boolean;
  /** The text of `<v>`; undefined when absent or empty. */
  raw: string | undefined;
  /** The texts of the inline string's `<t>` elements (phonetic runs left out); undefined without `<is>`. */
  inline: string[] | undefined;
  /** The inline string has rich-text runs. */
  runs: boolean;
}

/**
 * Fill a cell's value the way exceljs's cell reader takes it (formula when the cell has formula
 * text or a shared-formula mark; the result only when `<v>` has text), then toCellValue.
 * @throws LightUnsupported for a `t="d"` cell whose text is not an ISO 8601 date
 */
function fillValue(cell: LightCell, parts: CellParts, context: CellContext): void {
  const { type, raw } = parts;
  const numFmt = context.numFmts[cell.style] ?? '';
  const number = (n: number) => isDateFormat(numFmt) ? new Date(Math.round((n - 25569 + (context.date1904 ? 1462 : 0)) * 86400000)) : n;
  const iso = (text: string) => {
    const date = isoCellDate(text);
    if (!date) throw new LightUnsupported(`date cell ${text.slice(0, 40)}`);
    return date;
  };
  if (parts.formula) {
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
    const result = type === 'str' ? raw : type === 'b' ? parseInt(raw, 10) !== 0 : type === 'd' ? iso(raw) : number(parseFloat(raw));
    cell.value = toCellValue({ formula: '', result } as never, numFmt);
    return;
  }
  let value: unknown;
  if (type === 'inlineStr' && parts.inline) {
    const text = parts.runs ? parts.inline.map(decodeEscapes).join('') : parts.inline.join('');
    value = text === '' ? undefined : text;
  } else if (raw === undefined) {
    return;
  } else if (type === 's') {
    value = context.strings[parseInt(raw, 10)];
  } else if (type === 'str' || type === 'inlineStr') {
    value = raw;
  } else if (type === 'b') {
    value = parseInt(raw, 10) !== 0;
  } else if (type === 'e') {
    cell.error = true;
    value = raw;
  } else if (type === 'd') {
    value = iso(raw);
  } else {
    value = number(parseFloat(raw));
  }
  cell.value = toCellValue(value as never, numFmt);
}

/** Offset of the `<` that starts the tag ending just before `end` (attribute values never hold `<`). */
function tagStart(xml: string, end: number): number {
  return xml.lastIndexOf('<', end - 1);
}

const CELL_REF = /^([A-Z]{1,3})([1-9]\d{0,6})$/;
const MAX_ROW = 1048576;

/** Where a cell's text goes while its elements are read. */
const Sink = { None: 0, Formula: 1, Value: 2, Text: 3 } as const;
type Sink = (typeof Sink)[keyof typeof Sink];

/** One parse of a sheet part: rows, cells and their values as the elements go by. */
class SheetParse implements XmlHandlers {
  readonly rows: LightRow[] = [];
  readonly merges: string[] = [];
  plain = true;
  rooted = false;
  private inData = false;
  private row: LightRow | undefined;
  private lastRow = 0;
  private lastCol = 0;
  private cell: LightCell | undefined;
  private parts: CellParts = { type: undefined, formula: false, raw: undefined, inline: undefined, runs: false };
  private sink: Sink = Sink.None;
  private phonetic = 0;
  private run = '';

  constructor(private readonly xml: string, private readonly context: CellContext) {
    this.open = this.open.bind(this);
    this.close = this.close.bind(this);
    this.text = this.text.bind(this);
  }

  open(tag: XmlTag, end: number): void {
    if (!isMainNs(tag.uri)) return;
    if (tag.prefix !== '' || tag.uri !== MAIN_NS) this.plain = false;
    switch (tag.local) {
      case 'c': {
        const row = this.row;
        if (!row) return;
        const ref = attribute(tag, 'r');
        let col: number;
        if (ref === undefined) {
          col = this.lastCol + 1;
        } else {
          const parts = CELL_REF.exec(ref.toUpperCase());
          if (!parts || Number(parts[2]) !== row.number) throw new LightUnsupported(`cell address ${ref} in row ${row.number}`);
          col = columnNumber(parts[1]);
        }
        if (col <= this.lastCol || col > MAX_COLUMN) throw new LightUnsupported(`cells out of order in row ${row.number}`);
        this.lastCol = col;
        const s = attribute(tag, 's');
        this.cell = { col, value: null, formula: false, noResult: false, error: false, style: s ? Number(s) || 0 : 0, start: tagStart(this.xml, end), end };
        this.parts = { type: attribute(tag, 't'), formula: false, raw: undefined, inline: undefined, runs: false };
        this.phonetic = 0;
        return;
      }
      case 'v':
        if (this.cell) {
          this.sink = Sink.Value;
          this.parts.raw ??= '';
        }
        return;
      case 'f':
        if (this.cell) {
          this.sink = Sink.Formula;
          if (tag.attributes.t !== undefined) this.parts.formula = true;
        }
        return;
      case 'is':
        if (this.cell) this.parts.inline = [];
        return;
      case 'r':
        if (this.parts.inline) this.parts.runs = true;
        return;
      case 'rPh':
        if (this.parts.inline) this.phonetic++;
        return;
      case 't':
        if (this.parts.inline && !this.phonetic) {
          this.sink = Sink.Text;
          this.run = '';
        }
        return;
      case 'row': {
        if (!this.inData) return;
        const r = attribute(tag, 'r');
        const number = r === undefined ? this.lastRow + 1 : /^[1-9]\d{0,6}$/.test(r) ? Number(r) : NaN;
        if (!(number > this.lastRow && number <= MAX_ROW)) throw new LightUnsupported(`row ${r ?? number} out of order`);
        this.lastRow = number;
        this.lastCol = 0;
        const row: LightRow = { number, cells: [], start: tagStart(this.xml, end), end, openEnd: tag.isSelfClosing ? -1 : end };
        this.rows.push(row);
        this.row = row;
        return;
      }
      case 'sheetData':
        this.inData = true;
        return;
      case 'mergeCell': {
        const ref = attribute(tag, 'ref');
        if (ref && !this.inData) this.merges.push(ref);
        return;
      }
      case 'worksheet':
        this.rooted = true;
        return;
      default:
    }
  }

  close(tag: XmlTag, end: number): void {
    if (!isMainNs(tag.uri)) return;
    switch (tag.local) {
      case 'c':
        if (this.cell && this.row) {
          this.cell.end = end;
          if (this.parts.raw === '') this.parts.raw = undefined;
          fillValue(this.cell, this.parts, this.context);
          this.row.cells.push(this.cell);
          this.cell = undefined;
        }
        return;
      case 'v':
      case 'f':
        this.sink = Sink.None;
        return;
      case 'rPh':
        if (this.parts.inline) this.phonetic--;
        return;
      case 't':
        if (this.sink === Sink.Text) {
          this.parts.inline!.push(this.run);
          this.sink = Sink.None;
        }
        return;
      case 'row':
        if (this.row) {
          this.row.end = end;
          this.row = undefined;
        }
        return;
      case 'sheetData':
        this.inData = false;
        return;
      default:
    }
  }

  text(text: string): void {
    switch (this.sink) {
      case Sink.Value:
        this.parts.raw += text;
        return;
      case Sink.Text:
        this.run += text;
        return;
      case Sink.Formula:
        if (text !== '') this.parts.formula = true;
        return;
      default:
    }
  }
}

/** Parse a part, turning XML that is not well-formed into LightUnsupported (exceljs then decides). */
export function parseLightPart(part: string, xml: string, handlers: XmlHandlers): void {
  try {
    parseXml(xml, handlers);
  } catch (error) {
    if (error instanceof XmlError) throw new LightUnsupported(`${part}: ${error.message}`);
    throw error;
  }
}

/**
 * A sheet part's rows read with the XML parser (any form).
 * @throws LightUnsupported for XML that is not well-formed, a root other than a worksheet, rows
 *   or cells out of order or outside the sheet, a date cell that is not ISO 8601
 */
export function readSheetXml(part: string, xml: string, context: CellContext): SheetRows {
  const reader = new SheetParse(xml, context);
  parseLightPart(part, xml, reader);
  if (!reader.rooted) throw new LightUnsupported(`${part} is not a worksheet`);
  return { rows: reader.rows, merges: reader.merges, plain: reader.plain };
}

/** Whitespace between elements (XML's S). */
const SPACE = /[ \t\r\n]*/y;
/** A row start tag: its address first, then attributes whose values hold no markup or references. */
const ROW = /<row r="([1-9]\d{0,6})"((?:[ \t\r\n]+[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?="[^"<>&\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]*")*)[ \t\r\n]*(\/?)>/y;
const ROW_END = /<\/row>/y;
/**
 * A cell in its plain form: `r`, `s`, `t` in that order; empty, or `<f>` (LibreOffice adds
 * `aca`, which says nothing about the value) then `<v>`, or one plain inline `<t>`. Texts hold no
 * markup (`[^<]*`); their references are checked apart.
 */
const CELL = /<c r="([A-Z]{1,3})([1-9]\d{0,6})"(?: s="(\d{1,5})")?(?: t="(s|n|b|e|str|inlineStr|d)")?(?:\/>|>(?:<f(?: aca="(?:false|true)")?>([^<]*)<\/f>|<f\/>)?(?:<v>([^<]*)<\/v>|<v\/>)?(?:<is><t(?: xml:space="preserve")?>([^<]*)<\/t><\/is>)?<\/c>)/y;
/** Characters that need a closer look in text: references, `]]>`, carriage returns, surrogates, and characters XML does not allow. */
const SPECIAL = /[&\]\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/;
/** Characters XML does not allow, a lone surrogate among them (a file decoded from UTF-8 has none, but a string may). */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const REFERENCE = /&(?:#x([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(lt|gt|amp|quot|apos));/y;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Whether a code point is a character XML 1.0 allows. */
function xmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

/**
 * Character data as an XML parser reports it (references decoded, line ends normalized);
 * undefined when the text is not well-formed (an unknown or malformed reference, a bare `&`,
 * `]]>`, a character XML does not allow), so the part goes to the parser, which refuses it.
 */
function textOf(text: string): string | undefined {
  if (!SPECIAL.test(text)) return text;
  if (text.includes(']]>') || NOT_XML.test(text)) return undefined;
  const lines = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  if (!lines.includes('&')) return lines;
  let out = '';
  let at = 0;
  for (let amp = lines.indexOf('&'); amp >= 0; amp = lines.indexOf('&', at)) {
    REFERENCE.lastIndex = amp;
    const m = REFERENCE.exec(lines);
    if (!m) return undefined;
    let decoded: string;
    if (m[3]) {
      decoded = NAMED[m[3]];
    } else {
      const code = m[1] !== undefined ? parseInt(m[1], 16) : Number(m[2]);
      if (!xmlChar(code)) return undefined;
      decoded = String.fromCodePoint(code);
    }
    out += lines.slice(at, amp) + decoded;
    at = REFERENCE.lastIndex;
  }
  return out + lines.slice(at);
}

/** Row attribute texts already checked (no duplicate, no namespace declaration), with the prefixes they use. */
type CheckedAttributes = Map<string, string[] | undefined>;

/** The prefixes a row's attributes use; undefined when the attributes repeat a name or declare a namespace. */
function checkRowAttributes(text: string, checked: CheckedAttributes): string[] | undefined | false {
  if (checked.has(text)) return checked.get(text) ?? false;
  const names = ['r'];
  const prefixes: string[] = [];
  let ok = true;
  for (const m of text.matchAll(/([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)="/g)) {
    const name = m[1];
    if (names.includes(name) || name === 'xmlns' || name.startsWith('xmlns:')) ok = false;
    names.push(name);
    const colon = name.indexOf(':');
    if (colon > 0 && !prefixes.includes(name.slice(0, colon))) prefixes.push(name.slice(0, colon));
  }
  if (checked.size < 1000) checked.set(text, ok ? prefixes : undefined);
  return ok ? prefixes : false;
}

/**
 * A sheet part in the plain form read without the parser; undefined when the part is not in
 * that form, or has anything the parser would refuse (rows or cells out of order, a date cell
 * that is not a date): then readSheetXml reads it, or refuses it. The same answer as
 * readSheetXml on every part it takes.
 * @throws LightUnsupported when the XML around the rows is not well-formed, as readSheetXml does
 */
export function scanPlainSheet(part: string, xml: string, context: CellContext): SheetRows | undefined {
  const open = xml.indexOf('<sheetData>');
  const close = xml.lastIndexOf('</sheetData>');
  if (open < 0 || close < open) return undefined;
  const from = open + '<sheetData>'.length;
  const rows: LightRow[] = [];
  const checked: CheckedAttributes = new Map();
  const prefixes = new Set<string>();
  let at = from;
  let lastRow = 0;
  const skipSpace = () => {
    SPACE.lastIndex = at;
    SPACE.exec(xml);
    at = SPACE.lastIndex;
  };
  skipSpace();
  while (at < close) {
    ROW.lastIndex = at;
    const r = ROW.exec(xml);
    if (!r) return undefined;
    const number = Number(r[1]);
    if (number <= lastRow || number > MAX_ROW) return undefined;
    lastRow = number;
    if (r[2]) {
      const used = checkRowAttributes(r[2], checked);
      if (used === false) return undefined;
      for (const p of used ?? []) prefixes.add(p);
    }
    const row: LightRow = { number, cells: [], start: at, end: ROW.lastIndex, openEnd: r[3] ? -1 : ROW.lastIndex };
    at = ROW.lastIndex;
    rows.push(row);
    if (!r[3]) {
      let lastCol = 0;
      for (;;) {
        skipSpace();
        CELL.lastIndex = at;
        const c = CELL.exec(xml);
        if (!c) break;
        if (Number(c[2]) !== number) return undefined;
        const col = columnNumber(c[1]);
        if (col <= lastCol || col > MAX_COLUMN) return undefined;
        lastCol = col;
        const cell: LightCell = { col, value: null, formula: false, noResult: false, error: false, style: c[3] ? Number(c[3]) : 0, start: at, end: CELL.lastIndex };
        at = CELL.lastIndex;
        const formulaText = c[5] === undefined ? undefined : textOf(c[5]);
        const raw = c[6] === undefined ? undefined : textOf(c[6]);
        const inline = c[7] === undefined ? undefined : textOf(c[7]);
        if ((c[5] !== undefined && formulaText === undefined) || (c[6] !== undefined && raw === undefined) || (c[7] !== undefined && inline === undefined)) return undefined;
        const isInline = c[7] !== undefined;
        try {
          fillValue(cell, { type: c[4], formula: !!formulaText, raw: raw || undefined, inline: isInline ? [inline!] : undefined, runs: false }, context);
        } catch (error) {
          // a date cell that is not a date: the parser decides, once the whole part is known to be a sheet
          if (error instanceof LightUnsupported) return undefined;
          throw error;
        }
        row.cells.push(cell);
      }
      ROW_END.lastIndex = at;
      if (!ROW_END.test(xml)) return undefined;
      at = ROW_END.lastIndex;
      row.end = at;
    }
    skipSpace();
  }
  if (at !== close) return undefined;
  // everything but the rows, parsed: the root, the namespaces in force at sheetData, merges
  const outside = `${xml.slice(0, from)}${xml.slice(close)}`;
  let dataScope: XmlTag | undefined;
  let depth = 0;
  const reader = new SheetParse(outside, context);
  parseLightPart(part, outside, {
    open(tag, end) {
      depth++;
      if (depth === 2 && tag.name === 'sheetData') dataScope = tag;
      reader.open(tag, end);
    },
    close(tag, end) {
      depth--;
      reader.close(tag, end);
    },
  });
  if (!reader.rooted || !dataScope || dataScope.uri !== MAIN_NS || reader.rows.length) return undefined;
  for (const p of prefixes) if (dataScope.scope[p] === undefined || p === 'xmlns') return undefined;
  return { rows, merges: reader.merges, plain: reader.plain };
}

/** A plain shared string item: one `<t>`, no runs, no phonetic text. */
const STRING_ITEM = /<si>(?:<t(?: xml:space="preserve")?>([^<]*)<\/t>|<t\/>)<\/si>|<si\/>/y;

/**
 * The shared strings of a part in the plain form (`<si><t>…</t></si>` items, unprefixed) read
 * without the parser, token by token as scanPlainSheet reads rows; undefined when the part is
 * not in that form (rich text, phonetic runs, prefixes …: the parser then reads it). Each item's
 * text as the parser gives it (`_x000D_` escapes decoded), undefined for an empty item.
 * @throws LightUnsupported when the XML around the items is not well-formed
 */
export function scanPlainStrings(part: string, xml: string): Array<string | undefined> | undefined {
  const open = xml.indexOf('<sst');
  const openEnd = open < 0 ? -1 : xml.indexOf('>', open);
  const close = xml.lastIndexOf('</sst>');
  if (openEnd < 0 || close < openEnd || xml[openEnd - 1] === '/') return undefined;
  const strings: Array<string | undefined> = [];
  let at = openEnd + 1;
  for (;;) {
    SPACE.lastIndex = at;
    SPACE.exec(xml);
    at = SPACE.lastIndex;
    if (at >= close) break;
    STRING_ITEM.lastIndex = at;
    const m = STRING_ITEM.exec(xml);
    if (!m) return undefined;
    at = STRING_ITEM.lastIndex;
    const text = m[1] === undefined ? '' : textOf(m[1]);
    if (text === undefined) return undefined;
    strings.push(text === '' ? undefined : decodeEscapes(text));
  }
  if (at !== close) return undefined;
  let root: XmlTag | undefined;
  parseLightPart(part, `${xml.slice(0, openEnd + 1)}${xml.slice(close)}`, {
    open(tag) {
      root ??= tag;
    },
  });
  return root && root.name === 'sst' && isMainNs(root.uri) ? strings : undefined;
}

/**
 * The shared strings of a part read with the parser (any form): each item's `<t>` texts joined,
 * rich-text runs included and phonetic runs left out, `_x000D_` escapes decoded per `<t>` (as
 * exceljs does); undefined for an empty item.
 * @throws LightUnsupported when the part is not well-formed XML
 */
export function readStringsXml(part: string, xml: string): Array<string | undefined> {
  const strings: Array<string | undefined> = [];
  let inItem = false;
  let phonetic = 0;
  let inText = false;
  let item = '';
  let run = '';
  parseLightPart(part, xml, {
    open(tag) {
      if (!isMainNs(tag.uri)) return;
      if (tag.local === 'si') {
        inItem = true;
        item = '';
      } else if (tag.local === 'rPh') {
        phonetic++;
      } else if (tag.local === 't' && inItem && !phonetic) {
        inText = true;
        run = '';
      }
    },
    close(tag) {
      if (!isMainNs(tag.uri)) return;
      if (tag.local === 'si') {
        strings.push(item === '' ? undefined : item);
        inItem = false;
      } else if (tag.local === 'rPh') {
        phonetic--;
      } else if (tag.local === 't' && inText) {
        item += decodeEscapes(run);
        inText = false;
      }
    },
    text(t) {
      if (inText) run += t;
    },
  });
  return strings;
}
