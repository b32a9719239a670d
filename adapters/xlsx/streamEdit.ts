/**
 * Editing a streamed register in memory: a new register, appended rows, meetings, agencies and
 * the settings sheet. Nothing here touches a file; streamRegister.ts writes the result.
 */
import { gridOf, maxOf, rawRow, usedColumns, type RowCopy, type SheetCopy, type StreamedRegister } from './streamRead';
import type { Style } from 'exceljs';
import type { AgencyDirectory, AgencyEntry } from '../../core/agency';
import { REGISTER_FIELDS, SHEETS, type FieldName } from '../../core/register/fields';
import type { Assignment, CellValue } from '../../core/register/types';
import {
  AGENCY_COLUMNS, BODY_FONT, MEETING_COLUMNS, THIN_BORDERS, WRAP_ALIGNMENT, HEADER_ALIGNMENT, HEADER_FILL, HEADER_FONT, printSetup, type SideColumn,
} from './layout';
import { isSettingsSheetName, settingsCellStyle, SETTINGS_WIDTHS } from './settingsSheet';
import { parseSettingsSheet, settingsSheetRows, type RegisterSettings, type SettingsRead } from '../../core/register/settings';
import { assignmentCells, assignmentRowHeight, fieldStyle } from './registerSheet';
import type { ColumnInfo } from './fast/sheetScan';
import { agencyRow, newAgencies, parseAgencies, parseMeetings, sideHeader, type MeetingSheetRow } from './sideSheets';

/** A new, empty register: the `مصوبات` sheet with its headers, and empty `جلسات` and `دستگاه‌ها`. */
export function newStreamedRegister(): StreamedRegister {
  const headerRow = (labels: string[]): RowCopy => ({
    number: 1,
    height: 30,
    cells: labels.map((label, i) => ({ col: i + 1, value: label, style: headerStyle() })),
  });
  const sheet = (name: string, labels: string[], columns: ColumnInfo[]): SheetCopy => ({
    name, state: 'visible', rightToLeft: true, ySplit: 1, xSplit: 0, columns, pageSetup: printSetup(1), rows: [headerRow(labels)],
  });
  const register = sheet(SHEETS.register, REGISTER_FIELDS.map((f) => f.fa),
    REGISTER_FIELDS.map((f, i) => ({ min: i + 1, max: i + 1, width: f.width, hidden: !!f.hidden })));
  const side = (name: string, columns: readonly SideColumn<string>[]) =>
    sheet(name, columns.map((c) => c.fa), columns.map((c, i) => ({ min: i + 1, max: i + 1, width: c.width })));
  return {
    sheets: [register, side(SHEETS.meetings, MEETING_COLUMNS), side(SHEETS.agencies, AGENCY_COLUMNS), settingsCopy(SHEETS.settings, settingsSheetRows(undefined))],
    register,
    header: { row: 1, columns: new Map(REGISTER_FIELDS.map((f, i) => [f.name, i + 1])) },
    rows: [],
  };
}

export function headerStyle(): Partial<Style> {
  return { font: HEADER_FONT, fill: HEADER_FILL, alignment: HEADER_ALIGNMENT, border: THIN_BORDERS };
}

/**
 * Make sure the register sheet has a column for every field: missing ones go after the last
 * used column, with the Persian header.
 */
export function ensureFields(reg: StreamedRegister): void {
  let next = maxOf(reg.header.columns.values(), usedColumns(reg.register)) + 1;
  const headerRow = reg.register.rows.find((r) => r.number === reg.header.row);
  for (const f of REGISTER_FIELDS) {
    if (reg.header.columns.has(f.name)) continue;
    const col = next++;
    reg.header.columns.set(f.name, col);
    headerRow?.cells.push({ col, value: f.fa, style: headerStyle() });
    reg.register.columns.push({ min: col, max: col, width: f.width, hidden: !!f.hidden });
  }
}

/** The last data row number (the header row when there is none). */
export function lastDataRow(reg: StreamedRegister): number {
  return maxOf(reg.rows.map((r) => r.sheetRow), reg.header.row);
}

/** One style object per field for new rows (shared, so the writer serializes it once). */
const FIELD_STYLES = new Map<FieldName, Partial<Style>>();
function styleOf(field: FieldName): Partial<Style> {
  let style = FIELD_STYLES.get(field);
  if (!style) FIELD_STYLES.set(field, (style = fieldStyle(field)));
  return style;
}

/**
 * Append assignments as new rows after the last data row (in memory), as RawRows too.
 * @returns the sheet row numbers given to them
 */
export function appendAssignments(reg: StreamedRegister, assignments: readonly Assignment[]): number[] {
  ensureFields(reg);
  let next = lastDataRow(reg) + 1;
  // styled blank rows left after the data would be overwritten: drop them first
  reg.register.rows = reg.register.rows.filter((r) => r.number < next || r.cells.some((c) => c.value !== null && c.value !== ''));
  return assignments.map((a) => {
    const values = assignmentCells(a);
    const row: RowCopy = {
      number: next,
      height: assignmentRowHeight(a),
      cells: [...reg.header.columns].map(([field, col]) => ({ col, value: values[field] ?? null, style: styleOf(field) })),
    };
    reg.register.rows.push(row);
    reg.rows.push(rawRow(row, reg.header));
    return next++;
  });
}

/** The side sheet `name`, created with its header when missing. */
function sideSheet(reg: StreamedRegister, name: string, columns: readonly SideColumn<string>[]): SheetCopy {
  let sheet = reg.sheets.find((s) => s.name === name);
  if (!sheet) {
    sheet = {
      name, state: 'visible', rightToLeft: true, ySplit: 1, xSplit: 0, pageSetup: printSetup(1),
      columns: columns.map((c, i) => ({ min: i + 1, max: i + 1, width: c.width })),
      rows: [{ number: 1, height: 30, cells: columns.map((c, i) => ({ col: i + 1, value: c.fa, style: headerStyle() })) }],
    };
    reg.sheets.push(sheet);
  }
  return sheet;
}

function appendSideRow<K extends string>(sheet: SheetCopy, columns: readonly SideColumn<K>[], values: Partial<Record<K, string | number | null>>): void {
  const grid = gridOf(sheet);
  const found = sideHeader(grid[1], columns);
  let next = Math.max(1, usedColumns(sheet)) + 1;
  const header = sheet.rows.find((r) => r.number === 1);
  for (const c of columns) {
    if (found.has(c.key)) continue;
    found.set(c.key, next);
    header?.cells.push({ col: next++, value: c.fa, style: headerStyle() });
  }
  const last = maxOf(sheet.rows.filter((r) => r.cells.some((c) => c.value !== null && c.value !== '')).map((r) => r.number), 1);
  const style: Partial<Style> = { font: BODY_FONT, alignment: WRAP_ALIGNMENT, border: THIN_BORDERS };
  sheet.rows = sheet.rows.filter((r) => r.number <= last);
  sheet.rows.push({ number: last + 1, cells: [...found].map(([key, col]) => ({ col, value: values[key] ?? null, style })) });
}

/** Meetings of the `جلسات` sheet. */
export function streamedMeetings(reg: StreamedRegister): MeetingSheetRow[] {
  return parseMeetings(gridOf(reg.sheets.find((s) => s.name === SHEETS.meetings)));
}

/** The agency directory of the `دستگاه‌ها` sheet. */
export function streamedDirectory(reg: StreamedRegister): AgencyDirectory {
  return parseAgencies(gridOf(reg.sheets.find((s) => s.name === SHEETS.agencies)));
}

/** The `تنظیمات` sheet's settings (defaults, `present: false`, when an older register has none). */
export function streamedSettings(reg: StreamedRegister): SettingsRead {
  const sheet = reg.sheets.find((s) => isSettingsSheetName(s.name));
  return parseSettingsSheet(sheet ? gridOf(sheet) : undefined, sheet?.name ?? SHEETS.settings);
}

/**
 * Rewrite the `تنظیمات` sheet with `changes` (other values kept as typed), in its place or,
 * when missing, after `دستگاه‌ها`; with no changes, only add it (defaults) when missing.
 */
export function updateStreamedSettings(reg: StreamedRegister, changes: Partial<RegisterSettings> = {}): void {
  const current = streamedSettings(reg);
  if (current.present && !Object.values(changes).some((v) => v !== undefined)) return;
  const index = reg.sheets.findIndex((s) => isSettingsSheetName(s.name));
  const copy = settingsCopy(index >= 0 ? reg.sheets[index].name : SHEETS.settings, settingsSheetRows(current.raw, changes));
  if (index >= 0) {
    reg.sheets[index] = copy;
  } else {
    const agencies = reg.sheets.findIndex((s) => s.name === SHEETS.agencies);
    reg.sheets.splice(agencies >= 0 ? agencies + 1 : reg.sheets.length, 0, copy);
  }
}

/** The settings sheet as a copy to write, from settingsSheetRows' rows (0-based columns). */
function settingsCopy(name: string, rows: readonly CellValue[][]): SheetCopy {
  return {
    name, state: 'visible', rightToLeft: true, ySplit: 1, xSplit: 0, pageSetup: printSetup(1),
    columns: SETTINGS_WIDTHS.map((width, i) => ({ min: i + 1, max: i + 1, width })),
    rows: rows.map((values, r) => ({
      number: r + 1,
      cells: values.flatMap((value, c) => (value === null || value === undefined ? [] : [{ col: c + 1, value, style: settingsCellStyle(r + 1, c + 1) }])),
    })).filter((row) => row.cells.length > 0),
  };
}

/** Append a meeting row to `جلسات`. */
export function appendMeeting(reg: StreamedRegister, meeting: MeetingSheetRow): void {
  appendSideRow(sideSheet(reg, SHEETS.meetings, MEETING_COLUMNS), MEETING_COLUMNS, meeting);
}

/** Append agencies the directory does not know to `دستگاه‌ها`; returns the names added. */
export function appendAgencies(reg: StreamedRegister, directory: AgencyDirectory, names: Iterable<string | AgencyEntry>): string[] {
  const added = newAgencies(directory, names);
  if (!added.length) return added;
  const sheet = sideSheet(reg, SHEETS.agencies, AGENCY_COLUMNS);
  for (const name of added) appendSideRow(sheet, AGENCY_COLUMNS, agencyRow(directory, name));
  return added;
}

