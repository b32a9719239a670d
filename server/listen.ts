/**
 * Starting the service over HTTP or HTTPS. Office loads add-ins only over HTTPS from a
 * certificate the computer trusts, so a secretariat server names its certificate and key files in
 * TLS_CERT and TLS_KEY; without them the service speaks plain HTTP (fine for the API on one PC).
 */
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { MosavabatError } from '../core/errors';

export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
}

/**
 * Reads the certificate and key that TLS_CERT and TLS_KEY name (PEM files).
 * @returns undefined when neither is set (plain HTTP)
 * @throws MosavabatError when only one is set or a file cannot be read
 */
export function readTlsFiles(env: NodeJS.ProcessEnv): TlsFiles | undefined {
  const certPath = env.TLS_CERT?.trim();
  const keyPath = env.TLS_KEY?.trim();
  if (!certPath && !keyPath) return undefined;
  if (!certPath || !keyPath) {
    throw new MosavabatError('tls_half_configured',
      'برای HTTPS هر دو متغیر TLS_CERT (فایل گواهی) و TLS_KEY (فایل کلید) لازم است؛ فقط یکی داده شده',
      'HTTPS needs both TLS_CERT (certificate file) and TLS_KEY (key file); only one is set');
  }
  return { cert: readPem(certPath, 'TLS_CERT', 'گواهی'), key: readPem(keyPath, 'TLS_KEY', 'کلید') };
}

function readPem(path: string, variable: string, what: string): Buffer {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new MosavabatError('tls_file_unreadable', `فایل ${what} (${variable}) خوانده نشد (${reason})`,
      `cannot read the ${variable} file (${reason})`, 'bad_input', { file: path });
  }
  if (!bytes.includes('-----BEGIN ')) {
    throw new MosavabatError('tls_file_not_pem', `فایل ${what} (${variable}) در قالب PEM نیست`,
      `the ${variable} file is not PEM`, 'bad_input', { file: path });
  }
  return bytes;
}

/**
 * Listens on `host`:`port` (0: any free port) over HTTPS when `tls` is given, else HTTP.
 * @param host the address to bind (default 127.0.0.1: this machine only)
 * @returns the listening server and its base URL (`https://localhost:8443`)
 * @throws MosavabatError when the key does not match the certificate or the port is taken
 */
export async function listen(handler: RequestListener, port: number, tls?: TlsFiles, host = '127.0.0.1'): Promise<{ server: Server; url: string }> {
  let server: Server;
  try {
    server = tls ? createHttpsServer({ cert: tls.cert, key: tls.key }, handler) : createHttpServer(handler);
  } catch (error) {
    throw new MosavabatError('tls_bad_pair', 'گواهی یا کلید HTTPS نادرست است یا با هم نمی‌خوانند',
      `the HTTPS certificate or key is invalid or they do not match (${(error as Error).message})`);
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE'
        ? new MosavabatError('port_in_use', `درگاه ${port} را برنامه‌ی دیگری گرفته است؛ PORT دیگری بدهید`, `port ${port} is in use`, 'conflict')
        : error);
    });
    server.listen(port, host, resolve);
  });
  const actual = (server.address() as AddressInfo).port;
  const shown = host === '127.0.0.1' || host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return { server, url: `${tls ? 'https' : 'http'}://${shown}:${actual}` };
}
