import fc from 'fast-check';
import { JalaliDate } from '../jalali/JalaliDate';
import { parseDeadline, weekdayMismatch } from './parse';
import { nearestCentury, resolveDueDate } from './resolve';

/** The due date of a phrase for a meeting, or null; `warnings` are the parser's codes. */
function due(phrase: string, meeting: string): { due: string | null; warnings: string[] } {
  const parsed = parseDeadline(phrase);
  const date = resolveDueDate(parsed.rule, JalaliDate.parse(meeting));
  return { due: date ? date.toString() : null, warnings: parsed.warnings.map((w) => w.code) };
}

// The seed's meeting: Thursday 1401/04/09. Its Saturday–Friday week is 04/04 … 04/10;
// Tir has 31 days, Mordad 31, Mehr and Azar 30, Esfand 1401 has 29 (1401 is not a leap year).
const SEED = '1401/04/09';

describe('deadline wording beyond the basic families (dates worked by hand from Thursday 1401/04/09)', () => {
  it.each([
    // framing words before a phrase the parser knows
    ['در مدت یک ماه', '1401/05/09'],
    ['در مدت ۱۰ روز', '1401/04/19'],
    ['در یک هفته', '1401/04/16'],
    ['در روز چهارشنبه مورخ ۱۴۰۱/۴/۱۵', '1401/04/15'],
    ['مورخ ۱۴۰۱/۰۵/۰۱', '1401/05/01'],
    ['در تاریخ ۱۴۰۱/۰۵/۰۱', '1401/05/01'],
    ['مورخ ۱۵ مرداد', '1401/05/15'],
    ['در پایان مهر ماه', '1401/07/30'],
    // «قبل از» a day is the day before it; before an end of period it is that end
    ['قبل از ۱۴۰۱/۰۵/۰۱', '1401/04/31'],
    ['قبل از ۱۵ مرداد', '1401/05/14'],
    ['قبل از پایان مهر', '1401/07/30'],
    ['حداکثر تا قبل از پایان سال', '1401/12/29'],
    // a weekday or a clock time beside a date
    ['تا ساعت ۱۲ روز چهارشنبه ۱۴۰۱/۴/۱۵', '1401/04/15'],
    ['۱۴۰۱/۴/۱۵ ساعت ۱۰ صبح', '1401/04/15'],
    ['حداکثر تا ساعت ۱۴:۳۰ مورخ ۱۴۰۱/۰۴/۲۰', '1401/04/20'],
    ['چهارشنبه ۱۵ تیر', '1401/04/15'],
    // day numbers in words
    ['تا ده آذر', '1401/09/10'],
    ['تا بیست و پنج مرداد', '1401/05/25'],
    ['تا سی مهر', '1401/07/30'],
    // a bare weekday: the next such day after the meeting (a Thursday meeting's «پنجشنبه» is a week later)
    ['تا روز سه‌شنبه', '1401/04/14'],
    ['تا روز شنبه', '1401/04/11'],
    ['روزشنبه', '1401/04/11'],
    ['روز جمعه', '1401/04/10'],
    ['سه شنبه', '1401/04/14'],
    ['پنجشنبه', '1401/04/16'],
    ['شنبه آینده', '1401/04/11'],
    ['شنبه هفته آینده', '1401/04/11'],
    ['پنجشنبه هفته آینده', '1401/04/16'],
    // tomorrow, the day after, today
    ['فردا', '1401/04/10'],
    ['تا فردا', '1401/04/10'],
    ['پس فردا', '1401/04/11'],
    ['پس‌فردا', '1401/04/11'],
    ['همین امروز', '1401/04/09'],
    // during a month: by its last day
    ['در مهر ماه', '1401/07/30'],
    ['در مهرماه', '1401/07/30'],
    ['طی اسفند ماه', '1401/12/29'],
    ['در تیر ماه', '1401/04/31'],
    ['در خرداد ماه', '1402/03/31'],
    ['در آبان ماه سال جاری', '1401/08/30'],
    // more ways to say urgent (3 days)
    ['با فوریت', '1401/04/12'],
    ['فوری و خارج از نوبت', '1401/04/12'],
    ['در اسرع وقت و بلافاصله', '1401/04/12'],
    ['به صورت فوری', '1401/04/12'],
  ])('«%s» → %s', (phrase, expected) => {
    expect(due(phrase, SEED)).toEqual({ due: expected, warnings: [] });
  });

  it.each([
    'هر سه ماه یک‌بار', 'هر ۱۵ روز یکبار', 'پنجشنبه‌های هر هفته', 'حداقل هفته‌ای یک بار', 'ماهی یک بار',
    'هر پنجشنبه', 'هر هفته یک بار', 'به صورت هر دو هفته یکبار', 'هر شش ماه یک مرتبه', 'سالی دو بار',
  ])('a periodic duty «%s» is ongoing: no due date, no warning', (phrase) => {
    expect(parseDeadline(phrase).rule).toEqual({ kind: 'ongoing' });
    expect(due(phrase, SEED)).toEqual({ due: null, warnings: [] });
  });

  it.each([
    ['تا 75/2/10', '1375/01/15', '1375/02/10'],
    ['تا 75/2/10', SEED, '1375/02/10'],
    ['تا ۰۲/۱/۱۵', SEED, '1402/01/15'],
    ['۰۰/۲/۱', '1399/11/01', '1400/02/01'],
    ['99/12/1', SEED, '1399/12/01'],
    ['مورخ ۲۷/۹/۹۰', '1390/09/01', '1390/09/27'],
    ['۲۷/۹/۹۰', SEED, '1390/09/27'],
  ])('a two-digit year goes to the century nearest the meeting: «%s» at %s → %s', (phrase, meeting, expected) => {
    expect(due(phrase, meeting)).toEqual({ due: expected, warnings: [] });
  });

  it.each([
    ['۱/۴/۹', 'deadline_invalid_date'],
    ['۰۲/۱۳/۱', 'deadline_invalid_date'],
    ['قبل از جلسه بعد', 'deadline_conditional'],
    ['قبل از ۱ مهر', 'deadline_unknown'],
    ['قبل از فوری', 'deadline_unknown'],
    ['در صورت تصویب', 'deadline_conditional'],
    ['در', 'deadline_unknown'],
    ['مهر ماه', 'deadline_unknown'],
    ['هر چند روز یکبار', 'deadline_unknown'],
  ])('gives «%s» no date and a warning (%s)', (phrase, code) => {
    expect(due(phrase, SEED)).toEqual({ due: null, warnings: [code] });
  });

  it('warns when a weekday written beside a day without a year disagrees with the due date', () => {
    // 1401/04/15 is a Wednesday (چهارشنبه), not a Saturday
    const date = JalaliDate.parse('1401/04/15');
    expect(weekdayMismatch('تا شنبه ۱۵ تیر', date)?.code).toBe('deadline_weekday_mismatch');
    expect(weekdayMismatch('تا چهارشنبه ۱۵ تیر', date)).toBeUndefined();
    expect(weekdayMismatch('تا روز سه‌شنبه', JalaliDate.parse('1401/04/14'))).toBeUndefined();
  });
});

describe('nearestCentury', () => {
  it.each([[75, 1401, 1375], [2, 1401, 1402], [99, 1401, 1399], [50, 1400, 1450], [51, 1401, 1451], [52, 1401, 1352], [0, 1399, 1400]])(
    '%i with a meeting in %i → %i', (short, meeting, expected) => {
      expect(nearestCentury(short, meeting)).toBe(expected);
    });
});

describe('deadline properties', () => {
  const meetingArb = fc.record({ year: fc.integer({ min: 1300, max: 1500 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 29 }) })
    .map(({ year, month, day }) => JalaliDate.of(year, month, day));
  const two = (n: number) => String(n).padStart(2, '0');

  it('no phrase with a two-digit year gives a date more than 50 years from the meeting', () => {
    fc.assert(fc.property(meetingArb, fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 29 }),
      fc.constantFrom('', 'تا ', 'مورخ ', 'حداکثر تا ', 'قبل از '), (meeting, yy, month, day, frame) => {
        const parsed = parseDeadline(`${frame}${two(yy)}/${month}/${day}`);
        const date = resolveDueDate(parsed.rule, meeting);
        // «قبل از» the 1st of a month is not worked out: no date, and a warning
        if (frame === 'قبل از ' && day === 1) return expect([date, parsed.warnings.length]).toEqual([null, 1]);
        expect(date).not.toBeNull();
        expect(Math.abs(date!.year - meeting.year)).toBeLessThanOrEqual(50);
      }));
  });

  it('a relative phrase never gives a date before the meeting', () => {
    const templates = [
      (n: number) => `${n} روز`, (n: number) => `در مدت ${n} هفته`, (n: number) => `${n} ماه`, (n: number) => `${n} روز کاری`,
      (n: number) => `تا ${n} مهر`, (n: number) => `قبل از ${n + 1} اسفند`, () => 'تا روز سه شنبه', () => 'جمعه', () => 'شنبه هفته آینده',
      () => 'فردا', () => 'پس فردا', () => 'در دی ماه', () => 'پایان فروردین', () => 'با فوریت', () => 'هفته جاری', () => 'ماه آینده',
    ];
    fc.assert(fc.property(meetingArb, fc.integer({ min: 0, max: templates.length - 1 }), fc.integer({ min: 1, max: 28 }), (meeting, t, n) => {
      const phrase = templates[t](n);
      const parsed = parseDeadline(phrase);
      const date = resolveDueDate(parsed.rule, meeting);
      expect([phrase, date === null]).toEqual([phrase, false]);
      expect(date!.isBefore(meeting)).toBe(false);
    }));
  });

  it('any text gives a date, or ongoing, or no date with a warning; it never throws', () => {
    const pieces = fc.constantFrom('تا', 'در', 'قبل از', 'مورخ', 'یک', 'ده', '۱۵', '75', '/', 'مهر', 'ماه', 'روز', 'هفته', 'شنبه', 'هر', 'بار',
      'فوری', 'و', 'ساعت', 'جلسه', 'بعد', 'پس', 'فردا', '۱۴۰۲/۶/۱', 'مستمر', 'نیمه', 'چند', '،');
    fc.assert(fc.property(fc.array(pieces, { maxLength: 6 }), meetingArb, (words, meeting) => {
      const parsed = parseDeadline(words.join(' '));
      let date: JalaliDate | null = null;
      try {
        date = resolveDueDate(parsed.rule, meeting);
      } catch {
        // only a result outside the supported years (or 30 Esfand of a common year) may throw; the importer warns
        return;
      }
      if (date === null) {
        expect(['ongoing', 'unknown', 'conditional']).toContain(parsed.rule.kind);
        if (parsed.rule.kind !== 'ongoing') expect(parsed.warnings.length).toBeGreaterThan(0);
      }
    }));
  });
});
