/// <reference types="office-js" />
/**
 * The sync's conflict marks as Excel shows them. A cell fill alone is hidden wherever a colour
 * rule paints the row (a conditional format's fill is drawn over the cell's own), so each
 * conflicting cell also gets a conditional format of its own (ExcelApi 1.6): always true, the
 * conflict colour, stop-if-true, above every other rule. Colouring puts its rules at the top,
 * so it raises these marks above them again; the next sync removes them.
 */
import { CONFLICT_RULE_FORMULA } from '../sync/plan';

/** The colour of a cell the service reported as a conflict. */
export const CONFLICT_FILL = '#F4B183';

/** Queue the conflict mark on one cell (no sync here). Needs ExcelApi 1.6. */
export function queueConflictRule(cell: Excel.Range): void {
  const cf = cell.conditionalFormats.add(Excel.ConditionalFormatType.custom);
  cf.custom.rule.formula = CONFLICT_RULE_FORMULA;
  cf.custom.format.fill.color = CONFLICT_FILL;
  cf.stopIfTrue = true;
  cf.priority = 0;
}

/** Queue the conflict marks back above every other rule (after colouring wrote its own at the top). */
export function raiseConflictRules(marks: readonly Excel.ConditionalFormat[]): void {
  for (const cf of marks) cf.priority = 0;
}
