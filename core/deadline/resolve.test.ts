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

  // 1402/11/28 is a Saturday; its week ends on Friday 1402/12/04, across the end of Bahman
  it.each([
    ['1402/11/28', 'شنبه'], ['1402/11/29', 'یکشنبه'], ['1402/11/30', 'دوشنبه'], ['1402/12/01', 'سه‌شنبه'],
    ['1402/12/02', 'چهارشنبه'], ['1402/12/03', 'پنجشنبه'], ['1402/12/04', 'جمعه'],
  ])('a meeting on %s (%s): «هفته جاری» is Friday 1402/12/04, «هفته آینده» Friday 1402/12/11', (meeting, weekday) => {
    const gregorian = JalaliDate.parse(meeting).toUtcDate();
    expect(new Intl.DateTimeFormat('fa-IR-u-ca-persian', { weekday: 'long', timeZone: 'UTC' }).format(gregorian)).toBe(weekday);
    expect(due('هفته جاری', meeting)).toBe('1402/12/04');
    expect(due('این هفته', meeting)).toBe('1402/12/04');
    expect(due('هفته آینده', meeting)).toBe('1402/12/11');
  });

  it.each([
    // 1402 has 29 days in Esfand, 1403 (leap) 30
    ['ماه جاری', '1402/12/01', '1402/12/29'],
    ['ماه جاری', '1402/12/29', '1402/12/29'],
    ['ماه جاری', '1403/12/01', '1403/12/30'],
    ['ماه جاری', '1403/12/30', '1403/12/30'],
    ['ماه آینده', '1402/12/10', '1403/01/31'],
    ['ماه آینده', '1403/12/30', '1404/01/31'],
    ['ماه آینده', '1403/11/30', '1403/12/30'],
    ['ماه آینده', '1404/11/30', '1404/12/29'],
    ['یک ماه', '1403/12/30', '1404/01/30'],
    ['تا پایان اسفند', '1404/01/01', '1404/12/29'],
    ['تا پایان سال', '1403/12/30', '1403/12/30'],
    ['پایان سال آینده', '1402/05/01', '1403/12/30'],
    ['تا پایان فروردین', '1403/12/20', '1404/01/31'],
    ['تا پایان فروردین سال آینده', '1403/02/01', '1404/01/31'],
    ['تا پایان خرداد سال جاری', '1403/12/20', '1403/03/31'], // before the meeting: the minutes parser warns
    ['تا ۱۵ مهر', '1402/05/17', '1402/07/15'],
    ['تا ۱۵ مهر', '1402/07/15', '1402/07/15'],
    ['تا ۱۵ مهر', '1402/07/16', '1403/07/15'],
    ['۳۰ اسفند', '1402/05/01', '1402/12/29'], // 1402 has no 30 Esfand: its last day
    ['۳۰ اسفند', '1403/05/01', '1403/12/30'],
    ['تا ۱۰ اسفند سال جاری', '1403/12/20', '1403/12/10'],
    ['۴۸ ساعت', '1402/12/28', '1403/01/01'],
  ])('«%s» after a meeting on %s is due %s (year end, leap years, named days)', (phrase, meeting, expected) => {
    expect(due(phrase, meeting)).toBe(expected);
  });

  it('counts «N روز» and «N هفته» like Intl does (checked on the Gregorian calendar)', () => {
    const intl = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' });
    const jalaliOf = (d: Date) => {
      const parts = Object.fromEntries(intl.formatToParts(d).map((p) => [p.type, p.value]));
      return `${parts.year.split(' ')[0]}/${parts.month}/${parts.day}`;
    };
    for (const [meeting, n] of [['1402/05/17', 15], ['1403/12/20', 25], ['1402/12/25', 10], ['1399/12/25', 99]] as const) {
      const start = JalaliDate.parse(meeting).toUtcDate();
      expect(due(`${n} روز`, meeting)).toBe(jalaliOf(new Date(start.getTime() + n * 86_400_000)));
      expect(due(`${n} هفته`, meeting)).toBe(jalaliOf(new Date(start.getTime() + 7 * n * 86_400_000)));
    }
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

    it('skips Nowruz and the other fixed solar holidays by default, and lunar holidays given in the settings', () => {
      // Mon 1403/12/20: Tue 21, Wed 22, Sat 25, Sun 26, Mon 27, Tue 28 (6); Wed 29 Esfand is a holiday;
      // Thu 30, Fri 1404/01/01, Nowruz 1–4; Tue 5 (7), Wed 6 (8), Sat 9 (9), Sun 10 (10)
      expect(due('۱۰ روز کاری', '1403/12/20')).toBe('1404/01/10');
      // without the fixed holidays, 29 Esfand and Nowruz 2–4 would count: Wed 29 (7), Sat 1/2 (8), Sun 1/3 (9), Mon 1/4 (10)
      expect(due('۱۰ روز کاری', '1403/12/20', { solarHolidays: false })).toBe('1404/01/04');
      // 1404's lunar holidays the secretariat enters: 21 Ramadan (1404/01/01) and Eid al-Fitr (1404/01/10, 1404/01/11)
      const holidays = new Set(['1404/01/01', '1404/01/10', '1404/01/11']);
      expect(due('۱۰ روز کاری', '1403/12/20', { holidays })).toBe('1404/01/16');
      // (Sat 1/9 is the 9th; 1/10 and 1/11 Eid, 1/12 and 1/13 fixed holidays, Thu 1/14, Fri 1/15; Sat 1/16 the 10th)
      // where Thursday is a working day: Thu 23 (3) and Thu 30 (8) count; Tue 1/5 (9), Wed 1/6 (10)
      expect(due('۱۰ روز کاری', '1403/12/20', { holidays, thursdayIsWorkday: true })).toBe('1404/01/06');
    });

    it('skips 12 and 13 Farvardin, 14 and 15 Khordad and 22 Bahman', () => {
      expect(due('۱ روز کاری', '1403/01/11')).toBe('1403/01/14');
      expect(due('۱ روز کاری', '1403/03/13')).toBe('1403/03/16');
      expect(due('۱ روز کاری', '1402/11/21')).toBe('1402/11/23');
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
      fc.record({ month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
        .filter(({ month, day }) => day <= (month <= 6 ? 31 : 30))
        .map(({ month, day }): DeadlineRule => ({ kind: 'day_of_month', month, day })),
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

describe('resolveDueDate: rules without a day, and years counted from the meeting', () => {
  it.each<DeadlineRule>([{ kind: 'ongoing' }, { kind: 'conditional', reason: 'funding' }, { kind: 'unknown' }])('gives exactly null for %j', (rule) => {
    expect(resolveDueDate(rule, JalaliDate.parse('1401/04/09'))).toBeNull();
  });

  it('«تا ۱۰ اسفند سال آینده» after a meeting in Tir 1401 is 10 Esfand 1402', () => {
    expect(due('تا ۱۰ اسفند سال آینده', '1401/04/09')).toBe('1402/12/10');
  });
});
