import type { Assignment } from '../register/types';
import { asReturnRows, exportForAgency, registerAgencies } from './export';
import { MergeRun } from './run';
import type { ReturnRow } from './types';

const A = 'فرمانداری کرج';
const B = 'اداره کل آموزش و پرورش';
// 1401/05/01 10:00 Tehran = 05:30 UTC on 2022-07-23
const AT = new Date(Date.UTC(2022, 6, 23, 5, 30));
const COLUMNS = { id: 'A', text: 'E', agency: 'F', due: 'H', status: 'I', percent: 'J', report: 'K', doneDate: 'L', requestedDue: 'M', requestReason: 'N' };

function row(id: string, agency: string, revision = 1): Assignment {
  return {
    id, meeting: 'جلسه دوازدهم', meetingDate: '1401/04/09', row: 1, text: `متن مصوبه ${id}`, agency, deadlineText: 'یک ماه',
    due: '1401/05/09', status: 'not_started', percent: 0, report: '', doneDate: null, requestedDue: null, requestReason: '',
    revision, updatedAt: null,
  };
}

/** Revisions 1 + 2 + 1: the register's revision (their sum) is 4. */
const REGISTER = [row('m-1-a', A), row('m-2-a', A, 2), row('m-2-b', B)];

function copyOf(agency: string, edits: Record<string, ReturnRow['values']>): ReturnRow[] {
  const rows = asReturnRows(exportForAgency(REGISTER, agency));
  for (const r of rows) r.values = { ...r.values, ...edits[String(r.id)] };
  return rows;
}

const meta = (agency: string, sourceFile: string) => ({ agency, sourceFile, registerRevision: 4, at: AT, columns: COLUMNS });

describe('MergeRun', () => {
  test('starts at the register\'s revision with nothing changed', () => {
    const run = new MergeRun(REGISTER, []);
    expect(run.revisionBefore).toBe(4);
    expect(run.revision).toBe(4);
    expect(run.changed.size).toBe(0);
    expect(run.history).toEqual([]);
  });

  test('a later file sees what an earlier one applied; a row changed twice keeps its first "before" and both fields', () => {
    const run = new MergeRun(REGISTER, []);
    const first = run.mergeFile(copyOf(A, { 'm-1-a': { percent: 50 } }), meta(A, 'karaj-1.xlsx'));
    expect(first).toMatchObject({ outcome: 'applied', cellsApplied: 1 });
    expect(run.revision).toBe(5);

    // a second copy made from the same register, with another field of the same row and a row of B
    const second = run.mergeFile(copyOf(A, { 'm-1-a': { report: 'انجام شد' } }), meta(A, 'karaj-2.xlsx'));
    expect(second).toMatchObject({ outcome: 'applied', cellsApplied: 1, conflicts: [] });
    const third = run.mergeFile(copyOf(B, { 'm-2-b': { percent: 20 } }), meta(B, 'amoozesh.xlsx'));
    expect(third).toMatchObject({ outcome: 'applied', cellsApplied: 1 });
    expect(run.revision).toBe(7);

    const changed = run.changed.get('m-1-a')!;
    expect(changed.before.percent).toBe(0);
    expect(changed.before.report).toBe('');
    expect(changed.after).toMatchObject({ percent: 50, report: 'انجام شد', revision: 3 });
    expect(changed.fields.map((f) => f.field)).toEqual(['percent', 'report']);
    expect([...run.changed.keys()]).toEqual(['m-1-a', 'm-2-b']);
    expect(run.history.map((h) => [h.sourceFile, h.id, h.field, h.new])).toEqual([
      ['karaj-1.xlsx', 'm-1-a', 'percent', '50'],
      ['karaj-2.xlsx', 'm-1-a', 'report', 'انجام شد'],
      ['amoozesh.xlsx', 'm-2-b', 'percent', '20'],
    ]);
  });

  test('the same file merged twice in one run changes nothing the second time', () => {
    const run = new MergeRun(REGISTER, []);
    const copy = copyOf(A, { 'm-2-a': { percent: 30 } });
    run.mergeFile(copy, meta(A, 'karaj.xlsx'));
    const again = run.mergeFile(copy, meta(A, 'karaj.xlsx'));
    expect(again.outcome).toBe('already_merged');
    expect(run.revision).toBe(5);
    expect(run.history).toHaveLength(1);
  });

  test('a register cell its rules cannot read, sent as its text and answered by the agency, is replaced', () => {
    // m-1-a's progress cell holds «زیاد»: the Assignment has no percent, the export sent the text
    const register = REGISTER.map((r) => (r.id === 'm-1-a' ? { ...r, percent: null } : r));
    const rows = asReturnRows(exportForAgency(register, A));
    const target = rows.find((r) => r.id === 'm-1-a')!;
    target.base = { ...target.base, percent: 'زیاد' };
    target.values = { ...target.values, percent: 60 };
    const run = new MergeRun(register, [], undefined, new Map([['m-1-a', { percent: 'زیاد' }]]));
    const report = run.mergeFile(rows, meta(A, 'karaj.xlsx'));
    expect(report).toMatchObject({ outcome: 'applied', cellsApplied: 1, conflicts: [] });
    expect(run.history.map((h) => [h.id, h.field, h.old, h.new])).toEqual([['m-1-a', 'percent', 'زیاد', '60']]);
  });

  test('names one agency however it is spelled, by the run\'s agency key', () => {
    // a key that reads «فرمانداری شهرستان کرج» as the register's «فرمانداری کرج»
    const key = (name: string) => name.replace('شهرستان ', '');
    const run = new MergeRun(REGISTER, [], key);
    const report = run.mergeFile(copyOf(A, { 'm-1-a': { percent: 10 } }), meta('فرمانداری شهرستان کرج', 'karaj.xlsx'));
    expect(report.outcome).toBe('applied');
    expect(run.changed.get('m-1-a')!.after.percent).toBe(10);
  });
});

describe('registerAgencies', () => {
  test('each agency once, spelled as first met, rows without an agency left out', () => {
    const rows = [row('1', A), row('2', ''), row('3', B), row('4', 'فرمانداري كرج'), row('5', ' - ')];
    expect(registerAgencies(rows)).toEqual([A, B]);
    expect(registerAgencies(rows, (name) => (name.includes('آموزش') ? '' : 'one'))).toEqual([A]);
    // a row without an agency is left out even when the key gives it a name
    expect(registerAgencies([row('1', ''), row('2', A)], () => 'one')).toEqual([A]);
  });
});
