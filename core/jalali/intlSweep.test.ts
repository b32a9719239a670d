/**
 * Every day of Jalali 1300..1499 checked against Node's own Persian calendar (ICU), which is
 * an implementation independent of jalaali-js.
 */
import { JalaliDate } from './JalaliDate';
import { isLeapYear, monthLength } from './calendar';
import { sweepStride } from '../../test/sizes';

const FIRST = JalaliDate.of(1300, 1, 1);
/** Every day normally; every 13th day (a stride that moves through weekdays and month days) under mutation testing. */
const STRIDE = sweepStride(13);
const LAST = JalaliDate.of(1499, 12, isLeapYear(1499) ? 30 : 29);

/** One formatter for the whole sweep: building one per day would dominate the run time. */
const persianUtc = new Intl.DateTimeFormat('en-US-u-ca-persian', {
  timeZone: 'UTC', year: 'numeric', month: 'numeric', day: 'numeric',
});

/** Intl's Persian year/month/day of a UTC instant, as `YYYY/MM/DD`. */
function intlPersian(date: Date): string {
  let year = '';
  let month = '';
  let day = '';
  for (const part of persianUtc.formatToParts(date)) {
    if (part.type === 'year') year = part.value;
    else if (part.type === 'month') month = part.value;
    else if (part.type === 'day') day = part.value;
  }
  return `${year.padStart(4, '0')}/${month.padStart(2, '0')}/${day.padStart(2, '0')}`;
}

describe('every day from 1300/01/01 to 1499/12/29 (or 12/30)', () => {
  test('the sweep starts and ends where Intl says those days are', () => {
    expect(intlPersian(FIRST.toUtcDate())).toBe('1300/01/01');
    expect(intlPersian(LAST.toUtcDate())).toBe(LAST.toString());
    expect(intlPersian(LAST.addDays(1).toUtcDate())).toBe('1500/01/01');
  });

  test('converts both ways and agrees with Intl\'s Persian calendar on each day', () => {
    const wrong: string[] = [];
    let previous: JalaliDate | undefined;
    for (let jdn = FIRST.jdn; jdn <= LAST.jdn && wrong.length < 10; jdn += STRIDE) {
      const date = JalaliDate.fromJdn(jdn);
      const text = date.toString();
      const utc = date.toUtcDate();
      const g = date.toGregorian();
      const problems: string[] = [];

      const fromIntl = intlPersian(utc);
      if (fromIntl !== text) problems.push(`Intl says ${fromIntl}`);
      if (!JalaliDate.of(date.year, date.month, date.day).equals(date)) problems.push('of() gives another day');
      if (!JalaliDate.fromGregorian(g.year, g.month, g.day).equals(date)) problems.push('fromGregorian() gives another day');
      if (!JalaliDate.fromUtcDate(utc).equals(date)) problems.push('fromUtcDate() gives another day');
      if (utc.getUTCFullYear() !== g.year || utc.getUTCMonth() + 1 !== g.month || utc.getUTCDate() !== g.day) {
        problems.push(`toUtcDate() ${utc.toISOString()} is not ${g.year}-${g.month}-${g.day}`);
      }
      if (date.weekday() !== (utc.getUTCDay() + 1) % 7) problems.push(`weekday ${date.weekday()}`);
      if (!JalaliDate.parse(text).equals(date)) problems.push('parse(toString()) gives another day');
      if (previous && previous.addDays(STRIDE).toString() !== text) problems.push(`not ${STRIDE} day(s) after the previous one`);

      if (problems.length) wrong.push(`${text} (JDN ${jdn}): ${problems.join('; ')}`);
      previous = date;
    }
    expect(wrong).toEqual([]);
  });

  test('the sweep covers 200 years of 365 or 366 days', () => {
    let expected = 0;
    for (let year = 1300; year <= 1499; year++) expected += isLeapYear(year) ? 366 : 365;
    expect(LAST.jdn - FIRST.jdn + 1).toBe(expected);
  });

  test('Esfand 30 exists exactly in the years where Intl has it', () => {
    const wrong: number[] = [];
    for (let year = 1300; year <= 1499; year++) {
      const lastOfYear = JalaliDate.of(year + 1, 1, 1).addDays(-1);
      const intlLeap = intlPersian(lastOfYear.toUtcDate()) === `${year}/12/30`;
      const accepted = JalaliDate.tryParse(`${year}/12/30`).ok;
      if (intlLeap !== isLeapYear(year) || intlLeap !== accepted || monthLength(year, 12) !== (intlLeap ? 30 : 29)) {
        wrong.push(year);
      }
    }
    expect(wrong).toEqual([]);
  });

  test('the leap years named in the product brief are leap years', () => {
    for (const year of [1399, 1403, 1408, 1412]) expect(isLeapYear(year)).toBe(true);
    for (const year of [1400, 1401, 1402, 1404, 1405]) expect(isLeapYear(year)).toBe(false);
  });
});
