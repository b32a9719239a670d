import { parseMinutes } from './parse';
import { agencyFromSentence, deadlineFromSentence } from './prose';

const rowsOf = (text: string) => parseMinutes(text).resolutions.map((r) => [r.row, r.agencies, r.deadline.text, r.deadline.due]);

describe('prose minutes: numbered paragraphs instead of a table', () => {
  const text = [
    'بسمه تعالی',
    'صورتجلسه کارگروه اجتماعی شهرستان',
    'جلسه شماره ۱۲۷ کارگروه اجتماعی شهرستان روز یکشنبه پانزدهم دی ماه ۱۳۹۸ در محل فرمانداری تشکیل شد.',
    'دستور جلسه:',
    '۱- گزارش بهزیستی',
    '۲- بررسی مصوبات جلسه قبل',
    '',
    'پس از بحث و بررسی موارد زیر به تصویب رسید:',
    '۱- مقرر گردید اداره کل بهزیستی نسبت به شناسایی خانوارهای نیازمند اقدام و گزارش را ظرف مدت دو هفته به دبیرخانه ارسال نماید.',
    '2- مقرر شد شهرداری و آموزش و پرورش حداکثر تا پایان بهمن ماه سال جاری فضای ورزشی را آماده کنند.',
    'بند ۳: اداره کل ورزش و جوانان موظف است در اسرع وقت برنامه را ارائه کند.',
    '۴- مقرر گردید موضوع در جلسه آینده بررسی شود.',
  ].join('\n');

  it('reads the meeting from the prose header: number, and a date written with a month name', () => {
    const { meeting } = parseMinutes(text);
    // 15 Dey 1398 was a Sunday (5 January 2020)
    expect([meeting.number, meeting.date, meeting.weekday]).toEqual([127, '1398/10/15', 'یکشنبه']);
  });

  it('takes each numbered paragraph after the heading as a resolution, not the agenda items', () => {
    expect(rowsOf(text)).toEqual([
      // two weeks after 1398/10/15
      [1, ['اداره کل بهزیستی'], 'ظرف مدت دو هفته', '1398/10/29'],
      // Bahman has 30 days
      [2, ['شهرداری', 'آموزش و پرورش'], 'حداکثر تا پایان بهمن ماه سال جاری', '1398/11/30'],
      [3, ['اداره کل ورزش و جوانان'], 'در اسرع وقت', '1398/10/18'],
      [4, [], 'در جلسه آینده', null],
    ]);
  });

  it('warns about every extraction, and leaves the agency empty with an error when the sentence names none', () => {
    const parsed = parseMinutes(text);
    expect(parsed.resolutions.map((r) => r.warnings.map((w) => w.code))).toEqual([
      ['agency_from_text', 'deadline_from_text'],
      ['agency_from_text', 'deadline_from_text'],
      ['agency_from_text', 'deadline_from_text'],
      ['agency_missing', 'deadline_from_text', 'deadline_conditional'],
    ]);
  });

  it('reads `مورخ 27/9/90` (day, month, two-digit year) in a prose header', () => {
    const parsed = parseMinutes('جلسه شورا درساعت 18 يكشنبه مورخ 27/9/90 تشكيل گرديد:\n1- مقرر گردید شهرداری ظرف یک هفته گزارش دهد.');
    expect(parsed.meeting.date).toBe('1390/09/27');
    expect(parsed.resolutions.map((r) => r.deadline.due)).toEqual(['1390/10/04']);
  });
});

describe('the date the meeting was held, among several in the narrative', () => {
  it('takes the date the sentence says the meeting was held on, with the weekday written before it', () => {
    // the agenda was announced on Sunday 1386/03/06; the meeting was held on Tuesday 1386/03/08
    const parsed = parseMinutes([
      'پيرودستوركاراعلام شده  روزیکشنبه مورخ6/3/86 هجدهمین جلسه شوراياسلامي شهريزددرساعت7 صبح سه شنبه مورخ8/3/86 با حضور کلیه اعضاء درمحل تالارشورا تشكيل و تصمیمی بشرح ذیل اتخاذ گردید.',
      '1- مقرر گردید شهرداری در اسرع وقت اقدام نماید.',
    ].join('\n'));
    expect([parsed.meeting.date, parsed.meeting.weekday, parsed.warnings]).toEqual(['1386/03/08', 'سه‌شنبه', []]);
    expect(parsed.resolutions[0].deadline.due).toBe('1386/03/11');
  });
});

describe('agencyFromSentence', () => {
  it.each([
    ['مقرر گردید فرمانداری شهرستان کرج نسبت به برگزاری جلسات اقدام نماید.', 'فرمانداری شهرستان کرج'],
    ['مقرر شد: شرکت گاز، توزیع برق و مخابرات ظرف یک ماه گزارش دهند.', 'شرکت گاز، توزیع برق و مخابرات'],
    ['دانشگاه علوم پزشکی موظف است گزارش را ارسال کند.', 'دانشگاه علوم پزشکی'],
    ['مقرر گردید موضوع طی جلسه ای بررسی شود.', undefined],
    ['مقرر گردید آقای احمدی پیگیری نماید.', undefined],
  ])('«%s» → %s', (sentence, expected) => {
    expect(agencyFromSentence(sentence)).toBe(expected);
  });
});

describe('deadlineFromSentence', () => {
  it.each([
    ['مقرر گردید شهرداری ظرف مدت یک ماه اقدام کند.', 'ظرف مدت یک ماه'],
    ['مقرر شد شهرداری حداکثر تا پایان شهریور ماه سال جاری عملیات را به اتمام برساند.', 'حداکثر تا پایان شهریور ماه سال جاری'],
    ['مقرر گردید آیین نامه حداکثر ظرف یک ماه پس از ابلاغ تهیه شود.', 'حداکثر ظرف یک ماه پس از ابلاغ'],
    ['با توجه به نامه مورخ ۱۴۰۲/۰۵/۰۱ مقرر گردید شهرداری اقدام کند.', undefined],
  ])('«%s» → %s', (sentence, expected) => {
    expect(deadlineFromSentence(sentence)).toBe(expected);
  });
});
