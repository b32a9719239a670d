/**
 * The "review of past resolutions" in Excel: the `خلاصه` sheet (totals, per agency and per
 * meeting counts by state with the percent done, the colour legend) and the `مهلت گذشته`
 * sheet (the overdue list, most days late first). Used inside the register and as the
 * standalone summary workbook. Counts stay numbers so people can sort and chart them; every
 * text (dates, titles, notes) carries Persian digits.
 */
import type { Workbook, Worksheet } from 'exceljs';
import { SHEETS } from '../../core/register/fields';
import { PALETTE } from '../../core/register/palette';
import { DEADLINE_STATES, STATE_LABELS } from '../../core/register/state';
import { statusLabel } from '../../core/register/status';
import type { RegisterSummary, Totals } from '../../core/register/summary';
import { toPersianDigits } from '../../core/text';
import {
  BODY_ALIGNMENT, BODY_FONT, CENTER_ALIGNMENT, HEADER_ALIGNMENT, HEADER_FONT, HEADER_FILL, THIN_BORDERS, TITLE_FONT,
  WRAP_ALIGNMENT, printSetup, rtlView, PRINT_FOOTER,
} from './layout';
import { moveSheet, writeLegend } from './sideSheets';

/** Name of the overdue list sheet. */
export const OVERDUE_SHEET = 'مهلت گذشته';

function header(sheet: Worksheet, row: number, labels: string[], fills: Array<string | undefined> = []): void {
  labels.forEach((label, i) => {
    const cell = sheet.getCell(row, i + 1);
    cell.value = label;
    cell.style = {
      font: HEADER_FONT, alignment: HEADER_ALIGNMENT, border: THIN_BORDERS,
      fill: fills[i] ? { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${fills[i]}` } } : HEADER_FILL,
    };
  });
}

function body(sheet: Worksheet, row: number, values: Array<string | number | null>, wrapColumns: number[] = []): void {
  values.forEach((value, i) => {
    const cell = sheet.getCell(row, i + 1);
    cell.value = value;
    cell.style = {
      font: BODY_FONT, border: THIN_BORDERS,
      alignment: wrapColumns.includes(i + 1) ? WRAP_ALIGNMENT : typeof value === 'number' ? CENTER_ALIGNMENT : BODY_ALIGNMENT,
    };
  });
}

/** Count columns: total, each state, percent done. */
function totalsCells(t: Totals): Array<number | null> {
  return [t.total, ...DEADLINE_STATES.map((s) => t.counts[s]), t.percentDone];
}

const TOTALS_HEADERS = ['تعداد کل', ...DEADLINE_STATES.map((s) => STATE_LABELS[s]), 'درصد انجام'];
const TOTALS_FILLS = [undefined, ...DEADLINE_STATES.map((s) => PALETTE[s].fill), undefined];

function title(sheet: Worksheet, row: number, text: string): void {
  const cell = sheet.getCell(row, 1);
  cell.value = text;
  cell.font = TITLE_FONT;
}

/** Replace (or create) a tool-owned sheet, keeping its tab position. */
function freshSheet(workbook: Workbook, name: string, after?: Worksheet): Worksheet {
  const old = workbook.getWorksheet(name);
  const position = old ? workbook.worksheets.indexOf(old) : after ? workbook.worksheets.indexOf(after) + 1 : -1;
  if (old) workbook.removeWorksheet(old.id);
  const sheet = workbook.addWorksheet(name, { views: rtlView(0) });
  if (position >= 0) moveSheet(workbook, sheet, position);
  sheet.pageSetup = { ...sheet.pageSetup, ...printSetup(1), printTitlesRow: undefined };
  sheet.headerFooter = { oddFooter: PRINT_FOOTER };
  return sheet;
}

/**
 * Write the summary sheets into a workbook, replacing earlier ones written by the tool.
 * @param source the register file name, shown under the title (optional)
 */
export function writeSummarySheets(workbook: Workbook, summary: RegisterSummary, source?: string): void {
  const sheet = freshSheet(workbook, SHEETS.summary);
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
  for (const agency of summary.agencies) body(sheet, r++, [agency.agency || '(بدون دستگاه)', ...totalsCells(agency)], [1]);
  r++;

  title(sheet, r++, 'به تفکیک جلسه');
  header(sheet, r++, ['جلسه', ...TOTALS_HEADERS], [undefined, ...TOTALS_FILLS]);
  for (const meeting of summary.meetings) {
    const label = meeting.meetingDate ? `${meeting.meeting} (${toPersianDigits(meeting.meetingDate)})` : meeting.meeting;
    body(sheet, r++, [label, ...totalsCells(meeting)], [1]);
  }
  r++;
  writeLegend(sheet, r);

  writeOverdueSheet(workbook, summary, sheet);
}

function writeOverdueSheet(workbook: Workbook, summary: RegisterSummary, after: Worksheet): void {
  const sheet = freshSheet(workbook, OVERDUE_SHEET, after);
  const widths = [6, 32, 10, 12, 30, 12, 6, 16, 8, 70];
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  title(sheet, 1, `مصوبات با مهلت گذشته تا تاریخ ${toPersianDigits(summary.today)} (${toPersianDigits(summary.overdue.length)} مورد)`);
  header(sheet, 2, ['ردیف', 'دستگاه اجرایی', 'روز تأخیر', 'مهلت', 'جلسه', 'تاریخ جلسه', 'بند', 'وضعیت', 'درصد', 'متن مصوبه']);
  sheet.views = rtlView(2);
  sheet.pageSetup = { ...sheet.pageSetup, printTitlesRow: '2:2' };
  summary.overdue.forEach((item, i) => {
    body(sheet, i + 3, [
      i + 1, item.agency, item.daysLate, toPersianDigits(item.due), item.meeting,
      item.meetingDate ? toPersianDigits(item.meetingDate) : '', item.row, statusLabel(item.status) || 'گزارش نشده',
      item.percent, item.text,
    ], [2, 5, 10]);
    sheet.getCell(i + 3, 3).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${PALETTE.overdue.fill}` } };
  });
  if (summary.overdue.length) {
    sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: summary.overdue.length + 2, column: widths.length } };
  }
}
