/// <reference types="office-js" />
/**
 * Reading the register from the open workbook in batches, never one call per row: (1) which
 * sheets exist, (2) the chosen sheet's first rows (the header, and a sample that sizes the rest),
 * used range, colour-rule types and the side sheets, (3) the register's columns (values, and
 * number formats where dates or percents live) with the formulas of custom colour rules, in row
 * blocks of at most BATCH_BYTES (4 MB) each: one block, so three syncs, up to about 4 MB of
 * cells (some 8,000 rows of typical resolutions), one more sync per further 4 MB. Excel on the
 * web refuses responses over 5 MB; a block that still comes back too large is read again in
 * halves.
 */
import { SHEETS, type FieldName } from '../../core/register/fields';
import { isToolRule } from '../../core/register/colorRules';
import { FORMAT_FIELDS, findLayout, type ColumnValues, type RegisterInput, type RegisterLayout } from '../plan/register';
import { rowBlocks, rowBytes, SAMPLE_ROWS } from '../plan/batches';
import { columnLetter } from '../plan/cells';
import { isConflictRule } from '../sync/plan';

/** Rows searched for the header (the CLI looks at the first ten). */
const HEADER_ROWS = 10;
/** Columns scanned for the header and the sample (A..AZ): a register has about twenty. */
const FIRST_ROWS = `A1:AZ${HEADER_ROWS + SAMPLE_ROWS}`;

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
  /** The sync's conflict marks found on the sheet (isConflictRule); empty when rules are not read. */
  conflictRules: Excel.ConditionalFormat[];
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
 * register's headers, with the `تنظیمات` and `دستگاه‌ها` sheets. Three context.sync calls while the
 * register's cells come to at most BATCH_BYTES (4 MB), one more per further 4 MB.
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
  const top = sheet.getRange(FIRST_ROWS);
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
  const first = top.values as unknown[][];
  const layout = findLayout(name, first.slice(0, HEADER_ROWS), lastRow, lastColumn);
  if (!layout) throw new NoRegisterError();
  const formats = options.formats ?? true;
  const custom = (cfs?.items ?? []).filter((cf) => cf.type === Excel.ConditionalFormatType.custom);
  let cells: Excel.Range[] = [];
  // the rules' formulas and the notes' cells ride along with the first block of rows
  const alongside = () => {
    for (const cf of custom) cf.custom.rule.load('formula');
    cells = (notes?.items ?? []).map((note) => note.getLocation().load('address'));
  };
  const sample = first.slice(layout.headerRow, layout.lastRow);
  const formatColumns = formats ? [...layout.columns.keys()].filter((f) => FORMAT_FIELDS.includes(f)).length : 0;
  const perRow = rowBytes(sample, [...layout.columns.values()], formatColumns);
  const data = await readColumns(context, sheet, layout, formats, rowBlocks(layout.headerRow + 1, layout.lastRow, perRow), alongside);
  if (layout.lastRow <= layout.headerRow) {
    alongside();
    await context.sync();
  }

  const settings = settingsRange && !settingsRange.isNullObject ? padTo(settingsRange) : undefined;
  const agencies = agenciesRange && !agenciesRange.isNullObject ? padTo(agenciesRange) : undefined;
  return {
    input: { layout, data, settings, agencies },
    sheet,
    toolRules: custom.filter((cf) => isToolRule(cf.custom.rule.formula)),
    conflictRules: custom.filter((cf) => isConflictRule(cf.custom.rule.formula)),
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

type Loaded = Array<{ field: FieldName; values: Excel.Range; formats?: Excel.Range }>;

/** Whether Excel refused a response (or request) for its size. */
function tooLarge(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return code === 'ResponsePayloadSizeLimitExceeded' || code === 'RequestPayloadSizeLimitExceeded';
}

/**
 * Read every register column, data rows only, one sync per block of rows; a block Excel refuses
 * for its size is read again as two halves (a single row that is too large fails as Excel said).
 * @param alongside queues other loads into the first block's sync (again if that block is split)
 */
async function readColumns(context: Excel.RequestContext, sheet: Excel.Worksheet, layout: RegisterLayout, formats: boolean,
  blocks: Array<[number, number]>, alongside: () => void): Promise<Partial<Record<FieldName, ColumnValues>>> {
  const data: Partial<Record<FieldName, ColumnValues>> = {};
  for (const field of layout.columns.keys()) data[field] = { values: [], formats: formats && FORMAT_FIELDS.includes(field) ? [] : undefined };
  let pending: (() => void) | undefined = alongside;
  const read = async (from: number, to: number): Promise<void> => {
    const loaded = loadBlock(sheet, layout, formats, from, to);
    const extra = pending;
    extra?.();
    try {
      await context.sync();
    } catch (error) {
      if (!tooLarge(error) || from === to) throw error;
      const middle = Math.floor((from + to) / 2);
      await read(from, middle);
      await read(middle + 1, to);
      return;
    }
    if (extra === pending) pending = undefined;
    for (const { field, values, formats: numberFormats } of loaded) {
      const column = data[field]!;
      for (const line of values.values as unknown[][]) column.values.push(line[0]);
      if (numberFormats) for (const line of numberFormats.numberFormat as unknown[][]) column.formats!.push(String(line[0]));
    }
  };
  for (const [from, to] of blocks) await read(from, to);
  return data;
}

/** Queue the loads of every register column for sheet rows from..to. */
function loadBlock(sheet: Excel.Worksheet, layout: RegisterLayout, formats: boolean, from: number, to: number): Loaded {
  const loaded: Loaded = [];
  for (const [field, column] of layout.columns) {
    const letter = columnLetter(column);
    const address = `${letter}${from}:${letter}${to}`;
    const values = sheet.getRange(address).load('values');
    const format = formats && FORMAT_FIELDS.includes(field) ? sheet.getRange(address).load('numberFormat') : undefined;
    loaded.push({ field, values, formats: format });
  }
  return loaded;
}
