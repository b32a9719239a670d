import { agencyKind, compareAgencies, coreKey } from './match';

describe('agencyKind', () => {
  it('knows a body of the directory written with its town or county after it', () => {
    expect(agencyKind('بسیج شهر کرج')).toBe('known');
    expect(agencyKind('بسیج شهر')).toBe('known');
    // only the place at the end is dropped, not the «منطقه» inside the body's own name
    expect(agencyKind('آب منطقه‌ای شهرستان کرج')).toBe('known');
  });

  it('takes a plural typed apart, typed together, or followed by a comma as a head word alone', () => {
    expect(agencyKind('بانک‌ها')).toBe('bare');
    expect(agencyKind('بانکها')).toBe('bare');
    expect(agencyKind('فرمانداری‌ها،')).toBe('bare');
  });

  it('takes a name after the head word as a name, even when it starts or ends with «ها», follows a ZWNJ or a comma', () => {
    expect(agencyKind('بیمارستان هاجر')).toBe('headed');
    expect(agencyKind('اداره‌ی ثبت احوال')).toBe('headed');
    expect(agencyKind('فرمانداری،کرج')).toBe('headed');
    // «فقها» ends as a plural does, but is a word of its own
    expect(agencyKind('کانون فقها')).toBe('headed');
  });

  it('does not take a word that only starts like a head word for one', () => {
    expect(agencyKind('پارکینگهای عمومی')).toBe('unknown');
  });
});

describe('compareAgencies', () => {
  it.each([
    // only the generic head differs, and the names are short
    ['شرکت فولاد', 'سازمان فولاد', 'likely'],
    // one letter typed wrong in a long name
    ['فرمانداری کرج', 'فرمانداری کرچ', 'likely'],
    // eight letters each after the head, one of them different
    ['شرکت پتروشیمی', 'شرکت پطروشیمی', 'likely'],
    // one letter missing from eight leaves seven: too short to guess
    ['شرکت پتروشیمی', 'شرکت پتروشمی', 'different'],
    // names without a letter, or only «استان» (with its province), name no agency
    ['', '', 'different'],
    ['استان', 'استان البرز', 'different'],
  ])('«%s» and «%s» are %s', (a, b, expected) => {
    expect(compareAgencies(a, b)).toBe(expected);
    expect(compareAgencies(b, a)).toBe(expected);
  });
});

describe('coreKey', () => {
  it('drops the generic head, «استان» with its province, «شهرستان», «و» and spacing', () => {
    expect(coreKey('اداره کل بهزیستی استان البرز')).toBe('بهزیستی');
    expect(coreKey('فرمانداری شهرستان کرج')).toBe('فرمانداریکرج');
    expect(coreKey('سازمان جهاد و کشاورزی')).toBe('جهادکشاورزی');
  });

  it('keeps a head word that stands alone: «سازمان» is not the empty name', () => {
    expect(coreKey('سازمان')).toBe('سازمان');
  });
});
