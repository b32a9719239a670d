/**
 * Typed access to the stand-in Excel host (excelHost.js) for jest tests, and loading an .xlsx
 * file into it the way Excel would show it (dates as serials with their number format).
 */
import ExcelJS from 'exceljs';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const impl = require('./excelHost.js');

export interface HostStats { syncs: number; requests: number[]; responses: number[] }
export interface HostSheet {
  name: string;
  cfs: Array<{ type: string; formula: string | null; fill: string | null; numberFormat: string | null; areas: unknown[] }>;
  charts: Array<{ type: string; title?: string; source: { r1: number; c1: number; r2: number; c2: number } }>;
  hiddenColumns: Record<number, boolean>;
  pageLayout: { orientation?: string; paperSize?: string };
  /** Notes (ExcelApi 1.18), 1-based row and column. */
  notes: Array<{ r: number; c: number; content: string }>;
  get(r: number, c: number, what: 'v' | 'f' | 'fill'): unknown;
  set(r: number, c: number, what: 'v' | 'f' | 'fill', value: unknown): void;
}
export interface Host {
  api: string;
  stats: HostStats;
  today: number | null;
  limits: { requestBytes: number; responseBytes: number; enforceResponse: boolean };
  /** Office.context.document.settings as saved with the workbook: name → JSON text. */
  settings: Record<string, string>;
  workbook: { sheets: HostSheet[]; selection: { sheet: string; address: string } | null; active: HostSheet | null; sheet(name: string): HostSheet | undefined; add(name: string): HostSheet };
  resetStats(): void;
  load(sheet: string, grid: unknown[][], formats?: Array<Array<string | undefined>>): HostSheet;
  edit(sheet: string, address: string, values: unknown[][]): void;
  displayedFill(sheet: string, r: number, c: number): string | null;
  displayedText(sheet: string, r: number, c: number): string;
  exportSheets(): Array<{ name: string; cells: unknown[][] }>;
}

export const ExcelHost: { Host: new (options?: { api?: string; today?: number }) => Host; globalsFor(host: Host): { Excel: unknown; Office: unknown } } = impl;

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

/** Load every sheet of an .xlsx into a new host (values, number formats; formulas as their results). */
export async function hostFromXlsx(path: string, options: { api?: string; today?: number } = {}): Promise<Host> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const host = new ExcelHost.Host(options);
  workbook.eachSheet((ws) => {
    const sheet = host.workbook.add(ws.name);
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        let value: unknown = cell.value;
        if (value && typeof value === 'object' && 'result' in value) value = (value as { result: unknown }).result;
        if (value && typeof value === 'object' && 'richText' in value) value = (value as { richText: Array<{ text: string }> }).richText.map((t) => t.text).join('');
        if (value instanceof Date) value = serialOf(value);
        if (value && typeof value === 'object') value = String((value as { text?: unknown }).text ?? '');
        if (value !== null && value !== undefined && value !== '') sheet.set(r, c, 'v', value);
        if (cell.numFmt) sheet.set(r, c, 'f', cell.numFmt);
      });
    });
  });
  const first = host.workbook.sheets[0];
  host.workbook.active = first ?? null;
  return host;
}
