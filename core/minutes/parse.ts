/**
 * Minutes text (صورتجلسه) → the meeting and its resolutions with due dates.
 * Built for the seed's shape but not tied to it: other bodies, any digits, Arabic letters,
 * blank lines, `label: value` headers, a plain `مصوبات` table header.
 */
import { MosavabatError } from '../errors';
import { JalaliDate } from '../jalali/JalaliDate';
import { MONTH_NAMES, WEEKDAY_NAMES } from '../jalali/calendar';
import { comparisonKey, normalizeText } from '../text/normalize';
import { toLatinDigits, toPersianDigits } from '../text/digits';
import { parseNumberWords, parseOrdinal } from '../text/numberWords';
import { splitAgencyCell } from '../agency/split';
import { parseDeadline, weekdayMismatch } from '../deadline/parse';
import { resolveDueDate } from '../deadline/resolve';
import { datesInText } from '../deadline/textDates';
import type { DeadlineSettings } from '../deadline/rule';
import { labelledValues, readHeader } from './header';
import { readTableRows, tableHeaderCandidates, type TableColumn, type TableRow } from './table';
import { readProseResolutions } from './prose';
import type { Meeting, ParsedMinutes, ParsedResolution, Warning } from './types';

/**
 * Parse the minutes.
 * @param text the whole minutes as text (already decoded)
 * @param settings deadline settings (urgent days, Thursday, holidays); defaults apply
 * @throws MosavabatError `empty_minutes` when the text is blank, `no_resolutions` when no
 *   resolutions table is found
 */
export function parseMinutes(text: string, settings: Partial<DeadlineSettings> = {}): ParsedMinutes {
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n|\u2028/);
  if (lines.every((l) => normalizeText(l) === '')) {
    throw new MosavabatError('empty_minutes', 'متن صورتجلسه خالی است', 'the minutes are empty');
  }
  const warnings: Warning[] = [];
  let table: { index: number; columns: TableColumn[] } | undefined;
  let rows: TableRow[] = [];
  for (const candidate of tableHeaderCandidates(lines)) {
    const tableWarnings: Warning[] = [];
    rows = readTableRows(lines, candidate, tableWarnings);
    if (rows.length > 0) {
      table = candidate;
      warnings.push(...tableWarnings);
      break;
    }
  }
  if (!table) return parseProse(lines, warnings, settings);
  const meeting = readMeeting(lines.slice(0, table.index), lines[table.index], warnings);
  const meetingDate = meeting.date ? JalaliDate.parse(meeting.date) : null;
  const resolutions = rows.map((row) => readResolution(row, meetingDate, settings));
  checkRowNumbers(resolutions, warnings);
  return { meeting, resolutions, warnings };
}

/** Lines at the top that are not the issuing body: invocations and letter fields. */
const NOT_BODY = /^(بسمه\s*تعالی|باسمه\s*تعالی|بسم\s*الله|بنام\s*خدا|به\s*نام\s*خدا|به\s*نام\s*خداوند|هو\s|هوالحق|(شماره|تاریخ|پیوست|طبقه\s*بندی|فوری|محرمانه)\s*[:：])/;

function readMeeting(before: string[], tableHeader: string, warnings: Warning[]): Meeting {
  const nonEmpty = before.map(normalizeText).filter((l) => l !== '');
  const header = readHeader(before);
  const subject = nonEmpty.map((l) => /^موضوع\s*[:：]\s*(.+)$/.exec(l)?.[1]).find(Boolean);
  const title = subject ?? nonEmpty.find((l) => /صورتجلسه|صورت جلسه|جلسه/.test(l)) ?? '';
  // the issuing body is the letterhead above the title (or the first line when there is no title)
  const titleAt = nonEmpty.findIndex((l) => l === title || /^موضوع\s*[:：]/.test(l));
  const top = titleAt >= 0 ? nonEmpty.slice(0, titleAt) : nonEmpty.slice(0, 3);
  const body = top.find((l) => !NOT_BODY.test(l) && labelledValues(l).length === 0) ?? '';
  const narrative = [...nonEmpty, normalizeText(tableHeader)].join('\n');

  const when = header.when ? readWhen(header.when) : {};
  const headerDate = readDate(header.date, 'date', warnings) ?? when.date;
  const told = headerDate ? undefined : narrativeDate(narrative);
  const date = headerDate ?? told?.date ?? null;
  if (!date) {
    warnings.push({ code: 'meeting_date_missing', fa: 'تاریخ جلسه در صورتجلسه پیدا نشد؛ مهلت‌ها محاسبه نشدند',
      en: 'meeting date not found; no due dates were computed' });
  }
  const weekdayText = header.weekday ?? when.weekday ?? (header.date ? weekdayIn(header.date) : undefined) ?? told?.weekday ?? weekdayFromNarrative(narrative);
  const weekday = weekdayText ? canonicalWeekday(weekdayText) : null;
  if (date && weekday) {
    const actual = JalaliDate.parse(date).weekdayName();
    if (comparisonKey(actual) !== comparisonKey(weekday)) {
      warnings.push({ code: 'weekday_mismatch',
        fa: `روز «${weekday}» با تاریخ ${JalaliDate.parse(date).toDisplay()} (${actual}) نمی‌خواند`,
        en: `weekday "${weekday}" does not match ${date} (${actual})` });
    }
  }
  const timeText = header.time ?? when.time;
  return {
    body,
    title,
    number: sessionNumber(title) ?? numberFromLines(narrative.split('\n')),
    date,
    weekday,
    time: timeText ? readTime(timeText) : null,
    place: header.place ?? null,
    invitation: {
      number: header.invitationNumber ? toLatinDigits(header.invitationNumber) : null,
      date: readDate(header.invitationDate, 'invitation_date', warnings),
    },
    agenda: readAgenda(before),
  };
}

/** A date field's value: the first date written in it (`۱۴۰۲/۰۶/۰۱ (چهارشنبه)` → 1402/06/01). */
function readDate(value: string | undefined, what: string, warnings: Warning[]): string | null {
  if (!value) return null;
  const written = DATE_TOKEN.exec(toLatinDigits(value))?.[1] ?? value;
  const parsed = JalaliDate.tryParse(written);
  if (parsed.ok) return parsed.date.toString();
  warnings.push({ code: `${what}_invalid`, fa: parsed.error.fa, en: parsed.error.en });
  return null;
}

/**
 * Something written like a date: year, month, day (or day, month, four-digit year) with / - or . between
 * them, not glued to a digit or slash; group 1 is the date (the character before is matched rather than
 * looked behind at: the add-in's older webviews have no lookbehind).
 */
const DATE_TOKEN = /(?:^|[^\d/])(\d{1,2}\s*[/\-.]\s*\d{1,2}\s*[/\-.]\s*\d{4}|\d{2,4}\s*[/\-.]\s*\d{1,2}\s*[/\-.]\s*\d{1,2})(?![\d/])/;

/** Date, weekday and time out of one value such as `سه‌شنبه ۱۴۰۲/۰۵/۱۷ ساعت ۱۰`. */
function readWhen(value: string): { date?: string; weekday?: string; time?: string } {
  const latin = toLatinDigits(normalizeText(value));
  const token = DATE_TOKEN.exec(latin)?.[1];
  const parsed = token ? JalaliDate.tryParse(token) : undefined;
  const time = /ساعت\s*[:：]?\s*(\d{1,2}(?:\s*[:/.]\s*\d{1,2})?(?:\s*(?:صبح|عصر|ظهر|بعد\s*از\s*ظهر|بعدازظهر))?)/.exec(latin)?.[1];
  return { date: parsed?.ok ? parsed.date.toString() : undefined, weekday: weekdayIn(latin), time };
}

/** The first weekday name written in a text (`… روز سه شنبه …` → `سه شنبه`), or undefined. */
function weekdayIn(text: string): string | undefined {
  const words = normalizeText(text).replace(/\u200c/g, ' ').split(/[\s()،,:-]+/);
  for (let i = 0; i < words.length; i++) {
    for (const span of [2, 1]) {
      const candidate = words.slice(i, i + span).join(' ');
      if (WEEKDAY_NAMES.some((name) => comparisonKey(name) === comparisonKey(candidate))) return candidate;
    }
  }
  return undefined;
}

/** `روز پنجشنبه` in the narrative, when the header does not name the weekday. */
function weekdayFromNarrative(text: string): string | undefined {
  for (const match of text.matchAll(/روز\s+(\S+(?:\s\S+)?)/g)) {
    const found = weekdayIn(match[1]);
    if (found) return found;
  }
  return undefined;
}

/** `… مورخ ۱۴۰۱/۰۴/۰۹ …` in the narrative or the table title, when the header has no date. */
/**
 * The meeting's date in a prose narrative, with the weekday written just before it: of the
 * `مورخ …` dates, the one the sentence says the meeting was held on (`… سه شنبه مورخ ۸/۳/۸۶ …
 * تشکیل گردید`), not an earlier one (`پیرو دستور کار اعلام شده مورخ ۶/۳/۸۶`); else the first.
 */
function narrativeDate(text: string): { date: string; weekday?: string } | null {
  const latin = toLatinDigits(text);
  const all = [...latin.matchAll(/مورخ\s*([0-9/\-.]+)/g)];
  const held = all.find((m) => {
    const after = latin.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 160);
    const next = after.search(/مورخ/);
    const verb = after.search(/تشکیل|تشكيل|برگزار/);
    return verb >= 0 && (next < 0 || verb < next);
  });
  for (const match of held ? [held, ...all] : all) {
    const date = dateFromNarrative(latin.slice(match.index));
    if (!date) continue;
    const before = latin.slice(Math.max(0, (match.index ?? 0) - 20), match.index);
    const weekday = new RegExp(`(${WEEKDAY_NAMES.map((w) => w.replace('\u200c', '\\s*\u200c?')).join('|')}|پنج\\s*شنبه|سه\\s*شنبه|چهار\\s*شنبه)\\s*$`).exec(before.trim())?.[1];
    return { date, weekday };
  }
  const named = namedDate(latin);
  return named ? { date: named } : null;
}

function dateFromNarrative(text: string): string | null {
  const latin = toLatinDigits(text);
  const match = /مورخ\s*([0-9/\-.]+)/.exec(latin);
  const written = match?.[1].replace(/[.:/-]+$/, '');
  const candidate = written ? JalaliDate.tryParse(written) : undefined;
  if (candidate?.ok) return candidate.date.toString();
  // `مورخ 27/9/90`: day, month and a two-digit year (the last number cannot be a day)
  const dayFirst = written ? /^(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{2})$/.exec(written) : null;
  if (dayFirst && Number(dayFirst[3]) > 31) {
    const parsed = JalaliDate.tryParse(`${dayFirst[3]}/${dayFirst[2]}/${dayFirst[1]}`);
    if (parsed.ok) return parsed.date.toString();
  }
  return namedDate(latin);
}

/** A date written with a month name and a year: `پانزدهم دی ماه ۱۳۹۸`, `۱۵ دی ۱۳۹۸`, `یکشنبه ۱۲ بهمن‌ماه سال ۱۳۸۲`. */
function namedDate(text: string): string | null {
  const months = MONTH_NAMES.join('|');
  const pattern = new RegExp(`(?:^|[\\s(،,])((?:\\S+\\s+){0,3}?\\S+)\\s+(${months})(?:\\s*\u200c?\\s*ماه)?\\s+(?:سال\\s+)?(1[2-5]\\d\\d)(?!\\d)`, 'g');
  for (const match of normalizeText(text).replace(/\u200c/g, ' ').matchAll(pattern)) {
    const words = match[1].split(' ');
    for (let k = 0; k < words.length; k++) {
      const dayText = words.slice(k).join(' ');
      const day = /^\d{1,2}$/.test(dayText) ? Number(dayText) : parseOrdinal(dayText) ?? parseNumberWords(dayText);
      if (day === undefined) continue;
      const parsed = JalaliDate.tryParse(`${match[3]}/${MONTH_NAMES.indexOf(match[2] as typeof MONTH_NAMES[number]) + 1}/${day}`);
      if (parsed.ok) return parsed.date.toString();
    }
  }
  return null;
}

/** The session number from the first line that gives one; lines about other meetings' resolutions are skipped. */
function numberFromLines(lines: string[]): number | null {
  for (const line of lines) {
    if (!/جلسه/.test(line) || /مصوبات/.test(line)) continue;
    const n = sessionNumber(line);
    if (n !== null) return n;
  }
  return null;
}

/** `پنج شنبه` → `پنجشنبه` (the canonical name) when recognized; otherwise as written. */
function canonicalWeekday(value: string): string {
  const key = comparisonKey(value);
  return WEEKDAY_NAMES.find((name) => comparisonKey(name) === key) ?? normalizeText(value);
}

/**
 * `۷/۳۰`, `7:30`, `۱۰`, `ساعت ۱۰ صبح`, `۴ بعدازظهر` → `07:30`, `10:00`, `10:00`, `16:00`;
 * anything else (a range `۱۰ الی ۱۲`) as written, with Latin digits.
 */
function readTime(value: string): string {
  const latin = toLatinDigits(normalizeText(value));
  const match = /^(?:ساعت\s*)?(\d{1,2})(?:\s*[:/.]\s*(\d{1,2}))?(?:\s*(صبح|ظهر|عصر|بعد\s*از\s*ظهر|بعدازظهر|شب))?$/.exec(latin);
  if (!match || Number(match[1]) > 23 || Number(match[2] ?? 0) > 59) return latin;
  let hour = Number(match[1]);
  // afternoon words: `۴ بعدازظهر` is 16:00; `۱۲ ظهر` stays 12
  if (match[3] && !/صبح/.test(match[3]) && hour < 12) hour += 12;
  return `${String(hour).padStart(2, '0')}:${(match[2] ?? '0').padStart(2, '0')}`;
}

/**
 * The session number of a title: the ordinal next to جلسه/صورتجلسه/نشست (`بیست و یکمین جلسه`,
 * `جلسه دوازدهم`), `جلسه شماره ۵`, or else the first `…مین` ordinal. A plain `…م` word elsewhere
 * (`برنامه هفتم`) is not a session number.
 */
function sessionNumber(title: string): number | null {
  const clean = toLatinDigits(normalizeText(title));
  const numbered = /(?:جلسه|صورتجلسه|نشست)\s+(?:شماره|ش\.?)\s*[:：]?\s*(\d{1,4})(?!\d|\s*[/\-.]\s*\d)/.exec(clean);
  if (numbered) return Number(numbered[1]) || null;
  const words = clean.split(' ');
  const meetingWord = (w: string | undefined) => w !== undefined && /^(جلسه|صورتجلسه|صورت|نشست|اجلاس|اجلاسیه)$/.test(w);
  let fallback: number | null = null;
  for (let i = 0; i < words.length; i++) {
    for (let span = Math.min(5, words.length - i); span >= 1; span--) {
      const phrase = words.slice(i, i + span).join(' ');
      if (!/(م|ین)$/.test(phrase)) continue;
      const n = parseOrdinal(phrase);
      if (n === undefined) continue;
      if (meetingWord(words[i + span]) || meetingWord(words[i - 1])) return n;
      if (fallback === null && /مین$/.test(phrase)) fallback = n;
      break;
    }
  }
  return fallback;
}

/**
 * Items listed after `دستور کار:` / `دستور جلسه:` (numbered or bulleted, blank lines allowed),
 * until the first line that is not a list item. Text on the label's own line is the first item.
 */
function readAgenda(lines: string[]): string[] {
  const label = /^دستور\s*(?:کار|جلسه)(?:\s+جلسه)?\s*[:：]?\s*(.*)$/;
  const start = lines.findIndex((l) => label.test(normalizeText(l)));
  if (start < 0) return [];
  const items: string[] = [];
  const inline = label.exec(normalizeText(lines[start]))![1];
  if (inline) items.push(inline.replace(/\s*\.\s*$/, ''));
  for (const line of lines.slice(start + 1)) {
    const text = normalizeText(line);
    if (text === '') continue;
    // `- ۱ - متن`, `۱- متن`, `۱) متن`, `• متن`: a bullet, a number, or both
    const item = /^([-–•*▪●■◄►]\s*)?([0-9\u06f0-\u06f9\u0660-\u0669]+\s*[-–.)]\s*)?(.+)$/.exec(text)!;
    if (!item[1] && !item[2]) break;
    items.push(item[3].replace(/\s*\.\s*$/, '').trim());
  }
  return items;
}

/** Minutes whose resolutions are numbered paragraphs: agencies and deadlines from the sentences, each warned about. */
function parseProse(lines: string[], warnings: Warning[], settings: Partial<DeadlineSettings>): ParsedMinutes {
  const prose = readProseResolutions(lines, agendaLines(lines));
  if (!prose) {
    throw new MosavabatError('no_resolutions',
      'جدول مصوبات (سطری با «ردیف … اقدام کننده … زمان اقدام» یا «مصوبات» و ردیف‌های شماره‌دار) یا بندهای شماره‌دار مصوبات («۱- مقرر گردید …») در صورتجلسه پیدا نشد',
      'no resolutions found: neither a table (a header line "ردیف … اقدام کننده … زمان اقدام" or "مصوبات" followed by numbered rows) nor numbered paragraphs saying "مقرر گردید / مقرر شد …"');
  }
  const meeting = readMeeting(lines.slice(0, prose.index), lines[prose.index] ?? '', warnings);
  const meetingDate = meeting.date ? JalaliDate.parse(meeting.date) : null;
  const resolutions = prose.rows.map((row) => {
    const resolution = readResolution(row, meetingDate, settings);
    const found: Warning[] = [];
    if (row.agencyFrom !== undefined) {
      found.push({ code: 'agency_from_text', fa: `اقدام کننده از متن مصوبه برداشته شد: «${normalizeText(row.agencyFrom)}»؛ آن را بررسی کنید`,
        en: `row ${row.row}: the responsible agency was taken from the text: "${row.agencyFrom}"; check it` });
    } else {
      resolution.warnings = resolution.warnings.filter((w) => w.code !== 'agency_missing');
      found.push({ code: 'agency_missing', fa: 'دستگاه مسئول در متن مصوبه روشن نیست؛ اقدام کننده را دستی بنویسید',
        en: `row ${row.row}: the text does not plainly name the responsible agency; write it by hand` });
    }
    if (row.deadlineFrom !== undefined) {
      found.push({ code: 'deadline_from_text', fa: `زمان اقدام از متن مصوبه برداشته شد: «${normalizeText(row.deadlineFrom)}»؛ آن را بررسی کنید`,
        en: `row ${row.row}: the deadline was taken from the text: "${row.deadlineFrom}"; check it` });
    }
    resolution.warnings.unshift(...found);
    return resolution;
  });
  checkRowNumbers(resolutions, warnings);
  return { meeting, resolutions, warnings };
}

/** Indexes of the agenda's lines (`دستور کار:` and the list under it), which are numbered but are not resolutions. */
function agendaLines(lines: string[]): Set<number> {
  const out = new Set<number>();
  const start = lines.findIndex((l) => /^دستور\s*(?:کار|جلسه)(?:\s+جلسه)?\s*[:：]?/.test(normalizeText(l)));
  if (start < 0) return out;
  out.add(start);
  for (let i = start + 1; i < lines.length; i++) {
    const text = normalizeText(lines[i]);
    if (text === '') continue;
    if (!/^([-–•*▪●■◄►]\s*)?([0-9\u06f0-\u06f9\u0660-\u0669]+\s*[-–.)]\s*)/.test(text) || /مقرر|مصوب/.test(text)) break;
    out.add(i);
  }
  return out;
}

function readResolution(row: TableRow, meetingDate: JalaliDate | null, settings: Partial<DeadlineSettings>): ParsedResolution {
  const text = normalizeText(row.text);
  const deadlineText = normalizeText(row.deadline);
  const { agencies, warnings: agencyWarnings } = splitAgencyCell(row.agency);
  const warnings: Warning[] = [...agencyWarnings];
  if (agencies.length === 0) {
    warnings.push({ code: 'agency_missing', fa: 'اقدام کننده نوشته نشده است', en: `row ${row.row}: no responsible agency` });
  }
  const { rule, warnings: phraseWarnings } = parseDeadline(deadlineText);
  warnings.push(...phraseWarnings);
  let due: JalaliDate | null = null;
  if (meetingDate) {
    try {
      due = resolveDueDate(rule, meetingDate, settings);
    } catch {
      warnings.push({ code: 'deadline_out_of_range', fa: `مهلت «${deadlineText}» خارج از بازه تاریخ‌های پشتیبانی‌شده است`,
        en: `deadline "${deadlineText}" is outside the supported years` });
    }
  }
  if (due && rule.kind !== 'date') {
    const mismatch = weekdayMismatch(deadlineText, due);
    if (mismatch) warnings.push(mismatch);
  }
  if (due && meetingDate && due.isBefore(meetingDate)) {
    warnings.push({ code: 'due_before_meeting',
      fa: `مهلت ${due.toDisplay()} («${deadlineText}») پیش از تاریخ جلسه ${meetingDate.toDisplay()} است`,
      en: `row ${row.row}: the due date ${due} ("${deadlineText}") is before the meeting date ${meetingDate}` });
  }
  if (due) {
    const later = datesInText(text).filter((d) => d.isAfter(due!));
    for (const date of later) {
      warnings.push({ code: 'text_date_after_due',
        fa: `متن مصوبه تاریخ ${date.toDisplay()} را نام برده که بعد از مهلت ${due.toDisplay()} («${deadlineText}») است؛ مهلت همان «${deadlineText}» ماند`,
        en: `row ${row.row}: the text names ${date} which is after the due date ${due} ("${deadlineText}"); the phrase's due date was kept` });
    }
  }
  return { row: row.row, text, agencies, deadline: { text: deadlineText, kind: rule.kind, due: due ? due.toString() : null }, warnings };
}

function checkRowNumbers(resolutions: ParsedResolution[], warnings: Warning[]): void {
  const seen = new Set<number>();
  for (const r of resolutions) {
    if (seen.has(r.row)) {
      warnings.push({ code: 'duplicate_row', fa: `ردیف ${toPersianDigits(r.row)} دو بار آمده است`, en: `row ${r.row} appears twice` });
    }
    seen.add(r.row);
  }
}
