/**
 * Parsed minutes as Persian text for the terminal (the non-JSON output of `import`).
 * Every line starts with a Persian word, so terminals that apply the bidi algorithm lay it out
 * right-to-left; numbers are shown in Persian digits; agencies are joined with " - " as the
 * secretariat writes them (a name may itself contain "،"); each warning sits under its row.
 */
import type { ParsedMinutes, ParsedResolution, Warning } from '../../core/minutes/types';
import { JalaliDate } from '../../core/jalali/JalaliDate';
import { toPersianDigits } from '../../core/text/digits';

/** Longest excerpt of a resolution's text shown on its row line (characters). */
const EXCERPT = 110;

const fa = (value: string | number): string => toPersianDigits(value);

/** `1402/06/01` → `چهارشنبه ۱۴۰۲/۰۶/۰۱`. */
function dayAndDate(date: string): string {
  const parsed = JalaliDate.tryParse(date);
  return parsed.ok ? `${parsed.date.weekdayName()} ${parsed.date.toDisplay()}` : fa(date);
}

function excerpt(text: string): string {
  if (text.length <= EXCERPT) return fa(text);
  const cut = text.slice(0, EXCERPT);
  const atSpace = cut.lastIndexOf(' ');
  return fa(`${(atSpace > EXCERPT / 2 ? cut.slice(0, atSpace) : cut).trim()} …`);
}

/** What the due date cell says: the date with its weekday, or why there is none. */
function dueText(r: ParsedResolution, meetingDate: string | null): string {
  if (r.deadline.due) return `مهلت: ${dayAndDate(r.deadline.due)}`;
  if (r.deadline.kind === 'ongoing') return 'مهلت: ندارد (مستمر)';
  if (!meetingDate && r.deadline.kind !== 'unknown' && r.deadline.kind !== 'conditional') {
    return 'مهلت: حساب نشد چون تاریخ جلسه پیدا نشد';
  }
  return 'مهلت: تعیین نشد؛ دستی وارد کنید';
}

function warningLine(w: Warning, indent: string): string {
  return `${indent}هشدار: ${fa(w.fa)}`;
}

/** Lines a person reads: the meeting, a count, then each resolution with its agencies, deadline, due date and warnings. */
export function describeMinutes(parsed: ParsedMinutes): string {
  const { meeting, resolutions } = parsed;
  const lines: string[] = [];
  lines.push(`جلسه: ${meeting.title ? fa(meeting.title) : '(بدون عنوان)'}`);
  if (meeting.body) lines.push(`مرجع: ${fa(meeting.body)}`);
  const facts = [
    `شماره جلسه: ${meeting.number !== null ? fa(meeting.number) : '—'}`,
    `تاریخ: ${meeting.date ? `${meeting.weekday ?? JalaliDate.parse(meeting.date).weekdayName()} ${fa(meeting.date)}` : 'نامعلوم'}`,
  ];
  if (meeting.time) facts.push(`ساعت: ${fa(meeting.time)}`);
  if (meeting.place) facts.push(`محل: ${fa(meeting.place)}`);
  lines.push(facts.join('؛ '));
  if (meeting.invitation.number || meeting.invitation.date) {
    const parts = [];
    if (meeting.invitation.number) parts.push(`شماره ${fa(meeting.invitation.number)}`);
    if (meeting.invitation.date) parts.push(`مورخ ${fa(meeting.invitation.date)}`);
    lines.push(`دعوتنامه: ${parts.join(' ')}`);
  }
  if (meeting.agenda.length) {
    lines.push('دستور جلسه:');
    meeting.agenda.forEach((item, k) => lines.push(`  بند ${fa(k + 1)}: ${fa(item)}`));
  }

  const withDue = resolutions.filter((r) => r.deadline.due).length;
  const ongoing = resolutions.filter((r) => !r.deadline.due && r.deadline.kind === 'ongoing').length;
  const noDue = resolutions.length - withDue - ongoing;
  const warningCount = resolutions.reduce((n, r) => n + r.warnings.length, 0) + parsed.warnings.length;
  const counts = [`${fa(withDue)} با مهلت`];
  if (ongoing) counts.push(`${fa(ongoing)} مستمر`);
  if (noDue) counts.push(`${fa(noDue)} بدون مهلت`);
  lines.push(`مصوبات: ${fa(resolutions.length)} ردیف (${counts.join('، ')})؛ ${warningCount ? `${fa(warningCount)} هشدار` : 'بدون هشدار'}`);

  for (const r of resolutions) {
    lines.push('');
    lines.push(`ردیف ${fa(r.row)}: ${excerpt(r.text) || '(بدون متن)'}`);
    lines.push(`  اقدام کننده: ${r.agencies.length ? fa(r.agencies.join(' - ')) : '(نوشته نشده)'}`);
    lines.push(`  زمان اقدام: ${r.deadline.text ? `«${fa(r.deadline.text)}»` : '(نوشته نشده)'}؛ ${dueText(r, meeting.date)}`);
    for (const w of r.warnings) lines.push(warningLine(w, '  '));
  }
  if (parsed.warnings.length) {
    lines.push('', 'هشدارهای کل صورتجلسه:');
    for (const w of parsed.warnings) lines.push(warningLine(w, '  '));
  }
  return lines.join('\n');
}
