/** The resolutions table at the end of the minutes: header detection and rows. */
import { comparisonKey, normalizeText } from '../text/normalize';
import { toLatinDigits } from '../text/digits';
import { cells } from './header';

export type TableColumn = 'row' | 'text' | 'agency' | 'deadline';

/** One row as written: cells not yet interpreted. */
export interface TableRow {
  row: number;
  text: string;
  agency: string;
  deadline: string;
  /** 1-based line number in the minutes where the row starts. */
  line: number;
}

const COLUMN_WORDS: Array<[RegExp, TableColumn]> = [
  [/^(ردیف|شماره|ردیفمصوبه)$/, 'row'],
  [/^(اقدامکننده|اقدامکنندگان|مسئولاجرا|مسئولپیگیری|دستگاهمسئول|دستگاهاجرایی|مسئول|متولی)/, 'agency'],
  [/^(زماناقدام|مهلتاقدام|مهلت|زماناجرا|زمانانجام|زمانبندی)/, 'deadline'],
  [/(مصوب|شرح|متن|موضوع)/, 'text'],
];

function columnOf(label: string): TableColumn | undefined {
  const key = comparisonKey(label);
  return COLUMN_WORDS.find(([re]) => re.test(key))?.[1];
}

/**
 * Where the table starts: the index of its header line, and the column order it declares.
 * A header is a line whose cells name at least the row and two other columns, or a line that
 * is just `مصوبات` (optionally with a title after it and a colon), after which the rows follow
 * in the default order row, text, agency, deadline.
 */
export function findTableHeader(lines: string[]): { index: number; columns: TableColumn[] } | undefined {
  for (let i = 0; i < lines.length; i++) {
    const parts = cells(lines[i]);
    const columns = parts.map(columnOf);
    if (parts.length >= 3 && columns[0] === 'row' && new Set(columns.filter(Boolean)).size >= 3) {
      return { index: i, columns: columns.map((c, k) => c ?? (['row', 'text', 'agency', 'deadline'] as TableColumn[])[k]) };
    }
  }
  for (let i = lines.length - 1; i >= 0; i--) {
    if (/^مصوبات(\s[^\t]*)?[:：]?$/.test(normalizeText(lines[i])) && parts1(lines[i])) {
      return { index: i, columns: ['row', 'text', 'agency', 'deadline'] };
    }
  }
  return undefined;
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
    out[column] = merged[k] ?? '';
  });
  return out;
}

function parts1(line: string): boolean {
  return cells(line).length === 1;
}

/**
 * Read the rows that follow the header. A row starts with its number (any digits); lines that
 * do not start with a number continue the previous row (text copied from Word wraps). Cells
 * are tab- or pipe-separated; the last two cells are the agency and the deadline, everything
 * between the number and them is the text.
 */
export function readTableRows(lines: string[], header: { index: number; columns: TableColumn[] }): TableRow[] {
  const records: Array<{ line: number; text: string }> = [];
  for (let i = header.index + 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    if (/^\s*\|?\s*[-:|\s]+$/.test(line)) continue; // markdown separator row
    const startsRow = /^\s*\|?\s*[0-9\u06f0-\u06f9\u0660-\u0669]{1,3}\s*[.\-)]?\s*(\t|\|)/.test(line);
    if (startsRow || records.length === 0) records.push({ line: i + 1, text: line });
    else records[records.length - 1].text += '\n' + line;
  }
  const order = header.columns;
  const rows: TableRow[] = [];
  for (const record of records) {
    const parts = cells(record.text.replace(/\n/g, ' '));
    if (parts.length < 2) continue;
    const value = (column: TableColumn): string => byColumn(parts, order)[column] ?? '';
    const number = Number(toLatinDigits(value('row')).replace(/[^\d]/g, ''));
    if (!Number.isInteger(number) || number <= 0) continue;
    rows.push({ row: number, text: value('text'), agency: value('agency'), deadline: value('deadline'), line: record.line });
  }
  return rows;
}
