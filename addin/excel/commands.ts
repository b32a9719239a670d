/// <reference types="office-js" />
/**
 * The add-in's commands on the open workbook, one named async function each. The ribbon's
 * function file and the task pane both call these. Each runs its own Excel.run, reads (see
 * readRegister), computes with core/ (addin/plan), and writes in one batch: one sync finds the
 * register, one reads what the command needs of it while that comes to 4 MB or less as JSON
 * (some 9,000 rows of typical resolutions for colour), one writes; one more for each further
 * 4 MB read or written, since Excel on the web refuses a request or response over 5 MB; never
 * more because of the row count alone. Failures come back as Persian messages, never thrown.
 */
import { JalaliDate } from '../../core/jalali';
import { tehranStamp } from '../../core/jalali/clock';
import { SHEETS } from '../../core/register/fields';
import { summarize } from '../../core/register/summary';
import { parseSettingsSheet, settingsSheetRows, type RegisterSettings } from '../../core/register/settings';
import { MosavabatError } from '../../core/errors';
import { toPersianDigits } from '../../core/text';
import { DEADLINE_STATES, STATE_LABELS } from '../../core/register/state';
import { agencyNamer } from '../../core/agency';
import { addMissingColumns, analyzeInput, colorPlan, settingsGrid, validationList } from '../plan/register';
import { registerParts, settingsPicture, sideSheetPictures, type SheetPicture } from '../plan/sheets';
import { previewMinutes, rowCells, type MinutesPreview } from '../plan/minutes';
import { columnLetter } from '../plan/cells';
import { canUse, RTL_CLICK_FA } from './capabilities';
import { NO_REGISTER_FA, NoRegisterError, readRegister } from './read';
import { queueColorPlan } from './write';
import { raiseConflictRules } from './conflictMarks';
import { jsonBytes, loadSideSheetState, missingSheets, queueRegisterParts, queueSideSheets, REQUEST_BUDGET, workbookName, type QueuedSideSheets, type SideSheetState } from './sheets';
import { rightToLeftSheetsBase64 } from './newRegister';

/** What a command tells the user: `message` is Persian, shown in the pane or a notification. */
export interface CommandOutcome {
  ok: boolean;
  message: string;
  /** The message asks something of the user (a menu click): shown even by a ribbon button that is quiet on success. */
  tell?: boolean;
}

/** One validation finding as the pane lists it. */
export interface ValidationItem {
  severity: 'error' | 'warning';
  code: string;
  sheet: string;
  /** A1 address inside `sheet`, e.g. `J12`. */
  cell: string;
  fa: string;
  en: string;
}

/** Validation result: the findings, errors first, plus counts for the pane's badge. */
export interface ValidationOutcome extends CommandOutcome {
  errors: number;
  warnings: number;
  items: ValidationItem[];
}

/** Options the pane and tests pass; the ribbon calls with none. */
export interface CommandOptions {
  /** Today in Asia/Tehran; default JalaliDate.today(). */
  today?: JalaliDate;
  /** Bytes one request may carry (default REQUEST_BUDGET, under Excel on the web's 5 MB). */
  requestBudget?: number;
}

/** Set while the add-in itself writes, so re-colour on edit ignores those changes. */
let writing = 0;
/** Whether the add-in is writing now (its own changes must not trigger a re-colour). */
export function isWriting(): boolean {
  return writing > 0;
}

/** Run `work` as the add-in's own writes (re-colour on edit ignores the changes it makes). */
export async function asOwnWrites<T>(work: () => Promise<T>): Promise<T> {
  writing++;
  try {
    return await work();
  } finally {
    writing--;
  }
}

const fa = (n: number) => toPersianDigits(String(n));

/** A failure as the user reads it. */
function failure(error: unknown): string {
  if (error instanceof NoRegisterError) return NO_REGISTER_FA;
  if (error instanceof MosavabatError) return error.fa;
  const code = (error as { code?: string })?.code;
  if (code === 'InvalidOperationInCellEditMode') return 'اکسل در حال ویرایش یک خانه است؛ ویرایش را با Enter یا Esc تمام کنید و دوباره بزنید.';
  if (code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded') return 'دفتر برای یک بار خواندن یا نوشتن در اکسل وب بزرگ است؛ آن را در اکسل رومیزی باز کنید یا با فرمان mosavabat color رنگ کنید.';
  const detail = error instanceof Error ? error.message : String(error);
  return `کار انجام نشد: ${detail}`;
}

async function guarded<T extends CommandOutcome>(work: () => Promise<T>, onError: (message: string) => T): Promise<T> {
  if (typeof Excel === 'undefined') return onError('این فرمان فقط درون اکسل کار می‌کند.');
  try {
    return await work();
  } catch (error) {
    return onError(failure(error));
  }
}

/**
 * Colour every register row by its deadline state: state words, hidden Gregorian due date,
 * canonical status words, the tool's conditional-format rules (the user's are kept) and static
 * fills for rows no rule expresses; the status dropdown, percent limits, autofilter and frozen
 * header again; and the `خلاصه`, `مهلت گذشته` and `راهنما` sheets as `mosavabat color` writes
 * them. Three context.sync calls (see the file's comment for large registers).
 */
export async function colorRegister(options: CommandOptions = {}): Promise<CommandOutcome> {
  return guarded<CommandOutcome>(() => Excel.run(async (context) => {
    const today = options.today ?? JalaliDate.today();
    const rulesSupported = canUse('1.6');
    let side: SideSheetState | undefined;
    const read = await readRegister(context, { need: 'states', rules: rulesSupported, alsoLoad: (names, sheet) => { side = loadSideSheetState(context, names, sheet); } });
    const headers = addMissingColumns(read.input.layout);
    const { analysis, settings, raw, directory } = analyzeInput(read.input, today);
    const plan = colorPlan(read.input.layout, analysis, settings.settings.dueSoonDays, { conditionalFormats: rulesSupported, headers, raw });
    const summary = summarize(analysis.rows, today, agencyNamer(directory));
    // a register without settings (an older file) gets the sheet with the defaults, as from the CLI
    const pictures = [...(read.input.settings ? [] : [settingsPicture()]), ...sideSheetPictures(summary, today, workbookName(side!))];
    const rightToLeft = await rightToLeftSheets(pictures, read.sheetNames);
    let added: QueuedSideSheets | undefined;
    writing++;
    try {
      queueColorPlan(read.sheet, plan, read.toolRules);
      // the sync's conflict marks stay above the colour rules just put at the top
      if (plan.rules.length) raiseConflictRules(read.conflictRules);
      queueRegisterParts(read.sheet, registerParts(read.input.layout), side!);
      // the side sheets take the room the register's own writes leave in this request; when that
      // is little (a register of tens of thousands of rows), they start a request of their own
      const budget = options.requestBudget ?? REQUEST_BUDGET;
      // the register's writes: values, fills and rules, and a number format per cell of a formatted column (`["yyyy-mm-dd"],`)
      const formats = plan.columns.reduce((sum, c) => sum + (c.numberFormat ? c.values.length * (c.numberFormat.length + 5) : 0), 0);
      const room = budget - jsonBytes([plan.columns, plan.fills, plan.rules]) - formats;
      const side2 = side!;
      const queue = (space: number) => queueSideSheets(context, pictures, side2, read.sheetNames, space, budget, rightToLeft);
      let queued = room >= budget / 4 ? queue(room) : undefined;
      await context.sync();
      if (!queued) {
        queued = queue(budget);
        await context.sync();
      }
      added = queued;
      await syncLater(context, queued.later);
    } finally {
      writing--;
    }
    const parts = DEADLINE_STATES.filter((s) => plan.counts[s]).map((s) => `${STATE_LABELS[s]}: ${fa(plan.counts[s])}`);
    const rows = analysis.rows.length;
    const tail = plan.errors ? ` ${fa(plan.errors)} خطا؛ «بررسی» را بزنید.` : '';
    return { ok: true, message: `${fa(rows)} ردیف رنگ شد (${parts.join('، ')}).${tail}${addedNote(added)}`, tell: !!added?.addedLeftToRight.length };
  }), (message) => ({ ok: false, message }));
}

/**
 * The side sheets' values that did not fit in the write batch, one request each (only a
 * register whose overdue list runs to megabytes has any: Excel on the web takes 5 MB a request).
 */
async function syncLater(context: Excel.RequestContext, later: ReadonlyArray<() => void>): Promise<void> {
  for (const queue of later) {
    queue();
    await context.sync();
  }
}

/**
 * The missing side sheets as empty right-to-left sheets to insert (ExcelApi 1.13), built before
 * the write batch; undefined where Excel cannot insert them or none is missing.
 */
async function rightToLeftSheets(pictures: readonly SheetPicture[], sheetNames: readonly string[]): Promise<string | undefined> {
  const missing = missingSheets(pictures, sheetNames);
  return missing.length && canUse('1.13') ? rightToLeftSheetsBase64(missing) : undefined;
}

/** A note on sheets just added; those Office.js made left-to-right come with the menu click that turns them. */
function addedNote(added: QueuedSideSheets | undefined): string {
  const names = (list: readonly string[]) => list.map((n) => `«${n}»`).join('، ');
  let note = '';
  if (added?.addedRightToLeft.length) note += ` برگه‌های ${names(added.addedRightToLeft)} ساخته شد.`;
  if (added?.addedLeftToRight.length) note += ` برگه‌های ${names(added.addedLeftToRight)} ساخته شد. ${RTL_CLICK_FA}`;
  return note;
}

/** Validate the register with core's rules: findings errors first, each with its cell. Two syncs. */
export async function validateRegister(options: CommandOptions = {}): Promise<ValidationOutcome> {
  return guarded<ValidationOutcome>(() => Excel.run(async (context) => {
    const today = options.today ?? JalaliDate.today();
    const read = await readRegister(context, { rules: false });
    const { analysis } = analyzeInput(read.input, today);
    const items: ValidationItem[] = validationList(analysis.issues).map((i) => ({
      severity: i.severity, code: i.code, sheet: i.sheet, cell: i.cell, fa: i.fa, en: i.en,
    }));
    const errors = items.filter((i) => i.severity === 'error').length;
    const warnings = items.length - errors;
    const message = items.length
      ? `${fa(errors)} خطا و ${fa(warnings)} هشدار در ${fa(analysis.rows.length)} ردیف`
      : `${fa(analysis.rows.length)} ردیف بررسی شد؛ خطا یا هشداری نیست.`;
    return { ok: true, message, errors, warnings, items };
  }), (message) => ({ ok: false, message, errors: 0, warnings: 0, items: [] }));
}

/** Activate a sheet and select one cell (a validation finding). One sync. */
export async function selectCell(sheet: string, cell: string): Promise<CommandOutcome> {
  return guarded<CommandOutcome>(() => Excel.run(async (context) => {
    const target = context.workbook.worksheets.getItem(sheet);
    target.activate();
    target.getRange(cell).select();
    await context.sync();
    return { ok: true, message: `${sheet}!${cell}` };
  }), (message) => ({ ok: false, message }));
}

/**
 * Create or refresh the `خلاصه` and `مهلت گذشته` sheets with what `mosavabat summary` writes for
 * the same day (per agency, per meeting, overall; the overdue list), a stacked bar chart of
 * states per agency, A4 landscape; then show `خلاصه`. Three syncs.
 */
export async function writeSummary(options: CommandOptions = {}): Promise<CommandOutcome> {
  return guarded<CommandOutcome>(() => Excel.run(async (context) => {
    const today = options.today ?? JalaliDate.today();
    let side: SideSheetState | undefined;
    const read = await readRegister(context, { need: 'states', rules: false, alsoLoad: (names, sheet) => { side = loadSideSheetState(context, names, sheet); } });
    const { analysis, directory } = analyzeInput(read.input, today);
    const summary = summarize(analysis.rows, today, agencyNamer(directory));
    const pictures = sideSheetPictures(summary, today, workbookName(side!)).filter((p) => p.name !== SHEETS.legend);
    const rightToLeft = await rightToLeftSheets(pictures, read.sheetNames);
    let added: QueuedSideSheets | undefined;
    writing++;
    try {
      const queued = queueSideSheets(context, pictures, side!, read.sheetNames, options.requestBudget, options.requestBudget, rightToLeft);
      added = queued;
      context.workbook.worksheets.getItem(SHEETS.summary).activate();
      await context.sync();
      await syncLater(context, queued.later);
    } finally {
      writing--;
    }
    const t = summary.total;
    const percent = t.percentDone === null ? '—' : `${fa(t.percentDone)}٪`;
    return { ok: true, message: `خلاصه نوشته شد: ${fa(t.total)} ردیف، ${fa(summary.agencies.length)} دستگاه، ${fa(t.counts.overdue)} مهلت گذشته، انجام ${percent}.${addedNote(added)}` };
  }), (message) => ({ ok: false, message }));
}

/** Parse minutes text against the open register (its settings and ids) for the preview. Two syncs. */
export async function previewMinutesText(text: string): Promise<MinutesPreview> {
  const empty = (message: string): MinutesPreview => ({ ok: false, message, rows: [], warnings: [], assignments: [] });
  if (typeof Excel === 'undefined') return empty('این فرمان فقط درون اکسل کار می‌کند.');
  try {
    return await Excel.run(async (context) => {
      const read = await readRegister(context, { need: 'ids', rules: false });
      const settings = parseSettingsSheet(settingsGrid(read.input.settings)).settings;
      const ids = new Set((read.input.data.id?.values ?? []).map((v) => String(v ?? '').trim()).filter(Boolean));
      return previewMinutes(text, settings, ids, tehranStamp());
    });
  } catch (error) {
    return empty(failure(error));
  }
}

/**
 * Append the minutes' new rows below the register's last row (ids already present are skipped),
 * then the caller re-colours. Three syncs.
 */
export async function addMinutes(text: string, options: { now?: Date } = {}): Promise<CommandOutcome & { added: number }> {
  return guarded<CommandOutcome & { added: number }>(() => Excel.run(async (context) => {
    const read = await readRegister(context, { need: 'ids', rules: false });
    const layout = read.input.layout;
    const settings = parseSettingsSheet(settingsGrid(read.input.settings)).settings;
    const ids = new Set((read.input.data.id?.values ?? []).map((v) => String(v ?? '').trim()).filter(Boolean));
    const preview = previewMinutes(text, settings, ids, tehranStamp(options.now));
    if (!preview.ok) return { ok: false, message: preview.message, added: 0 };
    const fresh = preview.assignments.filter((a) => !ids.has(a.id));
    if (!fresh.length) return { ok: true, message: preview.message, added: 0 };
    const headers = addMissingColumns(layout);
    const width = layout.lastColumn;
    const first = layout.lastRow + 1;
    const grid = fresh.map((a) => {
      const cells = rowCells(a);
      const line: Array<string | number | null> = new Array(width).fill(null);
      for (const [field, column] of layout.columns) line[column - 1] = cells[field] ?? '';
      return line;
    });
    writing++;
    try {
      for (const h of headers) read.sheet.getRange(`${columnLetter(h.column)}${h.row}`).values = [[h.header]];
      const block = read.sheet.getRange(`A${first}:${columnLetter(width)}${first + fresh.length - 1}`);
      block.values = grid as unknown as string[][];
      await context.sync();
    } finally {
      writing--;
    }
    return { ok: true, message: `${fa(fresh.length)} ردیف تازه به دفتر افزوده شد.`, added: fresh.length };
  }), (message) => ({ ok: false, message, added: 0 }));
}

/** The register's settings (defaults where the sheet says nothing) and the sheet's unreadable cells. */
export async function readSettings(): Promise<{ ok: boolean; message: string; settings?: RegisterSettings; present?: boolean }> {
  return guarded<{ ok: boolean; message: string; settings?: RegisterSettings; present?: boolean }>(() => Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItemOrNullObject(SHEETS.settings);
    await context.sync();
    let values: unknown[][] | undefined;
    if (!sheet.isNullObject) {
      const used = sheet.getUsedRangeOrNullObject(true);
      used.load('values,rowIndex,columnIndex');
      await context.sync();
      if (!used.isNullObject) values = [...Array.from({ length: used.rowIndex }, () => []), ...(used.values as unknown[][]).map((l) => [...new Array(used.columnIndex).fill(''), ...l])];
    }
    const read = parseSettingsSheet(settingsGrid(values));
    return { ok: true, message: read.issues.map((i) => `${i.cell}: ${i.fa}`).join('\n'), settings: read.settings, present: read.present };
  }), (message) => ({ ok: false, message }));
}

/** Write settings into the `تنظیمات` sheet (created when missing), other values kept as typed. Three syncs. */
export async function saveSettings(changes: Partial<RegisterSettings>): Promise<CommandOutcome> {
  return guarded<CommandOutcome>(() => Excel.run(async (context) => {
    const existing = context.workbook.worksheets.getItemOrNullObject(SHEETS.settings);
    await context.sync();
    let values: unknown[][] | undefined;
    let used: Excel.Range | undefined;
    if (!existing.isNullObject) {
      used = existing.getUsedRangeOrNullObject(true);
      used.load('values,rowIndex,columnIndex,rowCount,columnCount');
      await context.sync();
      if (!used.isNullObject) values = [...Array.from({ length: used.rowIndex }, () => []), ...(used.values as unknown[][]).map((l) => [...new Array(used!.columnIndex).fill(''), ...l])];
    }
    const read = parseSettingsSheet(settingsGrid(values));
    const rows = settingsSheetRows(read.raw, changes);
    const width = 3;
    const grid = rows.map((r) => Array.from({ length: width }, (_, i) => (r[i] ?? '') as string | number | boolean));
    const adding = existing.isNullObject;
    const rightToLeft = adding && canUse('1.13') ? await rightToLeftSheetsBase64([SHEETS.settings]) : undefined;
    writing++;
    try {
      let sheet = existing;
      if (adding && rightToLeft) {
        context.workbook.insertWorksheetsFromBase64(rightToLeft, { sheetNamesToInsert: [SHEETS.settings], positionType: 'End' });
        sheet = context.workbook.worksheets.getItem(SHEETS.settings);
      } else if (adding) {
        sheet = context.workbook.worksheets.add(SHEETS.settings);
      }
      if (used && !used.isNullObject) used.clear();
      sheet.getRange(`A1:C${grid.length}`).values = grid as unknown as string[][];
      sheet.getRange('A1:C1').format.font.bold = true;
      sheet.getRange('A:A').format.columnWidth = 180;
      sheet.getRange('B:B').format.columnWidth = 90;
      sheet.getRange('C:C').format.columnWidth = 420;
      await context.sync();
    } finally {
      writing--;
    }
    const made = adding && !rightToLeft ? ` برگه‌ی «تنظیمات» ساخته شد. ${RTL_CLICK_FA}` : '';
    return { ok: true, message: `تنظیمات در برگه‌ی «تنظیمات» نوشته شد.${made}` };
  }), (message) => ({ ok: false, message }));
}
