/// <reference types="office-js" />
/**
 * Sync of the open register with the service: read the register (two batches), send its rows
 * (in parts when large), and write back in one batch — changed cells as column blocks, the
 * rows the sheet lacks appended below, conflicting cells filled and marked with a conditional
 * format above the colour rules (ExcelApi 1.6; see conflictMarks.ts) and given a note where
 * ExcelApi 1.18 has notes, the marks of the last sync cleared. Three context.sync calls while the
 * register reads in one block (see readRegister); a write batch over the request budget is split
 * (never at 10,000 rows).
 * The service address is kept in the workbook's settings; the token never is.
 */
import { toPersianDigits } from '../../core/text';
import { columnLetter } from '../plan/cells';
import { addMissingColumns, chunkAddresses, rawRows, type ColorPlan } from '../plan/register';
import { SERVICE_SETTING, exchangeRows } from '../sync/client';
import { syncRequest, syncWrites, utf8Bytes, type ConflictMark, type SyncWritePlan } from '../sync/plan';
import { webviewTransport, type Transport } from '../sync/transport';
import { canUse } from './capabilities';
import { asOwnWrites } from './commands';
import { NO_REGISTER_FA, NoRegisterError, readRegister, type RegisterRead } from './read';
import { queueColorPlan } from './write';
import { CONFLICT_FILL, queueConflictRule } from './conflictMarks';

export { CONFLICT_FILL };
/** The workbook setting that keeps the conflict marks (row id and field) until the next sync. */
export const MARKS_SETTING = 'mosavabat.syncConflicts';
/** How the add-in's conflict notes begin (a person's own notes are never touched). */
export const NOTE_PREFIX = 'تعارض همگام‌سازی با سامانه: ';
/** Request bytes one write batch may queue before it is sent (Excel on the web refuses 5 MB). */
const BATCH_BYTES = 4 * 1024 * 1024;

export interface SyncOutcome {
  ok: boolean;
  message: string;
  conflicts: Array<{ sheet: string; address: string; fa: string }>;
  /** The service's messages for rows it refused. */
  rejected: string[];
  /** Rows appended from the service, cells changed. */
  added: number;
  changed: number;
}

const fa = (n: number) => toPersianDigits(String(n));

function settings(): Office.Settings | undefined {
  try {
    return typeof Office !== 'undefined' ? Office.context?.document?.settings : undefined;
  } catch {
    return undefined; // outside Excel
  }
}

/** The service address this workbook was synced with, or ''. */
export function savedServiceUrl(): string {
  const value = settings()?.get(SERVICE_SETTING);
  return typeof value === 'string' ? value : '';
}

function save(name: string, value: unknown): Promise<void> {
  return new Promise((resolve) => {
    const s = settings();
    if (!s) return resolve(); // outside Excel: nothing to keep it in
    try {
      s.set(name, value);
      s.saveAsync(() => resolve());
    } catch {
      resolve();
    }
  });
}

/** Keep the service address in the workbook's settings (saved with the workbook). */
export function saveServiceUrl(url: string): Promise<void> {
  return save(SERVICE_SETTING, url);
}

/** The conflict marks the last sync left in this workbook. */
function savedMarks(): ConflictMark[] {
  const value = settings()?.get(MARKS_SETTING);
  return Array.isArray(value) ? value.filter((m): m is ConflictMark => !!m && typeof m.id === 'string' && typeof m.field === 'string') : [];
}

/** Queue the plan's writes; sync early only when a batch would pass the request budget. */
async function queueWrites(context: Excel.RequestContext, read: RegisterRead, plan: SyncWritePlan,
  headers: ReturnType<typeof addMissingColumns>): Promise<void> {
  const sheet = read.sheet;
  let queued = 0;
  const budget = async (bytes: number) => {
    if (queued && queued + bytes > BATCH_BYTES) {
      await context.sync();
      queued = 0;
    }
    queued += bytes;
  };
  const grouped = canUse('1.9');
  const fill = async (addresses: string[], color: string | null) => {
    if (!addresses.length) return;
    for (const joined of chunkAddresses(addresses)) {
      await budget(joined.length + 80);
      const targets = grouped ? [sheet.getRanges(joined)] : joined.split(',').map((a) => sheet.getRange(a));
      for (const target of targets) {
        if (color) target.format.fill.color = color;
        else target.format.fill.clear();
      }
    }
  };

  // columns the register lacked get their header, width and hidden flag as colouring gives them
  if (headers.length) {
    queueColorPlan(sheet, { headers, columns: [], fills: [], rules: [], states: [], counts: {} as ColorPlan['counts'], errors: 0, warnings: 0 }, []);
  }
  for (const block of plan.blocks) {
    await budget(utf8Bytes(JSON.stringify(block.values)) + 80);
    const letter = columnLetter(block.column);
    sheet.getRange(`${letter}${block.first}:${letter}${block.first + block.values.length - 1}`).values = block.values.map((v) => [v]) as unknown as string[][];
  }
  const append = plan.append;
  if (append) {
    await budget(utf8Bytes(JSON.stringify(append.values)) + utf8Bytes(JSON.stringify(append.numberFormats)) + 80);
    const block = sheet.getRange(`A${append.first}:${columnLetter(append.width)}${append.first + append.values.length - 1}`);
    block.numberFormat = append.numberFormats as unknown as string[][];
    block.values = append.values as unknown as string[][];
    for (const f of append.fills) await fill(f.addresses, f.color);
  }

  const byFill = new Map<string | null, string[]>();
  for (const cell of plan.cleared) byFill.set(cell.fill, [...(byFill.get(cell.fill) ?? []), cell.address]);
  for (const [color, addresses] of byFill) await fill(addresses, color);
  await fill(plan.conflicts.map((c) => c.address), CONFLICT_FILL);
  if (canUse('1.6')) {
    // the fill is hidden where a colour rule paints the row: a rule of the cell's own shows it
    for (const cf of read.conflictRules) cf.delete();
    for (const address of [...plan.conflicts.map((c) => c.address), ...plan.kept]) {
      await budget(address.length + 300);
      queueConflictRule(sheet.getRange(address));
    }
  }

  if (!canUse('1.18')) return;
  const notes = new Map(read.notes.map((n) => [n.address, n]));
  const current = new Set(plan.conflicts.map((c) => c.address));
  for (const note of read.notes) {
    if (note.content.startsWith(NOTE_PREFIX) && !current.has(note.address)) note.note.delete();
  }
  for (const conflict of plan.conflicts) {
    const existing = notes.get(conflict.address);
    const text = NOTE_PREFIX + conflict.fa;
    await budget(utf8Bytes(text) + 80);
    if (!existing) sheet.notes.add(conflict.address, text);
    else if (existing.content.startsWith(NOTE_PREFIX)) existing.note.content = text;
    // a person's own note stays; the fill and the pane's list still show the conflict
  }
}

/**
 * Sync the register with the service at `base` using `token`. Three context.sync calls while the
 * register reads in one block.
 * @param options.transport how to reach the service (default: fetch, else XMLHttpRequest)
 * @returns what happened, in Persian; conflicts with their cells
 */
export async function syncRegister(base: string, token: string, options: { transport?: Transport; partBytes?: number } = {}): Promise<SyncOutcome> {
  const failed = (message: string): SyncOutcome => ({ ok: false, message, conflicts: [], rejected: [], added: 0, changed: 0 });
  if (typeof Excel === 'undefined') return failed('این فرمان فقط درون اکسل کار می‌کند.');
  const transport = options.transport ?? webviewTransport();
  try {
    return await Excel.run(async (context) => {
      const read = await readRegister(context, { need: 'all', allFormats: true, rules: canUse('1.6'), notes: canUse('1.18') });
      const { layout, data } = read.input;
      const raw = rawRows(layout, data);
      const sent = syncRequest(layout, raw);
      const exchange = await exchangeRows(transport, base, token, sent, options.partBytes);
      if (exchange.parts.done === 0) return failed(exchange.failure ?? 'همگام‌سازی انجام نشد');
      const headers = addMissingColumns(layout);
      const plan = syncWrites({
        layout, raw, previous: savedMarks(), conditionalFormats: canUse('1.6'),
        formatAt: (field, index) => data[field]?.formats?.[index],
      }, exchange.answer);
      await asOwnWrites(async () => {
        await queueWrites(context, read, plan, headers);
        await context.sync();
      });
      await save(MARKS_SETTING, plan.marks);
      const added = plan.append?.values.length ?? 0;
      const parts = [`${fa(exchange.rowsSent)} ردیف فرستاده شد`, `${fa(plan.cellsChanged)} خانه به‌روز شد`];
      if (added) parts.push(`${fa(added)} ردیف تازه از سامانه به پایین دفتر افزوده شد`);
      if (plan.conflicts.length) parts.push(`${fa(plan.conflicts.length)} تعارض (خانه‌های نارنجی${canUse('1.18') ? ' با یادداشت' : ''})`);
      if (plan.cleared.length) parts.push(`${fa(plan.cleared.length)} تعارض پیشین برطرف شد`);
      if (plan.rejected.length) parts.push(`${fa(plan.rejected.length)} ردیف را سامانه نپذیرفت`);
      const done = parts.join('؛ ');
      const message = exchange.failure
        ? `همگام‌سازی نیمه‌کاره ماند: ${exchange.failure} (${fa(exchange.parts.done)} بخش از ${fa(exchange.parts.total)} بخش رسید؛ ${done})`
        : done;
      return {
        ok: !exchange.failure, message, added, changed: plan.cellsChanged,
        conflicts: plan.conflicts.map((c) => ({ sheet: layout.sheet, address: c.address, fa: c.fa })),
        rejected: plan.rejected.map((r) => r.fa),
      };
    });
  } catch (error) {
    if (error instanceof NoRegisterError) return failed(NO_REGISTER_FA);
    return failed(`همگام‌سازی انجام نشد: ${error instanceof Error ? error.message : String(error)}`);
  }
}
