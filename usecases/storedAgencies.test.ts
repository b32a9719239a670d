/** The directory a secretariat sends: an agency also given as another's alias is that agency. */
import { foldAliases } from './storedAgencies';

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
