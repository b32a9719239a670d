/// <reference types="office-js" />
/**
 * Re-colour on edit: when a status, percent, done date or due date cell of the register changes,
 * the register is re-coloured after a short pause (edits in a burst give one run). The add-in's
 * own writes are ignored: by triggerSource where Excel reports it (ExcelApi 1.14); before that,
 * colouring writes only the state words and the hidden due date (not watched) and a status only
 * when it is not in canonical words, so a re-colour triggers at most one more, which changes
 * nothing watched.
 * Needs ExcelApi 1.7 (Worksheet.onChanged).
 */
import { SHEETS, type FieldName } from '../../core/register/fields';
import { colorRegister, isWriting, type CommandOutcome } from './commands';
import { canUse } from './capabilities';
import { findLayout } from '../plan/register';
import { columnNumber } from '../plan/cells';

/** Milliseconds of quiet after the last edit before re-colouring. */
export const DEBOUNCE_MS = 800;
/** Columns whose change can change a row's state. */
const WATCHED: readonly FieldName[] = ['status', 'percent', 'doneDate', 'due', 'deadlineText', 'meetingDate', 'text', 'agency', 'id'];

let registration: { remove(): void; context?: Excel.RequestContext } | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;

/** Whether an edited address (`J4`, `J4:K9`) touches one of the columns. */
export function touchesColumns(address: string, columns: ReadonlySet<number>): boolean {
  const area = address.replace(/^.*!/, '').replace(/\$/g, '');
  const [start, end = start] = area.split(':');
  const c1 = columnNumber(start.replace(/\d+/g, '') || 'A');
  const c2 = columnNumber(end.replace(/\d+/g, '') || 'XFD');
  for (const c of columns) if (c >= Math.min(c1, c2) && c <= Math.max(c1, c2)) return true;
  return false;
}

/**
 * Start re-colouring on edit. Two syncs to find the register's watched columns.
 * @param report called with each re-colouring's outcome
 */
export async function startAutoColor(report: (outcome: CommandOutcome) => void): Promise<CommandOutcome> {
  if (!canUse('1.7')) return { ok: false, message: 'رنگ‌آمیزی خودکار به اکسل ۲۰۱۹ یا تازه‌تر نیاز دارد.' };
  await stopAutoColor();
  try {
    return await Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items/name');
      const active = sheets.getActiveWorksheet();
      active.load('name');
      await context.sync();
      const name = sheets.items.some((s) => s.name === SHEETS.register) ? SHEETS.register : active.name;
      const sheet = sheets.getItem(name);
      const top = sheet.getRange('A1:AZ10');
      top.load('values');
      await context.sync();
      const layout = findLayout(name, top.values as unknown[][], 0, 0);
      if (!layout) return { ok: false, message: 'رنگ‌آمیزی خودکار روشن نشد: دفتر مصوبات در این کارپوشه پیدا نشد.' };
      const watched = new Set(WATCHED.map((f) => layout.columns.get(f)).filter((c): c is number => c !== undefined));
      const handler = async (event: Excel.WorksheetChangedEventArgs) => {
        const source = (event as { triggerSource?: string }).triggerSource;
        if (source === 'ThisLocalAddin' || isWriting()) return;
        if (!touchesColumns(event.address, watched)) return;
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => { timer = undefined; void colorRegister().then(report); }, DEBOUNCE_MS);
      };
      const result = sheet.onChanged.add(handler);
      await context.sync();
      registration = { remove: () => { void Excel.run(result.context, async (c) => { result.remove(); await c.sync(); }).catch(() => undefined); } };
      return { ok: true, message: 'رنگ‌آمیزی خودکار روشن است: پس از ویرایش وضعیت، درصد یا تاریخ‌ها، ردیف‌ها دوباره رنگ می‌شوند.' };
    });
  } catch (error) {
    return { ok: false, message: `رنگ‌آمیزی خودکار روشن نشد: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Stop re-colouring on edit. */
export async function stopAutoColor(): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = undefined;
  registration?.remove();
  registration = undefined;
}
