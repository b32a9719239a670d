/// <reference types="office-js" />
/**
 * Applying a ColorPlan in one batch: column blocks of values, static fills grouped by colour
 * (Worksheet.getRanges with address strings under 8,192 characters where ExcelApi 1.9 exists,
 * else one range per run of rows), and the tool's conditional formats (the user's are kept).
 */
import type { ColorPlan } from '../plan/register';
import { columnLetter, columnWidthPoints } from '../plan/cells';
import { canUse } from './capabilities';

/** Queue the plan's writes on `sheet` (no sync here). */
export function queueColorPlan(sheet: Excel.Worksheet, plan: ColorPlan, toolRules: Excel.ConditionalFormat[]): void {
  for (const header of plan.headers) {
    const letter = columnLetter(header.column);
    const cell = sheet.getRange(`${letter}${header.row}`);
    cell.values = [[header.header]];
    const column = sheet.getRange(`${letter}:${letter}`);
    column.format.columnWidth = columnWidthPoints(header.width);
    if (header.hidden) column.columnHidden = true;
  }
  for (const write of plan.columns) {
    if (!write.values.some((v) => v !== null)) continue;
    const letter = columnLetter(write.column);
    const range = sheet.getRange(`${letter}${write.first}:${letter}${write.first + write.values.length - 1}`);
    if (write.numberFormat) range.numberFormat = write.values.map((v) => [v === null ? null : write.numberFormat!]) as unknown as string[][];
    range.values = write.values.map((v) => [v]) as unknown as string[][];
  }
  const grouped = canUse('1.9');
  for (const fill of plan.fills) {
    for (const address of fill.addresses) {
      if (grouped) {
        sheet.getRanges(address).format.fill.color = fill.color;
      } else {
        for (const area of address.split(',')) sheet.getRange(area).format.fill.color = fill.color;
      }
    }
  }
  if (!plan.rules.length) return;
  for (const cf of toolRules) cf.delete();
  let priority = 0;
  for (const block of plan.rules) {
    const range = sheet.getRange(block.address);
    for (const rule of block.rules) {
      const cf = range.conditionalFormats.add(Excel.ConditionalFormatType.custom);
      cf.custom.rule.formula = rule.formula;
      cf.custom.format.fill.color = rule.fill;
      if (rule.numberFormat) cf.custom.format.numberFormat = rule.numberFormat;
      cf.stopIfTrue = true;
      // a new rule goes to the top; put each at its place in the tool's order, above the user's own
      cf.priority = priority++;
    }
  }
}
