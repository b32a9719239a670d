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
  /** `تا پایان مهر`: last day of the next such month on or after the meeting (month 1..12). */
  | { kind: 'end_of_named_month'; month: number }
  | { kind: 'end_of_year' }
  /** An explicit Jalali date, `YYYY/MM/DD`. */
  | { kind: 'date'; date: string }
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
  /** Official holidays as `YYYY/MM/DD` Jalali strings, skipped by `روز کاری`. */
  holidays: ReadonlySet<string>;
}

export const DEFAULT_DEADLINE_SETTINGS: DeadlineSettings = {
  urgentDays: 3,
  thursdayIsWorkday: false,
  holidays: new Set(),
};
