/**
 * The register as the merge needs it, without exceljs: its rows read with the light reader,
 * and the merged file written by patching the few parts that change — the changed rows of the
 * `مصوبات` sheet (their agency cells, revision, update time, state words and colour), the
 * styles those colours need, and the `تاریخچه` sheet (appended to, or added) — while every
 * other byte of the workbook (other sheets, charts, pivot tables, images, rules, names) stays
 * as it was. A merge changes a few hundred cells of a file that may hold hundreds of
 * thousands: rewriting only those is both faster and safer than re-serializing everything.
 *
 * What this does not handle throws LightUnsupported; the use case then merges through
 * exceljs's whole-workbook model instead.
 */
import { AgencyDirectory } from '../../../core/agency';
import { REGISTER_FIELDS, SHEETS, type FieldName } from '../../../core/register/fields';
import { isBlankRow } from '../../../core/register/rows';
import type { CellValue, RawRow } from '../../../core/register/types';
import type { HistoryEntry } from '../../../core/merge';
import { findRegisterSheet } from '../registerBook';
import { headerField, type RegisterHeader } from '../registerSheet';
import { parseAgencies, type Grid } from '../sideSheets';
import { isSettingsSheetName } from '../settingsSheet';
import { parseSettingsSheet, type RegisterSettings, type SettingsRead } from '../../../core/register/settings';
import { columnLetter } from '../../../core/sheet/address';
import type { WorkbookBytes } from '../workbookFile';
import { lightGrid } from './grid';
import { findHistoryHeader, HISTORY_COLUMNS, historyCells, readHistory, type HistoryKey } from './historySheet';
import { patchZip } from '../fast/zipPatch';
import { LightUnsupported, LightWorkbook, stylePercent, attr, type LightRow, type LightSheet, type LightStyles } from '../fast/lightXlsx';

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const WORKSHEET_TYPE = `${REL_NS}/worksheet`;
const WORKSHEET_CONTENT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';

/** A register read for merging. */
export interface LightRegister {
  source: WorkbookBytes;
  light: LightWorkbook;
  sheet: LightSheet;
  header: RegisterHeader;
  /** Data rows (non-blank), in sheet order. */
  rows: RawRow[];
  /** The rows of the history sheet's earlier merges (see readHistory). */
  history: HistoryEntry[];
  directory: AgencyDirectory;
  /** The `تنظیمات` sheet's settings (defaults when missing or unreadable). */
  settings: RegisterSettings;
  /** The `تنظیمات` sheet as read: whether it is there, and an issue per unreadable cell. */
  settingsSheet: SettingsRead;
}

/**
 * Read a register for merging.
 * @throws LightUnsupported when the register needs the exceljs path: no header found (exceljs
 *   then gives the message), merged cells among the data rows, XML this reader does not handle
 * @throws MosavabatError `register_sheet_missing`
 */
export function openLightRegister(source: WorkbookBytes): LightRegister {
  const light = LightWorkbook.open(source.bytes, source.inspection);
  const info = findRegisterSheet(source.inspection.sheets, source.file);
  const sheet = light.sheet(info.name);
  if (!sheet.plain) throw new LightUnsupported('not a plain transitional SpreadsheetML sheet');
  const header = headerOf(sheet.rows);
  if (!header) throw new LightUnsupported('no header');
  if (sheet.merges.some((ref) => Number(/\d+$/.exec(ref)?.[0] ?? 0) > header.row)) throw new LightUnsupported('merged data cells');
  const fieldOf: Array<FieldName | undefined> = [];
  for (const [field, col] of header.columns) fieldOf[col] = field;
  const rows: RawRow[] = [];
  for (const row of sheet.rows) {
    if (row.number <= header.row) continue;
    const values: RawRow['values'] = {};
    for (const field of header.columns.keys()) values[field] = null;
    for (const cell of row.cells) {
      const field = fieldOf[cell.col];
      if (field) values[field] = cell.value;
    }
    const raw = { sheetRow: row.number, values };
    if (!isBlankRow(raw)) rows.push(raw);
  }
  const has = (name: string) => source.inspection.sheets.some((s) => s.name === name && s.part);
  const history = has(SHEETS.history) ? readHistory(lightGrid(light.sheet(SHEETS.history))) : [];
  const directory = has(SHEETS.agencies) ? parseAgencies(gridOf(light.sheet(SHEETS.agencies))) : AgencyDirectory.from([]);
  const settingsSheet = source.inspection.sheets.find((s) => s.part && isSettingsSheetName(s.name));
  const settingsRead = parseSettingsSheet(settingsSheet ? gridOf(light.sheet(settingsSheet.name)) : undefined, settingsSheet?.name);
  return { source, light, sheet, header, rows, history, directory, settings: settingsRead.settings, settingsSheet: settingsRead };
}

/** The register header among the first ten rows (the rule findRegisterHeader applies). */
function headerOf(rows: readonly LightRow[]): RegisterHeader | undefined {
  for (const row of rows) {
    if (row.number > 10) break;
    const columns = new Map<FieldName, number>();
    for (const cell of row.cells) {
      const field = typeof cell.value === 'string' ? headerField(cell.value) : undefined;
      if (field && !columns.has(field)) columns.set(field, cell.col);
    }
    if (columns.size >= 3) return { row: row.number, columns };
  }
  return undefined;
}

function gridOf(sheet: LightSheet): Grid {
  const grid: Grid = [];
  for (const row of sheet.rows) {
    const values: CellValue[] = [];
    for (const cell of row.cells) values[cell.col] = cell.value;
    grid[row.number] = values;
  }
  return grid;
}

/** What to write into one register row: cell values by field, and the row's state colour. */
export interface RowWrite {
  sheetRow: number;
  cells: Partial<Record<FieldName, CellValue>>;
  /** ARGB of the state's fill for the tool's visible columns. */
  fill: string;
}

/** Fields whose cells take the state's colour (the visible ones), as writeDerived does. */
const COLOURED: readonly FieldName[] = REGISTER_FIELDS.filter((f) => !f.hidden).map((f) => f.name);

/**
 * The register file with `writes` applied to its rows and `history` appended to `تاریخچه`.
 * @returns the new file's bytes (a zip); the input is not changed
 * @throws LightUnsupported when a cell to overwrite holds a formula, or a column is missing
 */
export function patchRegister(reg: LightRegister, writes: readonly RowWrite[], history: readonly HistoryEntry[]): Buffer {
  const styles = new StylePatch(reg.light.styles());
  const parts = new Map<string, string>();
  const byNumber = new Map(reg.sheet.rows.map((r) => [r.number, r]));
  const rowEdits = new Map<number, Map<number, CellEdit>>();
  for (const write of writes) {
    const row = byNumber.get(write.sheetRow);
    if (!row) throw new LightUnsupported(`row ${write.sheetRow} not found`);
    const edits = new Map<number, CellEdit>();
    const existing = new Map(row.cells.map((c) => [c.col, c]));
    for (const [field, value] of Object.entries(write.cells) as Array<[FieldName, CellValue]>) {
      const col = reg.header.columns.get(field);
      if (col === undefined) throw new LightUnsupported(`column ${field} missing`);
      const cell = existing.get(col);
      if (cell?.formula) throw new LightUnsupported('a formula cell would be overwritten');
      edits.set(col, { value });
    }
    for (const field of COLOURED) {
      const col = reg.header.columns.get(field);
      if (col === undefined) continue;
      const edit = edits.get(col) ?? {};
      edit.fill = write.fill;
      edits.set(col, edit);
    }
    rowEdits.set(write.sheetRow, edits);
  }
  parts.set(reg.sheet.part, patchRows(reg.sheet, rowEdits, styles));
  appendHistorySheet(reg, history, styles, parts);
  if (styles.changed) parts.set('xl/styles.xml', styles.xml());

  const names = new Set(reg.light.partNames());
  const replace = new Map<string, Buffer>();
  const add: Array<{ name: string; data: Buffer }> = [];
  for (const [name, text] of parts) {
    if (names.has(name)) replace.set(name, Buffer.from(text, 'utf8'));
    else add.push({ name, data: Buffer.from(text, 'utf8') });
  }
  return patchZip(reg.source.bytes, reg.source.inspection.entries, replace, add);
}

/** A cell to rewrite: a new value (when `value` is set) and/or a fill. */
interface CellEdit {
  value?: CellValue;
  fill?: string;
}

/** `& < >` escaped, and the characters XML 1.0 cannot carry removed (as exceljs does). */
function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A cell element with a plain value (never a formula), or an empty styled cell. */
function cellXml(ref: string, style: number, value: CellValue, percentStyle: boolean): string {
  const s = style ? ` s="${style}"` : '';
  if (value === null || value === undefined || value === '') return `<c r="${ref}"${s}/>`;
  if (typeof value === 'number') return `<c r="${ref}"${s}><v>${percentStyle ? value / 100 : value}</v></c>`;
  if (typeof value === 'boolean') return `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeXml(String(value))}</t></is></c>`;
}

/** The sheet's XML with the edited rows rebuilt (cells in column order; `spans` dropped). */
function patchRows(sheet: LightSheet, rowEdits: ReadonlyMap<number, ReadonlyMap<number, CellEdit>>, styles: StylePatch): string {
  const out: string[] = [];
  let at = 0;
  for (const row of sheet.rows) {
    const edits = rowEdits.get(row.number);
    if (!edits) continue;
    out.push(sheet.xml.slice(at, row.start));
    const open = row.openEnd < 0 ? sheet.xml.slice(row.start, row.end - 2) : sheet.xml.slice(row.start, row.openEnd - 1);
    const cells: Array<[number, string]> = [];
    const seen = new Set<number>();
    for (const cell of row.cells) {
      seen.add(cell.col);
      const edit = edits.get(cell.col);
      const original = sheet.xml.slice(cell.start, cell.end);
      if (!edit) {
        cells.push([cell.col, original]);
        continue;
      }
      const style = edit.fill ? styles.withFill(cell.style, edit.fill) : cell.style;
      if ('value' in edit) {
        cells.push([cell.col, cellXml(`${columnLetter(cell.col)}${row.number}`, style, edit.value ?? null, styles.percent(cell.style))]);
      } else {
        cells.push([cell.col, restyled(original, style)]);
      }
    }
    for (const [col, edit] of edits) {
      if (seen.has(col)) continue;
      const style = edit.fill ? styles.withFill(0, edit.fill) : 0;
      cells.push([col, cellXml(`${columnLetter(col)}${row.number}`, style, edit.value ?? null, false)]);
    }
    cells.sort((a, b) => a[0] - b[0]);
    out.push(open.replace(/\sspans="[^"]*"/, ''), '>', ...cells.map((c) => c[1]), '</row>');
    at = row.end;
  }
  out.push(sheet.xml.slice(at));
  return out.join('');
}

/** A cell element with its `s` attribute set to `style`. */
function restyled(xml: string, style: number): string {
  const end = xml.search(/\/?>/);
  const open = xml.slice(0, end);
  const replaced = /\ss="\d*"/.test(open) ? open.replace(/\ss="\d*"/, ` s="${style}"`) : `${open} s="${style}"`;
  return replaced + xml.slice(end);
}

/**
 * New cell styles: a copy of an existing style with another fill (the state colours), and
 * the fills they need, appended to styles.xml. Each (style, fill) pair is made once.
 */
class StylePatch {
  private readonly made = new Map<string, number>();
  private readonly newXfs: string[] = [];
  private readonly newFills: string[] = [];
  private fills?: { argbs: Array<string | undefined> };
  changed = false;

  constructor(private readonly styles: LightStyles) {
    if (!styles.xml || styles.cellXfs.start < 0 || styles.cellXfs.end < 0) throw new LightUnsupported('no cell styles');
    if (!styles.plain) throw new LightUnsupported('styles not plain transitional SpreadsheetML');
  }

  percent(index: number): boolean {
    return stylePercent(this.styles, index);
  }

  private fillList() {
    if (this.fills) return this.fills;
    const xml = this.styles.xml;
    const open = /<fills\b[^>]*>/.exec(xml);
    const close = xml.indexOf('</fills>');
    if (!open || close < 0) throw new LightUnsupported('no fills');
    const body = xml.slice(open.index + open[0].length, close);
    const argbs = [...body.matchAll(/<fill\b[^>]*?(?:\/>|>([\s\S]*?)<\/fill>)/g)].map((m) => {
      const solid = /<patternFill\b[^>]*patternType="solid"[^>]*>[\s\S]*?<fgColor\b[^>]*rgb="([0-9A-Fa-f]{8})"/.exec(m[1] ?? '');
      return solid?.[1].toUpperCase();
    });
    this.fills = { argbs };
    return this.fills;
  }

  private fillId(argb: string): number {
    const fills = this.fillList();
    const known = fills.argbs.indexOf(argb.toUpperCase());
    if (known >= 0) return known;
    fills.argbs.push(argb.toUpperCase());
    this.newFills.push(`<fill><patternFill patternType="solid"><fgColor rgb="${argb.toUpperCase()}"/><bgColor indexed="64"/></patternFill></fill>`);
    return fills.argbs.length - 1;
  }

  /** The index of a style like `index` with `argb` as its solid fill (or no fill for ''). */
  withFill(index: number, argb: string): number {
    const key = `${index}|${argb}`;
    let made = this.made.get(key);
    if (made !== undefined) return made;
    const xf = this.styles.xfs[index] ?? this.styles.xfs[0] ?? '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>';
    const fillId = argb ? this.fillId(argb) : 0;
    const openEnd = xf.search(/\/?>/);
    let open = xf.slice(0, openEnd);
    open = /\sfillId="\d*"/.test(open) ? open.replace(/\sfillId="\d*"/, ` fillId="${fillId}"`) : `${open} fillId="${fillId}"`;
    open = /\sapplyFill="[^"]*"/.test(open) ? open.replace(/\sapplyFill="[^"]*"/, ' applyFill="1"') : `${open} applyFill="1"`;
    const currentFill = Number(attr(xf.slice(0, openEnd), 'fillId') ?? 0);
    if (currentFill === fillId && /applyFill="(1|true)"/.test(xf)) {
      this.made.set(key, index);
      return index;
    }
    made = this.styles.xfs.length + this.newXfs.length;
    this.newXfs.push(open + xf.slice(openEnd));
    this.made.set(key, made);
    this.changed = true;
    return made;
  }

  /** styles.xml with the new styles and fills appended (counts updated). */
  xml(): string {
    let xml = this.styles.xml;
    const { start, end } = this.styles.cellXfs;
    const total = this.styles.xfs.length + this.newXfs.length;
    const cellXfs = xml.slice(start, end);
    const newCellXfs = cellXfs.endsWith('/>')
      ? `<cellXfs count="${total}">${this.newXfs.join('')}</cellXfs>`
      : cellXfs.replace(/\scount="\d*"/, ` count="${total}"`).replace(/<\/cellXfs>$/, `${this.newXfs.join('')}</cellXfs>`);
    xml = xml.slice(0, start) + newCellXfs + xml.slice(end);
    if (this.newFills.length) {
      const count = this.fillList().argbs.length;
      const openTag = /<fills\b[^>]*>/.exec(xml)!;
      const close = xml.indexOf('</fills>');
      const tag = /\scount="\d*"/.test(openTag[0]) ? openTag[0].replace(/\scount="\d*"/, ` count="${count}"`) : openTag[0];
      xml = xml.slice(0, openTag.index) + tag + xml.slice(openTag.index + openTag[0].length, close) + this.newFills.join('') + xml.slice(close);
    }
    return xml;
  }
}

/** Append the history lines to `تاریخچه`, or add the sheet when the register has none. */
function appendHistorySheet(reg: LightRegister, history: readonly HistoryEntry[], styles: StylePatch, parts: Map<string, string>): void {
  if (!history.length) return;
  const info = reg.source.inspection.sheets.find((s) => s.name === SHEETS.history && s.part);
  // body styles: the register's own data cells without their state colour
  const firstData = reg.sheet.rows.find((r) => r.number > reg.header.row && r.cells.length);
  const styleOf = (field: FieldName) => firstData?.cells.find((c) => c.col === reg.header.columns.get(field))?.style ?? 0;
  const plain = styles.withFill(styleOf('id'), '');
  const wrapped = styles.withFill(styleOf('text'), '');
  const headerStyle = reg.sheet.rows.find((r) => r.number === reg.header.row)?.cells[0]?.style ?? 0;
  if (!info) {
    addHistorySheet(reg, history, { plain, wrapped, header: headerStyle }, parts);
    return;
  }
  const sheet = reg.light.sheet(SHEETS.history);
  if (!sheet.plain) throw new LightUnsupported('history sheet namespace');
  const header = findHistoryHeader(sheet.rows.map((r) => [r.number, r.cells.map((c) => [c.col, c.value] as [number, CellValue])]));
  const columns = header?.columns ?? new Map<HistoryKey, number>();
  const headerRow = header?.row ?? 1;
  let next = 1;
  let lastRow = headerRow;
  // after the last row element, even an empty one: rows must stay in ascending order
  for (const row of sheet.rows) {
    for (const cell of row.cells) if (cell.col >= next) next = cell.col + 1;
    if (row.number > lastRow) lastRow = row.number;
  }
  for (const col of columns.values()) if (col >= next) next = col + 1;
  const added: Array<[number, string]> = [];
  for (const c of HISTORY_COLUMNS) {
    if (columns.has(c.key)) continue;
    columns.set(c.key, next);
    added.push([next++, c.fa]);
  }
  let xml = sheet.xml;
  const rowsXml = history.map((e, i) => historyRowXml(lastRow + 1 + i, e, columns, plain, wrapped)).join('');
  const bottom = lastRow + history.length;
  const lastCol = Math.max(...columns.values());
  // header cells of the columns an older sheet lacks (the first edit: positions still hold)
  if (added.length) {
    const row = sheet.rows.find((r) => r.number === headerRow);
    const cells = added.map(([col, text]) => cellXml(`${columnLetter(col)}${headerRow}`, headerStyle, text, false)).join('');
    if (row) {
      const open = (row.openEnd < 0 ? xml.slice(row.start, row.end - 2) : xml.slice(row.start, row.openEnd - 1)).replace(/\sspans="[^"]*"/, '');
      const inner = row.openEnd < 0 ? '' : xml.slice(row.openEnd, row.end - '</row>'.length);
      xml = `${xml.slice(0, row.start)}${open}>${inner}${cells}</row>${xml.slice(row.end)}`;
    } else {
      xml = insertRows(xml, `<row r="${headerRow}">${cells}</row>`, true);
    }
  }
  xml = insertRows(xml, rowsXml, false);
  xml = xml.replace(/<dimension\b[^>]*\/>/, `<dimension ref="A1:${columnLetter(lastCol)}${bottom}"/>`);
  xml = xml.replace(/(<autoFilter\b[^>]*\bref=")([A-Z]+\d+):[A-Z]+\d+"/, (_, head: string, from: string) => `${head}${from}:${columnLetter(lastCol)}${bottom}"`);
  const ref = columns.get('ref')!;
  if (added.some(([col]) => col === ref)) xml = hideColumn(xml, ref);
  parts.set(sheet.part, xml);
}

/** Insert row elements at the start or the end of sheetData. */
function insertRows(xml: string, rows: string, atStart: boolean): string {
  const empty = /<sheetData\s*\/>/.exec(xml);
  if (empty) return xml.slice(0, empty.index) + `<sheetData>${rows}</sheetData>` + xml.slice(empty.index + empty[0].length);
  if (atStart) {
    const open = /<sheetData\b[^>]*>/.exec(xml);
    if (!open) throw new LightUnsupported('no sheetData');
    return xml.slice(0, open.index + open[0].length) + rows + xml.slice(open.index + open[0].length);
  }
  const close = xml.lastIndexOf('</sheetData>');
  if (close < 0) throw new LightUnsupported('no sheetData');
  return xml.slice(0, close) + rows + xml.slice(close);
}

/** A `<col>` that hides column `col`, unless a column definition covers it already. */
function hideColumn(xml: string, col: number): string {
  const definition = `<col min="${col}" max="${col}" width="12" hidden="1" customWidth="1"/>`;
  const cols = /<cols>([\s\S]*?)<\/cols>/.exec(xml);
  if (!cols) {
    const at = xml.search(/<sheetData\b/);
    return at < 0 ? xml : `${xml.slice(0, at)}<cols>${definition}</cols>${xml.slice(at)}`;
  }
  const covered = [...cols[1].matchAll(/<col\b([^>]*)\/?>/g)].some((m) => Number(attr(m[1], 'min')) <= col && Number(attr(m[1], 'max')) >= col);
  if (covered) return xml;
  const end = cols.index + cols[0].length - '</cols>'.length;
  return xml.slice(0, end) + definition + xml.slice(end);
}

function historyRowXml(number: number, entry: HistoryEntry, columns: ReadonlyMap<HistoryKey, number>, plain: number, wrapped: number): string {
  const values = historyCells(entry);
  const cells = HISTORY_COLUMNS.map((c) => [columns.get(c.key)!, cellXml(`${columnLetter(columns.get(c.key)!)}${number}`, c.wrap ? wrapped : plain, values[c.key], false)] as const)
    .sort((a, b) => a[0] - b[0]).map((c) => c[1]);
  return `<row r="${number}">${cells.join('')}</row>`;
}

/** A new `تاریخچه` sheet after the last sheet: right to left, frozen header, widths, filter. */
function addHistorySheet(reg: LightRegister, history: readonly HistoryEntry[], style: { plain: number; wrapped: number; header: number },
  parts: Map<string, string>): void {
  const light = reg.light;
  const workbook = light.part('xl/workbook.xml') ?? '';
  const rels = light.part('xl/_rels/workbook.xml.rels') ?? '';
  const types = light.part('[Content_Types].xml') ?? '';
  const prefix = new RegExp(`xmlns:(\\w+)="${REL_NS.replace(/[./]/g, '\\$&')}"`).exec(workbook)?.[1];
  const sheetsClose = workbook.lastIndexOf('</sheets>');
  const relsClose = rels.lastIndexOf('</Relationships>');
  const typesClose = types.lastIndexOf('</Types>');
  if (!prefix || sheetsClose < 0 || relsClose < 0 || typesClose < 0) throw new LightUnsupported('cannot add a sheet');
  const names = new Set(light.partNames());
  let n = 1;
  while (names.has(`xl/worksheets/sheet${n}.xml`)) n++;
  const part = `xl/worksheets/sheet${n}.xml`;
  const ids = [...workbook.matchAll(/<sheet\b[^>]*\bsheetId="(\d+)"/g)].map((m) => Number(m[1]));
  const sheetId = Math.max(0, ...ids) + 1;
  const relIds = new Set([...rels.matchAll(/\bId="([^"]+)"/g)].map((m) => m[1]));
  let rid = 1;
  while (relIds.has(`rId${rid}`)) rid++;
  parts.set('xl/workbook.xml', `${workbook.slice(0, sheetsClose)}<sheet name="${SHEETS.history}" sheetId="${sheetId}" ${prefix}:id="rId${rid}"/>${workbook.slice(sheetsClose)}`);
  parts.set('xl/_rels/workbook.xml.rels', `${rels.slice(0, relsClose)}<Relationship Id="rId${rid}" Type="${WORKSHEET_TYPE}" Target="worksheets/sheet${n}.xml"/>${rels.slice(relsClose)}`);
  parts.set('[Content_Types].xml', `${types.slice(0, typesClose)}<Override PartName="/${part}" ContentType="${WORKSHEET_CONTENT}"/>${types.slice(typesClose)}`);

  const columns = new Map(HISTORY_COLUMNS.map((c, i) => [c.key, i + 1]));
  const cols = HISTORY_COLUMNS.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"${c.hidden ? ' hidden="1"' : ''}/>`).join('');
  const headerCells = HISTORY_COLUMNS.map((c, i) => cellXml(`${columnLetter(i + 1)}1`, style.header, c.fa, false)).join('');
  const rows = history.map((e, i) => historyRowXml(i + 2, e, columns, style.plain, style.wrapped)).join('');
  const last = `${columnLetter(HISTORY_COLUMNS.length)}${history.length + 1}`;
  parts.set(part, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    + `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><dimension ref="A1:${last}"/>`
    + '<sheetViews><sheetView rightToLeft="1" workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
    + `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols>`
    + `<sheetData><row r="1" ht="30" customHeight="1">${headerCells}</row>${rows}</sheetData>`
    + `<autoFilter ref="A1:${last}"/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`);
}
