/**
 * Colour rules that keep a register right when it is opened days later without the tool.
 * The fills written by `color` are the state on the day it ran; these conditional formatting
 * rules, driven by the hidden Gregorian due date, the `وضعیت` column and Excel's TODAY(),
 * re-derive the time-dependent states (overdue, due soon, on track) every time Excel
 * recalculates. States that do not depend on the day (done late, needs a date, ongoing,
 * invalid) are read from the `وضعیت مهلت` words the tool wrote.
 */
import type { ConditionalFormattingRule, Worksheet } from 'exceljs';
import { REGISTER_FIELDS } from '../../core/register/fields';
import { PALETTE } from '../../core/register/palette';
import { DEFAULT_DUE_SOON_DAYS, STATE_LABELS } from '../../core/register/state';
import { STATUS_LABELS } from '../../core/register/status';
import type { DeadlineState } from '../../core/register/types';
import type { RegisterHeader } from './registerSheet';
import { columnLetter } from './validations';

/**
 * Every rule the tool writes ends with `+N("mosavabat")` (N of a text is 0, so the rule's
 * value is unchanged): that is how the tool finds and replaces its own rules on the next run
 * without touching rules people made.
 */
export const RULE_MARKER = 'N("mosavabat")';

function dxfFill(state: DeadlineState) {
  // in conditional formats Excel takes a solid fill's colour from bgColor
  return { fill: { type: 'pattern' as const, pattern: 'solid' as const, bgColor: { argb: `FF${PALETTE[state].fill}` } } };
}

/** Remove the tool's conditional formatting rules from a sheet (see RULE_MARKER). */
export function removeToolRules(sheet: Worksheet): void {
  const list = (sheet as unknown as { conditionalFormattings: Array<{ ref: string; rules: ConditionalFormattingRule[] }> }).conditionalFormattings;
  const kept = list.filter((cf) => !cf.rules.some((rule) => ((rule as { formulae?: unknown[] }).formulae ?? []).some((f) => String(f).includes(RULE_MARKER))));
  list.splice(0, list.length, ...kept);
}

/** Contiguous runs of columns as a space-separated multi-range ref over rows first..last. */
function runsRef(columns: number[], first: number, last: number): string {
  const sorted = [...new Set(columns)].sort((a, b) => a - b);
  const parts: string[] = [];
  let start = sorted[0];
  for (let i = 1; i <= sorted.length; i++) {
    if (i === sorted.length || sorted[i] !== sorted[i - 1] + 1) {
      parts.push(`${columnLetter(start)}${first}:${columnLetter(sorted[i - 1])}${last}`);
      if (i < sorted.length) start = sorted[i];
    }
  }
  return parts.join(' ');
}

/**
 * Add the tool's state rules over the visible register columns of rows first..last.
 * Rules, first match wins (stopIfTrue): invalid (by the words) → void (status) → done late
 * (status done and the words say late) → done → overdue / due soon / on track from the
 * Gregorian due date and TODAY(). Rows without a due date keep their written fill.
 * Needs the status, state and dueGregorian columns; without them nothing is added.
 */
export function addStateRules(sheet: Worksheet, header: RegisterHeader, first: number, last: number, dueSoonDays = DEFAULT_DUE_SOON_DAYS): void {
  const status = header.columns.get('status');
  const state = header.columns.get('state');
  const due = header.columns.get('dueGregorian');
  if (status === undefined || state === undefined || due === undefined || last < first) return;
  const S = `$${columnLetter(status)}${first}`;
  const W = `$${columnLetter(state)}${first}`;
  const G = `$${columnLetter(due)}${first}`;
  const visible = REGISTER_FIELDS.filter((f) => !f.hidden).map((f) => header.columns.get(f.name)).filter((c): c is number => c !== undefined);
  const quoted = (text: string) => `"${text.replace(/"/g, '""')}"`;
  const rules: Array<[DeadlineState, string]> = [
    ['invalid', `${W}=${quoted(STATE_LABELS.invalid)}`],
    ['void', `${S}=${quoted(STATUS_LABELS.void)}`],
    ['done_late', `AND(${S}=${quoted(STATUS_LABELS.done)},${W}=${quoted(STATE_LABELS.done_late)})`],
    ['done', `${S}=${quoted(STATUS_LABELS.done)}`],
    ['overdue', `AND(ISNUMBER(${G}),${G}<TODAY())`],
    ['due_soon', `AND(ISNUMBER(${G}),${G}-TODAY()<=${dueSoonDays})`],
    ['on_track', `ISNUMBER(${G})`],
  ];
  sheet.addConditionalFormatting({
    ref: runsRef(visible, first, last),
    rules: rules.map(([target, formula], i) => ({
      type: 'expression',
      priority: i + 1,
      stopIfTrue: true,
      formulae: [`(${formula})+${RULE_MARKER}`],
      style: dxfFill(target),
    }) as ConditionalFormattingRule),
  });
}
