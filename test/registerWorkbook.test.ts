/**
 * Reading registers however people edited them, and writing them back without losing what the
 * tool does not own.
 */
import { argb } from './expectedWords';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { MosavabatError } from '../core/errors';
import { JalaliDate } from '../core/jalali';
import { parseMinutes } from '../core/minutes/parse';
import { REGISTER_FIELDS, SHEETS } from '../core/register/fields';
import type { DeadlineState } from '../core/register/types';
import { assignmentsFromMinutes } from '../core/register/fromMinutes';
import { toLatinDigits } from '../core/text';
import { RegisterBook } from '../adapters/xlsx/registerBook';
import type { RegisterEngine } from '../adapters/xlsx/registerHandle';
import { anyOverlap, validationRanges } from '../adapters/xlsx/validations';
import { readWorkbookBytes, parseWorkbook } from '../adapters/xlsx/workbookFile';
import { colorRegisterFile } from '../usecases/colorRegisterFile';
import { importMinutesIntoRegister } from '../usecases/importMinutesIntoRegister';
import { tehranStamp } from '../core/jalali/clock';
import { validateRegisterFile } from '../usecases/validateRegisterFile';
import { SEED_MINUTES, tempDir } from './helpers';
import { assignment, editWithExcelJS, patchZip, registerFile, sheetPart, stateRows, STATE_ROWS_STATES, zipPart } from './registerHelpers';
import { writeZip } from '../adapters/xlsx/fast/zip';

const today = JalaliDate.of(1401, 4, 20);
const now = new Date(Date.UTC(2022, 6, 11, 6, 0));

async function rowsOf(path: string, engine: RegisterEngine = 'auto') {
  return (await validateRegisterFile(path, { today, engine })).analysis.rows;
}

/** Reading must give the same rows whichever exceljs engine holds the workbook. */
const ENGINES: RegisterEngine[] = ['stream', 'whole'];

describe('register round trip', () => {
  it('writes the seed minutes and reads back the same assignments', async () => {
    const dir = tempDir();
    const output = join(dir, 'register.xlsx');
    await importMinutesIntoRegister(SEED_MINUTES, { output, today, now });
    const expected = assignmentsFromMinutes(parseMinutes(readFileSync(SEED_MINUTES, 'utf8')), tehranStamp(now));
    const rows = await rowsOf(output);
    expect(rows.map((r) => ({ ...r.assignment, updatedAt: toLatinDigits(r.assignment.updatedAt ?? '') }))).toEqual(expected);
    // the headers are the exact Persian texts, in order
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(output);
    const sheet = workbook.getWorksheet(SHEETS.register)!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(REGISTER_FIELDS.map((f) => f.fa));
    expect(sheet.views[0]).toMatchObject({ rightToLeft: true, state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(REGISTER_FIELDS.findIndex((f) => f.name === 'revision') + 1).hidden).toBe(true);
    // the hidden Gregorian due date is a real date cell: 1401/05/09 = 2022-07-31
    const dueGregorian = sheet.getCell(2, REGISTER_FIELDS.findIndex((f) => f.name === 'dueGregorian') + 1).value;
    expect(dueGregorian).toEqual(new Date(Date.UTC(2022, 6, 31)));
    expect(sheet.getCell(2, REGISTER_FIELDS.findIndex((f) => f.name === 'due') + 1).value).toBe('۱۴۰۱/۰۵/۰۹');
    expect(workbook.getWorksheet(SHEETS.meetings)!.getCell('A2').value).toBe('14010409-12');
    expect(zipPart(output, 'xl/workbook.xml')).toContain('_xlnm.Print_Titles');
    expect(sheetPart(output, SHEETS.register)).toMatch(/<pageSetup [^>]*paperSize="9"[^>]*orientation="landscape"/);
  });
});

describe('reading a register people edited', () => {
  it('finds columns by Persian or English header in any order, below a title row, and keeps unknown columns and sheets', async () => {
    const dir = tempDir();
    const path = join(dir, 'edited.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('مصوبات');
    sheet.getCell('A1').value = 'دفتر مصوبات قرارگاه اجتماعی';
    sheet.getRow(2).values = ['Agency', 'یادداشت دبیرخانه', 'متن مصوبه', 'ID', 'Status', 'Progress', 'مهلت', 'زمان اقدام', 'تاریخ جلسه', 'جلسه', 'ردیف'];
    sheet.getRow(3).values = ['فرمانداری كرج', 'پیگیری تلفنی شد', 'متن یک', 'x-1', 'در حال انجام', 40, '1401/5/9', 'یک ماه', '1401/04/09', 'جلسه ۱۲', 1];
    sheet.getCell('B3').font = { bold: true, color: { argb: 'FFFF0000' } };
    sheet.getColumn(2).width = 33;
    const mine = workbook.addWorksheet('یادداشت‌های من');
    mine.getCell('A1').value = 'چیزی که برنامه نمی‌شناسد';
    mine.mergeCells('A1:C1');
    mine.getColumn(1).width = 41;
    await workbook.xlsx.writeFile(path);

    const rows = await rowsOf(path);
    expect(rows).toHaveLength(1);
    expect(rows[0].sheetRow).toBe(3);
    expect(rows[0].assignment).toMatchObject({ id: 'x-1', agency: 'فرمانداری کرج', status: 'in_progress', percent: 40, due: '1401/05/09', row: 1 });

    const result = await colorRegisterFile(path, { today, output: path });
    expect(result.output).toBe(path);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(path);
    const register = back.getWorksheet('مصوبات')!;
    expect(register.getCell('A1').value).toBe('دفتر مصوبات قرارگاه اجتماعی');
    expect(register.getCell('B2').value).toBe('یادداشت دبیرخانه');
    expect(register.getCell('B3').value).toBe('پیگیری تلفنی شد');
    expect(register.getCell('B3').font).toMatchObject({ bold: true, color: { argb: 'FFFF0000' } });
    expect(register.getColumn(2).width).toBe(33);
    expect(register.getCell('A2').value).toBe('Agency'); // people's headers are not rewritten
    // missing tool columns were added after the last one, helpers hidden
    const headers = (register.getRow(2).values as unknown[]).slice(1);
    expect(headers).toEqual(expect.arrayContaining(['وضعیت مهلت', 'نسخه', 'مهلت میلادی']));
    const stateCol = headers.indexOf('وضعیت مهلت') + 1;
    expect(stateCol).toBeGreaterThan(11);
    expect(register.getCell(3, stateCol).value).toBe('در مهلت');
    expect(register.getColumn(headers.indexOf('مهلت میلادی') + 1).hidden).toBe(true);
    const other = back.getWorksheet('یادداشت‌های من')!;
    expect(other.getCell('A1').value).toBe('چیزی که برنامه نمی‌شناسد');
    expect(other.getCell('C1').isMerged).toBe(true);
    expect(other.getColumn(1).width).toBe(41);
    // the register still reads the same
    expect((await rowsOf(path))[0].assignment).toMatchObject({ id: 'x-1', percent: 40, status: 'in_progress' });
  });

  it.each(ENGINES)('reads real date cells and Jalali text with any digits as the same dates (%s engine)', async (engine) => {
    const dir = tempDir();
    const path = await registerFile(dir, [assignment({ id: 'a' }), assignment({ id: 'b' }), assignment({ id: 'c' })]);
    await editWithExcelJS(path, (wb) => {
      const sheet = wb.getWorksheet('مصوبات')!;
      sheet.getCell('H2').value = new Date(Date.UTC(2022, 6, 31)); // a real date cell: 1401/05/09
      sheet.getCell('H2').style = { ...sheet.getCell('H2').style, numFmt: 'yyyy/mm/dd' };
      sheet.getCell('H3').value = '1401/5/9';
      sheet.getCell('H4').value = '١٤٠١-٠٥-٠٩';
      sheet.getCell('C2').value = new Date(Date.UTC(2022, 5, 30)); // 1401/04/09
    });
    const rows = await rowsOf(path, engine);
    expect(rows.map((r) => r.assignment.due)).toEqual(['1401/05/09', '1401/05/09', '1401/05/09']);
    expect(rows[0].assignment.meetingDate).toBe('1401/04/09');
  });

  it.each(ENGINES)('reads percent as 0.8 in a percent cell, 80%, ۸۰ and 80 alike (%s engine)', async (engine) => {
    const dir = tempDir();
    const ids = ['a', 'b', 'c', 'd', 'e'];
    const path = await registerFile(dir, ids.map((id) => assignment({ id, status: 'in_progress' })));
    await editWithExcelJS(path, (wb) => {
      const sheet = wb.getWorksheet('مصوبات')!;
      sheet.getCell('J2').value = 0.8;
      // a fresh style: exceljs shares one style object between cells read with the same style
      sheet.getCell('J2').style = { ...sheet.getCell('J2').style, numFmt: '0%' };
      sheet.getCell('J3').value = '80%';
      sheet.getCell('J4').value = '۸۰';
      sheet.getCell('J5').value = 80;
      sheet.getCell('J6').value = 0.8; // not percent-formatted: 0.8 percent points, refused
    });
    const rows = await rowsOf(path, engine);
    expect(rows.map((r) => r.assignment.percent)).toEqual([80, 80, 80, 80, null]);
    expect(rows[4].issues.map((i) => [i.code, i.cell])).toContainEqual(['percent_not_whole', 'J6']);
  });

  it('reads formula cells as their cached values and never writes a read value back as a formula', async () => {
    const dir = tempDir();
    const path = await registerFile(dir, [assignment({ id: 'a' }), assignment({ id: 'b' }), assignment({ id: 'c' })]);
    await editWithExcelJS(path, (wb) => {
      const sheet = wb.getWorksheet('مصوبات')!;
      sheet.getCell('I2').value = { formula: 'IF(TRUE,"انجام شده","")', result: 'انجام شده' } as ExcelJS.CellValue;
      sheet.getCell('J2').value = { formula: '50+50', result: 100 } as ExcelJS.CellValue;
      sheet.getCell('L2').value = '1401/04/15';
      // a merged status over rows 3-4 whose value is a formula
      sheet.getCell('I3').value = { formula: '"در حال انجام"', result: 'در حال انجام' } as ExcelJS.CellValue;
      sheet.mergeCells('I3:I4');
    });
    for (const engine of ENGINES) {
      const rows = await rowsOf(path, engine);
      expect(rows.map((r) => [r.assignment.status, r.assignment.percent])).toEqual([['done', 100], ['in_progress', null], ['in_progress', null]]);
    }

    await colorRegisterFile(path, { today, output: path });
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(path);
    const sheet = back.getWorksheet('مصوبات')!;
    const formulas: string[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => {
      if (cell.type === ExcelJS.ValueType.Formula) formulas.push(cell.address);
    }));
    // the person's formulas stay where they were; the merge was split with a plain value
    expect(formulas.sort()).toEqual(['I2', 'I3', 'J2']);
    expect(sheet.getCell('I4').value).toBe('در حال انجام');
    expect(sheet.getCell('I4').isMerged).toBe(false);
  });

  it.each(ENGINES)('is not confused by merged cells, blank rows in the middle and styled blank rows at the end (%s engine)', async (engine) => {
    const dir = tempDir();
    const path = await registerFile(dir, [assignment({ id: 'a' }), assignment({ id: 'b' }), assignment({ id: 'c' }), assignment({ id: 'd' })]);
    await editWithExcelJS(path, (wb) => {
      const sheet = wb.getWorksheet('مصوبات')!;
      sheet.getCell('B3').value = null;
      sheet.getCell('B4').value = null;
      sheet.mergeCells('B2:B4');
      sheet.spliceRows(5, 0, []); // a blank row between c and d
      for (let r = 7; r <= 30; r++) sheet.getCell(`A${r}`).style = { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEEEEE' } } };
    });
    const rows = await rowsOf(path, engine);
    expect(rows.map((r) => [r.sheetRow, r.assignment.id])).toEqual([[2, 'a'], [3, 'b'], [4, 'c'], [6, 'd']]);
    expect(new Set(rows.map((r) => r.assignment.meeting))).toEqual(new Set(['دوازدهمین صورتجلسه قرارگاه اجتماعی استان']));

    // a register written by the tool: new rows go right after the last data row
    const book = await RegisterBook.open(path);
    expect(book.append([assignment({ id: 'e' })])).toEqual([7]);
  });
});

describe('engines', () => {
  const states = STATE_ROWS_STATES;
  const rows = stateRows;

  it('colours alike with the streaming and the whole-workbook engine', async () => {
    const dir = tempDir();
    const path = await registerFile(dir, rows());
    const outputs: Record<string, { words: unknown[]; fills: unknown[]; rules: string[]; validations: string[]; sheets: string[] }> = {};
    for (const engine of ENGINES) {
      const output = join(dir, `${engine}.xlsx`);
      const result = await colorRegisterFile(path, { today, output, engine });
      expect(result.engine).toBe(engine);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(output);
      const sheet = workbook.getWorksheet('مصوبات')!;
      const xml = sheetPart(output, 'مصوبات');
      outputs[engine] = {
        words: states.map((_, i) => sheet.getCell(i + 2, 15).value),
        fills: states.map((_, i) => (sheet.getCell(i + 2, 1).fill as ExcelJS.FillPattern).fgColor?.argb),
        rules: [...xml.matchAll(/<formula>([^<]*)<\/formula>/g)].map((m) => m[1]),
        validations: validationRanges(xml).map((v) => v.sqref),
        sheets: workbook.worksheets.map((w) => w.name),
      };
      expect(sheet.views[0]).toMatchObject({ rightToLeft: true, state: 'frozen', ySplit: 1 });
      expect(sheet.getColumn(17).hidden).toBe(true);
      expect(sheet.autoFilter).toBeDefined();
    }
    expect(outputs.stream).toEqual(outputs.whole);
    expect(outputs.stream.fills).toEqual(states.map((s) => argb(s as DeadlineState)));
  });

  it('streams a plain register and uses the whole workbook when people added merges, validations or rules', async () => {
    const dir = tempDir();
    const plain = await registerFile(dir, rows(), 'plain.xlsx');
    expect((await colorRegisterFile(plain, { today, output: plain })).engine).toBe('stream');
    const merged = await registerFile(dir, rows(), 'merged.xlsx');
    await editWithExcelJS(merged, (wb) => wb.getWorksheet('مصوبات')!.mergeCells('B2:B3'));
    expect((await colorRegisterFile(merged, { today, output: merged })).engine).toBe('whole');
    // coloured once by the tool: its own rules and dropdowns do not count as people's
    expect((await colorRegisterFile(plain, { today, output: plain })).engine).toBe('stream');
  });

  it('a streamed copy keeps unknown columns, sheets, styles, widths, hidden columns and views', async () => {
    const dir = tempDir();
    const path = await registerFile(dir, rows());
    await editWithExcelJS(path, (wb) => {
      const sheet = wb.getWorksheet('مصوبات')!;
      sheet.getCell('S1').value = 'اولویت';
      sheet.getCell('S2').value = 'بالا';
      sheet.getCell('S2').style = { font: { bold: true, color: { argb: 'FF0000FF' } } };
      sheet.getColumn(19).width = 17;
      const other = wb.addWorksheet('بایگانی', { state: 'hidden', views: [{ rightToLeft: true, state: 'frozen', ySplit: 2 }] });
      other.getCell('B3').value = 1234;
      other.getCell('B3').style = { numFmt: '#,##0' };
      other.getColumn(2).width = 21;
      other.getColumn(3).hidden = true;
      other.getCell('C3').value = 'پنهان';
      other.pageSetup.orientation = 'landscape';
      other.pageSetup.paperSize = 8 as ExcelJS.PaperSize; // A3
    });
    const result = await colorRegisterFile(path, { today, output: path });
    expect(result.engine).toBe('stream');
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(path);
    const sheet = back.getWorksheet('مصوبات')!;
    expect(sheet.getCell('S1').value).toBe('اولویت');
    expect(sheet.getCell('S2').value).toBe('بالا');
    expect(sheet.getCell('S2').font).toMatchObject({ bold: true, color: { argb: 'FF0000FF' } });
    expect((sheet.getCell('S2').fill as ExcelJS.FillPattern | undefined)?.pattern ?? 'none').toBe('none'); // people's columns are not coloured
    expect(sheet.getColumn(19).width).toBe(17);
    const other = back.getWorksheet('بایگانی')!;
    expect(other.state).toBe('hidden');
    expect(other.views[0]).toMatchObject({ rightToLeft: true, state: 'frozen', ySplit: 2 });
    expect(other.getCell('B3').value).toBe(1234);
    expect(other.getCell('B3').numFmt).toBe('#,##0');
    expect(other.getColumn(2).width).toBe(21);
    expect(other.getColumn(3).hidden).toBe(true);
    expect(other.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 8 });
    expect(back.worksheets.map((w) => w.name)).toEqual(['مصوبات', 'جلسات', 'دستگاه‌ها', 'تنظیمات', 'بایگانی', 'خلاصه', 'مهلت گذشته', 'راهنما']);
  });

  it('reads and colours a register re-saved by LibreOffice', async () => {
    const dir = tempDir();
    const fixture = join(__dirname, 'fixtures', 'register-libreoffice.xlsx');
    const expected = assignmentsFromMinutes(parseMinutes(readFileSync(SEED_MINUTES, 'utf8')));
    for (const engine of ENGINES) {
      const read = await rowsOf(fixture, engine);
      expect(read.map((r) => [r.assignment.id, r.assignment.agency, r.assignment.due, r.assignment.row]))
        .toEqual(expected.map((a) => [a.id, a.agency, a.due, a.row]));
    }
    const output = join(dir, 'colored.xlsx');
    const result = await colorRegisterFile(fixture, { today, output });
    expect(result.engine).toBe('stream');
    expect(result.counts).toMatchObject({ overdue: 4, due_soon: 2, on_track: 3 });
    expect((await rowsOf(output)).map((r) => r.state)).toEqual((await rowsOf(fixture)).map((r) => r.state));
  });

  it('streams a register with merged cells that is too large for the whole workbook, and writes a new file', async () => {
    const dir = tempDir();
    const path = await registerFile(dir, rows());
    await editWithExcelJS(path, (wb) => wb.addWorksheet('یادداشت').mergeCells('A1:B2'));
    // the sheet says it has 50,000 rows (the engine is chosen from <dimension> before reading)
    patchZip(path, (files) => files.map((f) => (f.name === 'xl/worksheets/sheet1.xml'
      ? { name: f.name, data: f.data.toString().replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:R50000"/>') }
      : f)));
    const result = await colorRegisterFile(path, { today, output: path });
    expect(result.engine).toBe('stream');
    expect(result.output).toBe(join(dir, 'register-رنگی.xlsx'));
    expect(result.notice?.fa).toContain('ادغام');
  });

  it('when forced to stream a workbook with merged cells, says so and writes a new file', async () => {
    const dir = tempDir();
    const path = await registerFile(dir, rows());
    await editWithExcelJS(path, (wb) => wb.addWorksheet('یادداشت').mergeCells('A1:B2'));
    const before = readFileSync(path);
    const result = await colorRegisterFile(path, { today, output: path, engine: 'stream' });
    expect(result.output).toBe(join(dir, 'register-رنگی.xlsx'));
    expect(result.notice?.en).toContain('merged cells');
    expect(readFileSync(path).equals(before)).toBe(true);
  });
});

describe('guards', () => {
  const validation = (formula: string): ExcelJS.DataValidation => ({ type: 'list', allowBlank: true, formulae: [formula] });
  /** exceljs's types omit `dataValidations.add`; it exists on every worksheet. */
  const addValidation = (sheet: ExcelJS.Worksheet, ref: string, rule: ExcelJS.DataValidation) =>
    (sheet as unknown as { dataValidations: { add(a: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(ref, rule);

  it('exceljs alone writes overlapping validation ranges after a round trip (the bug guarded against)', async () => {
    const dir = tempDir();
    const path = join(dir, 'plain.xlsx');
    const workbook = new ExcelJS.Workbook();
    addValidation(workbook.addWorksheet('s'), 'S2:S20', validation('"a,b"'));
    await workbook.xlsx.writeFile(path);
    await editWithExcelJS(path, () => undefined);
    const ranges = validationRanges(zipPart(path, 'xl/worksheets/sheet1.xml')).flatMap((v) => v.rects);
    expect(anyOverlap(ranges)).toBe(true);
  });

  it('writes no overlapping validation ranges, keeps people’s own validations and replaces the tool’s', async () => {
    const dir = tempDir();
    const path = await registerFile(dir, Array.from({ length: 20 }, (_, i) => assignment({ id: `r${i}`, row: i + 1 })));
    await editWithExcelJS(path, (wb) => {
      const sheet = wb.getWorksheet('مصوبات')!;
      sheet.getCell('S1').value = 'اولویت';
      addValidation(sheet, 'S2:S21', validation('"بالا,پایین"'));
      // an old status list on part of the status column, as an earlier version might have left
      addValidation(sheet, 'I2:I9', validation('"x,y"'));
    });
    // two round trips: overlaps would appear (and multiply) on the second at the latest
    await colorRegisterFile(path, { today, output: path });
    await colorRegisterFile(path, { today, output: path });
    const validations = validationRanges(sheetPart(path, 'مصوبات'));
    expect(anyOverlap(validations.flatMap((v) => v.rects))).toBe(false);
    const sqrefs = validations.map((v) => v.sqref).sort();
    expect(sqrefs).toEqual(['I2:I521', 'J2:J521', 'S2:S21']);
    expect(sheetPart(path, 'مصوبات')).not.toContain('x,y');
  });

  it('refuses a defined name that would pollute Object.prototype, before and inside exceljs', async () => {
    const dir = tempDir();
    const path = await registerFile(dir, [assignment()]);
    const crafted = '<definedNames><definedName name="polluted">__proto__!$A$1</definedName></definedNames>';
    patchZip(path, (files) => files.map((f) => (f.name === 'xl/workbook.xml'
      ? { name: f.name, data: f.data.toString().replace(/<definedNames>.*<\/definedNames>|(?=<calcPr)/, crafted) }
      : f)));
    expect(zipPart(path, 'xl/workbook.xml')).toContain('__proto__!$A$1');

    await expect(RegisterBook.open(path)).rejects.toMatchObject({ code: 'unsafe_workbook', where: { file: 'register.xlsx' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<number, unknown>)[1]).toBeUndefined();

    // the second line of defence: even when the inspection is bypassed, exceljs's pollution is undone and refused
    const source = await readWorkbookBytes(path).catch(() => undefined);
    expect(source).toBeUndefined();
    const bytes = readFileSync(path);
    await expect(parseWorkbook({ path, file: 'register.xlsx', bytes, inspection: { entries: [], sheets: [], lost: [], date1904: false } }))
      .rejects.toMatchObject({ code: 'unsafe_workbook' });
    expect(({} as Record<number, unknown>)[1]).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it('writes a new file instead of overwriting an input with charts, pivot tables or slicers', async () => {
    const dir = tempDir();
    const path = await registerFile(dir, [assignment()]);
    patchZip(path, (files) => [...files, { name: 'xl/charts/chart1.xml', data: '<c:chartSpace/>' }, { name: 'xl/pivotTables/pivotTable1.xml', data: '<pivotTableDefinition/>' }]);
    const before = readFileSync(path);
    const result = await colorRegisterFile(path, { today, output: path });
    expect(result.output).toBe(join(dir, 'register-رنگی.xlsx'));
    expect(result.notice?.fa).toContain('نمودار');
    expect(result.notice?.en).toContain('pivot tables');
    expect(readFileSync(path).equals(before)).toBe(true);
    expect((await rowsOf(result.output))).toHaveLength(1);
  });

  it('never modifies the input unless asked', async () => {
    const dir = tempDir();
    const path = await registerFile(dir, [assignment()]);
    const before = readFileSync(path);
    await validateRegisterFile(path, { today });
    const first = await colorRegisterFile(path, { today });
    const second = await colorRegisterFile(path, { today });
    expect(first.output).toBe(join(dir, 'register-رنگی.xlsx'));
    expect(second.output).toBe(join(dir, 'register-رنگی-2.xlsx'));
    expect(readFileSync(path).equals(before)).toBe(true);
  });
});

describe('files that are not registers', () => {
  const cases: Array<[string, () => Buffer, string, string]> = [
    ['random bytes', () => Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919) % 251)), 'not_xlsx', 'اکسل'],
    ['an empty file', () => Buffer.alloc(0), 'empty_file', 'خالی'],
    ['an encrypted workbook', () => compoundFile('EncryptionInfo', 'EncryptedPackage'), 'encrypted_workbook', 'رمز'],
    ['an old .xls', () => compoundFile('Workbook', 'SummaryInformation'), 'xls_workbook', 'xls'],
    ['a .docx', () => writeZip([{ name: 'word/document.xml', data: '<w:document/>' }]), 'not_xlsx', 'Word'],
  ];

  it.each(cases)('refuses %s with a Persian and English message naming the file', async (_, bytes, code, word) => {
    const dir = tempDir();
    const path = join(dir, 'input.xlsx');
    writeFileSync(path, bytes());
    const error = await RegisterBook.open(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MosavabatError);
    expect(error).toMatchObject({ code, where: { file: 'input.xlsx' } });
    expect((error as MosavabatError).fa).toContain(word);
    expect((error as MosavabatError).en.length).toBeGreaterThan(10);
  });

  it('refuses a truncated workbook', async () => {
    const dir = tempDir();
    const path = await registerFile(dir, [assignment()]);
    writeFileSync(path, readFileSync(path).subarray(0, 3000));
    await expect(RegisterBook.open(path)).rejects.toMatchObject({ code: 'damaged_workbook', where: { file: 'register.xlsx' } });
  });

  it('refuses a workbook without the مصوبات sheet, naming the file, the sheet and the sheets it has', async () => {
    const dir = tempDir();
    const path = join(dir, 'other.xlsx');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1').getCell('A1').value = 'x';
    await workbook.xlsx.writeFile(path);
    const error = await RegisterBook.open(path).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'register_sheet_missing', where: { file: 'other.xlsx', sheet: 'مصوبات' } });
    expect((error as MosavabatError).fa).toContain('«Sheet1»');
  });

  it('refuses a مصوبات sheet without a header row', async () => {
    const dir = tempDir();
    const path = join(dir, 'noheader.xlsx');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('مصوبات').getCell('A1').value = 'فقط یک یادداشت';
    await workbook.xlsx.writeFile(path);
    await expect(RegisterBook.open(path)).rejects.toMatchObject({ code: 'register_header_missing', where: { sheet: 'مصوبات' } });
  });
});

/** A compound file (OLE2) header with the given stream names in its directory, as Office writes them. */
function compoundFile(...streams: string[]): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  const directory = Buffer.concat(streams.map((name) => {
    const entry = Buffer.alloc(128);
    Buffer.from(name, 'utf16le').copy(entry);
    entry.writeUInt16LE((name.length + 1) * 2, 64);
    return entry;
  }));
  return Buffer.concat([header, directory, Buffer.alloc(1024)]);
}
