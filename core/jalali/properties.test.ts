import fc from 'fast-check';
import { JalaliDate } from './JalaliDate';
import { monthLength } from './calendar';

/** Any day of 1300..1499; offsets below keep results inside the supported 1200..1600. */
const anyDate = fc
  .integer({ min: JalaliDate.of(1300, 1, 1).jdn, max: JalaliDate.of(1499, 12, 29).jdn })
  .map((jdn) => JalaliDate.fromJdn(jdn));
/** Esfand 30 and day 31 are where clamping happens: ask for them often. */
const monthEnd = fc
  .tuple(fc.integer({ min: 1300, max: 1499 }), fc.integer({ min: 1, max: 12 }))
  .map(([year, month]) => JalaliDate.of(year, month, monthLength(year, month)));
const date = fc.oneof(anyDate, monthEnd);
const days = fc.integer({ min: -30_000, max: 30_000 });
const months = fc.integer({ min: -600, max: 600 }); // a + b stays within 1200..1599

const monthIndex = (d: JalaliDate) => d.year * 12 + (d.month - 1);

describe('date arithmetic properties', () => {
  test('adding n days then -n days returns the start', () => {
    fc.assert(fc.property(date, days, (start, n) => start.addDays(n).addDays(-n).equals(start)));
  });

  test('daysUntil(addDays(n)) is n', () => {
    fc.assert(fc.property(date, days, (start, n) => start.daysUntil(start.addDays(n)) === n));
  });

  test('adding days moves the weekday by the same amount', () => {
    fc.assert(fc.property(date, days, (start, n) => start.addDays(n).weekday() === (((start.weekday() + n) % 7) + 7) % 7));
  });

  test('addMonths never yields an invalid date', () => {
    fc.assert(fc.property(date, months, (start, n) => {
      const result = start.addMonths(n);
      return JalaliDate.tryParse(result.toString()).ok
        && JalaliDate.of(result.year, result.month, result.day).equals(result);
    }));
  });

  test('addMonths moves the month by n and keeps the day unless the month is shorter', () => {
    fc.assert(fc.property(date, months, (start, n) => {
      const result = start.addMonths(n);
      return monthIndex(result) === monthIndex(start) + n
        && result.day === Math.min(start.day, monthLength(result.year, result.month));
    }));
  });

  test('addMonths(a).addMonths(b) lands in the month of addMonths(a + b)', () => {
    fc.assert(fc.property(date, months, months, (start, a, b) =>
      monthIndex(start.addMonths(a).addMonths(b)) === monthIndex(start.addMonths(a + b))));
  });

  test('addYears(n) is addMonths(12n)', () => {
    fc.assert(fc.property(date, fc.integer({ min: -80, max: 80 }), (start, n) => start.addYears(n).equals(start.addMonths(12 * n))));
  });

  test('endOfWeek is a Friday 0..6 days ahead, endOfMonth and endOfYear the last days', () => {
    fc.assert(fc.property(date, (start) => {
      const week = start.endOfWeek();
      const month = start.endOfMonth();
      const year = start.endOfYear();
      return week.weekday() === 6 && start.daysUntil(week) >= 0 && start.daysUntil(week) <= 6
        && month.addDays(1).day === 1 && month.month === start.month && month.year === start.year
        && year.addDays(1).toString() === `${start.year + 1}/01/01`;
    }));
  });

  test('compare has the sign of the difference in days', () => {
    fc.assert(fc.property(date, date, (a, b) => Math.sign(a.compare(b)) === -Math.sign(a.daysUntil(b))));
  });
});

describe('formatting round trips', () => {
  test('parse(toString(d)) is d', () => {
    fc.assert(fc.property(date, (d) => JalaliDate.parse(d.toString()).equals(d)));
  });

  test('parse(toDisplay(d)) is d', () => {
    fc.assert(fc.property(date, (d) => JalaliDate.parse(d.toDisplay()).equals(d)));
  });

  test('fromUtcDate(toUtcDate(d)) is d', () => {
    fc.assert(fc.property(date, (d) => JalaliDate.fromUtcDate(d.toUtcDate()).equals(d)));
  });
});
