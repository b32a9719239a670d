/**
 * How the register looks in Excel: fonts, header style, the `جلسات` and `دستگاه‌ها` columns,
 * print setup. Decisions, so they are made once:
 * - Font: Tahoma. It ships with every Windows (Persian or not) and with Office for Mac, has
 *   full Persian glyphs and clear Persian digits at 10pt. `B Nazanin` and `Vazirmatn` are
 *   prettier but not installed everywhere, and a missing font falls back unpredictably.
 * - Dates users read are text with Persian digits (`۱۴۰۱/۰۴/۰۹`): Excel has no Jalali date
 *   type, and text sorts correctly in this fixed-width form. The hidden `مهلت میلادی` column
 *   holds the due date as a real date cell, for formulas and conditional formatting.
 */
import type { Alignment, Border, Borders, Cell, Fill, Font, PageSetup, Style, Worksheet, WorksheetView } from 'exceljs';

export const FONT_NAME = 'Tahoma';
export const BODY_FONT: Partial<Font> = { name: FONT_NAME, size: 10 };
export const HEADER_FONT: Partial<Font> = { name: FONT_NAME, size: 10, bold: true };
export const TITLE_FONT: Partial<Font> = { name: FONT_NAME, size: 13, bold: true };

export const HEADER_FILL: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const THIN: Partial<Border> = { style: 'thin', color: { argb: 'FFBFBFBF' } };
export const THIN_BORDERS: Partial<Borders> = { top: THIN, bottom: THIN, left: THIN, right: THIN };

/** Persian text runs right to left; `readingOrder: 'rtl'` keeps punctuation on the right side. */
export const BODY_ALIGNMENT: Partial<Alignment> = { vertical: 'top', horizontal: 'right', readingOrder: 'rtl' };
export const WRAP_ALIGNMENT: Partial<Alignment> = { ...BODY_ALIGNMENT, wrapText: true };
export const CENTER_ALIGNMENT: Partial<Alignment> = { vertical: 'top', horizontal: 'center', readingOrder: 'rtl' };
export const HEADER_ALIGNMENT: Partial<Alignment> = { vertical: 'middle', horizontal: 'center', wrapText: true, readingOrder: 'rtl' };

/**
 * Whole numbers shown with Persian digits while staying numbers (sortable, chartable): the
 * `[$-3000429]` prefix asks for extended Arabic-Indic digits (03) in the Persian locale (0429).
 */
export const PERSIAN_NUMBER_FORMAT = '[$-3000429]0';

/** Number format of the hidden Gregorian date column. */
export const GREGORIAN_DATE_FORMAT = 'yyyy-mm-dd';

/** Right-to-left with the first `headerRows` rows frozen. */
export function rtlView(headerRows = 1): Partial<WorksheetView>[] {
  return headerRows > 0
    ? [{ rightToLeft: true, state: 'frozen', ySplit: headerRows, xSplit: 0, topLeftCell: `A${headerRows + 1}` } as Partial<WorksheetView>]
    : [{ rightToLeft: true } as Partial<WorksheetView>];
}

/** A4 landscape, fit to the page width, the header row repeated on every printed page. */
export function printSetup(headerRow = 1): Partial<PageSetup> {
  return {
    paperSize: 9, // A4
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    printTitlesRow: `${headerRow}:${headerRow}`,
  };
}

/** Page number footer in Persian (`صفحه &P از &N`). */
export const PRINT_FOOTER = '&Cصفحه &P از &N';

/** A column of one of the tool's side sheets. */
export interface SideColumn<K extends string> {
  key: K;
  fa: string;
  en: string;
  width: number;
}

export type MeetingKey =
  | 'id' | 'title' | 'number' | 'date' | 'weekday' | 'time' | 'place' | 'invitationNumber'
  | 'invitationDate' | 'agenda' | 'body' | 'resolutions' | 'rows' | 'importedAt' | 'source';

/** Columns of the `جلسات` sheet (one row per meeting). */
export const MEETING_COLUMNS: readonly SideColumn<MeetingKey>[] = [
  { key: 'id', fa: 'شناسه جلسه', en: 'Meeting ID', width: 14 },
  { key: 'title', fa: 'عنوان جلسه', en: 'Title', width: 40 },
  { key: 'number', fa: 'شماره جلسه', en: 'Number', width: 10 },
  { key: 'date', fa: 'تاریخ جلسه', en: 'Date', width: 12 },
  { key: 'weekday', fa: 'روز', en: 'Weekday', width: 10 },
  { key: 'time', fa: 'ساعت', en: 'Time', width: 8 },
  { key: 'place', fa: 'محل تشکیل', en: 'Place', width: 24 },
  { key: 'invitationNumber', fa: 'شماره دعوتنامه', en: 'Invitation number', width: 16 },
  { key: 'invitationDate', fa: 'تاریخ دعوتنامه', en: 'Invitation date', width: 12 },
  { key: 'agenda', fa: 'دستور کار', en: 'Agenda', width: 60 },
  { key: 'body', fa: 'مرجع', en: 'Issued by', width: 40 },
  { key: 'resolutions', fa: 'تعداد مصوبات', en: 'Resolutions', width: 10 },
  { key: 'rows', fa: 'تعداد ردیف‌های ثبت', en: 'Register rows', width: 10 },
  { key: 'importedAt', fa: 'تاریخ ثبت', en: 'Imported at', width: 18 },
  { key: 'source', fa: 'فایل صورتجلسه', en: 'Source file', width: 30 },
];

export type AgencyKey = 'name' | 'aliases' | 'proposal';

/** Columns of the `دستگاه‌ها` sheet: the agency directory. Aliases are separated by `؛`. */
export const AGENCY_COLUMNS: readonly SideColumn<AgencyKey>[] = [
  { key: 'name', fa: 'نام دستگاه', en: 'Agency', width: 45 },
  { key: 'aliases', fa: 'نام‌های دیگر', en: 'Aliases', width: 70 },
  // a spelling that is likely another agency's: a person accepts it by copying the name into that agency's aliases
  { key: 'proposal', fa: 'شاید همان دستگاه', en: 'Possibly the same as', width: 45 },
];

/** Separator of aliases in one cell; `،` and ` و ` occur inside names, so they cannot be used. */
export const ALIAS_SEPARATOR = '؛ ';

/** Style one header cell: bold on a light fill, centred, wrapped, thin borders (a fresh style object). */
export function styleHeaderCell(cell: Cell): void {
  cell.style = { ...cell.style, font: HEADER_FONT, fill: HEADER_FILL, alignment: HEADER_ALIGNMENT, border: THIN_BORDERS } as Style;
}

/** Style the first `columnCount` cells of a header row. */
export function styleHeaderRow(sheet: Worksheet, rowNumber: number, columnCount: number): void {
  const row = sheet.getRow(rowNumber);
  row.height = 30;
  for (let c = 1; c <= columnCount; c++) styleHeaderCell(row.getCell(c));
}

/**
 * A row height (points) that shows wrapped texts whole: neither exceljs nor Excel sizes rows
 * when a file is opened, so wrapped text would otherwise hide under the next row.
 * @param texts each wrapped cell's text and its column width (Excel character units)
 */
export function wrappedRowHeight(texts: ReadonlyArray<readonly [string, number]>): number | undefined {
  let lines = 1;
  for (const [text, width] of texts) lines = Math.max(lines, Math.ceil(text.length / Math.max(1, width * 1.1)));
  return lines > 1 ? Math.min(409, lines * 13 + 3) : undefined;
}
