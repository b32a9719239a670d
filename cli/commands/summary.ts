/** `mosavabat summary <register.xlsx> -o <summary.xlsx>`: the summary workbook for the next meeting. */
import type { Command } from 'commander';
import type { CliIO } from '../io';
import { toPersianDigits } from '../../core/text/digits';
import { summarizeRegisterFile } from '../../usecases/summarizeRegisterFile';
import { describeCounts, FORCE_HELP, parseDueSoonDays, parseToday } from '../format/register';

interface SummaryOptions {
  output: string;
  today?: string;
  dueSoonDays?: string;
  force?: boolean;
}

/** Add `summary` to the program. */
export function registerSummary(program: Command, io: CliIO): void {
  program
    .command('summary <register>')
    .description('خلاصه وضعیت مصوبات برای جلسه بعد — summary workbook for the review of past resolutions')
    .requiredOption('-o, --output <file>', 'فایل خلاصه (xlsx) — the summary workbook to write')
    .option('--today <date>', 'تاریخ امروز (شمسی) — today, Jalali')
    .option('--due-soon-days <n>', 'پنجره «نزدیک به پایان مهلت» به روز (پیش‌فرض ۷) — due-soon window in days')
    .option('--force', FORCE_HELP)
    .action(async (path: string, options: SummaryOptions) => {
      const { output, summary } = await summarizeRegisterFile(path, options.output, {
        today: parseToday(options.today), dueSoonDays: parseDueSoonDays(options.dueSoonDays), force: options.force,
      });
      const percent = summary.total.percentDone === null ? '—' : `${toPersianDigits(summary.total.percentDone)}٪`;
      io.out([
        `خلاصه در «${output}» نوشته شد.`,
        `${toPersianDigits(summary.total.total)} ردیف، ${toPersianDigits(summary.agencies.length)} دستگاه، ${toPersianDigits(summary.meetings.length)} جلسه؛ انجام شده: ${percent}`,
        describeCounts(summary.total.counts),
      ].join('\n'));
    });
}
