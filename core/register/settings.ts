/**
 * The register's settings sheet (`تنظیمات`): the deadline settings that differ by province and
 * year (Thursday a working day, the extra official holidays, the delay of «فوری») and the
 * "due soon" window, kept in the workbook so every command on that register uses them.
 *
 * Layout: a header row (`تنظیم` | `مقدار` | `توضیح`), then one row per setting with its label,
 * value and a Persian explanation. The extra holidays are one Jalali date per row in the value
 * column: the first on the holidays row, the next ones below it with an empty label.
 * Reading is tolerant of how people type (any digits, Arabic letters, بلی/بله/yes/✓); a value
 * that cannot be read is an Issue naming the sheet and cell, and the default is used for it.
 */
import { DEFAULT_DEADLINE_SETTINGS, type DeadlineSettings } from '../deadline/rule';
import { toPersianDigits } from '../text/digits';
import { comparisonKey } from '../text/normalize';
import { parseNumberWords } from '../text/numberWords';
import { cellText, isEmptyCell, parseDateCell, parseWholeNumber } from './cells';
import { columnLetter } from '../sheet/address';
import { SHEETS } from './fields';
import { DEFAULT_DUE_SOON_DAYS } from './state';
import type { CellValue, Issue } from './types';

/** The register's settings, all with defaults (DEFAULT_REGISTER_SETTINGS). */
export interface RegisterSettings {
  /** Whether Thursday counts as a working day in `N روز کاری`. Default false. */
  thursdayIsWorkday: boolean;
  /** Days after the meeting for `فوری` / `بلافاصله`, 0..365. Default 3. */
  urgentDays: number;
  /** The "due soon" window in days, 0..365. Default 7. */
  dueSoonDays: number;
  /** Extra official holidays (the lunar ones), Jalali `YYYY/MM/DD`, each once, in sheet order. */
  holidays: string[];
}

export type SettingKey = keyof RegisterSettings;

export const DEFAULT_REGISTER_SETTINGS: Readonly<RegisterSettings> = {
  thursdayIsWorkday: DEFAULT_DEADLINE_SETTINGS.thursdayIsWorkday,
  urgentDays: DEFAULT_DEADLINE_SETTINGS.urgentDays,
  dueSoonDays: DEFAULT_DUE_SOON_DAYS,
  holidays: [],
};

/** Largest number of days a days setting accepts. */
export const MAX_SETTING_DAYS = 365;

/** One setting's row: label (Persian as written, English accepted on read) and explanation. */
export interface SettingSpec {
  key: SettingKey;
  fa: string;
  en: string;
  /** What the setting does, in Persian, written in the `توضیح` column. */
  note: string;
}

/** The settings in the order they are written; the holidays last, since their list runs down. */
export const SETTING_SPECS: readonly SettingSpec[] = [
  {
    key: 'thursdayIsWorkday', fa: 'پنجشنبه روز کاری است', en: 'Thursday is a working day',
    note: '«بله» اگر در این استان و این سال پنجشنبه روز کاری است؛ آنگاه در مهلت‌های «N روز کاری» پنجشنبه‌ها هم شمرده می‌شوند. پیش‌فرض: خیر',
  },
  {
    key: 'urgentDays', fa: 'مهلت «فوری» (روز)', en: 'Urgent days',
    note: 'مهلت مصوبه‌هایی که زمان اقدامشان «فوری» یا «بلافاصله» است: چند روز پس از تاریخ جلسه. پیش‌فرض: ۳',
  },
  {
    key: 'dueSoonDays', fa: 'نزدیک به پایان مهلت (روز)', en: 'Due soon days',
    note: 'ردیفی که تا این تعداد روز دیگر مهلتش تمام می‌شود «نزدیک به پایان مهلت» رنگ می‌شود. پیش‌فرض: ۷',
  },
  {
    key: 'holidays', fa: 'تعطیلات رسمی دیگر', en: 'Extra holidays',
    note: 'تعطیلات رسمی که هر سال جابه‌جا می‌شوند (قمری، مثل تاسوعا، عاشورا و عید فطر) و در «N روز کاری» شمرده نمی‌شوند: هر تاریخ شمسی در یک سطر، در همین ستون و زیر هم (۱۴۰۴/۰۱/۱۰). تعطیلات ثابت شمسی (نوروز، ۱۲ و ۱۳ فروردین، ۱۴ و ۱۵ خرداد، ۲۲ بهمن، ۲۹ اسفند) خودشان حساب می‌شوند',
  },
];

/** Header texts of the three columns (Persian written, English accepted). */
export const SETTINGS_COLUMNS = {
  label: { fa: 'تنظیم', en: 'Setting' },
  value: { fa: 'مقدار', en: 'Value' },
  note: { fa: 'توضیح', en: 'Explanation' },
} as const;

/** What `یا/نه` cells are written as. */
export const YES = 'بله';
export const NO = 'خیر';

/**
 * A small sheet's values as `grid[row][col]`, both 1-based and sparse (what the workbook
 * adapters read side sheets into).
 */
export type SettingsGrid = ReadonlyArray<ReadonlyArray<CellValue | undefined> | undefined>;

/** The cells of the settings as people typed them, kept to write the sheet back with some values changed. */
export interface RawSettings {
  values: Partial<Record<Exclude<SettingKey, 'holidays'>, CellValue>>;
  holidays: CellValue[];
  /** Rows with a label the tool does not know: written back after the tool's rows, as they were. */
  extra: CellValue[][];
}

/** The settings sheet as read. */
export interface SettingsRead {
  /** The values in effect: what the sheet says, the default where it says nothing or cannot be read. */
  settings: RegisterSettings;
  /** One error per cell that could not be read (code `setting_invalid`), sheet and cell named. */
  issues: Issue[];
  /** False when the workbook has no settings sheet (an older register). */
  present: boolean;
  raw: RawSettings;
}

/** Deadline settings for core/deadline from the register's settings (fixed solar holidays always on). */
export function deadlineSettingsOf(settings: RegisterSettings): DeadlineSettings {
  return {
    urgentDays: settings.urgentDays,
    thursdayIsWorkday: settings.thursdayIsWorkday,
    holidays: new Set(settings.holidays),
    solarHolidays: DEFAULT_DEADLINE_SETTINGS.solarHolidays,
  };
}

const keyOf = (text: string) => comparisonKey(text);
const LABELS = new Map<string, SettingKey>(SETTING_SPECS.flatMap((s) => [[keyOf(s.fa), s.key], [keyOf(s.en), s.key]] as Array<[string, SettingKey]>));
// a few other ways people will write the labels
for (const [text, key] of [
  ['پنجشنبه روز کاری', 'thursdayIsWorkday'], ['پنجشنبه کاری است', 'thursdayIsWorkday'], ['پنجشنبه', 'thursdayIsWorkday'],
  ['مهلت فوری', 'urgentDays'], ['فوری', 'urgentDays'], ['روزهای فوری', 'urgentDays'],
  ['نزدیک به پایان مهلت', 'dueSoonDays'], ['روزهای نزدیک به پایان مهلت', 'dueSoonDays'], ['due soon', 'dueSoonDays'],
  ['تعطیلات', 'holidays'], ['تعطیلات رسمی', 'holidays'], ['تعطیلات قمری', 'holidays'], ['holidays', 'holidays'],
] as Array<[string, SettingKey]>) LABELS.set(keyOf(text), key);

const YES_WORDS = new Set(['بله', 'بلی', 'آری', 'آره', 'هست', 'است', 'درست', 'yes', 'y', 'true', 'on', '1'].map(keyOf));
const NO_WORDS = new Set(['خیر', 'نه', 'نخیر', 'نیست', 'غلط', 'no', 'n', 'false', 'off', '0'].map(keyOf));
const YES_MARKS = /^[✓✔☑✅]$/u;
const NO_MARKS = /^[✗✘☐❌×-]$/u;

/** A yes/no cell: true, false, null when empty, undefined when it is neither. */
export function parseYesNo(value: CellValue): boolean | null | undefined {
  if (isEmptyCell(value)) return null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : undefined;
  const text = cellText(value).trim();
  if (YES_MARKS.test(text)) return true;
  if (NO_MARKS.test(text)) return false;
  const key = keyOf(text);
  if (YES_WORDS.has(key)) return true;
  if (NO_WORDS.has(key)) return false;
  return undefined;
}

/** A days cell: a whole number 0..365 in any digits or words, `۳ روز` too; null when empty, undefined when bad. */
export function parseDays(value: CellValue): number | null | undefined {
  if (isEmptyCell(value)) return null;
  const bare = typeof value === 'string' ? cellText(value).replace(/روز(ه)?/g, '').trim() : value;
  const whole = parseWholeNumber(bare);
  const n = whole.ok ? whole.value : typeof bare === 'string' ? parseNumberWords(bare) : undefined;
  return n === null || n === undefined || n < 0 || n > MAX_SETTING_DAYS || !Number.isInteger(n) ? undefined : n;
}

/** Split a holidays cell into date tokens (one per cell normally; a list separated by commas or lines is accepted). */
function holidayTokens(value: CellValue): CellValue[] {
  if (typeof value !== 'string') return [value];
  return value.split(/[\s,،;؛]+/).filter((t) => t !== '');
}

/** Where the three columns are: from the header row when there is one, else A, B, C. */
function findColumns(header: ReadonlyArray<CellValue | undefined> | undefined): { label: number; value: number; note: number; firstRow: number } {
  const found: Partial<Record<keyof typeof SETTINGS_COLUMNS, number>> = {};
  (header ?? []).forEach((cell, col) => {
    if (typeof cell !== 'string') return;
    for (const [name, texts] of Object.entries(SETTINGS_COLUMNS) as Array<[keyof typeof SETTINGS_COLUMNS, { fa: string; en: string }]>) {
      if (found[name] === undefined && (keyOf(cell) === keyOf(texts.fa) || keyOf(cell) === keyOf(texts.en))) found[name] = col;
    }
  });
  if (found.label === undefined && found.value === undefined) return { label: 1, value: 2, note: 3, firstRow: 1 };
  const label = found.label ?? 1;
  const value = found.value ?? label + 1;
  return { label, value, note: found.note ?? value + 1, firstRow: 2 };
}

/**
 * Read the settings sheet's values. An absent sheet (`grid` undefined) gives the defaults and
 * `present: false`. Never throws.
 * Each unreadable value (a yes/no that is neither, days not a whole number 0..365, a holiday
 * that is not a Jalali date) gives an error `setting_invalid` addressed to its cell, and the
 * default (for a holiday: nothing) is used. A setting written twice: the first row counts.
 * @param sheet the sheet's name, for the issues' addresses
 */
export function parseSettingsSheet(grid: SettingsGrid | undefined, sheet: string = SHEETS.settings): SettingsRead {
  const settings: RegisterSettings = { ...DEFAULT_REGISTER_SETTINGS, holidays: [] };
  const raw: RawSettings = { values: {}, holidays: [], extra: [] };
  const issues: Issue[] = [];
  if (!grid) return { settings, issues, present: false, raw };
  const cols = findColumns(grid[1]);
  const seen = new Set<SettingKey>();
  let current: SettingKey | null = null;
  const bad = (key: SettingKey, cell: string, value: CellValue, faWhy: string, enWhy: string, fallback: { fa: string; en: string }) => {
    const spec = SETTING_SPECS.find((s) => s.key === key)!;
    const shown = toPersianDigits(cellText(value));
    issues.push({
      severity: 'error', code: 'setting_invalid', sheet, cell,
      fa: `برگه «${sheet}»، خانه ${cell}: «${shown}» برای «${spec.fa}» ${faWhy}؛ ${fallback.fa}`,
      en: `sheet "${sheet}", cell ${cell}: "${cellText(value)}" for "${spec.en}" ${enWhy}; ${fallback.en}`,
    });
  };
  for (let r = cols.firstRow; r < grid.length; r++) {
    const row = grid[r];
    if (!row) continue;
    const labelCell = row[cols.label] ?? null;
    const value = row[cols.value] ?? null;
    const address = `${columnLetter(cols.value)}${r}`;
    if (!isEmptyCell(labelCell)) {
      const key = LABELS.get(keyOf(cellText(labelCell))) ?? null;
      if (!key || seen.has(key)) {
        current = null;
        raw.extra.push(Array.from({ length: row.length }, (_, c) => row[c] ?? null));
        continue;
      }
      seen.add(key);
      current = key;
    } else if (current !== 'holidays') {
      // a value without a label: nothing the tool reads, but not lost on rewrite
      if (row.some((c) => !isEmptyCell(c ?? null))) raw.extra.push(Array.from({ length: row.length }, (_, c) => row[c] ?? null));
      continue;
    }
    if (current === 'holidays') {
      if (isEmptyCell(value)) continue;
      raw.holidays.push(value);
      for (const token of holidayTokens(value)) {
        const date = parseDateCell(token);
        if (!date.ok) {
          bad('holidays', address, token, 'تاریخ شمسی درستی نیست (' + date.reason.fa + ')', `is not a valid Jalali date (${date.reason.en})`,
            { fa: 'این خانه تعطیل حساب نشد', en: 'it is not counted as a holiday' });
        } else if (date.value && !settings.holidays.includes(date.value.toString())) {
          settings.holidays.push(date.value.toString());
        }
      }
      continue;
    }
    if (current === null) continue;
    raw.values[current] = value;
    if (current === 'thursdayIsWorkday') {
      const yes = parseYesNo(value);
      if (yes === undefined) bad(current, address, value, '«بله» یا «خیر» نیست', 'is not yes or no',
        { fa: `مقدار پیش‌فرض «${NO}» به کار رفت`, en: 'the default, no, is used' });
      else if (yes !== null) settings.thursdayIsWorkday = yes;
    } else {
      const days = parseDays(value);
      const fallback = DEFAULT_REGISTER_SETTINGS[current];
      if (days === undefined) {
        bad(current, address, value, `عدد صحیح بین ۰ و ${toPersianDigits(MAX_SETTING_DAYS)} نیست`, `is not a whole number 0..${MAX_SETTING_DAYS}`,
          { fa: `مقدار پیش‌فرض ${toPersianDigits(fallback)} به کار رفت`, en: `the default, ${fallback}, is used` });
      } else if (days !== null) {
        settings[current] = days;
      }
    }
  }
  return { settings, issues, present: true, raw };
}

/** How a setting's value is written: yes/no in words, numbers and dates with Persian digits. */
function display(key: SettingKey, value: boolean | number | string): CellValue {
  if (key === 'thursdayIsWorkday') return value ? YES : NO;
  return toPersianDigits(String(value));
}

/**
 * The settings sheet's rows to write, each `[label, value, note]` (then any extra columns of a
 * kept row): the header, one row per setting, the holidays one per row, then the rows the tool
 * does not know, after an empty row.
 * Values come from `changes` when given there, else as the person typed them in `raw` (a bad
 * value stays, to be corrected, and is reported again), else the default.
 */
export function settingsSheetRows(raw: RawSettings | undefined, changes: Partial<RegisterSettings> = {}): CellValue[][] {
  const rows: CellValue[][] = [[SETTINGS_COLUMNS.label.fa, SETTINGS_COLUMNS.value.fa, SETTINGS_COLUMNS.note.fa]];
  for (const spec of SETTING_SPECS) {
    if (spec.key === 'holidays') {
      const holidays: CellValue[] = changes.holidays !== undefined
        ? changes.holidays.map((d) => display('holidays', d))
        : raw?.holidays ?? [];
      rows.push([spec.fa, holidays[0] ?? null, spec.note]);
      for (const value of holidays.slice(1)) rows.push([null, value, null]);
      continue;
    }
    const changed = changes[spec.key];
    const value = changed !== undefined ? display(spec.key, changed)
      : raw?.values[spec.key] !== undefined ? raw.values[spec.key]!
        : display(spec.key, DEFAULT_REGISTER_SETTINGS[spec.key]);
    rows.push([spec.fa, value, spec.note]);
  }
  if (raw?.extra.length) rows.push([], ...raw.extra.map((r) => r.slice(1)));
  return rows;
}

/**
 * The settings in `changes` whose value differs from `current`, as Persian/English phrases
 * (`پنجشنبه روز کاری است: بله`), for telling the user what was updated.
 */
export function describeSettingChanges(current: RegisterSettings, changes: Partial<RegisterSettings>): Array<{ key: SettingKey; fa: string; en: string }> {
  const out: Array<{ key: SettingKey; fa: string; en: string }> = [];
  for (const spec of SETTING_SPECS) {
    const value = changes[spec.key];
    if (value === undefined) continue;
    const same = Array.isArray(value)
      ? value.length === current.holidays.length && value.every((d, i) => d === current.holidays[i])
      : value === current[spec.key];
    if (same) continue;
    const fa = Array.isArray(value) ? (value.length ? value.map((d) => toPersianDigits(d)).join('، ') : 'هیچ') : String(display(spec.key, value));
    const en = Array.isArray(value) ? (value.join(', ') || 'none') : String(spec.key === 'thursdayIsWorkday' ? (value ? 'yes' : 'no') : value);
    out.push({ key: spec.key, fa: `${spec.fa}: ${fa}`, en: `${spec.en}: ${en}` });
  }
  return out;
}
