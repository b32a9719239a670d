import fc from 'fast-check';
import { GOVERNMENT_BODIES } from './bodies';
import { agencyKind, compareAgencies, coreKey, findGovernmentBody, governmentBodyNames } from './match';
import { splitAgencies, splitAgencyCell } from './split';

describe('splitting agency lists on «،» and «و»', () => {
  // a known name with «و» inside comes first: the directory's names are read once, on the first split
  it.each([
    ['آموزش و پرورش و بهزیستی', ['آموزش و پرورش', 'بهزیستی']],
    ['شرکت گاز، توزیع برق، مخابرات و منابع طبیعی', ['شرکت گاز', 'توزیع برق', 'مخابرات', 'منابع طبیعی']],
    ['دانشگاه علوم پزشکی و هلال احمر', ['دانشگاه علوم پزشکی', 'هلال احمر']],
    ['اداره کل تعاون، کار و رفاه اجتماعی و اداره کل راه و شهرسازی', ['اداره کل تعاون، کار و رفاه اجتماعی', 'اداره کل راه و شهرسازی']],
    ['میراث فرهنگی، گردشگری و صنایع دستی، فرمانداری کرج', ['میراث فرهنگی، گردشگری و صنایع دستی', 'فرمانداری کرج']],
    ['آب منطقه ای ، آبفا، اداره برق، اداره گاز', ['آب منطقه ای', 'آبفا', 'اداره برق', 'اداره گاز']],
    ['فرمانداری کرج و شهرداری کرج', ['فرمانداری کرج', 'شهرداری کرج']],
  ])('«%s» → %j', (cell, expected) => {
    expect(splitAgencyCell(cell)).toEqual({ agencies: expected, warnings: [] });
  });

  it.each([
    'آموزش و پرورش', 'اداره کل تعاون، کار و رفاه اجتماعی', 'میراث فرهنگی، گردشگری و صنایع دستی', 'راه و شهرسازی',
    'اداره کل ورزش و جوانان استان', 'سازمان مدیریت و برنامه ریزی استان', 'ستاد پیشگیری و مقابله با آسیب‌های اجتماعی',
    'اداره کل تعاون کار و رفاه اجتماعی', 'بنیاد شهید و امور ایثارگران',
  ])('keeps the single name «%s» whole, without a warning', (cell) => {
    expect(splitAgencyCell(cell)).toEqual({ agencies: [cell], warnings: [] });
  });

  it('keeps groups of offices addressed together as written (the seed\'s «فرمانداری ها و شهرداریهای محترم استان»)', () => {
    expect(splitAgencyCell('فرمانداری ها و شهرداریهای محترم استان')).toEqual({ agencies: ['فرمانداری ها و شهرداریهای محترم استان'], warnings: [] });
    expect(splitAgencyCell('فرمانداریها، بخشداریها و دهیاریها')).toEqual({ agencies: ['فرمانداریها، بخشداریها و دهیاریها'], warnings: [] });
  });

  it('keeps a list whole and warns, with the split it would make, when a piece is only a head word', () => {
    const { agencies, warnings } = splitAgencyCell('فرمانداری و شهرداری کرج');
    expect(agencies).toEqual(['فرمانداری و شهرداری کرج']);
    expect(warnings.map((w) => w.code)).toEqual(['agency_list_unsure']);
    expect(warnings[0].fa).toContain('«فرمانداری»، «شهرداری کرج»');
  });

  it('keeps a list whole and warns when a piece is not clearly an agency', () => {
    const { agencies, warnings } = splitAgencyCell('آب، برق و گاز');
    expect(agencies).toEqual(['آب، برق و گاز']);
    expect(warnings.map((w) => w.code)).toEqual(['agency_list_unsure']);
  });

  it('never splits a name of the shipped directory, alone or inside a list of other names', () => {
    const names = governmentBodyNames();
    for (const name of names) expect([name, splitAgencies(name)]).toEqual([name, [name.trim()]]);
    const full = GOVERNMENT_BODIES.map((forms) => forms[0]);
    fc.assert(fc.property(fc.uniqueArray(fc.constantFrom(...full), { minLength: 2, maxLength: 4 }), fc.constantFrom('، ', ' و ', ' - '), (list, sep) => {
      const cell = list.slice(0, -1).join('، ') + sep + list[list.length - 1];
      expect(splitAgencies(cell)).toEqual(list);
    }));
  });
});

describe('the shipped directory', () => {
  it('gives every body its own key: no two bodies are confused', () => {
    const owner = new Map<string, string>();
    for (const forms of GOVERNMENT_BODIES) {
      for (const form of forms) {
        const key = coreKey(form);
        expect([form, owner.get(key) ?? forms[0]]).toEqual([form, forms[0]]);
        owner.set(key, forms[0]);
      }
    }
  });

  it('knows short forms and decorated spellings', () => {
    expect(findGovernmentBody('آبفا')?.name).toBe('شرکت آب و فاضلاب');
    expect(findGovernmentBody('شرکت آب و فاضلاب استان البرز')?.name).toBe('شرکت آب و فاضلاب');
    expect(findGovernmentBody('اداره کل بهزیستی استان')?.name).toBe('اداره کل بهزیستی');
    expect(findGovernmentBody('اداره کل راه شهرسازی استان')?.name).toBe('اداره کل راه و شهرسازی');
    expect(findGovernmentBody('فرمانداری کرج')).toBeUndefined();
  });

  it.each([
    ['شرکت گاز', 'known'], ['شرکت فولاد', 'headed'], ['فرمانداری کرج', 'headed'], ['شهرداری‌های استان', 'headed'], ['فرمانداری ها', 'bare'],
    ['فرمانداریها', 'bare'], ['آبفا', 'known'], ['رفاه اجتماعی', 'unknown'], ['ادارهای', 'unknown'],
  ])('«%s» is %s', (piece, kind) => {
    expect(agencyKind(piece)).toBe(kind);
  });
});

describe('one agency, one name', () => {
  it.each([
    ['اداره کل بهزیستی استان', 'بهزیستی استان', 'certain'],
    ['سازمان جهاد کشاورزی', 'جهاد کشاورزی استان', 'certain'],
    ['آبفا', 'شرکت آب و فاضلاب استان', 'certain'],
    ['فرمانداری ها و شهرداری های محترم استان', 'فرمانداری‌ها و شهرداری‌های استان', 'certain'],
    ['اداره کل راه شهرسازی استان', 'اداره کل راه و شهرسازی', 'certain'],
    ['فرمانداري كرج', 'فرمانداری کرج', 'same'],
    ['مسکن شهرسازی', 'مسکن و شهرسازی', 'certain'],
    ['سازمان فناوری اطلاعات شهرداری', 'اداره فناوری اطلاعات شهرداری', 'likely'],
    ['فرمانداری شهرستان کرج', 'فرمانداری کرج', 'likely'],
    ['سازمان همیاری شهرداری‌ها', 'سازمان همیاری شهرداریها', 'same'],
    ['فرمانداری کرج', 'شهرداری کرج', 'different'],
    ['فرمانداری کرج', 'فرمانداری طالقان', 'different'],
    ['آموزش و پرورش', 'اداره کل آموزش و پرورش استثنایی', 'different'],
  ])('«%s» and «%s» are %s', (a, b, expected) => {
    expect(compareAgencies(a, b)).toBe(expected);
    expect(compareAgencies(b, a)).toBe(expected);
  });
});
