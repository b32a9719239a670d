/**
 * The task pane's deadline calculator: a meeting date and a `زمان اقدام` phrase in, the due
 * date out, ready to show. Pure (no DOM, no Office) so it is tested under jest and the page only
 * copies its fields into elements.
 */
import { DEFAULT_DEADLINE_SETTINGS, parseDeadline, resolveDueDate } from '../core/deadline';
import type { DeadlineKind, DeadlineRule } from '../core/deadline';
import { JalaliDate } from '../core/jalali';
import type { Warning } from '../core/minutes/types';
import { toPersianDigits } from '../core/text';

export interface CalculatorInput {
  /** The meeting date as typed: `۱۴۰۱/۰۴/۰۹`, `1401/4/9`, `۱۴۰۱-۰۴-۰۹` … (any digits, Jalali). */
  meetingDate: string;
  /** The deadline phrase (زمان اقدام) as written in the minutes. */
  phrase: string;
  /** Whether Thursday is a working day (for `N روز کاری`). Default false. */
  thursdayIsWorkday?: boolean;
}

/** What the calculator says; every text is Persian with Persian digits, ready for the screen. */
export type CalculatorResult =
  | {
      /** A due date was found. */
      outcome: 'due';
      kind: DeadlineKind;
      /** `YYYY/MM/DD`, Latin digits (for machines and tests). */
      due: string;
      /** `۱۴۰۱/۰۴/۱۰`. */
      dueDisplay: string;
      /** `جمعه`. */
      weekday: string;
      /** Days from the meeting to the due date (negative when the date is before the meeting). */
      daysAfterMeeting: number;
      /** What the phrase was read as, e.g. `پایان هفته‌ی جلسه (جمعه)`. */
      explanation: string;
      warnings: Warning[];
    }
  | {
      /** The phrase is ongoing (`مستمر` …): no due date by design, never overdue. */
      outcome: 'ongoing';
      kind: 'ongoing';
      explanation: string;
      warnings: Warning[];
    }
  | {
      /** No due date: the phrase is missing, not understood, depends on an event, or out of range. */
      outcome: 'no_date';
      kind: DeadlineKind;
      explanation: string;
      /** At least one warning saying why and what to do. */
      warnings: Warning[];
    }
  | {
      /** The meeting date cannot be read; `error` says why (Persian). */
      outcome: 'bad_meeting_date';
      error: Warning;
    };

/**
 * Compute the due date of `input.phrase` for a meeting on `input.meetingDate`.
 * Never throws: an unreadable meeting date is `bad_meeting_date`, and phrases without a date
 * (missing, unknown, conditional, or a date outside the supported years) are `no_date` with a
 * warning — never a guessed date. A due date before the meeting is returned with a warning.
 */
export function calculateDeadline(input: CalculatorInput): CalculatorResult {
  const parsedMeeting = JalaliDate.tryParse(input.meetingDate);
  if (!parsedMeeting.ok) {
    const { code, fa, en } = parsedMeeting.error;
    return { outcome: 'bad_meeting_date', error: { code, fa: `تاریخ جلسه: ${fa}`, en: `meeting date: ${en}` } };
  }
  const meeting = parsedMeeting.date;
  const { rule, warnings } = parseDeadline(input.phrase);
  const thursdayIsWorkday = input.thursdayIsWorkday ?? false;
  const explanation = explainRule(rule, thursdayIsWorkday);
  if (rule.kind === 'ongoing') return { outcome: 'ongoing', kind: 'ongoing', explanation, warnings };

  let due: JalaliDate | null = null;
  try {
    due = resolveDueDate(rule, meeting, { thursdayIsWorkday });
  } catch {
    // e.g. `۳۰۰ سال`: past the calendar's supported years
    warnings.push({ code: 'deadline_out_of_range', fa: `مهلت «${input.phrase.trim()}» خارج از بازه تاریخ‌های پشتیبانی‌شده است`,
      en: `deadline "${input.phrase.trim()}" is outside the supported years` });
  }
  if (!due) {
    if (warnings.length === 0) {
      // every dateless rule other than ongoing comes with a parser warning; keep the promise anyway
      warnings.push({ code: 'deadline_unknown', fa: 'مهلت تعیین نشد؛ آن را دستی تعیین کنید', en: 'no due date; set it by hand' });
    }
    return { outcome: 'no_date', kind: rule.kind, explanation, warnings };
  }
  if (due.isBefore(meeting)) {
    warnings.push({ code: 'due_before_meeting', fa: `مهلت ${due.toDisplay()} پیش از تاریخ جلسه ${meeting.toDisplay()} است`,
      en: `the due date ${due} is before the meeting date ${meeting}` });
  }
  return {
    outcome: 'due',
    kind: rule.kind,
    due: due.toString(),
    dueDisplay: due.toDisplay(),
    weekday: due.weekdayName(),
    daysAfterMeeting: meeting.daysUntil(due),
    explanation,
    warnings,
  };
}

/**
 * One Persian line saying how a rule was read (Persian digits); `thursdayIsWorkday` only
 * changes the working-days line.
 */
export function explainRule(rule: DeadlineRule, thursdayIsWorkday = false): string {
  const fa = (n: number) => toPersianDigits(String(n));
  switch (rule.kind) {
    case 'days': return `${fa(rule.n)} روز پس از جلسه`;
    case 'working_days':
      return `${fa(rule.n)} روز کاری پس از جلسه (بدون ${thursdayIsWorkday ? '' : 'پنجشنبه‌ها، '}جمعه‌ها و تعطیلات رسمی)`;
    case 'weeks': return `${fa(rule.n)} هفته پس از جلسه`;
    case 'months': return `${fa(rule.n)} ماه پس از جلسه، همان روز ماه`;
    case 'years': return `${fa(rule.n)} سال پس از جلسه، همان روز`;
    case 'this_week': return 'پایان هفته‌ی جلسه (جمعه)';
    case 'next_week': return 'پایان هفته‌ی بعد از جلسه (جمعه)';
    case 'this_month': return 'آخرین روز ماه جلسه';
    case 'next_month': return 'آخرین روز ماه بعد از جلسه';
    case 'end_of_named_month': return 'آخرین روز ماه نام‌برده';
    case 'day_of_month': return 'روز نام‌برده از ماه';
    case 'end_of_year': return 'آخرین روز سال';
    case 'date': return 'تاریخ نوشته‌شده';
    case 'short_year_date': return 'تاریخ نوشته‌شده با سال دورقمی (نزدیک‌ترین قرن به جلسه)';
    case 'weekday': return rule.nextWeek ? 'روز نام‌برده در هفته‌ی بعد از جلسه' : 'نخستین روز نام‌برده پس از جلسه';
    case 'urgent': return `فوری: ${fa(DEFAULT_DEADLINE_SETTINGS.urgentDays)} روز پس از جلسه`;
    case 'ongoing': return 'مستمر: بدون مهلت، هیچ‌گاه دیرکرد ندارد';
    case 'conditional': return 'وابسته به رویدادی بدون تاریخ';
    case 'unknown': return 'شناخته نشد';
  }
}
