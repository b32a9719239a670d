/** `mosavabat import <minutes>`: minutes → resolutions (JSON), or into a register workbook. */
import { Command } from 'commander';
import { CliIO } from '../io';
import { readMinutesFile } from '../../server/minutesFile';
import { parseMinutes } from '../../core/minutes/parse';
import { MosavabatError } from '../../core/errors';
import { describeMinutes } from '../format/minutes';
import { importIntoRegister } from '../format/register';

interface ImportOptions {
  json?: boolean;
  output?: string;
  into?: string;
  today?: string;
}

export function registerImport(program: Command, io: CliIO): void {
  program
    .command('import <minutes>')
    .description('خواندن صورتجلسه و استخراج مصوبات — read minutes into resolutions')
    .option('--json', 'چاپ جلسه و مصوبات به صورت JSON — print the meeting and resolutions as JSON')
    .option('-o, --output <register>', 'ساخت دفتر مصوبات تازه (xlsx) — create a new register workbook')
    .option('--into <register>', 'افزودن جلسه به دفتر مصوبات موجود — add the meeting to an existing register')
    .option('--today <date>', 'تاریخ امروز برای رنگ‌ها (شمسی) — today for the colours, Jalali')
    .action(async (minutesPath: string, options: ImportOptions) => {
      if (options.output || options.into) return importIntoRegister(minutesPath, options, io);
      const { text } = await readMinutesFile(minutesPath);
      let parsed;
      try {
        parsed = parseMinutes(text);
      } catch (error) {
        throw error instanceof MosavabatError ? error.at({ file: minutesPath }) : error;
      }
      io.out(options.json ? JSON.stringify(parsed, null, 2) : describeMinutes(parsed));
    });
}
