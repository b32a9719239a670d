/** Shared parsing and printing of the register commands (`validate`, `color`, `summary`, `import -o/--into`). */
import { MosavabatError } from '../../core/errors';
import { JalaliDate } from '../../core/jalali';
import { DEADLINE_STATES, STATE_LABELS } from '../../core/register/state';
import type { DeadlineState } from '../../core/register/types';
import { toLatinDigits, toPersianDigits } from '../../core/text/digits';
import type { RegisterSettings } from '../../core/register/settings';
import { importMinutesIntoRegister } from '../../usecases/importMinutesIntoRegister';
import type { LockOptions } from '../../adapters/files/registerLock';
import type { CliIO } from '../io';

/** Lock options that tell the user (stderr) when the register is busy and the run waits. */
export function lockWaitTold(io: CliIO): LockOptions {
  return { onWait: (message) => io.err(`${message.fa}\n${message.en}`) };
}

/** The `--force` option's help, one text for every command that has it. */
export const FORCE_HELP = 'جایگزین کردن فایل خروجیِ موجودی که این فرمان نساخته است — replace an existing output file';

/**
 * A `--today` value as a Jalali date (`YYYY/MM/DD`, any digits); undefined when not given (the
 * use cases then take today in Asia/Tehran).
 * @throws MosavabatError `invalid_date` naming the option
 */
export function parseToday(text: string | undefined): JalaliDate | undefined {
  if (text === undefined) return undefined;
  const parsed = JalaliDate.tryParse(text);
  if (parsed.ok) return parsed.date;
  throw new MosavabatError('invalid_date', `گزینهٔ --today: ${parsed.error.fa}`, `--today: ${parsed.error.en}`);
}

/** `--due-soon-days N` (any digits): a whole number 0..365, default undefined (core's default, 7). @throws MosavabatError */
export function parseDueSoonDays(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(toLatinDigits(text.trim()));
  if (!Number.isInteger(n) || n < 0 || n > 365) {
    throw new MosavabatError('bad_option', `--due-soon-days باید عدد صحیح بین ۰ و ۳۶۵ باشد («${text}»)`,
      `--due-soon-days must be a whole number from 0 to 365 ("${text}")`);
  }
  return n;
}

/** Counts by state as one Persian line, e.g. `مهلت گذشته: ۴ | در مهلت: ۲`, states with no rows left out. */
export function describeCounts(counts: Record<DeadlineState, number>): string {
  return DEADLINE_STATES.filter((s) => counts[s] > 0).map((s) => `${STATE_LABELS[s]}: ${toPersianDigits(counts[s])}`).join(' | ') || 'هیچ ردیفی';
}

/** Options `import` passes on when it writes a register workbook. */
export interface ImportRegisterOptions {
  output?: string;
  into?: string;
  today?: string;
  json?: boolean;
  force?: boolean;
  /** Settings for the register's `تنظیمات` sheet (registerSettingsFrom). */
  settings?: Partial<RegisterSettings>;
}

/**
 * `import <minutes> -o <register.xlsx>` / `--into <register.xlsx>`: run the use case and print
 * what happened (JSON with `--json`).
 */
export async function importIntoRegister(minutesPath: string, options: ImportRegisterOptions, io: CliIO): Promise<void> {
  const result = await importMinutesIntoRegister(minutesPath, {
    output: options.output, into: options.into, today: parseToday(options.today), settings: options.settings,
    force: options.force, lock: lockWaitTold(io),
  });
  if (options.json) {
    const { minutes, ...rest } = result;
    io.out(JSON.stringify({ ...rest, meeting: minutes.meeting }, null, 2));
    return;
  }
  const lines = [
    result.output
      ? `«${result.output}»: ${toPersianDigits(result.added)} ردیف تازه${result.existing ? `، ${toPersianDigits(result.existing)} ردیف از قبل بود` : ''}${result.meetingAdded ? '، جلسه ثبت شد' : ''}.`
      : `این صورتجلسه (${result.meetingId}) پیش‌تر وارد شده است؛ چیزی اضافه نشد و فایل دست نخورد.`,
  ];
  if (result.settingsChanged.length) {
    lines.push(`برگه «تنظیمات» دفتر به‌روز شد: ${result.settingsChanged.map((c) => c.fa).join('؛ ')}`);
    if (options.into) lines.push('مهلت ردیف‌هایی که از پیش در دفتر بودند تغییر نکرد؛ mosavabat validate مهلت‌هایی را که با تنظیمات تازه جور نیستند نشان می‌دهد.');
  }
  if (result.agenciesAdded.length) lines.push(`دستگاه‌های تازه در برگه «دستگاه‌ها»: ${result.agenciesAdded.join('، ')}`);
  for (const w of result.warnings) lines.push(`هشدار${w.row ? ` ردیف ${toPersianDigits(w.row)}` : ''}: ${w.fa}`);
  if (result.notice) lines.push(`توجه: ${result.notice.fa}`, `note: ${result.notice.en}`);
  io.out(lines.join('\n'));
}
