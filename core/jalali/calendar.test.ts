import { FRIDAY, MONTH_NAMES, SATURDAY, THURSDAY, WEEKDAY_NAMES, monthLength } from './calendar';

describe('monthLength', () => {
  test('months 1 to 6 have 31 days', () => {
    for (let month = 1; month <= 6; month++) expect(monthLength(1401, month)).toBe(31);
  });

  test('months 7 to 11 have 30 days', () => {
    for (let month = 7; month <= 11; month++) expect(monthLength(1401, month)).toBe(30);
  });

  test('Esfand has 29 days, 30 in a leap year', () => {
    expect(monthLength(1402, 12)).toBe(29);
    expect(monthLength(1403, 12)).toBe(30);
  });

  test.each([0, 13, 1.5])('throws a RangeError naming month %p', (month) => {
    expect(() => monthLength(1401, month)).toThrow(new RangeError(`month ${month} is not 1..12`));
  });
});

describe('names', () => {
  test('month 1 is Farvardin and month 12 is Esfand', () => {
    expect(MONTH_NAMES).toHaveLength(12);
    expect(MONTH_NAMES[0]).toBe('فروردین');
    expect(MONTH_NAMES[6]).toBe('مهر');
    expect(MONTH_NAMES[11]).toBe('اسفند');
  });

  test('the week starts on Saturday and ends on Friday', () => {
    expect(WEEKDAY_NAMES[SATURDAY]).toBe('شنبه');
    expect(WEEKDAY_NAMES[THURSDAY]).toBe('پنجشنبه');
    expect(WEEKDAY_NAMES[FRIDAY]).toBe('جمعه');
  });
});
