#!/usr/bin/env node
/**
 * Start the service: `npm start`. PORT (default 8080), HOST (default 127.0.0.1: this machine only;
 * `HOST=0.0.0.0` for the office network), MOSAVABAT_DB (default data/mosavabat.sqlite,
 * or postgres://…), TLS_CERT and TLS_KEY (PEM files; both set: HTTPS, which Office needs to load
 * the add-in). The built Excel add-in is served at /addin/ on the same address.
 */
import { createApp, requestListener } from './app';
import { describeStore, openStore } from '../adapters/store/openStore';
import { ensureFirstToken } from '../adapters/store/firstToken';
import { listen, readTlsFiles } from './listen';
import { createParsePool } from './worker/parsePool';
import { MosavabatError, describeLocation } from '../core/errors';

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8080);
  const host = process.env.HOST?.trim() || '127.0.0.1';
  // a wrong certificate setting stops the start before the store is touched
  const tls = readTlsFiles(process.env);
  const store = await openStore(process.env.MOSAVABAT_DB);
  await ensureFirstToken(store, (line) => console.log(line));
  const parser = createParsePool();
  const { server, url } = await listen(requestListener(createApp({ store, parser })), port, tls, host);
  parser.warm();
  console.log(`mosavabat: ${url}/  (store: ${describeStore(process.env.MOSAVABAT_DB)})`);
  console.log(`Excel add-in: ${url}/addin/taskpane.html${tls ? '' : '  (Office needs HTTPS: set TLS_CERT and TLS_KEY)'}`);

  const stop = () => server.close(() => {
    void Promise.all([parser.close(), store.close()]).finally(() => process.exit(0));
  });
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const line = error instanceof MosavabatError
    ? `خطا: ${describeLocation(error.where)}${error.fa} — error: ${error.en}`
    : `خطای پیش‌بینی‌نشده در راه‌اندازی سرویس — unexpected startup error: ${error instanceof Error ? error.message : String(error)}`;
  console.error(line);
  process.exit(2);
});
