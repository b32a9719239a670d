/**
 * The agency round trip through real workbooks: agency-sheets writes the files, people treat
 * them the way people do, merge takes them back. Files are changed with exceljs or at zip level.
 */
import { STATE_WORDS } from './expectedWords';
import { copyFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import { REGISTER_FIELDS, SHEETS, type FieldName } from '../core/register/fields';
import { JalaliDate } from '../core/jalali';
import { readZip, writeZip } from '../adapters/xlsx/fast/zip';
import { BASE_SHEET, META_SHEET } from '../adapters/xlsx/returns/format';
import { returnFileName } from '../adapters/xlsx/returns/returnBook';
import { writeAgencySheets } from '../usecases/agencySheets';
import { mergeReturnFiles, type MergeReportFile, type ReturnSource } from '../usecases/mergeReturns';
import { cli, FIXTURES, tempDir } from './helpers';
import { assignment, editWithExcelJS, registerFile } from './registerHelpers';
import { RETURNS_AGENCIES, RETURNS_AT, RETURNS_REGISTER_ROWS } from './fixtures/returns/registerRows';
import { COL, fill, rowOf, rowsOf } from './fixtures/returns/helpers';

const { A, B, C } = RETURNS_AGENCIES;
const AT = RETURNS_AT;
const TODAY = JalaliDate.of(1401, 5, 1);

const dir = tempDir('mosavabat-returns-');
let registerPath = '';
const fileOf: Record<string, string> = {};
let counter = 0;

beforeAll(async () => {
  registerPath = await registerFile(dir, RETURNS_REGISTER_ROWS());
  const result = await writeAgencySheets(registerPath, join(dir, 'out'), { at: AT });
  for (const file of result.files) fileOf[file.agency] = file.path;
});

/** A fresh copy of an agency's return file, to be edited by one test. */
function copyOf(agency: string): string {
  const path = join(dir, `return-${++counter}.xlsx`);
  copyFileSync(fileOf[agency], path);
  return path;
}

async function merge(files: ReturnSource[], options: { expectedAgency?: string; register?: string } = {}) {
  const output = join(dir, `merged-${++counter}.xlsx`);
  const reportPath = join(dir, `report-${counter}.json`);
  const result = await mergeReturnFiles(options.register ?? registerPath, files, {
    at: AT, today: TODAY, output, reportPath, expectedAgency: options.expectedAgency,
  });
  const json = JSON.parse(readFileSync(reportPath, 'utf8')) as MergeReportFile;
  return { result, output, json };
}

describe('agency-sheets', () => {
  test('one readable file name per agency, typing variants of a name are one agency', () => {
    expect(Object.keys(fileOf).sort()).toEqual([A, B, C].sort());
    expect(fileOf[A]).toMatch(/مصوبات - فرمانداری کرج - ۱۴۰۱-۰۵-۰۱\.xlsx$/);
    expect(returnFileName('اداره کل راه/شهرسازی: "ویژه"?', TODAY)).toBe('مصوبات - اداره کل راه شهرسازی ویژه - ۱۴۰۱-۰۵-۰۱.xlsx');
  });

  test('the workbook holds only the agency\'s rows, right to left, locked except the report columns', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(fileOf[A]);
    const sheet = workbook.getWorksheet(SHEETS.register)!;
    expect(sheet.views[0].rightToLeft).toBe(true);
    expect(REGISTER_FIELDS.map((f, i) => sheet.getRow(1).getCell(i + 1).value)).toEqual(REGISTER_FIELDS.map((f) => f.fa));
    const ids = [2, 3, 4, 5].map((r) => sheet.getCell(`A${r}`).value);
    expect(ids).toEqual(['a1', 'a2', 'a3', null]); // the void row a4 is not sent
    const editable = REGISTER_FIELDS.filter((f) => sheet.getCell(`${COL[f.name]}2`).protection?.locked === false).map((f) => f.name);
    expect(editable).toEqual(['status', 'percent', 'report', 'doneDate', 'requestedDue', 'requestReason']);
    const protection = (sheet as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection;
    expect(protection).toMatchObject({ sheet: true, sort: true, autoFilter: true, formatCells: true });
    const validations = (sheet as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
    const status = Object.entries(validations).find(([ref]) => ref.startsWith(COL.status))![1];
    expect(status.formulae[0]).toBe('"انجام نشده,در حال انجام,انجام شده,خارج از اختیار دستگاه"');
    const percent = Object.entries(validations).find(([ref]) => ref.startsWith(COL.percent))![1];
    expect(percent).toMatchObject({ type: 'whole', formulae: [0, 100] });
    expect(sheet.getColumn(COL.revision).hidden).toBe(true);
    expect(workbook.getWorksheet(BASE_SHEET)!.state).toBe('veryHidden');
    const meta = workbook.getWorksheet(META_SHEET)!;
    expect(meta.state).toBe('veryHidden');
    const pairs = Object.fromEntries(meta.getSheetValues().filter(Boolean).map((row) => [(row as unknown[])[1], (row as unknown[])[2]]));
    expect(pairs).toMatchObject({ format: 'mosavabat-return', agency: A, registerRevision: 7, registerFile: 'register.xlsx' });
    const guide = workbook.getWorksheet('راهنما')!;
    expect(String(guide.getCell('A1').value)).toContain(A);
  });
});

describe('merge', () => {
  test('a filled return is merged: values, revision, state, history sheet, report.json; merging again changes nothing', async () => {
    const path = copyOf(A);
    await editWithExcelJS(path, (wb) => fill(wb.getWorksheet(SHEETS.register)!, {
      a1: { status: 'انجام شده', percent: 100, doneDate: '۱۴۰۱/۰۴/۲۵', report: 'جلسه برگزار شد' },
      a2: { percent: '۸۰٪' },
    }));
    const { result, output, json } = await merge([path]);
    expect(result).toMatchObject({ rowsChanged: 2, historyLines: 5, problems: 0, engine: 'patch' });
    const rows = await rowsOf(output);
    expect(rows.get('a1')).toMatchObject({ status: 'done', percent: 100, doneDate: '1401/04/25', report: 'جلسه برگزار شد', revision: 2, updatedAt: '۱۴۰۱/۰۵/۰۱ ۱۰:۰۰' });
    expect(rows.get('a2')).toMatchObject({ percent: 80, revision: 2 });
    expect(rows.get('b1')).toMatchObject({ revision: 1 });
    expect(json.files[0]).toMatchObject({ outcome: 'applied', agency: A, rowsApplied: 2, cellsApplied: 5, rowsUnchanged: 1 });
    expect(json.registerRevision).toEqual({ before: 7, after: 9 });

    const merged = new ExcelJS.Workbook();
    await merged.xlsx.readFile(output);
    const sheet = merged.getWorksheet(SHEETS.register)!;
    expect(sheet.getCell(`${COL.state}${rowOf(sheet, 'a1')}`).value).toBe(STATE_WORDS.done);
    const history = merged.getWorksheet(SHEETS.history)!;
    expect(history.getRow(1).values).toEqual([undefined, 'زمان', 'دستگاه', 'فایل', 'شناسه', 'ستون', 'مقدار پیشین', 'مقدار جدید', 'نسخه',
      'فایل تهیه‌شده در', 'فایل ذخیره‌شده در', 'مرجع فایل']);
    expect((history.getRow(2).values as unknown[]).slice(0, 10)).toEqual([undefined, '۱۴۰۱/۰۵/۰۱ ۱۰:۰۰', A, basename(path), 'a1', 'وضعیت', undefined, 'انجام شده', 2, '۱۴۰۱/۰۵/۰۱ ۱۰:۰۰']);
    expect((history.getRow(3).values as unknown[]).slice(0, 9)).toEqual([undefined, '۱۴۰۱/۰۵/۰۱ ۱۰:۰۰', A, basename(path), 'a1', 'درصد پیشرفت', undefined, '۱۰۰', 2]);
    // when the file was saved, and (hidden) exactly which export and save it was
    expect(history.getCell('J2').value).toMatch(/^[۰-۹]{4}\/[۰-۹]{2}\/[۰-۹]{2} [۰-۹]{2}:[۰-۹]{2}$/);
    expect(history.getCell('K2').value).toMatch(/^7@2022-07-23T05:30:00\.000Z\|\d{4}-\d\d-\d\dT/);
    expect(history.getColumn(11).hidden).toBe(true);
    expect(history.rowCount).toBe(6);

    // the same file again, into the merged register
    const again = await merge([path], { register: output });
    expect(again.result).toMatchObject({ rowsChanged: 0, historyLines: 0 });
    expect(again.json.files[0].outcome).toBe('already_merged');
    const historyAgain = new ExcelJS.Workbook();
    await historyAgain.xlsx.readFile(again.output);
    expect(historyAgain.getWorksheet(SHEETS.history)!.rowCount).toBe(6);
  });

  test('re-sorted rows and deleted rows: matched by id, deletions listed and ignored', async () => {
    const path = copyOf(A);
    await editWithExcelJS(path, (wb) => {
      const sheet = wb.getWorksheet(SHEETS.register)!;
      const values = [2, 3, 4].map((r) => sheet.getRow(r).values as ExcelJS.CellValue[]);
      // sorted descending by id, a2 deleted (its row emptied, as Excel's "delete row" leaves it)
      const put = (r: number, row: ExcelJS.CellValue[]) => {
        for (let c = 1; c <= REGISTER_FIELDS.length; c++) sheet.getCell(r, c).value = row[c] ?? null;
      };
      put(2, values[2]);
      put(3, values[0]);
      put(4, []);
      fill(sheet, { a3: { percent: 70 }, a1: { status: 'در حال انجام' } });
    });
    const { output, json } = await merge([path]);
    const rows = await rowsOf(output);
    expect(rows.get('a3')).toMatchObject({ percent: 70, status: 'in_progress' });
    expect(rows.get('a1')).toMatchObject({ status: 'in_progress', percent: null });
    expect(rows.get('a2')).toMatchObject({ revision: 1 });
    expect(json.files[0].missingIds).toEqual(['a2']);
    expect(json.files[0].rejected).toEqual([]);
  });

  test('a renamed sheet, a hidden column and an added column do not matter', async () => {
    const path = copyOf(A);
    await editWithExcelJS(path, (wb) => {
      const sheet = wb.getWorksheet(SHEETS.register)!;
      sheet.name = 'گزارش ما';
      sheet.unprotect();
      sheet.spliceColumns(1, 0, ['توضیحات ما', 'یادداشت', 'یادداشت', 'یادداشت']);
      const shifted = Object.fromEntries(Object.entries(COL).map(([f, c]) => [f, String.fromCharCode(c.charCodeAt(0) + 1)])) as Record<FieldName, string>;
      sheet.getColumn(shifted.report).hidden = true;
      fill(sheet, { a2: { percent: 25, report: 'در ستون پنهان' } }, shifted);
    });
    const { output, json } = await merge([path]);
    expect((await rowsOf(output)).get('a2')).toMatchObject({ percent: 25, report: 'در ستون پنهان' });
    expect(json.files[0]).toMatchObject({ sheet: 'گزارش ما', cellsApplied: 2 });
    expect(json.files[0].applied.map((a) => a.cell)).toEqual(['K3', 'L3']);
  });

  test('protection removed and locked text edited: that row is refused, naming the cell; the rest merges', async () => {
    const path = copyOf(A);
    await editWithExcelJS(path, (wb) => {
      const sheet = wb.getWorksheet(SHEETS.register)!;
      sheet.unprotect();
      fill(sheet, { a1: { text: 'متن دیگری که دستگاه نوشت', percent: 90 }, a2: { percent: 30 } });
    });
    const { output, json, result } = await merge([path]);
    const rows = await rowsOf(output);
    expect(rows.get('a1')).toMatchObject({ percent: null, text: assignment().text });
    expect(rows.get('a2')).toMatchObject({ percent: 30 });
    expect(json.files[0].rejected).toHaveLength(1);
    expect(json.files[0].rejected[0]).toMatchObject({ code: 'locked_edited', id: 'a1', cell: 'E2', lostFields: ['percent'] });
    expect(json.files[0].rejected[0].fa).toContain('برگه «مصوبات»، خانه E2');
    expect(result.problems).toBe(1);
  });

  test('percent typed as 80% and as 0.8 in a percent cell are 80; a bare 0.8 is refused with a hint', async () => {
    const path = copyOf(A);
    await editWithExcelJS(path, (wb) => {
      const sheet = wb.getWorksheet(SHEETS.register)!;
      fill(sheet, { a1: { percent: '80%' }, a2: { percent: 0.8 }, a3: { percent: 0.8 } });
      // a fresh style object: exceljs shares one between cells read with the same style
      const cell = sheet.getCell(`${COL.percent}${rowOf(sheet, 'a2')}`);
      cell.style = { ...cell.style, numFmt: '0%' };
    });
    const { output, json } = await merge([path]);
    const rows = await rowsOf(output);
    expect(rows.get('a1')!.percent).toBe(80);
    expect(rows.get('a2')!.percent).toBe(80);
    expect(rows.get('a3')!.percent).toBe(40);
    expect(json.files[0].rejected.map((r) => [r.code, r.cell])).toEqual([['invalid_percent', 'J4']]);
    expect(json.files[0].rejected[0].fa).toContain('عدد ۸۰ را بنویسید');
  });

  test('a file re-saved LibreOffice-style (inline strings, other styles, hidden not very hidden) merges', async () => {
    const path = copyOf(A);
    await editWithExcelJS(path, (wb) => fill(wb.getWorksheet(SHEETS.register)!, { a1: { status: 'در حال انجام', percent: 60, report: 'بازنویسی' } }));
    const parts = readZip(readFileSync(path));
    const shared = parts.find((p) => p.name === 'xl/sharedStrings.xml')!.data.toString('utf8');
    const strings = [...shared.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => m[1].replace(/<[^>]+>/g, ''));
    const patched = parts
      .filter((p) => p.name !== 'xl/sharedStrings.xml')
      .map((p) => {
        let text = p.data.toString('utf8');
        if (p.name.startsWith('xl/worksheets/sheet')) {
          text = text
            .replace(/<c r="([A-Z]+\d+)"(?: s="\d+")? t="s"><v>(\d+)<\/v><\/c>/g,
              (_, ref: string, i: string) => `<c r="${ref}" s="0" t="inlineStr"><is><t xml:space="preserve">${strings[Number(i)]}</t></is></c>`)
            .replace(/ s="\d+"/g, ' s="0"');
        }
        if (p.name === 'xl/workbook.xml') text = text.replace(/state="veryHidden"/g, 'state="hidden"');
        if (p.name === '[Content_Types].xml') text = text.replace(/<Override[^>]*sharedStrings[^>]*\/>/, '');
        if (p.name === 'xl/_rels/workbook.xml.rels') text = text.replace(/<Relationship[^>]*sharedStrings[^>]*\/>/, '');
        return { name: p.name, data: text };
      });
    expect(patched.find((p) => p.name === 'xl/worksheets/sheet1.xml')!.data).toContain('t="inlineStr"');
    writeFileSync(path, writeZip(patched));
    const { output, json } = await merge([path]);
    expect((await rowsOf(output)).get('a1')).toMatchObject({ status: 'in_progress', percent: 60, report: 'بازنویسی' });
    expect(json.files[0]).toMatchObject({ outcome: 'applied', cellsApplied: 3, rejected: [] });
  });

  test('a file really re-saved by LibreOffice Calc 7.4 merges (fixture)', async () => {
    const path = join(dir, 'libreoffice-resaved.xlsx');
    copyFileSync(join(FIXTURES, 'returns', 'libreoffice-resaved.xlsx'), path);
    const { output, json } = await merge([path]);
    const rows = await rowsOf(output);
    expect(rows.get('a1')).toMatchObject({ status: 'in_progress', percent: 80, report: 'گزارش ذخیره‌شده با لیبره‌آفیس' });
    expect(rows.get('a2')).toMatchObject({ status: 'done', percent: 100, doneDate: '1401/04/20' });
    expect(json.files[0]).toMatchObject({ outcome: 'applied', agency: A, cellsApplied: 6, rowsUnchanged: 1, rejected: [], conflicts: [] });
  });

  test('a status typed another way in the register is written in its listed words in a row the merge changes, and kept in the others', async () => {
    const register = join(dir, `typed-status-${++counter}.xlsx`);
    copyFileSync(registerPath, register);
    await editWithExcelJS(register, (wb) => fill(wb.getWorksheet(SHEETS.register)!, { a1: { status: 'انجام‌نشده' }, a3: { status: 'درحال انجام' } }));
    const path = copyOf(A);
    await editWithExcelJS(path, (wb) => fill(wb.getWorksheet(SHEETS.register)!, { a3: { percent: 60 } }));
    const { output, json } = await merge([path], { register });
    expect(json.files[0]).toMatchObject({ outcome: 'applied', cellsApplied: 1 });
    const merged = new ExcelJS.Workbook();
    await merged.xlsx.readFile(output);
    const sheet = merged.getWorksheet(SHEETS.register)!;
    expect(sheet.getCell(`${COL.status}${rowOf(sheet, 'a3')}`).value).toBe('در حال انجام');
    expect(sheet.getCell(`${COL.percent}${rowOf(sheet, 'a3')}`).value).toBe(60);
    expect(sheet.getCell(`${COL.status}${rowOf(sheet, 'a1')}`).value).toBe('انجام‌نشده');
  });

  test('a requested new deadline is recorded, not applied', async () => {
    const path = copyOf(A);
    await editWithExcelJS(path, (wb) => fill(wb.getWorksheet(SHEETS.register)!, { a1: { requestedDue: '۱۴۰۱/۰۶/۱۵', requestReason: 'کمبود اعتبار' } }));
    const { output, json } = await merge([path]);
    expect((await rowsOf(output)).get('a1')).toMatchObject({ due: '1401/05/09', requestedDue: '1401/06/15', requestReason: 'کمبود اعتبار' });
    expect(json.files[0].requests).toEqual([{ id: 'a1', due: '1401/05/09', requestedDue: '1401/06/15', reason: 'کمبود اعتبار' }]);
  });

  test('an agency\'s file sent for another agency, and another agency\'s row pasted in, are refused', async () => {
    const path = copyOf(A);
    await editWithExcelJS(path, (wb) => {
      const sheet = wb.getWorksheet(SHEETS.register)!;
      fill(sheet, { a1: { percent: 10 } });
      // b1's row, copied from B's file into the empty row under A's rows
      const from = assignment({ id: 'b1', row: 5, agency: B });
      sheet.getRow(5).values = [from.id, from.meeting, '۱۴۰۱/۰۴/۰۹', 5, from.text, B, 'یک ماه', '۱۴۰۱/۰۵/۰۹', 'انجام شده', 100];
    });
    const own = await merge([path]);
    expect(own.json.files[0].rejected.map((r) => [r.code, r.id, r.cell])).toEqual([['other_agency', 'b1', 'A5']]);
    expect((await rowsOf(own.output)).get('b1')).toMatchObject({ status: null, revision: 1 });
    expect((await rowsOf(own.output)).get('a1')).toMatchObject({ percent: 10 });

    const sentByB = await merge([path], { expectedAgency: B });
    expect(sentByB.json.files[0]).toMatchObject({ outcome: 'rejected', cellsApplied: 0 });
    expect(sentByB.json.files[0].fa).toContain(`این فایل برای «${A}» تهیه شده است، نه «${B}»`);
    expect(sentByB.result.rowsChanged).toBe(0);
  });

  test('unreadable files each get a message; the good file is still merged', async () => {
    const good = copyOf(B);
    await editWithExcelJS(good, (wb) => fill(wb.getWorksheet(SHEETS.register)!, { b2: { status: 'خارج از اختیار دستگاه', report: 'نیاز به مصوبه استانی' } }));
    const bytes = readFileSync(copyOf(A));
    const truncated = join(dir, 'truncated.xlsx');
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const cfb = (name: string) => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), Buffer.from(name, 'utf16le'), Buffer.alloc(512)]);
    const xls = join(dir, 'old.xls');
    writeFileSync(xls, cfb('Workbook'));
    const encrypted = join(dir, 'password.xlsx');
    writeFileSync(encrypted, cfb('EncryptionInfo'));
    const text = join(dir, 'letter.xlsx');
    writeFileSync(text, 'سلام، گزارش در پیوست است.');
    const missing = join(dir, 'nowhere.xlsx');
    const upload = { file: 'upload.xlsx', bytes: Buffer.from('<html>not a workbook</html>') };
    const { result, output, json } = await merge([truncated, xls, encrypted, text, registerPath, missing, upload, good]);
    expect(json.files.map((f) => [f.file, f.outcome, f.rejected[0]?.code])).toEqual([
      ['truncated.xlsx', 'rejected', 'damaged_workbook'],
      ['old.xls', 'rejected', 'xls_workbook'],
      ['password.xlsx', 'rejected', 'encrypted_workbook'],
      ['letter.xlsx', 'rejected', 'not_xlsx'],
      ['register.xlsx', 'rejected', 'not_a_return'],
      ['nowhere.xlsx', 'rejected', 'file_not_found'],
      ['upload.xlsx', 'rejected', 'not_xlsx'],
      [basename(good), 'applied', undefined],
    ]);
    for (const file of json.files.slice(0, 7)) expect(file.fa).toMatch(/[\u0600-\u06ff]/);
    // a file that could not be read names no agency
    for (const file of json.files.slice(0, 7)) expect(file.agency).toBe('');
    expect((await rowsOf(output)).get('b2')).toMatchObject({ status: 'blocked', report: 'نیاز به مصوبه استانی' });
    expect(result.problems).toBe(7);
  });

  test('a failed write leaves the register as it was and no temporary file behind', async () => {
    const path = copyOf(A);
    await editWithExcelJS(path, (wb) => fill(wb.getWorksheet(SHEETS.register)!, { a1: { percent: 5 } }));
    const before = readFileSync(registerPath);
    await expect(mergeReturnFiles(registerPath, [path], { at: AT, output: join(dir, 'no-such-folder', 'merged.xlsx') }))
      .rejects.toMatchObject({ code: 'write_failed' });
    expect(readFileSync(registerPath).equals(before)).toBe(true);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

describe('CLI', () => {
  test('agency-sheets and merge print Persian summaries; problems give exit status 1', async () => {
    const out = join(dir, 'cli-out');
    const made = await cli('agency-sheets', registerPath, '-o', out, '--today', '1401/05/01');
    expect(made.status).toBe(0);
    expect(made.stdout).toContain('۳ فایل برای ۳ دستگاه ساخته شد');
    expect(made.stdout).toContain('۱ ردیف منتفی فرستاده نشد');
    const fileA = readdirSync(out).find((name) => name.includes(A))!;
    const path = join(out, fileA);
    await editWithExcelJS(path, (wb) => fill(wb.getWorksheet(SHEETS.register)!, { a2: { percent: 45 } }));

    const merged = join(dir, 'cli-merged.xlsx');
    const report = join(dir, 'cli-report.json');
    const ok = await cli('merge', registerPath, path, '-o', merged, '--report', report, '--today', '1401/05/01');
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('۱ خانه در ۱ ردیف اعمال شد');
    expect(ok.stdout).toContain('۱ ردیف دفتر تغییر کرد');
    expect(existsSync(report)).toBe(true);

    const bad = join(dir, 'cli-bad.xlsx');
    writeFileSync(bad, 'not a workbook');
    const withBad = await cli('merge', registerPath, bad, path, '-o', merged, '--today', '1401/05/01');
    expect(withBad.status).toBe(1);
    expect(withBad.stdout).toContain('این فایل کاربرگ اکسل (xlsx) نیست');
    expect(withBad.stdout).toContain('۱ خانه در ۱ ردیف اعمال شد');

    const missingRegister = await cli('merge', join(dir, 'none.xlsx'), path, '-o', merged);
    expect(missingRegister.status).toBe(2);
  });
});
