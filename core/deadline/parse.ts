/**
 * From a deadline phrase (زمان اقدام) to a DeadlineRule. The parser never guesses: a phrase
 * it does not understand, or one that waits on an event with no date, gives a rule without a
 * date plus a warning a person will see.
 */
import { JalaliDate } from '../jalali/JalaliDate';
import { MAX_YEAR, MIN_YEAR, MONTH_NAMES, WEEKDAY_NAMES, monthLength } from '../jalali/calendar';
import { comparisonKey, normalizeText } from '../text/normalize';
import { toLatinDigits, toPersianDigits } from '../text/digits';
import { parseCount, parseNumberWords, parseOrdinal } from '../text/numberWords';
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
  [['پایان سال', 'پایان سال جاری', 'سال جاری', 'آخر سال', 'پایان امسال', 'امسال', 'پایان همین سال',
    // the government's fiscal year is the Jalali year
    'پایان سال مالی', 'پایان سال مالی جاری', 'آخر سال مالی'], { kind: 'end_of_year' }],
  [['پایان سال آینده', 'پایان سال بعد', 'سال آینده', 'سال بعد'], { kind: 'end_of_year', yearOffset: 1 }],
  [['فوری', 'فورا', 'فوراً', 'بلافاصله', 'در اسرع وقت', 'اسرع وقت', 'در اسرع وقت ممکن', 'خیلی فوری', 'سریعا', 'سریعاً',
    'در اولین فرصت', 'اولین فرصت', 'در اولین فرصت ممکن', 'هرچه سریعتر', 'هر چه سریعتر'], { kind: 'urgent' }],
  [['امروز', 'همین امروز', 'پایان امروز', 'پایان وقت اداری امروز', 'همان روز', 'روز جلسه'], { kind: 'days', n: 0 }],
  [['فردا', 'پایان فردا', 'فردا صبح', 'صبح فردا', 'پایان وقت اداری فردا', 'روز بعد', 'روز آینده'], { kind: 'days', n: 1 }],
  [['پس فردا', 'پسفردا', 'پایان پس فردا'], { kind: 'days', n: 2 }],
];

/** Ways to say "urgent"; two of them joined by و / ، (`فوری و خارج از نوبت`) are urgent too. */
const URGENT_WORDS = [
  'فوری', 'فورا', 'فوراً', 'بلافاصله', 'در اسرع وقت', 'اسرع وقت', 'در اسرع وقت ممکن', 'خیلی فوری', 'سریعا', 'سریعاً', 'سریع',
  'در اولین فرصت', 'اولین فرصت', 'در اولین فرصت ممکن', 'هرچه سریعتر', 'هر چه سریعتر', 'با فوریت', 'فوریت', 'با قید فوریت',
  'به فوریت', 'به صورت فوری', 'بصورت فوری', 'به طور فوری', 'بطور فوری', 'فوق فوری', 'خارج از نوبت', 'بی درنگ', 'بیدرنگ',
  'فی الفور', 'فیالفور', 'در کوتاه ترین زمان', 'در کوتاه ترین زمان ممکن', 'در کمترین زمان ممکن', 'در اسرع زمان',
  'با جدیت', 'در اسرع وقت ممکن', 'عاجل', 'به صورت عاجل', 'اقدام فوری', 'بدون فوت وقت',
];
const URGENT_KEYS = new Set(URGENT_WORDS.map(comparisonKey));

/** True when every part of the phrase (split on و and ،) is a way to say "urgent". */
function isUrgent(phrase: string): boolean {
  const parts = phrase.split(/\s+و\s+|\s*[،,]\s*/).filter(Boolean);
  return parts.length > 0 && parts.every((part) => URGENT_KEYS.has(comparisonKey(part)));
}

/** `به صورت` / `به طور` / `به شکل` before a manner (`به صورت مستمر`, `بطور هفتگی`): it does not change it. */
const MANNER = /^(?:به\s*صورت|بصورت|به\s*طور|بطور|به\s*شکل)\s+/;

/** A count word or digits followed by بار / مرتبه / نوبت (`یک بار`, `یکبار`, `۲ مرتبه`). */
const TIMES = String.raw`(?:(\S+?)\s*(?:بار|مرتبه|نوبت))`;
const PERIOD = String.raw`(?:روز|هفته|ماه|ماهه|فصل|سال|ساله)`;

/**
 * A duty repeated on a period: `هر سه ماه یک‌بار`, `هر ۱۵ روز یکبار`, `هفته‌ای یک بار`,
 * `ماهی دو بار`, `پنجشنبه‌های هر هفته`, `هر پنجشنبه`. The counts must be numbers.
 */
function isPeriodic(phrase: string): boolean {
  const bare = phrase.replace(MANNER, '');
  const count = (word: string | undefined) => word === undefined || (parseCount(word) ?? 0) > 0;
  const every = new RegExp(String.raw`^هر\s+(?:(.+?)\s*)?${PERIOD}(?:\s+${TIMES})?$`).exec(bare);
  if (every && count(every[1]) && count(every[2])) return true;
  const perPeriod = new RegExp(String.raw`^(?:روزی|هفته\s*ای|ماهی|ماهه\s*ای|فصلی|سالی)\s+${TIMES}$`).exec(bare);
  if (perPeriod && count(perPeriod[1])) return true;
  if (new RegExp(String.raw`^(?:${WEEKDAY})\s*(?:ها|های)(?:\s+(?:هر|همه)\s+(?:هفته|ماه))?$`).test(bare)) return true;
  if (new RegExp(String.raw`^(?:روزهای|روز\s+های)\s+(?:${WEEKDAY})(?:\s+(?:هر|همه)\s+(?:هفته|ماه))?$`).test(bare)) return true;
  return new RegExp(String.raw`^(?:هر|همه)\s+(?:${WEEKDAY})(?:\s*(?:ها|های))?(?:\s+هفته)?$`).test(bare);
}

/** Words that make a phrase ongoing, alone or joined by و / ، (`مستمر و ماهانه`), each maybe after `به صورت` / `به طور`. */
const ONGOING_WORDS = [
  'مستمر', 'دائمی', 'دائم', 'همیشگی', 'پیوسته', 'مداوم', 'ادامه دار', 'مستمرا', 'مستمراً', 'دوره ای', 'ادواری',
  'روزانه', 'هفتگی', 'ماهانه', 'ماهیانه', 'فصلی', 'سالانه', 'سالیانه', 'شش ماهه یکبار', 'سه ماهه یکبار',
  'هر روز', 'هر هفته', 'هر ماه', 'هر فصل', 'هر سال', 'هر سه ماه', 'هر شش ماه', 'هر سه ماه یکبار', 'ماهی یکبار', 'هفته ای یکبار',
];
const ONGOING_KEYS = new Set(ONGOING_WORDS.map(comparisonKey));

/**
 * True when every part of the phrase (split on و and ،) is an ongoing word, each part maybe
 * after `به صورت` / `به طور` (`مستمر و به صورت ماهانه`).
 */
function isOngoing(phrase: string): boolean {
  const parts = phrase.split(/\s+و\s+|\s*[،,]\s*/).filter(Boolean);
  return parts.length > 0 && parts.every((part) => ONGOING_KEYS.has(comparisonKey(part.replace(MANNER, ''))));
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

  const understood = interpret(phrase) ?? duringMonth(text) ?? framed(phrase);
  if (understood) return understood;

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

/** `ساعت ۱۰`, `ساعت ۱۴:۳۰ بعدازظهر`: a clock time beside a date or day does not change the due day. */
const HOUR = String.raw`\d{1,2}(?:\s*[:/.]\s*\d{1,2})?`;
const CLOCK = String.raw`(?:تا\s+|از\s+)?ساعت\s*${HOUR}(?:\s*(?:الی|تا|لغایت|-)\s*${HOUR})?(?:\s*(?:صبح|ظهر|عصر|بعد\s*از\s*ظهر|بعدازظهر|شب))?`;

/** A cleaned phrase with a known meaning, or undefined. Never a guess. */
function interpret(phrase: string): ParsedDeadline | undefined {
  // `روزیکشنبه` typed without a space
  const spaced = phrase.replace(new RegExp(String.raw`(^|\s)روز(?=(?:یک|دو|سه|چهار|پنج)?\s?شنبه|جمعه)(?=\S)`, 'g'), '$1روز ');
  if (spaced !== phrase) return interpret(spaced);
  // a clock time, a time of day (`ظهر`) or `امروز` beside a day does not change the due day
  const withoutClock = phrase.replace(new RegExp(String.raw`(^|\s)(?:${CLOCK}|ظهر|صبح|عصر|شب|بعد\s*از\s*ظهر|بعدازظهر|پایان\s+وقت\s+اداری)(?=\s|$)`, 'g'), ' ')
    .replace(/^امروز\s+(?=\S)/, '').replace(/\s+/g, ' ').trim();
  if (withoutClock && withoutClock !== phrase) return interpret(cleanPhrase(withoutClock));

  const fixed = FIXED_BY_KEY.get(comparisonKey(phrase));
  if (fixed) return { rule: { ...fixed }, warnings: [] };
  if (isOngoing(phrase) || isPeriodic(phrase)) return { rule: { kind: 'ongoing' }, warnings: [] };
  if (isUrgent(phrase)) return { rule: { kind: 'urgent' }, warnings: [] };

  const dated = parseExplicitDate(phrase) ?? parseNamedMonth(phrase) ?? parseDayOfMonth(phrase) ?? parseWeekday(phrase);
  if (dated) return dated;

  for (const [pattern, kind] of UNITS) {
    const match = pattern.exec(phrase);
    if (!match) continue;
    const n = parseCount(match[1]);
    if (n === undefined || n <= 0) continue;
    // hours count as whole days: `۴۸ ساعت` is two days after the meeting, `۲ ساعت` the next day
    if (kind === 'hours') return { rule: { kind: 'days', n: Math.ceil(n / 24) }, warnings: [] };
    return { rule: { kind, n }, warnings: [] };
  }
  return undefined;
}

/**
 * Words that frame a phrase without changing it (`در مدت یک ماه`, `در روز چهارشنبه …`,
 * `مورخ ۱۴۰۲/۶/۱۵`), and `قبل از` / `پیش از`, which moves an explicit day to the day before it.
 * Only a framed phrase that is then understood counts; `قبل از جلسه بعد` stays conditional.
 */
const FRAMES = ['در مدت', 'در طی', 'در طول', 'در خلال', 'در روز', 'در تاریخ', 'به تاریخ', 'در', 'مورخه', 'مورخ', 'تاریخ', 'روز', 'تا قبل از', 'قبل از', 'پیش از'];

function framed(phrase: string): ParsedDeadline | undefined {
  for (const frame of FRAMES) {
    const match = new RegExp(`^${frame}\\s+(.+)$`).exec(phrase);
    if (!match) continue;
    const rest = cleanPhrase(match[1]);
    const inner = interpret(rest) ?? framed(rest);
    if (!inner) continue;
    // before the end of a period is by that end, also when its year is written (a date then)
    if (!/قبل از|پیش از/.test(frame) || /^(?:پایان|آخر|اواخر|انتهای)\s/.test(rest)) return inner;
    return dayBefore(inner) ?? {
      rule: { kind: 'unknown' },
      warnings: [warning('deadline_unknown', `زمان اقدام «${phrase}» روشن نیست؛ مهلت را دستی تعیین کنید`,
        `deadline "${phrase}" is not clear; set the due date by hand`)],
    };
  }
  return undefined;
}

/** `قبل از ۱۵ مهر` is the 14th; a period's end and a duration are unchanged. */
function dayBefore(parsed: ParsedDeadline): ParsedDeadline | undefined {
  const rule = parsed.rule;
  switch (rule.kind) {
    case 'date':
      return { rule: { kind: 'date', date: JalaliDate.parse(rule.date).addDays(-1).toString() }, warnings: parsed.warnings };
    case 'day_of_month':
    case 'short_year_date':
      // the day before the 1st is in another month (and maybe year): not worked out here, a person decides
      if (rule.day === 1) return undefined;
      return { rule: { ...rule, day: rule.day - 1 }, warnings: parsed.warnings };
    case 'weekday':
    case 'urgent':
    case 'ongoing':
      return undefined;
    default:
      return parsed;
  }
}

/**
 * `در مهر ماه`, `طی آبان`, `در طول اسفند ماه سال جاری`: during that month, so by its last day.
 * Read from the phrase before cleanPhrase, which drops `طی` (a month name alone stays unknown).
 */
function duringMonth(text: string): ParsedDeadline | undefined {
  const phrase = toLatinDigits(normalizeText(text ?? '')).replace(/\u200c/g, ' ').replace(/^[\s.،,:;-]+|[\s.،,:;]+$/g, '');
  const match = new RegExp(String.raw`^(?:حداکثر\s+)?(?:در|طی|در طی|در طول|در خلال|ظرف)\s+(?:ماه\s+)?(\S+?)(?:\s*ماه)?${YEAR_TAIL}$`).exec(phrase);
  if (!match) return undefined;
  const month = monthNumber(match[1]);
  if (month === undefined) return undefined;
  return parseNamedMonth(`پایان ${MONTH_NAMES[month - 1]}${match[2] ? ` ${match[2]}` : ''}${match[3] ? ` سال ${match[3]}` : ''}`);
}

/** `سه شنبه`, `تا روز سه‌شنبه`, `شنبه آینده`, `شنبه هفته آینده`: the next such weekday after the meeting. */
function parseWeekday(phrase: string): ParsedDeadline | undefined {
  const match = new RegExp(String.raw`^(?:روز\s+)?(${WEEKDAY})(?:\s+(آینده|بعد|آتی|هفته\s+(?:آینده|بعد|آتی)))?$`).exec(phrase);
  if (!match) return undefined;
  const weekday = weekdayNumber(match[1]);
  if (weekday === undefined) return undefined;
  return { rule: match[2] && /هفته/.test(match[2]) ? { kind: 'weekday', weekday, nextWeek: true } : { kind: 'weekday', weekday }, warnings: [] };
}

/** Saturday = 0 … Friday = 6 for a weekday name as typed (`سه شنبه`, `پنجشنبه`), or undefined. */
function weekdayNumber(name: string): number | undefined {
  const key = comparisonKey(name);
  const index = WEEKDAY_NAMES.findIndex((w) => comparisonKey(w) === key);
  return index >= 0 ? index : undefined;
}

/**
 * A weekday written in a deadline phrase beside a day that has no year (`تا چهارشنبه ۱۵ مهر`):
 * once the due date is known, a warning when they disagree (the day wins), else undefined.
 */
export function weekdayMismatch(text: string, due: JalaliDate): Warning | undefined {
  const phrase = cleanPhrase(text ?? '');
  const match = new RegExp(String.raw`(?:^|\s)(${WEEKDAY})(?=\s|$)`).exec(phrase);
  if (!match || !/\d|م\s|ام\s/.test(phrase.replace(match[0], ' ') + ' ')) return undefined;
  const weekday = weekdayNumber(match[1]);
  if (weekday === undefined || weekday === due.weekday()) return undefined;
  return warning('deadline_weekday_mismatch',
    `در زمان اقدام «${phrase}» روز «${match[1]}» با ${due.toDisplay()} (${due.weekdayName()}) نمی‌خواند؛ تاریخ ملاک است`,
    `in the deadline "${phrase}" the weekday "${match[1]}" does not match ${due} (${due.weekdayName()}); the date is used`);
}

/** `1401/05/31` or `تا ۱۴۰۱/۰۵/۳۱` (تا already removed), possibly after `مورخ` / `تاریخ`. */
function parseExplicitDate(phrase: string): ParsedDeadline | undefined {
  const date = String.raw`(\d{1,2}\s*[/\-.]\s*\d{1,2}\s*[/\-.]\s*\d{4}|\d{4}\s*[/\-.]\s*\d{1,2}\s*[/\-.]\s*\d{1,2}|\d{1,2}\s*[/\-.]\s*\d{1,2}\s*[/\-.]\s*\d{1,2})`;
  const match = new RegExp(String.raw`^(?:روز\s+)?(${WEEKDAY})?\s*(?:مورخه|مورخ|تاریخ)?\s*${date}\s*(?:روز\s+)?(${WEEKDAY})?$`).exec(phrase);
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
  const parts = text.split(/\s*[/\-.]\s*/);
  if (parts.length === 3 && parts.every((p) => p.length <= 2)) return shortYearRule(parts.map(Number), text);
  const parsed = JalaliDate.tryParse(text);
  if (parsed.ok) return { rule: { kind: 'date', date: parsed.date.toString() }, warnings: [] };
  return {
    rule: { kind: 'unknown' },
    warnings: [warning('deadline_invalid_date', parsed.error.fa, parsed.error.en)],
  };
}

/**
 * A date with a two-digit year: `۷۵/۲/۱۰` (year first, the usual form) or `۲۷/۹/۹۰` (day first,
 * recognised only when the last number cannot be a day). `۱/۴/۹`, with no two-digit year first,
 * is not read.
 */
function shortYearRule([a, b, c]: number[], text: string): ParsedDeadline {
  const [shortYear, month, day] = c > 31 ? [c, b, a] : [a, b, c];
  const invalid = (fa: string, en: string): ParsedDeadline => ({ rule: { kind: 'unknown' }, warnings: [warning('deadline_invalid_date', fa, en)] });
  if (c <= 31 && text.trim().split(/\s*[/\-.]\s*/)[0].length < 2) {
    return invalid(`«${text}» تاریخ روشنی نیست (سال دو رقمی در ابتدا، مثل ۰۲/۰۶/۱۵)`, `"${text}" is not a clear date (two-digit year first, like 02/06/15)`);
  }
  if (month < 1 || month > 12 || day < 1 || day > monthLength(1403, month)) {
    return invalid(`«${text}» تاریخ ممکنی نیست`, `"${text}" is not a possible date`);
  }
  return { rule: { kind: 'short_year_date', shortYear, month, day }, warnings: [] };
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
  // a weekday beside the day (`چهارشنبه ۱۵ مهر`, `۱۵ مهر روز چهارشنبه`) is checked once the year is known (weekdayMismatch)
  const bare = phrase
    .replace(new RegExp(String.raw`^(?:روز\s+)?(?:${WEEKDAY})\s+(?:مورخ\s+)?`), '')
    .replace(new RegExp(String.raw`\s+(?:روز\s+)?(?:${WEEKDAY})$`), '');
  const match = new RegExp(String.raw`^(?:روز\s+)?(.+?)\s+(\S+?)(?:\s*ماه)?${YEAR_TAIL}$`).exec(bare);
  if (!match) return undefined;
  const month = monthNumber(match[2]);
  if (month === undefined) return undefined;
  const words = parseNumberWords(match[1]);
  const day = /^\d{1,2}$/.test(match[1]) ? Number(match[1]) : parseOrdinal(match[1]) ?? (words && words <= 31 ? words : undefined);
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
