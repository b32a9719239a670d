/**
 * What a merge tells people about one row or cell of a return file, in Persian and English:
 * one table, so the wording lives apart from the decisions. The location prefix (file, sheet,
 * cell) is added by the caller; these texts are what follows it.
 */
import { toPersianDigits } from '../text/digits';
import { fieldHeader, fieldHeaderEn } from '../register/problems';
import type { FieldName } from '../register/fields';
import type { AgencyField, FieldValue } from './types';
import { valueText } from './values';

/** A message in both languages. */
export interface Words {
  fa: string;
  en: string;
}

/** A value as Persian messages show it: numbers and dates in Persian digits ('' for empty). */
export function faText(field: AgencyField, value: FieldValue | undefined): string {
  const text = valueText(field, value);
  return field === 'percent' || field === 'doneDate' || field === 'requestedDue' ? toPersianDigits(text) : text;
}

/** One field's three values as the messages about it quote them. */
interface FieldValues {
  field: AgencyField;
  ours: FieldValue;
  theirs: FieldValue;
}

/** Texts about a single field (outdated values, conflicts, the percent of a done row). */
export const FIELD_MESSAGES = {
  /** A later save of the same file was merged already. `when`: ' (ذخیره‌شده در …)' or ''. */
  laterSave: ({ field, ours, theirs }: FieldValues, when: string): Words => ({
    fa: `«${fieldHeader(field)}» در این نسخهٔ فایل${when} «${faText(field, theirs)}» است، ولی نسخهٔ تازه‌تری از همین فایل پیش‌تر ادغام شده و «${faText(field, ours)}» را ثبت کرده است؛ اعمال نشد`,
    en: `${fieldHeaderEn(field)} is "${valueText(field, theirs)}" in this copy of the file, but a later save of the same file was merged already and set "${valueText(field, ours)}"; not applied`,
  }),
  /** This very value was merged from this file before and the register changed after. */
  changedSince: ({ field, ours, theirs }: FieldValues): Words => ({
    fa: `«${fieldHeader(field)}» «${faText(field, theirs)}» از همین فایل پیش‌تر ادغام شده بود و پس از آن در دفتر به «${faText(field, ours)}» تغییر کرده است؛ دوباره اعمال نشد`,
    en: `${fieldHeaderEn(field)} "${valueText(field, theirs)}" was merged from this file before and has since been changed in the register to "${valueText(field, ours)}"; not applied again`,
  }),
  /** Both sides differ and the file has no copy of the row to tell which is newer. */
  conflictWithoutCopy: ({ field, ours, theirs }: FieldValues): Words => ({
    fa: `«${fieldHeader(field)}» در فایل «${faText(field, theirs)}» و در دفتر «${faText(field, ours)}» است و فایل نسخهٔ پنهان این ردیف را ندارد تا معلوم شود کدام تازه‌تر است؛ دبیرخانه باید یکی را انتخاب کند`,
    en: `${fieldHeaderEn(field)} is "${valueText(field, theirs)}" in the file and "${valueText(field, ours)}" in the register, and the file has no base copy of this row`,
  }),
  /** Both sides changed the field since export, to different values. */
  conflict: ({ field, ours, theirs }: FieldValues, base: FieldValue): Words => ({
    fa: `«${fieldHeader(field)}» هم در فایل («${faText(field, theirs)}») و هم در دفتر («${faText(field, ours)}») پس از تهیهٔ فایل تغییر کرده است (مقدار پیشین: «${faText(field, base)}»)؛ اعمال نشد`,
    en: `${fieldHeaderEn(field)} changed both in the file ("${valueText(field, theirs)}") and in the register ("${valueText(field, ours)}") since export (was "${valueText(field, base)}"); not applied`,
  }),
  donePercentBelow100: (percent: number): Words => ({
    fa: `وضعیت «انجام شده» است ولی درصد پیشرفت ${toPersianDigits(String(percent))} است؛ همان‌طور ثبت شد`,
    en: `status is done but progress is ${percent}%; applied as sent`,
  }),
  percentForDone: (): Words => ({
    fa: 'وضعیت «انجام شده» است و درصد پیشرفت خالی بود؛ ۱۰۰ نوشته شد',
    en: 'status is done and progress was blank; set to 100',
  }),
  doneDateInFuture: (date: { display: string; value: string }): Words => ({
    fa: `تاریخ انجام ${date.display} هنوز نرسیده است`,
    en: `done date ${date.value} is in the future`,
  }),
  doneDateBeforeMeeting: (date: { display: string; value: string }, meeting: { display: string; value: string }): Words => ({
    fa: `تاریخ انجام ${date.display} پیش از تاریخ جلسه (${meeting.display}) است`,
    en: `done date ${date.value} is before the meeting (${meeting.value})`,
  }),
  requestNotLater: (date: { display: string; value: string }, due: { display: string; value: string }): Words => ({
    fa: `مهلت درخواستی ${date.display} دیرتر از مهلت فعلی (${due.display}) نیست`,
    en: `requested due date ${date.value} is not later than the current due date ${due.value}`,
  }),
} as const;

/** Texts about a row refused as a whole, or a file. */
export const ROW_MESSAGES = {
  duplicateInRegister: (id: string): Words => ({
    fa: `شناسهٔ «${id}» در دفتر بیش از یک بار آمده است؛ تا دبیرخانه آن را درست نکند این ردیف ادغام نمی‌شود`,
    en: `id "${id}" occurs more than once in the register; the row is not merged until that is fixed`,
  }),
  unknownId: (id: string): Words => ({
    fa: `شناسهٔ «${id}» در دفتر مصوبات نیست؛ این ردیف اعمال نشد`,
    en: `id "${id}" is not in the register; row not applied`,
  }),
  otherAgency: (rowAgency: string, fileAgency: string): Words => ({
    fa: `این ردیف مربوط به «${rowAgency}» است، نه «${fileAgency}»؛ اعمال نشد. اگر این دو نام یک دستگاه‌اند، در برگهٔ «دستگاه‌ها» یکی را نام دیگر آن یکی بنویسید و دوباره ادغام کنید`,
    en: `this row belongs to "${rowAgency}", not "${fileAgency}"; not applied. If both names are one agency, list one as an alias of the other in the agencies sheet and merge again`,
  }),
  notInExport: (id: string, agency: string): Words => ({
    fa: `ردیف «${id}» در فایلی که برای «${agency}» فرستاده شد نبود (ردیف افزوده یا کپی‌شده)؛ اعمال نشد`,
    en: `row "${id}" was not in the file sent to "${agency}" (added or pasted); not applied`,
  }),
  lockedEdited: (fields: readonly FieldName[], cells: readonly string[]): Words => ({
    fa: `خانه‌های قفل‌شدهٔ ${fields.map((f) => `«${fieldHeader(f)}»`).join('، ')} (${cells.join('، ')}) تغییر کرده‌اند؛ این ردیف اعمال نشد. فقط ستون‌های گزارش را پر کنید`,
    en: `locked cells ${fields.map((f) => fieldHeaderEn(f)).join(', ')} (${cells.join(', ')}) were edited; row not applied`,
  }),
  missingId: (): Words => ({
    fa: 'این ردیف شناسه ندارد (ردیف افزوده‌شده)؛ ردیف تازه را فقط دبیرخانه می‌تواند اضافه کند',
    en: 'this row has no id (added by hand); only the secretariat adds rows',
  }),
  duplicateId: (id: string, sheetRows: readonly number[]): Words => ({
    fa: `شناسهٔ «${id}» در ردیف‌های ${sheetRows.map((r) => toPersianDigits(String(r))).join('، ')} با مقدارهای متفاوت آمده است؛ هیچ‌کدام اعمال نشد`,
    en: `id "${id}" appears in rows ${sheetRows.join(', ')} with different values; none applied`,
  }),
  wrongAgency: (file: string, agency: string, expected: string): Words => ({
    fa: `فایل «${file}»: این فایل برای «${agency}» تهیه شده است، نه «${expected}»؛ هیچ ردیفی از آن اعمال نشد`,
    en: `file "${file}": this file was made for "${agency}", not "${expected}"; nothing applied`,
  }),
} as const;
