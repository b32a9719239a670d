/** Register rows at their edges: addresses of issues, rows without ids, row number zero, minutes without a title. */
import { JalaliDate } from '../jalali/JalaliDate';
import type { ParsedMinutes } from '../minutes/types';
import { assignmentsFromMinutes, meetingLabel } from './fromMinutes';
import { fieldHeader, fieldHeaderEn } from './problems';
import type { FieldName } from './fields';
import { interpretRow } from './rows';
import type { CellValue, ColumnMap, RawRow } from './types';
import { cellAddress, validateRegister, type ValidationContext } from './validate';

describe('cellAddress: a problem about the row as a whole is put in the row\'s first column', () => {
  it.each<[ColumnMap, string]>([
    [{ text: 'C', id: 'B' }, 'B7'],
    [{ text: 'B', id: 'C' }, 'B7'],
    [{ text: 'AA', id: 'Z' }, 'Z7'],
    [{ text: 'Z', id: 'AA' }, 'Z7'],
    [{}, 'A7'],
  ])('%j → %s', (columns, address) => {
    expect(cellAddress(columns, null, 7)).toBe(address);
  });
});

describe('validateRegister: ids', () => {
  const columns: ColumnMap = { id: 'A', meeting: 'B', meetingDate: 'C', row: 'D', text: 'E', agency: 'F', deadlineText: 'G', due: 'H', status: 'I', percent: 'J' };
  const context: ValidationContext = { sheet: 'مصوبات', columns, today: JalaliDate.parse('1401/05/10') };
  const raw = (sheetRow: number, values: Partial<Record<FieldName, CellValue>>): RawRow => ({
    sheetRow,
    values: {
      meeting: 'جلسه', meetingDate: '1401/04/09', row: sheetRow - 1, text: 'متن', agency: 'فرمانداری کرج',
      deadlineText: 'یک ماه', due: '1401/05/09', status: 'در حال انجام', percent: 50, ...values,
    },
  });

  it('two rows without an id are each warned about, never taken for duplicates, and their issues carry no id', () => {
    const issues = validateRegister([raw(2, {}), raw(3, {})], context);
    expect(issues.map((i) => [i.code, i.cell])).toEqual([['missing_id', 'A2'], ['missing_id', 'A3']]);
    expect(issues.every((i) => !('id' in i))).toBe(true);
  });

  it('a repeated id is an error on the id cell of the later row, naming the first row', () => {
    const issues = validateRegister([raw(2, { id: 'x-1' }), raw(3, { id: 'x-1' })], context);
    expect(issues).toEqual([{
      severity: 'error', code: 'duplicate_id', sheet: 'مصوبات', cell: 'A3', id: 'x-1',
      fa: 'شناسه «x-1» تکراری است؛ ردیف ۲ همین شناسه را دارد', en: 'duplicate id "x-1"; row 2 has the same id',
    }]);
  });
});

describe('interpretRow', () => {
  it('row number zero is no row number: warned about, quoted as «۰», and read as none', () => {
    const { assignment, problems } = interpretRow({ sheetRow: 2, values: { row: 0, text: 'متن' } });
    expect(assignment.row).toBeNull();
    expect(problems.find((p) => p.code === 'row_not_number')).toEqual({
      field: 'row', severity: 'warning', code: 'row_not_number', fa: 'ردیف باید عدد صحیح مثبت باشد («۰»)', en: 'Row must be a positive whole number ("0")',
    });
  });

  it('a fraction of a percent: an error saying it must be whole, quoting the cell', () => {
    const { problems } = interpretRow({ sheetRow: 2, values: { percent: '80.5' } });
    expect(problems).toContainEqual({
      field: 'percent', severity: 'error', code: 'percent_not_whole',
      fa: 'درصد پیشرفت باید عدد صحیح بین ۰ و ۱۰۰ باشد («۸۰.۵»)', en: 'Progress must be a whole number from 0 to 100 ("80.5")',
    });
  });

  it('a status not in the list: the English message lists the statuses separated by commas', () => {
    const { problems } = interpretRow({ sheetRow: 2, values: { status: 'شاید' } });
    expect(problems.find((p) => p.code === 'status_unknown')?.en)
      .toBe('status "شاید" is not in the list (انجام نشده, در حال انجام, انجام شده, خارج از اختیار دستگاه, منتفی)');
  });
});

describe('fieldHeader', () => {
  it('names a field by its header, and an unknown one by itself', () => {
    expect(fieldHeader('due')).toBe('مهلت');
    expect(fieldHeaderEn('due')).toBe('Due date');
    expect(fieldHeader('nothing' as FieldName)).toBe('nothing');
    expect(fieldHeaderEn('nothing' as FieldName)).toBe('nothing');
  });
});

describe('rows from minutes', () => {
  const minutes = (title: string, date: string | null, agencies: string[]): ParsedMinutes => ({
    meeting: { body: '', title, number: 12, date, weekday: null },
    resolutions: [{ row: 1, text: 'متن', agencies, deadline: { text: 'یک ماه', kind: 'months', due: null }, warnings: [] }],
    warnings: [],
  } as unknown as ParsedMinutes);

  it('the meeting is named by its title, else by «جلسه» and its date, else «جلسه» alone', () => {
    expect(meetingLabel(minutes('دوازدهمین جلسه', '1401/04/09', []))).toBe('دوازدهمین جلسه');
    expect(meetingLabel(minutes('', '1401/04/09', []))).toBe('جلسه 1401/04/09');
    expect(meetingLabel(minutes('', null, []))).toBe('جلسه');
  });

  it('a resolution with no agency still gives one row, with the agency and the report fields empty', () => {
    expect(assignmentsFromMinutes(minutes('دوازدهمین جلسه', '1401/04/09', []), '1401/04/10')).toEqual([{
      id: `14010409-12-1-${'811c9dc5'.slice(0, 6)}`, meeting: 'دوازدهمین جلسه', meetingDate: '1401/04/09', row: 1, text: 'متن', agency: '',
      deadlineText: 'یک ماه', due: null, status: null, percent: null, report: '', doneDate: null, requestedDue: null, requestReason: '',
      revision: 1, updatedAt: '1401/04/10',
    }]);
  });
});
