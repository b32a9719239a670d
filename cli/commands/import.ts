/** `mosavabat import <minutes>`: minutes → resolutions (JSON), or into a register workbook. */
import { Command } from 'commander';
import { CliIO } from '../io';
import { readMinutesFile } from '../../server/minutesFile';
import { parseMinutes } from '../../core/minutes/parse';
import { MosavabatError } from '../../core/errors';
import { describeMinutes } from '../format/minutes';

interface ImportOptions {
  json?: boolean;
}

export function registerImport(program: Command, io: CliIO): void {
  program
    .command('import <minutes>')
    .description('خواندن صورتجلسه و استخراج مصوبات — read minutes into resolutions')
    .option('--json', 'چاپ جلسه و مصوبات به صورت JSON — print the meeting and resolutions as JSON')
    .action(async (minutesPath: string, options: ImportOptions) => {
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
