/**
 * How the deadline reader treats the edges of a phrase: joined parts, framing words, messages,
 * dates with two-digit years, the supported years. Dates worked out by hand: 1401/04/09 is a
 * Thursday, so 1401/04/04 is a Saturday and 1401/04/15 a Wednesday; Mehr has 30 days.
 */
import { JalaliDate } from '../jalali/JalaliDate';
import { cleanPhrase } from './words';
import { parseDeadline, weekdayMismatch } from './parse';
import { resolveDueDate } from './resolve';

const THURSDAY = JalaliDate.parse('1401/04/09');
const SATURDAY = JalaliDate.parse('1401/04/04');
const WEDNESDAY_15_TIR = JalaliDate.parse('1401/04/15');

const dueOn = (phrase: string, meeting: JalaliDate) => resolveDueDate(parseDeadline(phrase).rule, meeting)?.toString() ?? null;
const codes = (phrase: string) => parseDeadline(phrase).warnings.map((w) => w.code);

describe('urgent words joined by و or a comma', () => {
  it.each(['فوری و خارج از نوبت', 'فوری، خارج از نوبت', 'فوری،بلافاصله', 'فوری،، بلافاصله'])('«%s» is urgent, with nothing to warn about', (phrase) => {
    expect(parseDeadline(phrase)).toEqual({ rule: { kind: 'urgent' }, warnings: [] });
  });

  it.each(['فوری و یک ماه', 'فوری،مستمر', 'مستمر، فوری'])('«%s» mixes urgent with something else: unknown, never urgent', (phrase) => {
    expect(parseDeadline(phrase).rule).toEqual({ kind: 'unknown' });
    expect(codes(phrase)).toEqual(['deadline_unknown']);
  });
});

describe('ongoing phrases after «به صورت», «به طور», «به شکل»', () => {
  it.each(['بهصورت مستمر', 'به طور مستمر', 'بهطور مستمر', 'به شکل مستمر', 'بهشکل مستمر', 'مستمر و به صورت ماهانه', 'به طور هفتگی، به صورت ماهانه', 'مستمر،ماهانه', 'مستمر،، ماهانه'])(
    '«%s» is ongoing', (phrase) => {
      expect(parseDeadline(phrase)).toEqual({ rule: { kind: 'ongoing' }, warnings: [] });
    },
  );

  it.each(['بهصورت هر پنجشنبه', 'به طور هر پنجشنبه', 'بهطور هر پنجشنبه', 'روزهای پنجشنبه', 'روز های شنبه هر هفته'])('«%s» repeats on a weekday: ongoing', (phrase) => {
    expect(parseDeadline(phrase).rule).toEqual({ kind: 'ongoing' });
  });

  it('«به صورت» counts only before the words it frames', () => {
    expect(parseDeadline('هر به صورت پنجشنبه').rule).toEqual({ kind: 'unknown' });
  });
});

describe('what a person is told', () => {
  it('an empty phrase: no due date, said in both languages', () => {
    expect(parseDeadline('')).toEqual({
      rule: { kind: 'unknown' },
      warnings: [{ code: 'deadline_missing', fa: 'زمان اقدام نوشته نشده است؛ مهلت تعیین نشد', en: 'no deadline phrase; no due date' }],
    });
  });

  it('a cell with no value at all (null from a reader in plain JavaScript) is a missing phrase too', () => {
    expect(codes(null as unknown as string)).toEqual(['deadline_missing']);
    expect(codes(undefined as unknown as string)).toEqual(['deadline_missing']);
  });

  it.each([
    ['  منوط به تصویب شورا  ', {
      code: 'deadline_conditional',
      fa: 'زمان اقدام «منوط به تصویب شورا» به رویدادی بدون تاریخ وابسته است؛ مهلت را دستی تعیین کنید',
      en: 'deadline "منوط به تصویب شورا" depends on an event with no date; set the due date by hand',
    }],
    [' بلا بلا ', {
      code: 'deadline_unknown',
      fa: 'زمان اقدام «بلا بلا» شناخته نشد؛ مهلت را دستی تعیین کنید',
      en: 'deadline "بلا بلا" was not understood; set the due date by hand',
    }],
  ])('«%s» (waiting on an event, or not understood) is quoted without the spaces around it', (phrase, expected) => {
    expect(parseDeadline(phrase).warnings).toEqual([expected]);
  });

  it('an explicit date whose weekday is wrong: the date stands, and both messages name the weekday written and the real one', () => {
    expect(parseDeadline('تا شنبه ۱۴۰۲/۰۶/۱۵').warnings).toEqual([{
      code: 'deadline_weekday_mismatch',
      fa: 'در زمان اقدام «شنبه 1402/06/15» روز «شنبه» با تاریخ ۱۴۰۲/۰۶/۱۵ (چهارشنبه) نمی‌خواند؛ تاریخ ملاک است',
      en: 'in the deadline "شنبه 1402/06/15" the weekday "شنبه" does not match 1402/06/15 (چهارشنبه); the date is used',
    }]);
  });

  it('a day the month does not have: the English message names the month and its length too', () => {
    expect(parseDeadline('تا ۳۱ مهر').warnings[0].en).toBe('deadline "31 مهر" names a day that does not exist: month 7 has 30 days');
  });
});

describe('«قبل از» (before)', () => {
  it.each([
    ['قبل از پایان مهر', '1401/07/30'],
    ['قبل از پایان مهر ۱۴۰۱', '1401/07/30'],
    ['قبل از آخر اسفند ۱۴۰۱', '1401/12/29'],
    ['قبل از پایان سال ۱۴۰۲', '1402/12/29'],
  ])('before the end of a period is by that end, with or without its year: «%s» → %s', (phrase, due) => {
    expect(dueOn(phrase, THURSDAY)).toBe(due);
  });

  it('before next month, or before a duration, is that period\'s end unchanged', () => {
    expect(parseDeadline('قبل از ماه آینده')).toEqual({ rule: { kind: 'next_month' }, warnings: [] });
    expect(parseDeadline('قبل از یک ماه')).toEqual({ rule: { kind: 'months', n: 1 }, warnings: [] });
  });

  it('before a date with a two-digit year is the day before it', () => {
    expect(parseDeadline('قبل از ۰۲/۰۶/۱۵').rule).toEqual({ kind: 'short_year_date', shortYear: 2, month: 6, day: 14 });
  });

  it.each(['قبل از سه شنبه', 'قبل از اول مهر', 'قبل از ماهانه', 'قبل از فوری'])('«%s» has no day before it worked out here: unknown, and a person decides', (phrase) => {
    expect(parseDeadline(phrase)).toEqual({
      rule: { kind: 'unknown' },
      warnings: [{
        code: 'deadline_unknown',
        fa: `زمان اقدام «${phrase}» روشن نیست؛ مهلت را دستی تعیین کنید`,
        en: `deadline "${phrase}" is not clear; set the due date by hand`,
      }],
    });
  });

  it('after the end of a year is no deadline at all', () => {
    expect(dueOn('بعد از پایان سال ۱۴۰۲', THURSDAY)).toBeNull();
    expect(codes('بعد از پایان سال ۱۴۰۲')).toEqual(['deadline_conditional']);
  });
});

describe('a day and a weekday', () => {
  it('a weekday alone is the next one after the meeting; «هفته آینده» after it is the one in the next week', () => {
    expect(dueOn('پنجشنبه', SATURDAY)).toBe('1401/04/09');
    expect(dueOn('پنجشنبه آینده', SATURDAY)).toBe('1401/04/09');
    expect(dueOn('پنجشنبه هفته آینده', SATURDAY)).toBe('1401/04/16');
    expect(parseDeadline('پنجشنبه هفته آینده')).toEqual({ rule: { kind: 'weekday', weekday: 5, nextWeek: true }, warnings: [] });
  });

  it.each(['۱۵ تیر چهارشنبه', '۱۵ تیر روز چهارشنبه', '۱۵ تیر روزچهارشنبه', 'امروز ۱۵ تیر'])('«%s» is 15 Tir', (phrase) => {
    expect(parseDeadline(phrase)).toEqual({ rule: { kind: 'day_of_month', month: 4, day: 15 }, warnings: [] });
  });

  it('a weekday beside a date with a two-digit year or an impossible date leaves the date\'s reading as it is', () => {
    expect(parseDeadline('سه شنبه ۰۲/۰۶/۱۵').rule).toEqual({ kind: 'short_year_date', shortYear: 2, month: 6, day: 15 });
    expect(codes('شنبه ۱۴۰۱/۰۷/۳۱')).toEqual(['deadline_invalid_date']);
  });

  it('weekdayMismatch says nothing of a weekday with no day number beside it', () => {
    expect(weekdayMismatch('سه شنبه', WEDNESDAY_15_TIR)).toBeUndefined();
    expect(weekdayMismatch('سه شنبه امروز', WEDNESDAY_15_TIR)).toBeUndefined();
  });

  it('weekdayMismatch hears a day written in words (پانزدهم) as well as in digits', () => {
    expect(weekdayMismatch('تا سه شنبه پانزدهم تیر', WEDNESDAY_15_TIR)).toEqual({
      code: 'deadline_weekday_mismatch',
      fa: 'در زمان اقدام «سه شنبه پانزدهم تیر» روز «سه شنبه» با ۱۴۰۱/۰۴/۱۵ (چهارشنبه) نمی‌خواند؛ تاریخ ملاک است',
      en: 'in the deadline "سه شنبه پانزدهم تیر" the weekday "سه شنبه" does not match 1401/04/15 (چهارشنبه); the date is used',
    });
    expect(weekdayMismatch('سه شنبه پانزدهم', WEDNESDAY_15_TIR)?.code).toBe('deadline_weekday_mismatch');
  });
});

describe('a day of a month in digits or words', () => {
  it('thirty-one in words is a day of Shahrivar', () => {
    expect(parseDeadline('تا سی و یک شهریور').rule).toEqual({ kind: 'day_of_month', month: 6, day: 31 });
  });

  it.each(['۱۵۰ تیر', 'صفر مهر', 'چهل مهر'])('«%s» is no day at all: not understood', (phrase) => {
    expect(codes(phrase)).toEqual(['deadline_unknown']);
  });

  it('day zero in digits is a day the month does not have', () => {
    expect(parseDeadline('۰ مهر').rule).toEqual({ kind: 'unknown' });
    expect(codes('۰ مهر')).toEqual(['deadline_invalid_date']);
  });

  it('a rule without a year has no yearOffset key at all', () => {
    expect(parseDeadline('تا ۱۵ مهر').rule).toStrictEqual({ kind: 'day_of_month', month: 7, day: 15 });
    expect(parseDeadline('تا پایان مهر').rule).toStrictEqual({ kind: 'end_of_named_month', month: 7 });
  });

  it('a month name that is not one is not read', () => {
    expect(parseDeadline('تا پایان پروژه').rule).toEqual({ kind: 'unknown' });
  });
});

describe('during a month (در / طی / در طول)', () => {
  it.each([
    ['در مهر ماه ۱۴۰۲', '1402/07/30'],
    ['در اسفند سال آینده', '1402/12/29'],
    ['در\u200cطول مهر', '1401/07/30'],
    ['در مهر ماه...', '1401/07/30'],
    ['- در مهر ماه', '1401/07/30'],
  ])('«%s» is by the month\'s last day: %s', (phrase, due) => {
    expect(dueOn(phrase, THURSDAY)).toBe(due);
  });
});

describe('dates with a two-digit year', () => {
  it.each([
    ['۰۲/۰۶/۳۱', { kind: 'short_year_date', shortYear: 2, month: 6, day: 31 }],
    ['۰۲/۰۷/۳۰', { kind: 'short_year_date', shortYear: 2, month: 7, day: 30 }],
    ['۹/۴/۹۰', { kind: 'short_year_date', shortYear: 90, month: 4, day: 9 }],
  ])('«%s» reads as %j', (phrase, rule) => {
    expect(parseDeadline(phrase)).toEqual({ rule, warnings: [] });
  });

  it('a one-digit first number that could be a day is not a clear date', () => {
    expect(parseDeadline('۱/۴/۳۱')).toEqual({
      rule: { kind: 'unknown' },
      warnings: [{
        code: 'deadline_invalid_date',
        fa: '«1/4/31» تاریخ روشنی نیست (سال دو رقمی در ابتدا، مثل ۰۲/۰۶/۱۵)',
        en: '"1/4/31" is not a clear date (two-digit year first, like 02/06/15)',
      }],
    });
  });

  it.each(['۰۲/۰۰/۱۰', '۰۲/۱۳/۱۰', '۰۲/۰۶/۰۰', '۰۲/۰۷/۳۱'])('«%s» is not a possible date', (phrase) => {
    const latin = phrase.replace(/[۰-۹]/g, (d) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(d)));
    expect(parseDeadline(phrase)).toEqual({
      rule: { kind: 'unknown' },
      warnings: [{ code: 'deadline_invalid_date', fa: `«${latin}» تاریخ ممکنی نیست`, en: `"${latin}" is not a possible date` }],
    });
  });
});

describe('the years a date may have (1200 to 1600)', () => {
  it('the first and last supported years are read; 1200 and 1600 are not leap years, so Esfand ends on the 29th', () => {
    expect(parseDeadline('پایان سال ۱۲۰۰').rule).toEqual({ kind: 'date', date: '1200/12/29' });
    expect(parseDeadline('پایان سال ۱۶۰۰').rule).toEqual({ kind: 'date', date: '1600/12/29' });
    expect(parseDeadline('پایان مهر ۱۲۰۰').rule).toEqual({ kind: 'date', date: '1200/07/30' });
    expect(parseDeadline('پایان مهر ۱۶۰۰').rule).toEqual({ kind: 'date', date: '1600/07/30' });
  });

  it.each(['پایان سال ۱۱۹۹', 'پایان سال ۱۶۰۱', 'پایان مهر ۱۱۹۹', 'پایان مهر ۱۶۰۱'])('«%s» is outside them: an invalid date naming the year', (phrase) => {
    const parsed = parseDeadline(phrase);
    expect(parsed.rule).toEqual({ kind: 'unknown' });
    expect(parsed.warnings.map((w) => w.code)).toEqual(['deadline_invalid_date']);
    expect(parsed.warnings[0].fa).toContain(phrase.slice(-4));
  });
});

describe('cleanPhrase', () => {
  it('drops runs of punctuation at both ends', () => {
    expect(cleanPhrase('یک ماه...')).toBe('یک ماه');
    expect(cleanPhrase('.. یک ماه')).toBe('یک ماه');
  });

  it('drops filler words in any order, until none is left', () => {
    expect(cleanPhrase('حداکثر تا ظرف مدت یک ماه')).toBe('یک ماه');
  });

  it('leaves single spaces where quotes and brackets were, also where they were glued to a word', () => {
    expect(cleanPhrase('یک «ماه» (کاری)')).toBe('یک ماه کاری');
    expect(cleanPhrase('تا ۱۵ مهر(چهارشنبه)')).toBe('15 مهر چهارشنبه');
  });
});
