import { Command } from 'commander';
import { CliIO } from '../io';

export function registerImport(program: Command, io: CliIO): void {
  program
    .command('import <minutes>')
    .description('خواندن صورتجلسه و استخراج مصوبات — read minutes into resolutions')
    .option('--json', 'print the parsed meeting and resolutions as JSON')
    .action(async () => {
      io.err('not implemented yet');
    });
}
