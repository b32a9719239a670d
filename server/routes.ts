/**
 * The API's routes, thin: read the request, check who may, call a use case, send JSON (or a
 * workbook). Every route is described in server/http/openapi.ts (a test keeps both in step).
 */
import { MAX_CHANGES_PAGE, replaceStoredSettings, storedRegisterChanges } from '../usecases/storedSettings';
import { createHash } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import { MosavabatError } from '../core/errors';
import { JalaliDate } from '../core/jalali/JalaliDate';
import { paletteLegend } from '../core/register/palette';
import type { Assignment } from '../core/register/types';
import type { FileReport } from '../core/merge';
import { exportStoredRegister } from '../usecases/exportStoredRegister';
import { storeMinutes } from '../usecases/importMinutesToStore';
import { replaceStoredDirectory } from '../usecases/storedAgencies';
import type { Actor } from '../usecases/registerStore';
import { mergeStoredReturn } from '../usecases/storedReturns';
import { mergeStoredRows, type RowsReport } from '../usecases/storedRowsMerge';
import { decideExtension, editStoredRow, type EditOutcome } from '../usecases/storedEdits';
import {
  DEFAULT_PAGE_ROWS, limitOverdue, MAX_PAGE_ROWS, pageOf, parseStates, registerOrder, sameAgency, storedAgencyReturn, storedDirectory, storedRows,
  storedSummary, storedSummaryWorkbook, withStates, type RowQuery, type StatedRow,
} from '../usecases/storedViews';
import { checkUploadShape } from '../usecases/uploadSafety';
import { listStoredUploads, MAX_UPLOAD_PAGE } from '../usecases/storedUploads';
import type { AppContext } from './app';
import { forbidden, principalOf, secretariatOnly, type Principal } from './http/auth';
import { ConflictWithCurrent, errorBody, httpStatus } from './http/errors';
import { tooManyUploads } from './http/rateLimit';
import { receiveFiles, type ReceivedFile } from './http/uploads';
import { OPENAPI } from './http/openapi';
import { readKey, VersionMemo } from './http/readCache';
import type { ParseKind, ParseOptions } from './worker/parsePool';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function actorOf(who: Principal): Actor {
  return who.role === 'agency' ? { kind: 'agency', tokenId: who.tokenId, agency: who.agency } : { kind: 'secretariat', tokenId: who.tokenId };
}

function text(req: Request, name: string): string | undefined {
  const value = req.query[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** `?today=YYYY/MM/DD` (any digits) for "as of" views. */
function dayParam(req: Request): JalaliDate | undefined {
  const value = text(req, 'today');
  if (!value) return undefined;
  const parsed = JalaliDate.tryParse(value);
  if (!parsed.ok) throw parsed.error;
  return parsed.date;
}

/** `If-Match: "5"` (or `5`, or `W/"5"`): the revision the client read. */
function ifMatch(req: Request): number {
  const header = req.get('if-match');
  if (!header) {
    throw new MosavabatError('if_match_required', 'نسخهٔ ردیفی که خوانده‌اید را در سرآیند If-Match بفرستید',
      'send the revision you read in the If-Match header', 'precondition_required');
  }
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) throw new MosavabatError('bad_if_match', 'سرآیند If-Match باید شمارهٔ نسخهٔ ردیف باشد', 'If-Match must be the row\'s revision', 'bad_input');
  return Number(match[1]);
}

/**
 * A whole number in the query, `fallback` when absent.
 * @throws MosavabatError `bad_number` when it is not a whole number from `min` to `max`
 */
function countParam(req: Request, name: string, fallback: number, max: number, min = 1): number {
  const value = text(req, name);
  if (value === undefined) return fallback;
  const n = /^\d{1,9}$/.test(value) ? Number(value) : NaN;
  if (!(n >= min && n <= max)) {
    throw new MosavabatError('bad_number', `«${name}» باید عددی درست از ${min} تا ${max} باشد`, `${name} must be a whole number from ${min} to ${max}`, 'bad_input');
  }
  return n;
}

/** The address of the next page: this request's query with the next page's cursor. */
function nextPage(req: Request, cursor: string): string {
  const params = new URLSearchParams(req.originalUrl.split('?')[1] ?? '');
  params.set('cursor', cursor);
  return `${req.baseUrl}${req.path}?${params.toString()}`;
}

/** Overdue rows the summary lists unless asked for more (`overdueLimit`, `all` for every one). */
const DEFAULT_OVERDUE_ROWS = 100;

function send(res: Response, outcome: EditOutcome): void {
  if (outcome.outcome === 'stale') {
    throw new ConflictWithCurrent('این ردیف پس از آنکه آن را خواندید تغییر کرده است؛ ردیف تازه را ببینید و دوباره تغییر دهید',
      'the row changed since you read it; see the current row and try again', outcome.current);
  }
  res.set('ETag', `"${outcome.row.revision}"`).json({ row: outcome.row });
}

function xlsx(res: Response, name: string, bytes: Buffer): void {
  res.type(XLSX_TYPE).attachment(name).send(bytes);
}

/** A file's outcome in an upload's answer. */
interface FileAnswer {
  file: string;
  /** HTTP-like status of this file alone: 200 read and merged (see report), 4xx refused as a whole. */
  status: number;
  duplicate?: boolean;
  report?: FileReport | RowsReport | Record<string, unknown>;
  error?: Record<string, unknown>;
}

function refusedFile(name: string, error: unknown): FileAnswer {
  const known = error instanceof MosavabatError ? error
    : new MosavabatError('internal_error', 'خطای پیش‌بینی‌نشده هنگام خواندن این فایل؛ فایل‌های دیگر خوانده شدند', 'unexpected error reading this file', 'internal', { file: name });
  return { file: name, status: httpStatus(known.kind), error: errorBody(known.at({ file: name })).error };
}

/**
 * Cheap checks in the request thread before a file is queued for a worker: empty, and for a
 * zip its central directory (entry count, declared sizes). Not-a-zip files go on to the
 * worker, whose inspection says what they are (.xls, encrypted …).
 */
function precheck(file: ReceivedFile, zip: boolean): void {
  if (file.error) throw file.error;
  if (file.bytes.length === 0) throw new MosavabatError('empty_file', 'فایل خالی است', 'the file is empty', 'bad_input', { file: file.name });
  if (zip) checkUploadShape(file.bytes, file.name);
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * Receive the request's files, read each in a worker, then handle them one after the other
 * (a later file sees what an earlier one changed). One bad file never stops the others. The
 * status: 200 when any file was read, else the first refusal's.
 */
async function handleUploads<K extends ParseKind>(ctx: AppContext, req: Request, res: Response, kind: K,
  handle: (file: ReceivedFile, data: Awaited<ReturnType<AppContext['parser']['parse']>>) => Promise<FileAnswer>,
  parseOptions?: () => Promise<ParseOptions>): Promise<void> {
  const who = principalOf(req);
  if (!(await ctx.uploads.hit(who.tokenId))) throw tooManyUploads();
  const files = await receiveFiles(req, ctx.uploadLimits, kind === 'minutes' ? 'minutes.txt' : 'file.xlsx');
  const options = parseOptions ? await parseOptions() : {};
  const parsed = files.map((file) => {
    try {
      precheck(file, kind !== 'minutes' || /\.docx$/i.test(file.name));
    } catch (error) {
      return Promise.reject(error);
    }
    return ctx.parser.parse(kind, file.name, file.bytes, options);
  });
  parsed.forEach((p) => p.catch(() => undefined));
  const answers: FileAnswer[] = [];
  for (let i = 0; i < files.length; i++) {
    try {
      answers.push(await handle(files[i], await parsed[i]));
    } catch (error) {
      answers.push(refusedFile(files[i].name, error));
    }
  }
  const ok = answers.some((a) => a.status < 300);
  const status = ok ? 200 : answers[0].status;
  const body: Record<string, unknown> = { files: answers };
  if (!ok) body.error = answers[0].error;
  res.status(status).json(body);
}

export function apiRoutes(ctx: AppContext): express.Router {
  const api = express.Router();
  const { store } = ctx;
  const today = (req: Request) => dayParam(req) ?? ctx.today();
  const rowQuery = (req: Request): RowQuery => {
    const query: RowQuery = {};
    const meeting = text(req, 'meeting');
    const agency = text(req, 'agency');
    const state = text(req, 'state');
    if (meeting) query.meetingId = meeting;
    if (agency) query.agency = agency;
    if (state) query.states = parseStates(state);
    if (text(req, 'requested') === 'true') query.requested = true;
    return query;
  };
  /** An agency token sees only its agency: an `agency` filter naming another is refused. */
  const ownQuery = async (req: Request): Promise<RowQuery> => {
    const who = principalOf(req);
    const query = rowQuery(req);
    if (who.role === 'agency') {
      if (query.agency && !sameAgency(await storedDirectory(store), who.agency, query.agency)) throw forbidden('فقط ردیف‌های دستگاه خودتان را می‌توانید ببینید', 'an agency token sees only its own rows');
      query.agency = who.agency;
    }
    return query;
  };
  const rowFor = async (req: Request): Promise<Assignment> => {
    const id = String(req.params.id);
    const row = await store.getAssignment(id);
    const who = principalOf(req);
    if (row && who.role === 'agency' && !sameAgency(await storedDirectory(store), who.agency, row.agency)) {
      throw forbidden('این ردیف مربوط به دستگاه دیگری است', 'this row belongs to another agency');
    }
    if (!row) throw new MosavabatError('row_not_found', `ردیفی با شناسهٔ «${id.slice(0, 80)}» در دفتر نیست`, `no row with id "${id.slice(0, 80)}"`, 'not_found');
    return row;
  };

  api.get('/openapi.json', (_req, res) => {
    res.json(OPENAPI);
  });

  api.get('/me', (req, res) => {
    const who = principalOf(req);
    res.json({ role: who.role, label: who.label, tokenId: who.tokenId, agency: who.role === 'agency' ? who.agency : null, today: ctx.today().toString() });
  });

  api.get('/palette', (_req, res) => {
    res.json({ states: paletteLegend() });
  });

  api.post('/minutes', secretariatOnly, async (req, res) => {
    await handleUploads(ctx, req, res, 'minutes', async (file, data) => {
      const result = await storeMinutes(store, data as Awaited<ReturnType<typeof ctx.parser.parse<'minutes'>>>, ctx.today().toString(), ctx.now());
      return { file: file.name, status: result.added > 0 ? 201 : 200, report: {
        meetingId: result.meetingId, added: result.added, existing: result.existing,
        agenciesJoined: result.agenciesJoined, agencyProposals: result.agencyProposals, ...result.minutes,
      } };
    }, async () => ({ settings: await store.getSettings() }));
  });

  api.get('/meetings', secretariatOnly, async (_req, res) => {
    res.json({ meetings: await store.listMeetings() });
  });

  api.get('/agencies', secretariatOnly, async (_req, res) => {
    res.json({ agencies: await store.listAgencies() });
  });

  api.put('/agencies', secretariatOnly, async (req, res) => {
    res.json({ agencies: await replaceStoredDirectory(store, req.body, actorOf(principalOf(req)), ctx.now()) });
  });

  api.get('/settings', secretariatOnly, async (_req, res) => {
    res.json({ settings: await store.getSettings() });
  });

  api.put('/settings', secretariatOnly, async (req, res) => {
    res.json({ settings: await replaceStoredSettings(store, req.body, actorOf(principalOf(req)), ctx.now()) });
  });

  /** What a read answer depends on besides the register (server/http/fastReads.ts sends kept answers by the same key). */
  const keyOf = (req: Request, path: string, at: JalaliDate) => readKey(path, principalOf(req), at.toString(), (name) => text(req, name));

  // a listing is built once per register version and paged from there
  const listings = new VersionMemo<StatedRow[]>(50);
  const orders = new VersionMemo<Map<string, number>>(1);
  api.get('/assignments', async (req, res) => {
    const at = today(req);
    const query = await ownQuery(req);
    const limit = countParam(req, 'limit', DEFAULT_PAGE_ROWS, MAX_PAGE_ROWS);
    const cursor = text(req, 'cursor');
    const version = await store.version();
    await ctx.reads.send(req, res, keyOf(req, '/api/assignments', at), version, async () => {
      const rows = await listings.get(JSON.stringify([query, at.toString()]), version, () => storedRows(store, at, query));
      const page = pageOf(rows, cursor === undefined ? new Map() : await orders.get('', version, () => registerOrder(store)), limit, cursor);
      const next = page.cursor === null ? null : nextPage(req, page.cursor);
      return { json: { today: at.toString(), total: page.total, next, assignments: page.rows }, headers: next ? { Link: `<${next}>; rel="next"` } : undefined };
    });
  });

  api.get('/assignments/:id', async (req, res) => {
    const row = await rowFor(req);
    res.set('ETag', `"${row.revision}"`).json({ row });
  });

  api.patch('/assignments/:id', secretariatOnly, async (req, res) => {
    const expected = ifMatch(req);
    const body = req.body as { fields?: unknown } | undefined;
    const fields = body && typeof body.fields === 'object' && body.fields !== null && !Array.isArray(body.fields) ? body.fields as Record<string, unknown> : undefined;
    if (!fields) throw new MosavabatError('bad_edit', 'بدنهٔ درخواست باید { "fields": { … } } باشد', 'the body must be { "fields": { … } }', 'bad_input');
    send(res, await editStoredRow(store, String(req.params.id), expected, fields, actorOf(principalOf(req)), ctx.now()));
  });

  api.post('/assignments/:id/extension', secretariatOnly, async (req, res) => {
    const expected = ifMatch(req);
    const decision = (req.body as { decision?: unknown } | undefined)?.decision;
    if (decision !== 'accept' && decision !== 'refuse') {
      throw new MosavabatError('bad_decision', 'تصمیم باید «accept» (پذیرش) یا «refuse» (رد) باشد', 'decision must be "accept" or "refuse"', 'bad_input');
    }
    send(res, await decideExtension(store, String(req.params.id), expected, decision, actorOf(principalOf(req)), ctx.now()));
  });

  api.get('/assignments/:id/history', async (req, res) => {
    const row = await rowFor(req);
    res.json({ id: row.id, history: await store.listHistory({ assignmentIds: [row.id] }) });
  });

  api.get('/register.xlsx', secretariatOnly, async (req, res) => {
    const at = today(req);
    xlsx(res, `دفتر مصوبات ${at.toString().replace(/\//g, '-')}.xlsx`, await exportStoredRegister(store, at));
  });

  api.post('/register', secretariatOnly, async (req, res) => {
    await handleUploads(ctx, req, res, 'register', async (file, data) => {
      const register = data as Awaited<ReturnType<typeof ctx.parser.parse<'register'>>>;
      const result = await mergeStoredRows(store, {
        file: file.name, sheet: register.sheet, columns: register.columns, fields: register.fields, rows: register.rows,
        settings: register.settings, agencies: register.agencies,
      },
        { actor: actorOf(principalOf(req)), source: 'upload' }, ctx.now(), { hash: sha256(file.bytes), name: file.name, size: file.bytes.length });
      return { file: file.name, status: 200, duplicate: result.duplicate, report: result.report };
    });
  });

  api.get('/summary', secretariatOnly, async (req, res) => {
    const at = today(req);
    const query = rowQuery(req);
    const overdue = text(req, 'overdueLimit') === 'all' ? Infinity : countParam(req, 'overdueLimit', DEFAULT_OVERDUE_ROWS, Number.MAX_SAFE_INTEGER, 0);
    await ctx.reads.send(req, res, keyOf(req, '/api/summary', at), await store.version(),
      async () => ({ json: limitOverdue(await storedSummary(store, at, query), overdue) }));
  });

  api.get('/summary.xlsx', secretariatOnly, async (req, res) => {
    const at = today(req);
    xlsx(res, `خلاصه مصوبات ${at.toString().replace(/\//g, '-')}.xlsx`, await storedSummaryWorkbook(store, at, rowQuery(req)));
  });

  api.get('/return.xlsx', async (req, res) => {
    const who = principalOf(req);
    const asked = text(req, 'agency');
    let agency: string;
    if (who.role === 'agency') {
      if (asked && !sameAgency(await storedDirectory(store), who.agency, asked)) throw forbidden('فقط فایل دستگاه خودتان را می‌توانید بگیرید', 'an agency token gets only its own return workbook');
      agency = who.agency;
    } else {
      if (!asked) throw new MosavabatError('agency_required', 'نام دستگاه را با ?agency= بدهید', 'give the agency with ?agency=', 'bad_input');
      agency = asked;
    }
    const made = await storedAgencyReturn(store, agency, ctx.now(), ctx.today());
    xlsx(res, made.name, made.bytes);
  });

  api.post('/returns', async (req, res) => {
    const who = principalOf(req);
    await handleUploads(ctx, req, res, 'return', async (file, data) => {
      const result = await mergeStoredReturn(store, data as Awaited<ReturnType<typeof ctx.parser.parse<'return'>>>,
        { hash: sha256(file.bytes), name: file.name, size: file.bytes.length },
        { actor: actorOf(who), expectedAgency: who.role === 'agency' ? who.agency : undefined }, ctx.now());
      const status = result.report.outcome === 'rejected' && result.report.rejected.some((r) => r.sheetRow === 0) ? 422 : 200;
      return { file: file.name, status, duplicate: result.duplicate, report: result.report };
    });
  });

  api.get('/history', secretariatOnly, async (req, res) => {
    const limit = countParam(req, 'limit', 100, MAX_CHANGES_PAGE);
    const before = text(req, 'before') === undefined ? undefined : countParam(req, 'before', 0, Number.MAX_SAFE_INTEGER);
    res.json(await storedRegisterChanges(store, limit, before));
  });

  api.get('/uploads', secretariatOnly, async (req, res) => {
    const limit = countParam(req, 'limit', 100, MAX_UPLOAD_PAGE);
    const before = text(req, 'before') === undefined ? undefined : countParam(req, 'before', 0, Number.MAX_SAFE_INTEGER);
    res.json(await listStoredUploads(store, limit, before));
  });

  api.post('/sync', secretariatOnly, async (req, res) => {
    const body = req.body as { rows?: unknown; fields?: unknown; known?: unknown; withMissing?: unknown } | undefined;
    if (!body || !Array.isArray(body.rows)) {
      throw new MosavabatError('bad_sync', 'بدنهٔ درخواست باید { "rows": [ … ] } باشد', 'the body must be { "rows": [ … ] }', 'bad_input');
    }
    const rows = body.rows.map((row: unknown, i: number) => {
      const r = (row ?? {}) as { id?: unknown; revision?: unknown; sheetRow?: unknown; values?: unknown };
      const values = typeof r.values === 'object' && r.values !== null ? r.values as Record<string, unknown> : {};
      const clean: Record<string, string | number | boolean | null> = {};
      for (const [k, v] of Object.entries(values)) {
        if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') clean[k] = v;
      }
      clean.id = typeof r.id === 'string' ? r.id : null;
      clean.revision = typeof r.revision === 'number' ? r.revision : null;
      return { sheetRow: typeof r.sheetRow === 'number' ? r.sheetRow : i + 2, values: clean };
    });
    const fields = Array.isArray(body.fields) ? body.fields.filter((f): f is string => typeof f === 'string')
      : [...new Set(rows.flatMap((r) => Object.keys(r.values)))];
    const result = await mergeStoredRows(store, { file: 'sync', fields: fields as never[], rows },
      { actor: actorOf(principalOf(req)), source: 'sync' }, ctx.now());
    const at = ctx.today();
    // only the rows sent get their states; the whole register is read only for the part that asks
    // what is missing (the last), from the listing kept per register version
    let missing: StatedRow[] = [];
    if (body.withMissing !== false) {
      // the sheet's other rows, sent in other parts of the same sync, are not missing from it
      const sent = new Set([...result.rows.map((r) => r.id), ...(Array.isArray(body.known) ? body.known.filter((k): k is string => typeof k === 'string') : [])]);
      const all = await listings.get(JSON.stringify([{}, at.toString()]), await store.version(), () => storedRows(store, at));
      missing = all.filter((r) => !sent.has(r.id));
    }
    res.json({
      rows: await withStates(store, result.rows, at),
      missing,
      conflicts: result.report.conflicts,
      rejected: result.report.rejected,
      report: result.report,
    });
  });

  return api;
}
