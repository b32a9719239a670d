/**
 * Minutes of other bodies than the seed (test/fixtures/minutes/), read through the CLI as a
 * secretariat would: every JSON field against values worked out by hand, weekdays checked with
 * Intl, and the same minutes saved in the encodings and line endings offices produce.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { JalaliDate } from '../core/jalali/JalaliDate';
import { cli, encodeWindows1256, FIXTURES, makeZip, tempDir } from './helpers';

const MINUTES = join(FIXTURES, 'minutes');
const TRAFFIC = join(MINUTES, 'traffic-council-1402-05-17.txt');
const COMMISSION = join(MINUTES, 'city-council-commission-1402-06-01.txt');
const HEALTH = join(MINUTES, 'health-working-group-1402-11-28.txt');
const EDUCATION = join(MINUTES, 'education-council-1403-12-20.txt');

interface Doc {
  meeting: Record<string, unknown> & { date: string; weekday: string };
  resolutions: Array<{ row: number; text: string; agencies: string[]; deadline: { text: string; kind: string; due: string | null }; warnings: Array<{ code: string; fa: string }> }>;
  warnings: Array<{ code: string; fa: string; en: string }>;
}

async function importJson(path: string): Promise<Doc> {
  const { status, stdout, stderr } = await cli('import', path, '--json');
  expect(stderr).toBe('');
  expect(status).toBe(0);
  return JSON.parse(stdout) as Doc;
}

/** [row, agencies, deadline text, kind, due, warning codes] */
type Row = [number, string[], string, string, string | null, string[]];
const rowsOf = (doc: Doc): Row[] =>
  doc.resolutions.map((r) => [r.row, r.agencies, r.deadline.text, r.deadline.kind, r.deadline.due, r.warnings.map((w) => w.code)]);

/** The weekday Node's own Persian calendar gives for a Jalali date. */
const intlWeekday = (date: string) =>
  new Intl.DateTimeFormat('fa-IR-u-ca-persian', { weekday: 'long', timeZone: 'UTC' }).format(JalaliDate.parse(date).toUtcDate());

describe('a county traffic council (Arabic ي/ك, Latin digits, label: value header, pipe table, signature)', () => {
  let doc: Doc;
  beforeAll(async () => {
    doc = await importJson(TRAFFIC);
  });

  it('reads the meeting: body under «بسمه تعالی», the ordinal بیست و یکمین, the header lines, not the letter date', () => {
    expect(doc.meeting).toEqual({
      body: 'فرمانداری شهرستان کرج',
      title: 'صورتجلسه بیست و یکمین جلسه شورای ترافیک شهرستان کرج',
      number: 21,
      date: '1402/05/17',
      weekday: 'سه‌شنبه',
      time: '10:00',
      place: 'سالن جلسات شهید بهشتی فرمانداری',
      invitation: { number: '45/2/1102', date: '1402/05/10' },
      agenda: [
        'بررسی وضعیت ترافیک محور کمالشهر',
        'گزارش پلیس راهور از تصادفات مرداد ماه',
        'ساماندهی توقف خودروهای سنگین در حاشیه بزرگراه',
      ],
    });
    expect(intlWeekday(doc.meeting.date)).toBe(doc.meeting.weekday);
    expect(doc.warnings).toEqual([]);
  });

  it('reads the six rows with their agencies and due dates', () => {
    expect(rowsOf(doc)).toEqual([
      // Tue 1402/05/17 + 15 days: Mordad has 31 days
      [1, ['شهرداری کرج', 'پلیس راهور شهرستان'], 'حداکثر ظرف مدت 15 روز', 'days', '1402/06/01', []],
      [2, ['اداره کل راه و شهرسازی', 'اداره کل راهداری و حمل و نقل جاده ای'], 'تا پایان شهریور ماه', 'end_of_named_month', '1402/06/31', []],
      // Wed 18, Sat 21 … Wed 25, Sat 28 … Tue 31: Thursdays and Fridays skipped
      [3, ['سازمان حمل و نقل، بار و مسافر شهرداری'], '10 روز کاری', 'working_days', '1402/05/31', []],
      [4, ['فرمانداری', 'بخشداری مرکزی'], 'تا جلسه آینده', 'conditional', null, ['deadline_conditional']],
      [5, ['پلیس راهور شهرستان'], 'مستمر', 'ongoing', null, []],
      [6, ['شرکت گاز استان', 'شرکت آب و فاضلاب استان'], 'فوری', 'urgent', '1402/05/20', []],
    ]);
  });

  it('keeps the texts whole, joins a wrapped row, and does not glue the signature onto the last row', () => {
    expect(doc.resolutions.map((r) => r.text)).toEqual([
      'مقرر شد شهرداری کرج نسبت به نصب علائم هشدار دهنده و خط کشی تقاطع کمالشهر اقدام نماید.',
      'مقرر شد اداره کل راه و شهرسازی با همکاری اداره کل راهداری و حمل و نقل جاده ای طرح تعریض محور کمالشهر را تهیه و پس از تصویب در کمیته فنی جهت اجرا به شورا ارائه نماید.',
      'مقرر شد سازمان حمل و نقل، بار و مسافر شهرداری گزارش ساماندهی توقف خودروهای سنگین را ارائه نماید.',
      'بررسی پیشنهاد ایجاد دوربین های ثبت تخلف به جلسه آینده موکول شد.',
      'پلیس راهور گزارش ماهانه تصادفات محور را به دبیرخانه شورا ارسال نماید.',
      'مقرر شد شرکت گاز و شرکت آب و فاضلاب نسبت به ترمیم ترانشه های حفاری شده در محور اقدام نمایند.',
    ]);
  });
});

describe('a city council commission (plain «مصوبات:», wrapped tab rows, empty deadline, نخستین)', () => {
  let doc: Doc;
  beforeAll(async () => {
    doc = await importJson(COMMISSION);
  });

  it('reads the meeting from a label row and a value row', () => {
    expect(doc.meeting).toEqual({
      body: 'شورای اسلامی شهر کرج',
      title: 'صورتجلسه نخستین جلسه کمیسیون عمران، شهرسازی و حمل و نقل دوره ششم',
      number: 1,
      date: '1402/06/01',
      weekday: 'چهارشنبه',
      time: '08:30',
      place: 'اتاق کمیسیون‌ها، طبقه دوم ساختمان شورا',
      invitation: { number: null, date: null },
      agenda: [],
    });
    expect(intlWeekday(doc.meeting.date)).toBe(doc.meeting.weekday);
    expect(doc.warnings).toEqual([]);
  });

  it('reads the five rows; the empty deadline and the later date in row 5 are warned about', () => {
    expect(rowsOf(doc)).toEqual([
      [1, ['شهرداری منطقه ۵'], 'تا ۱۴۰۲/۰۶/۳۱', 'date', '1402/06/31', []],
      [2, ['معاونت حمل و نقل و ترافیک شهرداری'], 'بیست و پنج روز', 'days', '1402/06/26', []],
      [3, ['سازمان پارک‌ها و فضای سبز'], '', 'unknown', null, ['deadline_missing']],
      [4, ['معاونت شهرسازی و معماری', 'سازمان نظام مهندسی ساختمان استان'], 'یک ماه', 'months', '1402/07/01', []],
      // two weeks is 1402/06/15, but the text names 1402/06/20
      [5, ['سازمان عمران و بهسازی شهری'], 'دو هفته', 'weeks', '1402/06/15', ['text_date_after_due']],
    ]);
    expect(doc.resolutions[0].text).toBe(
      'شهرداری منطقه ۵ مکلف است گزارش پیشرفت فیزیکی پروژه تقاطع غیرهمسطح میدان شهدا را همراه با جدول زمان‌بندی باقی‌مانده کار و برآورد اعتبار مورد نیاز به کمیسیون ارائه نماید.');
    expect(doc.resolutions[4].text).toBe(
      'سازمان عمران و بهسازی شهری گزارش بازگشایی معابر بافت فرسوده را تا تاریخ ۱۴۰۲/۰۶/۲۰ در جلسه فوق‌العاده کمیسیون ارائه نماید.');
    expect(doc.resolutions[4].warnings[0].fa).toContain('۱۴۰۲/۰۶/۲۰');
  });
});

describe('a health working group (سی‌امین, five columns with a co-operating agency, a Saturday meeting)', () => {
  let doc: Doc;
  beforeAll(async () => {
    doc = await importJson(HEALTH);
  });

  it('reads the meeting', () => {
    expect(doc.meeting).toEqual({
      body: 'دانشگاه علوم پزشکی و خدمات بهداشتی درمانی البرز - معاونت بهداشت',
      title: 'سی‌امین جلسه کارگروه تخصصی سلامت و امنیت غذایی استان',
      number: 30,
      date: '1402/11/28',
      weekday: 'شنبه',
      time: '14:30',
      place: 'سالن جلسات معاونت بهداشت',
      invitation: { number: null, date: null },
      agenda: ['گزارش وضعیت آنفلوانزای فصلی در استان', 'برنامه پایش کیفیت آب آشامیدنی مدارس'],
    });
    expect(intlWeekday(doc.meeting.date)).toBe(doc.meeting.weekday);
  });

  it('reads the eight rows; the co-operating agency column is not an agency', () => {
    expect(rowsOf(doc)).toEqual([
      // Saturday's week ends Friday 1402/12/04 (Bahman has 30 days)
      [1, ['معاونت بهداشت دانشگاه علوم پزشکی', 'معاونت درمان'], 'هفته جاری', 'this_week', '1402/12/04', []],
      [2, ['اداره کل آموزش و پرورش'], 'ماه جاری', 'this_month', '1402/11/30', []],
      // 1402 is not a leap year: Esfand has 29 days
      [3, ['اداره کل استاندارد', 'سازمان صنعت، معدن و تجارت'], 'ماه آینده', 'next_month', '1402/12/29', []],
      [4, ['اداره کل غله و خدمات بازرگانی', 'اداره کل تعاون، کار و رفاه اجتماعی'], 'تا پایان سال', 'end_of_year', '1402/12/29', []],
      [5, ['شرکت آب و فاضلاب استان'], 'به صورت ماهانه', 'ongoing', null, []],
      [6, ['معاونت بهداشت دانشگاه علوم پزشکی'], 'سه ماه', 'months', '1403/02/28', []],
      // Sun 29, Mon 30, Tue 12/01, Wed 12/02, (Thu, Fri), Sat 12/05
      [7, ['معاونت بهداشت دانشگاه علوم پزشکی'], '۵ روز کاری', 'working_days', '1402/12/05', []],
      [8, ['کمیته امداد امام خمینی (ره)'], 'یک ماه', 'months', '1402/12/28', []],
    ]);
    expect(doc.warnings).toEqual([]);
  });
});

describe('an education council in leap-year Esfand (UTF-8 BOM, CRLF, Arabic-Indic digits, «جلسه شماره», Nowruz)', () => {
  let doc: Doc;
  beforeAll(async () => {
    doc = await importJson(EDUCATION);
  });

  it('reads the meeting from label: value pairs on one line', () => {
    expect(doc.meeting).toEqual({
      body: 'آموزش و پرورش شهرستان نظرآباد',
      title: 'صورتجلسه شورای آموزش و پرورش شهرستان نظرآباد',
      number: 7,
      date: '1403/12/20',
      weekday: 'دوشنبه',
      time: '16:00',
      place: 'دفتر مدیر آموزش و پرورش',
      invitation: { number: null, date: null },
      agenda: ['برنامه‌ریزی تعطیلات نوروز و بازگشایی مدارس'],
    });
    expect(intlWeekday(doc.meeting.date)).toBe(doc.meeting.weekday);
  });

  it('reads the eleven rows across the year end', () => {
    expect(rowsOf(doc)).toEqual([
      [1, ['مدیران مدارس متوسطه اول و دوم'], 'ماه جاری', 'this_month', '1403/12/30', []],
      [2, ['اداره آموزش و پرورش', 'واحد حراست'], 'ماه آینده', 'next_month', '1404/01/31', []],
      [3, ['واحد برنامه ریزی', 'اداره امور مالی'], 'تا پایان سال', 'end_of_year', '1403/12/30', []],
      // Nowruz (1404/01/01–04) and 29 Esfand are skipped: see core/deadline/resolve.test.ts
      [4, ['اداره امور مالی'], '١٠ روز کاری', 'working_days', '1404/01/10', []],
      [5, ['هسته مشاوره'], 'تا پایان فروردین', 'end_of_named_month', '1404/01/31', []],
      // Monday's week ends Fri 1403/12/24; the next one Fri 1404/01/01
      [6, ['اداره آموزش و پرورش'], 'هفته آینده', 'next_week', '1404/01/01', []],
      [7, ['کانون فرهنگی تربیتی'], 'یک ماه', 'months', '1404/01/20', []],
      [8, ['انجمن اولیا و مربیان'], '٤٨ ساعت', 'days', '1403/12/22', []],
      [9, ['مدیران مدارس'], 'فوری', 'urgent', '1403/12/23', ['text_date_after_due']],
      [10, ['اداره آموزش و پرورش'], 'تا پایان خرداد سال جاری', 'end_of_named_month', '1403/03/31', ['due_before_meeting']],
      [11, ['اداره نوسازی مدارس'], 'پس از تامین اعتبار', 'conditional', null, ['deadline_conditional']],
    ]);
    expect(doc.resolutions[1].text).toBe('برنامه نوروزی مدارس شامل اردوهای دانش‌آموزی و حفاظت از اموال مدارس تهیه شود.');
  });

  it('says which line between the rows it could not place (the page footer)', () => {
    expect(doc.warnings.map((w) => [w.code, w.en])).toEqual([
      ['table_lines_ignored', expect.stringContaining('line(s) 23 ')],
    ]);
  });
});

describe('the same minutes as offices save them', () => {
  const utf8 = readFileSync(TRAFFIC, 'utf8');
  let expected: Doc;
  beforeAll(async () => {
    expected = await importJson(TRAFFIC);
  });

  const variants: Array<[string, () => Buffer]> = [
    ['UTF-8 with a BOM', () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(utf8)])],
    ['CRLF line ends', () => Buffer.from(utf8.replace(/\n/g, '\r\n'))],
    ['old Mac CR line ends', () => Buffer.from(utf8.replace(/\n/g, '\r'))],
    ['UTF-16 LE with a BOM (Notepad «Unicode»)', () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf8.replace(/\n/g, '\r\n'), 'utf16le')])],
    ['UTF-16 BE with a BOM', () => {
      const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf8, 'utf16le')]);
      return Buffer.from(le).swap16();
    }],
    ['UTF-16 LE without a BOM', () => Buffer.from(utf8, 'utf16le')],
    ['Windows-1256 (Arabic ي, Latin digits), CRLF', () => encodeWindows1256(utf8.replace(/\n/g, '\r\n'))],
  ];

  it.each(variants)('%s gives the same JSON', async (_what, bytes) => {
    const path = join(tempDir(), 'minutes.txt');
    writeFileSync(path, bytes());
    expect(await importJson(path)).toEqual(expected);
  });

  it('a Word .docx of the health minutes gives the same JSON as its text', async () => {
    const text = readFileSync(HEALTH, 'utf8');
    const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const paragraph = (s: string) => `<w:p><w:r><w:t xml:space="preserve">${escape(s)}</w:t></w:r></w:p>`;
    const body = text.split('\n').map((line) => (line.includes('\t')
      ? `<w:tbl><w:tr>${line.split('\t').map((cell) => `<w:tc>${paragraph(cell)}</w:tc>`).join('')}</w:tr></w:tbl>`
      : paragraph(line))).join('');
    const xml = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
    const path = join(tempDir(), 'minutes.docx');
    writeFileSync(path, makeZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': xml }));
    expect(await importJson(path)).toEqual(await importJson(HEALTH));
  });
});
