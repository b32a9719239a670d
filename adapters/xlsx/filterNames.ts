/**
 * Autofilters that LibreOffice shows too. Excel keeps each sheet's autofilter range in a hidden,
 * sheet-local defined name `_xlnm._FilterDatabase`; exceljs writes the sheet's `<autoFilter>` but
 * not the name, and LibreOffice Calc (7.4) shows no filter buttons without it. exceljs also
 * reads such a name as a workbook-wide one and would write it back without its sheet. Here the
 * names are (re)made from the sheets' autofilters when a workbook is written.
 */
import type { AutoFilter } from 'exceljs';
import { columnLetter } from '../../core/sheet/address';

/** A defined name as exceljs's workbook writer renders it. */
interface NameModel {
  name: string;
  ranges: string[];
  localSheetId?: number;
}

/** The part of exceljs's DefinedNames both workbook kinds have; its types omit `model`. */
interface DefinedNamesLike {
  model: NameModel[];
}

export const FILTER_DATABASE = '_xlnm._FilterDatabase';

/** One sheet's autofilter: its position among the written sheets (0-based), name and `A1:R10` range. */
export interface SheetFilter {
  index: number;
  sheet: string;
  ref: string;
}

/** `{ row, column }` or `A1` as `A1` (no `$`). */
function addressOf(at: string | { row: number; column: number }): string {
  return typeof at === 'string' ? at.replace(/\$/g, '') : `${columnLetter(at.column)}${at.row}`;
}

/**
 * An autofilter value as exceljs holds it (`'A1:R10'`, `{ from, to }` with `A1` strings or
 * `{ row, column }`) as an `A1:R10` range; undefined when there is none or it cannot be read.
 */
export function autoFilterRef(filter: AutoFilter | string | undefined | null): string | undefined {
  if (!filter) return undefined;
  const ref = typeof filter === 'string' ? filter.replace(/\$/g, '') : `${addressOf(filter.from)}:${addressOf(filter.to)}`;
  return /^[A-Z]{1,3}\d+(:[A-Z]{1,3}\d+)?$/.test(ref) ? ref : undefined;
}

/** `A1:R10` → `'sheet'!$A$1:$R$10` (quotes in the sheet name doubled). */
function absoluteRange(sheet: string, ref: string): string {
  const [from, to = from] = ref.split(':');
  const abs = (cell: string) => cell.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');
  return `'${sheet.replace(/'/g, "''")}'!${abs(from)}:${abs(to)}`;
}

/**
 * Make `definedNames` (a workbook's or a streaming writer's) write one sheet-local
 * `_xlnm._FilterDatabase` per entry of `filters()` (asked for when the workbook is written),
 * instead of any such name read from the file. Other names are untouched.
 */
export function writeFilterDatabaseNames(definedNames: unknown, filters: () => readonly SheetFilter[]): void {
  const names = definedNames as DefinedNamesLike;
  const proto = Object.getPrototypeOf(names) as object;
  const descriptor = Object.getOwnPropertyDescriptor(proto, 'model');
  if (!descriptor?.get) return;
  const get = descriptor.get;
  Object.defineProperty(names, 'model', {
    configurable: true,
    get: () => [
      ...(get.call(names) as NameModel[]).filter((n) => n.name !== FILTER_DATABASE),
      ...filters().map((f) => ({ name: FILTER_DATABASE, localSheetId: f.index, ranges: [absoluteRange(f.sheet, f.ref)] })),
    ],
    set: (value: NameModel[]) => descriptor.set?.call(names, value),
  });
}
