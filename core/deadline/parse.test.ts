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
];

describe('parseDeadline', () => {
  it.each(KNOWN)('reads «%s» as %j', (phrase, rule) => {
    const parsed = parseDeadline(phrase);
    expect(parsed.rule).toEqual(rule);
    expect(parsed.warnings).toEqual([]);
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

  it.each(['بلا بلا', 'ماه', 'صفر روز', 'چند روز', 'به زودی'])('never guesses a date for «%s»', (phrase) => {
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
