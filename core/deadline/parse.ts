/**
 * From a deadline phrase (زمان اقدام) to a DeadlineRule. The parser never guesses: a phrase
 * it does not understand, or one that waits on an event with no date, gives a rule without a
 * date plus a warning a person will see.
 */
import { JalaliDate } from '../jalali/JalaliDate';
import { MAX_YEAR, MIN_YEAR, MONTH_NAMES, monthLength } from '../jalali/calendar';
import { comparisonKey } from '../text/normalize';
import { toPersianDigits } from '../text/digits';
import { parseCount, parseOrdinal } from '../text/numberWords';
import type { Warning } from '../minutes/types';
import type { DeadlineRule } from './rule';
import { cleanPhrase } from './words';

export interface ParsedDeadline {
  rule: DeadlineRule;
  warnings: Warning[];
}

/** `N <unit>`, with the adjective forms (`سه روزه`, `یک ماهه`) and a tail that only repeats "from now". */
const FROM_NOW = String.raw`(?:\s+(?:آینده|آتی|بعد|دیگر|پیش رو))?`;
const UNITS: Array<[RegExp, 'working_days' | 'days' | 'weeks' | 'months' | 'years' | 'hours']> = [
  [new RegExp(String.raw`^(.+?)\s*روز(?:ه)?\s+(?:کاری|اداری)${FROM_NOW}$`), 'working_days'],
  [new RegExp(String.raw`^(.+?)\s*روز(?:ه)?${FROM_NOW}$`), 'days'],
  [new RegExp(String.raw`^(.+?)\s*هفته(?:\s*ای)?${FROM_NOW}$`), 'weeks'],
  [new RegExp(String.raw`^(.+?)\s*ماه(?:ه)?(?:\s*ای)?${FROM_NOW}$`), 'months'],
  [new RegExp(String.raw`^(.+?)\s*سال(?:ه)?(?:\s*ای)?${FROM_NOW}$`), 'years'],
  [new RegExp(String.raw`^(.+?)\s*ساعت(?:ه)?${FROM_NOW}$`), 'hours'],
];

const FIXED: Array<[string[], DeadlineRule]> = [
  [['هفته جاری', 'این هفته', 'پایان هفته', 'پایان هفته جاری', 'آخر هفته', 'همین هفته', 'پایان همین هفته'], { kind: 'this_week' }],
  [['هفته آینده', 'هفته بعد', 'پایان هفته آینده', 'هفته دیگر', 'پایان هفته بعد', 'هفته آتی', 'پایان هفته آتی'], { kind: 'next_week' }],
  [['ماه جاری', 'این ماه', 'پایان ماه', 'پایان ماه جاری', 'آخر ماه', 'همین ماه', 'پایان همین ماه'], { kind: 'this_month' }],
  [['ماه آینده', 'ماه بعد', 'پایان ماه آینده', 'پایان ماه بعد', 'ماه آتی', 'پایان ماه آتی'], { kind: 'next_month' }],
  [['پایان سال', 'پایان سال جاری', 'سال جاری', 'آخر سال', 'پایان امسال', 'امسال', 'پایان همین سال'], { kind: 'end_of_year' }],
  [['پایان سال آینده', 'پایان سال بعد', 'سال آینده', 'سال بعد'], { kind: 'end_of_year', yearOffset: 1 }],
  [['فوری', 'فورا', 'فوراً', 'بلافاصله', 'در اسرع وقت', 'اسرع وقت', 'در اسرع وقت ممکن', 'خیلی فوری', 'سریعا', 'سریعاً',
    'در اولین فرصت', 'اولین فرصت', 'در اولین فرصت ممکن', 'هرچه سریعتر', 'هر چه سریعتر'], { kind: 'urgent' }],
];

/** Words that make a phrase ongoing, alone or joined by و / ، (`مستمر و ماهانه`), after `به صورت` / `به طور`. */
const ONGOING_WORDS = [
  'مستمر', 'دائمی', 'دائم', 'همیشگی', 'پیوسته', 'مداوم', 'ادامه دار', 'مستمرا', 'مستمراً', 'دوره ای', 'ادواری',
  'روزانه', 'هفتگی', 'ماهانه', 'ماهیانه', 'فصلی', 'سالانه', 'سالیانه', 'شش ماهه یکبار', 'سه ماهه یکبار',
  'هر روز', 'هر هفته', 'هر ماه', 'هر فصل', 'هر سال', 'هر سه ماه', 'هر شش ماه', 'هر سه ماه یکبار', 'ماهی یکبار', 'هفته ای یکبار',
];
const ONGOING_KEYS = new Set(ONGOING_WORDS.map(comparisonKey));

/** True when every part of the phrase (split on و and ،) is an ongoing word. */
function isOngoing(phrase: string): boolean {
  const bare = phrase.replace(/^(?:به\s*صورت|بصورت|به\s*طور|بطور|به\s*شکل)\s+/, '');
  const parts = bare.split(/\s+و\s+|\s*[،,]\s*/).filter(Boolean);
  return parts.length > 0 && parts.every((part) => ONGOING_KEYS.has(comparisonKey(part)));
}

const FIXED_BY_KEY = new Map<string, DeadlineRule>();
for (const [phrases, rule] of FIXED) for (const p of phrases) FIXED_BY_KEY.set(comparisonKey(p), rule);

/** Events with no date of their own: the due date cannot be computed. */
const CONDITIONAL_MARKERS: Array<[RegExp, string]> = [
  [/جلسه\s*(آینده|بعد|بعدی|آتی)/, 'next_meeting'],
  [/اعتبار|بودجه|تخصیص/, 'funding'],
  [/منوط|در صورت|پس از|بعد از|به محض|حسب|قبل از|پیش از|همزمان/, 'event'],
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
  if (fixed) return { rule: { ...fixed }, warnings: [] };
  if (isOngoing(phrase)) return { rule: { kind: 'ongoing' }, warnings: [] };

  const date = parseExplicitDate(phrase);
  if (date) return date;
  const namedMonth = parseNamedMonth(phrase);
  if (namedMonth) return namedMonth;
  const dayOfMonth = parseDayOfMonth(phrase);
  if (dayOfMonth) return dayOfMonth;

  for (const [pattern, kind] of UNITS) {
    const match = pattern.exec(phrase);
    if (!match) continue;
    const n = parseCount(match[1]);
    if (n === undefined || n <= 0) continue;
    // hours count as whole days: `۴۸ ساعت` is two days after the meeting, `۲ ساعت` the next day
    if (kind === 'hours') return { rule: { kind: 'days', n: Math.ceil(n / 24) }, warnings: [] };
    return { rule: { kind, n }, warnings: [] };
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

/** `1401/05/31` or `تا ۱۴۰۱/۰۵/۳۱` (تا already removed), possibly after `مورخ` / `تاریخ`. */
function parseExplicitDate(phrase: string): ParsedDeadline | undefined {
  const date = String.raw`(\d{1,2}\s*[/\-.]\s*\d{1,2}\s*[/\-.]\s*\d{4}|\d{2,4}\s*[/\-.]\s*\d{1,2}\s*[/\-.]\s*\d{1,2})`;
  const match = new RegExp(String.raw`^(?:روز\s+)?(${WEEKDAY})?\s*(?:مورخ|تاریخ)?\s*${date}\s*(?:روز\s+)?(${WEEKDAY})?$`).exec(phrase);
  if (!match) return undefined;
  const parsed = dateRule(match[2]);
  // a weekday written beside the date must agree with it; the date wins, and a person is told
  const weekday = match[1] ?? match[3];
  if (weekday && parsed.rule.kind === 'date') {
    const day = JalaliDate.parse(parsed.rule.date);
    if (comparisonKey(day.weekdayName()) !== comparisonKey(weekday)) {
      parsed.warnings.push(warning('deadline_weekday_mismatch',
        `در زمان اقدام «${phrase}» روز «${weekday}» با تاریخ ${day.toDisplay()} (${day.weekdayName()}) نمی‌خواند؛ تاریخ ملاک است`,
        `in the deadline "${phrase}" the weekday "${weekday}" does not match ${day} (${day.weekdayName()}); the date is used`));
    }
  }
  return parsed;
}

/** A weekday name as people type it (`سه شنبه`, `سه‌شنبه`, `پنجشنبه`), after cleanPhrase turned ZWNJ into a space. */
const WEEKDAY = String.raw`(?:یک|دو|سه|چهار|پنج)?\s*شنبه|جمعه`;

function dateRule(text: string): ParsedDeadline {
  const parsed = JalaliDate.tryParse(text);
  if (parsed.ok) return { rule: { kind: 'date', date: parsed.date.toString() }, warnings: [] };
  return {
    rule: { kind: 'unknown' },
    warnings: [warning('deadline_invalid_date', parsed.error.fa, parsed.error.en)],
  };
}

/** The month a name means (`مهر`, `شهريور`, `مهرماه`), 1..12, or undefined. */
function monthNumber(name: string): number | undefined {
  const key = comparisonKey(name.replace(/\s*ماه$/, ''));
  const index = MONTH_NAMES.findIndex((m) => comparisonKey(m) === key);
  return index >= 0 ? index + 1 : undefined;
}

/** A year qualifier after a month: `۱۴۰۲` (explicit), `سال جاری` (0), `سال آینده` (1), or none. */
const YEAR_TAIL = String.raw`(?:\s+(?:سال\s+)?(\d{4})|\s+(?:سال\s+)?(جاری|امسال|آینده|بعد|آتی))?`;

function yearOf(explicit: string | undefined, relative: string | undefined): { year?: number; yearOffset?: number } {
  if (explicit) return { year: Number(explicit) };
  if (relative) return { yearOffset: /جاری|امسال/.test(relative) ? 0 : 1 };
  return {};
}

/**
 * `پایان مهر`, `پایان مهر ماه`, `پایان مهرماه`, `آخر اسفند`, `پایان شهریور ۱۴۰۲`,
 * `پایان خرداد سال جاری` → end_of_named_month (or an explicit date when the year is written);
 * `پایان سال ۱۴۰۲` → that year's last day.
 */
function parseNamedMonth(phrase: string): ParsedDeadline | undefined {
  const endOfYear = /^(?:پایان|آخر|انتهای)\s+سال\s+(\d{4})$/.exec(phrase);
  if (endOfYear) {
    const year = Number(endOfYear[1]);
    if (year < MIN_YEAR || year > MAX_YEAR) return dateRule(`${year}/12/01`);
    return { rule: { kind: 'date', date: JalaliDate.of(year, 12, 1).endOfMonth().toString() }, warnings: [] };
  }
  const match = new RegExp(String.raw`^(?:پایان|آخر|اواخر|انتهای)\s+(\S+?)(?:\s*ماه)?${YEAR_TAIL}$`).exec(phrase);
  if (!match) return undefined;
  const month = monthNumber(match[1]);
  if (month === undefined) return undefined;
  const { year, yearOffset } = yearOf(match[2], match[3]);
  if (year !== undefined) {
    if (year < MIN_YEAR || year > MAX_YEAR) return dateRule(`${year}/${month}/01`);
    return { rule: { kind: 'date', date: JalaliDate.of(year, month, 1).endOfMonth().toString() }, warnings: [] };
  }
  return { rule: yearOffset === undefined ? { kind: 'end_of_named_month', month } : { kind: 'end_of_named_month', month, yearOffset }, warnings: [] };
}

/**
 * `۱۵ مهر`, `۱۵ مهرماه`, `پانزدهم مهر`, `۳۱ شهریور ۱۴۰۲`, `۱۰ اسفند سال جاری` → that day
 * (an explicit date when the year is written). A day the month does not have is refused.
 */
function parseDayOfMonth(phrase: string): ParsedDeadline | undefined {
  const match = new RegExp(String.raw`^(?:روز\s+)?(.+?)\s+(\S+?)(?:\s*ماه)?${YEAR_TAIL}$`).exec(phrase);
  if (!match) return undefined;
  const month = monthNumber(match[2]);
  if (month === undefined) return undefined;
  const day = /^\d{1,2}$/.test(match[1]) ? Number(match[1]) : parseOrdinal(match[1]);
  if (day === undefined) return undefined;
  const { year, yearOffset } = yearOf(match[3], match[4]);
  if (year !== undefined) return dateRule(`${year}/${month}/${day}`);
  // without a year, 30 Esfand is allowed (leap years have it; other years clamp to the 29th)
  if (day < 1 || day > monthLength(1403, month)) {
    const name = MONTH_NAMES[month - 1];
    return {
      rule: { kind: 'unknown' },
      warnings: [warning('deadline_invalid_date',
        `زمان اقدام «${phrase}» روزی است که وجود ندارد: ${name} ${toPersianDigits(monthLength(1403, month))} روز دارد`,
        `deadline "${phrase}" names a day that does not exist: month ${month} has ${monthLength(1403, month)} days`)],
    };
  }
  return { rule: yearOffset === undefined ? { kind: 'day_of_month', month, day } : { kind: 'day_of_month', month, day, yearOffset }, warnings: [] };
}
