/**
 * A quick look at each sheet's XML (without exceljs) for what the streaming copy cannot carry:
 * merged cells, people's own validations and colour rules, hyperlinks, shared formulas,
 * drawings, tables, protection … and for the few things it does carry that exceljs's
 * streaming reader does not report (right-to-left view, frozen rows, hidden columns).
 * The parts before and after `<sheetData>` are parsed (namespace-aware, ./xml); the rows are
 * streamed past and searched byte by byte for the few row features that matter (shared
 * formulas, grouped rows, hidden rows), never decoded: a 100,000-row sheet stays out of memory.
 */
import { SHEETS } from '../../../core/register/fields';
import { REGISTER_STATUS_OPTIONS } from '../../../core/register/status';
import type { SheetInfo, WorkbookInspection } from '../inspect';
import { RULE_MARKER } from '../conditional';
import { OVERDUE_SHEET } from '../summarySheet';
import { createInflateRaw } from 'node:zlib';
import { readZipEntry, zipEntryData, ZipFormatError, type ZipEntry } from './zip';
import { attribute, attributeNs, parseXml, readRelationships, REL_NS, resolveTarget, STRICT_REL_NS, XmlError, type XmlTag } from './xml';

export interface ColumnInfo {
  min: number;
  max: number;
  width?: number;
  hidden?: boolean;
}

/** How a sheet looks (direction, view, columns): what a streamed copy reads and writes back. */
export interface SheetLook {
  rightToLeft: boolean;
  /** Gridlines switched off, zoom in percent (when not 100), tab colour as ARGB: kept by a streamed copy. */
  hideGridLines?: boolean;
  zoomScale?: number;
  tabColor?: string;
  /** Frozen rows / columns of the first view (0 when none). */
  ySplit: number;
  xSplit: number;
  columns: ColumnInfo[];
}

export interface SheetScan extends SheetLook {
  info: SheetInfo;
  /** Merged ranges as `A1:B3`. */
  merges: string[];
  /** Numbers of the rows hidden in the sheet, ascending. */
  hiddenRows: number[];
  /**
   * The print setup the sheet had (paper, orientation, scale or fit, margins, print titles and
   * print area), for the streaming copy.
   */
  pageSetup: Record<string, unknown>;
  /** The sheet's autofilter range (`A1:D20`), when it has one. */
  autoFilter?: string;
  /** What a streaming copy of this sheet would lose (Persian, English), empty when nothing. */
  losses: Array<{ fa: string; en: string }>;
}

/** Sheets the tool rewrites from scratch on every save: what they held before does not matter. */
export const TOOL_SHEETS: ReadonlySet<string> = new Set([SHEETS.summary, SHEETS.legend, OVERDUE_SHEET]);

/**
 * Features among the rows, found by byte search (the rows are never decoded as text): a
 * formula of another kind than a plain one (`t="shared"`, `array`, `dataTable`: values only a
 * formula element's `t` takes), and a row outline level other than 0 (LibreOffice writes
 * outlineLevel="0" on every column). Either quote; any prefix. A needle inside text (a cell that
 * reads `t="shared"`) only makes the check more careful, never less.
 */
const ROW_FEATURES: Array<{ needles: string[]; matches: (before: string, after: string) => boolean; fa: string; en: string }> = [
  {
    needles: ['shared', 'array', 'dataTable'],
    matches: (before, after) => /\st\s*=\s*(["'])$/.exec(before)?.[1] === after[0], fa: 'فرمول مشترک یا آرایه‌ای', en: 'shared or array formulas',
  },
  { needles: ['outlineLevel'], matches: (before, after) => /\s$/.test(before) && /^\s*=\s*["'][1-7]/.test(after), fa: 'گروه‌بندی ردیف‌ها', en: 'grouped rows' },
];

/** Features outside the rows: elements by local name. */
const FEATURES: Array<{ elements: string[]; fa: string; en: string }> = [
  { elements: ['hyperlink'], fa: 'پیوند (Hyperlink)', en: 'hyperlinks' },
  { elements: ['legacyDrawing'], fa: 'یادداشت (Comment)', en: 'comments' },
  { elements: ['tableParts'], fa: 'جدول (Table)', en: 'tables' },
  { elements: ['sheetProtection'], fa: 'قفل برگه', en: 'sheet protection' },
  { elements: ['rowBreaks', 'colBreaks'], fa: 'شکست صفحه', en: 'page breaks' },
];

const HEADERS_FOOTERS = new Set(['oddHeader', 'oddFooter', 'evenHeader', 'evenFooter', 'firstHeader', 'firstFooter']);

const OUR_STATUS_LIST = `"${REGISTER_STATUS_OPTIONS.join(',')}"`;


/** What a pass over one sheet part keeps: the XML outside the rows, which row features occur, hidden rows. */
interface PartScan {
  /** The part with its rows left out: everything before the rows, then everything after. */
  outside: string;
  found: Set<string>;
  hiddenRows: Set<number>;
}

const SHEET_DATA = Buffer.from('sheetData');
const HIDDEN = Buffer.from('hidden');
const ROW_TAG = /^<(?:[A-Za-z_][\w.-]*:)?row[\s/>]/;
const ROW_NUMBER = /\sr\s*=\s*["'](\d+)["']/;
/** Bytes kept from one chunk for the next: longer than any `<row …>` tag. */
const CARRY = 1024;
/** A part whose rows have not started after this many bytes has no `<sheetData>` worth waiting for. */
const MAX_HEAD = 4 * 1024 * 1024;
/** Found when a hidden row does not say its number. */
const UNNUMBERED = { fa: 'ردیف پنهان بدون شماره', en: 'hidden rows without their number' };

/** Whether a byte can be part of an XML name (ASCII letters, digits, `_ - .`; the prefixes programs use). */
function nameByte(b: number): boolean {
  return (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a) || (b >= 0x30 && b <= 0x39) || b === 0x5f || b === 0x2d || b === 0x2e;
}

/**
 * Where the `sheetData` element's tags start in `window` (any prefix): the start tag's `<`, and
 * the end tag's `</` (or the start tag's, for an empty `<sheetData/>`). -1 when not in the window.
 */
function sheetDataTag(window: Buffer, from: number, end: boolean): { at: number; tagEnd: number; empty: boolean } | undefined {
  for (let i = window.indexOf(SHEET_DATA, from); i >= 0; i = window.indexOf(SHEET_DATA, i + 1)) {
    let j = i - 1;
    if (window[j] === 0x3a) { // ':' after a prefix
      j--;
      while (j >= 0 && nameByte(window[j])) j--;
    }
    const closing = window[j] === 0x2f && window[j - 1] === 0x3c; // '</'
    const opening = window[j] === 0x3c;
    const after = window[i + SHEET_DATA.length];
    if (!(after === 0x3e || after === 0x2f || after === 0x20 || after === 0x09 || after === 0x0a || after === 0x0d)) continue;
    const tagEnd = window.indexOf(0x3e, i);
    if (tagEnd < 0) return undefined;
    if (end && closing) return { at: j - 1, tagEnd: tagEnd + 1, empty: false };
    if (opening) {
      const empty = window[tagEnd - 1] === 0x2f;
      if (!end || empty) return { at: j, tagEnd: tagEnd + 1, empty };
    }
  }
  return undefined;
}

/** Where the last `</sheetData>` (any prefix) starts in `window`; -1 when none. */
function lastSheetDataEnd(window: Buffer): number {
  let last = -1;
  for (let end = sheetDataTag(window, 0, true); end; end = sheetDataTag(window, end.tagEnd, true)) if (!end.empty) last = end.at;
  return last;
}

/**
 * Inflate a sheet part chunk by chunk, never holding the rows: a 100,000-row sheet is about
 * 100 MB of XML, which would otherwise stay in the process's memory long after the scan.
 */
async function scanPart(bytes: Buffer, entry: ZipEntry): Promise<PartScan> {
  const found = new Set<string>();
  const hiddenRows = new Set<number>();
  const needles = ROW_FEATURES.flatMap((f) => f.needles.map((n) => [f, Buffer.from(n)] as const));
  let head: Buffer[] = [];
  let headLength = 0;
  let opened = false;
  let emptyData = false;
  let tail: Buffer[] | undefined;
  let carry = Buffer.alloc(0);
  const take = (chunk: Buffer) => {
    const window = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    for (const [feature, raw] of needles) {
      if (found.has(feature.en)) continue;
      for (let at = window.indexOf(raw); at >= 0; at = window.indexOf(raw, at + 1)) {
        const before = window.subarray(Math.max(0, at - 16), at).toString('latin1');
        if (feature.matches(before, window.subarray(at + raw.length, at + raw.length + 16).toString('latin1'))) {
          found.add(feature.en);
          break;
        }
      }
    }
    // hidden rows (the streaming reader does not report them): look back from each `hidden` to
    // the tag it is in, so plain rows cost nothing
    for (let at = window.indexOf(HIDDEN); at >= 0; at = window.indexOf(HIDDEN, at + 1)) {
      if (!/^\s*=\s*["'](1|true)["']/.test(window.subarray(at + HIDDEN.length, at + HIDDEN.length + 12).toString('latin1'))) continue;
      const open = window.lastIndexOf(0x3c, at); // '<'
      const tag = open >= 0 ? window.subarray(open, at).toString('latin1') : '';
      if (!ROW_TAG.test(tag)) continue;
      const number = ROW_NUMBER.exec(tag);
      if (number) hiddenRows.add(Number(number[1]));
      else found.add(UNNUMBERED.en);
    }
    if (!opened) {
      head.push(chunk);
      headLength += chunk.length;
      const text = Buffer.concat(head);
      const start = sheetDataTag(text, 0, false);
      if (start) {
        opened = true;
        head = [text.subarray(0, start.tagEnd)];
        // an empty sheet has `<sheetData/>`: what follows it is the tail all the same
        emptyData = start.empty;
        const rest = text.subarray(start.tagEnd);
        const end = emptyData ? -1 : lastSheetDataEnd(rest);
        if (emptyData || end >= 0) tail = [rest.subarray(Math.max(0, end))];
      } else {
        head = [text];
        if (headLength > MAX_HEAD) opened = true;
      }
    } else if (!emptyData) {
      // the last end tag seen so far: one inside a comment or CDATA among the rows is passed by
      const end = lastSheetDataEnd(window);
      if (end >= 0) tail = [window.subarray(end)];
      else tail?.push(chunk);
    }
    // enough of the end to find a needle, a row tag or the end tag across the chunk boundary
    carry = Buffer.from(window.subarray(Math.max(0, window.length - CARRY)));
  };
  const data = zipEntryData(bytes, entry);
  if (entry.method === 0) {
    take(data);
  } else {
    await new Promise<void>((resolve, reject) => {
      const inflate = createInflateRaw({ chunkSize: 256 * 1024 });
      inflate.on('data', take);
      inflate.on('end', resolve);
      inflate.on('error', (error) => reject(new ZipFormatError(`${entry.name} cannot be inflated: ${error.message}`)));
      inflate.end(data);
    });
  }
  const headText = Buffer.concat(head).toString('utf8');
  return { outside: headText + (tail ? Buffer.concat(tail).toString('utf8') : ''), found, hiddenRows };
}

/** What the XML outside a sheet's rows says, read by the parser. */
interface Outside {
  view?: XmlTag;
  pane?: XmlTag;
  tabColor?: string;
  columns: ColumnInfo[];
  merges: string[];
  pageSetup?: XmlTag;
  fitToPage: boolean;
  margins?: XmlTag;
  autoFilter?: string;
  features: Set<string>;
  drawing?: string;
  headerFooterText: boolean;
  validations: Array<{ type?: string; formula: string }>;
  rules: string[];
}

/**
 * Parse the XML outside a sheet's rows. Elements are taken by local name in any namespace:
 * Excel writes some validations and colour rules a second time in its extension namespaces
 * (`<x14:dataValidation>` in `extLst`), and a streamed copy would lose those too.
 * @throws ZipFormatError when it is not well-formed XML
 */
function readOutside(part: string, xml: string): Outside {
  const out: Outside = { columns: [], merges: [], fitToPage: false, features: new Set(), headerFooterText: false, validations: [], rules: [] };
  const path: string[] = [];
  let text: { into: 'formula1' | 'rule' | 'header'; value: string } | undefined;
  let validation: { type?: string; formula: string } | undefined;
  let rule: string | undefined;
  try {
    parseXml(xml, {
      open(tag) {
        path.push(tag.local);
        const depth = path.length;
        switch (tag.local) {
          case 'sheetView':
            out.view ??= tag;
            break;
          case 'pane':
            if (path[depth - 2] === 'sheetView' && !out.pane) out.pane = tag;
            break;
          case 'tabColor':
            out.tabColor ??= /^[0-9A-Fa-f]{8}$/.test(attribute(tag, 'rgb') ?? '') ? attribute(tag, 'rgb') : undefined;
            break;
          case 'col': {
            const width = attribute(tag, 'width');
            const hidden = attribute(tag, 'hidden');
            out.columns.push({
              min: Number(attribute(tag, 'min')), max: Number(attribute(tag, 'max')),
              width: width !== undefined ? Number(width) : undefined, hidden: hidden === '1' || hidden === 'true',
            });
            break;
          }
          case 'mergeCell': {
            const ref = attribute(tag, 'ref');
            if (ref) out.merges.push(ref);
            break;
          }
          case 'pageSetup':
            if (depth === 2) out.pageSetup = tag;
            break;
          case 'pageSetUpPr':
            if (['1', 'true'].includes(attribute(tag, 'fitToPage') ?? '')) out.fitToPage = true;
            break;
          case 'pageMargins':
            if (depth === 2) out.margins = tag;
            break;
          case 'autoFilter': {
            const ref = attribute(tag, 'ref');
            if (depth === 2 && ref && /^[A-Z]+\d+(?::[A-Z]+\d+)?$/.test(ref)) out.autoFilter = ref;
            break;
          }
          case 'drawing':
            if (depth === 2) out.drawing = attributeNs(tag, [REL_NS, STRICT_REL_NS], 'id');
            break;
          case 'dataValidation':
            validation = { type: attribute(tag, 'type'), formula: '' };
            break;
          case 'formula1':
            if (validation) text = { into: 'formula1', value: '' };
            break;
          case 'cfRule':
            rule = '';
            break;
          case 'formula':
            if (rule !== undefined) text = { into: 'rule', value: '' };
            break;
          default:
            if (HEADERS_FOOTERS.has(tag.local)) text = { into: 'header', value: '' };
        }
        for (const f of FEATURES) if (f.elements.includes(tag.local)) out.features.add(f.en);
      },
      close(tag) {
        path.pop();
        if (text && (tag.local === 'formula1' || tag.local === 'formula' || HEADERS_FOOTERS.has(tag.local))) {
          if (text.into === 'formula1' && validation) validation.formula += text.value;
          else if (text.into === 'rule' && rule !== undefined) rule += text.value;
          else if (text.into === 'header' && text.value !== '') out.headerFooterText = true;
          text = undefined;
        } else if (tag.local === 'dataValidation' && validation) {
          out.validations.push(validation);
          validation = undefined;
        } else if (tag.local === 'cfRule' && rule !== undefined) {
          out.rules.push(rule);
          rule = undefined;
        }
      },
      text(t) {
        if (text) text.value += t;
      },
    });
  } catch (error) {
    if (error instanceof XmlError) throw new ZipFormatError(`${part} is not well-formed XML: ${error.message}`);
    throw error;
  }
  return out;
}

/**
 * Scan every sheet of an inspected workbook.
 * @param bytes the workbook file
 * @throws ZipFormatError when a sheet part cannot be inflated or is not well-formed XML
 */
export async function scanSheets(bytes: Buffer, inspection: WorkbookInspection): Promise<SheetScan[]> {
  const scans: SheetScan[] = [];
  const printNames = printRanges(inspection);
  const empty = emptyDrawings(bytes, inspection);
  for (const [index, info] of inspection.sheets.entries()) {
    const entry = info.part ? inspection.entries.find((e) => e.name === info.part) : undefined;
    const scan: SheetScan = {
      info, rightToLeft: false, ySplit: 0, xSplit: 0, columns: [], merges: [], hiddenRows: [], losses: [],
      pageSetup: { ...printNames.get(index) },
    };
    scans.push(scan);
    // the tool's own sheets are rewritten from scratch: nothing in them needs looking at
    if (!entry || TOOL_SHEETS.has(info.name)) continue;
    const { outside, found, hiddenRows } = await scanPart(bytes, entry);
    const sheet = readOutside(entry.name, outside);
    scan.hiddenRows = [...hiddenRows].sort((a, b) => a - b);

    const view = sheet.view;
    const yes = (tag: XmlTag | undefined, name: string) => ['1', 'true'].includes((tag && attribute(tag, name)) ?? '');
    scan.rightToLeft = yes(view, 'rightToLeft');
    if (view && ['0', 'false'].includes(attribute(view, 'showGridLines') ?? '')) scan.hideGridLines = true;
    const zoom = Number((view && attribute(view, 'zoomScale')) ?? 100);
    if (zoom !== 100 && zoom >= 10 && zoom <= 400) scan.zoomScale = zoom;
    scan.tabColor = sheet.tabColor;
    if (sheet.pane && (attribute(sheet.pane, 'state') ?? '').startsWith('frozen')) {
      scan.ySplit = Math.trunc(Number(attribute(sheet.pane, 'ySplit') ?? 0)) || 0;
      scan.xSplit = Math.trunc(Number(attribute(sheet.pane, 'xSplit') ?? 0)) || 0;
    }
    scan.columns = sheet.columns;
    scan.merges = sheet.merges;
    scan.pageSetup = { ...pageSetupOf(sheet), ...scan.pageSetup };
    scan.autoFilter = sheet.autoFilter;

    const isRegister = info.name === SHEETS.register;
    if (scan.merges.length) scan.losses.push({ fa: 'خانه‌های ادغام‌شده', en: 'merged cells' });
    for (const f of ROW_FEATURES) if (found.has(f.en)) scan.losses.push({ fa: f.fa, en: f.en });
    if (found.has(UNNUMBERED.en)) scan.losses.push(UNNUMBERED);
    for (const f of FEATURES) if (sheet.features.has(f.en)) scan.losses.push({ fa: f.fa, en: f.en });
    if (sheet.drawing !== undefined && !empty.has(relTarget(bytes, inspection, entry.name, sheet.drawing) ?? '')) {
      scan.losses.push({ fa: 'تصویر یا شکل', en: 'drawings or images' });
    }
    if (!isRegister && sheet.headerFooterText) scan.losses.push({ fa: 'سرصفحه یا پاصفحه چاپ', en: 'print headers or footers' });
    const foreignValidation = sheet.validations.some(({ type, formula }) => {
      const ours = isRegister && ((type === 'list' && formula === OUR_STATUS_LIST) || (type === 'whole' && formula === '0'));
      return !ours;
    });
    if (foreignValidation) scan.losses.push({ fa: 'اعتبارسنجی داده (فهرست کشویی)', en: 'data validations' });
    if (sheet.rules.some((rule) => !rule.includes(RULE_MARKER))) scan.losses.push({ fa: 'قالب‌بندی شرطی', en: 'conditional formatting' });
  }
  return scans;
}

/** Workbook-level parts a streaming copy cannot carry (images, comments, tables, named ranges …). */
export function workbookLosses(bytes: Buffer, inspection: WorkbookInspection): Array<{ fa: string; en: string }> {
  const losses: Array<{ fa: string; en: string }> = [];
  const has = (prefix: string) => inspection.entries.some((e) => e.name.startsWith(prefix));
  const empty = emptyDrawings(bytes, inspection);
  const drawings = inspection.entries.some((e) => e.name.startsWith('xl/drawings/') && !e.name.startsWith('xl/drawings/_rels/') && !empty.has(e.name));
  if (has('xl/media/') || drawings) losses.push({ fa: 'تصویر یا شکل', en: 'images or drawings' });
  if (has('xl/comments') || has('xl/threadedComments/')) losses.push({ fa: 'یادداشت (Comment)', en: 'comments' });
  if (has('xl/tables/')) losses.push({ fa: 'جدول (Table)', en: 'tables' });
  if (has('xl/externalLinks/')) losses.push({ fa: 'پیوند به فایل‌های دیگر', en: 'external links' });
  if ((inspection.definedNames ?? []).some((d) => !/^_xlnm\.(Print_Titles|Print_Area|_FilterDatabase)$/.test(d.name))) {
    losses.push({ fa: 'نام‌های تعریف‌شده (Named Range)', en: 'named ranges' });
  }
  return losses;
}

/**
 * Drawing parts with nothing in them (no anchored shape, picture or chart). LibreOffice writes
 * one for every sheet with an autofilter; a streamed copy loses nothing by leaving it out. A part
 * that is not well-formed XML is not counted empty.
 */
function emptyDrawings(bytes: Buffer, inspection: WorkbookInspection): Set<string> {
  const empty = new Set<string>();
  for (const entry of inspection.entries) {
    if (!/^xl\/drawings\/[^/]+\.xml$/.test(entry.name) || entry.size > 4096) continue;
    let anchored = false;
    try {
      parseXml(readZipEntry(bytes, entry).toString('utf8'), {
        open(tag) {
          if (tag.local === 'twoCellAnchor' || tag.local === 'oneCellAnchor' || tag.local === 'absoluteAnchor') anchored = true;
        },
      });
    } catch (error) {
      if (!(error instanceof XmlError)) throw error;
      anchored = true;
    }
    if (!anchored) empty.add(entry.name);
  }
  return empty;
}

/** The zip path a sheet part's relationship `rid` points to (`xl/drawings/drawing1.xml`). */
function relTarget(bytes: Buffer, inspection: WorkbookInspection, part: string, rid: string): string | undefined {
  const slash = part.lastIndexOf('/');
  const rels = inspection.entries.find((e) => e.name === `${part.slice(0, slash)}/_rels/${part.slice(slash + 1)}.rels`);
  if (!rels) return undefined;
  let relation: ReturnType<typeof readRelationships>[number] | undefined;
  try {
    relation = readRelationships(readZipEntry(bytes, rels).toString('utf8')).find((r) => r.id === rid);
  } catch (error) {
    if (!(error instanceof XmlError)) throw error;
    return undefined;
  }
  return relation?.target && !relation.external ? resolveTarget(part, relation.target) : undefined;
}

/**
 * The print titles and print areas of the workbook's sheets (defined names `_xlnm.Print_Titles`,
 * `_xlnm.Print_Area`), by sheet position, in exceljs's PageSetup shape (`printTitlesRow: '1:2'`,
 * `printTitlesColumn: 'A:B'`, `printArea: 'A1:D20'`, several areas joined by `&&`).
 */
function printRanges(inspection: WorkbookInspection): Map<number, Record<string, string>> {
  const result = new Map<number, Record<string, string>>();
  for (const { name, sheet, formula } of inspection.definedNames ?? []) {
    if (sheet === undefined || (name !== '_xlnm.Print_Titles' && name !== '_xlnm.Print_Area')) continue;
    const setup = result.get(sheet) ?? {};
    result.set(sheet, setup);
    // each range after its sheet name: `'برگه'!$A$1:$D$20` → `A1:D20`
    const ranges = formula.split(',').map((r) => r.slice(r.lastIndexOf('!') + 1).replace(/\$/g, ''));
    for (const range of ranges) {
      if (name === '_xlnm.Print_Area') {
        if (/^[A-Z]+\d+(:[A-Z]+\d+)?$/.test(range)) setup.printArea = setup.printArea ? `${setup.printArea}&&${range}` : range;
      } else if (/^\d+:\d+$/.test(range)) {
        setup.printTitlesRow = range;
      } else if (/^[A-Z]+:[A-Z]+$/.test(range)) {
        setup.printTitlesColumn = range;
      }
    }
  }
  return result;
}

/** Paper, orientation, scale / fit-to-page and margins of a sheet, in exceljs's PageSetup shape. */
function pageSetupOf(sheet: Outside): Record<string, unknown> {
  const setup: Record<string, unknown> = {};
  const page = sheet.pageSetup;
  if (page) {
    const paper = attribute(page, 'paperSize');
    if (paper) setup.paperSize = Number(paper);
    const orientation = attribute(page, 'orientation');
    if (orientation === 'landscape' || orientation === 'portrait') setup.orientation = orientation;
    const scale = attribute(page, 'scale');
    if (scale) setup.scale = Number(scale);
    for (const name of ['fitToWidth', 'fitToHeight']) {
      const value = attribute(page, name);
      if (value !== undefined) setup[name] = Number(value);
    }
  }
  if (sheet.fitToPage) setup.fitToPage = true;
  if (sheet.margins) {
    const m: Record<string, number> = {};
    for (const name of ['left', 'right', 'top', 'bottom', 'header', 'footer']) {
      const value = attribute(sheet.margins, name);
      if (value !== undefined) m[name] = Number(value);
    }
    setup.margins = m;
  }
  return setup;
}
