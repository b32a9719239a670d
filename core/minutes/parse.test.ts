import fc from 'fast-check';
import { JalaliDate } from '../jalali/JalaliDate';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MosavabatError } from '../errors';
import { parseMinutes } from './parse';
import { propertyRuns } from '../../test/sizes';

const seed = readFileSync(join(__dirname, '../../test/fixtures/minutes-1401-04-09.txt'), 'utf8');

describe('parseMinutes on the seed minutes (1401/04/09)', () => {
  const parsed = parseMinutes(seed);

  it('reads the meeting header', () => {
    expect(parsed.meeting).toEqual({
      body: 'معاونت سیاسی، امنیتی و اجتماعی - اداره کل امور اجتماعی و فرهنگی',
      title: 'دوازدهمین صورتجلسه قرارگاه اجتماعی استان',
      number: 12,
      date: '1401/04/09',
      weekday: 'پنجشنبه',
      time: '07:30',
      place: 'سالن جلسات شهدای دولت',
      invitation: { number: '21/25/21829', date: '1401/04/07' },
      agenda: [
        'گزارش خانه محله حصار',
        'گزارش مدیر کل محترم کمیته امداد امام (ره) از اقدامات انجام شده در محلات هدف',
        'گزارش مدیر محترم صندوق بیمه اجتماعی کشاورزان، روستائیان و عشایر از اقدامات انجام شده در محلات هدف',
        'بررسی مصوبات جلسات گذشته',
      ],
    });
    expect(parsed.warnings).toEqual([]);
  });

  it('finds the six resolutions with their exact due dates', () => {
    expect(parsed.resolutions.map((r) => [r.row, r.deadline.text, r.deadline.kind, r.deadline.due])).toEqual([
      [1, 'یک ماه', 'months', '1401/05/09'],
      [2, 'هفته جاری', 'this_week', '1401/04/10'],
      [3, 'دو هفته', 'weeks', '1401/04/23'],
      [4, 'یک ماه', 'months', '1401/05/09'],
      [5, 'یک ماه', 'months', '1401/05/09'],
      [6, 'یک هفته', 'weeks', '1401/04/16'],
    ]);
  });

  it('splits the agencies on " - " but never inside a name', () => {
    expect(parsed.resolutions.map((r) => r.agencies)).toEqual([
      ['فرمانداری کرج'],
      ['فرمانداری کرج', 'کلیه دستگاههای اجرایی استان'],
      ['اداره کل تعاون، کار و رفاه اجتماعی', 'فرمانداری ها و شهرداریهای محترم استان'],
      ['فرمانداری طالقان'],
      ['اداره کل راه شهرسازی استان'],
      ['اداره کل ورزش و جوانان', 'آموزش و پرورش استان'],
    ]);
  });

  it('warns on row 2, whose text names 1401/04/15 after its «هفته جاری» due date, and keeps the phrase date', () => {
    const row2 = parsed.resolutions[1];
    expect(row2.deadline.due).toBe('1401/04/10');
    expect(row2.warnings.map((w) => w.code)).toEqual(['text_date_after_due']);
    expect(row2.warnings[0].fa).toContain('۱۴۰۱/۰۴/۱۵');
    expect(parsed.resolutions.filter((r) => r.warnings.length > 0)).toHaveLength(1);
  });

  it('keeps the resolution text whole', () => {
    expect(parsed.resolutions[0].text.startsWith('با عنایت به گزارش مسئول خانه محله حصار مقرر گردید:')).toBe(true);
    expect(parsed.resolutions[0].text.endsWith('ارسال نمایند.')).toBe(true);
  });
});

describe('parseMinutes on minutes of other shapes', () => {
  it('reads label: value headers, Latin digits, Arabic letters, blank lines and a plain «مصوبات» header', () => {
    const text = [
      'استانداري البرز - دبيرخانه شوراي برنامه ريزي',
      '',
      'موضوع: بیست و یکمین جلسه شوراي ترافيك استان',
      '',
      'تاریخ جلسه: 1402/7/3',
      'ساعت: 10',
      'محل جلسه: سالن کوثر',
      '',
      '',
      'مصوبات:',
      '1\tمقرر شد شهرداري كرج طرح را ارائه کند.\tشهرداری کرج\tدو هفته',
      '',
      '2\tپلیس راه گزارش دهد.\tپلیس راه – راهداری\tتا پایان آبان',
      '3\tپیگیری مستمر انجام شود.\tفرمانداری فردیس\tمستمر',
      '4\tطرح پس از تامین اعتبار اجرا شود.\tسازمان برنامه و بودجه\tپس از تامین اعتبار',
      '',
    ].join('\r\n');
    const parsed = parseMinutes(text);
    expect(parsed.meeting.body).toBe('استانداری البرز - دبیرخانه شورای برنامه ریزی');
    expect(parsed.meeting.number).toBe(21);
    expect(parsed.meeting.date).toBe('1402/07/03');
    expect(parsed.meeting.time).toBe('10:00');
    expect(parsed.meeting.place).toBe('سالن کوثر');
    expect(parsed.resolutions.map((r) => [r.row, r.agencies, r.deadline.kind, r.deadline.due])).toEqual([
      [1, ['شهرداری کرج'], 'weeks', '1402/07/17'],
      [2, ['پلیس راه', 'راهداری'], 'end_of_named_month', '1402/08/30'],
      [3, ['فرمانداری فردیس'], 'ongoing', null],
      [4, ['سازمان برنامه و بودجه'], 'conditional', null],
    ]);
    expect(parsed.resolutions[0].text).toBe('مقرر شد شهرداری کرج طرح را ارائه کند.');
    expect(parsed.resolutions[3].warnings.map((w) => w.code)).toEqual(['deadline_conditional']);
  });

  it('reads a pipe table whose rows wrap over several lines', () => {
    const text = [
      'نخستین جلسه کارگروه سلامت مورخ ۱۴۰۳/۱۱/۳۰',
      '| ردیف | شرح مصوبه | مسئول اجرا | مهلت |',
      '|---|---|---|---|',
      '| ۱ | دانشگاه علوم پزشکی',
      'گزارش را ارسال کند | دانشگاه علوم پزشکی | یک ماه |',
    ].join('\n');
    const parsed = parseMinutes(text);
    expect(parsed.meeting.number).toBe(1);
    expect(parsed.meeting.date).toBe('1403/11/30');
    expect(parsed.resolutions).toHaveLength(1);
    expect(parsed.resolutions[0].text).toBe('دانشگاه علوم پزشکی گزارش را ارسال کند');
    expect(parsed.resolutions[0].deadline.due).toBe('1403/12/30');
  });

  it('computes no due dates, and says why, when the meeting date is missing', () => {
    const parsed = parseMinutes('ردیف\tمصوبه\tاقدام کننده\tزمان اقدام\n۱\tمتن\tفرمانداری کرج\tیک ماه');
    expect(parsed.meeting.date).toBeNull();
    expect(parsed.resolutions[0].deadline).toEqual({ text: 'یک ماه', kind: 'months', due: null });
    expect(parsed.warnings.map((w) => w.code)).toContain('meeting_date_missing');
  });

  it('warns when the weekday does not match the date', () => {
    const parsed = parseMinutes('تاریخ تشکیل:\tروز:\n1401/04/09\tشنبه\n\nمصوبات\n1\tمتن\tفرمانداری کرج\tیک ماه');
    expect(parsed.warnings.map((w) => w.code)).toEqual(['weekday_mismatch']);
  });

  it('warns about a row that names no agency and about repeated row numbers', () => {
    const parsed = parseMinutes('مصوبات جلسه مورخ 1401/04/09\n1\tمتن یک\t\tیک ماه\n1\tمتن دو\tفرمانداری کرج\tیک ماه');
    expect(parsed.resolutions[0].warnings.map((w) => w.code)).toContain('agency_missing');
    expect(parsed.warnings.map((w) => w.code)).toContain('duplicate_row');
  });

  it('rejects empty text and text with no resolutions table', () => {
    expect(() => parseMinutes(' \n\n ')).toThrow(MosavabatError);
    expect(() => parseMinutes(' \n\n ')).toThrow(/خالی/);
    expect(() => parseMinutes('این یک نامه معمولی است.\nبدون جدول.')).toThrow(/جدول مصوبات/);
  });
});

describe('parseMinutes: shapes of real minutes other than the seed', () => {
  const table = ['ردیف\tمصوبه\tاقدام کننده\tزمان اقدام', '۱\tمتن یک\tفرمانداری کرج\tیک ماه'];

  it('does not glue a signature or رونوشت after the last row onto that row', () => {
    const parsed = parseMinutes(['مصوبات جلسه مورخ 1402/05/17', '1\tمتن\tشرکت گاز\tفوری', '', 'دبیر شورا', 'رونوشت: دبیرخانه'].join('\n'));
    expect(parsed.resolutions[0]).toMatchObject({ agencies: ['شرکت گاز'], deadline: { text: 'فوری', kind: 'urgent', due: '1402/05/20' } });
    expect(parsed.warnings).toEqual([]);
    const piped = parseMinutes(['| ردیف | مصوبه | مسئول | مهلت |', '| 1 | متن | شرکت گاز | فوری |', 'رئیس شورا - فرماندار'].join('\n'));
    expect(piped.resolutions[0].deadline.text).toBe('فوری');
  });

  it('keeps an empty trailing deadline cell empty even when a footer follows', () => {
    const parsed = parseMinutes(['مصوبات جلسه مورخ 1402/05/17', '1\tمتن\tشرکت گاز\t', 'رونوشت: دبیرخانه'].join('\n'));
    expect(parsed.resolutions[0]).toMatchObject({ agencies: ['شرکت گاز'], deadline: { text: '', due: null } });
    expect(parsed.resolutions[0].warnings.map((w) => w.code)).toEqual(['deadline_missing']);
  });

  it('warns about lines between rows that it could not place, and still reads the rows after them', () => {
    const parsed = parseMinutes(['مصوبات جلسه مورخ 1402/05/17', '1\tمتن\tشرکت گاز\tفوری', 'صفحه ۲ از ۳', '2\tمتن دو\tشهرداری\tیک ماه'].join('\n'));
    expect(parsed.resolutions.map((r) => r.row)).toEqual([1, 2]);
    expect(parsed.warnings).toMatchObject([{ code: 'table_lines_ignored', en: expect.stringContaining('line(s) 3') }]);
    expect(parsed.warnings[0].fa).toContain('سطر ۳');
  });

  it('reads row numbers written (3) or up to four digits, and warns about row-like lines after the last row it could not number', () => {
    const parsed = parseMinutes(['جلسه مورخ 1402/05/17', ...table, '(2)\tمتن دو\tشهرداری\tفوری', '1000\tمتن\tپلیس\tفوری',
      '۱-۱\tزیربند\tپلیس راه\tیک هفته', 'دبیر شورا\tرئیس شورا'].join('\n'));
    expect(parsed.resolutions.map((r) => r.row)).toEqual([1, 2, 1000]);
    expect(parsed.warnings).toMatchObject([{ code: 'table_lines_ignored', en: expect.stringMatching(/^line\(s\) 6 /) }]);
  });

  it('reads the rows of a second table with the same header, and says the row numbers repeat', () => {
    const parsed = parseMinutes(['جلسه مورخ 1402/05/17', ...table, '2\tمتن دو\tشهرداری\tفوری', '', 'بند دوم دستور جلسه', table[0], '۱\tمتن سه\tپلیس راه\tدو هفته'].join('\n'));
    expect(parsed.resolutions.map((r) => [r.row, r.text])).toEqual([[1, 'متن یک'], [2, 'متن دو'], [1, 'متن سه']]);
    expect(parsed.warnings.map((w) => w.code)).toEqual(['table_lines_ignored', 'duplicate_row']);
  });

  it('reads text that wraps over several lines in tab and pipe tables, and a cell Excel quoted', () => {
    const tabs = parseMinutes(['مصوبات جلسه مورخ 1402/05/17', '1\tسطر اول', 'سطر دوم', 'سطر سوم\tشرکت گاز\tفوری'].join('\n'));
    expect(tabs.resolutions[0]).toMatchObject({ text: 'سطر اول سطر دوم سطر سوم', agencies: ['شرکت گاز'] });
    const quoted = parseMinutes(['مصوبات جلسه مورخ 1402/05/17', '1\t"سطر اول', 'سطر دوم"\tشرکت گاز\tفوری'].join('\n'));
    expect(quoted.resolutions[0].text).toBe('سطر اول سطر دوم');
    const agencies = parseMinutes(['مصوبات جلسه مورخ 1402/05/17', '1\tمتن\t"فرمانداری کرج', 'شهرداری کرج"\tفوری'].join('\n'));
    expect(agencies.resolutions[0].agencies).toEqual(['فرمانداری کرج', 'شهرداری کرج']);
  });

  it('takes the last plain «مصوبات» line that has rows after it, not a sentence that mentions مصوبات', () => {
    const parsed = parseMinutes(['جلسه مورخ 1402/05/17', 'مصوبات:', '1\tمتن\tشرکت گاز\tفوری', '', 'مصوبات فوق جهت اجرا ابلاغ گردد'].join('\n'));
    expect(parsed.resolutions).toHaveLength(1);
    expect(() => parseMinutes('مصوبات جلسه قبل قرائت شد.\n1\tمتن\tشرکت گاز\tفوری')).toThrow(/جدول مصوبات/);
  });

  it('keeps a co-operating agency column and a notes column out of agencies and deadline', () => {
    const parsed = parseMinutes([
      'تاریخ جلسه: 1402/11/28',
      'ردیف\tشرح مصوبه\tمسئول پیگیری\tدستگاه همکار\tزمان انجام\tتوضیحات',
      '1\tمتن\tمعاونت بهداشت\tآموزش و پرورش\tماه جاری\tبا هماهنگی',
    ].join('\n'));
    expect(parsed.resolutions[0]).toMatchObject({ agencies: ['معاونت بهداشت'], deadline: { text: 'ماه جاری', due: '1402/11/30' } });
  });

  it('skips invocations and letter fields when naming the body, and does not take the letter date as the meeting date', () => {
    const parsed = parseMinutes(['بسمه تعالی', 'فرمانداری شهرستان کرج', 'شماره: 45/2/1189', 'تاریخ: 1402/05/18',
      'موضوع: صورتجلسه شورای ترافیک', 'تاریخ جلسه: 1402/05/17', ...table].join('\n'));
    expect(parsed.meeting).toMatchObject({ body: 'فرمانداری شهرستان کرج', title: 'صورتجلسه شورای ترافیک', date: '1402/05/17' });
  });

  it('reads several label: value pairs on one line and a combined «روز و تاریخ»', () => {
    const parsed = parseMinutes(['جلسه شماره: ٧   روز و تاریخ: دوشنبه ١٤٠٣/١٢/٢٠   ساعت: ٤ بعدازظهر   محل: دفتر مدیر', ...table].join('\n'));
    expect(parsed.meeting).toMatchObject({ number: 7, date: '1403/12/20', weekday: 'دوشنبه', time: '16:00', place: 'دفتر مدیر' });
    expect(parsed.warnings).toEqual([]);
  });

  it('reads a Word header table of label and value cells side by side, with or without colons', () => {
    const plain = parseMinutes(['تاریخ جلسه\t۱۴۰۲/۰۵/۱۷\tساعت\t۱۰', 'محل جلسه:\tسالن کوثر\tروز:\tسه‌شنبه', ...table].join('\n'));
    expect(plain.meeting).toMatchObject({ date: '1402/05/17', time: '10:00', place: 'سالن کوثر', weekday: 'سه‌شنبه' });
    expect(plain.warnings).toEqual([]);
  });

  it('reads a date cell with the weekday beside it, and the weekday from the narrative', () => {
    const cell = parseMinutes(['تاریخ جلسه: ۱۴۰۲/۰۶/۰۱ (چهارشنبه)', ...table].join('\n'));
    expect(cell.meeting).toMatchObject({ date: '1402/06/01', weekday: 'چهارشنبه' });
    const dayFirst = parseMinutes(['تاریخ جلسه: چهارشنبه ۱/۶/۱۴۰۲', ...table].join('\n'));
    expect(dayFirst.meeting).toMatchObject({ date: '1402/06/01', weekday: 'چهارشنبه' });
    expect(dayFirst.warnings).toEqual([]);
    const narrative = parseMinutes(['جلسه ساعت ۹ روز سه شنبه مورخ ۱۴۰۲/۰۵/۱۷ برگزار شد.', ...table].join('\n'));
    expect(narrative.meeting).toMatchObject({ date: '1402/05/17', weekday: 'سه‌شنبه' });
    const wrong = parseMinutes(['جلسه روز شنبه مورخ ۱۴۰۲/۰۵/۱۷ برگزار شد.', ...table].join('\n'));
    expect(wrong.warnings.map((w) => w.code)).toEqual(['weekday_mismatch']);
  });

  it.each([
    ['10 صبح', '10:00'], ['ساعت ۹', '09:00'], ['۴ بعد از ظهر', '16:00'], ['۱۲ ظهر', '12:00'], ['۷/۳۰', '07:30'],
    ['۱۰ الی ۱۲', '10 الی 12'],
  ])('reads the time «%s» as %s', (written, time) => {
    expect(parseMinutes([`ساعت: ${written}`, ...table].join('\n')).meeting.time).toBe(time);
  });

  it.each([
    ['بیست و یکمین جلسه شورای ترافیک', 21],
    ['نخستین جلسه کمیسیون عمران', 1],
    ['سی‌امین جلسه کارگروه سلامت', 30],
    ['سی امین جلسه کارگروه سلامت', 30],
    ['صورتجلسه جلسه دوازدهم شورا', 12],
    ['صورتجلسه شماره ۵ کارگروه', 5],
    ['جلسه شماره ۱۴ شورای آموزش و پرورش', 14],
    ['جلسه کارگروه برنامه هفتم توسعه', null],
    ['صد و بیستمین نشست شورا', 120],
  ])('reads the session number of «%s» as %p', (title, number) => {
    expect(parseMinutes([`موضوع: ${title}`, ...table].join('\n')).meeting.number).toBe(number);
  });

  it('warns when a due date falls before the meeting', () => {
    const parsed = parseMinutes(['مصوبات جلسه مورخ 1403/12/20', '1\tمتن\tاداره\tتا پایان خرداد سال جاری', '2\tمتن\tاداره\tتا 1403/01/10'].join('\n'));
    expect(parsed.resolutions.map((r) => [r.deadline.due, r.warnings.map((w) => w.code)])).toEqual([
      ['1403/03/31', ['due_before_meeting']],
      ['1403/01/10', ['due_before_meeting']],
    ]);
  });

  it('reads an agenda written on the label line and as bullets or numbers', () => {
    const inline = parseMinutes(['دستور جلسه: برنامه نوروز', '', 'متن', ...table].join('\n'));
    expect(inline.meeting.agenda).toEqual(['برنامه نوروز']);
    const listed = parseMinutes(['دستور کار:', '1- یک.', '', '2) دو', '• سه', '- ۴ - چهار', 'متن جلسه', ...table].join('\n'));
    expect(listed.meeting.agenda).toEqual(['یک', 'دو', 'سه', 'چهار']);
  });
});

describe('parseMinutes on arbitrary text', () => {
  it('returns minutes or throws a MosavabatError, never anything else, whatever the text', () => {
    const pieces = fc.constantFrom('\t', '\n', '\r\n', '|', ' ', '"', ':', '-', '۱', '2', '١٤٠٢/٠٥/١٧', '1402/13/40', '31/12/1402',
      'ردیف', 'مصوبه', 'مصوبات', 'مصوبات:', 'اقدام کننده', 'زمان اقدام', 'مهلت', 'یک ماه', 'تا پایان مهر', '۳۱ مهر', 'فوری',
      'تاریخ جلسه:', 'روز:', 'ساعت:', 'بیست و یکمین', 'جلسه', 'فرمانداری کرج', ' - ', 'ـ', '\u2029', '\u200c', '\ufeff', 'دستور جلسه:');
    fc.assert(fc.property(fc.array(pieces, { maxLength: 60 }), (parts) => {
      try {
        const parsed = parseMinutes(parts.join(''));
        expect(parsed.resolutions.length).toBeGreaterThan(0);
        for (const r of parsed.resolutions) {
          if (r.deadline.due) expect(JalaliDate.parse(r.deadline.due).toString()).toBe(r.deadline.due);
        }
      } catch (error) {
        expect(error).toBeInstanceOf(MosavabatError);
      }
    }), { numRuns: propertyRuns(2000, 100) });
  });
});

describe('parseMinutes: the meeting date is not read out of a longer number', () => {
  const minutes = (dateLine: string) => [
    'صورتجلسه شورای ترافیک استان',
    dateLine,
    'مصوبات:',
    '1\tمقرر شد شهرداری طرح را ارائه کند.\tشهرداری کرج\tدو هفته',
  ].join('\n');

  it('skips a date glued to a digit before it and reads the next one', () => {
    expect(parseMinutes(minutes('تاریخ جلسه: 21402/7/3 یا 1402/7/5')).meeting.date).toBe('1402/07/05');
  });

  it('skips a date glued to a slash before or after it and reads the next one', () => {
    expect(parseMinutes(minutes('تاریخ جلسه: 8/1402/7/3/ و 1402/7/5')).meeting.date).toBe('1402/07/05');
  });

  it('reads a date at the very start of the value', () => {
    expect(parseMinutes(minutes('تاریخ جلسه:1402/7/3')).meeting.date).toBe('1402/07/03');
  });
});
