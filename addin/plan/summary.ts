/**
 * The `خلاصه` sheet the add-in writes: the same numbers as `mosavabat summary` (core's
 * summarize over the same states), laid out like the CLI's sheet, plus where the chart of
 * states per agency takes its data from.
 */
import { PALETTE } from '../../core/register/palette';
import { DEADLINE_STATES, STATE_LABELS } from '../../core/register/state';
import type { RegisterSummary, Totals } from '../../core/register/summary';
import type { DeadlineState } from '../../core/register/types';
import { toPersianDigits } from '../../core/text';
import { columnLetter } from './cells';

export const TOTALS_HEADERS = ['تعداد کل', ...DEADLINE_STATES.map((s) => STATE_LABELS[s]), 'درصد انجام'];

/** The sheet's cells row by row (every row as wide as the widest), and the parts to style. */
export interface SummaryGrid {
  values: Array<Array<string | number>>;
  /** 1-based rows of titles and of table headers. */
  titleRows: number[];
  headerRows: number[];
  /** Header cells coloured by state: [row, column, #RRGGBB]. */
  stateHeaders: Array<[number, number, string]>;
  /** The agency table's names and state counts (A1 address), for the chart; undefined when no agency. */
  chartSource?: string;
  /** States in chart series order, for the series colours. */
  chartStates: DeadlineState[];
}

function totals(t: Totals): Array<string | number> {
  return [t.total, ...DEADLINE_STATES.map((s) => t.counts[s]), t.percentDone ?? ''];
}

/**
 * The summary as cells. Counts stay numbers (sortable, chartable); dates and titles carry
 * Persian digits.
 */
export function summaryGrid(summary: RegisterSummary): SummaryGrid {
  const width = 1 + TOTALS_HEADERS.length;
  const rows: Array<Array<string | number>> = [];
  const titleRows: number[] = [];
  const headerRows: number[] = [];
  const stateHeaders: Array<[number, number, string]> = [];
  const push = (line: Array<string | number>) => {
    rows.push([...line, ...new Array(Math.max(0, width - line.length)).fill('')]);
    return rows.length;
  };
  const header = (first: string) => {
    const r = push([first, ...TOTALS_HEADERS]);
    headerRows.push(r);
    DEADLINE_STATES.forEach((s, i) => stateHeaders.push([r, i + 3, `#${PALETTE[s].fill}`]));
    return r;
  };
  titleRows.push(push([`خلاصه وضعیت مصوبات تا تاریخ ${toPersianDigits(summary.today)}`]));
  push([]);
  header('');
  push(['همه مصوبات', ...totals(summary.total)]);
  push([]);
  titleRows.push(push(['به تفکیک دستگاه']));
  const agencyHeader = header('دستگاه اجرایی');
  for (const a of summary.agencies) push([a.agency || '(بدون دستگاه)', ...totals(a)]);
  const agencyLast = rows.length;
  push([]);
  titleRows.push(push(['به تفکیک جلسه']));
  header('جلسه');
  for (const m of summary.meetings) push([m.meetingDate ? `${m.meeting} (${toPersianDigits(m.meetingDate)})` : m.meeting, ...totals(m)]);
  // the chart needs one contiguous block: agency names and their counts by state
  const chartStates = [...DEADLINE_STATES];
  let chartSource: string | undefined;
  if (summary.agencies.length) {
    push([]);
    titleRows.push(push(['داده‌ی نمودار: تعداد مصوبات هر دستگاه به تفکیک وضعیت']));
    const first = push(['دستگاه اجرایی', ...DEADLINE_STATES.map((s) => STATE_LABELS[s])]);
    headerRows.push(first);
    for (const a of summary.agencies) push([a.agency || '(بدون دستگاه)', ...DEADLINE_STATES.map((s) => a.counts[s])]);
    chartSource = `A${first}:${columnLetter(1 + DEADLINE_STATES.length)}${rows.length}`;
  }
  void agencyHeader;
  void agencyLast;
  return { values: rows, titleRows, headerRows, stateHeaders, chartSource, chartStates };
}
