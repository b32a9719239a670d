/**
 * A workbook without a register gets one from the pane: right to left through
 * insertWorksheetsFromBase64 where Excel has ExcelApi 1.13 (the sheets built with exceljs), cell
 * by cell with the menu click named elsewhere; either way the CLI's columns, the dropdown, the
 * percent limits and the settings sheet, and the other commands work on it at once.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { REGISTER_FIELDS } from '../core/register/fields';
import { JalaliDate } from '../core/jalali';
import { addMinutes, colorRegister } from '../addin/excel/commands';
import { createRegister, RTL_CLICK_FA } from '../addin/excel/newRegister';
import { SEED_MINUTES } from './helpers';
import { ExcelHost, installHost, type Host } from './excelHost';

// the pane loads exceljs's browser build; in node the package itself is the same code
jest.mock('exceljs/dist/exceljs.min.js', () => jest.requireActual('exceljs'), { virtual: true });

/** Office's insertWorksheetsFromBase64 for the stand-in host: the named sheets' values and direction. */
async function importInto(host: Host, base64: string, options: { sheetNamesToInsert?: string[] }, directions: Map<string, boolean>): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  workbook.eachSheet((ws) => {
    if (options.sheetNamesToInsert && !options.sheetNamesToInsert.includes(ws.name)) return;
    const sheet = host.workbook.add(ws.name);
    directions.set(ws.name, !!ws.views?.[0]?.rightToLeft);
    sheet.rightToLeft = !!ws.views?.[0]?.rightToLeft;
    ws.eachRow((row, r) => row.eachCell((cell, c) => { if (cell.value !== null) sheet.set(r, c, 'v', cell.value); }));
    (ws.columns ?? []).forEach((column, i) => { if (column.hidden) sheet.hiddenColumns[i + 1] = true; });
  });
}

function newHost(api: string, directions = new Map<string, boolean>()): Host {
  const pending: Array<Promise<void>> = [];
  // the register is read back with exceljs (values, hidden columns); empty side sheets inserted
  // later by colour go through the host's own synchronous insert
  const importWorkbook = (h: Host, base64: string, options: { sheetNamesToInsert?: string[] }) => {
    if (options.sheetNamesToInsert?.includes('مصوبات')) pending.push(importInto(h, base64, options, directions));
    else (h as unknown as { _insert(b: string, o: unknown): string[] })._insert(base64, options);
  };
  const host = new ExcelHost.Host({ api, importWorkbook } as never);
  host.workbook.add('Sheet1');
  // the import is asynchronous in node: the next sync waits for it, as Excel's request would
  const run = (host as unknown as { run: (cb: unknown) => Promise<unknown> }).run.bind(host);
  (host as unknown as { run: (cb: (c: { sync: () => Promise<void> }) => Promise<unknown>) => Promise<unknown> }).run = (cb) => run(async (context: { sync: () => Promise<void> }) => {
    const sync = context.sync.bind(context);
    context.sync = async () => { await Promise.all(pending.splice(0)); return sync(); };
    return cb(context);
  });
  installHost(host);
  return host;
}

const HEADERS = REGISTER_FIELDS.map((f) => f.fa);

describe('a new register in a workbook that has none', () => {
  it('Excel with ExcelApi 1.13: a right-to-left register and settings sheet inserted whole', async () => {
    const directions = new Map<string, boolean>();
    const host = newHost('1.13', directions);
    const outcome = await createRegister();
    expect(outcome).toEqual({ ok: true, message: 'دفتر تازه‌ی «مصوبات» (راست‌به‌چپ) با برگه‌ی «تنظیمات» ساخته شد.' });
    const sheet = host.workbook.sheet('مصوبات')!;
    expect(HEADERS.map((_, i) => sheet.get(1, i + 1, 'v'))).toEqual(HEADERS);
    expect(directions).toEqual(new Map([['مصوبات', true], ['تنظیمات', true]]));
    // revision and the Gregorian due date (the last two columns) are hidden helpers
    expect(sheet.hiddenColumns).toEqual({ 17: true, 18: true });
    expect(host.workbook.sheet('تنظیمات')!.get(1, 1, 'v')).toBe('تنظیم');
  });

  it('then adding the seed minutes and colouring works on it', async () => {
    const host = newHost('1.13');
    await createRegister();
    expect(await addMinutes(readFileSync(SEED_MINUTES, 'utf8'))).toMatchObject({ ok: true, added: 9 });
    const coloured = await colorRegister({ today: JalaliDate.parse('1401/05/20') });
    expect(coloured).toMatchObject({ ok: true, message: expect.stringContaining('۹ ردیف رنگ شد') });
    // the side sheets colour adds are right to left too, and the message needs no menu click
    expect(coloured.message).toContain('برگه‌های «خلاصه»، «مهلت گذشته»، «راهنما» ساخته شد.');
    expect(coloured.message).not.toContain(RTL_CLICK_FA);
    expect(host.workbook.sheets.map((s) => [s.name, s.rightToLeft])).toEqual([
      ['Sheet1', false], ['مصوبات', true], ['تنظیمات', true], ['خلاصه', true], ['مهلت گذشته', true], ['راهنما', true],
    ]);
  });

  it('an older Excel: the sheets made cell by cell, frozen header, dropdown and percent limits, and the menu click named', async () => {
    const host = newHost('1.8');
    const outcome = await createRegister();
    expect(outcome.ok).toBe(true);
    expect(outcome.message).toContain(RTL_CLICK_FA);
    const sheet = host.workbook.sheet('مصوبات')! as unknown as { frozenRows: number; validations: Array<{ area: string }>; hiddenColumns: Record<number, boolean>; get(r: number, c: number, w: string): unknown };
    expect(HEADERS.map((_, i) => sheet.get(1, i + 1, 'v'))).toEqual(HEADERS);
    expect(sheet.frozenRows).toBe(1);
    // I2:I501 and J2:J501
    expect(sheet.validations.map((v) => v.area)).toEqual([{ r1: 2, c1: 9, r2: 501, c2: 9 }, { r1: 2, c1: 10, r2: 501, c2: 10 }]);
    expect(sheet.hiddenColumns).toEqual({ 17: true, 18: true });
  });

  it('refuses when the workbook already has a register', async () => {
    const host = newHost('1.13');
    host.workbook.add('مصوبات');
    expect(await createRegister()).toMatchObject({ ok: false });
  });
});
