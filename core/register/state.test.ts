import fc from 'fast-check';
import { JalaliDate } from '../jalali/JalaliDate';
import { DEADLINE_STATES, deriveState, STATE_LABELS, STATE_LABELS_EN } from './state';
import type { Assignment, StatusCode } from './types';

const today = JalaliDate.parse('1401/05/10');

/** A row due on `due` with the given report; everything else plausible. */
function row(fields: Partial<Assignment>): Assignment {
  return {
    id: '14010409-12-1-abcdef', meeting: 'جلسه', meetingDate: '1401/04/09', row: 1, text: 'مقرر گردید',
    agency: 'فرمانداری کرج', deadlineText: 'یک ماه', due: '1401/05/09', status: null, percent: null, report: '',
    doneDate: null, requestedDue: null, requestReason: '', revision: 0, updatedAt: null, ...fields,
  };
}

describe('deriveState for an unfinished row and its due date', () => {
  it.each([
    ['due yesterday', '1401/05/09', 'overdue'],
    ['due a month ago', '1401/04/10', 'overdue'],
    ['due today', '1401/05/10', 'due_soon'],
    ['due tomorrow', '1401/05/11', 'due_soon'],
    ['due in exactly 7 days', '1401/05/17', 'due_soon'],
    ['due in 8 days', '1401/05/18', 'on_track'],
    ['due next year', '1402/01/01', 'on_track'],
  ])('is %s → %s', (_why, due, state) => {
    expect(deriveState(row({ due, status: 'in_progress' }), today)).toBe(state);
  });

  it('judges not started, blocked and empty statuses by the deadline alike', () => {
    for (const status of ['not_started', 'blocked', null] as Array<StatusCode | null>) {
      expect(deriveState(row({ due: '1401/05/01', status }), today)).toBe('overdue');
    }
  });

  it('uses the due-soon window it is given', () => {
    const due = '1401/05/13';
    expect(deriveState(row({ due }), today, { dueSoonDays: 3 })).toBe('due_soon');
    expect(deriveState(row({ due }), today, { dueSoonDays: 2 })).toBe('on_track');
    expect(deriveState(row({ due: '1401/05/10' }), today, { dueSoonDays: 0 })).toBe('due_soon');
    expect(deriveState(row({ due: '1401/05/10' }), today, { dueSoonDays: -3 })).toBe('due_soon');
  });
});

describe('deriveState for a done row', () => {
  it.each([
    ['done before the due date', '1401/05/01', 'done'],
    ['done on the due date', '1401/05/09', 'done'],
    ['done one day after the due date', '1401/05/10', 'done_late'],
  ])('is %s → %s', (_why, doneDate, state) => {
    expect(deriveState(row({ status: 'done', due: '1401/05/09', doneDate }), today)).toBe(state);
  });

  it('is done, not late, when the done date is missing even long after the due date', () => {
    expect(deriveState(row({ status: 'done', due: '1401/01/01', doneDate: null }), today)).toBe('done');
  });

  it('is done when there is no due date', () => {
    expect(deriveState(row({ status: 'done', due: null, deadlineText: 'مستمر', doneDate: '1401/05/01' }), today)).toBe('done');
  });
});

describe('deriveState without a due date', () => {
  it('is ongoing when the phrase is ongoing', () => {
    expect(deriveState(row({ due: null, deadlineText: 'به صورت مستمر' }), today)).toBe('ongoing');
  });

  it('trusts a deadline kind the caller already parsed', () => {
    expect(deriveState(row({ due: null, deadlineText: '' }), today, { deadlineKind: 'ongoing' })).toBe('ongoing');
  });

  it.each(['', 'پس از تامین اعتبار', 'بعد از جلسه آینده', 'هر وقت شد'])('needs a date when the phrase is %p', (deadlineText) => {
    expect(deriveState(row({ due: null, deadlineText }), today)).toBe('needs_date');
  });

  it('follows a due date typed over an ongoing phrase', () => {
    expect(deriveState(row({ due: '1401/05/01', deadlineText: 'مستمر' }), today)).toBe('overdue');
  });
});

describe('deriveState for void and invalid rows', () => {
  it('is void when the secretariat voided the row, overdue or not', () => {
    expect(deriveState(row({ status: 'void', due: '1401/01/01' }), today)).toBe('void');
  });

  it('is invalid when the row has errors, whatever its status', () => {
    expect(deriveState(row({ status: 'done', doneDate: '1401/05/01' }), today, { invalid: true })).toBe('invalid');
    expect(deriveState(row({ status: 'void' }), today, { invalid: true })).toBe('invalid');
  });
});

describe('state labels', () => {
  it('has exactly the nine state codes of the issue', () => {
    expect([...DEADLINE_STATES].sort()).toEqual(
      ['done', 'done_late', 'due_soon', 'invalid', 'needs_date', 'on_track', 'ongoing', 'overdue', 'void']);
  });

  it('gives every state a distinct Persian and English label', () => {
    expect(new Set(DEADLINE_STATES.map((s) => STATE_LABELS[s])).size).toBe(9);
    expect(new Set(DEADLINE_STATES.map((s) => STATE_LABELS_EN[s])).size).toBe(9);
  });
});

describe('deriveState on any input', () => {
  const anyDate = fc.option(fc.oneof(
    fc.tuple(fc.integer({ min: 1390, max: 1410 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
      .map(([y, m, d]) => `${y}/${m}/${d}`),
    fc.string()));
  const anyStatus = fc.constantFrom<StatusCode | null>('not_started', 'in_progress', 'done', 'blocked', 'void', null);

  it('never throws and always gives one of the nine codes', () => {
    fc.assert(fc.property(anyDate, anyDate, anyStatus, fc.string(), fc.boolean(), fc.nat({ max: 60 }),
      (due, doneDate, status, deadlineText, invalid, dueSoonDays) => {
        const state = deriveState(row({ due, doneDate, status, deadlineText }), today, { invalid, dueSoonDays });
        expect(DEADLINE_STATES).toContain(state);
      }));
  });

  it('never calls a row overdue on or before its due date', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 400 }), anyStatus, (ahead, status) => {
      const state = deriveState(row({ due: today.addDays(ahead).toString(), status }), today);
      expect(state).not.toBe('overdue');
    }));
  });
});

describe('the words users see for each state', () => {
  it('are the ones the register, the add-in and the service show (written out by hand)', () => {
    expect(STATE_LABELS).toEqual({
      done: 'انجام شده در مهلت', done_late: 'انجام شده با تأخیر', overdue: 'مهلت گذشته', due_soon: 'نزدیک به پایان مهلت',
      on_track: 'در مهلت', ongoing: 'مستمر', needs_date: 'نیازمند تعیین مهلت', void: 'منتفی', invalid: 'دارای خطا',
    });
  });
});
