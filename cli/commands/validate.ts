/** `mosavabat validate <register.xlsx>`: the register's issues and each row's deadline state. */
import type { Command } from 'commander';
import { type CliIO, ExitRequest } from '../io';
import { DEADLINE_STATES } from '../../core/register/state';
import type { DeadlineState } from '../../core/register/types';
import { toPersianDigits } from '../../core/text/digits';
import { validateRegisterFile, type ValidateResult } from '../../usecases/validateRegisterFile';
import { describeCounts, parseDueSoonDays, parseToday } from '../format/register';

interface ValidateOptions {
  today?: string;
  dueSoonDays?: string;
  json?: boolean;
}

/**
 * The JSON shape of `--json`: `row` is the worksheet row number, `due` Jalali `YYYY/MM/DD` or
 * null, `state` a DeadlineState code, `message` the Persian message (a stable shape: scripts read it).
 */
export function validationJson(result: ValidateResult) {
  return {
    rows: result.analysis.rows.map((r) => ({
      id: r.assignment.id, row: r.sheetRow, agency: r.assignment.agency, due: r.assignment.due, state: r.state,
    })),
    issues: result.analysis.issues.map((i) => ({
      severity: i.severity, code: i.code, sheet: i.sheet, cell: i.cell, message: i.fa,
    })),
  };
}

/** Add `validate` to the program. */
export function registerValidate(program: Command, io: CliIO): void {
  program
    .command('validate <register>')
    .description('بررسی دفتر مصوبات و وضعیت مهلت هر ردیف — check a register workbook')
    .option('--today <date>', 'تاریخ امروز (شمسی، پیش‌فرض: امروز به وقت تهران) — today, Jalali')
    .option('--due-soon-days <n>', 'چند روز مانده به مهلت «نزدیک به پایان» است (پیش‌فرض ۷) — due-soon window in days')
    .option('--json', 'خروجی JSON — print JSON')
    .action(async (path: string, options: ValidateOptions) => {
      const result = await validateRegisterFile(path, { today: parseToday(options.today), dueSoonDays: parseDueSoonDays(options.dueSoonDays) });
      if (options.json) {
        io.out(JSON.stringify(validationJson(result), null, 2));
      } else {
        const counts = Object.fromEntries(DEADLINE_STATES.map((s) => [s, 0])) as Record<DeadlineState, number>;
        for (const row of result.analysis.rows) counts[row.state]++;
        const lines = [
          `«${result.file}»، برگه «${result.sheet}»: ${toPersianDigits(result.analysis.rows.length)} ردیف، ${toPersianDigits(result.errors)} خطا، ${toPersianDigits(result.warnings)} هشدار`,
          describeCounts(counts),
          ...result.analysis.issues.map((i) => `${i.severity === 'error' ? 'خطا' : 'هشدار'} ${i.cell}: ${i.fa}`),
        ];
        io.out(lines.join('\n'));
      }
      if (result.errors > 0) throw new ExitRequest(1);
    });
}
