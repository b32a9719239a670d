import type { CellValue } from './types';
import {
  DEFAULT_REGISTER_SETTINGS, deadlineSettingsOf, describeSettingChanges, parseDays, parseSettingsSheet, parseYesNo,
  settingsSheetRows, type SettingsGrid,
} from './settings';

/** A grid (1-based rows and columns) from 0-based rows of cells. */
function grid(rows: CellValue[][]): SettingsGrid {
  const out: CellValue[][] = [];
  rows.forEach((row, r) => {
    out[r + 1] = [];
    row.forEach((v, c) => (out[r + 1][c + 1] = v));
  });
  return out;
}

describe('parseYesNo', () => {
  it.each([
    ['بله', true], ['بلی', true], ['آري', true], ['Yes', true], ['✓', true], [true, true], [1, true], [' بله ', true],
    ['خیر', false], ['نه', false], ['no', false], [false, false], [0, false], ['✗', false],
  ])('%j → %j', (value, expected) => expect(parseYesNo(value as CellValue)).toBe(expected));
  it('empty is null, anything else undefined', () => {
    expect(parseYesNo('')).toBeNull();
    expect(parseYesNo(null)).toBeNull();
    expect(parseYesNo('شاید')).toBeUndefined();
    expect(parseYesNo(2)).toBeUndefined();
  });
});

describe('parseDays', () => {
  it.each([['۵', 5], ['٥', 5], [5, 5], ['5 روز', 5], ['سه', 3], ['0', 0], ['365', 365]])('%j → %j', (value, expected) =>
    expect(parseDays(value as CellValue)).toBe(expected));
  it.each([['-1'], ['366'], ['2.5'], ['زیاد'], [true]])('%j is refused', (value) => expect(parseDays(value as CellValue)).toBeUndefined());
});

describe('parseSettingsSheet', () => {
  it('gives the defaults and present: false without a sheet', () => {
    const read = parseSettingsSheet(undefined);
    expect(read.present).toBe(false);
    expect(read.settings).toEqual(DEFAULT_REGISTER_SETTINGS);
    expect(read.issues).toEqual([]);
  });

  it('reads what the tool writes back unchanged', () => {
    const rows = settingsSheetRows(undefined, { thursdayIsWorkday: true, urgentDays: 2, dueSoonDays: 10, holidays: ['1404/01/10', '1404/01/11'] });
    const read = parseSettingsSheet(grid(rows));
    expect(read.present).toBe(true);
    expect(read.issues).toEqual([]);
    expect(read.settings).toEqual({ thursdayIsWorkday: true, urgentDays: 2, dueSoonDays: 10, holidays: ['1404/01/10', '1404/01/11'] });
    expect(rows[1][1]).toBe('بله');
    expect(rows[2][1]).toBe('۲');
  });

  it('reads hand-typed values: Arabic letters, Persian and Arabic-Indic digits, labels typed another way', () => {
    const read = parseSettingsSheet(grid([
      ['تنظیم', 'مقدار', 'توضیح'],
      ['پنجشنبه روزکاری است', 'بلي', ''],
      ['مهلت فوری', '۵ روز', ''],
      ['نزدیک به پایان مهلت (روز)', '١٠', ''],
      ['تعطیلات رسمی دیگر', '۱۴۰۴/۱/۱۰', ''],
      [null, '1404-01-11', ''],
      [null, '', ''],
      [null, '۱۴۰۴/۰۴/۱۴، ۱۴۰۴/۰۴/۱۵', ''],
      ['یادداشت', 'چیزی دیگر'],
    ]));
    expect(read.issues).toEqual([]);
    expect(read.settings).toEqual({
      thursdayIsWorkday: true, urgentDays: 5, dueSoonDays: 10, holidays: ['1404/01/10', '1404/01/11', '1404/04/14', '1404/04/15'],
    });
    expect(read.raw.extra).toEqual([[null, 'یادداشت', 'چیزی دیگر']]);
  });

  it('finds the columns by header wherever they are', () => {
    const read = parseSettingsSheet(grid([
      ['توضیح', 'Value', 'Setting'],
      ['', 'yes', 'Thursday is a working day'],
    ]));
    expect(read.settings.thursdayIsWorkday).toBe(true);
  });

  it('reports each bad cell with sheet and cell, and uses the default for it', () => {
    const read = parseSettingsSheet(grid([
      ['تنظیم', 'مقدار', 'توضیح'],
      ['پنجشنبه روز کاری است', 'شاید'],
      ['مهلت «فوری» (روز)', '۴۰۰'],
      ['نزدیک به پایان مهلت (روز)', '۱۰'],
      ['تعطیلات رسمی دیگر', '۱۴۰۴/۱۳/۰۱'],
      [null, '۱۴۰۴/۰۱/۱۰'],
    ]), 'تنظیمات');
    expect(read.settings).toEqual({ thursdayIsWorkday: false, urgentDays: 3, dueSoonDays: 10, holidays: ['1404/01/10'] });
    expect(read.issues.map((i) => [i.severity, i.code, i.sheet, i.cell])).toEqual([
      ['error', 'setting_invalid', 'تنظیمات', 'B2'],
      ['error', 'setting_invalid', 'تنظیمات', 'B3'],
      ['error', 'setting_invalid', 'تنظیمات', 'B5'],
    ]);
    expect(read.issues[0].fa).toContain('«شاید»');
    expect(read.issues[0].fa).toContain('خانه B2');
    expect(read.issues[1].fa).toContain('پیش‌فرض ۳');
  });

  it('an empty value means the default, without an issue', () => {
    const read = parseSettingsSheet(grid([['تنظیم', 'مقدار'], ['مهلت «فوری» (روز)', ''], ['پنجشنبه روز کاری است', null]]));
    expect(read.issues).toEqual([]);
    expect(read.settings).toEqual(DEFAULT_REGISTER_SETTINGS);
  });
});

describe('settingsSheetRows', () => {
  it('keeps values as typed (a bad one too) and changes only what is asked', () => {
    const before = parseSettingsSheet(grid([
      ['تنظیم', 'مقدار'], ['پنجشنبه روز کاری است', 'بلی'], ['مهلت «فوری» (روز)', 'زیاد'], ['تعطیلات رسمی دیگر', '۱۴۰۴/۰۱/۱۰'], ['یادداشت', 'x'],
    ]));
    const rows = settingsSheetRows(before.raw, { holidays: ['1404/01/12', '1404/01/13'] });
    const after = parseSettingsSheet(grid(rows));
    expect(after.raw.values.thursdayIsWorkday).toBe('بلی');
    expect(after.issues.map((i) => i.cell)).toEqual(['B3']);
    expect(after.settings.holidays).toEqual(['1404/01/12', '1404/01/13']);
    expect(after.raw.extra).toEqual([[null, 'یادداشت', 'x']]);
  });
});

describe('deadlineSettingsOf and describeSettingChanges', () => {
  it('turns the holidays into a set and keeps the fixed solar holidays on', () => {
    const s = deadlineSettingsOf({ ...DEFAULT_REGISTER_SETTINGS, thursdayIsWorkday: true, holidays: ['1404/01/10'] });
    expect(s.thursdayIsWorkday).toBe(true);
    expect([...s.holidays]).toEqual(['1404/01/10']);
    expect(s.solarHolidays).toBe(true);
  });
  it('names only what changes', () => {
    const changes = describeSettingChanges(DEFAULT_REGISTER_SETTINGS, { thursdayIsWorkday: true, urgentDays: 3, holidays: ['1404/01/10'] });
    expect(changes.map((c) => c.fa)).toEqual(['پنجشنبه روز کاری است: بله', 'تعطیلات رسمی دیگر: ۱۴۰۴/۰۱/۱۰']);
  });
});
