import fc from 'fast-check';
import { AgencyDirectory } from '../agency/directory';
import { JalaliDate } from '../jalali/JalaliDate';
import { REGISTER_FIELDS, type FieldName } from './fields';
import type { CellValue, ColumnMap, Issue, RawRow } from './types';
import { analyzeRegister, cellAddress, validateRegister, type ValidationContext } from './validate';

/** Columns in the written order: id in A, meeting in B … */
const columns: ColumnMap = Object.fromEntries(REGISTER_FIELDS.map((f, i) => [f.name, String.fromCharCode(65 + i)]));
const today = JalaliDate.parse('1401/05/10');
const directory = AgencyDirectory.from([{ name: 'فرمانداری کرج' }, { name: 'اداره کل آموزش و پرورش استان' }]);
const context: ValidationContext = { sheet: 'مصوبات', columns, today, directory };

/** A clean row (no issues) on sheet row `sheetRow`, with some cells replaced. */
function raw(sheetRow: number, values: Partial<Record<FieldName, CellValue>> = {}): RawRow {
  return {
    sheetRow,
    values: {
      id: `14010409-12-${sheetRow}-abcdef`, meeting: 'دوازدهمین جلسه قرارگاه اجتماعی', meetingDate: '۱۴۰۱/۰۴/۰۹',
      row: sheetRow - 1, text: 'مقرر گردید فرمانداری کرج گزارش را ارسال نماید', agency: 'فرمانداری کرج',
      deadlineText: 'یک ماه', due: '۱۴۰۱/۰۵/۰۹', status: 'در حال انجام', percent: 50, report: '', doneDate: null,
      ...values,
    },
  };
}

function issuesOf(values: Partial<Record<FieldName, CellValue>>, ctx: ValidationContext = context): Issue[] {
  return validateRegister([raw(2, values)], ctx);
}

function codes(values: Partial<Record<FieldName, CellValue>>, ctx?: ValidationContext): string[] {
  return issuesOf(values, ctx).map((i) => `${i.severity}:${i.code}@${i.cell}`);
}

describe('validateRegister', () => {
  it('finds nothing wrong in a clean row', () => {
    expect(issuesOf({})).toEqual([]);
  });

  it.each<[string, Partial<Record<FieldName, CellValue>>, string[]]>([
    ['missing text', { text: '  ' }, ['error:missing_text@E2']],
    ['missing agency', { agency: null }, ['error:missing_agency@F2']],
    ['missing id', { id: '' }, ['warning:missing_id@A2']],
    ['an impossible meeting date', { meetingDate: '1401/07/31', due: null, deadlineText: '' }, ['error:invalid_date@C2', 'warning:deadline_missing@G2']],
    ['an impossible due date', { due: '1402/12/30' }, ['error:invalid_date@H2']],
    ['an unreadable done date', { doneDate: 'دیروز' }, ['error:invalid_date@L2']],
    ['a due date before the meeting', { due: '1401/04/01' }, ['error:due_before_meeting@H2']],
    ['a status not in the list', { status: 'تمام' }, ['error:status_unknown@I2']],
    ['a percent over 100', { percent: '۱۲۰' }, ['error:percent_out_of_range@J2']],
    ['a percent under 0', { percent: -1 }, ['error:percent_out_of_range@J2']],
    ['a percent that is not a number', { percent: 'نصف' }, ['error:percent_not_number@J2']],
    ['a percent that is not whole', { percent: '50.5%' }, ['error:percent_not_whole@J2']],
    ['a done date before the meeting', { status: 'انجام شده', percent: 100, doneDate: '1401/04/01' }, ['error:done_before_meeting@L2']],
    ['a done date after today', { status: 'انجام شده', percent: 100, doneDate: '1401/05/11' }, ['error:done_in_future@L2']],
    ['done with percent under 100', { status: 'انجام شده', percent: 80, doneDate: '1401/05/01' }, ['warning:done_percent_below_100@J2']],
    ['percent 100 but in progress', { percent: 100 }, ['warning:percent_100_not_done@I2']],
    ['done without a done date', { status: 'انجام شده', percent: 100 }, ['warning:done_date_missing@L2']],
    ['a done date on an unfinished row', { doneDate: '1401/05/01' }, ['warning:done_date_not_done@L2']],
    ['an unknown deadline and no due date', { deadlineText: 'هر وقت شد', due: null }, ['warning:deadline_unknown@G2']],
    ['a conditional deadline and no due date', { deadlineText: 'پس از تامین اعتبار', due: null }, ['warning:deadline_conditional@G2']],
    ['no deadline at all', { deadlineText: '', due: null }, ['warning:deadline_missing@G2']],
    ['an empty due date the phrase could give', { due: null }, ['warning:due_missing@H2']],
    ['a due date that differs from the phrase', { due: '1401/05/20' }, ['warning:due_mismatch@H2']],
    ['a text date after the due date', { deadlineText: 'هفته جاری', due: '1401/04/10', text: 'میز خدمت در ۱۴۰۱/۴/۱۵ برپا شود' }, ['warning:text_date_after_due@E2']],
    ['two agencies in one row', { agency: 'فرمانداری کرج - آموزش و پرورش' }, ['warning:agency_multiple@F2']],
    ['a requested due date not after the due date', { requestedDue: '1401/05/01', requestReason: 'کمبود اعتبار' }, ['warning:requested_due_not_later@M2']],
    ['a requested due date without a reason', { requestedDue: '1401/06/01' }, ['warning:request_reason_missing@N2']],
    ['a row number that is not a number', { row: 'الف' }, ['warning:row_not_number@D2']],
    ['blocked without a reason', { status: 'خارج از اختیار دستگاه' }, ['warning:blocked_without_report@K2']],
  ])('reports %s', (_why, values, expected) => {
    expect(codes(values)).toEqual(expected);
  });

  it('accepts an ongoing phrase without a due date', () => {
    expect(issuesOf({ deadlineText: 'مستمر', due: null })).toEqual([]);
  });

  it('does not ask a done or void row for a due date', () => {
    expect(issuesOf({ deadlineText: 'هر وقت شد', due: null, status: 'منتفی' })).toEqual([]);
    expect(issuesOf({ deadlineText: 'هر وقت شد', due: null, status: 'انجام شده', percent: 100, doneDate: '1401/05/01' })).toEqual([]);
  });

  it('does not check the deadline of a void row', () => {
    expect(issuesOf({ status: 'منتفی', due: '1401/05/20', text: 'تا ۱۴۰۱/۰۶/۰۱' })).toEqual([]);
  });

  it('accepts blocked with a reason', () => {
    expect(issuesOf({ status: 'خارج از اختیار دستگاه', report: 'نیازمند مصوبه شورای تأمین' })).toEqual([]);
  });

  it('does not ask for a due date twice when the due cell is unreadable', () => {
    expect(codes({ due: '1401/02/32' })).toEqual(['error:invalid_date@H2']);
  });

  it('quotes the percent cell in Persian digits', () => {
    const [issue] = issuesOf({ percent: '120' });
    expect(issue.fa).toBe('درصد پیشرفت باید عددی بین ۰ و ۱۰۰ باشد («۱۲۰»)');
    expect(issue.en).toBe('Progress must be a number from 0 to 100 ("120")');
    expect(issue).toMatchObject({ sheet: 'مصوبات', id: '14010409-12-2-abcdef' });
  });

  it('accepts a done date of today and a done date on the meeting day', () => {
    expect(issuesOf({ status: 'انجام شده', percent: 100, doneDate: '1401/05/10' })).toEqual([]);
    expect(issuesOf({ status: 'انجام شده', percent: 100, doneDate: '1401/04/09' })).toEqual([]);
  });

  it('accepts a text date on the due date', () => {
    expect(issuesOf({ text: 'تا ۱۴۰۱/۰۵/۰۹ گزارش دهد' })).toEqual([]);
  });

  it('suggests the closest known agency for an unknown one', () => {
    const [issue] = issuesOf({ agency: 'فرمانداري کرجج' });
    expect(issue).toMatchObject({ severity: 'warning', code: 'agency_unknown', cell: 'F2' });
    expect(issue.fa).toContain('«فرمانداری کرج»');
    expect(issue.en).toContain('did you mean "فرمانداری کرج"');
  });

  it('matches agencies typed differently from the directory', () => {
    expect(issuesOf({ agency: 'اداره كل آموزش و پرورش  استان' })).toEqual([]);
  });

  it('does not check agencies without a directory, or with an empty one', () => {
    expect(issuesOf({ agency: 'شهرداری' }, { ...context, directory: undefined })).toEqual([]);
    expect(issuesOf({ agency: 'شهرداری' }, { ...context, directory: new AgencyDirectory() })).toEqual([]);
  });

  it('reports a duplicate id on the second row, naming the first', () => {
    const rows = [raw(2), raw(3), raw(4, { id: '14010409-12-2-abcdef' })];
    const issues = validateRegister(rows, context);
    expect(issues.map((i) => `${i.code}@${i.cell}`)).toEqual(['duplicate_id@A4']);
    expect(issues[0].fa).toContain('ردیف ۲');
  });

  it('recomputes due dates with the working-day settings', () => {
    // ۱۰ روز کاری from Thursday 1401/04/09 with Thursdays and Fridays off is Wednesday 1401/04/22;
    // with Thursday a working day it is 1401/04/21
    expect(issuesOf({ deadlineText: '۱۰ روز کاری', due: '1401/04/22' })).toEqual([]);
    expect(codes({ deadlineText: '۱۰ روز کاری', due: '1401/04/22' }, { ...context, settings: { thursdayIsWorkday: true } }))
      .toEqual(['warning:due_mismatch@H2']);
  });

  it('skips blank rows', () => {
    const blank: RawRow = { sheetRow: 3, values: { id: null, text: '  ', percent: '\u200f' } };
    expect(analyzeRegister([raw(2), blank], context).rows.map((r) => r.sheetRow)).toEqual([2]);
  });

  it('never throws on cells of any type', () => {
    const odd: RawRow = { sheetRow: 2, values: { id: 5, meetingDate: true, due: 0, status: 3, percent: false, text: 12, agency: false } };
    expect(() => validateRegister([odd], context)).not.toThrow();
  });
});

describe('analyzeRegister', () => {
  it('gives each row its state and its own issues', () => {
    const result = analyzeRegister([raw(2), raw(3, { percent: 150 }), raw(4, { status: 'انجام شده', percent: 100, doneDate: '1401/05/09' })], context);
    expect(result.rows.map((r) => r.state)).toEqual(['overdue', 'invalid', 'done']);
    expect(result.rows[1].issues.map((i) => i.code)).toEqual(['percent_out_of_range']);
    expect(result.issues).toHaveLength(1);
  });

  it('leaves a row with only warnings in its deadline state', () => {
    const result = analyzeRegister([raw(2, { due: null, deadlineText: 'پس از تامین اعتبار' })], context);
    expect(result.rows[0].state).toBe('needs_date');
  });
});

describe('validateRegister on any cells', () => {
  const anyCell = fc.oneof(
    fc.constant(null), fc.string(), fc.double(), fc.boolean(), fc.integer({ min: -200, max: 200 }),
    fc.constantFrom('۱۴۰۱/۰۴/۰۹', '1401/07/31', '1402/12/30', 'انجام شده', 'منتفی', '۸۰٪', 'مستمر', 'یک ماه', 'پس از جلسه آینده'),
  );
  const fields = REGISTER_FIELDS.map((f) => f.name);
  const anyRow = fc.record(Object.fromEntries(fields.map((f) => [f, anyCell])) as Record<FieldName, typeof anyCell>);

  it('never throws, addresses every issue to a cell of its row, and marks rows with errors invalid', () => {
    fc.assert(fc.property(fc.array(anyRow, { maxLength: 8 }), (rows) => {
      const raws = rows.map((values, i) => ({ sheetRow: i + 2, values }));
      const result = analyzeRegister(raws, context);
      for (const row of result.rows) {
        for (const issue of row.issues) {
          expect(issue.cell).toMatch(new RegExp(`^[A-Z]+${row.sheetRow}$`));
          expect(issue.fa.length).toBeGreaterThan(0);
          expect(issue.en.length).toBeGreaterThan(0);
          expect(issue.code).toMatch(/^[a-z0-9_]+$/);
        }
        expect(row.state === 'invalid').toBe(row.issues.some((i) => i.severity === 'error'));
      }
    }));
  });
});

describe('cellAddress', () => {
  it('addresses the field column, or the first column when the field has none', () => {
    expect(cellAddress({ percent: 'J', id: 'C', text: 'AB' }, 'percent', 7)).toBe('J7');
    expect(cellAddress({ id: 'C', text: 'AB', meeting: 'Z' }, 'status', 7)).toBe('C7');
    expect(cellAddress({ text: 'AB', meeting: 'Z' }, null, 7)).toBe('Z7');
    expect(cellAddress({}, null, 7)).toBe('A7');
  });
});
