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

  it('also splits on a tatweel, a double hyphen or a minus sign typed as a dash between spaces', () => {
    expect(splitAgencies('فرمانداری کرج ـ شهرداری کرج -- پلیس راهور − راهداری')).toEqual(['فرمانداری کرج', 'شهرداری کرج', 'پلیس راهور', 'راهداری']);
    expect(splitAgencies('اداره کل ورزش و جـوانان')).toEqual(['اداره کل ورزش و جوانان']);
  });

  it('keeps a hyphen that joins words without spaces', () => {
    expect(splitAgencies('سازمان جهاد-کشاورزی')).toEqual(['سازمان جهاد-کشاورزی']);
  });

  it('normalizes Arabic letters and drops empty parts and repeats', () => {
    expect(splitAgencies(' فرمانداري كرج -  - فرمانداری کرج ')).toEqual(['فرمانداری کرج']);
    expect(splitAgencies('')).toEqual([]);
  });
});

describe('splitAgencies on cells with paragraphs (Word cells, quoted Excel cells)', () => {
  it('takes each paragraph as an agency', () => {
    expect(splitAgencies('فرمانداری کرج\u2029شهرداری کرج\nپلیس راهور')).toEqual(['فرمانداری کرج', 'شهرداری کرج', 'پلیس راهور']);
  });

  it('joins a name someone wrapped by pressing Enter after «و» or «،» or before «و»', () => {
    expect(splitAgencies('اداره کل تعاون، کار و\u2029رفاه اجتماعی\u2029آموزش\u2029و پرورش')).toEqual(['اداره کل تعاون، کار و رفاه اجتماعی', 'آموزش و پرورش']);
    expect(splitAgencies('اداره کل تعاون،\nکار و رفاه اجتماعی - فرمانداری')).toEqual(['اداره کل تعاون، کار و رفاه اجتماعی', 'فرمانداری']);
  });
});
