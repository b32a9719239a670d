/**
 * Returns made by the service are signed with the store's key, exactly as `agency-sheets`
 * signs with a register's, and uploads are checked the way `mosavabat merge` checks: edited
 * hidden sheets refused, another register's or service's file refused saying so, unsigned older
 * files merged with a note, hand-made files handled as the CLI handles them. The key itself
 * never leaves the store.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { listZipEntries, readZipEntry } from '../adapters/xlsx/fast/zip';
import { BASE_SHEET, META_SHEET } from '../adapters/xlsx/returns/format';
import { keyId } from '../adapters/xlsx/returns/signature';
import { mergeReturnFiles, type MergeReportFile } from '../usecases/mergeReturns';
import { writeAgencySheets } from '../usecases/agencySheets';
import { bearer, closeParser, download, EDUCATION, filledReturn, KARAJ, makeService, NOW, upload, type Service } from './serviceHelpers';
import { RETURNS_AGENCIES, RETURNS_REGISTER_ROWS } from './fixtures/returns/registerRows';
import { tempDir } from './helpers';
import { forgeries, metaRow } from './fixtures/returns/helpers';
import { registerFile } from './registerHelpers';

afterAll(closeParser);

// several services, downloads and uploads per test: slow when the shared machine is busy
jest.setTimeout(60_000);

/** The CLI's reasons, written out here by hand: the service must give the very same words. */
const EDITED_REASON = 'مشخصات پنهان این فایل (دستگاه، شناسه‌ها یا مقادیر پایهٔ ردیف‌ها) پس از ساخته شدن تغییر کرده است و با امضای آن نمی‌خواند؛ فایل پذیرفته نشد';
const OTHER_REGISTER_REASON = 'این فایل از دفتر یا سامانهٔ دیگری ساخته و امضا شده است، نه از این دفتر؛ ردیف‌هایش اینجا ادغام نشد';
const UNSIGNED_NOTE = 'این فایل پیش از امضای فایل‌های دستگاه‌ها ساخته شده است';

async function idsOf(s: Service, agency: string): Promise<string[]> {
  const res = await request(s.app).get('/api/assignments').query({ agency }).set(bearer(s.tokens.secretariat));
  return res.body.assignments.map((a: { id: string }) => a.id);
}

/** The meta sheet's pairs of a workbook's bytes. */
async function metaOf(bytes: Buffer): Promise<Map<string, unknown>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const pairs = new Map<string, unknown>();
  book.getWorksheet(META_SHEET)!.eachRow((row) => pairs.set(String(row.getCell(1).value), row.getCell(2).value));
  return pairs;
}

/** Every part of a zip (an .xlsx), inflated, as one text. */
function unzippedText(bytes: Buffer): string {
  return listZipEntries(bytes).map((entry) => readZipEntry(bytes, entry).toString('latin1')).join('\n');
}

async function uploadOne(s: Service, token: string, name: string, bytes: Buffer) {
  const res = await upload(s.app, '/api/returns', token, [{ name, bytes }]);
  return { status: res.status, file: res.body.files[0] };
}

describe('a return made by the service', () => {
  test('is signed with the store\'s key (its keyId named, the key itself nowhere); filled and sent back, it applies with no note', async () => {
    const s = await makeService();
    const [first] = await idsOf(s, KARAJ);
    const file = await download(s.app, '/api/return.xlsx', s.tokens.karaj);
    expect(file.status).toBe(200);
    const key = await s.store.signingKey(NOW.toISOString());
    const meta = await metaOf(file.body);
    expect(meta.get('signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(meta.get('signedBy')).toBe(keyId(key.key));
    const inside = unzippedText(file.body);
    expect(inside).not.toContain(key.key.toString('hex'));
    expect(inside).not.toContain(key.key.toString('base64'));

    const filled = await filledReturn(file.body, { [first]: { status: 'در حال انجام', percent: 40 } });
    const { status, file: answer } = await uploadOne(s, s.tokens.karaj, 'کرج.xlsx', filled);
    expect([status, answer.report.outcome, answer.report.cellsApplied]).toEqual([200, 'applied', 2]);
    expect(answer.report.notes).toEqual([]);
    expect((await s.store.getAssignment(first))!.percent).toBe(40);
  });

  test('returns of two agencies are signed by the one key of the store', async () => {
    const s = await makeService();
    const a = await metaOf((await download(s.app, '/api/return.xlsx', s.tokens.karaj)).body);
    const b = await metaOf((await download(s.app, '/api/return.xlsx', s.tokens.education)).body);
    expect(a.get('signedBy')).toBe(b.get('signedBy'));
    expect(a.get('agency')).toBe(KARAJ);
    expect(b.get('agency')).toBe(EDUCATION);
  });
});

describe('an upload whose signed parts were edited', () => {
  for (const [what, edit] of forgeries(EDUCATION, 'x-1')) {
    test(`${what}: refused whole (422) with the CLI's reason; the store is unchanged`, async () => {
      const s = await makeService();
      const [first] = await idsOf(s, KARAJ);
      const file = await download(s.app, '/api/return.xlsx', s.tokens.karaj);
      const forged = await filledReturn(file.body, { [first]: { percent: 90 } },
        (workbook) => edit(workbook.getWorksheet(META_SHEET)!, workbook.getWorksheet(BASE_SHEET)!));
      const version = await s.store.version();
      const { status, file: answer } = await uploadOne(s, s.tokens.karaj, 'forged.xlsx', forged);
      expect(status).toBe(422);
      expect(answer.report.outcome).toBe('rejected');
      expect(answer.report.rejected.map((r: { code: string }) => r.code)).toEqual(['return_signature_invalid']);
      expect(answer.report.fa).toContain(EDITED_REASON);
      expect((await s.store.getAssignment(first))!.percent).toBeNull();
      expect(await s.store.version()).toBe(version);
    });
  }

  test('a locked cell of the visible sheet edited: that row refused with the CLI\'s reason, the rest applied', async () => {
    const s = await makeService();
    const [first, second] = await idsOf(s, KARAJ);
    const file = await download(s.app, '/api/return.xlsx', s.tokens.karaj);
    const edited = await filledReturn(file.body, { [first]: { text: 'متن دیگری برای مصوبه', percent: 90 }, [second]: { percent: 20 } });
    const { status, file: answer } = await uploadOne(s, s.tokens.karaj, 'edited.xlsx', edited);
    expect(status).toBe(200);
    expect(answer.report.rejected.map((r: { id: string; code: string }) => [r.id, r.code])).toEqual([[first, 'locked_edited']]);
    expect(answer.report.rejected[0].fa).toContain('خانه‌های قفل‌شدهٔ «متن مصوبه»');
    expect(answer.report.rejected[0].fa).toContain('تغییر کرده‌اند؛ این ردیف اعمال نشد');
    expect((await s.store.getAssignment(first))!.percent).toBeNull();
    expect((await s.store.getAssignment(second))!.percent).toBe(20);
  });
});

describe('a return signed elsewhere', () => {
  test('one made by another service (another store) is refused, saying it comes from another register or service', async () => {
    const here = await makeService();
    const there = await makeService();
    const [first] = await idsOf(there, KARAJ);
    const theirs = await filledReturn((await download(there.app, '/api/return.xlsx', there.tokens.karaj)).body, { [first]: { percent: 50 } });
    const { status, file: answer } = await uploadOne(here, here.tokens.karaj, 'there.xlsx', theirs);
    expect(status).toBe(422);
    expect(answer.report.rejected.map((r: { code: string }) => r.code)).toEqual(['return_other_register']);
    expect(answer.report.fa).toContain(OTHER_REGISTER_REASON);
    // the same seed gives the same ids in both stores: nothing of the file reached this one
    expect((await here.store.getAssignment(first))!.percent).toBeNull();
  });

  test('the CLI and the service agree: each refuses the other\'s return with the same words', async () => {
    const dir = tempDir('mosavabat-service-signed-');
    const register = await registerFile(dir, RETURNS_REGISTER_ROWS());
    const made = await writeAgencySheets(register, join(dir, 'returns'));
    const cliReturn = readFileSync(made.files.find((f) => f.agency === RETURNS_AGENCIES.A)!.path);

    const s = await makeService();
    const byService = await uploadOne(s, s.tokens.karaj, 'from-cli.xlsx', cliReturn);
    expect(byService.status).toBe(422);
    expect(byService.file.report.rejected[0].code).toBe('return_other_register');

    const serviceReturn = join(dir, 'from-service.xlsx');
    writeFileSync(serviceReturn, (await download(s.app, '/api/return.xlsx', s.tokens.karaj)).body);
    const reportPath = join(dir, 'report.json');
    await mergeReturnFiles(register, [serviceReturn], { output: join(dir, 'merged.xlsx'), reportPath });
    const byCli = (JSON.parse(readFileSync(reportPath, 'utf8')) as MergeReportFile).files[0];
    expect(byCli.rejected[0].code).toBe('return_other_register');
    expect(byCli.fa).toBe(byService.file.report.fa);
    expect(byCli.fa).toContain(OTHER_REGISTER_REASON);
  });
});

describe('unsigned files', () => {
  /** A return as the service made it before it signed them: no signature, no keyId, made `madeAt`. */
  async function olderReturn(s: Service, madeAt: string, values: Parameters<typeof filledReturn>[1]): Promise<Buffer> {
    const file = await download(s.app, '/api/return.xlsx', s.tokens.karaj);
    return filledReturn(file.body, values, (workbook) => {
      const meta = workbook.getWorksheet(META_SHEET)!;
      meta.spliceRows(metaRow(meta, 'signature').number, 1);
      meta.spliceRows(metaRow(meta, 'signedBy').number, 1);
      metaRow(meta, 'madeAt').getCell(2).value = madeAt;
    });
  }

  test('a return made before the store had its key merges as before, with the CLI\'s note, shown in the answer', async () => {
    const s = await makeService();
    const [first] = await idsOf(s, KARAJ);
    // the key is made at the service's "now" (NOW) on first need; this file says it was made a day earlier
    const older = await olderReturn(s, '2022-07-04T05:30:00.000Z', { [first]: { percent: 30 } });
    const { status, file: answer } = await uploadOne(s, s.tokens.karaj, 'older.xlsx', older);
    expect([status, answer.report.outcome]).toEqual([200, 'applied']);
    expect(answer.report.notes.map((n: { code: string }) => n.code)).toEqual(['return_unsigned']);
    expect(answer.report.notes[0].fa).toContain(UNSIGNED_NOTE);
    expect((await s.store.getAssignment(first))!.percent).toBe(30);
  });

  test('an unsigned return that says it was made after the key existed is refused as edited', async () => {
    const s = await makeService();
    const [first] = await idsOf(s, KARAJ);
    const late = await olderReturn(s, '2022-07-05T06:00:00.000Z', { [first]: { percent: 30 } });
    const { status, file: answer } = await uploadOne(s, s.tokens.karaj, 'late.xlsx', late);
    expect(status).toBe(422);
    expect(answer.report.rejected[0].code).toBe('return_signature_invalid');
    expect((await s.store.getAssignment(first))!.percent).toBeNull();
  });

  /** A hand-made workbook with the register's headers and one of Karaj's rows: no hidden sheets at all. */
  async function handMade(id: string): Promise<Buffer> {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('گزارش');
    sheet.addRow(['شناسه', 'وضعیت', 'درصد پیشرفت', 'گزارش اقدام']);
    sheet.addRow([id, 'در حال انجام', 25, 'نامه به فرمانداری نوشته شد']);
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  test('a hand-made file from an agency token is read as that agency\'s (as `merge --agency`): its own row applies, another agency\'s is refused', async () => {
    const s = await makeService();
    const [karajId] = await idsOf(s, KARAJ);
    const [educationId] = await idsOf(s, EDUCATION);
    const mine = await uploadOne(s, s.tokens.karaj, 'hand.xlsx', await handMade(karajId));
    expect([mine.status, mine.file.report.outcome, mine.file.report.agency]).toEqual([200, 'applied', KARAJ]);
    expect(mine.file.report.notes).toEqual([]);
    expect((await s.store.getAssignment(karajId))!.percent).toBe(25);
    const theirs = await uploadOne(s, s.tokens.karaj, 'hand-2.xlsx', await handMade(educationId));
    expect(theirs.file.report.rejected.map((r: { id: string; code: string }) => [r.id, r.code])).toEqual([[educationId, 'other_agency']]);
    expect((await s.store.getAssignment(educationId))!.percent).toBeNull();
  });

  test('a hand-made file from the secretariat says whose it is nowhere: refused as not a return (as `merge` without --agency)', async () => {
    const s = await makeService();
    const [karajId] = await idsOf(s, KARAJ);
    const { status, file: answer } = await uploadOne(s, s.tokens.secretariat, 'hand.xlsx', await handMade(karajId));
    expect(status).toBe(422);
    expect(answer.report.rejected[0].code).toBe('not_a_return');
    expect((await s.store.getAssignment(karajId))!.percent).toBeNull();
  });
});

describe('the signing key never leaves the store', () => {
  test('no answer\'s body or headers, no log line and no workbook carries it', async () => {
    const s = await makeService();
    const [first] = await idsOf(s, KARAJ);
    const returned = await download(s.app, '/api/return.xlsx', s.tokens.karaj);
    const key = await s.store.signingKey(NOW.toISOString());
    const secrets = [key.key.toString('hex'), key.key.toString('base64'), key.key.toString('base64url')];
    const answers: Array<{ route: string; text: string }> = [];
    const keep = (route: string, res: { headers: Record<string, unknown>; body: unknown; text?: string }, bytes?: Buffer) => {
      const body = bytes ? unzippedText(bytes) + bytes.toString('latin1') : (res.text ?? JSON.stringify(res.body));
      answers.push({ route, text: JSON.stringify(res.headers) + body });
    };
    keep('GET /api/return.xlsx', returned, returned.body);
    const register = await download(s.app, '/api/register.xlsx', s.tokens.secretariat);
    keep('GET /api/register.xlsx', register, register.body);
    const summary = await download(s.app, '/api/summary.xlsx', s.tokens.secretariat);
    keep('GET /api/summary.xlsx', summary, summary.body);
    for (const path of ['/api/me', '/api/assignments', `/api/assignments/${first}/history`, '/api/summary', '/api/meetings', '/api/openapi.json', '/api/health']) {
      keep(`GET ${path}`, await request(s.app).get(path).set(bearer(s.tokens.secretariat)));
    }
    const filled = await filledReturn(returned.body, { [first]: { percent: 10 } });
    keep('POST /api/returns', await upload(s.app, '/api/returns', s.tokens.karaj, [{ name: 'k.xlsx', bytes: filled }]));
    const forged = await filledReturn(returned.body, {}, (workbook) => { metaRow(workbook.getWorksheet(META_SHEET)!, 'agency').getCell(2).value = EDUCATION; });
    keep('POST /api/returns (refused)', await upload(s.app, '/api/returns', s.tokens.karaj, [{ name: 'f.xlsx', bytes: forged }]));
    answers.push({ route: 'log', text: s.logged.join('\n') });
    expect(answers.length).toBe(13);
    for (const { route, text } of answers) {
      for (const secret of secrets) expect([route, text.includes(secret)]).toEqual([route, false]);
    }
  });
});
