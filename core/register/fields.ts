/**
 * The register's columns: one place that names them, gives their Persian header (what
 * users see) and the English header we also accept, and says which are the agency's to fill.
 */

export type FieldName =
  | 'id' | 'meeting' | 'meetingDate' | 'row' | 'text' | 'agency' | 'deadlineText' | 'due'
  | 'status' | 'percent' | 'report' | 'doneDate' | 'state' | 'updatedAt'
  | 'requestedDue' | 'requestReason'
  | 'revision' | 'dueGregorian';

export interface FieldSpec {
  name: FieldName;
  /** Exact Persian header text written to workbooks. */
  fa: string;
  /** English header accepted on read (documented in the README). */
  en: string;
  /** Column width in Excel character units. */
  width: number;
  /** Hidden helper column. */
  hidden?: boolean;
  /** Filled in by the agency in a return workbook (everything else is locked there). */
  agencyEditable?: boolean;
}

/** Register columns in the order they are written. */
export const REGISTER_FIELDS: readonly FieldSpec[] = [
  { name: 'id', fa: 'شناسه', en: 'ID', width: 22 },
  { name: 'meeting', fa: 'جلسه', en: 'Meeting', width: 22 },
  { name: 'meetingDate', fa: 'تاریخ جلسه', en: 'Meeting date', width: 11 },
  { name: 'row', fa: 'ردیف', en: 'Row', width: 6 },
  { name: 'text', fa: 'متن مصوبه', en: 'Resolution', width: 55 },
  { name: 'agency', fa: 'اقدام کننده', en: 'Agency', width: 24 },
  { name: 'deadlineText', fa: 'زمان اقدام', en: 'Deadline', width: 12 },
  { name: 'due', fa: 'مهلت', en: 'Due date', width: 11 },
  { name: 'status', fa: 'وضعیت', en: 'Status', width: 16, agencyEditable: true },
  { name: 'percent', fa: 'درصد پیشرفت', en: 'Progress', width: 9, agencyEditable: true },
  { name: 'report', fa: 'گزارش اقدام', en: 'Report', width: 40, agencyEditable: true },
  { name: 'doneDate', fa: 'تاریخ انجام', en: 'Done date', width: 11, agencyEditable: true },
  { name: 'requestedDue', fa: 'مهلت درخواستی', en: 'Requested due date', width: 11, agencyEditable: true },
  { name: 'requestReason', fa: 'دلیل درخواست تمدید', en: 'Extension reason', width: 20, agencyEditable: true },
  { name: 'state', fa: 'وضعیت مهلت', en: 'Deadline state', width: 15 },
  { name: 'updatedAt', fa: 'آخرین به‌روزرسانی', en: 'Last updated', width: 13 },
  { name: 'revision', fa: 'نسخه', en: 'Revision', width: 8, hidden: true },
  { name: 'dueGregorian', fa: 'مهلت میلادی', en: 'Due (Gregorian)', width: 12, hidden: true },
];

/** Fields an agency may change in its return workbook. */
export const AGENCY_FIELDS: readonly FieldName[] = REGISTER_FIELDS.filter((f) => f.agencyEditable).map((f) => f.name);

/** Sheet names of the register workbook. */
export const SHEETS = {
  register: 'مصوبات',
  meetings: 'جلسات',
  agencies: 'دستگاه‌ها',
  summary: 'خلاصه',
  history: 'تاریخچه',
  legend: 'راهنما',
  /** Deadline settings and the due-soon window (core/register/settings.ts). */
  settings: 'تنظیمات',
} as const;
