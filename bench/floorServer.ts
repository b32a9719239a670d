/**
 * The floor the service bench compares with: a bare Node HTTP server that answers every request
 * with the same bytes (an answer the service sent, read from a file), no routing, no checks.
 *
 *   node dist/bench/floorServer.js <file> [content-encoding]
 * prints `floor: http://127.0.0.1:<port>/` once listening; stops on SIGTERM.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const body = readFileSync(process.argv[2]);
const encoding = process.argv[3];
const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8' };
if (encoding) headers['Content-Encoding'] = encoding;

const server = createServer((_req, res) => {
  res.writeHead(200, headers);
  res.end(body);
});
server.listen(0, '127.0.0.1', () => console.log(`floor: http://127.0.0.1:${(server.address() as AddressInfo).port}/`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
