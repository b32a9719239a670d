import fc from 'fast-check';
import { comparisonKey, isSettledText, normalizeText } from './normalize';

const ZWNJ = '\u200c';

describe('normalizeText', () => {
  test.each([
    ['Arabic yeh ي', 'علي', 'علی'],
    ['Arabic alef maksura ى', 'مصطفى', 'مصطفی'],
    ['Arabic kaf ك', 'كرج', 'کرج'],
    ['heh goal ہ (U+06C1, as in the seed)', 'عبداللہی', 'عبداللهی'],
    ['ae ە (U+06D5)', 'خانە', 'خانه'],
  ])('replaces %s with the Persian letter', (_name, input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  test('removes tatweel', () => {
    expect(normalizeText('اســـتانداری')).toBe('استانداری');
  });

  test.each([
    ['LRM U+200E', '\u200e'],
    ['RLM U+200F', '\u200f'],
    ['LRE U+202A', '\u202a'],
    ['RLE U+202B', '\u202b'],
    ['PDF U+202C', '\u202c'],
    ['LRO U+202D', '\u202d'],
    ['RLO U+202E', '\u202e'],
    ['LRI U+2066', '\u2066'],
    ['RLI U+2067', '\u2067'],
    ['FSI U+2068', '\u2068'],
    ['PDI U+2069', '\u2069'],
    ['ALM U+061C', '\u061c'],
    ['BOM U+FEFF', '\ufeff'],
    ['ZWJ U+200D', '\u200d'],
  ])('removes the %s mark wherever it is', (_name, mark) => {
    expect(normalizeText(`${mark}فرمانداری${mark} کرج${mark}`)).toBe('فرمانداری کرج');
  });

  test('keeps a ZWNJ between letters', () => {
    expect(normalizeText(`دستگاه${ZWNJ}های`)).toBe(`دستگاه${ZWNJ}های`);
  });

  test('drops a ZWNJ next to a space, keeping the space', () => {
    expect(normalizeText(`دستگاه${ZWNJ} های`)).toBe('دستگاه های');
    expect(normalizeText(`دستگاه ${ZWNJ}های`)).toBe('دستگاه های');
    expect(normalizeText(`دستگاه ${ZWNJ} ${ZWNJ} های`)).toBe('دستگاه های');
  });

  test('drops ZWNJ at the ends and turns a run of ZWNJs into one', () => {
    expect(normalizeText(`${ZWNJ}کرج${ZWNJ}`)).toBe('کرج');
    expect(normalizeText(`می${ZWNJ}${ZWNJ}شود`)).toBe(`می${ZWNJ}شود`);
  });

  test('collapses every kind of white space to one space and trims', () => {
    expect(normalizeText('  فرمانداری \t\n کرج\u00a0\u00a0استان\u2009 ')).toBe('فرمانداری کرج استان');
  });

  test('leaves digits as written', () => {
    expect(normalizeText('۱۴۰۱/4/٩')).toBe('۱۴۰۱/4/٩');
  });

  test('keeps diacritics (they are part of what the writer typed)', () => {
    expect(normalizeText('مُصَوَّبات')).toBe('مُصَوَّبات');
  });

  test('maps the empty string and white space to the empty string', () => {
    expect(normalizeText('')).toBe('');
    expect(normalizeText(` \u200f${ZWNJ}\t`)).toBe('');
  });

  test('joins a letter and its hamza or madda even when a bidi mark or tatweel sat between them', () => {
    expect(normalizeText('\u0627\u200e\u0654')).toBe('\u0623'); // ا + LRM + hamza above → أ
    expect(normalizeText('\u0627\u0640\u0653')).toBe('\u0622'); // ا + tatweel + madda → آ
  });

  test('is idempotent', () => {
    const persianish = fc
      .array(fc.constantFrom('ا', 'ي', 'ی', 'ك', 'ه', 'ۀ', 'ہ', 'ـ', ZWNJ, ' ', '\t', '\u200e', '\u2066',
        '\u0653', '\u0654', '\u064e', '۱', '1', 'a', '\u00a0', '\ufeff'), { maxLength: 16 })
      .map((chars) => chars.join(''));
    fc.assert(fc.property(fc.oneof(persianish, fc.string()), (text) => normalizeText(normalizeText(text)) === normalizeText(text)));
  });

  test('gives text that needs nothing the same result as text that goes through every step', () => {
    // a leading space is always removed, so ' ' + text never takes the shortcut for settled text
    const steady = ['ا', 'آ', 'ب', 'ة', 'ی', 'ک', 'ه', '۱', '٩', '٫', '1', 'a', '«', '،', ZWNJ, ' '];
    const odd = ['ي', 'ى', 'ك', 'ہ', 'ە', 'ـ', '  ', '\t', '\n', '\u00a0', '\u200e', '\ufeff', '\u0653', '\u0654', '\u064e',
      '\u0300', '\u0627\u0653', '\u0648\u0654', '\u06d5\u0654', `${ZWNJ}${ZWNJ}`, ` ${ZWNJ}`, '\u06c0', '\u0649', '\u063b', '\u00e9'];
    const nearlySettled = fc
      .tuple(fc.array(fc.constantFrom(...steady), { maxLength: 12 }), fc.constantFrom(...odd), fc.nat())
      .map(([chars, one, at]) => { const k = at % (chars.length + 1); return [...chars.slice(0, k), one, ...chars.slice(k)].join(''); });
    const settled = fc.array(fc.constantFrom(...steady), { maxLength: 12 }).map((chars) => chars.join(''));
    fc.assert(fc.property(fc.oneof(nearlySettled, settled, fc.string({ unit: 'binary' })), (text) => normalizeText(text) === normalizeText(` ${text}`)),
      { numRuns: 2000 });
  });

  test.each([
    ['a resolution as the register holds it', `مقرر گردید اداره${ZWNJ}ی کل راه و شهرسازی گزارش «۱۲» را ظرف ٣ روز ارسال نماید.`],
    ['an id', '1403-01-15-7-a1b2c3'],
    ['nothing', ''],
  ])('returns %s unchanged', (_name, text) => {
    expect(normalizeText(text)).toBe(text);
  });

  test('never leaves two spaces in a row or a space at either end', () => {
    const spacey = fc
      .array(fc.constantFrom('ب', ' ', ZWNJ, '\u200f', '\n'), { maxLength: 16 })
      .map((chars) => chars.join(''));
    fc.assert(fc.property(spacey, (text) => !/ {2}|^ | $/.test(normalizeText(text))));
  });
});

describe('normalizeText composes like Unicode NFC', () => {
  test('a letter and its combining accent become one character, Latin or Persian', () => {
    expect(normalizeText('cafe\u0301')).toBe('caf\u00e9');
    expect(normalizeText('\u0627\u0653ب')).toBe('\u0622ب');
  });
});

describe('comparisonKey', () => {
  const same = (a: string, b: string) => expect(comparisonKey(a)).toBe(comparisonKey(b));

  test('makes دستگاههای, دستگاه‌های and دستگاه های equal', () => {
    same('دستگاههای', `دستگاه${ZWNJ}های`);
    same('دستگاههای', 'دستگاه های');
    same('کلیه دستگاههای اجرایی استان', `کلیه دستگاه${ZWNJ}های اجرایی استان`);
  });

  test('makes the seed\'s «فرمانداریها» and «فرمانداری ها» equal', () => {
    same('فرمانداریها و شهرداریهای استان', 'فرمانداری ها و شهرداری های استان');
  });

  test.each([
    ['ي and ی', 'اجرايي', 'اجرایی'],
    ['ك and ک', 'كرج', 'کرج'],
    ['ۀ and ه', 'ادارۀ کل', 'اداره کل'],
    ['ہ and ه', 'عبداللہی', 'عبداللهی'],
    ['ة and ه', 'ادارة کل', 'اداره کل'],
    ['أ and ا', 'أمور', 'امور'],
    ['آ and ا', 'آموزش', 'اموزش'],
    ['ئ and ی', 'مسائل', 'مسایل'],
    ['diacritics and none', 'مُصَوَّبات', 'مصوبات'],
    ['tatweel and none', 'اســتانداری', 'استانداری'],
    ['bidi marks and none', '\u202bفرمانداری کرج\u202c\u200f', 'فرمانداری کرج'],
    ['Persian and Latin digits', 'منطقه ۵', 'منطقه 5'],
    ['punctuation and none', 'اداره کل تعاون، کار و رفاه اجتماعی', 'اداره کل تعاون کار و رفاه اجتماعی'],
  ])('treats %s as the same', (_name, a, b) => {
    same(a, b);
  });

  test.each([
    ['فرمانداری کرج', 'فرمانداری طالقان'],
    ['شهرداری کرج', 'فرمانداری کرج'],
    ['آموزش و پرورش', 'آموزش پرورش'],
    ['منطقه ۵', 'منطقه ۶'],
  ])('keeps «%s» and «%s» different', (a, b) => {
    expect(comparisonKey(a)).not.toBe(comparisonKey(b));
  });

  test('writes the key itself: Latin lower case, Latin digits, no hamza, ؤ as و, no spaces', () => {
    expect(comparisonKey('Office ABC')).toBe('officeabc');
    expect(comparisonKey('منطقه ۱۲')).toBe('منطقه12');
    expect(comparisonKey('ابتداء')).toBe('ابتدا');
    expect(comparisonKey('مؤسسه')).toBe('موسسه');
  });

  test('maps the empty string and pure punctuation to the empty string', () => {
    expect(comparisonKey('')).toBe('');
    expect(comparisonKey(' - ، ')).toBe('');
  });

  test('is idempotent on normalizeText: normalizing first changes nothing', () => {
    const persianish = fc
      .array(fc.constantFrom('ا', 'أ', 'آ', 'ي', 'ی', 'ك', 'ک', 'ه', 'ۀ', 'ہ', 'ة', 'ـ', ZWNJ, ' ', '\u200f',
        '\u202a', '\u0653', '\u0654', '\u064b', '۱', '١', '1', 'A', '،', '-'), { maxLength: 16 })
      .map((chars) => chars.join(''));
    fc.assert(fc.property(fc.oneof(persianish, fc.string()), (text) => comparisonKey(normalizeText(text)) === comparisonKey(text)));
  });

  test('is idempotent on its own output', () => {
    fc.assert(fc.property(fc.string(), (text) => comparisonKey(comparisonKey(text)) === comparisonKey(text)));
  });
});

describe('normalizeText where String.prototype.normalize is missing (Internet Explorer 11)', () => {
  const native = Object.getOwnPropertyDescriptor(String.prototype, 'normalize')!;
  beforeEach(() => { Object.defineProperty(String.prototype, 'normalize', { value: undefined, configurable: true, writable: true }); });
  afterEach(() => { Object.defineProperty(String.prototype, 'normalize', native); });

  test.each([
    ['\u0627\u0653\u0628', '\u0622\u0628'], // alef + madda → آ  (آب)
    ['\u0645\u0633\u0627\u0654\u0644\u0647', '\u0645\u0633\u0623\u0644\u0647'], // alef + hamza above → أ
    ['\u0627\u0655\u0633\u0644\u0627\u0645', '\u0625\u0633\u0644\u0627\u0645'], // alef + hamza below → إ
    ['\u0645\u0648\u0654\u0633\u0633\u0647', '\u0645\u0624\u0633\u0633\u0647'], // waw + hamza → ؤ
    ['\u0645\u0633\u0627\u064a\u0654\u0644', '\u0645\u0633\u0627\u0626\u0644'], // yeh + hamza → ئ
    ['\u062e\u0627\u0646\u06d5\u0654', '\u062e\u0627\u0646\u06c0'], // ae + hamza → ۀ
    ['\u0627\u200f\u0653', '\u0622'], // a bidi mark between them is dropped first
    ['\u0628\u0653', '\u0628\u0653'], // beh takes no madda: left as written
  ])('composes %j as NFC does', (text, expected) => {
    expect(String.prototype.normalize).toBeUndefined();
    expect(normalizeText(text)).toBe(expected);
  });
});

describe('isSettledText tells text that normalizeText would leave as it is', () => {
  test.each([
    [''],
    ['abc'],
    ['سلام'],
    ['سلام دنیا'], // one space between two words
    ['می\u200cروم'], // one ZWNJ inside a word
    ['۱۴۰۱/۰۴/۰۹'],
  ])('«%s» is settled', (text) => {
    expect(isSettledText(text)).toBe(true);
    expect(normalizeText(text)).toBe(text);
  });

  test.each([
    ['سلام  دنیا'], // two spaces
    [' سلام'], // a space at the start
    ['سلام '], // a space at the end
    ['می\u200c\u200cروم'], // two ZWNJs
    ['\u200cسلام'], // a ZWNJ at the start
    ['علي'], // Arabic yeh
    ['سلا\u0640م'], // tatweel
    ['\u200fسلام'], // a bidi mark
  ])('«%s» is not known to be settled', (text) => {
    expect(isSettledText(text)).toBe(false);
  });
});
