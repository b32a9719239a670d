/**
 * A quick look at each sheet's XML (without exceljs) for what the streaming copy cannot carry:
 * merged cells, people's own validations and colour rules, hyperlinks, shared formulas,
 * drawings, tables, protection … and for the few things it does carry that exceljs's
 * streaming reader does not report (right-to-left view, frozen rows, hidden columns).
 * Only the parts before and after `<sheetData>` are decoded; the rows are never parsed here.
 */
import { SHEETS } from '../../../core/register/fields';
import { REGISTER_STATUS_OPTIONS } from '../../../core/register/status';
import type { SheetInfo, WorkbookInspection } from '../inspect';
import { RULE_MARKER } from '../conditional';
import { OVERDUE_SHEET } from '../summarySheet';
import { createInflateRaw } from 'node:zlib';
import { readZipEntry, zipEntryData, ZipFormatError, type ZipEntry } from './zip';

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
 * formula element with attributes (`<f t="shared" …>`; plain formulas are `<f>`), and a row
 * outline level other than 0 (LibreOffice writes outlineLevel="0" on every column).
 */
const ROW_FEATURES: Array<{ needle: string; matches: (after: string) => boolean; fa: string; en: string }> = [
  { needle: '<f ', matches: (after) => /^[^>]*\bt="(shared|array|dataTable)"/.test(after), fa: 'فرمول مشترک یا آرایه‌ای', en: 'shared or array formulas' },
  { needle: ' outlineLevel="', matches: (after) => /^[1-7]/.test(after), fa: 'گروه‌بندی ردیف‌ها', en: 'grouped rows' },
];

/** Features outside the rows. */
const FEATURES: Array<{ pattern: RegExp; fa: string; en: string }> = [
  { pattern: /<(?:\w+:)?hyperlink\b/, fa: 'پیوند (Hyperlink)', en: 'hyperlinks' },
  { pattern: /<(?:\w+:)?legacyDrawing\b/, fa: 'یادداشت (Comment)', en: 'comments' },
  { pattern: /<(?:\w+:)?tableParts\b/, fa: 'جدول (Table)', en: 'tables' },
  { pattern: /<(?:\w+:)?sheetProtection\b/, fa: 'قفل برگه', en: 'sheet protection' },
  { pattern: /<(?:\w+:)?(rowBreaks|colBreaks)\b/, fa: 'شکست صفحه', en: 'page breaks' },
];

const OUR_STATUS_LIST = `"${REGISTER_STATUS_OPTIONS.join(',')}"`;

function decode(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** What a pass over one sheet part keeps: the XML before and after the rows, which needles occur, hidden rows. */
interface PartScan {
  head: string;
  tail: string;
  found: Set<string>;
  hiddenRows: Set<number>;
}

const DATA_OPEN = Buffer.from('<sheetData');
const DATA_CLOSE = Buffer.from('</sheetData>');
const DATA_EMPTY = Buffer.from('<sheetData/>');
const HIDDEN = Buffer.from(' hidden="');
const ROW_TAG = /^<(?:\w+:)?row\b[^>]*\br="(\d+)"/;
/** Bytes kept from one chunk for the next: longer than any `<row …>` tag. */
const CARRY = 1024;
/** A head larger than this has no `<sheetData>` worth waiting for. */
const MAX_HEAD = 4 * 1024 * 1024;

/**
 * Inflate a sheet part chunk by chunk, never holding the rows: a 100,000-row sheet is about
 * 100 MB of XML, which would otherwise stay in the process's memory long after the scan.
 */
async function scanPart(bytes: Buffer, entry: ZipEntry): Promise<PartScan> {
  const found = new Set<string>();
  const hiddenRows = new Set<number>();
  const needles = ROW_FEATURES.map((f) => [f, Buffer.from(f.needle)] as const);
  let headParts: Buffer[] = [];
  let headLength = 0;
  let headDone = false;
  let tailParts: Buffer[] | undefined;
  let carry = Buffer.alloc(0);
  const take = (chunk: Buffer) => {
    const window = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    for (const [feature, raw] of needles) {
      if (found.has(feature.en)) continue;
      for (let at = window.indexOf(raw); at >= 0; at = window.indexOf(raw, at + 1)) {
        if (feature.matches(window.subarray(at + raw.length, at + raw.length + 80).toString('latin1'))) {
          found.add(feature.en);
          break;
        }
      }
    }
    // hidden rows (the streaming reader does not report them): look back from each ` hidden="`
    // to the tag it is in, so plain rows cost nothing
    for (let at = window.indexOf(HIDDEN); at >= 0; at = window.indexOf(HIDDEN, at + 1)) {
      const value = window.subarray(at + HIDDEN.length, at + HIDDEN.length + 5).toString('latin1');
      if (!/^(1|true)"/.test(value)) continue;
      const open = window.lastIndexOf(0x3c, at); // '<'
      const row = open >= 0 ? ROW_TAG.exec(window.subarray(open, at).toString('latin1')) : null;
      if (row) hiddenRows.add(Number(row[1]));
    }
    if (!headDone) {
      headParts.push(chunk);
      headLength += chunk.length;
      const head = Buffer.concat(headParts);
      const at = head.indexOf(DATA_OPEN);
      headParts = [at >= 0 ? head.subarray(0, at) : head];
      headDone = at >= 0 || headLength > MAX_HEAD;
    }
    if (tailParts) {
      tailParts.push(chunk);
    } else {
      // an empty sheet has `<sheetData/>`: what follows it is the tail all the same
      const close = window.lastIndexOf(DATA_CLOSE);
      const at = close >= 0 ? close : window.lastIndexOf(DATA_EMPTY);
      if (at >= 0) tailParts = [window.subarray(at)];
    }
    // enough of the end to find a needle, or a row tag, across the chunk boundary
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
  return { head: Buffer.concat(headParts).toString('utf8'), tail: tailParts ? Buffer.concat(tailParts).toString('utf8') : '', found, hiddenRows };
}

/**
 * Scan every sheet of an inspected workbook.
 * @param bytes the workbook file
 * @throws ZipFormatError when a sheet part cannot be inflated
 */
export async function scanSheets(bytes: Buffer, inspection: WorkbookInspection): Promise<SheetScan[]> {
  const scans: SheetScan[] = [];
  const printNames = printRanges(bytes, inspection);
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
    const { head, tail, found, hiddenRows } = await scanPart(bytes, entry);
    scan.hiddenRows = [...hiddenRows].sort((a, b) => a - b);

    const view = /<(?:\w+:)?sheetView\b([^>]*)>/.exec(head)?.[1] ?? '';
    scan.rightToLeft = /\brightToLeft="(1|true)"/.test(view);
    if (/\bshowGridLines="(0|false)"/.test(view)) scan.hideGridLines = true;
    const zoom = Number(/\bzoomScale="(\d+)"/.exec(view)?.[1] ?? 100);
    if (zoom !== 100 && zoom >= 10 && zoom <= 400) scan.zoomScale = zoom;
    scan.tabColor = /<(?:\w+:)?tabColor\b[^>]*\brgb="([0-9A-Fa-f]{8})"/.exec(head)?.[1];
    const pane = /<(?:\w+:)?pane\b([^>]*)\/?>/.exec(head)?.[1] ?? '';
    if (/\bstate="frozen/.test(pane)) {
      scan.ySplit = Number(/\bySplit="(\d+)/.exec(pane)?.[1] ?? 0);
      scan.xSplit = Number(/\bxSplit="(\d+)/.exec(pane)?.[1] ?? 0);
    }
    for (const m of head.matchAll(/<(?:\w+:)?col\b([^>]*)\/?>/g)) {
      const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(m[1])?.[1];
      scan.columns.push({
        min: Number(attr('min')), max: Number(attr('max')),
        width: attr('width') !== undefined ? Number(attr('width')) : undefined,
        hidden: attr('hidden') === '1' || attr('hidden') === 'true',
      });
    }
    scan.merges = [...tail.matchAll(/<(?:\w+:)?mergeCell\b[^>]*\bref="([^"]+)"/g)].map((m) => m[1]);
    scan.pageSetup = { ...pageSetupOf(head, tail), ...scan.pageSetup };
    scan.autoFilter = /<(?:\w+:)?autoFilter\b[^>]*\bref="([A-Z]+\d+(?::[A-Z]+\d+)?)"/.exec(tail)?.[1];

    const isRegister = info.name === SHEETS.register;
    if (scan.merges.length) scan.losses.push({ fa: 'خانه‌های ادغام‌شده', en: 'merged cells' });
    for (const f of ROW_FEATURES) if (found.has(f.en)) scan.losses.push({ fa: f.fa, en: f.en });
    for (const f of FEATURES) if (f.pattern.test(tail) || f.pattern.test(head)) scan.losses.push({ fa: f.fa, en: f.en });
    const drawing = /<(?:\w+:)?drawing\b[^>]*\br:id="([^"]*)"/.exec(tail) ?? /<(?:\w+:)?drawing\b[^>]*\br:id="([^"]*)"/.exec(head);
    if (drawing && !empty.has(relTarget(bytes, inspection, entry.name, drawing[1]) ?? '')) {
      scan.losses.push({ fa: 'تصویر یا شکل', en: 'drawings or images' });
    }
    if (!isRegister && /<(?:\w+:)?(oddHeader|oddFooter|evenHeader|evenFooter|firstHeader|firstFooter)>[^<]/.test(tail)) {
      scan.losses.push({ fa: 'سرصفحه یا پاصفحه چاپ', en: 'print headers or footers' });
    }
    const validations = [...tail.matchAll(/<(?:\w+:)?dataValidation\b([^>]*)>([\s\S]*?)<\/(?:\w+:)?dataValidation>/g)];
    const foreignValidation = validations.some((m) => {
      const formula = decode(/<(?:\w+:)?formula1>([\s\S]*?)<\//.exec(m[2])?.[1] ?? '');
      const type = /\btype="(\w+)"/.exec(m[1])?.[1];
      const ours = isRegister && ((type === 'list' && formula === OUR_STATUS_LIST) || (type === 'whole' && formula === '0'));
      return !ours;
    });
    if (foreignValidation) scan.losses.push({ fa: 'اعتبارسنجی داده (فهرست کشویی)', en: 'data validations' });
    const rules = [...tail.matchAll(/<(?:\w+:)?cfRule\b[\s\S]*?<\/(?:\w+:)?cfRule>|<(?:\w+:)?cfRule\b[^>]*\/>/g)].map((m) => decode(m[0]));
    if (rules.some((rule) => !rule.includes(RULE_MARKER))) scan.losses.push({ fa: 'قالب‌بندی شرطی', en: 'conditional formatting' });
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
  const workbook = inspection.entries.find((e) => e.name === 'xl/workbook.xml');
  const xml = workbook ? readZipEntry(bytes, workbook).toString('utf8') : '';
  const names = [...xml.matchAll(/<(?:\w+:)?definedName\b[^>]*\bname="([^"]+)"/g)].map((m) => m[1]);
  if (names.some((n) => !/^_xlnm\.(Print_Titles|Print_Area|_FilterDatabase)$/.test(n))) {
    losses.push({ fa: 'نام‌های تعریف‌شده (Named Range)', en: 'named ranges' });
  }
  return losses;
}

/**
 * Drawing parts with nothing in them (no anchored shape, picture or chart). LibreOffice writes
 * one for every sheet with an autofilter; a streamed copy loses nothing by leaving it out.
 */
function emptyDrawings(bytes: Buffer, inspection: WorkbookInspection): Set<string> {
  const empty = new Set<string>();
  for (const entry of inspection.entries) {
    if (!/^xl\/drawings\/[^/]+\.xml$/.test(entry.name) || entry.size > 4096) continue;
    const xml = readZipEntry(bytes, entry).toString('utf8');
    if (!/<(?:\w+:)?(twoCellAnchor|oneCellAnchor|absoluteAnchor)\b/.test(xml)) empty.add(entry.name);
  }
  return empty;
}

/** The zip path a sheet part's relationship `rid` points to (`xl/drawings/drawing1.xml`). */
function relTarget(bytes: Buffer, inspection: WorkbookInspection, part: string, rid: string): string | undefined {
  const slash = part.lastIndexOf('/');
  const rels = inspection.entries.find((e) => e.name === `${part.slice(0, slash)}/_rels/${part.slice(slash + 1)}.rels`);
  if (!rels) return undefined;
  const xml = readZipEntry(bytes, rels).toString('utf8');
  const relation = [...xml.matchAll(/<(?:\w+:)?Relationship\b([^>]*)\/?>/g)].map((m) => m[1]).find((a) => new RegExp(`\\bId="${rid}"`).test(a));
  const target = relation ? /\bTarget="([^"]*)"/.exec(relation)?.[1] : undefined;
  if (!target) return undefined;
  if (target.startsWith('/')) return target.slice(1);
  const path = part.slice(0, slash).split('/');
  for (const step of target.split('/')) {
    if (step === '..') path.pop();
    else if (step !== '.') path.push(step);
  }
  return path.join('/');
}

/**
 * The print titles and print areas of the workbook's sheets (defined names `_xlnm.Print_Titles`,
 * `_xlnm.Print_Area`), by sheet position, in exceljs's PageSetup shape (`printTitlesRow: '1:2'`,
 * `printTitlesColumn: 'A:B'`, `printArea: 'A1:D20'`, several areas joined by `&&`).
 */
function printRanges(bytes: Buffer, inspection: WorkbookInspection): Map<number, Record<string, string>> {
  const result = new Map<number, Record<string, string>>();
  const entry = inspection.entries.find((e) => e.name === 'xl/workbook.xml');
  const xml = entry ? readZipEntry(bytes, entry).toString('utf8') : '';
  for (const m of xml.matchAll(/<(?:\w+:)?definedName\b([^>]*)>([^<]*)<\//g)) {
    const name = /\bname="([^"]*)"/.exec(m[1])?.[1];
    const local = /\blocalSheetId="(\d+)"/.exec(m[1])?.[1];
    if (local === undefined || (name !== '_xlnm.Print_Titles' && name !== '_xlnm.Print_Area')) continue;
    const setup = result.get(Number(local)) ?? {};
    result.set(Number(local), setup);
    // each range after its sheet name: `'برگه'!$A$1:$D$20` → `A1:D20`
    const ranges = decode(m[2]).split(',').map((r) => r.slice(r.lastIndexOf('!') + 1).replace(/\$/g, ''));
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

/** Paper, orientation, scale / fit-to-page and margins from a sheet's XML, in exceljs's PageSetup shape. */
function pageSetupOf(head: string, tail: string): Record<string, unknown> {
  const setup: Record<string, unknown> = {};
  const attr = (xml: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(xml)?.[1];
  const page = /<(?:\w+:)?pageSetup\b([^>]*)\/?>/.exec(tail)?.[1];
  if (page) {
    const paper = attr(page, 'paperSize');
    if (paper) setup.paperSize = Number(paper);
    const orientation = attr(page, 'orientation');
    if (orientation === 'landscape' || orientation === 'portrait') setup.orientation = orientation;
    const scale = attr(page, 'scale');
    if (scale) setup.scale = Number(scale);
    for (const name of ['fitToWidth', 'fitToHeight']) {
      const value = attr(page, name);
      if (value !== undefined) setup[name] = Number(value);
    }
  }
  if (/\bfitToPage="(1|true)"/.test(head)) setup.fitToPage = true;
  const margins = /<(?:\w+:)?pageMargins\b([^>]*)\/?>/.exec(tail)?.[1];
  if (margins) {
    const m: Record<string, number> = {};
    for (const name of ['left', 'right', 'top', 'bottom', 'header', 'footer']) {
      const value = attr(margins, name);
      if (value !== undefined) m[name] = Number(value);
    }
    setup.margins = m;
  }
  return setup;
}
