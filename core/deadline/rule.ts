/** A deadline phrase (زمان اقدام) understood as a rule, before it meets a meeting date. */

export type DeadlineRule =
  | { kind: 'days'; n: number }
  | { kind: 'working_days'; n: number }
  | { kind: 'weeks'; n: number }
  | { kind: 'months'; n: number }
  | { kind: 'years'; n: number }
  | { kind: 'this_week' }
  | { kind: 'next_week' }
  | { kind: 'this_month' }
  | { kind: 'next_month' }
  /**
   * `تا پایان مهر`: last day of the next such month on or after the meeting (month 1..12).
   * With `yearOffset` (`… سال جاری` = 0, `… سال آینده` = 1) the year is the meeting's plus it.
   */
  | { kind: 'end_of_named_month'; month: number; yearOffset?: number }
  /** `تا ۱۵ مهر`: that day of the month, the next one on or after the meeting (or in the meeting's year + yearOffset). */
  | { kind: 'day_of_month'; month: number; day: number; yearOffset?: number }
  /** Last day of the meeting's year (+ yearOffset: `پایان سال آینده` = 1). */
  | { kind: 'end_of_year'; yearOffset?: number }
  /** An explicit Jalali date, `YYYY/MM/DD`. */
  | { kind: 'date'; date: string }
  /**
   * A date written with a two-digit year (`۷۵/۲/۱۰`, `۲۷/۹/۹۰`): the century is the one that puts
   * the date nearest the meeting (75 → 1375 for a meeting in 1376, 02 → 1402 for one in 1401).
   */
  | { kind: 'short_year_date'; shortYear: number; month: number; day: number }
  /**
   * `تا روز سه‌شنبه`: the next such weekday after the meeting (weekday 0 = Saturday … 6 = Friday);
   * with `nextWeek` (`شنبه هفته آینده`) that weekday in the week after the meeting's week.
   */
  | { kind: 'weekday'; weekday: number; nextWeek?: boolean }
  | { kind: 'urgent' }
  | { kind: 'ongoing' }
  /** Depends on an event with no date (next meeting, funding …). */
  | { kind: 'conditional'; reason: string }
  /** Empty or not understood. */
  | { kind: 'unknown' };

export type DeadlineKind = DeadlineRule['kind'];

/** Settings that change how rules become dates; all have defaults (DEFAULT_DEADLINE_SETTINGS). */
export interface DeadlineSettings {
  /** Days after the meeting for `فوری` / `بلافاصله`. Default 3. */
  urgentDays: number;
  /** Whether Thursday counts as a working day (differs by province and year). Default false. */
  thursdayIsWorkday: boolean;
  /**
   * Official holidays as `YYYY/MM/DD` Jalali strings, skipped by `روز کاری`: the lunar ones
   * (Tasua, Ashura, the Eids …), which move every year and must come from the secretariat.
   */
  holidays: ReadonlySet<string>;
  /**
   * Whether the official holidays fixed in the solar calendar (SOLAR_HOLIDAYS: Nowruz 1–4
   * Farvardin, 12 and 13 Farvardin, 14 and 15 Khordad, 22 Bahman, 29 Esfand) are skipped too.
   * Default true: they are the same every year.
   */
  solarHolidays: boolean;
}

/** Official holidays on the same Jalali day every year, as `MM/DD`. */
export const SOLAR_HOLIDAYS: readonly string[] = [
  '01/01', '01/02', '01/03', '01/04', '01/12', '01/13', '03/14', '03/15', '11/22', '12/29',
];

export const DEFAULT_DEADLINE_SETTINGS: DeadlineSettings = {
  urgentDays: 3,
  thursdayIsWorkday: false,
  holidays: new Set(),
  solarHolidays: true,
};
