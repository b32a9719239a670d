/**
 * Reading a whole file with a ceiling: reads stop at the limit however the file reports its size
 * (a device such as /dev/zero, a pipe, a file still growing), so memory stays bounded.
 */
import { open } from 'node:fs/promises';

/** Thrown by readFileBounded when the file has more than the limit; callers word the message. */
export class FileTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`the file is larger than ${limit} bytes`);
  }
}

/**
 * The file's bytes, at most `maxBytes` of them.
 * @throws FileTooLarge when the file holds more than `maxBytes`; the fs errors of open/read (ENOENT, EISDIR …)
 */
export async function readFileBounded(path: string, maxBytes: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // one byte past the limit tells a file of exactly the limit from a larger one
      const want = Math.min(1024 * 1024, maxBytes + 1 - total);
      const chunk = Buffer.allocUnsafe(want);
      const { bytesRead } = await handle.read(chunk, 0, want, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw new FileTooLarge(maxBytes);
      chunks.push(bytesRead === want ? chunk : chunk.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}
