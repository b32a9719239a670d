/** Parsed minutes as a short Persian text for the terminal (the non-JSON output of `import`). */
import type { ParsedMinutes, Warning } from '../../core/minutes/types';
import { toPersianDigits } from '../../core/text/digits';

const shown = (value: string | number | null): string => (value === null || value === '' ? '—' : toPersianDigits(value));

/** Lines a person reads: the meeting, then each resolution with agencies, deadline and due date, then warnings. */
export function describeMinutes(parsed: ParsedMinutes): string {
  const { meeting } = parsed;
  const lines = [
    `جلسه: ${meeting.title || '—'}`,
    `شماره: ${shown(meeting.number)}   تاریخ: ${shown(meeting.date)}   روز: ${meeting.weekday ?? '—'}   ساعت: ${shown(meeting.time)}`,
    `تعداد مصوبات: ${shown(parsed.resolutions.length)}`,
    '',
  ];
  for (const r of parsed.resolutions) {
    lines.push(`${shown(r.row)}) ${r.agencies.join('، ') || '—'} | ${r.deadline.text || '—'} → مهلت ${shown(r.deadline.due)}`);
    for (const w of r.warnings) lines.push(`   هشدار: ${w.fa}`);
  }
  if (parsed.warnings.length) lines.push('', ...parsed.warnings.map((w: Warning) => `هشدار: ${w.fa}`));
  return lines.join('\n');
}
