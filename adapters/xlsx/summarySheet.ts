/**
 * The "review of past resolutions" in Excel: the `خلاصه` sheet (totals, per agency and per
 * meeting counts by state with the percent done, the colour legend) and the `مهلت گذشته`
 * sheet (the overdue list, most days late first). Used inside the register and as the
 * standalone summary workbook. Counts stay numbers so people can sort and chart them; every
 * text (dates, titles, notes) carries Persian digits.
 */
import type { AutoFilter, Style, Workbook, Worksheet } from 'exceljs';
import { SHEETS } from '../../core/register/fields';
import { PALETTE } from '../../core/register/palette';
import { DEADLINE_STATES, STATE_LABELS } from '../../core/register/state';
import { statusLabel } from '../../core/register/status';
import type { RegisterSummary, Totals } from '../../core/register/summary';
import { toPersianDigits } from '../../core/text';
import {
  BODY_ALIGNMENT, BODY_FONT, CENTER_ALIGNMENT, HEADER_ALIGNMENT, HEADER_FONT, HEADER_FILL, THIN_BORDERS, TITLE_FONT,
  WRAP_ALIGNMENT, PERSIAN_NUMBER_FORMAT, printSetup, rtlView, wrappedRowHeight, PRINT_FOOTER,
} from './layout';
import { moveSheet, writeLegend, type CellSheet } from './sideSheets';

/** Name of the overdue list sheet. */
export const OVERDUE_SHEET = 'مهلت گذشته';

/** Style objects are shared between cells on purpose: exceljs's writer serializes each object once. */
const HEADER_STYLES = new Map<string | undefined, Partial<Style>>();
function headerStyle(fill: string | undefined): Partial<Style> {
  let style = HEADER_STYLES.get(fill);
  if (!style) {
    style = {
      font: HEADER_FONT, alignment: HEADER_ALIGNMENT, border: THIN_BORDERS,
      fill: fill ? { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${fill}` } } : HEADER_FILL,
    };
    HEADER_STYLES.set(fill, style);
  }
  return style;
}
const WRAP_STYLE: Partial<Style> = { font: BODY_FONT, border: THIN_BORDERS, alignment: WRAP_ALIGNMENT };
const NUMBER_STYLE: Partial<Style> = { font: BODY_FONT, border: THIN_BORDERS, alignment: CENTER_ALIGNMENT, numFmt: PERSIAN_NUMBER_FORMAT };
const TEXT_STYLE: Partial<Style> = { font: BODY_FONT, border: THIN_BORDERS, alignment: BODY_ALIGNMENT };
const LATE_STYLE: Partial<Style> = { ...NUMBER_STYLE, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${PALETTE.overdue.fill}` } } };

function header(sheet: CellSheet, row: number, labels: string[], fills: Array<string | undefined> = []): void {
  sheet.getRow(row).height = 30;
  labels.forEach((label, i) => {
    const cell = sheet.getCell(row, i + 1);
    cell.value = label;
    cell.style = headerStyle(fills[i]) as Style;
  });
}

function body(sheet: CellSheet, row: number, values: Array<string | number | null>, wrapColumns: number[] = []): void {
  values.forEach((value, i) => {
    const cell = sheet.getCell(row, i + 1);
    cell.value = value;
    cell.style = (wrapColumns.includes(i + 1) ? WRAP_STYLE : typeof value === 'number' ? NUMBER_STYLE : TEXT_STYLE) as Style;
  });
}

/** Count columns: total, each state, percent done. */
function totalsCells(t: Totals): Array<number | null> {
  return [t.total, ...DEADLINE_STATES.map((s) => t.counts[s]), t.percentDone];
}

const TOTALS_HEADERS = ['تعداد کل', ...DEADLINE_STATES.map((s) => STATE_LABELS[s]), 'درصد انجام'];
const TOTALS_FILLS = [undefined, ...DEADLINE_STATES.map((s) => PALETTE[s].fill), undefined];

function title(sheet: CellSheet, row: number, text: string): void {
  const cell = sheet.getCell(row, 1);
  cell.value = text;
  cell.font = TITLE_FONT;
}

/** Replace (or create) a tool-owned sheet, keeping its tab position. */
function freshSheet(workbook: Workbook, name: string, views: ReturnType<typeof rtlView>, after?: Worksheet): Worksheet {
  const old = workbook.getWorksheet(name);
  const position = old ? workbook.worksheets.indexOf(old) : after ? workbook.worksheets.indexOf(after) + 1 : -1;
  if (old) workbook.removeWorksheet(old.id);
  const sheet = workbook.addWorksheet(name, { views });
  if (position >= 0) moveSheet(workbook, sheet, position);
  return sheet;
}

/** Print setup of the summary sheets: A4 landscape, fit to width, page numbers; titles repeated on the overdue list. */
export function summaryPageSetup(sheetName: string): { pageSetup: ReturnType<typeof printSetup>; footer: string } {
  const setup = printSetup(sheetName === OVERDUE_SHEET ? 2 : 1);
  if (sheetName !== OVERDUE_SHEET) delete setup.printTitlesRow;
  return { pageSetup: setup, footer: PRINT_FOOTER };
}

/** Views of the summary sheets: right to left; the overdue list freezes its title and header. */
export function summaryViews(sheetName: string): ReturnType<typeof rtlView> {
  return rtlView(sheetName === OVERDUE_SHEET ? 2 : 0);
}

/**
 * Write the summary sheets into a whole workbook, replacing earlier ones written by the tool.
 * @param source the register file name, shown under the title (optional)
 */
export function writeSummarySheets(workbook: Workbook, summary: RegisterSummary, source?: string): void {
  const sheet = freshSheet(workbook, SHEETS.summary, summaryViews(SHEETS.summary));
  const overdue = freshSheet(workbook, OVERDUE_SHEET, summaryViews(OVERDUE_SHEET), sheet);
  for (const s of [sheet, overdue]) {
    const { pageSetup, footer } = summaryPageSetup(s.name);
    s.pageSetup = { ...s.pageSetup, ...pageSetup };
    s.headerFooter = { oddFooter: footer };
  }
  fillSummary(sheet, summary, source);
  overdue.autoFilter = fillOverdue(overdue, summary);
}

/**
 * The `خلاصه` sheet's content: title, totals, per agency, per meeting, legend.
 * @param done called with each row number once it is complete (the streaming writer commits it)
 */
export function fillSummary(sheet: CellSheet, summary: RegisterSummary, source?: string, done: (row: number) => void = () => undefined): void {
  sheet.getColumn(1).width = 40;
  for (let c = 2; c <= TOTALS_HEADERS.length + 1; c++) sheet.getColumn(c).width = 11;

  let r = 1;
  title(sheet, r++, `خلاصه وضعیت مصوبات تا تاریخ ${toPersianDigits(summary.today)}`);
  if (source) {
    sheet.getCell(r, 1).value = `از روی «${source}»`;
    sheet.getCell(r++, 1).font = BODY_FONT;
  }
  r++;
  header(sheet, r++, ['', ...TOTALS_HEADERS], [undefined, ...TOTALS_FILLS]);
  body(sheet, r++, ['همه مصوبات', ...totalsCells(summary.total)]);
  r++;

  title(sheet, r++, 'به تفکیک دستگاه');
  header(sheet, r++, ['دستگاه اجرایی', ...TOTALS_HEADERS], [undefined, ...TOTALS_FILLS]);
  for (const agency of summary.agencies) {
    body(sheet, r, [agency.agency || '(بدون دستگاه)', ...totalsCells(agency)], [1]);
    done(r++);
  }
  r++;

  title(sheet, r++, 'به تفکیک جلسه');
  header(sheet, r++, ['جلسه', ...TOTALS_HEADERS], [undefined, ...TOTALS_FILLS]);
  for (const meeting of summary.meetings) {
    const label = meeting.meetingDate ? `${meeting.meeting} (${toPersianDigits(meeting.meetingDate)})` : meeting.meeting;
    body(sheet, r, [label, ...totalsCells(meeting)], [1]);
    done(r++);
  }
  r++;
  writeLegend(sheet, r);
}

/**
 * The `مهلت گذشته` sheet's content: the overdue list, most days late first.
 * @returns the autofilter range to set on the sheet (undefined when the list is empty)
 */
export function fillOverdue(sheet: CellSheet, summary: RegisterSummary, done: (row: number) => void = () => undefined): AutoFilter | undefined {
  const widths = [6, 32, 10, 12, 30, 12, 6, 16, 8, 70];
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  title(sheet, 1, `مصوبات با مهلت گذشته تا تاریخ ${toPersianDigits(summary.today)} (${toPersianDigits(summary.overdue.length)} مورد)`);
  header(sheet, 2, ['ردیف', 'دستگاه اجرایی', 'روز تأخیر', 'مهلت', 'جلسه', 'تاریخ جلسه', 'بند', 'وضعیت', 'درصد', 'متن مصوبه']);
  done(1);
  done(2);
  summary.overdue.forEach((item, i) => {
    const r = i + 3;
    body(sheet, r, [
      i + 1, item.agency, item.daysLate, toPersianDigits(item.due), item.meeting,
      item.meetingDate ? toPersianDigits(item.meetingDate) : '', item.row, statusLabel(item.status) || 'گزارش نشده',
      item.percent, item.text,
    ], [2, 5, 10]);
    sheet.getCell(r, 3).style = LATE_STYLE as Style;
    const height = wrappedRowHeight([[item.text, widths[9]], [item.agency, widths[1]], [item.meeting, widths[4]]]);
    if (height) sheet.getRow(r).height = height;
    done(r);
  });
  if (!summary.overdue.length) return undefined;
  return { from: { row: 2, column: 1 }, to: { row: summary.overdue.length + 2, column: widths.length } };
}
