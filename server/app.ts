/**
 * The HTTP service. `createApp` builds the Express app from its collaborators and does not
 * listen: tests call it in-process (supertest), `main.ts` listens.
 * Routes are thin: read the request, call a use case, send JSON.
 */
import express, { Request } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { JalaliDate } from '../core/jalali/JalaliDate';
import { MosavabatError } from '../core/errors';
import { comparisonKey } from '../core/text/normalize';
import { deriveState } from '../core/register/state';
import { paletteLegend } from '../core/register/palette';
import { errorHandler } from './http/errors';
import { addinStatic } from './addinStatic';
import type { RegisterStore } from '../usecases/registerStore';
import { importMinutesToStore } from '../usecases/importMinutesToStore';
import { exportStoredRegister } from '../usecases/exportStoredRegister';

export interface AppOptions {
  store: RegisterStore;
  /** The current instant; a function so tests can fix "today". */
  now?: () => Date;
  log?: (line: string) => void;
}

/** The page's static files: beside this file in the source tree, or back in `server/` from `dist/`. */
const PUBLIC_DIR = [join(__dirname, 'public'), join(__dirname, '..', '..', 'server', 'public')].find((dir) => existsSync(dir)) ?? join(__dirname, 'public');

/** Largest minutes upload accepted (bytes). */
export const MAX_MINUTES_BYTES = 5 * 1024 * 1024;

export function createApp({ store, now = () => new Date(), log = (l) => console.error(l) }: AppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  const today = () => JalaliDate.today(now());

  app.get('/api/health', (_req, res) => {
    res.json({ ok: true, today: today().toString() });
  });

  // minutes arrive as the raw file bytes (any encoding); the file name in ?name= for messages
  app.post('/api/minutes', express.raw({ type: () => true, limit: MAX_MINUTES_BYTES }), async (req, res) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const name = typeof req.query.name === 'string' && req.query.name ? req.query.name : 'minutes.txt';
    const result = await importMinutesToStore(store, body, name, today().toString(), now());
    res.status(result.added > 0 ? 201 : 200).json({
      meetingId: result.meetingId,
      added: result.added,
      existing: result.existing,
      ...result.minutes,
    });
  });

  app.get('/api/register.xlsx', async (req, res) => {
    const at = dayParam(req) ?? today();
    const bytes = await exportStoredRegister(store, at);
    const name = `دفتر مصوبات ${at.toString().replace(/\//g, '-')}.xlsx`;
    res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .attachment(name)
      .send(bytes);
  });

  app.get('/api/palette', (_req, res) => {
    res.json({ states: paletteLegend() });
  });

  app.get('/api/meetings', async (_req, res) => {
    res.json({ meetings: await store.listMeetings() });
  });

  app.get('/api/assignments', async (req, res) => {
    const at = dayParam(req) ?? today();
    const agency = typeof req.query.agency === 'string' ? req.query.agency : undefined;
    const meetingId = typeof req.query.meeting === 'string' ? req.query.meeting : undefined;
    const rows = await store.listAssignments({ meetingId, agencyKey: agency ? comparisonKey(agency) : undefined });
    res.json({ today: at.toString(), assignments: rows.map((a) => ({ ...a, state: deriveState(a, at) })) });
  });

  app.use('/fonts', express.static(join(require.resolve('vazirmatn/package.json'), '..', 'fonts', 'webfonts'), { maxAge: '7d' }));
  app.use(express.static(PUBLIC_DIR));
  // the Excel add-in on the API's own origin (no CORS; one certificate)
  app.use('/addin', addinStatic());

  app.use('/api', (_req, _res, next) => {
    next(new MosavabatError('no_such_route', 'چنین نشانی‌ای در سرویس نیست', 'no such API route', 'not_found'));
  });
  app.use(errorHandler(log));
  return app;
}

/** `?today=YYYY/MM/DD` (any digits) for "as of" views. */
function dayParam(req: Request): JalaliDate | undefined {
  const value = req.query.today;
  if (typeof value !== 'string' || value === '') return undefined;
  const parsed = JalaliDate.tryParse(value);
  if (!parsed.ok) throw parsed.error;
  return parsed.date;
}
