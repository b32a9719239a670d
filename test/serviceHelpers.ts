/** Helpers for the service's tests: an app on an in-memory store with tokens, downloads, filled returns. */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import request from 'supertest';
import type { Express } from 'express';
import type { FieldName } from '../core/register/fields';
import { createApp } from '../server/app';
import { openSqliteStore } from '../adapters/store/sqliteStore';
import { createParsePool, type Parser } from '../server/worker/parsePool';
import type { RegisterStore } from '../usecases/registerStore';
import { SEED_MINUTES } from './helpers';
import { fill } from './fixtures/returns/helpers';

export const SEED = readFileSync(SEED_MINUTES);
/** 2022-07-05 09:00 Tehran = 1401/04/14. */
export const NOW = new Date('2022-07-05T05:30:00Z');
export const KARAJ = 'فرمانداری کرج';
export const EDUCATION = 'آموزش و پرورش استان';

let parser: Parser | undefined;
/** One worker pool for the test file (closed by closeParser). */
export function testParser(): Parser {
  return (parser ??= createParsePool({ size: 2 }));
}
export async function closeParser(): Promise<void> {
  await parser?.close();
  parser = undefined;
}

export interface Service {
  app: Express;
  store: RegisterStore;
  logged: string[];
  tokens: { secretariat: string; karaj: string; education: string };
}

/** A service on a fresh in-memory store, with a secretariat token and two agency tokens. */
export async function makeService(options: { now?: () => Date; seed?: boolean; uploadsPerMinute?: number; failedLoginsPer10Minutes?: number } = {}): Promise<Service> {
  const store = await openSqliteStore(':memory:');
  const logged: string[] = [];
  const app = createApp({ store, now: options.now ?? (() => NOW), log: (l) => logged.push(l), parser: testParser(), uploadsPerMinute: options.uploadsPerMinute, failedLoginsPer10Minutes: options.failedLoginsPer10Minutes });
  const at = NOW.toISOString();
  const tokens = {
    secretariat: (await store.createToken({ role: 'secretariat', label: 'دبیرخانه' }, at)).secret,
    karaj: (await store.createToken({ role: 'agency', agency: KARAJ, label: 'کرج' }, at)).secret,
    education: (await store.createToken({ role: 'agency', agency: EDUCATION, label: 'آموزش' }, at)).secret,
  };
  const service = { app, store, logged, tokens };
  if (options.seed !== false) {
    const res = await request(app).post('/api/minutes?name=seed.txt').set('Authorization', `Bearer ${tokens.secretariat}`)
      .set('Content-Type', 'application/octet-stream').send(SEED);
    if (res.status !== 200) throw new Error(`seeding failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return service;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** GET a binary answer as a Buffer. */
export async function download(app: Express, path: string, token: string): Promise<{ status: number; body: Buffer; headers: Record<string, string> }> {
  const res = await request(app).get(path).set(bearer(token)).buffer(true).parse((response, done) => {
    const chunks: Buffer[] = [];
    response.on('data', (c: Buffer) => chunks.push(c));
    response.on('end', () => done(null, Buffer.concat(chunks)));
  });
  return { status: res.status, body: res.body as Buffer, headers: res.headers as Record<string, string> };
}

/** A return workbook with some rows filled the way an agency fills them: `{ id: { status: 'در حال انجام' } }`. */
export async function filledReturn(bytes: Buffer, values: Record<string, Partial<Record<FieldName, ExcelJS.CellValue>>>,
  edit?: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  fill(workbook.getWorksheet('مصوبات')!, values);
  edit?.(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** POST files as multipart/form-data. */
export function upload(app: Express, path: string, token: string, files: Array<{ name: string; bytes: Buffer }>) {
  let req = request(app).post(path).set(bearer(token));
  for (const f of files) req = req.attach('file', f.bytes, f.name);
  return req;
}
