import { REGISTER_FIELDS, type FieldName } from '../../core/register/fields';
import { columnReads, columnValues, followUps, PRESENT, type ColumnRead, type LoadedColumn } from './reads';
import type { RegisterLayout } from './register';

/** The tool's own layout: A id … R hidden Gregorian due, header in row 1. */
const COL = Object.fromEntries(REGISTER_FIELDS.map((f, i) => [f.name, i + 1])) as Record<FieldName, number>;
const layout = (): RegisterLayout => ({ sheet: 'مصوبات', headerRow: 1, columns: new Map(Object.entries(COL) as Array<[FieldName, number]>), lastRow: 5, lastColumn: 18 });

/** A sample row: cells by field, the rest empty. */
function line(cells: Partial<Record<FieldName, unknown>>): unknown[] {
  return REGISTER_FIELDS.map((f) => cells[f.name] ?? '');
}

const byField = (reads: ColumnRead[]) => Object.fromEntries(reads.map((r) => [r.field, [r.load, r.formats]]));

describe('columnReads', () => {
  const sample = [
    line({ id: 'x-1', text: 'متن', row: 1, percent: 0.5, due: '1403/02/15', report: 'گزارش اقدام دستگاه', state: 'در مهلت', revision: 2 }),
    line({ id: 'x-2', text: 'متن', row: 2, due: '1403/02/16', report: '', state: 'در مهلت', revision: 3 }),
  ];

  it('all: every column as values; formats with a date or percent column only where the sample holds a number there', () => {
    const reads = byField(columnReads(layout(), sample, 'all'));
    expect(Object.keys(reads)).toHaveLength(18);
    // row, percent and revision hold numbers in the sample; the due dates are text
    expect(reads.row).toEqual(['values', true]);
    expect(reads.percent).toEqual(['values', true]);
    expect(reads.revision).toEqual(['values', true]);
    expect(reads.due).toEqual(['values', false]);
    expect(reads.meetingDate).toEqual(['values', false]);
    // not a date or percent column: a number there needs no format
    expect(reads.text).toEqual(['values', false]);
  });

  it('all with allFormats: formats for every date and percent column', () => {
    const reads = byField(columnReads(layout(), sample, 'all', true));
    expect(reads.due).toEqual(['values', true]);
    expect(reads.requestedDue).toEqual(['values', true]);
    expect(reads.report).toEqual(['values', false]);
  });

  it('states: columns outside the state fields as types when their sample cells are longer than a type (12 bytes)', () => {
    const reads = byField(columnReads(layout(), sample, 'states'));
    // report: ("گزارش اقدام دستگاه": 18 letters, 2 of them spaces → 34 + 2 + 3) and ("": 5) average 22
    expect(reads.report).toEqual(['types', false]);
    // the state words «در مهلت»: 7 letters, one a space → 13 + 2 + 3 = 18
    expect(reads.state).toEqual(['types', false]);
    // revision 2 and 3: `[2],` 4 bytes; empty columns `[""],` 5 bytes: values are smaller
    expect(reads.revision).toEqual(['values', true]);
    expect(reads.requestReason).toEqual(['values', false]);
    // the state fields are always values, however long
    expect(reads.text).toEqual(['values', false]);
    expect(reads.id).toEqual(['values', false]);
  });

  it('ids: the id column alone, without formats', () => {
    expect(byField(columnReads(layout(), sample, 'ids'))).toEqual({ id: ['values', false] });
  });
});

describe('followUps and columnValues', () => {
  const reads: ColumnRead[] = [
    { field: 'id', column: COL.id, load: 'values', formats: false },
    { field: 'due', column: COL.due, load: 'values', formats: false },
    { field: 'percent', column: COL.percent, load: 'values', formats: true },
    { field: 'report', column: COL.report, load: 'types', formats: false },
    { field: 'state', column: COL.state, load: 'types', formats: false },
  ];
  const column = (cells: unknown[], formats: Array<string | undefined> = []): LoadedColumn => ({ cells, formats });
  // row 0: an ordinary row; row 1: only a report (text of unknown content) and a state word;
  // row 2: a due date typed as a date (a number) and a report; row 3: nothing but a number in
  // the state column; row 4: spaces as its id, a report
  const loaded = new Map<FieldName, LoadedColumn>([
    ['id', column(['a-1', '', 'a-3', '', '  '])],
    ['due', column(['1403/02/15', '', 45678, '', ''])],
    ['percent', column([0.5, '', '', '', ''], ['0%', 'General', 'General', 'General', 'General'])],
    ['report', column(['String', 'String', 'String', 'Empty', 'String'])],
    ['state', column(['String', 'String', 'Empty', 'Double', 'Empty'])],
  ]);

  it('asks for the formats of numbers in a date column read without them, and the type-only text of otherwise blank rows', () => {
    expect(followUps(reads, loaded, 5)).toEqual([
      { field: 'due', column: COL.due, load: 'numberFormat', rows: [2] },
      // rows 1 and 4 have no other content (spaces are blank); row 3 has a number: not blank
      { field: 'report', column: COL.report, load: 'values', rows: [1, 4] },
      { field: 'state', column: COL.state, load: 'values', rows: [1] },
    ]);
  });

  it('asks nothing when every row has content of its own', () => {
    const full = new Map(loaded);
    full.set('id', column(['a-1', 'a-2', 'a-3', 'a-4', 'a-5']));
    full.set('due', column(['', '', '', '', '']));
    expect(followUps(reads, full, 5)).toEqual([]);
  });

  it('gives core the values, an empty type as empty, a type-only cell read again as read, the others as present', () => {
    const content = new Map<FieldName, Map<number, unknown>>([['report', new Map<number, unknown>([[1, '   '], [4, 'پیگیری شد']])]]);
    const data = columnValues(reads, loaded, 5, content);
    expect(data.report!.values).toEqual([PRESENT, '   ', PRESENT, '', 'پیگیری شد']);
    expect(data.state!.values).toEqual([PRESENT, PRESENT, '', PRESENT, '']);
    expect(data.due).toEqual({ values: ['1403/02/15', '', 45678, '', ''], formats: [] });
    expect(data.percent!.formats).toEqual(['0%', 'General', 'General', 'General', 'General']);
    // id is not a date or percent column: no formats
    expect(data.id).toEqual({ values: ['a-1', '', 'a-3', '', '  '], formats: undefined });
  });
});
