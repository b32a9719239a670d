/** Deadline wordings hand-made mutants got through; dates worked out by hand (1401/04/14 is a Tuesday). */
import { JalaliDate } from '../jalali/JalaliDate';
import { parseDeadline, weekdayMismatch } from './parse';
import { resolveDueDate } from './resolve';

const MEETING = JalaliDate.parse('1401/04/09'); // a Thursday

describe('a phrase mixing an ongoing part with a dated one', () => {
  it.each(['مستمر و تا پایان مهر', 'ماهانه و یک ماه', 'به صورت مستمر، تا ۱۴۰۱/۰۵/۳۱'])('«%s» is neither ongoing nor a guessed date: a warning', (phrase) => {
    const parsed = parseDeadline(phrase);
    expect(parsed.rule).toEqual({ kind: 'unknown' });
    expect(parsed.warnings.map((w) => w.code)).toEqual(['deadline_unknown']);
  });

  it('only ongoing parts make an ongoing phrase', () => {
    expect(parseDeadline('مستمر و ماهانه').rule).toEqual({ kind: 'ongoing' });
  });
});

describe('a two-word weekday beside a date', () => {
  it.each(['سه شنبه ۱۴۰۱/۴/۱۴', 'سه‌شنبه ۱۴۰۱/۴/۱۴', 'روز سه شنبه ۱۴۰۱/۴/۱۴'])('«%s»: the date, and the weekday agrees', (phrase) => {
    const parsed = parseDeadline(phrase);
    expect(parsed.rule).toEqual({ kind: 'date', date: '1401/04/14' });
    expect(parsed.warnings).toEqual([]);
    expect(resolveDueDate(parsed.rule, MEETING)?.toString()).toBe('1401/04/14');
  });

  it('«پنج شنبه ۱۴۰۱/۴/۱۴»: the date stands, and the wrong weekday is warned about', () => {
    const parsed = parseDeadline('پنج شنبه ۱۴۰۱/۴/۱۴');
    expect(parsed.rule).toEqual({ kind: 'date', date: '1401/04/14' });
    expect(parsed.warnings.map((w) => w.code)).toEqual(['deadline_weekday_mismatch']);
  });

  it('«تا سه شنبه ۱۵ تیر»: 15 Tir 1401 is a Wednesday, so the weekday is warned about', () => {
    const parsed = parseDeadline('تا سه شنبه ۱۵ تیر');
    const due = resolveDueDate(parsed.rule, MEETING)!;
    expect(due.toString()).toBe('1401/04/15');
    expect(weekdayMismatch('تا سه شنبه ۱۵ تیر', due)?.code).toBe('deadline_weekday_mismatch');
    expect(weekdayMismatch('تا چهارشنبه ۱۵ تیر', due)).toBeUndefined();
  });
});
