import fc from 'fast-check';
import { JalaliDate } from '../jalali/JalaliDate';
import { numberToWords } from '../text/numberWords';
import { resolveDueDate } from './resolve';
import { parseDeadline } from './parse';

/** [phrase, expected rule] — the phrase families of PRODUCT.md, with any digits, words and fillers. */
const KNOWN: Array<[string, object]> = [
  ['یک ماه', { kind: 'months', n: 1 }],
  ['دو هفته', { kind: 'weeks', n: 2 }],
  ['یک هفته', { kind: 'weeks', n: 1 }],
  ['هفته جاری', { kind: 'this_week' }],
  ['هفته آینده', { kind: 'next_week' }],
  ['ماه جاری', { kind: 'this_month' }],
  ['ماه آینده', { kind: 'next_month' }],
  ['۱۰ روز', { kind: 'days', n: 10 }],
  ['١٠ روز', { kind: 'days', n: 10 }],
  ['10 روز', { kind: 'days', n: 10 }],
  ['پانزده روز', { kind: 'days', n: 15 }],
  ['بیست و پنج روز', { kind: 'days', n: 25 }],
  ['نود و نه روز', { kind: 'days', n: 99 }],
  ['۵ روز کاری', { kind: 'working_days', n: 5 }],
  ['پنج روز اداری', { kind: 'working_days', n: 5 }],
  ['سه ماه', { kind: 'months', n: 3 }],
  ['یکماه', { kind: 'months', n: 1 }],
  ['۳ ماهه', { kind: 'months', n: 3 }],
  ['دو سال', { kind: 'years', n: 2 }],
  ['حداکثر یک ماه', { kind: 'months', n: 1 }],
  ['ظرف مدت دو هفته', { kind: 'weeks', n: 2 }],
  ['ظرف یک هفته', { kind: 'weeks', n: 1 }],
  ['طی یک ماه', { kind: 'months', n: 1 }],
  ['به مدت ۲۰ روز', { kind: 'days', n: 20 }],
  ['حداکثر ظرف مدت یک ماه پس از جلسه', { kind: 'months', n: 1 }],
  ['تا پایان مهر', { kind: 'end_of_named_month', month: 7 }],
  ['تا پایان مهر ماه', { kind: 'end_of_named_month', month: 7 }],
  ['تا پایان مهرماه', { kind: 'end_of_named_month', month: 7 }],
  ['پایان اسفند', { kind: 'end_of_named_month', month: 12 }],
  ['تا پایان شهريور', { kind: 'end_of_named_month', month: 6 }],
  ['تا پایان سال', { kind: 'end_of_year' }],
  ['پایان سال جاری', { kind: 'end_of_year' }],
  ['۱۴۰۱/۰۵/۳۱', { kind: 'date', date: '1401/05/31' }],
  ['تا ۱۴۰۱/۵/۳۱', { kind: 'date', date: '1401/05/31' }],
  ['تا 1401-05-31', { kind: 'date', date: '1401/05/31' }],
  ['فوری', { kind: 'urgent' }],
  ['بلافاصله', { kind: 'urgent' }],
  ['مستمر', { kind: 'ongoing' }],
  ['دائمی', { kind: 'ongoing' }],
  ['به صورت ماهانه', { kind: 'ongoing' }],
  ['بصورت مستمر', { kind: 'ongoing' }],
  // filler words and month names around the phrase
  ['حداکثر ظرف مدت ۱۵ روز', { kind: 'days', n: 15 }],
  ['تا پایان شهریور ماه', { kind: 'end_of_named_month', month: 6 }],
  ['تا آخر اسفندماه', { kind: 'end_of_named_month', month: 12 }],
  ['تا پایان خرداد سال جاری', { kind: 'end_of_named_month', month: 3, yearOffset: 0 }],
  ['تا پایان فروردین سال آینده', { kind: 'end_of_named_month', month: 1, yearOffset: 1 }],
  ['تا پایان شهریور ۱۴۰۲', { kind: 'date', date: '1402/06/31' }],
  ['تا پایان اسفند 1403', { kind: 'date', date: '1403/12/30' }],
  ['تا پایان سال ۱۴۰۲', { kind: 'date', date: '1402/12/29' }],
  ['پایان سال آینده', { kind: 'end_of_year', yearOffset: 1 }],
  ['تا ۱۵ مهر', { kind: 'day_of_month', month: 7, day: 15 }],
  ['۱۵ مهرماه', { kind: 'day_of_month', month: 7, day: 15 }],
  ['حداکثر تا پانزدهم مهر ماه', { kind: 'day_of_month', month: 7, day: 15 }],
  ['تا ۳۱ شهریور ۱۴۰۲', { kind: 'date', date: '1402/06/31' }],
  ['۳۰ اسفند', { kind: 'day_of_month', month: 12, day: 30 }],
  ['اول مهر', { kind: 'day_of_month', month: 7, day: 1 }],
  ['تا ۱۰ اسفند سال جاری', { kind: 'day_of_month', month: 12, day: 10, yearOffset: 0 }],
  ['ظرف ۴۸ ساعت', { kind: 'days', n: 2 }],
  ['۷۲ ساعت', { kind: 'days', n: 3 }],
  ['دو ساعت', { kind: 'days', n: 1 }],
  ['دو هفته آینده', { kind: 'weeks', n: 2 }],
  ['ظرف مدت ۲ هفته آینده', { kind: 'weeks', n: 2 }],
  ['سه ماه آینده', { kind: 'months', n: 3 }],
  ['دو ماه بعد', { kind: 'months', n: 2 }],
  ['یک ماه آتی', { kind: 'months', n: 1 }],
  ['۱۰ روز کاری آینده', { kind: 'working_days', n: 10 }],
  ['حداکثر الی ۱۴۰۲/۰۶/۳۱', { kind: 'date', date: '1402/06/31' }],
  ['تا تاریخ ۱۴۰۲/۶/۳۱', { kind: 'date', date: '1402/06/31' }],
  ['۱۴۰۲/۰۶/۳۱ (جمعه)', { kind: 'date', date: '1402/06/31' }],
  ['تا روز چهارشنبه ۱۴۰۲/۰۶/۱۵', { kind: 'date', date: '1402/06/15' }],
  ['تا ۳۱/۶/۱۴۰۲', { kind: 'date', date: '1402/06/31' }],
  ['ماهیانه', { kind: 'ongoing' }],
  ['هر ماه', { kind: 'ongoing' }],
  ['به صورت دوره ای', { kind: 'ongoing' }],
  ['به صورت مستمر و ماهانه', { kind: 'ongoing' }],
  ['مستمر، هفتگی', { kind: 'ongoing' }],
  ['در اولین فرصت', { kind: 'urgent' }],
  ['هرچه سریعتر', { kind: 'urgent' }],
  ['پایان هفته آتی', { kind: 'next_week' }],
  ['ماه آتی', { kind: 'next_month' }],
];

describe('parseDeadline', () => {
  it.each(KNOWN)('reads «%s» as %j', (phrase, rule) => {
    const parsed = parseDeadline(phrase);
    expect(parsed.rule).toEqual(rule);
    expect(parsed.warnings).toEqual([]);
  });

  it('reads every count from one to ninety-nine in words, with every unit and filler', () => {
    const units: Array<[string, string]> = [['روز', 'days'], ['روز کاری', 'working_days'], ['هفته', 'weeks'], ['ماه', 'months'], ['سال', 'years']];
    const fillers = ['', 'حداکثر ', 'ظرف ', 'ظرف مدت ', 'طی ', 'تا ', 'به مدت ', 'حداکثر ظرف مدت ', 'حداکثر تا '];
    const wrong: string[] = [];
    for (let n = 1; n <= 99; n++) {
      for (const [unit, kind] of units) {
        for (const filler of fillers) {
          const phrase = `${filler}${numberToWords(n)} ${unit}`;
          const { rule, warnings } = parseDeadline(phrase);
          if (JSON.stringify(rule) !== JSON.stringify({ kind, n }) || warnings.length) wrong.push(`${phrase} → ${JSON.stringify(rule)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('reads the spoken forms of fifteen and twenty-five', () => {
    expect(parseDeadline('پونزده روز').rule).toEqual({ kind: 'days', n: 15 });
    expect(parseDeadline('بیست‌وپنج روز').rule).toEqual({ kind: 'days', n: 25 });
    expect(parseDeadline('بیست و پنج روزه').rule).toEqual({ kind: 'days', n: 25 });
  });

  it('keeps an explicit date whose written weekday is wrong, and warns', () => {
    const parsed = parseDeadline('تا شنبه ۱۴۰۲/۰۶/۱۵');
    expect(parsed.rule).toEqual({ kind: 'date', date: '1402/06/15' });
    expect(parsed.warnings.map((w) => w.code)).toEqual(['deadline_weekday_mismatch']);
    expect(parsed.warnings[0].fa).toContain('چهارشنبه');
  });

  it('refuses a day the month does not have, instead of guessing', () => {
    const parsed = parseDeadline('تا ۳۱ مهر');
    expect(parsed.rule).toEqual({ kind: 'unknown' });
    expect(parsed.warnings.map((w) => w.code)).toEqual(['deadline_invalid_date']);
    expect(parsed.warnings[0].fa).toContain('مهر ۳۰ روز دارد');
    expect(parseDeadline('۳۰ اسفند ۱۴۰۲').warnings.map((w) => w.code)).toEqual(['deadline_invalid_date']);
  });

  it('never gives a date for a phrase that also waits on an event', () => {
    const conditions = ['پس از ابلاغ', 'پس از تامین اعتبار', 'در صورت تصویب', 'منوط به تخصیص بودجه', 'قبل از جلسه بعد', 'همزمان با افتتاح'];
    const phrases = KNOWN.map(([phrase]) => phrase).filter((p) => !/مستمر|دائمی|ماهانه|دوره|هر ماه|هفتگی/.test(p));
    for (const phrase of phrases) {
      for (const condition of conditions) {
        const parsed = parseDeadline(`${phrase} ${condition}`);
        expect([phrase, condition, parsed.rule.kind]).toEqual([phrase, condition, 'conditional']);
        expect(resolveDueDate(parsed.rule, JalaliDate.parse('1402/05/17'))).toBeNull();
      }
    }
  });

  it('never gives a date for a phrase it does not understand (random words around a unit)', () => {
    const words = fc.constantFrom('چند', 'حدود', 'نیم', 'قبل', 'تقریبا', 'مطابق', 'برنامه', 'اواسط', 'نیمه', 'دهه', 'اوایل', 'بیش', 'کمتر', 'یا');
    fc.assert(fc.property(fc.array(words, { minLength: 1, maxLength: 3 }), fc.constantFrom('روز', 'هفته', 'ماه', 'سال', 'مهر', ''), (ws, unit) => {
      const parsed = parseDeadline(`${ws.join(' ')} ${unit}`);
      expect(['unknown', 'conditional']).toContain(parsed.rule.kind);
      expect(parsed.warnings.length).toBeGreaterThan(0);
      expect(resolveDueDate(parsed.rule, JalaliDate.parse('1402/05/17'))).toBeNull();
    }));
  });

  it('ignores Arabic letters, tatweel, ZWNJ and bidi marks around the phrase', () => {
    expect(parseDeadline('\u200fيك ماه\u200f').rule).toEqual({ kind: 'months', n: 1 });
    expect(parseDeadline('دو هـفته').rule).toEqual({ kind: 'weeks', n: 2 });
    expect(parseDeadline('هفته‌ جاری').rule).toEqual({ kind: 'this_week' });
  });

  it.each([
    ['تا جلسه آینده', 'next_meeting'],
    ['جلسه بعد', 'next_meeting'],
    ['پس از تامین اعتبار', 'funding'],
    ['یک ماه پس از تخصیص بودجه', 'funding'],
    ['منوط به تصویب شورا', 'event'],
    ['دو هفته پس از ابلاغ', 'event'],
  ])('gives «%s» no date but a conditional rule (%s) and a warning', (phrase, reason) => {
    const parsed = parseDeadline(phrase);
    expect(parsed.rule).toEqual({ kind: 'conditional', reason });
    expect(parsed.warnings.map((w) => w.code)).toEqual(['deadline_conditional']);
    expect(parsed.warnings[0].fa).toContain(phrase);
  });

  it.each(['بلا بلا', 'ماه', 'صفر روز', 'چند روز', 'به زودی', 'یک ماه و نیم', 'نیم ساعت', 'اسفند', 'تا نیمه مهر', 'دو تا سه هفته', 'مطابق برنامه'])('never guesses a date for «%s»', (phrase) => {
    const parsed = parseDeadline(phrase);
    expect(parsed.rule).toEqual({ kind: 'unknown' });
    expect(parsed.warnings.map((w) => w.code)).toEqual(['deadline_unknown']);
  });

  it('reports an empty phrase as missing', () => {
    expect(parseDeadline('  ').warnings.map((w) => w.code)).toEqual(['deadline_missing']);
    expect(parseDeadline('').rule).toEqual({ kind: 'unknown' });
  });

  it('rejects an impossible explicit date with the reason instead of guessing', () => {
    const parsed = parseDeadline('تا ۱۴۰۱/۰۷/۳۱');
    expect(parsed.rule).toEqual({ kind: 'unknown' });
    expect(parsed.warnings[0].code).toBe('deadline_invalid_date');
    expect(parsed.warnings[0].fa).toContain('۳۰ روز');
  });
});
