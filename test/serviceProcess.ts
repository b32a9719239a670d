/** The built service as a child process, for tests and benches that kill it or load it from outside. */
import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Start `main` (the built `server/main.js`) on a free loopback port over `db`; resolves once it
 * prints its address, rejects when it stops before that.
 */
export function startBuiltService(main: string, db: string): Promise<{ child: ChildProcess; base: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', MOSAVABAT_DB: db, TLS_CERT: '', TLS_KEY: '' },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const port = /mosavabat: https?:\/\/[^:\s]+:(\d+)\//.exec(out)?.[1];
      if (port) resolve({ child, base: `http://127.0.0.1:${port}` });
    });
    child.on('exit', (code) => reject(new Error(`the service stopped (${code}): ${out}`)));
  });
}
