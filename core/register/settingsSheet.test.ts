/** The settings sheet as people lay it out and type it, and what the tool writes and says back. */
import type { CellValue } from './types';
import {
  DEFAULT_REGISTER_SETTINGS, describeSettingChanges, parseSettingsSheet, parseYesNo, settingsSheetRows, type SettingsGrid,
} from './settings';

/** A grid (1-based rows and columns) from 0-based rows of cells; an undefined row stays a gap. */
function grid(rows: Array<CellValue[] | undefined>): SettingsGrid {
  const out: Array<CellValue[] | undefined> = [];
  rows.forEach((row, r) => {
    if (!row) return;
    out[r + 1] = [];
    row.forEach((v, c) => (out[r + 1]![c + 1] = v));
  });
  return out;
}

const THURSDAY = 'پنجشنبه روز کاری است';
const URGENT = 'مهلت «فوری» (روز)';
const DUE_SOON = 'نزدیک به پایان مهلت (روز)';
const HOLIDAYS = 'تعطیلات رسمی دیگر';
const NOTE_THURSDAY = '«بله» اگر در این استان و این سال پنجشنبه روز کاری است؛ آنگاه در مهلت‌های «N روز کاری» پنجشنبه‌ها هم شمرده می‌شوند. پیش‌فرض: خیر';
const NOTE_URGENT = 'مهلت مصوبه‌هایی که زمان اقدامشان «فوری» یا «بلافاصله» است: چند روز پس از تاریخ جلسه. پیش‌فرض: ۳';
const NOTE_DUE_SOON = 'ردیفی که تا این تعداد روز دیگر مهلتش تمام می‌شود «نزدیک به پایان مهلت» رنگ می‌شود. پیش‌فرض: ۷';

describe('parseYesNo: a check mark with spaces around it', () => {
  it('reads « ✓ » as yes and « ✗ » as no', () => {
    expect(parseYesNo(' ✓ ')).toBe(true);
    expect(parseYesNo(' ✗ ')).toBe(false);
  });
});

describe('the settings sheet laid out in other ways', () => {
  it('without a header row, the first row is already a setting (label in A, value in B)', () => {
    const read = parseSettingsSheet(grid([[URGENT, '۵'], [THURSDAY, 'بله']]));
    expect(read.settings).toEqual({ ...DEFAULT_REGISTER_SETTINGS, urgentDays: 5, thursdayIsWorkday: true });
    expect(read.raw.extra).toEqual([]);
  });

  it('with a header naming only the value column, the labels are in A and the first row is the header', () => {
    const read = parseSettingsSheet(grid([[null, 'مقدار'], [URGENT, '۵']]));
    expect(read.settings.urgentDays).toBe(5);
    expect(read.raw.extra).toEqual([]);
  });

  it('with a header naming only the label column, the values are in the column after it', () => {
    const read = parseSettingsSheet(grid([[null, 'تنظیم'], [null, URGENT, '۵']]));
    expect(read.settings.urgentDays).toBe(5);
  });

  it('a header written twice: the first column of that name counts', () => {
    const read = parseSettingsSheet(grid([['تنظیم', 'مقدار', 'مقدار'], [URGENT, '۵', '۹']]));
    expect(read.settings.urgentDays).toBe(5);
  });

  it('a number or yes/no in the header row is no header, and nothing throws', () => {
    const read = parseSettingsSheet(grid([['تنظیم', 'مقدار', 1404, true], [URGENT, '۵']]));
    expect(read.settings.urgentDays).toBe(5);
  });

  it('skips rows that are not there at all (a sparse sheet)', () => {
    const read = parseSettingsSheet(grid([['تنظیم', 'مقدار'], undefined, [URGENT, '۵'], undefined, [DUE_SOON, '۱۰']]));
    expect(read.settings).toEqual({ ...DEFAULT_REGISTER_SETTINGS, urgentDays: 5, dueSoonDays: 10 });
  });

  it('without a sheet, nothing was typed: no values, no holidays, no extra rows', () => {
    expect(parseSettingsSheet(undefined).raw).toEqual({ values: {}, holidays: [], extra: [] });
  });
});

describe('rows without a label', () => {
  it('below a setting that is not the holidays: not read as that setting, but kept to be written back', () => {
    const read = parseSettingsSheet(grid([['تنظیم', 'مقدار'], [URGENT, '۵'], [null, '۹', 'یادداشت'], [null, null, ''], [DUE_SOON, '۱۰']]));
    expect(read.settings).toEqual({ ...DEFAULT_REGISTER_SETTINGS, urgentDays: 5, dueSoonDays: 10 });
    expect(read.raw.values).toEqual({ urgentDays: '۵', dueSoonDays: '۱۰' });
    expect(read.raw.extra).toEqual([[null, null, '۹', 'یادداشت']]);
  });

  it('below the holidays: each is a holiday; an empty one is skipped and not kept', () => {
    const read = parseSettingsSheet(grid([['تنظیم', 'مقدار'], [HOLIDAYS, null], [null, '۱۴۰۴/۰۱/۱۰'], [null, ''], [null, '۱۴۰۴/۰۱/۱۰'], [null, '۱۴۰۴/۰۱/۱۱']]));
    expect(read.settings.holidays).toEqual(['1404/01/10', '1404/01/11']);
    expect(read.raw.holidays).toEqual(['۱۴۰۴/۰۱/۱۰', '۱۴۰۴/۰۱/۱۰', '۱۴۰۴/۰۱/۱۱']);
    expect(read.issues).toEqual([]);
  });

  it('a holiday typed as eight digits in a number cell is read as a date', () => {
    const read = parseSettingsSheet(grid([['تنظیم', 'مقدار'], [HOLIDAYS, 14040110]]));
    expect(read.settings.holidays).toEqual(['1404/01/10']);
    expect(read.raw.holidays).toEqual([14040110]);
  });
});

describe('what a person is told about a value that cannot be read', () => {
  const read = parseSettingsSheet(grid([
    ['تنظیم', 'مقدار'],
    [THURSDAY, 'شاید'],
    [URGENT, '۴۰۰'],
    [DUE_SOON, 'زیاد'],
    [HOLIDAYS, '۱۴۰۴/۱۳/۰۱'],
  ]), 'تنظیمات');

  it('a yes/no that is neither: its cell, the setting, and that «خیر» is used', () => {
    expect(read.issues[0]).toEqual({
      severity: 'error', code: 'setting_invalid', sheet: 'تنظیمات', cell: 'B2',
      fa: `برگه «تنظیمات»، خانه B2: «شاید» برای «${THURSDAY}» «بله» یا «خیر» نیست؛ مقدار پیش‌فرض «خیر» به کار رفت`,
      en: `sheet "تنظیمات", cell B2: "شاید" for "Thursday is a working day" is not yes or no; the default, no, is used`,
    });
  });

  it('days out of range: the setting named is the one on that row, and its own default is used', () => {
    expect(read.issues[1].fa).toBe(`برگه «تنظیمات»، خانه B3: «۴۰۰» برای «${URGENT}» عدد صحیح بین ۰ و ۳۶۵ نیست؛ مقدار پیش‌فرض ۳ به کار رفت`);
    expect(read.issues[1].en).toBe('sheet "تنظیمات", cell B3: "۴۰۰" for "Urgent days" is not a whole number 0..365; the default, 3, is used');
    expect(read.issues[2].en).toBe('sheet "تنظیمات", cell B4: "زیاد" for "Due soon days" is not a whole number 0..365; the default, 7, is used');
  });

  it('a holiday that is no date: why, and that it is not counted', () => {
    expect(read.issues[3].fa).toMatch(new RegExp(`^برگه «تنظیمات»، خانه B5: «۱۴۰۴/۱۳/۰۱» برای «${HOLIDAYS}» تاریخ شمسی درستی نیست \\(.+\\)؛ این خانه تعطیل حساب نشد$`));
    expect(read.issues[3].en).toMatch(/^sheet "تنظیمات", cell B5: "۱۴۰۴\/۱۳\/۰۱" for "Extra holidays" is not a valid Jalali date \(.+\); it is not counted as a holiday$/);
  });
});

describe('settingsSheetRows', () => {
  it('with nothing typed and nothing changed: the header, every setting at its default with its note, an empty holidays row', () => {
    expect(settingsSheetRows(undefined)).toEqual([
      ['تنظیم', 'مقدار', 'توضیح'],
      [THURSDAY, 'خیر', NOTE_THURSDAY],
      [URGENT, '۳', NOTE_URGENT],
      [DUE_SOON, '۷', NOTE_DUE_SOON],
      [HOLIDAYS, null, expect.stringContaining('تعطیلات رسمی که هر سال جابه‌جا می‌شوند')],
    ]);
  });

  it('a change to one setting leaves the others as typed, the holidays one per row', () => {
    const raw = { values: { urgentDays: '۵ روز' }, holidays: ['۱۴۰۴/۰۱/۱۰', '۱۴۰۴/۰۱/۱۱'], extra: [] };
    const rows = settingsSheetRows(raw, { dueSoonDays: 10 });
    expect(rows.map((row) => row.slice(0, 2))).toEqual([
      ['تنظیم', 'مقدار'],
      [THURSDAY, 'خیر'],
      [URGENT, '۵ روز'],
      [DUE_SOON, '۱۰'],
      [HOLIDAYS, '۱۴۰۴/۰۱/۱۰'],
      [null, '۱۴۰۴/۰۱/۱۱'],
    ]);
  });
});

describe('describeSettingChanges', () => {
  const current = { ...DEFAULT_REGISTER_SETTINGS, holidays: ['1404/01/10', '1404/01/11'] };

  it('the same holidays in the same order are no change', () => {
    expect(describeSettingChanges(current, { holidays: ['1404/01/10', '1404/01/11'] })).toEqual([]);
  });

  it.each([
    [['1404/01/10'], 'تعطیلات رسمی دیگر: ۱۴۰۴/۰۱/۱۰', 'Extra holidays: 1404/01/10'],
    [['1404/01/11', '1404/01/10'], 'تعطیلات رسمی دیگر: ۱۴۰۴/۰۱/۱۱، ۱۴۰۴/۰۱/۱۰', 'Extra holidays: 1404/01/11, 1404/01/10'],
    [['1404/01/10', '1404/01/12'], 'تعطیلات رسمی دیگر: ۱۴۰۴/۰۱/۱۰، ۱۴۰۴/۰۱/۱۲', 'Extra holidays: 1404/01/10, 1404/01/12'],
    [[], 'تعطیلات رسمی دیگر: هیچ', 'Extra holidays: none'],
  ])('holidays %j are a change, said as «%s»', (holidays, fa, en) => {
    expect(describeSettingChanges(current, { holidays })).toEqual([{ key: 'holidays', fa, en }]);
  });

  it('says yes/no in words and days as numbers, in both languages', () => {
    expect(describeSettingChanges(current, { thursdayIsWorkday: true, urgentDays: 5 })).toEqual([
      { key: 'thursdayIsWorkday', fa: `${THURSDAY}: بله`, en: 'Thursday is a working day: yes' },
      { key: 'urgentDays', fa: `${URGENT}: ۵`, en: 'Urgent days: 5' },
    ]);
    expect(describeSettingChanges({ ...current, thursdayIsWorkday: true }, { thursdayIsWorkday: false })[0].en).toBe('Thursday is a working day: no');
  });
});
