import { MosavabatError } from '../errors';
import { JalaliDate, parseJalali } from './JalaliDate';

const d = (text: string) => JalaliDate.parse(text);

/**
 * A Date whose local-time getters behave as if the machine were `offsetMinutes` east of UTC,
 * so a test can show that code reads UTC parts without changing the real process time zone
 * (jest's sandbox does not pass process.env.TZ changes to the runtime).
 */
class DateInZone extends Date {
  constructor(iso: string, private readonly offsetMinutes: number) {
    super(iso);
  }
  private shifted(): Date {
    return new Date(this.getTime() + this.offsetMinutes * 60_000);
  }
  override getFullYear(): number { return this.shifted().getUTCFullYear(); }
  override getMonth(): number { return this.shifted().getUTCMonth(); }
  override getDate(): number { return this.shifted().getUTCDate(); }
  override getDay(): number { return this.shifted().getUTCDay(); }
  override getHours(): number { return this.shifted().getUTCHours(); }
  override getTimezoneOffset(): number { return -this.offsetMinutes; }
}

describe('JalaliDate.parse', () => {
  test.each([
    ['۱۴۰۱/۰۴/۰۹'],
    ['1401/4/9'],
    ['1401/04/09'],
    ['۱۴۰۱-۰۴-۰۹'],
    ['1401-4-9'],
    ['1401.04.09'],
    ['۱۴۰۱٫۰۴٫۰۹'],
    ['1401\\04\\09'],
    ['١٤٠١/٠٤/٠٩'],
    ['١٤٠١/٤/٩'],
    ['۱۴۰۱/4/٩'],
    ['  1401/04/09  '],
    ['\u200f۱۴۰۱/۰۴/۰۹\u200e'],
    ['\u202b1401/4/9\u202c'],
    ['\u20671401/4/9\u2069'],
    ['\u061c۱۴۰۱/۰۴/۰۹'],
    ['1401 / 4 / 9'],
    ['\t1401/04/09\n'],
    ['01/4/9'],
    ['۰۱/۰۴/۰۹'],
    // day first is unambiguous when the year has four digits
    ['09/04/1401'],
    ['۹/۴/۱۴۰۱'],
    ['9-4-1401'],
  ])('reads %j as 1401/04/09', (text) => {
    expect(d(text).toString()).toBe('1401/04/09');
  });

  test('reads a two-digit year from 80 up as 13xx and below 80 as 14xx', () => {
    expect(d('99/12/01').toString()).toBe('1399/12/01');
    expect(d('80/1/1').toString()).toBe('1380/01/01');
    expect(d('79/1/1').toString()).toBe('1479/01/01');
    expect(d('03/12/30').toString()).toBe('1403/12/30');
  });

  test.each([
    ['1403/12/30'],
    ['1408/12/30'],
    ['1412/12/30'],
    ['1399/12/30'],
    ['1401/06/31'],
    ['1401/07/30'],
    ['1401/12/29'],
  ])('accepts %s, a day that exists', (text) => {
    expect(d(text).toString()).toBe(text);
  });

  test.each([
    ['1401/07/31', 'مهر ۱۴۰۱ ۳۰ روز دارد'],
    ['1401/11/31', 'بهمن ۱۴۰۱ ۳۰ روز دارد'],
    ['1401/01/32', 'فروردین ۱۴۰۱ ۳۱ روز دارد'],
    ['1402/12/30', 'کبیسه نیست'],
    ['1404/12/30', 'کبیسه نیست'],
    ['1401/13/01', 'ماه باید بین ۱ و ۱۲ باشد'],
    ['1401/00/10', 'ماه باید بین ۱ و ۱۲ باشد'],
    ['1401/01/00', 'روز باید بین ۱ و ۳۱ باشد'],
    ['1199/01/01', 'سال باید بین'],
    ['1601/01/01', 'سال باید بین'],
    ['abc', 'به شکل ۱۴۰۱/۰۴/۰۹ نیست'],
    ['1401/04', 'به شکل ۱۴۰۱/۰۴/۰۹ نیست'],
    ['1401/04/09/01', 'به شکل ۱۴۰۱/۰۴/۰۹ نیست'],
    ['140/04/09', 'به شکل ۱۴۰۱/۰۴/۰۹ نیست'],
    ['1401/004/09', 'به شکل ۱۴۰۱/۰۴/۰۹ نیست'],
    ['31/07/1401', 'مهر ۱۴۰۱ ۳۰ روز دارد'],
    ['9/4/140', 'به شکل ۱۴۰۱/۰۴/۰۹ نیست'],
    ['12/25/2023', 'سال باید بین'],
    ['1401/04/09 ساعت ۱۰', 'به شکل ۱۴۰۱/۰۴/۰۹ نیست'],
    ['', 'تاریخ خالی است'],
    ['  \u200f ', 'تاریخ خالی است'],
  ])('rejects %j with a Persian reason containing «%s»', (text, reason) => {
    let caught: unknown;
    try {
      d(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MosavabatError);
    const error = caught as MosavabatError;
    expect(error.code).toBe('invalid_date');
    expect(error.kind).toBe('bad_input');
    expect(error.fa).toContain(reason);
    expect(error.en).toMatch(/[a-z]/);
  });

  test('names the date it rejects in Persian digits', () => {
    expect(() => d('1401/07/31')).toThrow('۱۴۰۱/۰۷/۳۱');
  });

  test('parseJalali is the same as JalaliDate.parse', () => {
    expect(parseJalali('۱۴۰۱/۴/۹').equals(d('1401/04/09'))).toBe(true);
    expect(() => parseJalali('1401/07/31')).toThrow(MosavabatError);
  });
});

describe('JalaliDate.tryParse', () => {
  test('returns the date when the text is one', () => {
    const result = JalaliDate.tryParse('۱۴۰۱/۰۴/۰۹');
    expect(result.ok && result.date.toString()).toBe('1401/04/09');
  });

  test('returns the error instead of throwing it', () => {
    const result = JalaliDate.tryParse('1402/12/30');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toBeInstanceOf(MosavabatError);
      expect(result.error.fa).toContain('کبیسه نیست');
    }
  });
});

describe('JalaliDate.of', () => {
  test('builds a date from year, month and day', () => {
    const date = JalaliDate.of(1401, 4, 9);
    expect([date.year, date.month, date.day]).toEqual([1401, 4, 9]);
  });

  test.each([
    [1401, 7, 31],
    [1402, 12, 30],
    [1401, 13, 1],
    [1401, 0, 1],
    [1401, 1, 0],
    [1401, 1.5, 1],
    [1199, 1, 1],
    [1601, 1, 1],
  ])('rejects %i/%i/%i with MosavabatError invalid_date', (y, m, day) => {
    expect(() => JalaliDate.of(y, m, day)).toThrow(expect.objectContaining({ code: 'invalid_date' }));
  });
});

describe('formatting', () => {
  test('toString is YYYY/MM/DD with Latin digits and zero padding', () => {
    expect(JalaliDate.of(1401, 4, 9).toString()).toBe('1401/04/09');
    expect(JalaliDate.of(1403, 12, 30).toString()).toBe('1403/12/30');
  });

  test('toDisplay is the same with Persian digits', () => {
    expect(JalaliDate.of(1401, 4, 9).toDisplay()).toBe('۱۴۰۱/۰۴/۰۹');
  });

  test('JSON holds the machine form', () => {
    expect(JSON.stringify({ due: JalaliDate.of(1401, 5, 9) })).toBe('{"due":"1401/05/09"}');
  });
});

describe('Gregorian and Date conversion', () => {
  test('1401/04/09 is 30 June 2022', () => {
    expect(d('1401/04/09').toGregorian()).toEqual({ year: 2022, month: 6, day: 30 });
    expect(JalaliDate.fromGregorian(2022, 6, 30).toString()).toBe('1401/04/09');
  });

  test('Nowruz 1405 is 21 March 2026, and 1404/12/29 the day before', () => {
    expect(JalaliDate.fromGregorian(2026, 3, 21).toString()).toBe('1405/01/01');
    expect(JalaliDate.fromGregorian(2026, 3, 20).toString()).toBe('1404/12/29');
  });

  test('toUtcDate is UTC midnight of the day', () => {
    expect(d('1401/04/09').toUtcDate().toISOString()).toBe('2022-06-30T00:00:00.000Z');
  });

  test('fromUtcDate takes the UTC day from the first to the last millisecond of it', () => {
    expect(JalaliDate.fromUtcDate(new Date('2022-06-30T00:00:00.000Z')).toString()).toBe('1401/04/09');
    expect(JalaliDate.fromUtcDate(new Date('2022-06-30T23:59:59.999Z')).toString()).toBe('1401/04/09');
    expect(JalaliDate.fromUtcDate(new Date('2022-06-29T23:59:59.999Z')).toString()).toBe('1401/04/08');
  });

  test('fromUtcDate ignores the local time zone west of UTC (an Excel cell at UTC midnight)', () => {
    const cell = new DateInZone('2022-06-30T00:00:00.000Z', -5 * 60);
    expect(cell.getDate()).toBe(29); // what local parts would give
    expect(JalaliDate.fromUtcDate(cell).toString()).toBe('1401/04/09');
  });

  test('fromUtcDate ignores the local time zone east of UTC (late in the UTC day)', () => {
    const cell = new DateInZone('2022-06-30T22:00:00.000Z', 3 * 60 + 30);
    expect(cell.getDate()).toBe(1); // 1 July in Tehran
    expect(JalaliDate.fromUtcDate(cell).toString()).toBe('1401/04/09');
  });

  test('fromUtcDate rejects an invalid Date', () => {
    expect(() => JalaliDate.fromUtcDate(new Date('nonsense'))).toThrow(RangeError);
  });

  test('fromJdn refuses days outside the supported years', () => {
    expect(() => JalaliDate.fromJdn(JalaliDate.of(1200, 1, 1).jdn - 1)).toThrow(RangeError);
    expect(() => JalaliDate.fromJdn(JalaliDate.of(1600, 12, 29).jdn + 2)).toThrow(RangeError);
  });
});

describe('JalaliDate.today', () => {
  test.each([
    ['2026-03-20T20:29:59Z', '1404/12/29', 'one second before Nowruz midnight in Tehran'],
    ['2026-03-20T20:30:00Z', '1405/01/01', 'at Nowruz midnight in Tehran (UTC+3:30)'],
    ['2026-03-20T20:45:00Z', '1405/01/01', 'while it is still 20 March in UTC'],
    ['2025-07-01T20:29:59Z', '1404/04/10', 'just before Tehran midnight'],
    ['2025-07-01T20:30:00Z', '1404/04/11', 'at Tehran midnight'],
    ['2022-06-29T19:29:00Z', '1401/04/08', 'before midnight under the daylight saving time Iran had until 2022'],
    ['2022-06-29T19:30:00Z', '1401/04/09', 'at midnight under the UTC+4:30 of summer 2022'],
  ])('at %s it is %s in Tehran (%s)', (instant, expected) => {
    expect(JalaliDate.today(new Date(instant)).toString()).toBe(expected);
  });

  test('another time zone can be asked for', () => {
    expect(JalaliDate.today(new Date('2026-03-20T20:45:00Z'), 'UTC').toString()).toBe('1404/12/29');
  });

  test('without an instant it is the current day in Tehran', () => {
    const before = JalaliDate.today(new Date());
    const now = JalaliDate.today();
    const after = JalaliDate.today(new Date());
    expect(now.compare(before)).toBeGreaterThanOrEqual(0);
    expect(now.compare(after)).toBeLessThanOrEqual(0);
  });
});

describe('weekday', () => {
  test('1401/04/09 is a Thursday, 5 with Saturday = 0', () => {
    expect(d('1401/04/09').weekday()).toBe(5);
    expect(d('1401/04/09').weekdayName()).toBe('پنجشنبه');
  });

  test.each([
    ['1401/04/04', 0, 'شنبه'],
    ['1401/04/05', 1, 'یکشنبه'],
    ['1401/04/06', 2, 'دوشنبه'],
    ['1401/04/07', 3, 'سه\u200cشنبه'],
    ['1401/04/08', 4, 'چهارشنبه'],
    ['1401/04/10', 6, 'جمعه'],
    ['1405/01/01', 0, 'شنبه'],
  ])('%s is weekday %i, %s', (text, weekday, name) => {
    expect(d(text).weekday()).toBe(weekday);
    expect(d(text).weekdayName()).toBe(name);
  });
});

describe('week, month and year ends', () => {
  test.each([
    ['1401/04/09', '1401/04/10', 'a Thursday ends its week the next day'],
    ['1401/04/10', '1401/04/10', 'a Friday is its own week end'],
    ['1401/04/04', '1401/04/10', 'a Saturday ends its week six days later'],
    ['1401/04/30', '1401/04/31', 'the week can end on the last day of a month'],
    ['1401/12/27', '1402/01/04', 'the week can end in the next year'],
    ['1403/12/25', '1404/01/01', 'a leap Esfand is counted'],
  ])('endOfWeek of %s is %s (%s)', (text, expected) => {
    const end = d(text).endOfWeek();
    expect(end.toString()).toBe(expected);
    expect(end.weekday()).toBe(6);
  });

  test('startOfWeek is the Saturday of the same week', () => {
    expect(d('1401/04/09').startOfWeek().toString()).toBe('1401/04/04');
    expect(d('1402/01/04').startOfWeek().toString()).toBe('1401/12/27');
    expect(d('1401/04/04').startOfWeek().toString()).toBe('1401/04/04');
  });

  test.each([
    ['1401/04/09', '1401/04/31'],
    ['1401/07/05', '1401/07/30'],
    ['1401/12/01', '1401/12/29'],
    ['1403/12/01', '1403/12/30'],
    ['1401/06/31', '1401/06/31'],
  ])('endOfMonth of %s is %s', (text, expected) => {
    expect(d(text).endOfMonth().toString()).toBe(expected);
  });

  test.each([
    ['1401/04/09', '1401/12/29'],
    ['1403/01/01', '1403/12/30'],
    ['1408/06/15', '1408/12/30'],
    ['1412/12/30', '1412/12/30'],
    ['1404/12/29', '1404/12/29'],
  ])('endOfYear of %s is %s', (text, expected) => {
    expect(d(text).endOfYear().toString()).toBe(expected);
  });
});

describe('arithmetic', () => {
  test.each([
    ['1401/04/09', 7, '1401/04/16'],
    ['1401/04/09', 30, '1401/05/08'],
    ['1401/12/29', 1, '1402/01/01'],
    ['1403/12/29', 1, '1403/12/30'],
    ['1402/01/01', -1, '1401/12/29'],
    ['1401/04/09', 0, '1401/04/09'],
  ])('%s plus %i days is %s', (text, days, expected) => {
    expect(d(text).addDays(days).toString()).toBe(expected);
  });

  test('addDays refuses a fraction of a day', () => {
    expect(() => d('1401/04/09').addDays(0.5)).toThrow(RangeError);
  });

  test.each([
    ['1401/06/31', 1, '1401/07/30'],
    ['1401/11/30', 1, '1401/12/29'],
    ['1403/11/30', 1, '1403/12/30'],
    ['1402/11/30', 13, '1403/12/30'],
    ['1401/04/09', 1, '1401/05/09'],
    ['1401/12/15', 1, '1402/01/15'],
    ['1401/01/15', -1, '1400/12/15'],
    ['1401/01/31', -1, '1400/12/29'],
    ['1403/01/31', -1, '1402/12/29'],
    ['1401/04/09', 12, '1402/04/09'],
    ['1401/04/09', -24, '1399/04/09'],
    ['1401/04/09', 0, '1401/04/09'],
  ])('%s plus %i months is %s', (text, months, expected) => {
    expect(d(text).addMonths(months).toString()).toBe(expected);
  });

  test('addMonths refuses a fraction of a month', () => {
    expect(() => d('1401/04/09').addMonths(1.5)).toThrow(RangeError);
  });

  test.each([
    ['1403/12/30', 1, '1404/12/29'],
    ['1403/12/30', 5, '1408/12/30'],
    ['1403/12/30', -1, '1402/12/29'],
    ['1401/04/09', 2, '1403/04/09'],
  ])('%s plus %i years is %s', (text, years, expected) => {
    expect(d(text).addYears(years).toString()).toBe(expected);
  });

  test.each([
    ['1401/04/09', '1401/05/09', 31],
    ['1401/07/09', '1401/08/09', 30],
    ['1401/01/01', '1402/01/01', 365],
    ['1403/01/01', '1404/01/01', 366],
    ['1403/04/09', '1404/04/09', 366],
    ['1401/04/09', '1401/04/01', -8],
    ['1401/04/09', '1401/04/09', 0],
  ])('from %s to %s is %i days', (from, to, days) => {
    expect(d(from).daysUntil(d(to))).toBe(days);
  });
});

describe('comparison', () => {
  const early = d('1401/04/09');
  const late = d('1401/04/10');

  test('compare sorts dates in calendar order', () => {
    const sorted = [d('1402/01/01'), late, early, d('1400/12/29')].sort((a, b) => a.compare(b)).map(String);
    expect(sorted).toEqual(['1400/12/29', '1401/04/09', '1401/04/10', '1402/01/01']);
  });

  test('equals, isBefore and isAfter agree with the calendar', () => {
    expect(early.equals(d('۱۴۰۱/۴/۹'))).toBe(true);
    expect(early.equals(late)).toBe(false);
    expect(early.isBefore(late)).toBe(true);
    expect(late.isBefore(early)).toBe(false);
    expect(late.isAfter(early)).toBe(true);
    expect(early.isAfter(early)).toBe(false);
    expect(early.isBefore(early)).toBe(false);
  });
});

describe('JalaliDate at the edges of what it accepts', () => {
  test('the first and the last supported years are inside, the days beyond them outside', () => {
    expect(JalaliDate.fromJdn(JalaliDate.of(1200, 1, 1).jdn).toString()).toBe('1200/01/01');
    expect(JalaliDate.fromJdn(JalaliDate.of(1600, 1, 1).jdn).toString()).toBe('1600/01/01');
    expect(() => JalaliDate.fromJdn(JalaliDate.of(1200, 1, 1).jdn - 1)).toThrow(/outside Jalali 1200\.\.1600/);
  });

  test('an invalid Date and fractions of days or months are refused with their own message', () => {
    expect(() => JalaliDate.fromUtcDate(new Date('nonsense'))).toThrow('invalid Date');
    expect(() => d('1401/04/09').addDays(1.5)).toThrow('addDays: 1.5 is not a whole number');
    expect(() => d('1401/04/09').addMonths(1.5)).toThrow('addMonths: 1.5 is not a whole number');
  });

  test.each([
    [[1401.5, 1, 1], 'عدد صحیح نیست', 'invalid date "1401.5/1/1": not whole numbers'],
    [[1199, 1, 1], 'سال باید بین ۱۲۰۰ و ۱۶۰۰ باشد', 'invalid date "1199/1/1": year must be 1200..1600'],
    [[1401, 13, 1], 'ماه باید بین ۱ و ۱۲ باشد', 'invalid date "1401/13/1": month must be 1..12'],
    [[1401, 7, 0], 'روز باید بین ۱ و ۳۰ باشد', 'invalid date "1401/7/0": day must be 1..30'],
    [[1402, 11, 31], 'بهمن ۱۴۰۲ ۳۰ روز دارد', 'invalid date "1402/11/31": month 11 of 1402 has 30 days'],
    [[1402, 12, 30], 'اسفند ۱۴۰۲ ۲۹ روز دارد (سال ۱۴۰۲ کبیسه نیست)', 'invalid date "1402/12/30": month 12 of 1402 has 29 days'],
    [[1402, 12, 31], 'اسفند ۱۴۰۲ ۲۹ روز دارد', 'invalid date "1402/12/31": month 12 of 1402 has 29 days'],
  ] as const)('JalaliDate.of(%j) says why: %s', ([year, month, day], fa, en) => {
    const shown = `${year}/${month}/${day}`.replace(/[0-9]/g, (digit) => '۰۱۲۳۴۵۶۷۸۹'[Number(digit)]);
    expect(() => JalaliDate.of(year, month, day)).toThrow(expect.objectContaining({
      fa: `تاریخ «${shown}» نادرست است: ${fa}`, en,
    }));
  });

  test('a day-first date is read only when the whole text is one', () => {
    expect(JalaliDate.tryParse('17/05/1402').ok).toBe(true);
    expect(JalaliDate.tryParse('117/05/1402').ok).toBe(false);
    expect(JalaliDate.tryParse('17/05/14021').ok).toBe(false);
  });
});
