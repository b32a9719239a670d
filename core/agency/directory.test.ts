import { AgencyDirectory, editDistance } from './directory';

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

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});
