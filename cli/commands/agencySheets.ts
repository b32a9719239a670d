/** `mosavabat agency-sheets <register.xlsx> -o <dir>`: one return workbook per agency. */
import type { Command } from 'commander';
import { toPersianDigits } from '../../core/text';
import type { CliIO } from '../io';
import { writeAgencySheets } from '../../usecases/agencySheets';
import { parseToday } from '../format/register';

interface AgencySheetsCliOptions {
  output: string;
  agency?: string[];
  includeVoid?: boolean;
  today?: string;
}

export function registerAgencySheets(program: Command, io: CliIO): void {
  program
    .command('agency-sheets <register>')
    .description('ساخت یک فایل اکسل برای هر دستگاه با ردیف‌های خودش — one return workbook per agency')
    .requiredOption('-o, --output <dir>', 'پوشهٔ فایل‌ها — folder for the workbooks')
    .option('--agency <name...>', 'فقط این دستگاه‌ها — only these agencies')
    .option('--include-void', 'ردیف‌های منتفی هم فرستاده شوند — also send void rows')
    .option('--today <date>', 'تاریخ امروز برای رنگ‌ها، مثل ۱۴۰۳/۰۵/۰۱ — today for the colours')
    .action(async (register: string, options: AgencySheetsCliOptions) => {
      const result = await writeAgencySheets(register, options.output, {
        agencies: options.agency, includeVoid: options.includeVoid, today: parseToday(options.today),
      });
      const n = (x: number) => toPersianDigits(String(x));
      for (const file of result.files) io.out(`${file.path}  (${n(file.rows)} ردیف — ${file.agency})`);
      io.out(`${n(result.files.length)} فایل برای ${n(result.files.length)} دستگاه ساخته شد (نسخهٔ دفتر: ${n(result.registerRevision)}).`);
      if (result.unsigned) io.err(`${result.unsigned.fa}\n${result.unsigned.en}`);
      for (const file of result.kept) {
        io.err(`«${file.path}» پس از ساخته شدن ذخیره شده است (شاید دستگاه آن را پر کرده است) و دست نخورد؛ فایل تازه: «${file.instead}»\n`
          + `"${file.path}" was saved since it was made (perhaps filled in) and was kept; the new file is "${file.instead}"`);
      }
      if (result.rowsWithoutAgency) io.out(`${n(result.rowsWithoutAgency)} ردیف اقدام‌کننده نداشت و برای کسی فرستاده نشد.`);
      if (result.voidRows) io.out(`${n(result.voidRows)} ردیف منتفی فرستاده نشد (برای فرستادن: --include-void).`);
    });
}
