/**
 * From a deadline phrase (زمان اقدام) to a DeadlineRule. The parser never guesses: a phrase
 * it does not understand, or one that waits on an event with no date, gives a rule without a
 * date plus a warning a person will see.
 */
import { JalaliDate } from '../jalali/JalaliDate';
import { MONTH_NAMES } from '../jalali/calendar';
import { comparisonKey } from '../text/normalize';
import { parseCount } from '../text/numberWords';
import type { Warning } from '../minutes/types';
import type { DeadlineRule } from './rule';
import { cleanPhrase } from './words';

export interface ParsedDeadline {
  rule: DeadlineRule;
  warnings: Warning[];
}

const UNITS: Array<[RegExp, 'working_days' | 'days' | 'weeks' | 'months' | 'years']> = [
  [/^(.+?)\s*روز(?:ه)?\s+(?:کاری|اداری)$/, 'working_days'],
  [/^(.+?)\s*روز(?:ه)?$/, 'days'],
  [/^(.+?)\s*هفته(?:\s*ای)?$/, 'weeks'],
  [/^(.+?)\s*ماه(?:ه)?(?:\s*ای)?$/, 'months'],
  [/^(.+?)\s*سال(?:ه)?(?:\s*ای)?$/, 'years'],
];

const FIXED: Array<[string[], DeadlineRule]> = [
  [['هفته جاری', 'این هفته', 'پایان هفته', 'پایان هفته جاری', 'آخر هفته', 'همین هفته'], { kind: 'this_week' }],
  [['هفته آینده', 'هفته بعد', 'پایان هفته آینده', 'هفته دیگر'], { kind: 'next_week' }],
  [['ماه جاری', 'این ماه', 'پایان ماه', 'پایان ماه جاری', 'آخر ماه', 'همین ماه'], { kind: 'this_month' }],
  [['ماه آینده', 'ماه بعد', 'پایان ماه آینده', 'پایان ماه بعد'], { kind: 'next_month' }],
  [['پایان سال', 'پایان سال جاری', 'سال جاری', 'آخر سال', 'پایان امسال', 'امسال'], { kind: 'end_of_year' }],
  [['فوری', 'فورا', 'فوراً', 'بلافاصله', 'در اسرع وقت', 'اسرع وقت', 'خیلی فوری', 'سریعا', 'سریعاً'], { kind: 'urgent' }],
  [['مستمر', 'دائمی', 'دائم', 'همیشگی', 'پیوسته', 'به صورت مستمر', 'بصورت مستمر', 'به طور مستمر', 'مداوم',
    'ماهانه', 'به صورت ماهانه', 'بصورت ماهانه', 'هفتگی', 'به صورت هفتگی', 'بصورت هفتگی', 'فصلی', 'به صورت فصلی',
    'سالانه', 'به صورت سالانه', 'روزانه', 'به صورت روزانه', 'ادامه دار'], { kind: 'ongoing' }],
];

const FIXED_BY_KEY = new Map<string, DeadlineRule>();
for (const [phrases, rule] of FIXED) for (const p of phrases) FIXED_BY_KEY.set(comparisonKey(p), rule);

/** Events with no date of their own: the due date cannot be computed. */
const CONDITIONAL_MARKERS: Array<[RegExp, string]> = [
  [/جلسه\s*(آینده|بعد|بعدی|آتی)/, 'next_meeting'],
  [/اعتبار|بودجه|تخصیص/, 'funding'],
  [/منوط|در صورت|پس از|بعد از|به محض|حسب/, 'event'],
];

function warning(code: string, fa: string, en: string): Warning {
  return { code, fa, en };
}

/**
 * Understand a deadline phrase.
 * Accepts any digits, Persian number words (`بیست و پنج روز`), filler words
 * (`حداکثر ظرف مدت یک ماه`), `تا پایان مهر (ماه)`, explicit dates (`تا ۱۴۰۱/۰۵/۳۱`).
 * Never throws. Unknown and conditional phrases return a rule without a date and a warning.
 */
export function parseDeadline(text: string): ParsedDeadline {
  const phrase = cleanPhrase(text ?? '');
  if (!phrase) {
    return {
      rule: { kind: 'unknown' },
      warnings: [warning('deadline_missing', 'زمان اقدام نوشته نشده است؛ مهلت تعیین نشد', 'no deadline phrase; no due date')],
    };
  }

  const fixed = FIXED_BY_KEY.get(comparisonKey(phrase));
  if (fixed) return { rule: fixed, warnings: [] };

  const date = parseExplicitDate(phrase);
  if (date) return date;

  const namedMonth = parseNamedMonth(phrase);
  if (namedMonth) return { rule: namedMonth, warnings: [] };

  for (const [pattern, kind] of UNITS) {
    const match = pattern.exec(phrase);
    if (!match) continue;
    const n = parseCount(match[1]);
    if (n !== undefined && n > 0) return { rule: { kind, n }, warnings: [] };
  }

  for (const [pattern, reason] of CONDITIONAL_MARKERS) {
    if (pattern.test(phrase)) {
      return {
        rule: { kind: 'conditional', reason },
        warnings: [warning('deadline_conditional',
          `زمان اقدام «${text.trim()}» به رویدادی بدون تاریخ وابسته است؛ مهلت را دستی تعیین کنید`,
          `deadline "${text.trim()}" depends on an event with no date; set the due date by hand`)],
      };
    }
  }

  return {
    rule: { kind: 'unknown' },
    warnings: [warning('deadline_unknown',
      `زمان اقدام «${text.trim()}» شناخته نشد؛ مهلت را دستی تعیین کنید`,
      `deadline "${text.trim()}" was not understood; set the due date by hand`)],
  };
}

/** `1401/05/31` or `تا ۱۴۰۱/۰۵/۳۱` (تا already removed), possibly followed by ساعت / روز name. */
function parseExplicitDate(phrase: string): ParsedDeadline | undefined {
  const match = /^(?:مورخ|تاریخ)?\s*(\d{2,4}\s*[/\-.]\s*\d{1,2}\s*[/\-.]\s*\d{1,2})$/.exec(phrase);
  if (!match) return undefined;
  const parsed = JalaliDate.tryParse(match[1]);
  if (parsed.ok) return { rule: { kind: 'date', date: parsed.date.toString() }, warnings: [] };
  return {
    rule: { kind: 'unknown' },
    warnings: [warning('deadline_invalid_date', parsed.error.fa, parsed.error.en)],
  };
}

/** `پایان مهر`, `پایان مهر ماه`, `پایان مهرماه`, `آخر اسفند` → end_of_named_month. */
function parseNamedMonth(phrase: string): DeadlineRule | undefined {
  const match = /^(?:پایان|آخر|اواخر|انتهای)\s+(.+?)(?:\s*ماه)?(?:\s+(?:سال\s+)?جاری)?$/.exec(phrase);
  if (!match) return undefined;
  const key = comparisonKey(match[1]);
  const index = MONTH_NAMES.findIndex((name) => comparisonKey(name) === key);
  return index >= 0 ? { kind: 'end_of_named_month', month: index + 1 } : undefined;
}
