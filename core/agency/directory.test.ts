import { AgencyDirectory, agencyNamer, editDistance } from './directory';

describe('AgencyDirectory', () => {
  const directory = AgencyDirectory.from([
    { name: 'کلیه دستگاه‌های اجرایی استان' },
    { name: 'فرمانداری کرج', aliases: ['فرمانداری شهرستان کرج'] },
    { name: 'اداره کل تعاون، کار و رفاه اجتماعی' },
  ]);

  it('finds a name typed with or without ZWNJ, with Arabic letters, or as an alias', () => {
    expect(directory.find('کلیه دستگاههای اجرایی استان')?.name).toBe('کلیه دستگاه‌های اجرایی استان');
    expect(directory.find('كليه دستگاه هاي اجرايي استان')?.name).toBe('کلیه دستگاه‌های اجرایی استان');
    expect(directory.find('فرمانداری شهرستان کرج')?.name).toBe('فرمانداری کرج');
  });

  it('shows the name as the secretariat first wrote it when a variant is added', () => {
    directory.add('فرمانداري كرج');
    expect(directory.list().filter((e) => e.name.includes('کرج'))).toHaveLength(1);
    expect(directory.find('فرمانداري كرج')?.name).toBe('فرمانداری کرج');
  });

  it('does not confuse different agencies', () => {
    expect(directory.find('فرمانداری طالقان')).toBeUndefined();
  });

  it('suggests the closest known name for a typo, and nothing for an unrelated name', () => {
    expect(directory.closest('فرمانداری کرچ')).toBe('فرمانداری کرج');
    expect(directory.closest('اداره کل تعاون کار رفاه اجتماعی')).toBe('اداره کل تعاون، کار و رفاه اجتماعی');
    expect(directory.closest('سازمان هواشناسی')).toBeUndefined();
  });
});

describe('AgencyDirectory, its proposals and suggestions', () => {
  it('starts an agency added or listed without aliases with none', () => {
    expect(new AgencyDirectory().add('فرمانداري كرج')).toEqual({ name: 'فرمانداری کرج', aliases: [] });
    expect(AgencyDirectory.from([{ name: 'فرمانداري كرج' }]).list()).toEqual([{ name: 'فرمانداری کرج', aliases: [] }]);
  });

  it('keeps as aliases only names that are neither empty nor already known', () => {
    const directory = AgencyDirectory.from([{ name: 'فرمانداری کرج', aliases: ['فرمانداری شهرستان کرج', ' - ', 'فرمانداري كرج', 'فرمانداری  شهرستان کرج'] }]);
    expect(directory.list()).toEqual([{ name: 'فرمانداری کرج', aliases: ['فرمانداری شهرستان کرج'] }]);
  });

  it('remembers the agency a new spelling was proposed to be, under any spelling of it', () => {
    const directory = AgencyDirectory.from([{ name: 'فرمانداری کرج' }]);
    directory.propose('فرمانداري شهرستان كرج', 'فرمانداری  کرج');
    expect(directory.proposalFor('فرمانداری شهرستان کرج')).toBe('فرمانداری کرج');
    expect(directory.proposalFor('شهرداری کرج')).toBeUndefined();
  });

  it('suggests a name up to a third of the typed length away, and not one letter further', () => {
    // «فرمانداری» has nine letters: three may be missing, not four
    expect(AgencyDirectory.from([{ name: 'فرمانداری کرج' }]).closest('فرمانداری')).toBe('فرمانداری کرج');
    expect(AgencyDirectory.from([{ name: 'فرمانداری ساوه' }]).closest('فرمانداری')).toBeUndefined();
  });

  it('suggests the agency listed first when two are as close', () => {
    const towns = AgencyDirectory.from([{ name: 'شهرداری قم' }, { name: 'شهرداری کن' }]);
    expect(towns.closest('شهرداری قن')).toBe('شهرداری قم');
  });
});

describe('agencyNamer', () => {
  it('names an alias or a variant spelling by its agency, and an unknown agency as written', () => {
    const name = agencyNamer(AgencyDirectory.from([{ name: 'فرمانداری کرج', aliases: ['فرمانداری شهرستان کرج'] }]));
    expect(name('فرمانداري شهرستان كرج')).toBe('فرمانداری کرج');
    expect(name('فرمانداري كرج')).toBe('فرمانداری کرج');
    expect(name('شهرداری کرج')).toBe('شهرداری کرج');
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});
