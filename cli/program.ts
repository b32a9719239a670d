/**
 * The `mosavabat` command line. Each command lives in its own file under `commands/` and
 * only parses arguments, calls a use case and prints; `runCli` turns every expected error
 * into one Persian/English line and an exit status, never a stack trace.
 */
import { Command, CommanderError } from 'commander';
import { MosavabatError, describeLocation } from '../core/errors';
import { type CliIO, ExitRequest } from './io';
import { registerImport } from './commands/import';
import { registerValidate } from './commands/validate';
import { registerColor } from './commands/color';
import { registerSummary } from './commands/summary';
import { registerAgencySheets } from './commands/agencySheets';
import { registerMerge } from './commands/merge';
import { registerToken } from './commands/token';
import { registerManifest } from './commands/manifest';

/** Every command module registers itself here. */
const COMMANDS: Array<(program: Command, io: CliIO) => void> = [
  registerImport,
  registerValidate,
  registerColor,
  registerSummary,
  registerAgencySheets,
  registerMerge,
  registerToken,
  registerManifest,
];

export function createProgram(io: CliIO): Command {
  const program = new Command('mosavabat')
    .description('ثبت، رنگ‌آمیزی و پیگیری مصوبات جلسات — Track the resolutions of provincial meetings')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  for (const register of COMMANDS) register(program, io);
  return program;
}

/**
 * One line for a person: Persian first, the English after it for whoever reads logs; never a
 * stack. Line breaks inside the messages are folded so the whole error stays one line.
 */
export function formatError(error: unknown): string {
  const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ');
  if (error instanceof MosavabatError) return oneLine(`خطا: ${describeLocation(error.where)}${error.fa} — error: ${error.en}`);
  const message = error instanceof Error ? error.message : String(error);
  return oneLine(`خطای پیش‌بینی‌نشده؛ لطفاً به پشتیبانی اطلاع دهید — unexpected error: ${message}`);
}

/**
 * Run the CLI with `args` (without `node` and the script path).
 * @returns the exit status: 0 success, 1 the input has errors, 2 bad usage or unreadable input
 */
export async function runCli(args: string[], io: CliIO): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync(args, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof ExitRequest) return error.status;
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    io.err(formatError(error));
    return error instanceof MosavabatError && error.kind !== 'internal' ? 2 : 3;
  }
}
