/**
 * The one colour table of deadline states, used by the add-in, the server's workbooks and the
 * printed report alike. Fills are light enough that black text on them has a WCAG contrast
 * ratio of at least 7 (AAA), and far enough apart to tell in a legend.
 */
import { DEADLINE_STATES, STATE_LABELS, STATE_LABELS_EN } from './state';
import type { DeadlineState } from './types';

export interface PaletteEntry {
  /** Cell fill as `RRGGBB` hex, upper case, no `#` (exceljs wants `FF` + this as ARGB). */
  fill: string;
  /** Persian label (the `وضعیت مهلت` words). */
  fa: string;
  /** English label. */
  en: string;
}

/** Text colour to use on every fill, `RRGGBB`. */
export const PALETTE_TEXT = '000000';

const FILLS: Readonly<Record<DeadlineState, string>> = {
  overdue: 'FF7F7F',
  due_soon: 'FFD966',
  on_track: '9DC3E6',
  done: '8FD18F',
  done_late: 'D4E88A',
  ongoing: 'C5A5E8',
  needs_date: 'FFB07A',
  void: 'D9D9D9',
  invalid: 'F08CD8',
};

/** State → fill and labels. */
export const PALETTE: Readonly<Record<DeadlineState, PaletteEntry>> = Object.fromEntries(
  DEADLINE_STATES.map((state) => [state, { fill: FILLS[state], fa: STATE_LABELS[state], en: STATE_LABELS_EN[state] }]),
) as Record<DeadlineState, PaletteEntry>;

/** The legend rows in display order (DEADLINE_STATES order). */
export function paletteLegend(): Array<PaletteEntry & { state: DeadlineState }> {
  return DEADLINE_STATES.map((state) => ({ state, ...PALETTE[state] }));
}

/** The fill of a state as exceljs ARGB (`FF` alpha + `RRGGBB`). */
export function fillArgb(state: DeadlineState): string {
  return `FF${PALETTE[state].fill}`;
}
