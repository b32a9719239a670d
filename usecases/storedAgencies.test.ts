/**
 * The directory a secretariat sends: an agency also given as another's alias is that agency. A
 * register's `دستگاه‌ها` sheet adds its aliases to the directory, never moving the directory's own.
 */
import { directoryAdditions, foldAliases } from './storedAgencies';

describe('foldAliases', () => {
  it('folds an agency given as another\'s alias into it, with its own aliases', () => {
    expect(foldAliases([
      { name: 'اداره فناوری اطلاعات شهرداری', aliases: ['فاوا شهرداری'] },
      { name: 'سازمان فناوری اطلاعات شهرداری', aliases: ['اداره فناوری اطلاعات شهرداری'] },
      { name: 'شرکت گاز', aliases: [] },
    ])).toEqual([
      { name: 'سازمان فناوری اطلاعات شهرداری', aliases: ['اداره فناوری اطلاعات شهرداری', 'فاوا شهرداری'] },
      { name: 'شرکت گاز', aliases: [] },
    ]);
  });

  it('matches the alias by comparison key (Arabic letters, spacing)', () => {
    expect(foldAliases([{ name: 'بهزيستي استان', aliases: [] }, { name: 'اداره کل بهزیستی استان', aliases: ['بهزیستی  استان'] }]))
      .toEqual([{ name: 'اداره کل بهزیستی استان', aliases: ['بهزیستی  استان'] }]);
  });

  it('keeps one of two agencies that name each other, and a chain ends in its last agency', () => {
    expect(foldAliases([{ name: 'الف', aliases: ['ب'] }, { name: 'ب', aliases: ['الف'] }])).toEqual([{ name: 'ب', aliases: ['الف', 'ب'] }]);
    expect(foldAliases([{ name: 'الف', aliases: [] }, { name: 'ب', aliases: ['الف'] }, { name: 'پ', aliases: ['ب'] }]))
      .toEqual([{ name: 'پ', aliases: ['ب', 'الف'] }]);
  });
});

describe('directoryAdditions', () => {
  const STORE = [{ name: 'شرکت آب و فاضلاب استان', aliases: ['آبفا'] }, { name: 'اداره کل بهزیستی استان', aliases: [] }];

  it('gives a known agency (found by its name or an alias, however typed) the sheet\'s new aliases', () => {
    const taken = directoryAdditions(STORE, [
      { name: 'آبفا', aliases: ['آب و فاضلاب', 'شرکت آب و فاضلاب استان'] },
      { name: 'بهزيستي استان', aliases: [] },
      { name: 'اداره کل بهزیستی استان', aliases: ['بهزیستی'] },
    ]);
    expect(taken.additions).toEqual([
      { name: 'شرکت آب و فاضلاب استان', aliases: ['آب و فاضلاب'] },
      { name: 'اداره کل بهزیستی استان', aliases: ['بهزیستی'] },
    ]);
    expect(taken.aliasesAdded).toEqual([
      { agency: 'شرکت آب و فاضلاب استان', alias: 'آب و فاضلاب' }, { agency: 'اداره کل بهزیستی استان', alias: 'بهزیستی' },
    ]);
    expect([taken.agenciesAdded, taken.aliasesRefused]).toEqual([[], []]);
  });

  it('adds an unknown agency only with aliases of its own, and refuses an alias the directory gives to another', () => {
    const taken = directoryAdditions(STORE, [
      { name: 'فرمانداری کرج', aliases: ['فرمانداری شهرستان کرج', 'آبفا'] },
      { name: 'شرکت گاز استان', aliases: [] },
      { name: 'سازمان آب منطقه‌ای', aliases: ['آبفا'] },
    ]);
    expect(taken.additions).toEqual([{ name: 'فرمانداری کرج', aliases: ['فرمانداری شهرستان کرج'] }]);
    expect(taken.agenciesAdded).toEqual([{ name: 'فرمانداری کرج', aliases: ['فرمانداری شهرستان کرج'] }]);
    expect(taken.aliasesRefused.map((r) => [r.alias, r.agency, r.belongsTo])).toEqual([
      ['آبفا', 'فرمانداری کرج', 'شرکت آب و فاضلاب استان'], ['آبفا', 'سازمان آب منطقه‌ای', 'شرکت آب و فاضلاب استان'],
    ]);
    expect(taken.aliasesRefused[0].fa).toBe('برگهٔ «دستگاه‌ها»: «آبفا» در فایل نام دیگر «فرمانداری کرج» است و در سامانه نام دیگر «شرکت آب و فاضلاب استان»؛ آنچه سامانه دارد ماند. اگر هر دو یک دستگاه‌اند، در داشبورد («دستگاه‌ها و نام‌های دیگر آن‌ها») یکی کنید');
  });

  it('a sheet that says what the directory says adds nothing', () => {
    expect(directoryAdditions(STORE, STORE)).toEqual({ additions: [], aliasesAdded: [], agenciesAdded: [], aliasesRefused: [] });
  });
});
