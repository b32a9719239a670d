/**
 * The register in the open workbook as plain data, and what each command writes back, worked
 * out with core/ alone so the add-in never disagrees with `mosavabat validate / color / summary`
 * on the same workbook and day. The Office.js adapter (addin/excel/) only reads these inputs in
 * one batch and applies the plans in one batch.
 */
import type { JalaliDate } from '../../core/jalali';
import type { AgencyDirectory } from '../../core/agency';
import { RULE_STATES, stateRules, stateWordsFormat } from '../../core/register/colorRules';
import { REGISTER_FIELDS, SHEETS, type FieldName } from '../../core/register/fields';
import { findHeader } from '../../core/register/header';
import { PALETTE } from '../../core/register/palette';
import { deadlineSettingsOf, parseSettingsSheet, type SettingsGrid, type SettingsRead } from '../../core/register/settings';
import { DEADLINE_STATES, STATE_LABELS } from '../../core/register/state';
import { statusLabel } from '../../core/register/status';
import type { CellValue, ColumnMap, DeadlineState, Issue, RawRow } from '../../core/register/types';
import { analyzeRegister, type RegisterAnalysis } from '../../core/register/validate';
import { parseAgencies, type Grid } from '../../adapters/xlsx/sideSheets';
import { columnLetter, jalaliToSerial, officeCellValue } from './cells';

/** Excel on the web cuts range-address strings longer than 8,192 characters; stay well under. */
export const MAX_ADDRESS_CHARS = 8000;
/** Rows below the last data row the dropdown and colour rules also cover (rows typed later), as the CLI does. */
export const ROOM_ROWS = 500;
/** Number format of the hidden Gregorian due date (the CLI's). */
export const GREGORIAN_DATE_FORMAT = 'yyyy-mm-dd';

/** Where the register is in a sheet; rows and columns 1-based. */
export interface RegisterLayout {
  sheet: string;
  headerRow: number;
  columns: Map<FieldName, number>;
  /** Last row of the sheet's used range (the header row when there are no data rows). */
  lastRow: number;
  /** Last column of the used range. */
  lastColumn: number;
}

/**
 * Find the register's header in a sheet's first rows as Office returns them.
 * @param top the values of the sheet's first rows from column A (`top[0]` is row 1)
 * @returns undefined when no row of the first ten names three register columns
 */
export function findLayout(sheet: string, top: readonly unknown[][], lastRow: number, lastColumn: number): RegisterLayout | undefined {
  const found = findHeader(top.map((row) => row.map((v) => officeCellValue(v))));
  if (!found) return undefined;
  const columns = new Map<FieldName, number>();
  for (const [field, index] of found.columns) columns.set(field, index + 1);
  return { sheet, headerRow: found.row + 1, columns, lastRow: Math.max(lastRow, found.row + 1), lastColumn: Math.max(lastColumn, ...columns.values()) };
}

/** The header's columns as letters, for A1 addresses. */
export function columnLetters(layout: RegisterLayout): ColumnMap {
  const map: ColumnMap = {};
  for (const [field, col] of layout.columns) map[field] = columnLetter(col);
  return map;
}

/**
 * Fields the register lacks get a column after the last used one, with the Persian header, as
 * the CLI does on every write (so the state words and the hidden due date have somewhere to go).
 * Changes `layout.columns`.
 * @returns the header cells to write
 */
export function addMissingColumns(layout: RegisterLayout): Array<{ row: number; column: number; header: string; hidden: boolean; width: number }> {
  const added: Array<{ row: number; column: number; header: string; hidden: boolean; width: number }> = [];
  let next = layout.lastColumn + 1;
  for (const f of REGISTER_FIELDS) {
    if (layout.columns.has(f.name)) continue;
    const column = next++;
    layout.columns.set(f.name, column);
    added.push({ row: layout.headerRow, column, header: f.fa, hidden: !!f.hidden, width: f.width });
  }
  layout.lastColumn = Math.max(layout.lastColumn, next - 1);
  return added;
}

/** One field's cells from the first data row down, as Office returns them, with number formats where read. */
export interface ColumnValues {
  values: unknown[];
  formats?: Array<string | undefined>;
}

/** The fields whose number format matters for reading (dates, percent). */
export const FORMAT_FIELDS: readonly FieldName[] = ['meetingDate', 'due', 'doneDate', 'requestedDue', 'percent', 'row', 'revision'];

/** The data rows as core's RawRows (blank rows included; core skips them). */
export function rawRows(layout: RegisterLayout, data: Partial<Record<FieldName, ColumnValues>>): RawRow[] {
  const count = layout.lastRow - layout.headerRow;
  const rows: RawRow[] = [];
  const fields = [...layout.columns.keys()].filter((f) => data[f]);
  for (let i = 0; i < count; i++) {
    const values: RawRow['values'] = {};
    for (const field of fields) {
      const column = data[field]!;
      values[field] = officeCellValue(column.values[i], column.formats?.[i]);
    }
    rows.push({ sheetRow: layout.headerRow + 1 + i, values });
  }
  return rows;
}

/**
 * A side sheet's values (from A1, as Office returns them) as the 1-based grid core and the
 * side-sheet readers take (`تنظیمات`, `دستگاه‌ها`).
 * @param values undefined when the workbook has no such sheet
 */
export function settingsGrid(values: readonly unknown[][] | undefined): SettingsGrid | undefined {
  if (!values) return undefined;
  const grid: Array<Array<CellValue | undefined> | undefined> = [];
  values.forEach((row, r) => {
    const cells: Array<CellValue | undefined> = [];
    row.forEach((v, c) => { cells[c + 1] = officeCellValue(v); });
    grid[r + 1] = cells;
  });
  return grid;
}

/** Everything a command reads from the workbook, as plain data. */
export interface RegisterInput {
  layout: RegisterLayout;
  data: Partial<Record<FieldName, ColumnValues>>;
  /** The `تنظیمات` sheet's values from A1; undefined when there is none. */
  settings?: readonly unknown[][];
  /** The `دستگاه‌ها` sheet's values from A1 (the agency directory); undefined when there is none. */
  agencies?: readonly unknown[][];
}

/**
 * The register analysed as the CLI's analyzeBook does: the `تنظیمات` settings and the
 * `دستگاه‌ها` directory, settings issues first, then the rows'.
 */
export function analyzeInput(input: RegisterInput, today: JalaliDate): { analysis: RegisterAnalysis; settings: SettingsRead; raw: RawRow[]; directory: AgencyDirectory } {
  const settings = parseSettingsSheet(settingsGrid(input.settings));
  const raw = rawRows(input.layout, input.data);
  const directory = parseAgencies((settingsGrid(input.agencies) ?? []) as Grid);
  const analysis = analyzeRegister(raw, {
    sheet: input.layout.sheet,
    columns: columnLetters(input.layout),
    today,
    directory: directory.list().length ? directory : undefined,
    settings: deadlineSettingsOf(settings.settings),
    dueSoonDays: settings.settings.dueSoonDays,
  });
  return { analysis: { rows: analysis.rows, issues: [...settings.issues, ...analysis.issues] }, settings, raw, directory };
}

/** A column's cells to write from `first` down; null leaves a cell as it is. */
export interface ColumnWrite {
  column: number;
  first: number;
  values: Array<string | number | null>;
  /** Number format for the whole written block. */
  numberFormat?: string;
}

/** One colour's static fill: comma-separated areas, each string under MAX_ADDRESS_CHARS. */
export interface FillWrite {
  color: string;
  state: DeadlineState;
  addresses: string[];
}

/** One conditional-format block: a contiguous area and its rules in priority order. */
export interface RuleWrite {
  address: string;
  rules: Array<{ formula: string; state: DeadlineState; fill: string; numberFormat?: string }>;
}

/** What colouring writes. */
export interface ColorPlan {
  headers: Array<{ row: number; column: number; header: string; hidden: boolean; width: number }>;
  columns: ColumnWrite[];
  fills: FillWrite[];
  /** Empty when the host has no conditional formats (then `fills` cover every row). */
  rules: RuleWrite[];
  states: Array<{ sheetRow: number; state: DeadlineState }>;
  counts: Record<DeadlineState, number>;
  errors: number;
  /** Warnings of the cells read: colour reads some columns for blankness only (addin/plan/reads.ts), so this is not validate's count. */
  warnings: number;
}

/** `#RRGGBB` of a state's fill. */
export function stateColor(state: DeadlineState): string {
  return `#${PALETTE[state].fill}`;
}

/** Contiguous runs of numbers, sorted: [[start, end], …]. */
export function runs(numbers: readonly number[]): Array<[number, number]> {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const out: Array<[number, number]> = [];
  for (const n of sorted) {
    const last = out[out.length - 1];
    if (last && last[1] === n - 1) last[1] = n;
    else out.push([n, n]);
  }
  return out;
}

/** Areas (`A2:P9`) covering the given rows of the given columns. */
export function areas(columns: readonly number[], rows: readonly number[]): string[] {
  const colRuns = runs(columns);
  return runs(rows).flatMap(([r1, r2]) => colRuns.map(([c1, c2]) => `${columnLetter(c1)}${r1}:${columnLetter(c2)}${r2}`));
}

/** Join areas with commas into strings of at most `max` characters (for Worksheet.getRanges). */
export function chunkAddresses(list: readonly string[], max = MAX_ADDRESS_CHARS): string[] {
  const out: string[] = [];
  let current = '';
  for (const area of list) {
    if (current && current.length + 1 + area.length > max) {
      out.push(current);
      current = '';
    }
    current = current ? `${current},${area}` : area;
  }
  if (current) out.push(current);
  return out;
}

/** The visible register columns the fill covers (every known column but the hidden helpers). */
function visibleColumns(layout: RegisterLayout): number[] {
  return REGISTER_FIELDS.filter((f) => !f.hidden).map((f) => layout.columns.get(f.name)).filter((c): c is number => c !== undefined);
}

/**
 * What colouring writes for a register analysed on a day: the state words, the hidden
 * Gregorian due date, canonical status words, the tool's conditional-format rules (the same as
 * the CLI's) over the data rows plus ROOM_ROWS, and static fills only for rows no rule
 * expresses (ongoing, needs a date) — or for every row when `conditionalFormats` is false.
 * `layout` must already have every field's column (addMissingColumns).
 */
export function colorPlan(layout: RegisterLayout, analysis: RegisterAnalysis, dueSoonDays: number,
  options: { conditionalFormats: boolean; headers?: ColorPlan['headers']; raw?: readonly RawRow[] }): ColorPlan {
  const rawStatus = new Map((options.raw ?? []).map((r) => [r.sheetRow, r.values.status ?? null]));
  const first = layout.headerRow + 1;
  const count = Math.max(0, layout.lastRow - layout.headerRow);
  const words: Array<string | null> = new Array(count).fill(null);
  const due: Array<number | string | null> = new Array(count).fill(null);
  const status: Array<string | null> = new Array(count).fill(null);
  let statusChanged = false;
  const counts = Object.fromEntries(DEADLINE_STATES.map((s) => [s, 0])) as Record<DeadlineState, number>;
  const fillRows = new Map<DeadlineState, number[]>();
  for (const row of analysis.rows) {
    const i = row.sheetRow - first;
    counts[row.state]++;
    words[i] = STATE_LABELS[row.state];
    due[i] = jalaliToSerial(row.assignment.due) ?? '';
    const label = row.assignment.status ? statusLabel(row.assignment.status) : '';
    if (label && label !== rawStatus.get(row.sheetRow)) {
      status[i] = label;
      statusChanged = true;
    }
    if (!options.conditionalFormats || !RULE_STATES.has(row.state)) {
      const list = fillRows.get(row.state) ?? [];
      list.push(row.sheetRow);
      fillRows.set(row.state, list);
    }
  }
  const col = (f: FieldName) => layout.columns.get(f)!;
  const columns: ColumnWrite[] = [];
  if (count > 0) {
    columns.push({ column: col('state'), first, values: words });
    columns.push({ column: col('dueGregorian'), first, values: due, numberFormat: GREGORIAN_DATE_FORMAT });
    if (statusChanged) columns.push({ column: col('status'), first, values: status });
  }
  const visible = visibleColumns(layout);
  const fills: FillWrite[] = [...fillRows].map(([state, rows]) => ({ state, color: stateColor(state), addresses: chunkAddresses(areas(visible, rows)) }));

  const rules: RuleWrite[] = [];
  if (options.conditionalFormats) {
    const last = Math.max(layout.lastRow, layout.headerRow) + ROOM_ROWS;
    const formulas = stateRules({ status: columnLetter(col('status')), state: columnLetter(col('state')), dueGregorian: columnLetter(col('dueGregorian')) }, first, dueSoonDays);
    const stateCol = col('state');
    const plain = visible.filter((c) => c !== stateCol);
    for (const address of runs(plain).map(([c1, c2]) => `${columnLetter(c1)}${first}:${columnLetter(c2)}${last}`)) {
      rules.push({ address, rules: formulas.map((r) => ({ formula: `=${r.formula}`, state: r.state, fill: stateColor(r.state) })) });
    }
    rules.push({
      address: `${columnLetter(stateCol)}${first}:${columnLetter(stateCol)}${last}`,
      rules: formulas.map((r) => ({ formula: `=${r.formula}`, state: r.state, fill: stateColor(r.state), numberFormat: stateWordsFormat(r.state) })),
    });
  }
  const issues = analysis.issues;
  return {
    headers: options.headers ?? [],
    columns,
    fills,
    rules,
    states: analysis.rows.map((r) => ({ sheetRow: r.sheetRow, state: r.state })),
    counts,
    errors: issues.filter((i) => i.severity === 'error').length,
    warnings: issues.filter((i) => i.severity === 'warning').length,
  };
}

/** Validation findings for the pane: errors first, then warnings, each in sheet order. */
export function validationList(issues: readonly Issue[]): Issue[] {
  return [...issues.filter((i) => i.severity === 'error'), ...issues.filter((i) => i.severity === 'warning')];
}

export { SHEETS };
