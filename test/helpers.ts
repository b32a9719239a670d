/** Shared test helpers: temp folders, running the CLI in-process, encoding Windows-1256. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../cli/program';

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

/** A zip archive of the given entries, stored uncompressed: enough to build .docx/.xlsx test files by hand. */
export function makeZip(entries: Record<string, string | Buffer>): Buffer {
  const { crc32 } = require('node:zlib') as { crc32(data: Buffer): number };
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}
