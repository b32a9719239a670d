/** The resolutions table at the end of the minutes: header detection and rows. */
import { comparisonKey, normalizeText } from '../text/normalize';
import { toLatinDigits, toPersianDigits } from '../text/digits';
import { cells } from './header';
import type { Warning } from './types';

/** `other` is a column the parser does not use (`دستگاه همکار`, `توضیحات` …). */
export type TableColumn = 'row' | 'text' | 'agency' | 'deadline' | 'other';

/** One row as written: cells not yet interpreted. */
export interface TableRow {
  row: number;
  text: string;
  agency: string;
  deadline: string;
  /** 1-based line number in the minutes where the row starts. */
  line: number;
}

const DEFAULT_ORDER: TableColumn[] = ['row', 'text', 'agency', 'deadline'];

/** Header words by comparison key (spaces and ZWNJ removed). First match wins, so order matters. */
const COLUMN_WORDS: Array<[RegExp, TableColumn]> = [
  [/^(ردیف|شماره|ردیفمصوبه|بند)$/, 'row'],
  // co-operating agencies are not responsible: their column is kept out of `agencies`
  [/^(دستگاه|دستگاههای|سازمان)?(همکار|همکاران)/, 'other'],
  [/^(اقدامکننده|اقدامکنندگان|مسئولاجرا|مسئولپیگیری|مسئولاقدام|دستگاهمسئول|دستگاهاجرایی|دستگاههایمسئول|واحدمسئول|مسئول|متولی|مجری|اقدام$)/, 'agency'],
  [/^(زماناقدام|مهلتاقدام|مهلت|زماناجرا|زمانانجام|زمانبندی|زمان$|تاریخاقدام|تاریخانجام)/, 'deadline'],
  [/(مصوب|شرح|متن|موضوع|عنوان)/, 'text'],
];

function columnOf(label: string): TableColumn | undefined {
  const key = comparisonKey(label);
  return COLUMN_WORDS.find(([re]) => re.test(key))?.[1];
}

/** A line that is just `مصوبات` (optionally `مصوبات جلسه …:`), the plain table title. */
function isPlainTitle(line: string): boolean {
  const text = normalizeText(line);
  return cells(line).length === 1 && /^مصوبات(\s.*)?[:：]?$/.test(text) && text.split(' ').length <= 12 && !/[.!؟?]$/.test(text);
}

/** The columns a header line (`ردیف | مصوبه | اقدام کننده | …`) declares, or undefined when it is not one. */
function headerColumns(line: string): TableColumn[] | undefined {
  const parts = cells(line);
  const columns = parts.map(columnOf);
  if (parts.length < 3 || columns[0] !== 'row' || new Set(columns.filter((c) => c && c !== 'other')).size < 3) return undefined;
  // an unnamed column takes the default meaning of its position only when no other column has it
  const named = new Set(columns);
  return columns.map((c, k) => c ?? (named.has(DEFAULT_ORDER[k]) ? 'other' : DEFAULT_ORDER[k] ?? 'other'));
}

/**
 * Where the table may start: the index of its header line and the column order it declares.
 * A header is a line whose first cell is `ردیف` and whose cells name at least two other
 * columns; or else a line that is just `مصوبات` (optionally with a title after it and a colon),
 * after which the rows follow in the order row, text, agency, deadline. Candidates come best
 * first; the caller takes the first one that has rows after it.
 */
export function tableHeaderCandidates(lines: string[]): Array<{ index: number; columns: TableColumn[] }> {
  const out: Array<{ index: number; columns: TableColumn[] }> = [];
  for (let i = 0; i < lines.length; i++) {
    const columns = headerColumns(lines[i]);
    if (columns) out.push({ index: i, columns });
  }
  // the plain title: the last one first (the table ends the minutes; the narrative may mention مصوبات earlier)
  for (let i = lines.length - 1; i >= 0; i--) {
    if (isPlainTitle(lines[i])) out.push({ index: i, columns: DEFAULT_ORDER });
  }
  return out;
}

/**
 * The cells of a row as typed, empty ones included: split on tabs or pipes; a markdown row's
 * outer pipes (`| ۱ | متن | … |`) do not make empty cells.
 */
function rawCells(text: string): string[] {
  let t = text.trim();
  if (t.startsWith('|')) t = t.slice(1);
  if (t.endsWith('|')) t = t.slice(0, -1);
  return t.split(/\t|\|/);
}

/** A row starts with its number (`۱`, `1-`, `۲.`, `(3)`; up to seven digits, as many rows as Excel holds) and a tab or pipe. */
const ROW_START = /^\s*\|?\s*\(?\s*[0-9\u06f0-\u06f9\u0660-\u0669]{1,7}\s*\)?\s*[.\-)]?\s*(\t|\|)/;

/**
 * Read the rows that follow the header. A row starts with its number (any digits) and a tab or
 * pipe. A line without a number continues the row only while that row still lacks cells: inside
 * the text cell any line does (text copied from Word wraps), after it only a line that carries
 * more cells. Once a row has all its cells, other lines are outside the table: a signature or
 * `رونوشت` after the last row is ignored, and lines between rows are ignored with a warning, as
 * are lines after the last row that look like rows (three cells or more) without a row number.
 */
export function readTableRows(
  lines: string[],
  header: { index: number; columns: TableColumn[] },
  warnings: Warning[] = [],
): TableRow[] {
  const order = header.columns;
  const textAt = Math.max(0, order.indexOf('text'));
  const records: Array<{ line: number; text: string }> = [];
  let ignored: number[] = [];
  // ignored lines that look like table rows (three cells or more) are reported even after the last row
  let ignoredRowLike: number[] = [];
  for (let i = header.index + 1; i < lines.length; i++) {
    const line = lines[i];
    if (normalizeText(line) === '') continue;
    if (/^\s*\|?\s*:?-{2,}[-:|\s]*$/.test(line)) continue; // markdown separator row
    if (headerColumns(line)) continue; // the header repeated (a second table, or a new page)
    if (ROW_START.test(line)) {
      if (ignored.length && records.length) reportIgnored(ignored, warnings);
      ignored = [];
      ignoredRowLike = [];
      records.push({ line: i + 1, text: line });
      continue;
    }
    const current = records[records.length - 1];
    const have = current ? rawCells(current.text).length : 0;
    const carriesCells = /\t|\|/.test(line.trim());
    if (current && ignored.length === 0 && have < order.length && (have <= textAt + 1 || carriesCells)) {
      current.text += '\n' + line;
    } else if (current) {
      ignored.push(i + 1);
      if (rawCells(line).filter((c) => normalizeText(c) !== '').length >= 3) ignoredRowLike.push(i + 1);
    }
  }
  if (ignoredRowLike.length) reportIgnored(ignoredRowLike, warnings);
  const rows: TableRow[] = [];
  for (const record of records) {
    const parts = rowCells(record.text);
    if (parts.length < 2) continue;
    const values = byColumn(parts, order);
    const number = Number(toLatinDigits(values.row ?? '').replace(/[^\d]/g, ''));
    if (!Number.isInteger(number) || number <= 0) continue;
    if (parts.length > order.length) reportExtraCells(number, parts.length - order.length, warnings);
    rows.push({ row: number, text: values.text ?? '', agency: values.agency ?? '', deadline: values.deadline ?? '', line: record.line });
  }
  return rows;
}

/** A row longer than the header: its extra cells went into the text, which a person should check. */
function reportExtraCells(row: number, extra: number, warnings: Warning[]): void {
  warnings.push({
    code: 'table_row_extra_cells',
    fa: `ردیف ${toPersianDigits(String(row))} جدول ${toPersianDigits(String(extra))} خانه بیش از سرستون‌ها دارد؛ خانه‌های اضافه به متن مصوبه افزوده شد. متن، اقدام کننده و زمان اقدام این ردیف را بررسی کنید`,
    en: `row ${row} of the table has ${extra} cell(s) more than the header; the extra cells were added to the resolution's text. Check its text, agency and deadline`,
  });
}

function reportIgnored(lineNumbers: number[], warnings: Warning[]): void {
  const list = lineNumbers.join('، ');
  warnings.push({
    code: 'table_lines_ignored',
    fa: `سطر ${toPersianDigits(list)} میان ردیف‌های جدول مصوبات بود و خوانده نشد؛ اگر بخشی از یک مصوبه است آن را دستی اضافه کنید`,
    en: `line(s) ${lineNumbers.join(', ')} between the rows of the resolutions table were not read; add them by hand if they belong to a resolution`,
  });
}

/**
 * The cells of a row record (its lines joined by \n), trimmed, without the empty cells a
 * `| … |` row has at its ends. Line breaks inside a cell Excel copied with quotes (`"a\nb"`)
 * are paragraph breaks in that cell and become U+2029, which splitAgencies reads as a separator
 * and normalizeText as a space; other line breaks are a wrapped line, a space.
 */
function rowCells(text: string): string[] {
  const parts = text.split(/\t|\|/).map((cell) => {
    const trimmed = cell.trim();
    if (/^"[^]*"$/.test(trimmed) && trimmed.length >= 2) {
      return trimmed.slice(1, -1).replace(/""/g, '"').replace(/\s*\n\s*/g, '\u2029').trim();
    }
    return trimmed.replace(/\s*\n\s*/g, ' ');
  });
  while (parts.length && normalizeText(parts[0]) === '') parts.shift();
  while (parts.length && normalizeText(parts[parts.length - 1]) === '') parts.pop();
  return parts;
}

/**
 * Assign cells to columns. Extra cells (a tab typed inside the text) are joined into the
 * text column; missing trailing cells stay empty.
 */
function byColumn(parts: string[], order: TableColumn[]): Partial<Record<TableColumn, string>> {
  const extra = parts.length - order.length;
  const textAt = order.indexOf('text');
  const merged = extra > 0 && textAt >= 0
    ? [...parts.slice(0, textAt), parts.slice(textAt, textAt + extra + 1).join(' '), ...parts.slice(textAt + extra + 1)]
    : parts;
  const out: Partial<Record<TableColumn, string>> = {};
  order.forEach((column, k) => {
    if (column !== 'other' && out[column] === undefined) out[column] = merged[k] ?? '';
  });
  return out;
}
