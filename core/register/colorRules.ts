/**
 * The colour rules a register carries so it stays right on later days without the tool: one
 * list of (state, formula) that the xlsx writer and the Excel add-in both install, so a
 * register coloured either way shows the same colours. Formulas use English function names and
 * `,` separators (what conditional formats store), with row-relative references to the first
 * data row. See adapters/xlsx/conditional.ts for why each state is expressed the way it is.
 */
import { DEFAULT_DUE_SOON_DAYS, STATE_LABELS } from './state';
import { STATUS_LABELS } from './status';
import type { DeadlineState } from './types';

/**
 * Every rule the tool writes ends with `+N("mosavabat")` (N of a text is 0, so the rule's
 * value is unchanged): that is how the tool finds and replaces its own rules on the next run
 * without touching rules people made.
 */
export const RULE_MARKER = 'N("mosavabat")';

/** Column letters of the three columns the rules read. */
export interface RuleColumns {
  status: string;
  state: string;
  dueGregorian: string;
}

/** One rule: the state whose fill (and words) it shows, and its formula without a leading `=`. */
export interface StateRule {
  state: DeadlineState;
  formula: string;
}

/** The states the rules can show; rows in any other state need a fill of their own. */
export const RULE_STATES: ReadonlySet<DeadlineState> = new Set(['invalid', 'void', 'done_late', 'done', 'overdue', 'due_soon', 'on_track']);

const quoted = (text: string) => `"${text.replace(/"/g, '""')}"`;

/**
 * The rules by priority, the first match wins: invalid (by the state words) → void (status) →
 * done late (status done and the words say late) → done → overdue / due soon / on track from
 * the Gregorian due date and TODAY(). Each formula ends with the marker.
 * @param firstRow the first data row (references are relative to it)
 * @param dueSoonDays the due-soon window in days (default 7)
 */
export function stateRules(columns: RuleColumns, firstRow: number, dueSoonDays = DEFAULT_DUE_SOON_DAYS): StateRule[] {
  const S = `$${columns.status}${firstRow}`;
  const W = `$${columns.state}${firstRow}`;
  const G = `$${columns.dueGregorian}${firstRow}`;
  const rules: Array<[DeadlineState, string]> = [
    ['invalid', `${W}=${quoted(STATE_LABELS.invalid)}`],
    ['void', `${S}=${quoted(STATUS_LABELS.void)}`],
    ['done_late', `AND(${S}=${quoted(STATUS_LABELS.done)},${W}=${quoted(STATE_LABELS.done_late)})`],
    ['done', `${S}=${quoted(STATUS_LABELS.done)}`],
    ['overdue', `AND(ISNUMBER(${G}),${G}<TODAY())`],
    ['due_soon', `AND(ISNUMBER(${G}),${G}-TODAY()<=${dueSoonDays})`],
    ['on_track', `ISNUMBER(${G})`],
  ];
  return rules.map(([state, formula]) => ({ state, formula: `(${formula})+${RULE_MARKER}` }));
}

/** Whether a conditional-format formula is one of the tool's (leading `=` allowed). */
export function isToolRule(formula: string): boolean {
  return formula.includes(RULE_MARKER);
}

/**
 * A number format that shows `state`'s Persian words whatever the cell holds: four sections
 * (positive; negative; zero; text), each the quoted words.
 */
export function stateWordsFormat(state: DeadlineState): string {
  const words = `"${STATE_LABELS[state].replace(/"/g, '')}"`;
  return [words, words, words, words].join(';');
}
