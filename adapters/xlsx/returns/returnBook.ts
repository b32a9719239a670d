/**
 * Writing an agency's return workbook with exceljs: its rows with the register's headers,
 * right to left and coloured by state, only the report columns editable (status dropdown,
 * percent 0–100, report, done date, requested deadline and reason), everything else locked by
 * sheet protection; a Persian guide sheet; and the very hidden sheets the merge reads.
 */
import ExcelJS, { type Style, type Workbook, type Worksheet } from 'exceljs';
import type { JalaliDate } from '../../../core/jalali';
import { AGENCY_FIELDS, REGISTER_FIELDS, SHEETS, type FieldName } from '../../../core/register/fields';
import { AGENCY_STATUS_OPTIONS } from '../../../core/register/status';
import { paletteLegend } from '../../../core/register/palette';
import type { Assignment, DeadlineState } from '../../../core/register/types';
import { LOCKED_FIELDS, type AgencyField } from '../../../core/merge';
import { toPersianDigits } from '../../../core/text';
import { BODY_FONT, HEADER_FONT, TITLE_FONT, WRAP_ALIGNMENT, rtlView } from '../layout';
import { assignmentCells, initRegisterSheet, restyle, writeAssignmentRow } from '../registerSheet';
import { addRangeValidation } from '../validations';
import { BASE_SHEET, GUIDE_SHEET, META_SHEET, RETURN_FORMAT, RETURN_VERSION, type MetaKey } from './format';
import { keyId, SIGNATURE_KEY, SIGNED_BY_KEY, signedText, signText, type SigningKey } from './signature';
import type { CellValue } from '../../../core/register/types';

/** One row to send, with its state on the day the file is made (for the colour). */
export interface ReturnRowSource {
  assignment: Assignment;
  state: DeadlineState;
  /**
   * Agency-field cells of the register its rules cannot read (`زیاد` as a percent), as their
   * text: sent as they are, so the agency sees (and may correct) what the register holds.
   */
  invalid?: Partial<Record<AgencyField, string>>;
}

/** What a return workbook is made from. */
export interface ReturnBookInput {
  /** The agency as the register spells it. */
  agency: string;
  rows: readonly ReturnRowSource[];
  /** registerRevision() of the register the rows came from. */
  registerRevision: number;
  /** The register's file name, recorded for the secretariat. */
  registerFile: string;
  /** When the file is made. */
  madeAt: Date;
  /** Today in Tehran (for the guide's date). */
  today: JalaliDate;
  /** The register's signing key: the hidden sheets are signed with it (see signature.ts); absent → unsigned. */
  signingKey?: SigningKey;
}

/** Fields whose columns the agency may fill. */
const EDITABLE: ReadonlySet<FieldName> = new Set(AGENCY_FIELDS);
/** Fields whose export value is kept hidden, to detect edits and for the three-way merge. */
const BASE_FIELDS: readonly FieldName[] = [...LOCKED_FIELDS, ...AGENCY_FIELDS];

/** A light yellow on the editable header cells, so the columns to fill stand out. */
const EDITABLE_HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } } as const;

/**
 * Build the return workbook of one agency (in memory; save it with saveWorkbook).
 * Never throws for odd data; exceljs errors propagate.
 */
export async function buildReturnWorkbook(input: ReturnBookInput): Promise<Workbook> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'mosavabat';
  workbook.created = input.madeAt;
  workbook.title = `مصوبات — ${input.agency}`;
  workbook.subject = input.agency;
  workbook.keywords = `${RETURN_FORMAT} ${input.registerRevision}`;
  workbook.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: 'visible', rightToLeft: true } as ExcelJS.WorkbookView];

  const sheet = workbook.addWorksheet(SHEETS.register);
  const header = initRegisterSheet(sheet);
  const headerRow = sheet.getRow(header.row);
  for (const [field, col] of header.columns) {
    if (EDITABLE.has(field)) restyle(headerRow.getCell(col), { fill: EDITABLE_HEADER_FILL });
  }
  let rowNumber = header.row;
  for (const { assignment, state, invalid } of input.rows) {
    rowNumber++;
    writeAssignmentRow(sheet, header, rowNumber, assignment, state);
    const row = sheet.getRow(rowNumber);
    for (const [field, text] of Object.entries(invalid ?? {})) {
      const col = header.columns.get(field as FieldName);
      if (col !== undefined) row.getCell(col).value = text;
    }
    for (const field of EDITABLE) {
      const col = header.columns.get(field);
      if (col !== undefined) restyle(row.getCell(col), { protection: { locked: false } } as Partial<Style>);
    }
  }
  const last = Math.max(rowNumber, header.row + 1);
  const status = header.columns.get('status');
  const percent = header.columns.get('percent');
  if (status !== undefined) {
    addRangeValidation(sheet, status, header.row + 1, last, {
      type: 'list', allowBlank: true, formulae: [`"${AGENCY_STATUS_OPTIONS.join(',')}"`],
      showErrorMessage: true, errorStyle: 'stop', errorTitle: 'وضعیت نامعتبر',
      error: `یکی از این‌ها را انتخاب کنید: ${AGENCY_STATUS_OPTIONS.join('، ')}`,
    });
  }
  if (percent !== undefined) {
    addRangeValidation(sheet, percent, header.row + 1, last, {
      type: 'whole', operator: 'between', allowBlank: true, formulae: [0, 100],
      showErrorMessage: true, errorStyle: 'stop', errorTitle: 'درصد نامعتبر', error: 'درصد پیشرفت باید عدد صحیح بین ۰ و ۱۰۰ باشد',
    });
  }
  sheet.autoFilter = { from: { row: header.row, column: 1 }, to: { row: last, column: REGISTER_FIELDS.length } };
  // no password: protection stops accidental edits; deliberate ones are caught by the merge
  await sheet.protect('', {
    selectLockedCells: true, selectUnlockedCells: true, formatCells: true, formatColumns: true, formatRows: true,
    sort: true, autoFilter: true, insertRows: false, deleteRows: false, insertColumns: false, deleteColumns: false,
  });

  writeGuideSheet(workbook, input);
  const base = writeBaseSheet(workbook, input.rows);
  writeMetaSheet(workbook, input, sheet, input.rows.length, base);
  return workbook;
}

/** The Persian guide: what the file is, what to fill, what not to touch, the colours. */
function writeGuideSheet(workbook: Workbook, input: ReturnBookInput): void {
  const guide = workbook.addWorksheet(GUIDE_SHEET);
  guide.views = rtlView(0);
  guide.getColumn(1).width = 110;
  const lines: Array<[string, 'title' | 'head' | 'body']> = [
    [`مصوبات مربوط به «${input.agency}»`, 'title'],
    [`تاریخ تهیه: ${input.today.toDisplay()} — تعداد ردیف‌ها: ${toPersianDigits(String(input.rows.length))}`, 'body'],
    ['', 'body'],
    ['چه کاری باید انجام دهید', 'head'],
    ['۱. در برگه «مصوبات» فقط ستون‌های زردرنگ را پر کنید: «وضعیت» (از فهرست کشویی)، «درصد پیشرفت» (عدد صحیح ۰ تا ۱۰۰)، «گزارش اقدام» و «تاریخ انجام» (مثل ۱۴۰۱/۰۴/۲۰).', 'body'],
    ['۲. اگر به مهلت بیشتری نیاز دارید، «مهلت درخواستی» و «دلیل درخواست تمدید» را بنویسید. مهلت تا تأیید دبیرخانه تغییر نمی‌کند.', 'body'],
    ['۳. متن مصوبه، مهلت، شناسه و دیگر ستون‌ها قفل‌اند؛ تغییر آن‌ها باعث می‌شود گزارش آن ردیف پذیرفته نشود.', 'body'],
    ['۴. ردیف تازه اضافه نکنید. فیلتر کردن (دکمهٔ کنار عنوان ستون‌ها) مجاز است. اکسل در برگهٔ قفل‌شده مرتب‌سازی نمی‌کند؛ اگر لازم شد، از زبانهٔ Review گزینهٔ Unprotect Sheet را بزنید (رمز ندارد) و کل جدول را مرتب کنید: ترتیب ردیف‌ها مهم نیست، فقط ستون‌های قفل را تغییر ندهید.', 'body'],
    ['۵. فایل را با همین قالب (xlsx) ذخیره کنید، رمز نگذارید و برای دبیرخانه بفرستید.', 'body'],
    ['', 'body'],
    ['رنگ‌ها (وضعیت مهلت در روز تهیهٔ فایل)', 'head'],
  ];
  let r = 0;
  for (const [text, kind] of lines) {
    const cell = guide.getRow(++r).getCell(1);
    cell.value = text;
    cell.style = { font: kind === 'title' ? TITLE_FONT : kind === 'head' ? HEADER_FONT : BODY_FONT, alignment: WRAP_ALIGNMENT } as Style;
  }
  for (const entry of paletteLegend()) {
    const cell = guide.getRow(++r).getCell(1);
    cell.value = entry.fa;
    cell.style = { font: BODY_FONT, alignment: WRAP_ALIGNMENT, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${entry.fill}` } } } as Style;
  }
}

/** The export-time copy of each row: id, revision and the cells of the agency and locked fields. @returns the rows written */
function writeBaseSheet(workbook: Workbook, rows: readonly ReturnRowSource[]): CellValue[][] {
  const base = workbook.addWorksheet(BASE_SHEET, { state: 'veryHidden' });
  const written: CellValue[][] = [['id', 'revision', ...BASE_FIELDS]];
  for (const { assignment: a, invalid } of rows) {
    const cells = { ...assignmentCells(a), ...invalid };
    written.push([a.id, a.revision, ...BASE_FIELDS.map((f) => (cells[f] ?? null) as CellValue)]);
  }
  for (const row of written) base.addRow(row);
  return written;
}

/** What the file is: format, version, agency, register revision, register file, time, sheet. */
function writeMetaSheet(workbook: Workbook, input: ReturnBookInput, sheet: Worksheet, rows: number, base: CellValue[][]): void {
  const meta = workbook.addWorksheet(META_SHEET, { state: 'veryHidden' });
  const pairs: Array<[MetaKey, string | number]> = [
    ['format', RETURN_FORMAT],
    ['version', RETURN_VERSION],
    ['agency', input.agency],
    ['registerRevision', input.registerRevision],
    ['registerFile', input.registerFile],
    ['madeAt', input.madeAt.toISOString()],
    ['sheet', sheet.name],
    ['rows', rows],
  ];
  // which key signs it, itself signed: a file from another register is told from an edited one
  if (input.signingKey) pairs.push([SIGNED_BY_KEY, keyId(input.signingKey.key)]);
  for (const pair of pairs) meta.addRow(pair);
  if (input.signingKey) meta.addRow([SIGNATURE_KEY, signText(input.signingKey.key, signedText(pairs, base))]);
}

/** Characters Windows, macOS or Linux refuse in file names, and control characters. */
const UNSAFE_NAME = /[\\/:*?"<>|\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A readable, filesystem-safe file name for an agency's return workbook:
 * `مصوبات - فرمانداری کرج - ۱۴۰۳-۰۵-۰۱.xlsx`. Characters no file system accepts become spaces,
 * the agency part is cut at 80 characters, never ends in a dot or space.
 */
export function returnFileName(agency: string, date: JalaliDate): string {
  let name = agency.replace(UNSAFE_NAME, ' ').replace(/\s+/g, ' ').trim();
  if (name.length > 80) name = name.slice(0, 80).trim();
  name = name.replace(/[. ]+$/, '') || 'دستگاه';
  return `مصوبات - ${name} - ${toPersianDigits(date.toString().replace(/\//g, '-'))}.xlsx`;
}
