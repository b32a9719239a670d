/** Shared test helpers: temp folders, running the CLI in-process, encoding Windows-1256. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../cli/program';
import { writeZip } from '../adapters/xlsx/fast/zip';

export const FIXTURES = join(__dirname, 'fixtures');
export const SEED_MINUTES = join(FIXTURES, 'minutes-1401-04-09.txt');

/** A fresh temporary folder for one test file. */
export function tempDir(prefix = 'mosavabat-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Run `mosavabat <args>` in-process and capture what it prints. */
export async function cli(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(args, {
    out: (t) => (stdout += t.endsWith('\n') ? t : t + '\n'),
    err: (t) => (stderr += t.endsWith('\n') ? t : t + '\n'),
  });
  return { status, stdout, stderr };
}

/**
 * Encode text as Windows-1256 (Node has a decoder only; invert it). Like old Persian systems,
 * Persian yeh ی becomes Arabic ي, which is all the code page has. Other unmappable characters throw.
 */
export function encodeWindows1256(text: string): Buffer {
  const decoder = new TextDecoder('windows-1256');
  const byChar = new Map<string, number>();
  for (let b = 0; b < 256; b++) byChar.set(decoder.decode(Uint8Array.of(b)), b);
  return Buffer.from(Array.from(text.replace(/\u06cc/g, '\u064a'), (ch) => {
    const b = byChar.get(ch);
    if (b === undefined) throw new Error(`cannot encode U+${ch.charCodeAt(0).toString(16)} in windows-1256`);
    return b;
  }));
}

/** A zip archive of the given entries: enough to build .docx/.xlsx test files by hand. */
export function makeZip(entries: Record<string, string | Buffer>): Buffer {
  return writeZip(Object.entries(entries).map(([name, data]) => ({ name, data })));
}
