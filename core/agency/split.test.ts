import { splitAgencies } from './split';

describe('splitAgencies', () => {
  it('splits on " - " like the seed', () => {
    expect(splitAgencies('فرمانداری کرج - کلیه دستگاههای اجرایی استان')).toEqual(['فرمانداری کرج', 'کلیه دستگاههای اجرایی استان']);
  });

  it('never splits inside a name on "،" or " و "', () => {
    expect(splitAgencies('اداره کل تعاون، کار و رفاه اجتماعی - فرمانداری ها و شهرداریهای محترم استان')).toEqual([
      'اداره کل تعاون، کار و رفاه اجتماعی',
      'فرمانداری ها و شهرداریهای محترم استان',
    ]);
    expect(splitAgencies('آموزش و پرورش')).toEqual(['آموزش و پرورش']);
  });

  it('also splits on en/em dashes and slashes', () => {
    expect(splitAgencies('فرمانداری کرج – فرمانداری طالقان/شهرداری کرج')).toEqual(['فرمانداری کرج', 'فرمانداری طالقان', 'شهرداری کرج']);
  });

  it('keeps a hyphen that joins words without spaces', () => {
    expect(splitAgencies('سازمان جهاد-کشاورزی')).toEqual(['سازمان جهاد-کشاورزی']);
  });

  it('normalizes Arabic letters and drops empty parts and repeats', () => {
    expect(splitAgencies(' فرمانداري كرج -  - فرمانداری کرج ')).toEqual(['فرمانداری کرج']);
    expect(splitAgencies('')).toEqual([]);
  });
});
