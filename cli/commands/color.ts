/** `mosavabat color <register.xlsx>`: colour the register by deadline state, into a new file unless asked. */
import { basename } from 'node:path';
import type { Command } from 'commander';
import type { CliIO } from '../io';
import { toPersianDigits } from '../../core/text/digits';
import { colorRegisterFile } from '../../usecases/colorRegisterFile';
import { describeCounts, FORCE_HELP, lockWaitTold, parseDueSoonDays, parseToday } from '../format/register';

interface ColorOptions {
  today?: string;
  dueSoonDays?: string;
  output?: string;
  force?: boolean;
}

/** Add `color` to the program. */
export function registerColor(program: Command, io: CliIO): void {
  program
    .command('color <register>')
    .description('رنگ‌آمیزی دفتر مصوبات بر اساس وضعیت مهلت — colour a register by deadline state')
    .option('-o, --output <file>', 'فایل خروجی؛ بدون آن «<نام>-رنگی.xlsx» کنار فایل ساخته می‌شود و فایل اصلی دست نمی‌خورد. برای تغییر خود فایل، همان نام را بدهید — output file (default: <name>-رنگی.xlsx beside the input; give the input itself to colour it in place)')
    .option('--today <date>', 'تاریخ امروز (شمسی) — today, Jalali')
    .option('--due-soon-days <n>', 'پنجره «نزدیک به پایان مهلت» به روز (پیش‌فرض ۷) — due-soon window in days')
    .option('--force', FORCE_HELP)
    .action(async (path: string, options: ColorOptions) => {
      const result = await colorRegisterFile(path, {
        output: options.output, today: parseToday(options.today), dueSoonDays: parseDueSoonDays(options.dueSoonDays),
        force: options.force, lock: lockWaitTold(io),
      });
      const lines = [
        `${toPersianDigits(result.rows)} ردیف رنگ شد و در «${result.output}» نوشته شد.`,
        describeCounts(result.counts),
      ];
      if (result.errors) lines.push(`${toPersianDigits(result.errors)} خطا در دفتر هست؛ برای دیدن آن‌ها: mosavabat validate «${basename(path)}»`);
      if (result.notice) lines.push(`توجه: ${result.notice.fa}`, `note: ${result.notice.en}`);
      io.out(lines.join('\n'));
    });
}
