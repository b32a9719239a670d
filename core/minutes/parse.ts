/**
 * Minutes text (صورتجلسه) → the meeting and its resolutions with due dates.
 * Built for the seed's shape but not tied to it: other bodies, any digits, Arabic letters,
 * blank lines, `label: value` headers, a plain `مصوبات` table header.
 */
import { MosavabatError } from '../errors';
import { JalaliDate } from '../jalali/JalaliDate';
import { WEEKDAY_NAMES } from '../jalali/calendar';
import { comparisonKey, normalizeText } from '../text/normalize';
import { toLatinDigits, toPersianDigits } from '../text/digits';
import { parseOrdinal } from '../text/numberWords';
import { splitAgencies } from '../agency/split';
import { parseDeadline } from '../deadline/parse';
import { resolveDueDate } from '../deadline/resolve';
import { datesInText } from '../deadline/textDates';
import type { DeadlineSettings } from '../deadline/rule';
import { readHeader } from './header';
import { findTableHeader, readTableRows, TableRow } from './table';
import type { Meeting, ParsedMinutes, ParsedResolution, Warning } from './types';

/**
 * Parse the minutes.
 * @param text the whole minutes as text (already decoded)
 * @param settings deadline settings (urgent days, Thursday, holidays); defaults apply
 * @throws MosavabatError `empty_minutes` when the text is blank, `no_resolutions` when no
 *   resolutions table is found
 */
export function parseMinutes(text: string, settings: Partial<DeadlineSettings> = {}): ParsedMinutes {
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  if (lines.every((l) => normalizeText(l) === '')) {
    throw new MosavabatError('empty_minutes', 'متن صورتجلسه خالی است', 'the minutes are empty');
  }
  const table = findTableHeader(lines);
  const rows = table ? readTableRows(lines, table) : [];
  if (!table || rows.length === 0) {
    throw new MosavabatError('no_resolutions',
      'جدول مصوبات در صورتجلسه پیدا نشد (سطری با «ردیف … اقدام کننده … زمان اقدام» یا «مصوبات» و ردیف‌های شماره‌دار)',
      'no resolutions table found (a header line "ردیف … اقدام کننده … زمان اقدام" or "مصوبات" followed by numbered rows)');
  }
  const warnings: Warning[] = [];
  const meeting = readMeeting(lines.slice(0, table.index), lines[table.index], warnings);
  const meetingDate = meeting.date ? JalaliDate.parse(meeting.date) : null;
  const resolutions = rows.map((row) => readResolution(row, meetingDate, settings));
  checkRowNumbers(resolutions, warnings);
  return { meeting, resolutions, warnings };
}

function readMeeting(before: string[], tableHeader: string, warnings: Warning[]): Meeting {
  const nonEmpty = before.map(normalizeText).filter((l) => l !== '');
  const header = readHeader(before);
  const subject = nonEmpty.map((l) => /^موضوع\s*[:：]\s*(.+)$/.exec(l)?.[1]).find(Boolean);
  const title = subject ?? nonEmpty.find((l) => /صورتجلسه|صورت جلسه|جلسه/.test(l)) ?? '';
  const body = nonEmpty.find((l) => !/^موضوع\s*[:：]/.test(l)) ?? '';
  const narrative = [...nonEmpty, normalizeText(tableHeader)].join('\n');

  const date = readDate(header.date, 'date', warnings) ?? dateFromNarrative(narrative);
  if (!date) {
    warnings.push({ code: 'meeting_date_missing', fa: 'تاریخ جلسه در صورتجلسه پیدا نشد؛ مهلت‌ها محاسبه نشدند',
      en: 'meeting date not found; no due dates were computed' });
  }
  const weekday = header.weekday ? canonicalWeekday(header.weekday) : null;
  if (date && weekday) {
    const actual = JalaliDate.parse(date).weekdayName();
    if (comparisonKey(actual) !== comparisonKey(weekday)) {
      warnings.push({ code: 'weekday_mismatch',
        fa: `روز «${weekday}» با تاریخ ${JalaliDate.parse(date).toDisplay()} (${actual}) نمی‌خواند`,
        en: `weekday "${weekday}" does not match ${date} (${actual})` });
    }
  }
  return {
    body,
    title,
    number: ordinalIn(title) ?? ordinalIn(narrative.split('\n').find((l) => /جلسه/.test(l)) ?? ''),
    date,
    weekday,
    time: header.time ? readTime(header.time) : null,
    place: header.place ?? null,
    invitation: {
      number: header.invitationNumber ? toLatinDigits(header.invitationNumber) : null,
      date: readDate(header.invitationDate, 'invitation_date', warnings),
    },
    agenda: readAgenda(before),
  };
}

function readDate(value: string | undefined, what: string, warnings: Warning[]): string | null {
  if (!value) return null;
  const parsed = JalaliDate.tryParse(value);
  if (parsed.ok) return parsed.date.toString();
  warnings.push({ code: `${what}_invalid`, fa: parsed.error.fa, en: parsed.error.en });
  return null;
}

/** `… مورخ ۱۴۰۱/۰۴/۰۹ …` in the narrative or the table title, when the header has no date. */
function dateFromNarrative(text: string): string | null {
  const match = /مورخ\s*([0-9\u06f0-\u06f9\u0660-\u0669/\-.]+)/.exec(text);
  const candidate = match ? JalaliDate.tryParse(match[1].replace(/[.:]$/, '')) : undefined;
  return candidate?.ok ? candidate.date.toString() : null;
}

/** `پنج شنبه` → `پنجشنبه` (the canonical name) when recognized; otherwise as written. */
function canonicalWeekday(value: string): string {
  const key = comparisonKey(value);
  return WEEKDAY_NAMES.find((name) => comparisonKey(name) === key) ?? normalizeText(value);
}

/** `۷/۳۰`, `7:30`, `۱۰` → `07:30`, `10:00`; anything else as written with Latin digits. */
function readTime(value: string): string {
  const latin = toLatinDigits(normalizeText(value));
  const match = /^(\d{1,2})(?:\s*[:/.]\s*(\d{1,2}))?$/.exec(latin);
  if (!match || Number(match[1]) > 23 || Number(match[2] ?? 0) > 59) return latin;
  return `${match[1].padStart(2, '0')}:${(match[2] ?? '0').padStart(2, '0')}`;
}

/** The session number from the first ordinal word(s) of a title: `بیست و یکمین جلسه …` → 21. */
function ordinalIn(title: string): number | null {
  const words = normalizeText(title).split(' ');
  for (let i = 0; i < words.length; i++) {
    for (let span = Math.min(5, words.length - i); span >= 1; span--) {
      const phrase = words.slice(i, i + span).join(' ');
      if (!/(م|ین)$/.test(phrase)) continue;
      const n = parseOrdinal(phrase);
      if (n !== undefined) return n;
    }
  }
  return null;
}

/** Items listed after `دستور کار:` (numbered or bulleted), until the next paragraph. */
function readAgenda(lines: string[]): string[] {
  const start = lines.findIndex((l) => /^\s*دستور\s*(?:کار|جلسه)(?:\s+جلسه)?\s*[:：]?\s*$/.test(normalizeText(l)));
  if (start < 0) return [];
  const items: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const text = normalizeText(line);
    if (text === '') {
      if (items.length) {
        continue;
      }
      continue;
    }
    const item = /^(?:[-•*▪●]\s*)?(?:[0-9\u06f0-\u06f9\u0660-\u0669]+\s*[-.)]\s*)?(.+)$/.exec(text);
    const isListItem = /^([-•*▪●]|[0-9\u06f0-\u06f9\u0660-\u0669]+\s*[-.)])/.test(text);
    if (!isListItem) break;
    items.push(item![1].replace(/\s*\.\s*$/, '').trim());
  }
  return items;
}

function readResolution(row: TableRow, meetingDate: JalaliDate | null, settings: Partial<DeadlineSettings>): ParsedResolution {
  const text = normalizeText(row.text);
  const deadlineText = normalizeText(row.deadline);
  const agencies = splitAgencies(row.agency);
  const warnings: Warning[] = [];
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
