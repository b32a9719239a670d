import { failedReport, formatReports, summarizeReport } from './report';
import type { Conflict, FileReport, Outdated, Rejection } from './types';

/** A report that applied nothing and found nothing, to be changed by each test. */
function report(extra: Partial<FileReport> = {}): FileReport {
  return {
    file: 'karaj.xlsx', agency: 'فرمانداری کرج', sheet: 'مصوبات', outcome: 'nothing_new', madeFromRevision: 3, registerRevision: 5,
    rowsRead: 4, rowsApplied: 0, cellsApplied: 0, rowsUnchanged: 4, cellsAlreadyApplied: 0,
    applied: [], rejected: [], conflicts: [], outdated: [], notes: [], requests: [], missingIds: [], fa: 'پیام پرونده', en: 'file message',
    ...extra,
  };
}

const rejection = (sheetRow: number, fa: string): Rejection => ({ code: 'bad_percent', sheetRow, fa, en: 'refused' });
const conflict = (fa: string): Conflict => ({
  file: 'karaj.xlsx', sheet: 'مصوبات', id: 'm-1-a', field: 'percent', cell: 'J2', base: 0, ours: 30, theirs: 40, fa, en: 'conflict',
});
const outdated = (why?: Outdated['why']): Outdated => ({
  file: 'karaj.xlsx', sheet: 'مصوبات', id: 'm-1-a', field: 'report', cell: 'K2', ours: 'الف', theirs: 'ب', fa: 'کهنه', en: 'old', why,
});

describe('summarizeReport', () => {
  test('a refused file says why in the words of its first refusal, or that it was refused', () => {
    expect(summarizeReport(report({ outcome: 'rejected', rejected: [rejection(0, 'فایل خوانده نشد'), rejection(0, 'دوم')] })))
      .toEqual({ fa: 'فایل خوانده نشد', en: 'refused' });
    expect(summarizeReport(report({ outcome: 'rejected' }))).toEqual({ fa: 'فایل پذیرفته نشد', en: 'file refused' });
  });

  test('an applied file counts cells and rows, then each kind of trouble it had', () => {
    const summary = summarizeReport(report({
      outcome: 'applied', cellsApplied: 12, rowsApplied: 3,
      rejected: [rejection(4, 'الف')], conflicts: [conflict('ب'), conflict('پ')], outdated: [outdated('later_save')],
      requests: [{ id: 'm-1-a', due: '1401/05/09', requestedDue: '1401/06/09', reason: '' }],
    }));
    expect(summary.fa).toBe('۱۲ خانه در ۳ ردیف اعمال شد؛ ۱ مورد رد شد؛ ۲ تعارض؛ ۱ خانه کهنه‌تر از نسخهٔ ادغام‌شده؛ ۱ درخواست تمدید مهلت');
    expect(summary.en).toBe('12 cells in 3 rows applied; 1 refused; 2 conflicts; 1 cells older than the merged save; 1 extension requests');
  });

  test('a file with nothing to apply and nothing wrong says only that', () => {
    expect(summarizeReport(report())).toEqual({ fa: 'تغییری برای اعمال نداشت', en: 'nothing to apply' });
  });

  test('an earlier save merged after a later one changed nothing, and says so', () => {
    expect(summarizeReport(report({ outcome: 'already_merged', outdated: [outdated('later_save'), outdated()] })).en)
      .toBe('a later save of this file was merged already; this copy changed nothing; 2 cells older than the merged save');
  });

  test('a file merged again is "already merged" when its values changed since, or when some cells were applied already', () => {
    const plain = 'this file was already merged; nothing new';
    expect(summarizeReport(report({ outcome: 'already_merged' })).en).toBe(plain);
    expect(summarizeReport(report({ outcome: 'already_merged', outdated: [outdated('changed_since')] })).en)
      .toBe(`${plain}; 1 cells older than the merged save`);
    expect(summarizeReport(report({ outcome: 'already_merged', outdated: [outdated('later_save')], cellsAlreadyApplied: 1 })).en)
      .toBe(`${plain}; 1 cells older than the merged save`);
    expect(summarizeReport(report({ outcome: 'already_merged', outdated: [outdated('later_save'), outdated('changed_since')] })).en)
      .toBe(`${plain}; 2 cells older than the merged save`);
    expect(summarizeReport(report({ outcome: 'nothing_new', outdated: [outdated('later_save')] })).en)
      .toBe('nothing to apply; 1 cells older than the merged save');
  });
});

describe('formatReports', () => {
  test('one block per file: name and agency, verdict, counts, then every row-level problem without the file name', () => {
    const text = formatReports([report({
      outcome: 'applied', rowsRead: 4, rowsApplied: 2, rowsUnchanged: 1, cellsApplied: 5, cellsAlreadyApplied: 1, fa: '۵ خانه اعمال شد',
      rejected: [rejection(0, 'سطح فایل'), rejection(3, 'فایل «karaj.xlsx»، ردیف ۳: درصد نادرست')],
      conflicts: [conflict('فایل «karaj.xlsx»، خانهٔ J2: تعارض')],
      outdated: [outdated()],
      notes: [{ code: 'percent_for_done', id: 'm-1-a', cell: 'J2', fa: 'یادداشت', en: 'note' }],
      requests: [
        { id: 'm-1-a', due: '1401/05/09', requestedDue: '1401/06/09', reason: 'کمبود اعتبار' },
        { id: 'm-2-a', due: null, requestedDue: null, reason: '' },
      ],
      missingIds: ['m-3-a', 'm-4-a'],
    })]);
    expect(text.split('\n')).toEqual([
      '■ karaj.xlsx — فرمانداری کرج',
      '  ۵ خانه اعمال شد',
      '  ردیف‌های خوانده‌شده: ۴ · اعمال‌شده: ۲ · بی‌تغییر: ۱ · خانه‌های اعمال‌شده: ۵ · از پیش اعمال‌شده: ۱',
      '  ✗ ردیف ۳: درصد نادرست',
      '  ⚠ خانهٔ J2: تعارض',
      '  ↺ کهنه',
      '  ℹ یادداشت',
      '  ⏳ درخواست تمدید m-1-a: ۱۴۰۱/۰۵/۰۹ ← ۱۴۰۱/۰۶/۰۹ (کمبود اعتبار)',
      '  ⏳ درخواست تمدید m-2-a: — ← —',
      '  ۲ ردیف از فایل حذف شده بود (کاری با آن‌ها نشد)',
    ]);
  });

  test('a refused file without an agency: its name and why, no counts; files follow each other', () => {
    const refused = failedReport('bad.xlsx', '', 'not_xlsx', 'این فایل کاربرگ اکسل نیست', 'not a workbook', 5);
    expect(formatReports([refused, report({ fa: 'چیزی نبود' })]).split('\n')).toEqual([
      '■ bad.xlsx',
      '  این فایل کاربرگ اکسل نیست',
      '■ karaj.xlsx — فرمانداری کرج',
      '  چیزی نبود',
      '  ردیف‌های خوانده‌شده: ۴ · اعمال‌شده: ۰ · بی‌تغییر: ۴ · خانه‌های اعمال‌شده: ۰ · از پیش اعمال‌شده: ۰',
    ]);
  });
});

describe('failedReport', () => {
  test('is a refused file with one file-level refusal and nothing read or applied', () => {
    expect(failedReport('bad.xlsx', 'شهرداری کرج', 'not_xlsx', 'پیام', 'message', 7)).toEqual({
      file: 'bad.xlsx', agency: 'شهرداری کرج', sheet: '', outcome: 'rejected', madeFromRevision: null, registerRevision: 7,
      rowsRead: 0, rowsApplied: 0, cellsApplied: 0, rowsUnchanged: 0, cellsAlreadyApplied: 0,
      applied: [], rejected: [{ code: 'not_xlsx', file: 'bad.xlsx', sheetRow: 0, fa: 'پیام', en: 'message' }],
      conflicts: [], outdated: [], notes: [], requests: [], missingIds: [], fa: 'پیام', en: 'message',
    });
  });
});
