import { numberToWords, parseCount, parseNumberWords, parseOrdinal } from './numberWords';

const ZWNJ = '\u200c';

/**
 * The ordinal word for n as Persian writes it, built from numberToWords independently of
 * parseOrdinal: a final سه becomes سوم, a final سی takes ‌ام (سی‌ام), every other word takes م.
 */
function ordinalWord(n: number, suffix: 'م' | 'مین'): string {
  const words = numberToWords(n);
  const tail = suffix === 'مین' ? 'ین' : '';
  if (/(^| )سه$/.test(words)) return `${words.slice(0, -2)}سوم${tail}`;
  if (/(^| )سی$/.test(words)) return `${words}${ZWNJ}ام${tail}`;
  return `${words}م${tail}`;
}

describe('numberToWords', () => {
  test.each([
    [0, 'صفر'],
    [1, 'یک'],
    [15, 'پانزده'],
    [20, 'بیست'],
    [25, 'بیست و پنج'],
    [99, 'نود و نه'],
    [100, 'صد'],
    [105, 'صد و پنج'],
    [120, 'صد و بیست'],
    [219, 'دویست و نوزده'],
    [999, 'نهصد و نود و نه'],
  ])('writes %i as «%s»', (n, words) => {
    expect(numberToWords(n)).toBe(words);
  });

  test.each([-1, 1000, 2.5, Number.NaN])('throws a RangeError for %p', (n) => {
    expect(() => numberToWords(n)).toThrow(new RangeError(`numberToWords: ${n} is not a whole number in 0..999`));
  });
});

describe('parseNumberWords', () => {
  test('reads back every number 0..999 that numberToWords writes', () => {
    const wrong: string[] = [];
    for (let n = 0; n <= 999; n++) {
      const back = parseNumberWords(numberToWords(n));
      if (back !== n) wrong.push(`${n} → ${numberToWords(n)} → ${back}`);
    }
    expect(wrong).toEqual([]);
  });

  test.each([
    ['یک', 1],
    ['پانزده', 15],
    ['پونزده', 15],
    ['بیست و پنج', 25],
    ['نود و نه', 99],
    ['صد و بیست', 120],
    ['یکصد و بیست', 120],
    ['صفر', 0],
    ['هیجده', 18],
    ['يك', 1],
    [`  بیست   و  پنج `, 25],
  ])('reads «%s» as %i', (words, n) => {
    expect(parseNumberWords(words)).toBe(n);
  });

  test.each([
    ['بیست پنج و'],
    ['پنج و بیست'],
    [''],
    ['کتاب'],
    ['و'],
    ['بیست و'],
    ['و بیست'],
    ['بیست و یازده'],
    ['بیست و ده'],
    ['صد و صفر'],
    ['صفر و پنج'],
    ['ده و پنج'],
    ['بیست و سی'],
    ['صد و دویست'],
    ['بیست و پنج و سه'],
    ['constructor'],
    ['toString'],
    ['25'],
  ])('says «%s» is not a number in words', (words) => {
    expect(parseNumberWords(words)).toBeUndefined();
  });
});

describe('parseCount', () => {
  test.each([
    ['12', 12],
    ['۱۲', 12],
    ['١٢', 12],
    [' ۳ ', 3],
    ['0', 0],
    ['۱۵۰', 150],
    ['دو', 2],
    ['بیست و یک', 21],
  ])('reads «%s» as %i', (text, n) => {
    expect(parseCount(text)).toBe(n);
  });

  test.each([['۱.۵'], ['-3'], ['۲ و سه'], ['دو هفته'], [''], ['hasOwnProperty']])('says «%s» is not a count', (text) => {
    expect(parseCount(text)).toBeUndefined();
  });
});

describe('parseOrdinal', () => {
  test.each([
    ['دوازدهمین', 12],
    ['دوازدهم', 12],
    ['بیست و یکمین', 21],
    ['نخستین', 1],
    ['نخست', 1],
    ['اولین', 1],
    ['اول', 1],
    ['یکمین', 1],
    ['یکم', 1],
    ['دوم', 2],
    ['دومین', 2],
    ['سوم', 3],
    ['سومین', 3],
    ['دهمین', 10],
    ['صدمین', 100],
    ['یکصدمین', 100],
    ['سی و دومین', 32],
    ['بیست و سومین', 23],
    [`سی${ZWNJ}امین`, 30],
    ['سی امین', 30],
    ['سیامین', 30],
    [`سی${ZWNJ}ام`, 30],
    [`صد و سی${ZWNJ}امین`, 130],
    ['صد و یکمین', 101],
    ['نهصد و نود و نهمین', 999],
    ['دوازدهمين', 12],
    ['۱۲مین', 12],
    ['۱۲ام', 12],
    ['12امین', 12],
    ['١٢مین', 12],
  ])('reads «%s» as %i', (text, n) => {
    expect(parseOrdinal(text)).toBe(n);
  });

  test.each([
    ['کتاب'],
    [''],
    ['مین'],
    ['دوازده'],
    ['12'],
    ['۰مین'],
    ['صفرمین'],
    ['سهمین'],
    ['سیمین'],
    ['دوامین'],
    ['بیست و اولین'],
    ['بیست و نخستین'],
    ['بیست و دهمین'],
    ['بیست و یازدهمین'],
    ['پنج و بیستمین'],
    ['صد و صدمین'],
    ['بیست و'],
    ['دوازدهمین جلسه'],
    ['constructorمین'],
  ])('says «%s» is not an ordinal', (text) => {
    expect(parseOrdinal(text)).toBeUndefined();
  });

  test('reads the -مین ordinal of every number 1..999 (یکمین, سومین, سی‌امین, بیست و سومین …)', () => {
    const wrong: string[] = [];
    for (let n = 1; n <= 999; n++) {
      const word = ordinalWord(n, 'مین');
      if (parseOrdinal(word) !== n) wrong.push(`${word} → ${parseOrdinal(word)}`);
    }
    expect(wrong).toEqual([]);
  });

  test('reads the -م ordinal of every number 1..999, also with a space instead of ZWNJ', () => {
    const wrong: string[] = [];
    for (let n = 1; n <= 999; n++) {
      for (const word of [ordinalWord(n, 'م'), ordinalWord(n, 'م').replace(ZWNJ, ' ')]) {
        if (parseOrdinal(word) !== n) wrong.push(`${word} → ${parseOrdinal(word)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  test('the sweep\'s ordinal builder writes the forms Persian uses', () => {
    expect(ordinalWord(1, 'مین')).toBe('یکمین');
    expect(ordinalWord(3, 'مین')).toBe('سومین');
    expect(ordinalWord(23, 'مین')).toBe('بیست و سومین');
    expect(ordinalWord(30, 'مین')).toBe(`سی${ZWNJ}امین`);
    expect(ordinalWord(13, 'مین')).toBe('سیزدهمین');
    expect(ordinalWord(300, 'مین')).toBe('سیصدمین');
  });
});

describe('و between the parts of a number', () => {
  test.each([
    ['بیستو پنج', 25], // و glued to the word before it
    ['بیست وپنج', 25], // و glued to the word after it
    ['صد وبیستو یک', 121],
    ['صد و دو', 102], // دو ends in و, which is not a separator
    ['دو', 2],
  ])('%s → %i', (text, value) => {
    expect(parseNumberWords(text)).toBe(value);
  });

  test('a و glued to a word ending in د is never split off, since it may be the end of دو', () => {
    expect(parseNumberWords('صدو بیست')).toBeUndefined();
    expect(parseNumberWords('صد وبیست')).toBe(120);
    expect(parseOrdinal('سی و دومین')).toBe(32);
    expect(parseOrdinal('صد و دوم')).toBe(102);
  });

  test('a و between zero-width non-joiners separates like one between spaces', () => {
    expect(parseNumberWords('بیست\u200cو\u200cپنج')).toBe(25);
  });
});

describe('parseOrdinal reads a whole word, not a piece of one', () => {
  test('digits with an ordinal ending, a space between allowed, nothing before or after', () => {
    expect(parseOrdinal('۱۲ ام')).toBe(12);
    expect(parseOrdinal('۱۲مین')).toBe(12);
    expect(parseOrdinal('ردیف۱۲م')).toBeUndefined();
    expect(parseOrdinal('۱۲مینا')).toBeUndefined();
  });

  test('a word that is a number plus another letter is no ordinal', () => {
    expect(parseOrdinal('یکی')).toBeUndefined();
    expect(parseOrdinal('پنجه')).toBeUndefined();
  });
});

describe('parseOrdinal takes the و between parts as parseNumberWords does', () => {
  test.each([
    ['سی\u200cو\u200cیکم', 31], // ZWNJ on both sides of و
    ['سی\u200cویکم', 31], // ZWNJ before و only
    ['بیست\u200cو\u200cپنجمین', 25],
    ['صد\u200cو\u200cسی\u200cام', 130],
    ['بیستو پنجم', 25], // و glued to the word before it
    ['بیست وپنجم', 25], // و glued to the word after it
  ])('%s → %i', (text, value) => {
    expect(parseOrdinal(text)).toBe(value);
  });

  test('every compound ordinal 21..999 with ZWNJs around its و reads as its number, as the cardinal does', () => {
    const wrong: string[] = [];
    for (let n = 21; n <= 999; n++) {
      const word = ordinalWord(n, 'م');
      if (!word.includes(' و ')) continue;
      const joined = word.replaceAll(' و ', `${ZWNJ}و${ZWNJ}`);
      const cardinal = numberToWords(n).replaceAll(' و ', `${ZWNJ}و${ZWNJ}`);
      if (parseOrdinal(joined) !== n || parseNumberWords(cardinal) !== n) wrong.push(`${joined} → ${parseOrdinal(joined)}, ${cardinal} → ${parseNumberWords(cardinal)}`);
    }
    expect(wrong).toEqual([]);
  });

  test('a ZWNJ before the ending joins it to its number', () => {
    expect(parseOrdinal('دوازده\u200cمین')).toBe(12);
    expect(parseOrdinal('دو\u200cم')).toBe(2);
    expect(parseOrdinal('۱۲\u200cام')).toBe(12);
  });

  test('a ZWNJ between two number words without و joins nothing', () => {
    expect(parseOrdinal('بیست\u200cپنجم')).toBeUndefined();
  });
});

describe('parseOrdinal reads the ordinal ending only at the end of a word', () => {
  test('a name that starts like an ordinal (سیامک) is no ordinal', () => {
    expect(parseOrdinal('سیامک')).toBeUndefined();
  });

  test('ین inside a word is not the -مین ending', () => {
    expect(parseOrdinal('پنجینم')).toBeUndefined();
  });
});
