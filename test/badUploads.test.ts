/**
 * Bad uploads: each is refused with a 4xx and a clear Persian message naming the file, the
 * store is unchanged, and the service goes on answering. Nothing from an upload lands as a
 * live formula.
 */
import { constants, deflateRawSync } from 'node:zlib';
import request from 'supertest';
import { assembleZip, listZipEntries, readZipEntry, storedEntry, type PackedEntry } from '../adapters/xlsx/fast/zip';
import { bearer, closeParser, download, filledReturn, KARAJ, makeService, upload, type Service } from './serviceHelpers';
import { checkUploadedWorkbook } from '../usecases/uploadSafety';

afterAll(closeParser);

const MiB = 1024 * 1024;

/** The parts of a zip with one part's text replaced. */
function rewritePart(zip: Buffer, name: string, change: (xml: string) => string): Buffer {
  return assembleZip(listZipEntries(zip).map((e): PackedEntry => {
    if (e.name !== name) return storedEntry(zip, e);
    const data = Buffer.from(change(readZipEntry(zip, e).toString('utf8')));
    return { name, method: 8, crc: 0, size: data.length, compressed: deflateRawSync(data) };
  }));
}

/** A part that says it holds 1,000 bytes and inflates to `mebibytes` MiB of spaces. */
function bombPart(name: string, mebibytes: number): PackedEntry {
  const flush = { finishFlush: constants.Z_FULL_FLUSH };
  const block = deflateRawSync(Buffer.alloc(MiB, 0x20), flush);
  const parts = [deflateRawSync(Buffer.from('<?xml version="1.0"?><worksheet>'), flush)];
  for (let i = 0; i < mebibytes; i++) parts.push(block);
  parts.push(Buffer.from([0x03, 0x00]));
  return { name, method: 8, crc: 0, size: 1000, compressed: Buffer.concat(parts) };
}

/** Where the return's data sheet is. */
function dataSheetPart(zip: Buffer): string {
  return listZipEntries(zip).map((e) => e.name).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).sort()[0];
}

describe('bad uploads', () => {
  let s: Service;
  let good: Buffer;
  let karajId: string;
  let before: unknown;

  beforeAll(async () => {
    s = await makeService();
    good = (await download(s.app, '/api/return.xlsx', s.tokens.karaj)).body;
    karajId = (await request(s.app).get('/api/assignments').set(bearer(s.tokens.karaj))).body.assignments[0].id;
    before = await s.store.listAssignments();
  });

  const cases: Array<[string, () => Promise<Buffer> | Buffer, number, string]> = [
    ['an empty file', () => Buffer.alloc(0), 400, 'empty_file'],
    ['a file that is not a zip', () => Buffer.from('این یک متن است، نه اکسل'), 400, 'not_xlsx'],
    ['a truncated workbook', () => good.subarray(0, Math.floor(good.length / 2)), 400, 'damaged_workbook'],
    ['a zip bomb (a sheet that inflates to 200 MB)', () => {
      const sheet = dataSheetPart(good);
      return assembleZip(listZipEntries(good).map((e) => (e.name === sheet ? bombPart(sheet, 200) : storedEntry(good, e))));
    }, 400, 'file_too_large'],
    ['a zip of 50,000 entries', () => assembleZip(Array.from({ length: 50_000 }, (_, i) => ({
      name: `x/${i}.xml`, method: 0, crc: 0, size: 1, compressed: Buffer.from('x'),
    }))), 400, 'file_too_large'],
    ['a __proto__ defined name', () => rewritePart(good, 'xl/workbook.xml', (xml) => xml.includes('<definedNames>')
      ? xml.replace('<definedNames>', '<definedNames><definedName name="__proto__">Sheet1!$A$1</definedName>')
      : xml.replace('</sheets>', '</sheets><definedNames><definedName name="__proto__">Sheet1!$A$1</definedName></definedNames>')), 400, 'unsafe_workbook'],
    ['a formula cell', () => filledReturn(good, { [karajIdOf()]: { report: { formula: 'CONCATENATE("a","b")', result: 'ab' } } }), 400, 'formula_cells'],
    ['a DDE cell', () => filledReturn(good, { [karajIdOf()]: { percent: { formula: "cmd|' /C calc'!A0", result: 0 } } }), 400, 'external_links'],
    ['an external link part', () => assembleZip([...listZipEntries(good).map((e) => storedEntry(good, e)),
      { name: 'xl/externalLinks/externalLink1.xml', method: 0, crc: 0, size: 10, compressed: Buffer.from('<x ddeLink/>') }]), 400, 'external_links'],
  ];
  const karajIdOf = () => karajId;

  test.each(cases)('%s: refused with a 4xx and a Persian message naming the file, store unchanged, service answering', async (_what, make, status, code) => {
    const bytes = await make();
    const res = await upload(s.app, '/api/returns', s.tokens.karaj, [{ name: 'bad.xlsx', bytes }]);
    expect([res.status, res.body.error?.code]).toEqual([status, code]);
    expect(res.body.error.message).toMatch(/[\u0600-\u06ff]{3}/);
    expect(res.body.error.where.file).toBe('bad.xlsx');
    expect(JSON.stringify(res.body)).not.toMatch(/at .+:\d+:\d+|node_modules|\/tmp\//);
    expect(await s.store.listAssignments()).toEqual(before);
    expect(await s.store.listHistory()).toEqual([]);
    const health = await request(s.app).get('/api/health');
    expect(health.status).toBe(200);
  });

  test('the same bad files as a register upload are refused too', async () => {
    for (const [, make, status, code] of cases) {
      const res = await upload(s.app, '/api/register', s.tokens.secretariat, [{ name: 'bad.xlsx', bytes: await make() }]);
      expect([res.status, res.body.error?.code]).toEqual([status, code]);
    }
    expect(await s.store.listAssignments()).toEqual(before);
  });

  test('while a bomb is being refused, other requests are answered', async () => {
    const sheet = dataSheetPart(good);
    const bomb = assembleZip(listZipEntries(good).map((e) => (e.name === sheet ? bombPart(sheet, 200) : storedEntry(good, e))));
    const [refused, health, rows] = await Promise.all([
      upload(s.app, '/api/returns', s.tokens.karaj, [{ name: 'bomb.xlsx', bytes: bomb }]),
      request(s.app).get('/api/health'),
      request(s.app).get('/api/assignments').set(bearer(s.tokens.secretariat)),
    ]);
    expect(refused.status).toBe(400);
    expect([health.status, rows.status, rows.body.assignments.length]).toEqual([200, 200, 9]);
  });

  test('a formula typed as text is stored as text and leaves as text, never as a live formula', async () => {
    const t = await makeService();
    const file = (await download(t.app, '/api/return.xlsx', t.tokens.karaj)).body;
    const [id] = (await request(t.app).get('/api/assignments').set(bearer(t.tokens.karaj))).body.assignments.map((a: { id: string }) => a.id);
    const text = '=HYPERLINK("http://example.invalid","x")';
    const res = await upload(t.app, '/api/returns', t.tokens.karaj, [{ name: 'k.xlsx', bytes: await filledReturn(file, { [id]: { report: text } }) }]);
    expect(res.body.files[0].report.cellsApplied).toBe(1);
    expect((await t.store.getAssignment(id))!.report).toBe(text);
    for (const path of ['/api/register.xlsx', `/api/return.xlsx?agency=${encodeURIComponent(KARAJ)}`]) {
      const out = (await download(t.app, path, t.tokens.secretariat)).body;
      // the service's own check refuses any formula cell: the files it hands out pass it
      await expect(checkUploadedWorkbook(out, 'out.xlsx')).resolves.toBeDefined();
    }
  });
});
