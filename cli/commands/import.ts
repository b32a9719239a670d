/** `mosavabat import <minutes>`: minutes → resolutions (JSON), or into a register workbook. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import type { CliIO } from '../io';
import { readMinutesFile } from '../../adapters/minutes/minutesFile';
import { parseMinutes } from '../../core/minutes/parse';
import { MosavabatError } from '../../core/errors';
import { JalaliDate } from '../../core/jalali/JalaliDate';
import { toLatinDigits } from '../../core/text/digits';
import type { DeadlineSettings } from '../../core/deadline/rule';
import type { RegisterSettings } from '../../core/register/settings';
import { describeMinutes } from '../format/minutes';
import { FORCE_HELP, importIntoRegister, parseDueSoonDays } from '../format/register';

interface ImportOptions {
  json?: boolean;
  output?: string;
  into?: string;
  today?: string;
  thursdayWorkday?: boolean;
  holidays?: string;
  urgentDays?: string;
  dueSoonDays?: string;
}

/**
 * Deadline settings from the command line: `--thursday-workday`, `--holidays` (Jalali dates
 * separated by commas or spaces, any digits, or the path of a text file holding them) and
 * `--urgent-days` (0–365).
 * @throws MosavabatError `invalid_date` naming the bad holiday, `invalid_option` for the days
 */
export function deadlineSettingsFrom(options: ImportOptions): Partial<DeadlineSettings> {
  const settings: Partial<DeadlineSettings> = {};
  // undefined: neither --thursday-workday nor --no-thursday-workday was given
  if (options.thursdayWorkday !== undefined) settings.thursdayIsWorkday = options.thursdayWorkday;
  if (options.holidays !== undefined) {
    const isFile = existsSync(options.holidays) && statSync(options.holidays).isFile();
    const list = isFile ? readFileSync(options.holidays, 'utf8') : options.holidays;
    const holidays = new Set<string>();
    for (const token of list.replace(/^\ufeff/, '').split(/[\s,،;؛]+/).filter(Boolean)) {
      const parsed = JalaliDate.tryParse(token);
      if (!parsed.ok) throw parsed.error.at(isFile ? { file: options.holidays } : {});
      holidays.add(parsed.date.toString());
    }
    settings.holidays = holidays;
  }
  if (options.urgentDays !== undefined) {
    const days = Number(toLatinDigits(options.urgentDays.trim()));
    if (!/^\d+$/.test(toLatinDigits(options.urgentDays.trim())) || days > 365) {
      throw new MosavabatError('invalid_option', `--urgent-days باید عددی صحیح بین ۰ و ۳۶۵ باشد، نه «${options.urgentDays}»`,
        `--urgent-days must be a whole number 0..365, not "${options.urgentDays}"`);
    }
    settings.urgentDays = days;
  }
  return settings;
}

/**
 * The settings the command line gives for a register's `تنظیمات` sheet: the deadline settings
 * of deadlineSettingsFrom and `--due-soon-days`. Settings not given are absent.
 * @throws MosavabatError as deadlineSettingsFrom and parseDueSoonDays
 */
export function registerSettingsFrom(options: ImportOptions): Partial<RegisterSettings> {
  const deadline = deadlineSettingsFrom(options);
  const settings: Partial<RegisterSettings> = {};
  if (deadline.thursdayIsWorkday !== undefined) settings.thursdayIsWorkday = deadline.thursdayIsWorkday;
  if (deadline.urgentDays !== undefined) settings.urgentDays = deadline.urgentDays;
  if (deadline.holidays !== undefined) settings.holidays = [...deadline.holidays].sort();
  const dueSoon = parseDueSoonDays(options.dueSoonDays);
  if (dueSoon !== undefined) settings.dueSoonDays = dueSoon;
  return settings;
}

export function registerImport(program: Command, io: CliIO): void {
  program
    .command('import <minutes>')
    .description('خواندن صورتجلسه و استخراج مصوبات — read minutes into resolutions')
    .option('--json', 'چاپ جلسه و مصوبات به صورت JSON — print the meeting and resolutions as JSON')
    .option('-o, --output <register>', 'ساخت دفتر مصوبات تازه (xlsx) — create a new register workbook')
    .option('--into <register>', 'افزودن جلسه به دفتر مصوبات موجود — add the meeting to an existing register')
    .option('--today <date>', 'تاریخ امروز برای رنگ‌ها (شمسی) — today for the colours, Jalali')
    .option('--thursday-workday', 'پنجشنبه روز کاری است (برای «N روز کاری»)؛ با -o/--into در برگه «تنظیمات» دفتر نوشته می‌شود — Thursday is a working day (with -o/--into: written to the register\'s settings sheet)')
    .option('--no-thursday-workday', 'پنجشنبه روز کاری نیست (پیش‌فرض) — Thursday is not a working day (the default)')
    .option('--holidays <dates>', 'تعطیلات رسمی دیگر (مثل تعطیلات قمری) جدا با کاما، یا فایلی از آن‌ها — more official holidays: Jalali dates separated by commas, or a file of them')
    .option('--urgent-days <n>', 'مهلت «فوری» به روز، پیش‌فرض ۳ — days after the meeting for «فوری», default 3')
    .option('--due-soon-days <n>', 'پنجره «نزدیک به پایان مهلت» به روز برای دفتر (پیش‌فرض ۷) — the register\'s due-soon window in days, default 7')
    .option('--force', FORCE_HELP)
    .action(async (minutesPath: string, options: ImportOptions) => {
      if (options.output || options.into) {
        // with a register the settings belong to its تنظیمات sheet: written there, then used
        return importIntoRegister(minutesPath, { ...options, settings: registerSettingsFrom(options) }, io);
      }
      const settings = deadlineSettingsFrom(options);
      const { text } = await readMinutesFile(minutesPath);
      let parsed;
      try {
        parsed = parseMinutes(text, settings);
      } catch (error) {
        throw error instanceof MosavabatError ? error.at({ file: minutesPath }) : error;
      }
      io.out(options.json ? JSON.stringify(parsed, null, 2) : describeMinutes(parsed));
    });
}
