/** From a DeadlineRule and the meeting date to the due date. */
import { JalaliDate } from '../jalali/JalaliDate';
import { FRIDAY, THURSDAY, monthLength } from '../jalali/calendar';
import { DEFAULT_DEADLINE_SETTINGS, type DeadlineRule, type DeadlineSettings, SOLAR_HOLIDAYS } from './rule';

/**
 * The due date a rule gives for a meeting held on `meeting`.
 * @returns the due date, or null for ongoing, conditional and unknown rules (never a guess)
 * @throws RangeError only when the result falls outside the supported years
 */
export function resolveDueDate(
  rule: DeadlineRule,
  meeting: JalaliDate,
  settings: Partial<DeadlineSettings> = {},
): JalaliDate | null {
  const s = { ...DEFAULT_DEADLINE_SETTINGS, ...settings };
  switch (rule.kind) {
    case 'days':
      return meeting.addDays(rule.n);
    case 'working_days':
      return addWorkingDays(meeting, rule.n, s);
    case 'weeks':
      return meeting.addDays(7 * rule.n);
    case 'months':
      return meeting.addMonths(rule.n);
    case 'years':
      return meeting.addYears(rule.n);
    case 'this_week':
      return meeting.endOfWeek();
    case 'next_week':
      return meeting.endOfWeek().addDays(7);
    case 'this_month':
      return meeting.endOfMonth();
    case 'next_month':
      return meeting.addMonths(1).endOfMonth();
    case 'end_of_named_month': {
      const year = rule.yearOffset !== undefined
        ? meeting.year + rule.yearOffset
        : rule.month >= meeting.month ? meeting.year : meeting.year + 1;
      return JalaliDate.of(year, rule.month, 1).endOfMonth();
    }
    case 'day_of_month': {
      const reached = rule.month > meeting.month || (rule.month === meeting.month && rule.day >= meeting.day);
      const year = rule.yearOffset !== undefined ? meeting.year + rule.yearOffset : reached ? meeting.year : meeting.year + 1;
      // ۳۰ اسفند in a year without it: the month's last day
      return JalaliDate.of(year, rule.month, Math.min(rule.day, monthLength(year, rule.month)));
    }
    case 'end_of_year':
      return JalaliDate.of(meeting.year + (rule.yearOffset ?? 0), 12, 1).endOfMonth();
    case 'date':
      return JalaliDate.parse(rule.date);
    case 'short_year_date':
      return JalaliDate.of(nearestCentury(rule.shortYear, meeting.year), rule.month, rule.day);
    case 'weekday': {
      if (rule.nextWeek) return meeting.endOfWeek().addDays(1 + rule.weekday);
      const ahead = (rule.weekday - meeting.weekday() + 7) % 7;
      return meeting.addDays(ahead === 0 ? 7 : ahead);
    }
    case 'urgent':
      return meeting.addDays(s.urgentDays);
    case 'ongoing':
    case 'conditional':
    case 'unknown':
      return null;
  }
}

/**
 * The four-digit year of a two-digit year (0..99): of …, 13yy, 14yy, 15yy … the one nearest
 * `meetingYear`, so the result is never more than 50 years from it (a tie goes to the later one).
 */
export function nearestCentury(shortYear: number, meetingYear: number): number {
  const base = Math.floor(meetingYear / 100) * 100 + shortYear;
  const candidates = [base - 100, base, base + 100];
  return candidates.reduce((best, y) => {
    const d = Math.abs(y - meetingYear);
    const b = Math.abs(best - meetingYear);
    return d < b || (d === b && y > best) ? y : best;
  });
}

const SOLAR_HOLIDAY_SET = new Set(SOLAR_HOLIDAYS);

/**
 * True when `date` is a working day under the settings: not Friday, not Thursday unless the
 * setting says so, not a holiday from the settings, and not a fixed solar holiday (unless
 * `solarHolidays` is false).
 */
export function isWorkingDay(date: JalaliDate, settings: Partial<DeadlineSettings> = {}): boolean {
  const s = { ...DEFAULT_DEADLINE_SETTINGS, ...settings };
  const weekday = date.weekday();
  if (weekday === FRIDAY) return false;
  if (weekday === THURSDAY && !s.thursdayIsWorkday) return false;
  if (s.solarHolidays && SOLAR_HOLIDAY_SET.has(date.toString().slice(5))) return false;
  return !s.holidays.has(date.toString());
}

/** The n-th working day after `start` (start itself never counts). */
export function addWorkingDays(start: JalaliDate, n: number, settings: Partial<DeadlineSettings> = {}): JalaliDate {
  let date = start;
  let left = n;
  while (left > 0) {
    date = date.addDays(1);
    if (isWorkingDay(date, settings)) left--;
  }
  return date;
}
