/// <reference types="office-js" />
/**
 * Sync of the open register with the service: read the register (three batches), send its rows,
 * write the merged rows back and mark the conflicting cells (one batch). The service address is
 * kept in the workbook's settings; the token never is.
 */
import { toPersianDigits } from '../../core/text';
import { columnLetter, isPercentFormat } from '../plan/cells';
import { rawRows } from '../plan/register';
import { SERVICE_SETTING, postSync, type Fetch } from '../sync/client';
import { syncRequest, syncWrites } from '../sync/plan';
import { NO_REGISTER_FA, NoRegisterError, readRegister } from './read';

/** The colour of a cell the service reported as a conflict. */
export const CONFLICT_FILL = '#F4B183';

export interface SyncOutcome {
  ok: boolean;
  message: string;
  conflicts: Array<{ sheet: string; address: string; fa: string }>;
}

/** The service address this workbook was synced with, or ''. */
export function savedServiceUrl(): string {
  try {
    const value = Office.context.document.settings.get(SERVICE_SETTING);
    return typeof value === 'string' ? value : '';
  } catch {
    return ''; // outside Excel, or a host without document settings
  }
}

/** Keep the service address in the workbook's settings (saved with the workbook). */
export function saveServiceUrl(url: string): Promise<void> {
  return new Promise((resolve) => {
    try {
      Office.context.document.settings.set(SERVICE_SETTING, url);
      Office.context.document.settings.saveAsync(() => resolve());
    } catch {
      resolve(); // outside Excel: nothing to keep it in
    }
  });
}

/**
 * Sync the register with the service at `base` using `token`. Four context.sync calls.
 * @returns what happened, in Persian; conflicts with their cells
 */
export async function syncRegister(base: string, token: string, fetcher: Fetch = (url, init) => fetch(url, init)): Promise<SyncOutcome> {
  if (typeof Excel === 'undefined') return { ok: false, message: 'این فرمان فقط درون اکسل کار می‌کند.', conflicts: [] };
  try {
    return await Excel.run(async (context) => {
      const read = await readRegister(context, { rules: false, formats: true });
      const { layout, data } = read.input;
      const raw = rawRows(layout, data);
      const sent = syncRequest(layout, raw);
      const answer = await postSync(fetcher, base, token, sent);
      if (!answer.ok) return { ok: false, message: answer.fa, conflicts: [] };
      const plan = syncWrites(layout, raw, answer.answer);
      const percentColumn = layout.columns.get('percent');
      for (const cell of plan.cells) {
        const format = cell.column === percentColumn ? data.percent?.formats?.[cell.row - layout.headerRow - 1] : undefined;
        const value = typeof cell.value === 'number' && isPercentFormat(format) ? cell.value / 100 : cell.value ?? '';
        read.sheet.getRange(`${columnLetter(cell.column)}${cell.row}`).values = [[value]];
      }
      for (const conflict of plan.conflicts) read.sheet.getRange(conflict.address).format.fill.color = CONFLICT_FILL;
      await context.sync();
      const parts = [`${toPersianDigits(String(sent.rows.length))} ردیف فرستاده شد`, `${toPersianDigits(String(plan.cells.length))} خانه به‌روز شد`];
      if (plan.conflicts.length) parts.push(`${toPersianDigits(String(plan.conflicts.length))} تعارض (خانه‌های نارنجی)`);
      if (plan.missing) parts.push(`${toPersianDigits(String(plan.missing))} ردیف در سامانه هست که در این دفتر نیست`);
      return { ok: true, message: parts.join('؛ '), conflicts: plan.conflicts.map((c) => ({ ...c, sheet: layout.sheet })) };
    });
  } catch (error) {
    if (error instanceof NoRegisterError) return { ok: false, message: NO_REGISTER_FA, conflicts: [] };
    return { ok: false, message: `همگام‌سازی انجام نشد: ${error instanceof Error ? error.message : String(error)}`, conflicts: [] };
  }
}
