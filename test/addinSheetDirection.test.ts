/**
 * Sheets the add-in adds to a workbook run right to left where Excel can insert a sheet from a
 * file (ExcelApi 1.13: empty right-to-left sheets built with exceljs, then written through
 * Office.js inside the command's own batches); on an older Excel they are added left to right
 * and the message names the one menu click. Also: a `تنظیمات` sheet that exists but is empty
 * gets the defaults instead of failing the colour.
 */
import { join } from 'node:path';
import { JalaliDate } from '../core/jalali';
import { colorRegister, readSettings, saveSettings, writeSummary } from '../addin/excel/commands';
import { RTL_CLICK_FA } from '../addin/excel/capabilities';
import { cli, SEED_MINUTES, tempDir } from './helpers';
import { editWithExcelJS } from './registerHelpers';
import { hostFromXlsx, installHost, serialOf, xlsxSheets, type Host } from './excelHost';

const TODAY = JalaliDate.parse('1401/05/20');
const SIDE = ['خلاصه', 'مهلت گذشته', 'راهنما'];
// the CLI runs as a child process to make the registers: slow under load, not wrong
jest.setTimeout(60_000);

let bare: string;
let emptySettings: string;

beforeAll(async () => {
  const dir = tempDir('mosavabat-direction-');
  bare = join(dir, 'bare.xlsx');
  expect((await cli('import', SEED_MINUTES, '-o', bare, '--today', '1401/04/20')).status).toBe(0);
  await editWithExcelJS(bare, (workbook) => {
    for (const name of [...SIDE, 'تنظیمات']) workbook.removeWorksheet(workbook.getWorksheet(name)!.id);
  });
  emptySettings = join(dir, 'empty-settings.xlsx');
  expect((await cli('import', SEED_MINUTES, '-o', emptySettings, '--today', '1401/04/20')).status).toBe(0);
  await editWithExcelJS(emptySettings, (workbook) => {
    const settings = workbook.getWorksheet('تنظیمات')!;
    settings.eachRow((row) => row.eachCell((cell) => { cell.value = null; }));
  });
}, 120_000);

async function open(path: string, api: string): Promise<Host> {
  const host = await hostFromXlsx(path, { api, today: serialOf(TODAY.toUtcDate()) });
  installHost(host);
  return host;
}

const directions = (host: Host) => host.workbook.sheets.map((s) => [s.name, s.rightToLeft]);

describe('side sheets the add-in adds', () => {
  it('ExcelApi 1.13: colour inserts the three side sheets and the settings sheet right to left, in three syncs, once', async () => {
    const host = await open(bare, '1.13');
    const outcome = await colorRegister({ today: TODAY });
    expect(outcome.ok).toBe(true);
    expect(outcome.message).toContain('برگه‌های «تنظیمات»، «خلاصه»، «مهلت گذشته»، «راهنما» ساخته شد.');
    expect(outcome.message).not.toContain(RTL_CLICK_FA);
    expect(outcome.tell).toBe(false);
    expect(host.stats.syncs).toBe(3);
    // the settings sheet after دستگاه‌ها, as the CLI puts it; every sheet right to left
    expect(directions(host)).toEqual([
      ['مصوبات', true], ['جلسات', true], ['دستگاه‌ها', true], ['تنظیمات', true], ['خلاصه', true], ['مهلت گذشته', true], ['راهنما', true],
    ]);
    // one file, sent once: four empty right-to-left sheets and nothing else
    expect(host.inserted).toHaveLength(1);
    expect(xlsxSheets(host.inserted[0].base64)).toEqual(['تنظیمات', ...SIDE].map((name) => ({ name, rightToLeft: true })));
    expect(host.workbook.sheet('تنظیمات')!.get(1, 1, 'v')).toBe('تنظیم');
    expect(host.workbook.sheet('مهلت گذشته')!.get(3, 3, 'v')).toBe(41);

    const again = await colorRegister({ today: TODAY });
    expect(again.message).not.toContain('ساخته شد');
    expect(host.inserted).toHaveLength(1);
  });

  it('ExcelApi 1.12: the same sheets and cells, added left to right, and the message names the menu click', async () => {
    const host = await open(bare, '1.12');
    const outcome = await colorRegister({ today: TODAY });
    expect(outcome.message).toContain(`برگه‌های «تنظیمات»، «خلاصه»، «مهلت گذشته»، «راهنما» ساخته شد. ${RTL_CLICK_FA}`);
    // a ribbon click, quiet on success, shows this message: it asks for the menu click
    expect(outcome.tell).toBe(true);
    expect(host.inserted).toHaveLength(0);
    expect(host.workbook.sheets.slice(3).map((s) => [s.name, s.rightToLeft])).toEqual(['تنظیمات', ...SIDE].map((name) => [name, false]));
    const inserted = await open(bare, '1.13');
    await colorRegister({ today: TODAY });
    for (const name of ['تنظیمات', ...SIDE]) {
      expect([name, JSON.stringify(host.workbook.sheet(name)!.rows)]).toEqual([name, JSON.stringify(inserted.workbook.sheet(name)!.rows)]);
    }
  });

  it('summary adds خلاصه and مهلت گذشته right to left, not the legend', async () => {
    const host = await open(bare, '1.13');
    const outcome = await writeSummary({ today: TODAY });
    expect(outcome.message).toContain('برگه‌های «خلاصه»، «مهلت گذشته» ساخته شد.');
    expect(host.workbook.sheets.slice(-2).map((s) => [s.name, s.rightToLeft])).toEqual([['خلاصه', true], ['مهلت گذشته', true]]);
    expect(host.workbook.sheet('راهنما')).toBeUndefined();
    expect(host.workbook.active!.name).toBe('خلاصه');
  });
});

describe('the settings sheet', () => {
  it('an empty تنظیمات sheet gets the defaults when colouring, instead of a failed colour', async () => {
    const host = await open(emptySettings, '1.13');
    const outcome = await colorRegister({ today: TODAY });
    expect(outcome).toMatchObject({ ok: true, message: expect.stringContaining('۹ ردیف رنگ شد') });
    expect(host.inserted).toHaveLength(0);
    const settings = host.workbook.sheet('تنظیمات')!;
    expect([settings.get(1, 1, 'v'), settings.get(1, 2, 'v')]).toEqual(['تنظیم', 'مقدار']);
  });

  it('saving settings from the pane in a workbook without the sheet inserts it right to left (1.13) or names the click (1.12)', async () => {
    for (const [api, rtl] of [['1.13', true], ['1.12', false]] as const) {
      const host = await open(bare, api);
      const outcome = await saveSettings({ dueSoonDays: 10, thursdayIsWorkday: true });
      expect([api, outcome.ok, outcome.message.includes(RTL_CLICK_FA)]).toEqual([api, true, !rtl]);
      expect([api, host.workbook.sheet('تنظیمات')!.rightToLeft]).toEqual([api, rtl]);
      const read = await readSettings();
      expect(read.settings).toMatchObject({ dueSoonDays: 10, thursdayIsWorkday: true, urgentDays: 3 });
    }
  });
});
