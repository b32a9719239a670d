import { interpretRow, isBlankRow } from './rows';

describe('interpretRow', () => {
  it('turns typed cells into an Assignment with Latin-digit dates, codes and numbers', () => {
    const { assignment, problems } = interpretRow({
      sheetRow: 5,
      values: {
        id: ' 14010409-12-2-a1b2c3 ', meeting: 'دوازدهمين جلسه', meetingDate: '۱۴۰۱/۴/۹', row: '۲',
        text: 'مقرر گرديد  ...', agency: 'فرمانداري كرج', deadlineText: 'هفته جاری', due: '1401/04/10',
        status: 'انجام‌شده', percent: '۱۰۰٪', report: ' گزارش ', doneDate: '۱۴۰۱/۰۴/۱۰',
        requestedDue: null, requestReason: null, revision: '3', updatedAt: '1401/04/11 10:00',
      },
    });
    expect(problems).toEqual([]);
    expect(assignment).toEqual({
      id: '14010409-12-2-a1b2c3', meeting: 'دوازدهمین جلسه', meetingDate: '1401/04/09', row: 2,
      text: 'مقرر گردید ...', agency: 'فرمانداری کرج', deadlineText: 'هفته جاری', due: '1401/04/10',
      status: 'done', percent: 100, report: 'گزارش', doneDate: '1401/04/10', requestedDue: null,
      requestReason: '', revision: 3, updatedAt: '1401/04/11 10:00',
    });
  });

  it('reads missing cells as empty values and revision 0', () => {
    const { assignment, problems } = interpretRow({ sheetRow: 2, values: {} });
    expect(problems).toEqual([]);
    expect(assignment).toMatchObject({ id: '', text: '', due: null, status: null, percent: null, row: null, revision: 0, updatedAt: null });
  });

  it('keeps unreadable cells out of the Assignment and reports each one on its field', () => {
    const { assignment, problems } = interpretRow({
      sheetRow: 2,
      values: { meetingDate: '1401/13/01', due: 'فردا', status: 'تمام', percent: 'زیاد', row: 'الف', revision: 'x', doneDate: '1402/12/30' },
    });
    expect(assignment).toMatchObject({ meetingDate: null, due: null, status: null, percent: null, row: null, revision: 0, doneDate: null });
    expect(problems.map((p) => [p.field, p.code, p.severity])).toEqual([
      ['meetingDate', 'invalid_date', 'error'],
      ['due', 'invalid_date', 'error'],
      ['doneDate', 'invalid_date', 'error'],
      ['status', 'status_unknown', 'error'],
      ['percent', 'percent_not_number', 'error'],
      ['row', 'row_not_number', 'warning'],
      ['revision', 'revision_not_number', 'warning'],
    ]);
  });

  it('names the column and the reason in an impossible-date message', () => {
    const { problems } = interpretRow({ sheetRow: 2, values: { doneDate: '۱۴۰۱/۰۷/۳۱' } });
    expect(problems[0].fa).toMatch(/^تاریخ انجام: .*۱۴۰۱\/۰۷\/۳۱.*۳۰ روز دارد/);
    expect(problems[0].en).toMatch(/^Done date: /);
  });

  it('lists the allowed statuses when one is not in the list', () => {
    const { problems } = interpretRow({ sheetRow: 2, values: { status: 'تمام' } });
    expect(problems[0].fa).toBe('وضعیت «تمام» در فهرست نیست؛ یکی از این‌ها را بنویسید: انجام نشده، در حال انجام، انجام شده، خارج از اختیار دستگاه، منتفی');
  });

  it('refuses row number zero', () => {
    expect(interpretRow({ sheetRow: 2, values: { row: 0 } }).problems.map((p) => p.code)).toEqual(['row_not_number']);
  });

  it('never throws, whatever the cells hold', () => {
    expect(() => interpretRow({ sheetRow: 2, values: { id: true, text: 3.5, due: 1e300, percent: Number.POSITIVE_INFINITY, row: -0 } })).not.toThrow();
  });
});

describe('isBlankRow', () => {
  it('is true for a row of empty and invisible cells', () => {
    expect(isBlankRow({ sheetRow: 9, values: { id: null, text: ' ', report: '\u200f' } })).toBe(true);
    expect(isBlankRow({ sheetRow: 9, values: {} })).toBe(true);
  });

  it('is false when any cell holds something, even a zero', () => {
    expect(isBlankRow({ sheetRow: 9, values: { percent: 0 } })).toBe(false);
  });
});
