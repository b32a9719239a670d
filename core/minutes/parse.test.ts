import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MosavabatError } from '../errors';
import { parseMinutes } from './parse';

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
