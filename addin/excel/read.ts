/// <reference types="office-js" />
/**
 * Reading the register from the open workbook in batches, never one call per row:
 * (1) one sync finds it: the sheets' names, and the first rows (header and a 100-row sample)
 *     and used range of both places it may be, the `مصوبات` sheet (getItemOrNullObject) and the
 *     active sheet, with the sheet's colour-rule types and notes where the command needs them;
 * (2) the register's columns as the command needs them (addin/plan/reads.ts), data rows only, in
 *     row blocks of at most BATCH_BYTES (4 MB) each, the settings, agencies, colour rules'
 *     formulas, notes' cells and the caller's own loads riding on the first block;
 * (3) only when the content asks for it (numbers in a date column whose first rows hold text,
 *     text in an otherwise blank row of a column read for blankness), one more batch for those cells.
 * So two syncs while what is read comes to 4 MB, one more per further 4 MB. Excel on the web
 * refuses responses over 5 MB; a block that still comes back too large is read again in halves.
 * An Excel that refuses what is asked of a sheet that is not there fails the first sync; the
 * register is then found without asking it (see findRegister).
 */
import { SHEETS, type FieldName } from '../../core/register/fields';
import { isToolRule } from '../../core/register/colorRules';
import { findLayout, runs, type RegisterInput } from '../plan/register';
import { BATCH_BYTES, halves, jsonBytes, ROW_MARGIN, rowBlocks, rowBytes, SAMPLE_ROWS } from '../plan/batches';
import { columnReads, columnValues, followUps, type ColumnNeed, type ColumnRead, type FollowUp, type LoadedColumn } from '../plan/reads';
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

/** What readRegister reads besides the register's columns, and how much of those. */
export interface ReadOptions {
  /** What the command needs of the register's columns (default `all`; see addin/plan/reads.ts). */
  need?: ColumnNeed;
  /** Read the number formats of every cell of the date and percent columns, not only of numbers. */
  allFormats?: boolean;
  /** Also read the sheet's conditional formats (colouring replaces its own). */
  rules: boolean;
  /** Also read the sheet's notes and their cells (ExcelApi 1.18). */
  notes?: boolean;
  /** Queues the caller's own loads on the first block of rows (no sync of their own). */
  alsoLoad?: (sheetNames: string[], sheet: Excel.Worksheet) => void;
}

/** One of the places the register may be, as the first sync reads it. */
interface Probe {
  sheet: Excel.Worksheet;
  top: Excel.Range;
  used: Excel.Range;
  rules?: Excel.ConditionalFormatCollection;
  notes?: Excel.NoteCollection;
}

/** Queue what finding the register needs of `sheet` (no sync here). */
function probe(sheet: Excel.Worksheet, options: ReadOptions): Probe {
  const top = sheet.getRange(FIRST_ROWS);
  top.load('values');
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load('rowIndex,rowCount,columnIndex,columnCount');
  const rules = options.rules ? sheet.getRange().conditionalFormats : undefined;
  rules?.load('items/type');
  const notes = options.notes ? sheet.notes : undefined;
  notes?.load('items/content');
  return { sheet, top, used, rules, notes };
}

interface Found {
  name: string;
  sheetNames: string[];
  probe: Probe;
}

/**
 * Find the register's sheet, its first rows and used range in one sync: `مصوبات` when the
 * workbook has it, else the active sheet. When that sync fails, one more (two when `مصوبات` is
 * there but not active).
 */
async function findRegister(context: Excel.RequestContext, options: ReadOptions): Promise<Found> {
  const sheets = context.workbook.worksheets;
  try {
    sheets.load('items/name');
    const active = sheets.getActiveWorksheet();
    active.load('name');
    const named = sheets.getItemOrNullObject(SHEETS.register);
    const probes = [probe(named, options), probe(active, options)];
    await context.sync();
    const sheetNames = sheets.items.map((s) => s.name);
    return named.isNullObject ? { name: active.name, sheetNames, probe: probes[1] } : { name: SHEETS.register, sheetNames, probe: probes[0] };
  } catch {
    // without the sheet that may not be there: the active sheet with the names, then `مصوبات`
    // when it is another sheet. Whatever else failed fails again with its own message.
    sheets.load('items/name');
    const active = sheets.getActiveWorksheet();
    active.load('name');
    const onActive = probe(active, options);
    await context.sync();
    const sheetNames = sheets.items.map((s) => s.name);
    if (!sheetNames.includes(SHEETS.register) || active.name === SHEETS.register) return { name: active.name, sheetNames, probe: onActive };
    const named = probe(sheets.getItem(SHEETS.register), options);
    await context.sync();
    return { name: SHEETS.register, sheetNames, probe: named };
  }
}

/**
 * Read the register: the `مصوبات` sheet, else the active sheet when its first rows hold the
 * register's headers, with the `تنظیمات` and `دستگاه‌ها` sheets. Two context.sync calls while
 * what the command reads of the register's cells comes to at most BATCH_BYTES (4 MB), one more
 * per further 4 MB, and one more when the content needs a second look (see the file's comment).
 * @throws NoRegisterError when there is none
 */
export async function readRegister(context: Excel.RequestContext, options: ReadOptions): Promise<RegisterRead> {
  const { name, sheetNames, probe: found } = await findRegister(context, options);
  const { sheet, top, used } = found;
  const lastRow = used.isNullObject ? 0 : used.rowIndex + used.rowCount;
  const lastColumn = used.isNullObject ? 0 : used.columnIndex + used.columnCount;
  const first = top.values as unknown[][];
  const layout = findLayout(name, first.slice(0, HEADER_ROWS), lastRow, lastColumn);
  if (!layout) throw new NoRegisterError();
  const custom = (found.rules?.items ?? []).filter((cf) => cf.type === Excel.ConditionalFormatType.custom);
  const noteItems = found.notes?.items ?? [];

  let settingsRange: Excel.Range | undefined;
  let agenciesRange: Excel.Range | undefined;
  let cells: Excel.Range[] = [];
  // what rides along with the first block of rows (queued again if that block is read in halves)
  const alongside = () => {
    settingsRange = sideRange(context, sheetNames, SHEETS.settings);
    agenciesRange = sideRange(context, sheetNames, SHEETS.agencies);
    for (const cf of custom) cf.custom.rule.load('formula');
    cells = noteItems.map((note) => note.getLocation().load('address'));
    options.alsoLoad?.(sheetNames, sheet);
  };

  const sample = first.slice(layout.headerRow, layout.lastRow);
  const reads = columnReads(layout, sample, options.need ?? 'all', options.allFormats);
  const count = Math.max(0, layout.lastRow - layout.headerRow);
  const loaded = new Map<FieldName, LoadedColumn>(reads.map((r) => [r.field, { cells: new Array(count), formats: new Array(count) }]));
  const content = new Map<FieldName, Map<number, unknown>>();
  const firstData = layout.headerRow + 1;
  const store = (item: Item, range: Excel.Range) => {
    const column = loaded.get(item.field)!;
    const base = item.from - firstData;
    if (item.load !== 'numberFormat') {
      const lines = (item.load === 'valueTypes' ? range.valueTypes : range.values) as unknown[][];
      if (item.into === 'content') {
        const map = content.get(item.field) ?? new Map<number, unknown>();
        lines.forEach((line, k) => map.set(base + k, line[0]));
        content.set(item.field, map);
      } else {
        lines.forEach((line, k) => { column.cells[base + k] = line[0]; });
      }
    }
    if (item.load === 'numberFormat' || item.load === 'values,numberFormat') {
      (range.numberFormat as unknown[][]).forEach((line, k) => { column.formats[base + k] = String(line[0]); });
    }
  };
  const blocks = rowBlocks(firstData, layout.lastRow, rowBytes(sample, reads)).map(([from, to]) => reads.map((r) => blockItem(r, from, to)));
  await readItems(context, sheet, blocks, alongside, store);
  const again = followUps(reads, loaded, count);
  if (again.length) await readItems(context, sheet, followUpBatches(again, firstData, sample), undefined, store);

  const data = columnValues(reads, loaded, count, content);
  const settings = settingsRange && !settingsRange.isNullObject ? padTo(settingsRange) : undefined;
  const agencies = agenciesRange && !agenciesRange.isNullObject ? padTo(agenciesRange) : undefined;
  return {
    input: { layout, data, settings, agencies },
    sheet,
    toolRules: custom.filter((cf) => isToolRule(cf.custom.rule.formula)),
    conflictRules: custom.filter((cf) => isConflictRule(cf.custom.rule.formula)),
    sheetNames,
    notes: noteItems.map((note, i) => ({ address: cells[i].address.replace(/^.*!/, '').replace(/\$/g, ''), content: String(note.content ?? ''), note })),
  };
}

/** Queue the load of a side sheet's used range when the workbook has the sheet. */
function sideRange(context: Excel.RequestContext, sheetNames: readonly string[], name: string): Excel.Range | undefined {
  if (!sheetNames.includes(name)) return undefined;
  const range = context.workbook.worksheets.getItem(name).getUsedRangeOrNullObject(true);
  range.load('values,rowIndex,columnIndex');
  return range;
}

/** The settings sheet's values as from A1 (the used range may start lower or to the right). */
function padTo(range: Excel.Range): unknown[][] {
  const values = range.values as unknown[][];
  const rows: unknown[][] = Array.from({ length: range.rowIndex }, () => []);
  for (const line of values) rows.push([...new Array(range.columnIndex).fill(''), ...line]);
  return rows;
}

/** One column's rows from..to (sheet rows) to load, and where what comes back goes. */
interface Item {
  field: FieldName;
  column: number;
  from: number;
  to: number;
  load: 'values' | 'valueTypes' | 'values,numberFormat' | 'numberFormat';
  /** `cells`: the column as read in blocks; `content`: the values of cells first read as types. */
  into: 'cells' | 'content';
}

function blockItem(read: ColumnRead, from: number, to: number): Item {
  const load = read.load === 'types' ? 'valueTypes' : read.formats ? 'values,numberFormat' : 'values';
  return { field: read.field, column: read.column, from, to, load, into: 'cells' };
}

/** Bytes a range's operations add to a request (its address and load), besides what comes back. */
const ITEM_REQUEST_BYTES = 200;

/**
 * The follow-up cells as ranges (runs of rows), in batches whose estimated response (a number
 * format, or a cell as long as the sample's longest in its column) and request stay under BATCH_BYTES.
 */
function followUpBatches(followUps: readonly FollowUp[], firstData: number, sample: readonly unknown[][]): Item[][] {
  const batches: Item[][] = [];
  let batch: Item[] = [];
  let bytes = 0;
  for (const f of followUps) {
    const longest = Math.max(5, ...sample.map((line) => jsonBytes(line[f.column - 1] ?? '') + 3));
    const perCell = f.load === 'numberFormat' ? 16 : Math.ceil(longest * ROW_MARGIN);
    for (const [a, b] of runs(f.rows)) {
      const size = (b - a + 1) * perCell + ITEM_REQUEST_BYTES;
      if (batch.length && bytes + size > BATCH_BYTES) {
        batches.push(batch);
        batch = [];
        bytes = 0;
      }
      batch.push({ field: f.field, column: f.column, from: firstData + a, to: firstData + b, load: f.load, into: f.load === 'values' ? 'content' : 'cells' });
      bytes += size;
    }
  }
  if (batch.length) batches.push(batch);
  return batches;
}

/** Whether Excel refused a response (or request) for its size. */
function tooLarge(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return code === 'ResponsePayloadSizeLimitExceeded' || code === 'RequestPayloadSizeLimitExceeded';
}

/**
 * Load each batch of ranges in one sync; a batch Excel refuses for its size is read again as two
 * halves (a single cell that is too large fails as Excel said).
 * @param alongside queues other loads into the first sync (again if that batch is split); with no
 *   batches at all it still gets a sync of its own
 */
async function readItems(context: Excel.RequestContext, sheet: Excel.Worksheet, batches: Item[][],
  alongside: (() => void) | undefined, store: (item: Item, range: Excel.Range) => void): Promise<void> {
  let pending = alongside;
  const read = async (items: Item[]): Promise<void> => {
    const ranges = items.map((item) => {
      const letter = columnLetter(item.column);
      return sheet.getRange(`${letter}${item.from}:${letter}${item.to}`).load(item.load);
    });
    const extra = pending;
    extra?.();
    try {
      await context.sync();
    } catch (error) {
      const split = tooLarge(error) ? halves(items) : undefined;
      if (!split) throw error;
      await read(split[0]);
      await read(split[1]);
      return;
    }
    if (extra === pending) pending = undefined;
    items.forEach((item, i) => store(item, ranges[i]));
  };
  for (const batch of batches) await read(batch);
  if (pending) {
    pending();
    await context.sync();
  }
}
