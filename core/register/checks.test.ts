/**
 * The single-row checks, each with the messages a person reads. Dates by hand: the meeting is
 * Thursday 1401/04/09, so «یک ماه» gives 1401/05/09; today is 1401/06/01.
 */
import { AgencyDirectory } from '../agency/directory';
import { JalaliDate } from '../jalali/JalaliDate';
import { checkRow, type RowCheckContext } from './checks';
import type { FieldName } from './fields';
import { rowWarning } from './problems';
import type { Assignment } from './types';

const TODAY = JalaliDate.parse('1401/06/01');

function row(overrides: Partial<Assignment> = {}): Assignment {
  return {
    id: '1401-01', meeting: 'جلسه ۱', meetingDate: '1401/04/09', row: 1, text: 'گزارش تهیه شود', agency: 'استانداری',
    deadlineText: 'یک ماه', due: '1401/05/09', status: 'in_progress', percent: 50, report: '', doneDate: null,
    requestedDue: null, requestReason: '', revision: 0, updatedAt: null, ...overrides,
  };
}

const problems = (a: Assignment, ctx: RowCheckContext = { today: TODAY }, bad: FieldName[] = []) => checkRow(a, ctx, new Set(bad)).problems;
const codes = (a: Assignment, ctx?: RowCheckContext, bad?: FieldName[]) => problems(a, ctx, bad).map((p) => p.code);

it('a row as it should be has nothing to say', () => {
  expect(problems(row())).toEqual([]);
});

describe('required cells', () => {
  it('a row without an id is warned about on its id cell', () => {
    expect(problems(row({ id: '' }))).toEqual([rowWarning('id', 'missing_id', 'شناسه خالی است؛ این ردیف در ادغام پاسخ دستگاه‌ها پیدا نمی‌شود',
      'the row has no id; agency returns cannot be matched to it')]);
  });
});

describe('the agency', () => {
  it('is checked without a memo of earlier rows too', () => {
    expect(problems(row({ agency: 'استانداری و شهرداری' }), { today: TODAY }).map((p) => p.code)).toEqual(['agency_multiple']);
  });

  it('findings already worked out for that agency in this run are reused', () => {
    const earlier = rowWarning('agency', 'agency_unknown', 'پیش‌تر', 'earlier');
    expect(problems(row(), { today: TODAY, agencyProblems: new Map([['استانداری', [earlier]]]) })).toEqual([earlier]);
  });

  it('an unknown agency with nothing close in the directory: no suggestion in the message', () => {
    const directory = AgencyDirectory.from([{ name: 'سازمان جهاد کشاورزی' }]);
    expect(problems(row({ agency: 'بانک' }), { today: TODAY, directory })).toEqual([rowWarning('agency', 'agency_unknown',
      'دستگاه «بانک» در فهرست دستگاه‌ها نیست', 'agency "بانک" is not in the directory')]);
  });
});

describe('the due date', () => {
  it('empty, with a phrase that gives one: the date it gives', () => {
    expect(problems(row({ due: null }))).toEqual([rowWarning('due', 'due_missing',
      'مهلت خالی است؛ زمان اقدام «یک ماه» مهلت ۱۴۰۱/۰۵/۰۹ را می‌دهد', 'the due date is empty; the deadline "یک ماه" gives 1401/05/09')]);
  });

  it('empty, and no meeting date to count from: the meeting date is asked for', () => {
    expect(problems(row({ due: null, meetingDate: null }))).toEqual([rowWarning('meetingDate', 'missing_meeting_date',
      'تاریخ جلسه خالی است؛ مهلت از روی زمان اقدام حساب نمی‌شود', 'the meeting date is empty; the due date cannot be computed from the deadline')]);
  });

  it('empty with no meeting date, when the meeting date cell was already reported as unreadable: nothing more', () => {
    expect(problems(row({ due: null, meetingDate: null }), { today: TODAY }, ['meetingDate'])).toEqual([]);
  });

  it('empty for an ongoing duty: nothing to say, with or without a meeting date', () => {
    expect(problems(row({ due: null, meetingDate: null, deadlineText: 'مستمر' }))).toEqual([]);
  });

  it('before the meeting: an error naming both dates', () => {
    expect(problems(row({ due: '1401/04/08' }))).toEqual([{
      field: 'due', severity: 'error', code: 'due_before_meeting',
      fa: 'مهلت ۱۴۰۱/۰۴/۰۸ پیش از تاریخ جلسه ۱۴۰۱/۰۴/۰۹ است', en: 'due date 1401/04/08 is before the meeting date 1401/04/09',
    }]);
  });

  it('not the date the phrase gives: both dates and the phrase', () => {
    expect(problems(row({ due: '1401/05/10' }))).toEqual([rowWarning('due', 'due_mismatch',
      'مهلت ۱۴۰۱/۰۵/۱۰ با زمان اقدام «یک ماه» که ۱۴۰۱/۰۵/۰۹ می‌شود یکی نیست',
      'due date 1401/05/10 differs from 1401/05/09 given by the deadline "یک ماه"')]);
  });

  it('a text naming dates after the due date: the latest of them is named', () => {
    expect(problems(row({ text: 'بازدید ۱۴۰۱/۰۵/۲۰ و گزارش تا ۱۴۰۱/۰۵/۳۰ و جلسه ۱۴۰۱/۰۵/۱۵' }))).toEqual([rowWarning('text', 'text_date_after_due',
      'متن مصوبه تاریخ ۱۴۰۱/۰۵/۳۰ را نام می‌برد که بعد از مهلت ۱۴۰۱/۰۵/۰۹ است', 'the resolution text names 1401/05/30, after the due date 1401/05/09')]);
  });
});

describe('what the agency reported', () => {
  it('done below 100 percent', () => {
    expect(problems(row({ status: 'done', percent: 80, doneDate: '1401/05/01' }))).toEqual([rowWarning('percent', 'done_percent_below_100',
      'وضعیت «انجام شده» است ولی درصد پیشرفت ۸۰ است', 'status is done but progress is 80%')]);
  });

  it('done with no percent written: nothing about the percent', () => {
    expect(problems(row({ status: 'done', percent: null, doneDate: '1401/05/01' }))).toEqual([]);
  });

  it.each(['not_started', 'in_progress'] as const)('100 percent but %s', (status) => {
    expect(problems(row({ status, percent: 100 }))).toEqual([rowWarning('status', 'percent_100_not_done',
      'درصد پیشرفت ۱۰۰ است ولی وضعیت «انجام شده» نیست', 'progress is 100% but the status is not done')]);
  });

  it('done without a done date; not said again when the done date cell was unreadable', () => {
    expect(problems(row({ status: 'done', percent: 100 }))).toEqual([rowWarning('doneDate', 'done_date_missing',
      'وضعیت «انجام شده» است ولی تاریخ انجام نوشته نشده است', 'status is done but the done date is empty')]);
    expect(codes(row({ status: 'done', percent: 100 }), { today: TODAY }, ['doneDate'])).toEqual([]);
  });

  it('beyond the agency\'s authority without a reason', () => {
    expect(problems(row({ status: 'blocked' }))).toEqual([rowWarning('report', 'blocked_without_report',
      'وضعیت «خارج از اختیار دستگاه» است ولی گزارش اقدام دلیلی نمی‌گوید', 'status is "beyond the agency\'s authority" but the report gives no reason')]);
  });

  it('a done date on a row that is not done; none on a voided row', () => {
    expect(problems(row({ doneDate: '1401/05/01' }))).toEqual([rowWarning('doneDate', 'done_date_not_done',
      'تاریخ انجام ۱۴۰۱/۰۵/۰۱ نوشته شده ولی وضعیت «انجام شده» نیست', 'a done date 1401/05/01 is set but the status is not done')]);
    expect(problems(row({ doneDate: '1401/05/01', status: 'void' }))).toEqual([]);
  });

  it('a done date before the meeting, and one after today: errors naming the dates', () => {
    expect(problems(row({ status: 'done', percent: 100, doneDate: '1401/04/01' }))).toEqual([{
      field: 'doneDate', severity: 'error', code: 'done_before_meeting',
      fa: 'تاریخ انجام ۱۴۰۱/۰۴/۰۱ پیش از تاریخ جلسه ۱۴۰۱/۰۴/۰۹ است', en: 'done date 1401/04/01 is before the meeting date 1401/04/09',
    }]);
    expect(problems(row({ status: 'done', percent: 100, doneDate: '1401/06/02' }))).toEqual([{
      field: 'doneDate', severity: 'error', code: 'done_in_future',
      fa: 'تاریخ انجام ۱۴۰۱/۰۶/۰۲ بعد از امروز (۱۴۰۱/۰۶/۰۱) است', en: 'done date 1401/06/02 is after today (1401/06/01)',
    }]);
  });
});

describe('a requested extension', () => {
  it('not after the current due date, and without a reason', () => {
    expect(problems(row({ requestedDue: '1401/05/09' }))).toEqual([
      rowWarning('requestedDue', 'requested_due_not_later', 'مهلت درخواستی ۱۴۰۱/۰۵/۰۹ بعد از مهلت فعلی ۱۴۰۱/۰۵/۰۹ نیست',
        'requested due date 1401/05/09 is not after the current due date 1401/05/09'),
      rowWarning('requestReason', 'request_reason_missing', 'برای مهلت درخواستی دلیلی نوشته نشده است', 'an extension is requested without a reason'),
    ]);
  });

  it('later than the due date, with a reason: nothing to say', () => {
    expect(problems(row({ requestedDue: '1401/05/10', requestReason: 'اعتبار دیر رسید' }))).toEqual([]);
  });
});
