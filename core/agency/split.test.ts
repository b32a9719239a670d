import { listPieces, splitAgencies, splitAgencyCell } from './split';

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

  it('also splits on a run of tatweels between spaces, and on a dash typed without spaces', () => {
    expect(splitAgencies('فرمانداری کرج ـــ شهرداری کرج')).toEqual(['فرمانداری کرج', 'شهرداری کرج']);
    expect(splitAgencies('فرمانداری کرج–شهرداری کرج—پلیس راهور')).toEqual(['فرمانداری کرج', 'شهرداری کرج', 'پلیس راهور']);
  });

  it('drops the dashes and dots around a name, and an empty piece between two separators', () => {
    expect(splitAgencies('-- فرمانداری کرج...')).toEqual(['فرمانداری کرج']);
    expect(splitAgencies('فرمانداری کرج // شهرداری کرج')).toEqual(['فرمانداری کرج', 'شهرداری کرج']);
  });

  it('splits on «،» typed without a space after it', () => {
    expect(splitAgencies('شرکت گاز،مخابرات')).toEqual(['شرکت گاز', 'مخابرات']);
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

  it('joins a name wrapped around a line holding only «و», or around a blank line', () => {
    expect(splitAgencies('آموزش\nو\nپرورش')).toEqual(['آموزش و پرورش']);
    expect(splitAgencies('آموزش و\n \nپرورش')).toEqual(['آموزش و پرورش']);
  });

  it('takes a paragraph with «و» inside it as an agency of its own', () => {
    expect(splitAgencies('فرمانداری کرج\nاداره کل راه و شهرسازی')).toEqual(['فرمانداری کرج', 'اداره کل راه و شهرسازی']);
  });

  it('loses nothing of a cell whose first paragraph starts with «و»', () => {
    expect(splitAgencies('و کلیه دستگاه‌های اجرایی')).toEqual(['و کلیه دستگاه‌های اجرایی']);
    expect(splitAgencies('و\nشهرداری کرج')).toEqual(['و شهرداری کرج']);
  });
});

describe('splitAgencyCell on lists it is unsure of', () => {
  it('warns, in Persian and English, with the split a person might make', () => {
    expect(splitAgencyCell('فرمانداری و شهرداری کرج')).toEqual({
      agencies: ['فرمانداری و شهرداری کرج'],
      warnings: [{
        code: 'agency_list_unsure',
        fa: '«فرمانداری و شهرداری کرج» شاید چند دستگاه باشد («فرمانداری»، «شهرداری کرج»)؛ یکجا نگه داشته شد، اگر جداست آن را جدا کنید',
        en: '"فرمانداری و شهرداری کرج" may be ۲ agencies (فرمانداری | شهرداری کرج); kept whole, split it by hand if they are separate',
      }],
    });
  });

  it('joins a piece that is not an agency to the one before it, and no other', () => {
    const unsure = (cell: string) => splitAgencyCell(cell).warnings.map((w) => w.fa);
    expect(unsure('شرکت فولاد، ذوب آهن و فرمانداری کرج')).toEqual([
      '«شرکت فولاد، ذوب آهن و فرمانداری کرج» شاید چند دستگاه باشد («شرکت فولاد، ذوب آهن»، «فرمانداری کرج»)؛ یکجا نگه داشته شد، اگر جداست آن را جدا کنید',
    ]);
    expect(unsure('فرمانداری‌ها، شرکت گاز و رفاه اجتماعی')).toEqual([
      '«فرمانداری‌ها، شرکت گاز و رفاه اجتماعی» شاید چند دستگاه باشد («فرمانداری‌ها»، «شرکت گاز و رفاه اجتماعی»)؛ یکجا نگه داشته شد، اگر جداست آن را جدا کنید',
    ]);
    // a piece that is not an agency has nothing before it to join when it comes first
    expect(unsure('ذوب آهن، شرکت فولاد و فرمانداری‌ها')).toEqual([
      '«ذوب آهن، شرکت فولاد و فرمانداری‌ها» شاید چند دستگاه باشد («ذوب آهن»، «شرکت فولاد»، «فرمانداری‌ها»)؛ یکجا نگه داشته شد، اگر جداست آن را جدا کنید',
    ]);
  });
});

describe('splitAgencyCell on lists of agencies', () => {
  it('splits a group of offices from a known body after it', () => {
    expect(splitAgencyCell('شهرداری‌ها و شرکت آب و فاضلاب')).toEqual({ agencies: ['شهرداری‌ها', 'شرکت آب و فاضلاب'], warnings: [] });
  });

  it('splits two named offices whose names end in a plural: they are no groups', () => {
    expect(splitAgencyCell('سازمان همیاری شهرداری‌ها و سازمان همیاری دهیاری‌ها'))
      .toEqual({ agencies: ['سازمان همیاری شهرداری‌ها', 'سازمان همیاری دهیاری‌ها'], warnings: [] });
  });
});

describe('listPieces', () => {
  it('cuts where a known name only seems to run on inside a longer word («درمان» in «درمانگاه»)', () => {
    expect(listPieces('مرکز بهداشت و درمانگاه شهید بهشتی')).toEqual({
      pieces: ['مرکز بهداشت', 'درمانگاه شهید بهشتی'],
      cuts: [{ start: 11, end: 14, text: ' و ' }],
    });
  });
});
