#!/usr/bin/env node
/** Start the service: `npm start`. PORT (default 8080), MOSAVABAT_DB (default data/mosavabat.sqlite, or postgres://…). */
import { createApp } from './app';
import { describeStore, openStore } from './store/openStore';
import { ensureFirstToken } from './store/firstToken';

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8080);
  const store = await openStore(process.env.MOSAVABAT_DB);
  await ensureFirstToken(store, (line) => console.log(line));
  const server = createApp({ store }).listen(port, () => {
    console.log(`mosavabat: http://localhost:${port}/  (store: ${describeStore(process.env.MOSAVABAT_DB)})`);
  });
  const stop = () => server.close(() => {
    void store.close().finally(() => process.exit(0));
  });
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`mosavabat: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
