/**
 * Colour rules that keep a register right when it is opened days later without the tool.
 * The fills and `وضعیت مهلت` words written by `color` are the state on the day it ran; these
 * conditional formatting rules, driven by the hidden Gregorian due date, the `وضعیت` column and
 * Excel's TODAY(), re-derive the time-dependent states (overdue, due soon, on track) and the
 * statuses people change (done, void) every time the file is opened. On the `وضعیت مهلت` column
 * the same rules also set a number format that shows the state's words (`;;;"مهلت گذشته"`:
 * the text section of a format replaces the text shown), so the words on screen and on paper
 * always match the fill; the cell's stored value (what filters, copies and formulas see) stays
 * the words of the colouring day. States that do not depend on the day (done late, needs a
 * date, ongoing, invalid) are read from those stored words.
 */
import type { ConditionalFormattingRule, Worksheet } from 'exceljs';
import { REGISTER_FIELDS } from '../../core/register/fields';
import { PALETTE } from '../../core/register/palette';
import { RULE_MARKER, isToolRule, stateRules, stateWordsFormat } from '../../core/register/colorRules';
import { DEFAULT_DUE_SOON_DAYS } from '../../core/register/state';
import type { DeadlineState } from '../../core/register/types';
import type { RegisterHeader } from './registerSheet';
import { columnLetter } from '../../core/sheet/address';

export { RULE_MARKER, stateWordsFormat };

function dxfFill(state: DeadlineState) {
  // in conditional formats Excel takes a solid fill's colour from bgColor
  return { fill: { type: 'pattern' as const, pattern: 'solid' as const, bgColor: { argb: `FF${PALETTE[state].fill}` } } };
}

/** Remove the tool's conditional formatting rules from a sheet (see RULE_MARKER). */
export function removeToolRules(sheet: Worksheet): void {
  const list = (sheet as unknown as { conditionalFormattings: Array<{ ref: string; rules: ConditionalFormattingRule[] }> }).conditionalFormattings;
  const kept = list.filter((cf) => !cf.rules.some((rule) => ((rule as { formulae?: unknown[] }).formulae ?? []).some((f) => isToolRule(String(f)))));
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
 * Rules by priority, the first match wins: invalid (by the words) → void (status) → done late
 * (status done and the words say late) → done → overdue / due soon / on track from the
 * Gregorian due date and TODAY(). Rows without a due date keep their written fill and words.
 * The `وضعیت مهلت` column gets the same rules in a range of its own, each also showing the
 * state's words (stateWordsFormat): a number format on the other columns would hide their text.
 * exceljs does not write `stopIfTrue` for expression rules; it is not needed: every rule sets
 * the same properties, and where formats conflict Excel applies the higher-priority rule's
 * (LibreOffice applies only the first true rule).
 * Needs the status, state and dueGregorian columns; without them nothing is added.
 */
export function addStateRules(sheet: Worksheet, header: RegisterHeader, first: number, last: number, dueSoonDays = DEFAULT_DUE_SOON_DAYS): void {
  const status = header.columns.get('status');
  const state = header.columns.get('state');
  const due = header.columns.get('dueGregorian');
  if (status === undefined || state === undefined || due === undefined || last < first) return;
  const visible = REGISTER_FIELDS.filter((f) => !f.hidden && f.name !== 'state')
    .map((f) => header.columns.get(f.name)).filter((c): c is number => c !== undefined);
  const rules = stateRules({ status: columnLetter(status), state: columnLetter(state), dueGregorian: columnLetter(due) }, first, dueSoonDays);
  const ranges: Array<{ columns: number[]; words: boolean }> = [{ columns: visible, words: false }, { columns: [state], words: true }];
  let priority = 1;
  for (const { columns, words } of ranges) {
    if (!columns.length) continue;
    sheet.addConditionalFormatting({
      ref: runsRef(columns, first, last),
      rules: rules.map(({ state: target, formula }) => ({
        type: 'expression',
        priority: priority++,
        stopIfTrue: true,
        formulae: [formula],
        style: words ? { ...dxfFill(target), numFmt: stateWordsFormat(target) } : dxfFill(target),
      }) as ConditionalFormattingRule),
    });
  }
}
