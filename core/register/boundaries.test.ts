/**
 * Edges that hand-made mutants got through: a comparison moved by one (`<` for `<=`), a word
 * list compared too strictly. Each value is worked out by hand.
 */
import { JalaliDate } from '../jalali/JalaliDate';
import { REGISTER_FIELDS, type FieldName } from './fields';
import { parseStatus } from './status';
import type { CellValue, ColumnMap, RawRow } from './types';
import { validateRegister } from './validate';

const columns: ColumnMap = { id: 'A', meeting: 'B', meetingDate: 'C', row: 'D', text: 'E', agency: 'F', deadlineText: 'G', due: 'H', status: 'I', percent: 'J', report: 'K', doneDate: 'L' };
const context = { sheet: 'مصوبات', columns, today: JalaliDate.parse('1401/05/10') };

/** A row of the 1401/04/09 meeting, due by an explicit date so the due date always agrees with the phrase. */
function codes(values: Partial<Record<FieldName, CellValue>>): string[] {
  const row: RawRow = {
    sheetRow: 2,
    values: {
      id: '14010409-12-1-abcdef', meeting: 'دوازدهمین جلسه', meetingDate: '1401/04/09', row: 1,
      text: 'مقرر گردید فرمانداری کرج گزارش را ارسال نماید', agency: 'فرمانداری کرج',
      deadlineText: '1401/05/09', due: '1401/05/09', status: 'در حال انجام', percent: 50, report: '', doneDate: null,
      ...values,
    },
  };
  return validateRegister([row], context).map((i) => `${i.severity}:${i.code}@${i.cell}`);
}

describe('due date against the meeting date', () => {
  it('a due date on the meeting day itself is allowed', () => {
    expect(codes({ deadlineText: '1401/04/09', due: '1401/04/09' })).toEqual([]);
  });
  it('a due date one day before the meeting is an error on the due cell', () => {
    expect(codes({ deadlineText: '1401/04/08', due: '1401/04/08' })).toEqual(['error:due_before_meeting@H2']);
  });
});

describe('a date in the resolution text against the due date', () => {
  it('the due day itself is not after the due date', () => {
    expect(codes({ text: 'مقرر گردید میز خدمت در تاریخ ۱۴۰۱/۰۵/۰۹ برگزار شود' })).toEqual([]);
  });
  it('one day after the due date is warned about on the text cell', () => {
    expect(codes({ text: 'مقرر گردید میز خدمت در تاریخ ۱۴۰۱/۰۵/۱۰ برگزار شود' })).toEqual(['warning:text_date_after_due@E2']);
  });
});

describe('status words typed differently in the register', () => {
  it.each<[string, string]>([
    ['انجام شده', 'done'],
    ['انجام‌شده', 'done'], // ZWNJ
    ['انجامشده', 'done'], // no space
    [' انجام  شده ', 'done'], // stray spaces
    ['درحال انجام', 'in_progress'],
    ['در حال‌انجام', 'in_progress'],
    ['خارج از اختيار دستگاه', 'blocked'], // Arabic yeh
    ['منتفي', 'void'],
    ['انجام نشده', 'not_started'],
  ])('«%s» reads as %s', (typed, status) => {
    expect(parseStatus(typed)).toEqual({ ok: true, status });
  });

  it('a word that is not a status is refused, not guessed', () => {
    expect(parseStatus('منتفی شد')).toEqual({ ok: false, text: 'منتفی شد' });
  });

  it('a done row whose status is typed with a ZWNJ validates clean', () => {
    expect(codes({ status: 'انجام‌شده', percent: 100, doneDate: '1401/05/01' })).toEqual([]);
  });
});

// every column the register has: the test's own map must not drift from the field list
it('the test\'s column map names only register fields', () => {
  const names = new Set(REGISTER_FIELDS.map((f) => f.name));
  expect(Object.keys(columns).filter((f) => !names.has(f as FieldName))).toEqual([]);
});
