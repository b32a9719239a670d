import type { Assignment } from '../register/types';
import { exportForAgency } from './export';
import { lockedKey, MAX_CELL_TEXT, rawKey, readAgencyCell, toCell, unreadableCells, valueText, withValue } from './values';

function row(id: string, agency: string, extra: Partial<Assignment> = {}): Assignment {
  return {
    id, meeting: 'جلسه دوازدهم', meetingDate: '1401/04/09', row: 3, text: 'متن مصوبه', agency, deadlineText: 'یک ماه',
    due: '1401/05/09', status: 'in_progress', percent: 40, report: 'گزارش', doneDate: null, requestedDue: null, requestReason: '',
    revision: 2, updatedAt: null, ...extra,
  };
}

describe('readAgencyCell says what is wrong with a progress cell', () => {
  test.each([
    [150, 'درصد پیشرفت «۱۵۰» باید بین ۰ تا ۱۰۰ باشد', 'progress "150" must be between 0 and 100'],
    [45.5, 'درصد پیشرفت «۴۵.۵» باید عدد صحیح باشد', 'progress "45.5" must be a whole number 0-100'],
    // a fraction typed where a percent belongs: the hint names the percent it probably means
    [0.8, 'درصد پیشرفت «۰.۸» باید عدد صحیح باشد؛ برای ۸۰٪ عدد ۸۰ را بنویسید', 'progress "0.8" must be a whole number 0-100'],
    ['زیاد', 'درصد پیشرفت «زیاد» عدد نیست', 'progress "زیاد" is not a number'],
  ])('%p', (value, fa, en) => {
    expect(readAgencyCell('percent', value)).toEqual({ ok: false, code: 'invalid_percent', fa, en });
  });

  test('a status outside the list names the four an agency may choose', () => {
    expect(readAgencyCell('status', 'شاید')).toEqual({
      ok: false, code: 'invalid_status',
      fa: 'وضعیت «شاید» در فهرست نیست؛ یکی از «انجام نشده»، «در حال انجام»، «انجام شده»، «خارج از اختیار دستگاه» را انتخاب کنید',
      en: 'status "شاید" is not one of the listed statuses',
    });
  });

  test('only the secretariat sets «منتفی»', () => {
    expect(readAgencyCell('status', 'منتفی')).toEqual({
      ok: false, code: 'status_not_allowed', fa: 'وضعیت «منتفی» را فقط دبیرخانه می‌تواند ثبت کند', en: 'only the secretariat may set the status "void"',
    });
    expect(readAgencyCell('status', 'منتفی', true)).toEqual({ ok: true, value: 'void' });
  });
});

describe('a report longer than an Excel cell holds', () => {
  test('is refused with its length; one character less is taken', () => {
    expect(MAX_CELL_TEXT).toBe(32767);
    expect(readAgencyCell('report', 'ب'.repeat(32768))).toEqual({
      ok: false, code: 'text_too_long',
      fa: 'متن ۳۲۷۶۸ نویسه است و از بیشترین اندازهٔ یک خانهٔ اکسل (۳۲۷۶۷ نویسه) بلندتر است؛ آن را کوتاه کنید',
      en: 'the text has 32768 characters, more than an Excel cell holds (32767)',
    });
    expect(readAgencyCell('requestReason', 'ب'.repeat(32767))).toEqual({ ok: true, value: 'ب'.repeat(32767) });
  });
});

describe('values and cells', () => {
  test('an emptied text field is the empty text in the Assignment', () => {
    const filled = row('m-1-a', 'فرمانداری کرج', { requestReason: 'کمبود اعتبار' });
    expect(withValue(filled, 'requestReason', null).requestReason).toBe('');
    expect(withValue(filled, 'report', null).report).toBe('');
  });

  test('a status is written as its Persian label, an empty value as an empty cell', () => {
    expect(toCell('status', 'in_progress')).toBe('در حال انجام');
    expect(toCell('status', null)).toBeNull();
    expect(toCell('percent', 40)).toBe(40);
  });

  test('a value never given reads as the empty text, in the history and in messages', () => {
    expect(valueText('report', undefined)).toBe('');
    expect(valueText('status', null)).toBe('');
    expect(valueText('status', 'blocked')).toBe('خارج از اختیار دستگاه');
  });

  test('an empty locked cell has the empty key, a date or not', () => {
    expect(lockedKey('due', null)).toBe('');
    expect(lockedKey('due', '')).toBe('');
    expect(lockedKey('text', undefined)).toBe('');
    expect(lockedKey('due', '۱۴۰۱/۵/۹')).toBe('1401/05/09');
  });

  test('a cell missing from the file is told apart from an empty one', () => {
    expect(rawKey(undefined)).not.toBe(rawKey(''));
    expect(rawKey(undefined)).not.toBe(rawKey(null));
    expect(rawKey(80)).toBe('80');
  });
});

describe('unreadableCells', () => {
  test('gives the text of agency cells the register could not read, and nothing for empty or readable ones', () => {
    const assignment = row('m-1-a', 'فرمانداری کرج', { percent: null, status: null });
    const raw = { sheetRow: 2, values: { percent: 'زیاد', status: '', report: 'گزارش' } };
    expect(unreadableCells(raw, assignment)).toEqual({ percent: 'زیاد' });
    expect(unreadableCells({ sheetRow: 2, values: { percent: 40, report: 'گزارش' } }, row('m-1-a', 'فرمانداری کرج'))).toBeUndefined();
    expect(unreadableCells(undefined, assignment)).toBeUndefined();
  });
});

describe('exportForAgency', () => {
  test('sends each row of the agency with its locked cells as the register has them', () => {
    const exported = exportForAgency([row('m-1-a', 'فرمانداري كرج'), row('m-1-b', 'شهرداری کرج')], 'فرمانداری کرج');
    expect(exported.agency).toBe('فرمانداري كرج');
    expect(exported.rows).toHaveLength(1);
    expect(exported.rows[0].cells).toMatchObject({
      meeting: 'جلسه دوازدهم', meetingDate: '1401/04/09', row: 3, text: 'متن مصوبه', agency: 'فرمانداري كرج', deadlineText: 'یک ماه',
      due: '1401/05/09', status: 'در حال انجام', percent: 40, report: 'گزارش', doneDate: null,
    });
  });

  test('an agency with no rows keeps the name it was asked for', () => {
    expect(exportForAgency([row('m-1-b', 'شهرداری کرج')], 'فرمانداری کرج')).toMatchObject({ agency: 'فرمانداری کرج', rows: [] });
  });
});
