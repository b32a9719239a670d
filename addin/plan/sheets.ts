/**
 * The sheets the tool owns beside the register (`خلاصه`, `مهلت گذشته`, `راهنما`) as the
 * add-in writes them: drawn by the very functions the CLI's writers use (fillSummary,
 * fillOverdue, fillLegendSheet) onto a recording sheet, then turned into plain data the
 * Office.js adapter applies in one batch. So `mosavabat color` and the add-in's colour write the
 * same rows, columns, words, fills, widths, merges and filters, by construction.
 */
import type { Cell, Style } from 'exceljs';
import { SHEETS } from '../../core/register/fields';
import type { RegisterSummary } from '../../core/register/summary';
import type { JalaliDate } from '../../core/jalali';
import { DEADLINE_STATES } from '../../core/register/state';
import { PALETTE } from '../../core/register/palette';
import { REGISTER_FIELDS } from '../../core/register/fields';
import { REGISTER_STATUS_OPTIONS } from '../../core/register/status';
import { fillLegendSheet, legendPageSetup, type CellSheet } from '../../adapters/xlsx/sideSheets';
import { SETTINGS_WIDTHS, settingsCellStyle } from '../../adapters/xlsx/settingsSheet';
import { settingsSheetRows } from '../../core/register/settings';
import { fillOverdue, fillSummary, OVERDUE_SHEET, summaryPageSetup, summaryViews } from '../../adapters/xlsx/summarySheet';
import { PRINT_FOOTER } from '../../adapters/xlsx/layout';
import { columnLetter } from './cells';
import { chunkAddresses, ROOM_ROWS, runs, type RegisterLayout } from './register';
import { PERCENT_ERROR, STATUS_ERROR } from './newRegister';

export { OVERDUE_SHEET };

/** The side sheets colour writes, in the CLI's tab order. */
export const SIDE_SHEETS: readonly string[] = [SHEETS.summary, OVERDUE_SHEET, SHEETS.legend];

/** A cell's look in Office.js terms (every property optional: absent leaves Excel's default). */
export interface CellFormat {
  fontName?: string;
  fontSize?: number;
  bold?: boolean;
  /** `#RRGGBB`. */
  fill?: string;
  /** Thin borders on every edge, `#RRGGBB`. */
  border?: string;
  horizontal?: 'Right' | 'Center' | 'Left';
  vertical?: 'Top' | 'Center' | 'Bottom';
  wrap?: boolean;
  rightToLeft?: boolean;
}

/** One format and the areas (comma-joined A1 areas, each string under the address limit) it goes on. */
export interface FormatWrite {
  format: CellFormat;
  addresses: string[];
}

/** A whole side sheet, ready to write from A1. */
export interface SheetPicture {
  name: string;
  /** Rows 1..n, columns 1..width; null: an empty cell. */
  values: Array<Array<string | number | null>>;
  /** Number formats and the areas (as for formats) they go on; other cells keep General. */
  numberFormats: Array<{ format: string; addresses: string[] }>;
  formats: FormatWrite[];
  /** [column, width in Excel character units]. */
  widths: Array<[number, number]>;
  /** Row heights in points and the rows (`3:5,9:9`, strings under the address limit) that have each. */
  heights: Array<{ height: number; addresses: string[] }>;
  /** A1 areas to merge. */
  merges: string[];
  /** Rows frozen at the top (0: none). */
  frozenRows: number;
  /** The autofilter's A1 range, when the sheet has one. */
  autoFilter?: string;
  page: { printTitleRows?: string; footer: string };
  /** A new sheet goes right after this one when it is there (else at the end). */
  after?: string;
  /** خلاصه only: the agency table (names and counts by state, with its header row) the chart is drawn from. */
  chart?: { source: string; firstStateSeries: number; seriesCount: number; anchorRow: number; colors: string[] };
}

type Recorded = { value: string | number | null; style: Partial<Style> };
/** Excel's column count: row * COLUMN_KEY + column is unique per cell. */
const COLUMN_KEY = 16_384;

type RecordedCell = Recorded & { row: number; col: number };

/**
 * One recorded cell as the fill functions see it (an exceljs-like Cell). A class, so its
 * accessors live on the prototype: thousands of overdue rows make hundreds of thousands.
 */
class RecordingCell {
  constructor(private readonly record: RecordedCell) {}
  get value(): unknown { return this.record.value; }
  set value(v: unknown) { this.record.value = v === undefined || v === '' ? null : (v as string | number | null); }
  get style(): Style { return this.record.style as Style; }
  set style(s: Style) { this.record.style = { ...s }; }
  get font(): Style['font'] | undefined { return this.record.style.font; }
  set font(f: Style['font'] | undefined) { this.record.style = { ...this.record.style, font: f }; }
}

/** A CellSheet that remembers what the fill functions write. */
class RecordingSheet implements CellSheet {
  /** By row * COLUMN_KEY + column. */
  readonly cells = new Map<number, RecordedCell>();
  readonly rowHeights = new Map<number, number>();
  readonly columnWidths = new Map<number, number>();
  readonly merged: string[] = [];

  getCell(row: number, col: number): Cell {
    const key = row * COLUMN_KEY + col;
    let cell = this.cells.get(key);
    if (!cell) this.cells.set(key, (cell = { row, col, value: null, style: {} }));
    return new RecordingCell(cell) as unknown as Cell;
  }

  getRow(row: number): { height: number } {
    const heights = this.rowHeights;
    return {
      get height() { return heights.get(row) ?? 0; },
      set height(h: number) { heights.set(row, h); },
    };
  }

  getColumn(col: number): { width?: number } {
    const widths = this.columnWidths;
    return {
      get width() { return widths.get(col); },
      set width(w: number | undefined) { if (w !== undefined) widths.set(col, w); },
    };
  }

  mergeCells(top: number, left: number, bottom: number, right: number): void {
    this.merged.push(`${columnLetter(left)}${top}:${columnLetter(right)}${bottom}`);
  }
}

const argbToHex = (argb: string | undefined) => (argb ? `#${argb.slice(-6).toUpperCase()}` : undefined);

/** An exceljs style as the Office.js format properties the add-in sets. */
export function cellFormat(style: Partial<Style>): CellFormat {
  const format: CellFormat = {};
  if (style.font?.name) format.fontName = style.font.name;
  if (style.font?.size) format.fontSize = style.font.size;
  if (style.font?.bold) format.bold = true;
  const fill = style.fill as { type?: string; fgColor?: { argb?: string } } | undefined;
  if (fill?.type === 'pattern' && fill.fgColor?.argb) format.fill = argbToHex(fill.fgColor.argb);
  const top = style.border?.top as { style?: string; color?: { argb?: string } } | undefined;
  if (top?.style === 'thin') format.border = argbToHex(top.color?.argb) ?? '#000000';
  const a = style.alignment;
  if (a?.horizontal === 'right') format.horizontal = 'Right';
  else if (a?.horizontal === 'center') format.horizontal = 'Center';
  else if (a?.horizontal === 'left') format.horizontal = 'Left';
  if (a?.vertical === 'top') format.vertical = 'Top';
  else if (a?.vertical === 'middle') format.vertical = 'Center';
  else if (a?.vertical === 'bottom') format.vertical = 'Bottom';
  if (a?.wrapText) format.wrap = true;
  if (a?.readingOrder === 'rtl') format.rightToLeft = true;
  return format;
}

/** Cells (1-based) grouped into A1 areas: runs of rows per column, neighbouring columns with the same runs joined. */
function cellAreas(cells: ReadonlyArray<readonly [number, number]>): string[] {
  const byColumn = new Map<number, number[]>();
  for (const [r, c] of cells) {
    const rows = byColumn.get(c) ?? [];
    rows.push(r);
    byColumn.set(c, rows);
  }
  // column → its row runs as a key, then neighbouring columns sharing a key become one area
  const columns = [...byColumn.keys()].sort((a, b) => a - b);
  const areas: string[] = [];
  let i = 0;
  while (i < columns.length) {
    const rowRuns = runs(byColumn.get(columns[i])!);
    const key = JSON.stringify(rowRuns);
    let j = i;
    while (j + 1 < columns.length && columns[j + 1] === columns[j] + 1 && JSON.stringify(runs(byColumn.get(columns[j + 1])!)) === key) j++;
    for (const [r1, r2] of rowRuns) {
      const first = `${columnLetter(columns[i])}${r1}`;
      const last = `${columnLetter(columns[j])}${r2}`;
      areas.push(first === last ? first : `${first}:${last}`);
    }
    i = j + 1;
  }
  return areas;
}

/** What a recording holds, as a SheetPicture. */
function picture(name: string, sheet: RecordingSheet, frozenRows: number, page: SheetPicture['page'], autoFilter?: string): SheetPicture {
  let rows = 0;
  let width = 0;
  for (const cell of sheet.cells.values()) {
    rows = Math.max(rows, cell.row);
    width = Math.max(width, cell.col);
  }
  const values = Array.from({ length: rows }, () => new Array<string | number | null>(width).fill(null));
  const numberFormats = new Map<string, Array<[number, number]>>();
  const groups = new Map<string, { format: CellFormat; cells: Array<[number, number]> }>();
  // cells share their font, fill, border and alignment objects: each combination is turned into a format once
  const ids = new Map<unknown, number>();
  const id = (part: unknown) => {
    let n = ids.get(part);
    if (n === undefined) ids.set(part, (n = ids.size));
    return n;
  };
  const formats = new Map<string, { format: CellFormat; key: string }>();
  for (const cell of sheet.cells.values()) {
    values[cell.row - 1][cell.col - 1] = cell.value;
    const style = cell.style;
    if (style.numFmt) {
      const list = numberFormats.get(style.numFmt) ?? [];
      list.push([cell.row, cell.col]);
      numberFormats.set(style.numFmt, list);
    }
    const parts = `${id(style.font)},${id(style.fill)},${id(style.border)},${id(style.alignment)}`;
    let known = formats.get(parts);
    if (!known) {
      const made = cellFormat(style);
      formats.set(parts, (known = { format: made, key: JSON.stringify(made) }));
    }
    const { format, key } = known;
    if (!Object.keys(format).length) continue;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { format, cells: [] }));
    group.cells.push([cell.row, cell.col]);
  }
  return {
    name,
    values,
    numberFormats: [...numberFormats].map(([format, cells]) => ({ format, addresses: chunkAddresses(cellAreas(cells)) })),
    formats: [...groups.values()].map((g) => ({ format: g.format, addresses: chunkAddresses(cellAreas(g.cells)) })),
    widths: [...sheet.columnWidths].sort((a, b) => a[0] - b[0]),
    heights: rowHeights(sheet.rowHeights),
    merges: sheet.merged,
    frozenRows,
    autoFilter,
    page,
  };
}

/** Rows grouped by height, as whole-row areas. */
function rowHeights(heights: ReadonlyMap<number, number>): SheetPicture['heights'] {
  const byHeight = new Map<number, number[]>();
  for (const [row, height] of heights) {
    const rows = byHeight.get(height) ?? [];
    rows.push(row);
    byHeight.set(height, rows);
  }
  return [...byHeight].sort((a, b) => a[0] - b[0])
    .map(([height, rows]) => ({ height, addresses: chunkAddresses(runs(rows).map(([r1, r2]) => `${r1}:${r2}`)) }));
}

/** Frozen rows of a CLI view (`rtlView(n)`). */
function frozenOf(name: string): number {
  const view = summaryViews(name)[0] as { state?: string; ySplit?: number };
  return view.state === 'frozen' ? view.ySplit ?? 0 : 0;
}

/** `$2:$2` from the CLI's `2:2`. */
function titleRows(printTitlesRow: string | undefined): string | undefined {
  return printTitlesRow ? printTitlesRow.split(':').map((r) => `$${r}`).join(':') : undefined;
}

/** The page footer Office.js takes (the CLI's `&C…`: its centre section). */
const CENTER_FOOTER = PRINT_FOOTER.replace(/^&C/, '');

/**
 * The three side sheets the CLI's `color` writes, for a summary made on `today`.
 * @param source the workbook's file name, shown under the summary's title (as the CLI shows the register's); omitted when unknown
 */
export function sideSheetPictures(summary: RegisterSummary, today: JalaliDate, source?: string): SheetPicture[] {
  const summarySheet = new RecordingSheet();
  fillSummary(summarySheet, summary, source);
  const summaryPicture = picture(SHEETS.summary, summarySheet, frozenOf(SHEETS.summary), {
    printTitleRows: titleRows(summaryPageSetup(SHEETS.summary).pageSetup.printTitlesRow), footer: CENTER_FOOTER,
  });
  summaryPicture.chart = agencyChart(summaryPicture, summary);

  const overdueSheet = new RecordingSheet();
  const filter = fillOverdue(overdueSheet, summary) as { from: { row: number; column: number }; to: { row: number; column: number } } | undefined;
  const filterRange = filter ? `${columnLetter(filter.from.column)}${filter.from.row}:${columnLetter(filter.to.column)}${filter.to.row}` : undefined;
  const overduePicture = picture(OVERDUE_SHEET, overdueSheet, frozenOf(OVERDUE_SHEET), {
    printTitleRows: titleRows(summaryPageSetup(OVERDUE_SHEET).pageSetup.printTitlesRow), footer: CENTER_FOOTER,
  }, filterRange);
  overduePicture.after = SHEETS.summary;

  const legendSheet = new RecordingSheet();
  fillLegendSheet(legendSheet, today);
  const legendPicture = picture(SHEETS.legend, legendSheet, 0, { printTitleRows: titleRows(legendPageSetup().printTitlesRow), footer: CENTER_FOOTER });
  return [summaryPicture, overduePicture, legendPicture];
}

/**
 * The `تنظیمات` sheet with the defaults, as the CLI writes it into a register that has none
 * (an older file): header row frozen, after `دستگاه‌ها`.
 */
export function settingsPicture(): SheetPicture {
  const sheet = new RecordingSheet();
  SETTINGS_WIDTHS.forEach((width, i) => (sheet.getColumn(i + 1).width = width));
  settingsSheetRows(undefined).forEach((values, r) => {
    values.forEach((value, c) => {
      if (value === null || value === undefined) return;
      const cell = sheet.getCell(r + 1, c + 1);
      cell.value = value as string | number;
      cell.style = settingsCellStyle(r + 1, c + 1) as Style;
    });
  });
  const pic = picture(SHEETS.settings, sheet, 1, { printTitleRows: '$1:$1', footer: '' });
  pic.after = SHEETS.agencies;
  return pic;
}

/**
 * The chart of states per agency is drawn from the summary's own agency table: its header row
 * (series names) and one line per agency, from the names column to the last state column. The
 * second column (the total) is a series too and is removed once the chart exists.
 */
function agencyChart(sheet: SheetPicture, summary: RegisterSummary): SheetPicture['chart'] {
  if (!summary.agencies.length) return undefined;
  const header = sheet.values.findIndex((line) => line[0] === 'دستگاه اجرایی');
  if (header < 0) return undefined;
  const first = header + 1;
  const last = first + summary.agencies.length;
  return {
    source: `A${first}:${columnLetter(2 + DEADLINE_STATES.length)}${last}`,
    firstStateSeries: 1,
    seriesCount: 1 + DEADLINE_STATES.length,
    anchorRow: sheet.values.length + 2,
    colors: DEADLINE_STATES.map((s) => `#${PALETTE[s].fill}`),
  };
}

/** What colour keeps on the register sheet besides states and colours, as the CLI's refreshSheetParts does. */
export interface RegisterParts {
  /** Whole columns whose data validation is replaced (the status and percent columns), e.g. `I:I`. */
  clearValidation: string[];
  /** The status dropdown: its cells and the choices. */
  statusList?: { address: string; source: string; title: string; message: string };
  /** The 0–100 whole-number rule on the percent cells. */
  percentRule?: { address: string; title: string; message: string };
  /** The autofilter over the whole table (header to the last data row, every used column). */
  autoFilter: string;
  frozenRows: number;
  /** Columns of the hidden helper fields (1-based). */
  hiddenColumns: number[];
}

/**
 * The register sheet's own parts colour re-applies: the status dropdown and the percent limits on
 * the data rows plus ROOM_ROWS (validations of other columns are left alone), the autofilter,
 * the frozen header and the hidden helper columns. `layout` must have every field's column.
 */
export function registerParts(layout: RegisterLayout): RegisterParts {
  const first = layout.headerRow + 1;
  const until = Math.max(layout.lastRow, layout.headerRow) + ROOM_ROWS;
  const column = (field: 'status' | 'percent') => {
    const col = layout.columns.get(field);
    return col === undefined ? undefined : columnLetter(col);
  };
  const status = column('status');
  const percent = column('percent');
  return {
    clearValidation: [status, percent].filter((c): c is string => !!c).map((c) => `${c}:${c}`),
    statusList: status ? { address: `${status}${first}:${status}${until}`, source: REGISTER_STATUS_OPTIONS.join(','), ...STATUS_ERROR } : undefined,
    percentRule: percent ? { address: `${percent}${first}:${percent}${until}`, ...PERCENT_ERROR } : undefined,
    autoFilter: `A${layout.headerRow}:${columnLetter(layout.lastColumn)}${Math.max(layout.lastRow, layout.headerRow + 1)}`,
    frozenRows: layout.headerRow,
    hiddenColumns: REGISTER_FIELDS.filter((f) => f.hidden).map((f) => layout.columns.get(f.name)).filter((c): c is number => c !== undefined),
  };
}
