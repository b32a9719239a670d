/**
 * Signed returns: the register keeps a signing key no return gets; a return whose hidden agency,
 * ids or base values were edited is refused with a Persian reason; returns made before signing
 * still merge, with a note.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import { inspectWorkbook } from '../adapters/xlsx/inspect';
import { BASE_SHEET, META_SHEET } from '../adapters/xlsx/returns/format';
import { KEY_SHEET } from '../adapters/xlsx/returns/signature';
import { mergeReturnFiles, type MergeReportFile } from '../usecases/mergeReturns';
import { writeAgencySheets } from '../usecases/agencySheets';
import { fillEveryRow, forgeries, metaRow, rowsOf, type Forgery } from './fixtures/returns/helpers';
import { RETURNS_AGENCIES, RETURNS_AT, RETURNS_REGISTER_ROWS } from './fixtures/returns/registerRows';
import { cli, tempDir } from './helpers';
import { registerFile } from './registerHelpers';

const { A, B } = RETURNS_AGENCIES;

/** A register and its agencies' returns (made now: after the register got its key), A's filled in. */
async function setup(at?: Date) {
  const dir = tempDir('mosavabat-signed-');
  const register = await registerFile(dir, RETURNS_REGISTER_ROWS());
  const made = await writeAgencySheets(register, join(dir, 'returns'), { at });
  const fileOf = Object.fromEntries(made.files.map((f) => [f.agency, f.path]));
  const filled = join(dir, 'filled-a.xlsx');
  const ids = await fillEveryRow(fileOf[A], 70, filled);
  return { dir, register, fileOf, filled, ids };
}

type Setup = Awaited<ReturnType<typeof setup>>;
const setups = new Map<string, Promise<Setup>>();

/**
 * The set-up called `name` (made at `at`, see setup), made once for this file, when a test first
 * needs it: workbooks take long to make, and under mutation testing every test reruns per mutant.
 * A test that changes one of its files changes a copy (copied).
 */
function shared(name: 'signed' | 'another register' | 'made before signing', at?: Date): Promise<Setup> {
  let made = setups.get(name);
  if (!made) setups.set(name, (made = setup(at)));
  return made;
}

/** A copy of `path`, under the same name, in a folder of its own: for one test to change. */
function copied(path: string): string {
  const copy = join(tempDir('mosavabat-signed-'), basename(path));
  copyFileSync(path, copy);
  return copy;
}

/** Change a return's hidden sheets the way a forger with a spreadsheet program would. */
async function forge(path: string, edit: Forgery): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  edit(workbook.getWorksheet(META_SHEET)!, workbook.getWorksheet(BASE_SHEET)!);
  await workbook.xlsx.writeFile(path);
}

async function merge(register: string, file: string) {
  const reportPath = join(register, '..', `report-${Math.random().toString(36).slice(2)}.json`);
  const output = join(register, '..', `merged-${Math.random().toString(36).slice(2)}.xlsx`);
  await mergeReturnFiles(register, [file], { output, reportPath });
  return { output, report: (JSON.parse(readFileSync(reportPath, 'utf8')) as MergeReportFile).files[0] };
}

describe('the signing key', () => {
  it('lives in a very hidden sheet of the register, and no return holds it', async () => {
    const { register, fileOf } = await shared('signed');
    const registerBytes = readFileSync(register);
    const sheet = inspectWorkbook(registerBytes, 'register.xlsx').sheets.find((s) => s.name === KEY_SHEET);
    expect(sheet?.state).toBe('veryHidden');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(registerBytes as unknown as ExcelJS.Buffer);
    const key = String(book.getWorksheet(KEY_SHEET)!.getCell('B1').value);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    for (const path of Object.values(fileOf)) {
      const bytes = readFileSync(path);
      expect(inspectWorkbook(bytes, 'return.xlsx').sheets.map((s) => s.name)).not.toContain(KEY_SHEET);
      const returnBook = new ExcelJS.Workbook();
      await returnBook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
      const texts: string[] = [];
      returnBook.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value)))));
      expect(texts.join('\n')).not.toContain(key);
    }
  });

  it('stays with the register when it is coloured in place, so its returns still verify', async () => {
    const { filled, ids, register: original } = await shared('signed');
    const register = copied(original);
    expect((await cli('color', register, '-o', register)).status).toBe(0);
    const { output, report } = await merge(register, filled);
    expect(report.outcome).toBe('applied');
    expect(report.notes.map((n) => n.code)).not.toContain('return_unsigned');
    const rows = await rowsOf(output);
    expect(ids.map((id) => rows.get(id)?.percent)).toEqual(ids.map(() => 70));
  });
});

describe('edited hidden sheets', () => {
  for (const [what, edit] of forgeries(B, 'b1')) {
    it(`${what}: the file is refused with a Persian reason and the register keeps its values`, async () => {
      const { register, filled: original, ids } = await shared('signed');
      const filled = copied(original);
      await forge(filled, edit);
      const before = await rowsOf(register);
      const { output, report } = await merge(register, filled);
      expect(report.outcome).toBe('rejected');
      expect(report.rejected[0].code).toBe('return_signature_invalid');
      expect(report.fa).toContain('مشخصات پنهان این فایل (دستگاه، شناسه‌ها یا مقادیر پایهٔ ردیف‌ها) پس از ساخته شدن تغییر کرده است');
      const after = await rowsOf(output);
      expect(ids.map((id) => after.get(id)?.percent)).toEqual(ids.map((id) => before.get(id)?.percent));
    });
  }
});

describe('a return made from another register', () => {
  it('is refused saying so, not called edited, and the register keeps its values', async () => {
    const here = await shared('signed');
    const there = await shared('another register');
    const before = await rowsOf(here.register);
    const { output, report } = await merge(here.register, there.filled);
    expect(report.outcome).toBe('rejected');
    expect(report.rejected.map((r) => r.code)).toEqual(['return_other_register']);
    expect(report.fa).toContain('این فایل از دفتر یا سامانهٔ دیگری ساخته و امضا شده است، نه از این دفتر');
    const after = await rowsOf(output);
    expect(there.ids.map((id) => after.get(id)?.percent)).toEqual(there.ids.map((id) => before.get(id)?.percent));
  });
});

describe('returns made before signing', () => {
  it('merge as before, with a note saying the file was not checked', async () => {
    // made in the past: before the register got its key; its signature row is what an old file lacks
    const { register, filled: original, ids } = await shared('made before signing', RETURNS_AT);
    const filled = copied(original);
    await forge(filled, (meta) => { meta.spliceRows(metaRow(meta, 'signature').number, 1); });
    const { output, report } = await merge(register, filled);
    expect(report.outcome).toBe('applied');
    expect(report.notes.find((n) => n.code === 'return_unsigned')?.fa).toContain('پیش از امضای فایل‌های دستگاه‌ها ساخته شده است');
    const rows = await rowsOf(output);
    expect(ids.map((id) => rows.get(id)?.percent)).toEqual(ids.map(() => 70));
  });
});
