#!/usr/bin/env node
/** Start the service: `npm start`. PORT (default 8080), MOSAVABAT_DB (default data/mosavabat.sqlite). */
import { resolve } from 'node:path';
import { createApp } from './app';
import { openSqliteStore } from './store/sqliteStore';

const port = Number(process.env.PORT ?? 8080);
const dbPath = resolve(process.env.MOSAVABAT_DB ?? 'data/mosavabat.sqlite');
const store = openSqliteStore(dbPath);
const server = createApp({ store }).listen(port, () => {
  console.log(`mosavabat: http://localhost:${port}/  (store: ${dbPath})`);
});

function stop(): void {
  server.close(() => {
    store.close();
    process.exit(0);
  });
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
