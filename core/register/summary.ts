/**
 * The "review of past resolutions" numbers: per agency and per meeting, counts of rows by
 * state and the percent done, plus the overdue list sorted by days late.
 */
import type { JalaliDate } from '../jalali/JalaliDate';
import { comparisonKeyCached as comparisonKey, jalaliOrNull } from './memo';
import { DEADLINE_STATES } from './state';
import type { Assignment, DeadlineState, StatusCode } from './types';

/** Counts of rows by state and the percent done. */
export interface Totals {
  counts: Record<DeadlineState, number>;
  /** All rows. */
  total: number;
  /** `done` + `done_late`. */
  done: number;
  /** Rows the percent is taken over: total − void − ongoing. */
  counted: number;
  /**
   * Whole percent 0..100, round(100 × done / counted); null when nothing is counted.
   * Void rows were cancelled and ongoing rows never finish by design, so neither counts;
   * invalid rows do (they are real work of unknown progress).
   */
  percentDone: number | null;
}

export interface AgencySummary extends Totals {
  /** The agency as first written in the rows (display-normalized). */
  agency: string;
}

export interface MeetingSummary extends Totals {
  meeting: string;
  meetingDate: string | null;
}

/** One overdue row for the list the chair reads. */
export interface OverdueItem {
  id: string;
  meeting: string;
  meetingDate: string | null;
  /** The resolution's row number in its meeting (ردیف). */
  row: number | null;
  agency: string;
  text: string;
  due: string;
  /** Whole days from the due date to today, ≥ 1. */
  daysLate: number;
  status: StatusCode | null;
  percent: number | null;
}

export interface RegisterSummary {
  today: string;
  total: Totals;
  /** Sorted by agency name (Persian collation). */
  agencies: AgencySummary[];
  /** Sorted by meeting date (undated last), then meeting title. */
  meetings: MeetingSummary[];
  /** Most days late first; ties by due date, meeting date, row, agency. */
  overdue: OverdueItem[];
}

/** Zero counts for every state. */
function emptyCounts(): Record<DeadlineState, number> {
  return Object.fromEntries(DEADLINE_STATES.map((s) => [s, 0])) as Record<DeadlineState, number>;
}

/** Totals from counts. */
function totalsOf(counts: Record<DeadlineState, number>): Totals {
  const total = DEADLINE_STATES.reduce((sum, s) => sum + counts[s], 0);
  const done = counts.done + counts.done_late;
  const counted = total - counts.void - counts.ongoing;
  return { counts, total, done, counted, percentDone: counted > 0 ? Math.round((100 * done) / counted) : null };
}

const collator = new Intl.Collator('fa');

/**
 * Summarize rows with their derived states.
 * Agencies are grouped by comparisonKey (typing variants are one agency) and shown as first
 * written; meetings by title key and date. An `overdue` row whose due date cannot be read is
 * counted but not listed. Never throws.
 * @param today the day `daysLate` is counted to
 * @param agencyOf the agency a spelling belongs to (the `دستگاه‌ها` sheet's name for an alias),
 *   so an agency with aliases has one line; default: the spelling itself
 */
export function summarize(rows: ReadonlyArray<{ assignment: Assignment; state: DeadlineState }>, today: JalaliDate,
  agencyOf: (name: string) => string = (name) => name): RegisterSummary {
  const all = emptyCounts();
  const agencies = new Map<string, { agency: string; counts: Record<DeadlineState, number> }>();
  const meetings = new Map<string, { meeting: string; meetingDate: string | null; counts: Record<DeadlineState, number> }>();
  const overdue: OverdueItem[] = [];

  for (const { assignment: a, state } of rows) {
    all[state]++;
    const agencyName = agencyOf(a.agency);
    const agencyKey = comparisonKey(agencyName);
    let agency = agencies.get(agencyKey);
    if (!agency) agencies.set(agencyKey, (agency = { agency: agencyName, counts: emptyCounts() }));
    agency.counts[state]++;

    const meetingKey = `${comparisonKey(a.meeting)}|${a.meetingDate ?? ''}`;
    let meeting = meetings.get(meetingKey);
    if (!meeting) meetings.set(meetingKey, (meeting = { meeting: a.meeting, meetingDate: a.meetingDate, counts: emptyCounts() }));
    meeting.counts[state]++;

    if (state === 'overdue' && a.due) {
      const due = jalaliOrNull(a.due);
      if (due) {
        overdue.push({
          id: a.id, meeting: a.meeting, meetingDate: a.meetingDate, row: a.row, agency: a.agency, text: a.text,
          due: due.toString(), daysLate: due.daysUntil(today), status: a.status, percent: a.percent,
        });
      }
    }
  }

  overdue.sort((x, y) => y.daysLate - x.daysLate || compareText(x.due, y.due)
    || compareText(x.meetingDate ?? '', y.meetingDate ?? '') || (x.row ?? 0) - (y.row ?? 0) || collator.compare(x.agency, y.agency));

  return {
    today: today.toString(),
    total: totalsOf(all),
    agencies: [...agencies.values()]
      .map((g) => ({ agency: g.agency, ...totalsOf(g.counts) }))
      .sort((x, y) => collator.compare(x.agency, y.agency)),
    meetings: [...meetings.values()]
      .map((g) => ({ meeting: g.meeting, meetingDate: g.meetingDate, ...totalsOf(g.counts) }))
      .sort((x, y) => compareDates(x.meetingDate, y.meetingDate) || collator.compare(x.meeting, y.meeting)),
    overdue,
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `YYYY/MM/DD` strings in date order, null last. */
function compareDates(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return compareText(a, b);
}
