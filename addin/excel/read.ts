/// <reference types="office-js" />
/**
 * Reading the register from the open workbook in a fixed number of batches: (1) which sheets
 * exist, (2) the chosen sheet's header rows, used range, colour-rule types and the settings
 * sheet, (3) the register's columns (values, and number formats where dates or percents live)
 * and the formulas of custom colour rules. Never one call per row.
 */
import { SHEETS, type FieldName } from '../../core/register/fields';
import { isToolRule } from '../../core/register/colorRules';
import { FORMAT_FIELDS, findLayout, type ColumnValues, type RegisterInput, type RegisterLayout } from '../plan/register';
import { columnLetter } from '../plan/cells';

/** Columns scanned for the header (A..AZ): a register has about twenty. */
const HEADER_SCAN = 'A1:AZ10';

/** Thrown when the workbook has no register; the pane offers to make one. */
export class NoRegisterError extends Error {
  constructor() {
    super('no register sheet');
  }
}

/** What reading gives besides the plain input: proxies the writes need. */
export interface RegisterRead {
  input: RegisterInput;
  sheet: Excel.Worksheet;
  /** The tool's own conditional formats found on the sheet (to replace); empty when not read. */
  toolRules: Excel.ConditionalFormat[];
  /** Sheet names in tab order. */
  sheetNames: string[];
  /** The register sheet's notes with their cells (A1, no sheet name); empty when not read. */
  notes: Array<{ address: string; content: string; note: Excel.Note }>;
}

/** Persian message of the no-register case. */
export const NO_REGISTER_FA = 'در این کارپوشه برگه‌ی «مصوبات» یا برگه‌ای با سرستون‌های دفتر مصوبات پیدا نشد. از بخش «دفتر تازه» یکی بسازید یا برگه‌ی دفتر را باز کنید.';

/** What readRegister reads besides the register's columns. */
export interface ReadOptions {
  rules: boolean;
  formats?: boolean;
  notes?: boolean;
  alsoLoad?: (sheetNames: string[], sheet: Excel.Worksheet) => void;
}

/**
 * Read the register: the `مصوبات` sheet, else the active sheet when its first rows hold the
 * register's headers, with the `تنظیمات` and `دستگاه‌ها` sheets. Three context.sync calls.
 * @param options.rules also read the sheet's conditional formats (colouring replaces its own)
 * @param options.notes also read the sheet's notes and their cells (ExcelApi 1.18)
 * @param options.alsoLoad queues the caller's own loads into the second batch (no extra sync)
 * @throws NoRegisterError when there is none
 */
export async function readRegister(context: Excel.RequestContext, options: ReadOptions): Promise<RegisterRead> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  const active = sheets.getActiveWorksheet();
  active.load('name');
  await context.sync();

  const sheetNames = sheets.items.map((s) => s.name);
  const name = sheetNames.includes(SHEETS.register) ? SHEETS.register : active.name;
  const sheet = sheets.getItem(name);
  const top = sheet.getRange(HEADER_SCAN);
  top.load('values');
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load('rowIndex,rowCount,columnIndex,columnCount');
  const settingsRange = sheetNames.includes(SHEETS.settings)
    ? sheets.getItem(SHEETS.settings).getUsedRangeOrNullObject(true) : undefined;
  settingsRange?.load('values,rowIndex,columnIndex');
  const agenciesRange = sheetNames.includes(SHEETS.agencies)
    ? sheets.getItem(SHEETS.agencies).getUsedRangeOrNullObject(true) : undefined;
  agenciesRange?.load('values,rowIndex,columnIndex');
  const cfs = options.rules ? sheet.getRange().conditionalFormats : undefined;
  cfs?.load('items/type');
  const notes = options.notes ? sheet.notes : undefined;
  notes?.load('items/content');
  options.alsoLoad?.(sheetNames, sheet);
  await context.sync();

  const lastRow = used.isNullObject ? 0 : used.rowIndex + used.rowCount;
  const lastColumn = used.isNullObject ? 0 : used.columnIndex + used.columnCount;
  const layout = findLayout(name, top.values as unknown[][], lastRow, lastColumn);
  if (!layout) throw new NoRegisterError();
  const data = loadColumns(sheet, layout, options.formats ?? true);
  const custom = (cfs?.items ?? []).filter((cf) => cf.type === Excel.ConditionalFormatType.custom);
  for (const cf of custom) cf.custom.rule.load('formula');
  const cells = (notes?.items ?? []).map((note) => note.getLocation().load('address'));
  await context.sync();

  const settings = settingsRange && !settingsRange.isNullObject ? padTo(settingsRange) : undefined;
  const agencies = agenciesRange && !agenciesRange.isNullObject ? padTo(agenciesRange) : undefined;
  return {
    input: { layout, data: readColumns(data), settings, agencies },
    sheet,
    toolRules: custom.filter((cf) => isToolRule(cf.custom.rule.formula)),
    sheetNames,
    notes: (notes?.items ?? []).map((note, i) => ({ address: cells[i].address.replace(/^.*!/, '').replace(/\$/g, ''), content: String(note.content ?? ''), note })),
  };
}

/** The settings sheet's values as from A1 (the used range may start lower or to the right). */
function padTo(range: Excel.Range): unknown[][] {
  const values = range.values as unknown[][];
  const rows: unknown[][] = Array.from({ length: range.rowIndex }, () => []);
  for (const line of values) rows.push([...new Array(range.columnIndex).fill(''), ...line]);
  return rows;
}

type Loaded = Partial<Record<FieldName, { values: Excel.Range; formats?: Excel.Range }>>;

/** Queue the loads of every register column, data rows only. */
function loadColumns(sheet: Excel.Worksheet, layout: RegisterLayout, formats: boolean): Loaded {
  const loaded: Loaded = {};
  if (layout.lastRow <= layout.headerRow) return loaded;
  for (const [field, column] of layout.columns) {
    const letter = columnLetter(column);
    const range = sheet.getRange(`${letter}${layout.headerRow + 1}:${letter}${layout.lastRow}`);
    range.load('values');
    let format: Excel.Range | undefined;
    if (formats && FORMAT_FIELDS.includes(field)) {
      format = sheet.getRange(`${letter}${layout.headerRow + 1}:${letter}${layout.lastRow}`);
      format.load('numberFormat');
    }
    loaded[field] = { values: range, formats: format };
  }
  return loaded;
}

function readColumns(loaded: Loaded): Partial<Record<FieldName, ColumnValues>> {
  const data: Partial<Record<FieldName, ColumnValues>> = {};
  for (const [field, ranges] of Object.entries(loaded) as Array<[FieldName, { values: Excel.Range; formats?: Excel.Range }]>) {
    data[field] = {
      values: (ranges.values.values as unknown[][]).map((line) => line[0]),
      formats: ranges.formats ? (ranges.formats.numberFormat as unknown[][]).map((line) => String(line[0])) : undefined,
    };
  }
  return data;
}
