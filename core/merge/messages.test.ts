import { FIELD_MESSAGES } from './messages';

describe('merge messages quote values as a Persian reader reads them', () => {
  test('a percent in Persian digits', () => {
    expect(FIELD_MESSAGES.conflict({ field: 'percent', ours: 60, theirs: 70 }, 40).fa)
      .toBe('«درصد پیشرفت» هم در فایل («۷۰») و هم در دفتر («۶۰») پس از تهیهٔ فایل تغییر کرده است (مقدار پیشین: «۴۰»)؛ اعمال نشد');
  });

  test('done dates and requested due dates in Persian digits', () => {
    expect(FIELD_MESSAGES.conflictWithoutCopy({ field: 'doneDate', ours: '1401/04/20', theirs: '1401/04/25' }).fa)
      .toBe('«تاریخ انجام» در فایل «۱۴۰۱/۰۴/۲۵» و در دفتر «۱۴۰۱/۰۴/۲۰» است و فایل نسخهٔ پنهان این ردیف را ندارد تا معلوم شود کدام تازه‌تر است؛ دبیرخانه باید یکی را انتخاب کند');
    expect(FIELD_MESSAGES.changedSince({ field: 'requestedDue', ours: '1401/07/01', theirs: '1401/06/15' }).fa)
      .toBe('«مهلت درخواستی» «۱۴۰۱/۰۶/۱۵» از همین فایل پیش‌تر ادغام شده بود و پس از آن در دفتر به «۱۴۰۱/۰۷/۰۱» تغییر کرده است؛ دوباره اعمال نشد');
  });

  test('a report as the agency typed it: its own digits are not changed', () => {
    expect(FIELD_MESSAGES.conflict({ field: 'report', ours: 'نامه 12 ارسال شد', theirs: 'جلسه 3 برگزار شد' }, null).fa)
      .toBe('«گزارش اقدام» هم در فایل («جلسه 3 برگزار شد») و هم در دفتر («نامه 12 ارسال شد») پس از تهیهٔ فایل تغییر کرده است (مقدار پیشین: «»)؛ اعمال نشد');
  });

  test('the English text keeps Latin digits and the status as its Persian label', () => {
    expect(FIELD_MESSAGES.laterSave({ field: 'status', ours: 'done', theirs: 'in_progress' }, '').en)
      .toBe('Status is "در حال انجام" in this copy of the file, but a later save of the same file was merged already and set "انجام شده"; not applied');
    expect(FIELD_MESSAGES.laterSave({ field: 'percent', ours: 90, theirs: 80 }, ' (ذخیره‌شده در ۱۴۰۱/۰۵/۰۱ ۱۰:۰۰)').fa)
      .toBe('«درصد پیشرفت» در این نسخهٔ فایل (ذخیره‌شده در ۱۴۰۱/۰۵/۰۱ ۱۰:۰۰) «۸۰» است، ولی نسخهٔ تازه‌تری از همین فایل پیش‌تر ادغام شده و «۹۰» را ثبت کرده است؛ اعمال نشد');
  });
});
