/** `mosavabat merge <register.xlsx> <return.xlsx>… -o <merged.xlsx> --report <report.json>`. */
import type { Command } from 'commander';
import { formatReports } from '../../core/merge';
import { toPersianDigits } from '../../core/text';
import { type CliIO, ExitRequest } from '../io';
import { mergeReturnFiles } from '../../usecases/mergeReturns';
import { FORCE_HELP, lockWaitTold, parseToday } from '../format/register';

interface MergeCliOptions {
  output?: string;
  report?: string;
  agency?: string;
  today?: string;
  force?: boolean;
}

export function registerMerge(program: Command, io: CliIO): void {
  program
    .command('merge <register> <returns...>')
    .description('ادغام فایل‌های برگشتی دستگاه‌ها در دفتر مصوبات — merge agency return workbooks into the register')
    .option('-o, --output <file>', 'دفتر ادغام‌شده (پیش‌فرض: کنار دفتر با پسوند «ادغام‌شده») — merged register')
    .option('--report <file>', 'گزارش JSON — report.json')
    .option('--agency <name>', 'همهٔ فایل‌ها را این دستگاه فرستاده است — the agency that sent every file')
    .option('--today <date>', 'تاریخ امروز، مثل ۱۴۰۳/۰۵/۰۱ — today for date checks and colours')
    .option('--force', FORCE_HELP)
    .action(async (register: string, returns: string[], options: MergeCliOptions) => {
      const result = await mergeReturnFiles(register, returns, {
        output: options.output, reportPath: options.report, expectedAgency: options.agency, today: parseToday(options.today),
        force: options.force, lock: lockWaitTold(io),
      });
      io.out(formatReports(result.reports));
      const n = (x: number) => toPersianDigits(String(x));
      io.out('');
      io.out(`${n(result.rowsChanged)} ردیف دفتر تغییر کرد، ${n(result.historyLines)} سطر به «تاریخچه» افزوده شد؛ دفتر ادغام‌شده: ${result.output}`);
      if (result.reportPath) io.out(`گزارش: ${result.reportPath}`);
      if (result.notice) io.err(`${result.notice.fa}\n${result.notice.en}`);
      if (result.problems > 0) {
        io.err(`${n(result.problems)} مورد نیاز به بررسی دارد (فایل ردشده، خانهٔ ردشده یا تعارض) — ${result.problems} items need a look`);
        throw new ExitRequest(1);
      }
    });
}
