/**
 * Typed access to the stand-in Excel host (excelHost.js) for jest tests, and loading an .xlsx
 * file into it the way Excel would show it (dates as serials with their number format).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import ExcelJS from 'exceljs';
import { readZip } from '../../adapters/xlsx/fast/zip';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const impl = require('./excelHost.js');

const unescapeXml = (text: string) => text.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/**
 * The sheets of an .xlsx given as base64, with each one's direction (its first sheet view's
 * rightToLeft), read synchronously as Excel reads a file it inserts: what the host's
 * insertWorksheetsFromBase64 gives the sheets it adds.
 */
export function xlsxSheets(base64: string): Array<{ name: string; rightToLeft: boolean }> {
  const parts = new Map(readZip(Buffer.from(base64, 'base64')).map((p) => [p.name, p.data.toString('utf8')]));
  const workbook = parts.get('xl/workbook.xml') ?? '';
  const rels = parts.get('xl/_rels/workbook.xml.rels') ?? '';
  const target = new Map([...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => [/Id="([^"]+)"/.exec(m[0])?.[1], /Target="([^"]+)"/.exec(m[0])?.[1]]));
  return [...workbook.matchAll(/<sheet\b[^>]*>/g)].map((m) => {
    const name = unescapeXml(/\bname="([^"]*)"/.exec(m[0])?.[1] ?? '');
    const path = String(target.get(/r:id="([^"]+)"/.exec(m[0])?.[1]) ?? '').replace(/^\/?(xl\/)?/, 'xl/');
    const view = /<sheetView\b[^>]*>/.exec(parts.get(path) ?? '')?.[0] ?? '';
    return { name, rightToLeft: /\brightToLeft="(1|true)"/.test(view) };
  });
}
impl.readXlsx = xlsxSheets;

export interface HostStats { syncs: number; requests: number[]; responses: number[] }
export interface Area { r1: number; c1: number; r2: number; c2: number }
/** A cell's font, alignment and borders as the add-in set them. */
export interface HostCellFormat {
  bold?: boolean; fontName?: string; fontSize?: number; h?: string; v?: string; wrap?: boolean; ro?: string;
  border?: Partial<Record<'top' | 'bottom' | 'left' | 'right', { style?: string; color?: string; weight?: string }>>;
}
export interface HostValidation { area: Area; rule: unknown; errorAlert: unknown; ignoreBlanks: boolean }
export interface HostSheet {
  name: string;
  cfs: Array<{ type: string; formula: string | null; fill: string | null; numberFormat: string | null; areas: Area[]; stopIfTrue?: boolean }>;
  charts: Array<{ type: string; title?: string; source: Area; series: Array<{ name: unknown; color: string | null }>; position?: [string, string] }>;
  hiddenColumns: Record<number, boolean>;
  /** Notes (ExcelApi 1.18), 1-based row and column. */
  notes: Array<{ r: number; c: number; content: string }>;
  widths: Record<number, number>;
  heights: Record<number, number>;
  merges: Area[];
  validations: HostValidation[];
  autoFilter: { area: Area; criteria: unknown[] } | null;
  frozenRows: number;
  /** The sheet's direction; null for a sheet inserted from a file the host could not read (in a page). */
  rightToLeft: boolean | null;
  pageLayout: { orientation?: string; paperSize?: string; centerHorizontally?: boolean; centerFooter?: string; titles?: string; zoom?: unknown };
  rows: Array<{ v: unknown[]; f: unknown[]; fill: unknown[]; x: Array<HostCellFormat | undefined> } | undefined>;
  get(r: number, c: number, what: 'v' | 'f' | 'fill'): unknown;
  get(r: number, c: number, what: 'x'): HostCellFormat | undefined;
  set(r: number, c: number, what: 'v' | 'f' | 'fill', value: unknown): void;
  validationAt(r: number, c: number): HostValidation | undefined;
  used(): Area | null;
}
export interface Host {
  api: string;
  stats: HostStats;
  today: number | null;
  limits: { requestBytes: number; responseBytes: number; enforceResponse: boolean };
  /** Office.context.document.settings as saved with the workbook: name → JSON text. */
  settings: Record<string, string>;
  /** insertWorksheetsFromBase64 calls (without an importWorkbook option), in order. */
  inserted: Array<{ base64: string; names: string[]; positionType: string; relativeTo?: unknown }>;
  workbook: { sheets: HostSheet[]; selection: { sheet: string; address: string } | null; active: HostSheet | null; sheet(name: string): HostSheet | undefined; add(name: string): HostSheet };
  resetStats(): void;
  load(sheet: string, grid: unknown[][], formats?: Array<Array<string | undefined>>): HostSheet;
  edit(sheet: string, address: string, values: unknown[][]): void;
  displayedFill(sheet: string, r: number, c: number): string | null;
  displayedText(sheet: string, r: number, c: number): string;
  exportSheets(): Array<{ name: string; cells: unknown[][] }>;
}

export interface HostOptions {
  api?: string; today?: number; name?: string;
  /** 'throw': a call on a null object (a missing sheet from getItemOrNullObject) fails its sync. */
  nullChains?: 'throw';
}
export const ExcelHost: { Host: new (options?: HostOptions) => Host; globalsFor(host: Host): { Excel: unknown; Office: unknown }; parseArea(text: string): Area } = impl;

/** Path of the host script, for pages. */
export const HOST_SCRIPT = require.resolve('./excelHost.js');

/** Make `host` the Excel of this process (globals Excel and Office), as office.js would. */
export function installHost(host: Host): void {
  const g = ExcelHost.globalsFor(host);
  Object.assign(globalThis, { Excel: g.Excel, Office: g.Office });
}

/** Excel's serial of a UTC-midnight Date. */
export function serialOf(date: Date): number {
  return date.getTime() / 86_400_000 + 25569;
}

/**
 * Load every sheet of an .xlsx into a new host (values, number formats; formulas as their
 * results). With `styles`, also what a person would find in Excel: cell fills, the sheets'
 * conditional formats, data validations, autofilters, merged cells and frozen rows.
 * The host's workbook name is the file's name.
 */
export async function hostFromXlsx(path: string, options: HostOptions & { styles?: boolean } = {}): Promise<Host> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const directions = new Map(xlsxSheets(readFileSync(path).toString('base64')).map((s) => [s.name, s.rightToLeft]));
  const host = new ExcelHost.Host({ name: basename(path), ...options });
  workbook.eachSheet((ws) => {
    const sheet = host.workbook.add(ws.name);
    // from the file itself: exceljs reads rightToLeft="1" but not LibreOffice's "true"
    sheet.rightToLeft = directions.get(ws.name) ?? false;
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: !!options.styles }, (cell, c) => {
        let value: unknown = cell.value;
        if (value && typeof value === 'object' && 'result' in value) value = (value as { result: unknown }).result;
        if (value && typeof value === 'object' && 'richText' in value) value = (value as { richText: Array<{ text: string }> }).richText.map((t) => t.text).join('');
        if (value instanceof Date) value = serialOf(value);
        if (value && typeof value === 'object') value = String((value as { text?: unknown }).text ?? '');
        if (value !== null && value !== undefined && value !== '') sheet.set(r, c, 'v', value);
        if (cell.numFmt) sheet.set(r, c, 'f', cell.numFmt);
        const fill = cell.fill as { type?: string; fgColor?: { argb?: string } } | undefined;
        if (options.styles && fill?.type === 'pattern' && fill.fgColor?.argb) sheet.set(r, c, 'fill', `#${fill.fgColor.argb.slice(-6).toUpperCase()}`);
      });
    });
    if (options.styles) loadSheetParts(sheet, ws);
  });
  const first = host.workbook.sheets[0];
  host.workbook.active = first ?? null;
  return host;
}

type XlsxRule = { type?: string; formulae?: string[]; style?: { fill?: { bgColor?: { argb?: string } }; numFmt?: string | { formatCode?: string } } };

function loadSheetParts(sheet: HostSheet, ws: ExcelJS.Worksheet): void {
  const parse = (ref: string) => ExcelHost.parseArea(ref);
  // exceljs lists rules by priority within each block; the host keeps one list by priority
  const rules: Array<{ priority: number; cf: HostSheet['cfs'][number] }> = [];
  for (const block of (ws as unknown as { conditionalFormattings?: Array<{ ref: string; rules: Array<XlsxRule & { priority?: number }> }> }).conditionalFormattings ?? []) {
    const areas = block.ref.split(/\s+/).map(parse);
    for (const rule of block.rules) {
      const numFmt = typeof rule.style?.numFmt === 'string' ? rule.style.numFmt : rule.style?.numFmt?.formatCode ?? null;
      const fill = rule.style?.fill?.bgColor?.argb;
      rules.push({
        priority: rule.priority ?? rules.length,
        cf: { type: rule.type === 'expression' ? 'Custom' : String(rule.type), formula: rule.formulae?.[0] ? `=${rule.formulae[0]}` : null, fill: fill ? `#${fill.slice(-6).toUpperCase()}` : null, numberFormat: numFmt, areas, stopIfTrue: true },
      });
    }
  }
  // ids of their own, apart from the host's (which count up from 1)
  sheet.cfs.push(...rules.sort((a, b) => a.priority - b.priority).map((r, i) => ({ ...r.cf, id: `file-${sheet.name}-${i}` })));
  const model = (ws as unknown as { dataValidations?: { model?: Record<string, { type?: string; formulae?: unknown[]; errorTitle?: string; error?: string; allowBlank?: boolean; operator?: string }> } }).dataValidations?.model ?? {};
  for (const [ref, dv] of Object.entries(model)) {
    if (!dv) continue;
    const rule = dv.type === 'list' ? { list: { inCellDropDown: true, source: String(dv.formulae?.[0] ?? '').replace(/^"|"$/g, '') } }
      : dv.type === 'whole' ? { wholeNumber: { formula1: dv.formulae?.[0], formula2: dv.formulae?.[1], operator: dv.operator === 'between' ? 'Between' : dv.operator } }
        : { [String(dv.type)]: dv.formulae };
    for (const part of ref.split(/\s+/)) sheet.validations.push({ area: parse(part), rule, errorAlert: { showAlert: true, style: 'Stop', title: dv.errorTitle, message: dv.error }, ignoreBlanks: dv.allowBlank !== false });
  }
  (ws.columns ?? []).forEach((column, i) => { if (column.hidden) sheet.hiddenColumns[i + 1] = true; });
  const filter = ws.autoFilter as unknown;
  if (typeof filter === 'string') sheet.autoFilter = { area: parse(filter), criteria: [] };
  for (const merge of (ws.model as unknown as { merges?: string[] }).merges ?? []) sheet.merges.push(parse(merge));
  const view = ws.views?.[0] as { state?: string; ySplit?: number } | undefined;
  if (view?.state === 'frozen') sheet.frozenRows = view.ySplit ?? 0;
}
