import fc from 'fast-check';
import { JalaliDate } from '../jalali/JalaliDate';
import { parseDeadline } from './parse';
import { addWorkingDays, isWorkingDay, resolveDueDate } from './resolve';
import type { DeadlineRule } from './rule';

const due = (phrase: string, meeting: string, settings = {}) => {
  const date = resolveDueDate(parseDeadline(phrase).rule, JalaliDate.parse(meeting), settings);
  return date ? date.toString() : null;
};

describe('resolveDueDate', () => {
  // 1401/04/09 is a Thursday (the seed's meeting)
  it.each([
    ['یک ماه', '1401/04/09', '1401/05/09'],
    ['دو هفته', '1401/04/09', '1401/04/23'],
    ['یک هفته', '1401/04/09', '1401/04/16'],
    ['هفته جاری', '1401/04/09', '1401/04/10'],
    ['هفته جاری', '1401/04/10', '1401/04/10'], // a Friday meeting: its own week ends that day
    ['هفته جاری', '1401/04/11', '1401/04/17'], // a Saturday meeting
    ['هفته آینده', '1401/04/09', '1401/04/17'],
    ['ماه جاری', '1401/04/09', '1401/04/31'],
    ['ماه جاری', '1401/07/05', '1401/07/30'],
    ['ماه آینده', '1401/06/31', '1401/07/30'],
    ['ماه آینده', '1402/11/10', '1402/12/29'],
    ['ماه آینده', '1403/11/10', '1403/12/30'],
    ['یک ماه', '1401/06/31', '1401/07/30'], // clamped to Mehr's 30 days
    ['یک ماه', '1402/11/30', '1402/12/29'], // 1402 is not leap
    ['یک ماه', '1403/11/30', '1403/12/30'], // 1403 is leap
    ['یک سال', '1403/12/30', '1404/12/29'],
    ['سه ماه', '1401/11/15', '1402/02/15'],
    ['۱۰ روز', '1401/12/25', '1402/01/06'],
    ['تا پایان مهر', '1401/04/09', '1401/07/30'],
    ['تا پایان مهر', '1401/07/12', '1401/07/30'], // the meeting's own month counts
    ['تا پایان خرداد', '1401/04/09', '1402/03/31'], // already past: next year's
    ['تا پایان اسفند', '1403/02/01', '1403/12/30'],
    ['تا پایان سال', '1401/04/09', '1401/12/29'],
    ['تا پایان سال', '1403/04/09', '1403/12/30'],
    ['تا ۱۴۰۱/۰۵/۳۱', '1401/04/09', '1401/05/31'],
    ['فوری', '1401/04/09', '1401/04/12'],
  ])('«%s» after a meeting on %s is due %s', (phrase, meeting, expected) => {
    expect(due(phrase, meeting)).toBe(expected);
  });

  it.each(['مستمر', 'تا جلسه آینده', 'نامعلوم', ''])('gives no due date for «%s»', (phrase) => {
    expect(due(phrase, '1401/04/09')).toBeNull();
  });

  it('takes the urgent delay from the settings', () => {
    expect(due('فوری', '1401/04/09', { urgentDays: 1 })).toBe('1401/04/10');
  });

  describe('working days', () => {
    it('skips Fridays and, by default, Thursdays', () => {
      // Thu 1401/04/09 → Sat 11, Sun 12, Mon 13, Tue 14, Wed 15 (5), Sat 18 … Wed 22 (10)
      expect(due('۵ روز کاری', '1401/04/09')).toBe('1401/04/15');
      expect(due('۱۰ روز کاری', '1401/04/09')).toBe('1401/04/22');
    });

    it('counts Thursdays where the province works on Thursday', () => {
      // Sat 11 … Wed 15, Thu 16 now counts, Sat 18, Sun 19 (8)
      expect(due('۸ روز کاری', '1401/04/09', { thursdayIsWorkday: true })).toBe('1401/04/19');
      expect(due('۸ روز کاری', '1401/04/09')).toBe('1401/04/20');
    });

    it('skips official holidays from the settings', () => {
      const holidays = new Set(['1401/04/12', '1401/04/13']);
      expect(due('۵ روز کاری', '1401/04/09', { holidays })).toBe('1401/04/19');
    });

    it('never lands on a non-working day', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 100 * 365 }), fc.integer({ min: 1, max: 60 }), fc.boolean(), (offset, n, thursday) => {
          const start = JalaliDate.of(1380, 1, 1).addDays(offset);
          const end = addWorkingDays(start, n, { thursdayIsWorkday: thursday });
          expect(isWorkingDay(end, { thursdayIsWorkday: thursday })).toBe(true);
          expect(end.isAfter(start)).toBe(true);
        }),
      );
    });
  });

  it('never returns a due date before the meeting for relative phrases, nor an impossible date', () => {
    const rules: fc.Arbitrary<DeadlineRule> = fc.oneof(
      fc.record({ kind: fc.constantFrom('days', 'working_days', 'weeks', 'months', 'years'), n: fc.integer({ min: 1, max: 99 }) }) as fc.Arbitrary<DeadlineRule>,
      fc.constantFrom<DeadlineRule>({ kind: 'this_week' }, { kind: 'next_week' }, { kind: 'this_month' }, { kind: 'next_month' },
        { kind: 'end_of_year' }, { kind: 'urgent' }),
      fc.integer({ min: 1, max: 12 }).map((month): DeadlineRule => ({ kind: 'end_of_named_month', month })),
    );
    fc.assert(
      fc.property(rules, fc.integer({ min: 0, max: 120 * 365 }), (rule, offset) => {
        const meeting = JalaliDate.of(1370, 1, 1).addDays(offset);
        const result = resolveDueDate(rule, meeting)!;
        expect(result.isBefore(meeting)).toBe(false);
        expect(JalaliDate.parse(result.toString()).equals(result)).toBe(true);
      }),
    );
  });
});
