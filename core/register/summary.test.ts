import fc from 'fast-check';
import { JalaliDate } from '../jalali/JalaliDate';
import { DEADLINE_STATES } from './state';
import { summarize } from './summary';
import type { Assignment, DeadlineState } from './types';

const today = JalaliDate.parse('1401/05/10');

function item(state: DeadlineState, fields: Partial<Assignment> = {}): { assignment: Assignment; state: DeadlineState } {
  return {
    state,
    assignment: {
      id: 'x', meeting: 'جلسه دوازدهم', meetingDate: '1401/04/09', row: 1, text: 'متن', agency: 'فرمانداری کرج',
      deadlineText: 'یک ماه', due: '1401/05/09', status: null, percent: null, report: '', doneDate: null,
      requestedDue: null, requestReason: '', revision: 0, updatedAt: null, ...fields,
    },
  };
}

describe('summarize', () => {
  it('counts rows by state and takes percent done over rows that are neither void nor ongoing', () => {
    const summary = summarize([
      item('done'), item('done_late'), item('overdue'), item('on_track'), item('void'), item('ongoing'),
    ], today);
    expect(summary.total).toMatchObject({ total: 6, done: 2, counted: 4, percentDone: 50 });
    expect(summary.total.counts).toMatchObject({ done: 1, done_late: 1, overdue: 1, on_track: 1, void: 1, ongoing: 1, invalid: 0 });
  });

  it('counts invalid rows as not done', () => {
    expect(summarize([item('done'), item('invalid'), item('invalid')], today).total.percentDone).toBe(33);
  });

  it('has no percent when every row is void or ongoing', () => {
    expect(summarize([item('void'), item('ongoing')], today).total.percentDone).toBeNull();
    expect(summarize([], today).total).toMatchObject({ total: 0, percentDone: null });
  });

  it('groups an agency typed in different ways and shows it as first written', () => {
    const summary = summarize([
      item('done', { agency: 'دستگاه‌های اجرایی' }),
      item('overdue', { agency: 'دستگاههاي اجرايي' }),
      item('on_track', { agency: 'فرمانداری کرج' }),
    ], today);
    expect(summary.agencies.map((a) => [a.agency, a.total, a.percentDone])).toEqual([
      ['دستگاه‌های اجرایی', 2, 50],
      ['فرمانداری کرج', 1, 0],
    ]);
  });

  it('gives each meeting its own totals, oldest first and undated last', () => {
    const summary = summarize([
      item('done', { meeting: 'سیزدهم', meetingDate: '1401/05/01' }),
      item('overdue', { meeting: 'بی‌تاریخ', meetingDate: null }),
      item('done', { meeting: 'دوازدهم', meetingDate: '1401/04/09' }),
      item('overdue', { meeting: 'دوازدهم', meetingDate: '1401/04/09' }),
    ], today);
    expect(summary.meetings.map((m) => [m.meeting, m.total, m.percentDone])).toEqual([
      ['دوازدهم', 2, 50], ['سیزدهم', 1, 100], ['بی‌تاریخ', 1, 0],
    ]);
  });

  it('lists overdue rows with the most days late first', () => {
    const summary = summarize([
      item('overdue', { id: 'a', due: '1401/05/09' }),
      item('overdue', { id: 'b', due: '1401/04/10' }),
      item('on_track', { id: 'c', due: '1401/06/01' }),
      item('overdue', { id: 'd', due: '1401/05/01' }),
    ], today);
    expect(summary.overdue.map((o) => [o.id, o.daysLate])).toEqual([['b', 31], ['d', 9], ['a', 1]]);
    expect(summary.overdue[0]).toMatchObject({ meeting: 'جلسه دوازدهم', row: 1, agency: 'فرمانداری کرج', text: 'متن', due: '1401/04/10' });
  });

  it('breaks ties in days late by meeting date and row', () => {
    const summary = summarize([
      item('overdue', { id: 'late-row', row: 3 }),
      item('overdue', { id: 'early-row', row: 1 }),
    ], today);
    expect(summary.overdue.map((o) => o.id)).toEqual(['early-row', 'late-row']);
  });

  it('adds up: state counts to totals, agencies and meetings to the whole', () => {
    const anyRow = fc.record({
      state: fc.constantFrom(...DEADLINE_STATES),
      agency: fc.constantFrom('فرمانداری کرج', 'فرمانداري کرج', 'شهرداری', 'آموزش و پرورش'),
      meetingDate: fc.constantFrom('1401/04/09', '1401/05/01', null),
      daysLate: fc.integer({ min: 1, max: 300 }),
    });
    fc.assert(fc.property(fc.array(anyRow, { maxLength: 40 }), (rows) => {
      const summary = summarize(rows.map((r) => item(r.state, {
        agency: r.agency, meetingDate: r.meetingDate, due: today.addDays(-r.daysLate).toString(),
      })), today);
      const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
      expect(summary.total.total).toBe(rows.length);
      for (const group of [summary.total, ...summary.agencies, ...summary.meetings]) {
        expect(sum(DEADLINE_STATES.map((s) => group.counts[s]))).toBe(group.total);
        if (group.percentDone !== null) expect(group.percentDone).toBeGreaterThanOrEqual(0);
        if (group.percentDone !== null) expect(group.percentDone).toBeLessThanOrEqual(100);
      }
      expect(sum(summary.agencies.map((a) => a.total))).toBe(rows.length);
      expect(sum(summary.meetings.map((m) => m.total))).toBe(rows.length);
      expect(summary.agencies.length).toBeLessThanOrEqual(3);
      expect(summary.overdue).toHaveLength(summary.total.counts.overdue);
      for (let i = 1; i < summary.overdue.length; i++) {
        expect(summary.overdue[i - 1].daysLate).toBeGreaterThanOrEqual(summary.overdue[i].daysLate);
      }
    }));
  });
});

describe('summarize: the order of its lists, and an overdue row whose due date cannot be read', () => {
  it('lists agencies in Persian alphabetical order, whatever order the rows come in', () => {
    const summary = summarize([item('done', { agency: 'هلال احمر' }), item('done', { agency: 'شهرداری' }), item('done', { agency: 'استانداری' }),
      item('done', { agency: 'بهزیستی' })], today);
    expect(summary.agencies.map((a) => a.agency)).toEqual(['استانداری', 'بهزیستی', 'شهرداری', 'هلال احمر']);
  });

  it('lists meetings oldest first, the same day by title, undated last by title', () => {
    const summary = summarize([
      item('done', { meeting: 'ی', meetingDate: null }),
      item('done', { meeting: 'ب', meetingDate: null }),
      item('done', { meeting: 'د', meetingDate: '1401/05/01' }),
      item('done', { meeting: 'ج', meetingDate: '1401/04/09' }),
      item('done', { meeting: 'الف', meetingDate: '1401/04/09' }),
      item('done', { meeting: 'ه', meetingDate: '1400/12/01' }),
    ], today);
    expect(summary.meetings.map((m) => [m.meeting, m.meetingDate])).toEqual([
      ['ه', '1400/12/01'], ['الف', '1401/04/09'], ['ج', '1401/04/09'], ['د', '1401/05/01'], ['ب', null], ['ی', null],
    ]);
  });

  it('counts an overdue row whose due date cannot be read, but does not list it', () => {
    const summary = summarize([item('overdue', { due: '1401/13/01' }), item('overdue', { due: '1401/05/01', id: 'b' })], today);
    expect(summary.total.counts.overdue).toBe(2);
    expect(summary.overdue.map((o) => [o.id, o.due, o.daysLate])).toEqual([['b', '1401/05/01', 9]]);
  });
});
