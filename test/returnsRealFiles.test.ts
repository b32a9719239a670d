/**
 * The merge against what really arrives and what registers really look like: a corrected
 * second save of a file, formulas and error values typed by an agency, huge texts, unreadable
 * register cells, agency aliases, percent-formatted columns, registers re-saved by LibreOffice,
 * registers with parts exceljs cannot write (kept byte for byte), and the two ways the register
 * is written (patched, or through exceljs) giving the same register.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { SHEETS } from '../core/register/fields';
import { JalaliDate } from '../core/jalali';
import { inspectWorkbook } from '../adapters/xlsx/inspect';
import { parseWorkbook } from '../adapters/xlsx/workbookFile';
import { readZip } from '../adapters/xlsx/fast/zip';
import { readReturnBytes, readReturnWorkbook } from '../adapters/xlsx/returns/readReturn';
import { openLightRegister } from '../adapters/xlsx/returns/registerPatch';
import { openRegister } from '../adapters/xlsx/registerHandle';
import { RegisterBook } from '../adapters/xlsx/registerBook';
import { readWorkbookBytes } from '../adapters/xlsx/workbookFile';
import { importMinutesIntoRegister } from '../usecases/importMinutesIntoRegister';
import { writeAgencySheets } from '../usecases/agencySheets';
import { mergeReturnFiles, type MergeFilesOptions, type MergeReportFile } from '../usecases/mergeReturns';
import { FIXTURES, tempDir } from './helpers';
import { editWithExcelJS, patchZip, registerFile } from './registerHelpers';
import { COL, fill, rowOf, rowsOf } from './fixtures/returns/helpers';
import { RETURNS_AGENCIES, RETURNS_AT, RETURNS_REGISTER_ROWS } from './fixtures/returns/registerRows';

const { A, B } = RETURNS_AGENCIES;
const AT = RETURNS_AT;
const TODAY = JalaliDate.of(1401, 5, 1);
const dir = tempDir('mosavabat-returns-real-');
let counter = 0;

/** A register of RETURNS_REGISTER_ROWS (optionally changed by `edit` in Excel's way) and the agencies' files. */
async function setup(edit?: (workbook: ExcelJS.Workbook) => void): Promise<{ register: string; files: Record<string, string> }> {
  const sub = join(dir, `case-${++counter}`);
  mkdirSync(sub, { recursive: true });
  const register = await registerFile(sub, RETURNS_REGISTER_ROWS());
  if (edit) await editWithExcelJS(register, edit);
  const made = await writeAgencySheets(register, join(sub, 'out'), { at: AT });
  return { register, files: Object.fromEntries(made.files.map((f) => [f.agency, f.path])) };
}

/** A copy of a return file filled by `edit`, saved with the given save time. */
async function filled(source: string, savedAt: Date, edit: (sheet: ExcelJS.Worksheet) => void): Promise<string> {
  const path = join(dir, `return-${++counter}.xlsx`);
  copyFileSync(source, path);
  await editWithExcelJS(path, (wb) => {
    edit(wb.getWorksheet(SHEETS.register)!);
    wb.modified = savedAt;
  });
  return path;
}

async function merge(register: string, files: string[], options: Partial<MergeFilesOptions> = {}) {
  const output = join(dir, `merged-${++counter}.xlsx`);
  const reportPath = join(dir, `report-${counter}.json`);
  const result = await mergeReturnFiles(register, files, { at: AT, today: TODAY, output, reportPath, ...options });
  const json = JSON.parse(readFileSync(reportPath, 'utf8')) as MergeReportFile;
  return { result, output, json, report: json.files };
}

/** Every sheet's values (styles aside), for comparing two registers. */
async function sheetValues(path: string): Promise<Record<string, unknown[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const out: Record<string, unknown[][]> = {};
  for (const sheet of workbook.worksheets) {
    const rows: unknown[][] = [];
    sheet.eachRow((row, r) => {
      const values: unknown[] = [];
      row.eachCell((cell, c) => {
        const v = cell.value;
        if (v !== null && v !== '') values[c] = v;
      });
      rows[r] = values;
    });
    out[sheet.name] = rows;
  }
  return out;
}

const T1 = new Date(Date.UTC(2022, 6, 22, 6, 0));
const T2 = new Date(Date.UTC(2022, 6, 22, 9, 0));

describe('a corrected second save of the same file', () => {
  test('replaces what the first save set, even merged a day later; the first save merged again is outdated, not a conflict', async () => {
    const { register, files } = await setup();
    const first = await filled(files[A], T1, (s) => fill(s, { a1: { status: 'در حال انجام', percent: 50, report: 'گزارش اول' } }));
    const second = await filled(files[A], T2, (s) => fill(s, { a1: { status: 'در حال انجام', percent: 70 } }));
    const one = await merge(register, [first]);
    expect(one.report[0]).toMatchObject({ outcome: 'applied', cellsApplied: 3 });

    // the next day, into the merged register: the history tells which save set the values
    const two = await merge(one.output, [second]);
    expect(two.report[0].conflicts).toEqual([]);
    expect(two.report[0].applied.map((a) => [a.field, a.old, a.new])).toEqual([['percent', 50, 70], ['report', 'گزارش اول', null]]);
    expect((await rowsOf(two.output)).get('a1')).toMatchObject({ status: 'in_progress', percent: 70, report: '', revision: 3 });

    const three = await merge(two.output, [first]);
    expect(three.result.rowsChanged).toBe(0);
    expect(three.report[0]).toMatchObject({ outcome: 'already_merged', conflicts: [] });
    expect(three.report[0].outdated.map((o) => [o.id, o.field, o.ours, o.theirs])).toEqual([['a1', 'percent', 70, 50], ['a1', 'report', null, 'گزارش اول']]);
    expect(three.report[0].outdated[0].fa).toMatch(/^فایل «return-\d+\.xlsx»، برگه «مصوبات»، خانه J2: /);
    expect(three.result.problems).toBe(0);
  });

  test('both saves in one run, in either order, end with the later save\'s answer', async () => {
    const { register, files } = await setup();
    const first = await filled(files[A], T1, (s) => fill(s, { a2: { percent: 20 } }));
    const second = await filled(files[A], T2, (s) => fill(s, { a2: { percent: 90 } }));
    for (const order of [[first, second], [second, first]]) {
      const { output, report } = await merge(register, order);
      expect((await rowsOf(output)).get('a2')!.percent).toBe(90);
      expect(report.flatMap((r) => r.conflicts)).toEqual([]);
    }
  });

  test('a value the secretariat changed in between is still a conflict', async () => {
    const { register, files } = await setup();
    const first = await filled(files[A], T1, (s) => fill(s, { a2: { percent: 20 } }));
    const second = await filled(files[A], T2, (s) => fill(s, { a2: { percent: 90 } }));
    const one = await merge(register, [first]);
    await editWithExcelJS(one.output, (wb) => fill(wb.getWorksheet(SHEETS.register)!, { a2: { percent: 35 } }));
    const two = await merge(one.output, [second]);
    expect(two.report[0].conflicts.map((c) => [c.field, c.ours, c.theirs])).toEqual([['percent', 35, 90]]);
  });

  test('the corrected save made by LibreOffice (fixture) replaces the first LibreOffice save', async () => {
    const { register } = await setup();
    const first = join(FIXTURES, 'returns', 'libreoffice-resaved.xlsx');
    const corrected = join(FIXTURES, 'returns', 'libreoffice-corrected.xlsx');
    const one = await merge(register, [first]);
    const two = await merge(one.output, [corrected]);
    expect(two.report[0].conflicts).toEqual([]);
    expect((await rowsOf(two.output)).get('a1')).toMatchObject({ status: 'in_progress', percent: 90, report: 'گزارش اصلاح‌شده با لیبره‌آفیس' });
  });
});

describe('cells agencies really type', () => {
  test('a file edited inside LibreOffice (fixture: unprotected, sorted, renamed, =50+30 typed, a #DIV/0!) merges by cell', async () => {
    const { register } = await setup();
    const { output, report } = await merge(register, [join(FIXTURES, 'returns', 'libreoffice-edited.xlsx')]);
    const rows = await rowsOf(output);
    // `80%` typed through the API into the tool's whole-number cell: 0.8 shown as «۱»; refused with a hint
    expect(rows.get('a1')).toMatchObject({ status: 'in_progress', percent: null, report: 'نوشته در لیبره‌آفیس' });
    expect(rows.get('a2')).toMatchObject({ percent: 80, doneDate: '1401/04/20' });
    expect(rows.get('a3')).toMatchObject({ status: 'in_progress', percent: 40, report: '' });
    expect(report[0]).toMatchObject({ sheet: 'گزارش ما', cellsApplied: 4, conflicts: [] });
    expect(report[0].rejected.map((r) => [r.code, r.id, r.cell])).toEqual([['unreadable_cell', 'a3', 'K2'], ['invalid_percent', 'a1', 'J4']]);
    expect(report[0].rejected[1].fa).toContain('برای ۸۰٪ عدد ۸۰ را بنویسید');
    expect(report[0].rejected[0].fa).toBe('فایل «libreoffice-edited.xlsx»، برگه «گزارش ما»، خانه K2: این خانه خطای «#DIV/0!» دارد (فرمول نادرست)؛ به جای آن مقدار را بنویسید');
    expect(report[0].rejected[0].en).toBe('file "libreoffice-edited.xlsx", sheet "گزارش ما", cell K2: the cell holds the error "#DIV/0!" (a broken formula); type the value instead');
  });

  test('formulas give their value, never a formula; a formula without a value and an error are refused by cell', async () => {
    const { register, files } = await setup();
    const path = await filled(files[A], T1, (s) => {
      fill(s, {
        a1: { percent: { formula: '50+30', result: 80 } as ExcelJS.CellFormulaValue, report: { formula: '"گزارش "&"فرمولی"', result: 'گزارش فرمولی' } as ExcelJS.CellFormulaValue },
        a2: { percent: { formula: 'J2/2' } as ExcelJS.CellFormulaValue, report: { error: '#REF!' } as ExcelJS.CellErrorValue },
      });
    });
    const { output, report } = await merge(register, [path]);
    expect((await rowsOf(output)).get('a1')).toMatchObject({ percent: 80, report: 'گزارش فرمولی' });
    expect((await rowsOf(output)).get('a2')).toMatchObject({ percent: null, report: '' });
    expect(report[0].rejected.map((r) => [r.code, r.cell])).toEqual([['unreadable_cell', 'J3'], ['unreadable_cell', 'K3']]);
    expect(report[0].rejected[1].fa).toContain('#REF!');
    const merged = new ExcelJS.Workbook();
    await merged.xlsx.readFile(output);
    const sheet = merged.getWorksheet(SHEETS.register)!;
    expect(sheet.getCell(`${COL.percent}${rowOf(sheet, 'a1')}`).value).toBe(80);
    expect(sheet.getCell(`${COL.report}${rowOf(sheet, 'a1')}`).value).toBe('گزارش فرمولی');
  });

  test('a text longer than a cell holds is refused; markup characters and control characters are written safely', async () => {
    const { register, files } = await setup();
    const path = await filled(files[A], T1, (s) => fill(s, {
      a1: { report: 'گ'.repeat(40000) },
      a2: { report: 'بند <۱> & "۲" \u0001 تمام' },
    }));
    const { output, report } = await merge(register, [path]);
    expect(report[0].rejected.map((r) => [r.code, r.cell])).toEqual([['text_too_long', 'K2']]);
    expect((await rowsOf(output)).get('a2')!.report).toBe('بند <۱> & "۲" تمام');
    expect((await rowsOf(output)).get('a1')!.report).toBe('');
  });

  test('done with the percent left blank becomes 100', async () => {
    const { register, files } = await setup();
    const path = await filled(files[A], T1, (s) => fill(s, { a1: { status: 'انجام شده', doneDate: '۱۴۰۱/۰۴/۲۸' } }));
    const { output, report } = await merge(register, [path]);
    expect((await rowsOf(output)).get('a1')).toMatchObject({ status: 'done', percent: 100 });
    expect(report[0].notes.map((n) => [n.code, n.cell])).toEqual([['percent_for_done', 'J2']]);
  });
});

describe('registers as people keep them', () => {
  test('an agency-field cell the register cannot read is sent as it is, and a valid answer replaces it', async () => {
    const { register, files } = await setup((wb) => fill(wb.getWorksheet(SHEETS.register)!, { a2: { percent: 'زیاد' } }));
    const sent = new ExcelJS.Workbook();
    await sent.xlsx.readFile(files[A]);
    expect(sent.getWorksheet(SHEETS.register)!.getCell(`${COL.percent}3`).value).toBe('زیاد');
    const untouched = await merge(register, [files[A]]);
    expect(untouched.result.rowsChanged).toBe(0);
    expect(untouched.report[0].rejected).toEqual([]);
    const path = await filled(files[A], T1, (s) => fill(s, { a2: { percent: 45 } }));
    const { output, result } = await merge(register, [path]);
    expect((await rowsOf(output)).get('a2')!.percent).toBe(45);
    const history = (await sheetValues(output))[SHEETS.history];
    expect(history[2].slice(5, 8)).toEqual(['درصد پیشرفت', 'زیاد', '۴۵']);
    expect(result.engine).toBe('patch');
  });

  test('rows typed with another spelling of an agency that the directory lists as an alias go to that agency', async () => {
    const alias = 'فرمانداری شهرستان کرج';
    const { register, files } = await setup((wb) => {
      fill(wb.getWorksheet(SHEETS.register)!, { a3: { agency: alias } });
      wb.getWorksheet(SHEETS.agencies)!.addRow([A, alias]);
    });
    expect(Object.keys(files).sort()).toEqual([A, B, RETURNS_AGENCIES.C].sort());
    const sent = new ExcelJS.Workbook();
    await sent.xlsx.readFile(files[A]);
    expect(() => rowOf(sent.getWorksheet(SHEETS.register)!, 'a3')).not.toThrow();
    const path = await filled(files[A], T1, (s) => fill(s, { a3: { percent: 65 } }));
    const { output, report } = await merge(register, [path]);
    expect(report[0].rejected).toEqual([]);
    expect((await rowsOf(output)).get('a3')!.percent).toBe(65);
  });

  test('a percent column formatted as percent gets fractions, so it reads back as the same percent', async () => {
    const { register, files } = await setup((wb) => {
      const sheet = wb.getWorksheet(SHEETS.register)!;
      for (let r = 2; r <= 8; r++) {
        const cell = sheet.getCell(`${COL.percent}${r}`);
        cell.style = { ...cell.style, numFmt: '0%' };
      }
    });
    const path = await filled(files[A], T1, (s) => fill(s, { a1: { percent: 80 } }));
    for (const engine of ['auto', 'whole'] as const) {
      const { output } = await merge(register, [path], { engine });
      expect((await rowsOf(output)).get('a1')!.percent).toBe(80);
    }
  });

  test('a register re-saved by LibreOffice is patched; the result reads the same through exceljs', async () => {
    const register = join(dir, 'register-libreoffice.xlsx');
    copyFileSync(join(FIXTURES, 'register-libreoffice.xlsx'), register);
    const made = await writeAgencySheets(register, join(dir, `lo-out-${++counter}`), { at: AT });
    const target = made.files[0];
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(target.path);
    const sheet = workbook.getWorksheet(SHEETS.register)!;
    const id = String(sheet.getCell('A2').value);
    const path = await filled(target.path, T1, (s) => fill(s, { [id]: { status: 'در حال انجام', percent: 55, report: 'از دفتر لیبره‌آفیس' } }));
    const patched = await merge(register, [path]);
    const whole = await merge(register, [path], { engine: 'whole' });
    expect(patched.result.engine).toBe('patch');
    expect((await rowsOf(patched.output)).get(id)).toMatchObject({ status: 'in_progress', percent: 55, report: 'از دفتر لیبره‌آفیس', revision: 2 });
    const a = await rowsOf(patched.output);
    const b = await rowsOf(whole.output);
    expect([...a.values()]).toEqual([...b.values()]);
  });

  test('parts exceljs cannot write (a chart, an image) are kept byte for byte, so the register itself may be overwritten', async () => {
    const { register, files } = await setup();
    const image = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, 3, 255, 254]);
    const chart = '<?xml version="1.0"?><c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>';
    patchZip(register, (parts) => [...parts, { name: 'xl/media/image1.png', data: image }, { name: 'xl/charts/chart1.xml', data: chart }]);
    const path = await filled(files[A], T1, (s) => fill(s, { a1: { percent: 15 } }));
    const result = await mergeReturnFiles(register, [path], { at: AT, today: TODAY, output: register });
    expect(result).toMatchObject({ engine: 'patch', output: register, notice: undefined });
    const parts = readZip(readFileSync(register));
    expect(parts.find((p) => p.name === 'xl/media/image1.png')!.data.equals(image)).toBe(true);
    expect(parts.find((p) => p.name === 'xl/charts/chart1.xml')!.data.toString('utf8')).toBe(chart);
    expect((await rowsOf(register)).get('a1')!.percent).toBe(15);
  });

  test('a formula in a cell the merge overwrites: written through exceljs as a plain value; a register with a chart is then not overwritten', async () => {
    const { register, files } = await setup((wb) => fill(wb.getWorksheet(SHEETS.register)!, {
      a1: { percent: { formula: '10+20', result: 30 } as ExcelJS.CellFormulaValue },
    }));
    patchZip(register, (parts) => [...parts, { name: 'xl/charts/chart1.xml', data: '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>' }]);
    const before = readFileSync(register);
    const path = await filled(files[A], T1, (s) => fill(s, { a1: { percent: 45 } }));
    const result = await mergeReturnFiles(register, [path], { at: AT, today: TODAY, output: register });
    expect(result.engine).toBe('whole');
    expect(result.output).not.toBe(register);
    expect(result.notice?.fa).toContain('نمودار');
    expect(readFileSync(register).equals(before)).toBe(true);
    const merged = new ExcelJS.Workbook();
    await merged.xlsx.readFile(result.output);
    const sheet = merged.getWorksheet(SHEETS.register)!;
    expect(sheet.getCell(`${COL.percent}${rowOf(sheet, 'a1')}`).value).toBe(45);
  });

  test('an older history sheet without the file columns gets them, and keeps its lines', async () => {
    const { register, files } = await setup((wb) => {
      const history = wb.addWorksheet(SHEETS.history);
      history.addRow(['زمان', 'دستگاه', 'فایل', 'شناسه', 'ستون', 'مقدار پیشین', 'مقدار جدید', 'نسخه']);
      history.addRow(['۱۴۰۱/۰۴/۲۰ ۰۹:۰۰', A, 'قدیمی.xlsx', 'a3', 'درصد پیشرفت', '', '۴۰', 2]);
      // a row someone formatted but left empty: new lines go after it, rows stay in order
      history.getCell('A6').style = { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } } };
    });
    const path = await filled(files[A], T1, (s) => fill(s, { a1: { percent: 15 } }));
    const { output } = await merge(register, [path]);
    const history = (await sheetValues(output))[SHEETS.history];
    expect(history[1].slice(1)).toEqual(['زمان', 'دستگاه', 'فایل', 'شناسه', 'ستون', 'مقدار پیشین', 'مقدار جدید', 'نسخه',
      'فایل تهیه‌شده در', 'فایل ذخیره‌شده در', 'مرجع فایل']);
    expect(history[2][3]).toBe('قدیمی.xlsx');
    expect(history[7].slice(4, 8)).toEqual(['a1', 'درصد پیشرفت', undefined, '۱۵']);
    expect(String(history[7][11])).toMatch(/^7@2022-07-23T05:30:00\.000Z\|2022-07-22T06:00:00\.000Z$/);
    const xml = readZip(readFileSync(output)).find((p) => /sheet\d+\.xml$/.test(p.name) && p.data.includes('7@2022-07-23'))!.data.toString('utf8');
    const numbers = [...xml.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1]));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });

  test('merged cells among the data rows: the merge goes through exceljs and still applies', async () => {
    const { register, files } = await setup((wb) => wb.getWorksheet(SHEETS.register)!.mergeCells(`${COL.meeting}2:${COL.meeting}4`));
    const path = await filled(files[A], T1, (s) => fill(s, { a1: { percent: 15 } }));
    const { output, result } = await merge(register, [path]);
    expect(result.engine).toBe('whole');
    expect((await rowsOf(output)).get('a1')!.percent).toBe(15);
  });
});

describe('the two ways of writing the register agree', () => {
  test('patched and through exceljs: the same values in every sheet', async () => {
    const { register, files } = await setup();
    const a = await filled(files[A], T1, (s) => fill(s, {
      a1: { status: 'انجام شده', doneDate: '1401/04/25', report: 'تمام شد' },
      a2: { percent: '۶۰٪', requestedDue: '۱۴۰۱/۰۶/۱۵', requestReason: 'کمبود اعتبار' },
      a3: { status: 'نامعلوم' },
    }));
    const b = await filled(files[B], T1, (s) => fill(s, { b1: { status: 'خارج از اختیار دستگاه', report: 'نیاز به مصوبه' } }));
    const patched = await merge(register, [a, b]);
    const whole = await merge(register, [a, b], { engine: 'whole' });
    expect(patched.result.engine).toBe('patch');
    expect(whole.result.engine).toBe('whole');
    expect(patched.report).toEqual(whole.report);
    const p = await sheetValues(patched.output);
    const w = await sheetValues(whole.output);
    expect(Object.keys(p)).toEqual(Object.keys(w));
    for (const name of Object.keys(p)) expect([name, p[name]]).toEqual([name, w[name]]);
    // and the state colours of the changed rows
    const colour = async (path: string) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(path);
      const sheet = workbook.getWorksheet(SHEETS.register)!;
      return ['a1', 'a2', 'b1'].map((id) => (sheet.getCell(`${COL.text}${rowOf(sheet, id)}`).fill as ExcelJS.FillPattern).fgColor?.argb);
    };
    expect(await colour(patched.output)).toEqual(await colour(whole.output));
  });
});

describe('the light reader reads return files as exceljs does', () => {
  test('the same rows, copies, unreadable cells and properties for every kind of file in these tests', async () => {
    const { files } = await setup();
    const samples = [
      files[A], files[B],
      join(FIXTURES, 'returns', 'libreoffice-resaved.xlsx'),
      join(FIXTURES, 'returns', 'libreoffice-corrected.xlsx'),
      join(FIXTURES, 'returns', 'libreoffice-edited.xlsx'),
      await filled(files[A], T1, (s) => {
        fill(s, {
          a1: { percent: { formula: '50+30', result: 80 } as ExcelJS.CellFormulaValue, report: { richText: [{ text: 'متن ' }, { text: 'غنی', font: { bold: true } }] } },
          a2: { percent: { formula: 'J2/2' } as ExcelJS.CellFormulaValue, doneDate: new Date(Date.UTC(2022, 6, 11)), report: { error: '#N/A' } as ExcelJS.CellErrorValue },
          a3: { status: true as unknown as string, requestReason: 'ویرگول، "نقل‌قول" & <تگ>' },
        });
        const cell = s.getCell(`${COL.percent}${rowOf(s, 'a3')}`);
        cell.value = 0.45;
        cell.style = { ...cell.style, numFmt: '0.0%' };
        s.mergeCells('O2:P3');
      }),
    ];
    for (const path of samples) {
      const bytes = readFileSync(path);
      const source = { path, file: 'x.xlsx', bytes, inspection: inspectWorkbook(bytes, 'x.xlsx') };
      const light = await readReturnBytes(source);
      const excel = readReturnWorkbook(await parseWorkbook(source), 'x.xlsx');
      expect(light).toEqual(excel);
    }
  });
});

describe('the light reader reads registers as the register commands do', () => {
  test('the same rows as `validate` reads, for registers written every way the tool and people write them', async () => {
    const seeded = join(dir, `seed-${++counter}.xlsx`);
    await importMinutesIntoRegister(join(FIXTURES, 'minutes-1401-04-09.txt'), { output: seeded, now: AT });
    const { register: edited } = await setup((wb) => {
      const sheet = wb.getWorksheet(SHEETS.register)!;
      fill(sheet, {
        a1: { doneDate: new Date(Date.UTC(2022, 6, 11)), report: { formula: '"الف"&"ب"', result: 'الفب' } as ExcelJS.CellFormulaValue },
        a2: { text: { richText: [{ text: 'متن ' }, { text: 'پررنگ', font: { bold: true } }] }, status: 'انجام شده', percent: { error: '#N/A' } as ExcelJS.CellErrorValue },
        a3: { report: 12345, requestReason: true as unknown as string },
      });
      const cell = sheet.getCell(`${COL.percent}${rowOf(sheet, 'b1')}`);
      cell.value = 0.35;
      cell.style = { ...cell.style, numFmt: '0%' };
    });
    const { register, files } = await setup();
    const path = await filled(files[A], T1, (s) => fill(s, { a1: { percent: 15, report: 'تازه' } }));
    const { output: patched } = await merge(register, [path]);
    for (const file of [seeded, edited, join(FIXTURES, 'register-libreoffice.xlsx'), patched]) {
      const light = openLightRegister(await readWorkbookBytes(file)).rows;
      const canonical = (await openRegister(file, 'read')).rows();
      expect([file, light]).toEqual([file, canonical]);
    }
  });

  test('a register of hundreds of rows with long Persian texts reads as exceljs\'s whole-workbook reader reads it', async () => {
    // 600 rows: every combination of the three base rows, seven text lengths and four reports, several times
    const rows = Array.from({ length: 600 }, (_, i) => ({
      ...RETURNS_REGISTER_ROWS()[i % 3], id: `r${i}`, row: i + 1,
      text: `مقرر گردید: دستگاه شمارهٔ ${i} نسبت به ساماندهی «گروه‌های جهادی» و خیّرین اقدام و گزارش آن را ارسال نماید؛ ${'متن طولانی '.repeat(i % 7)}`,
      report: i % 4 ? '' : `گزارش ${i}: انجام شد`,
    }));
    const big = join(dir, `big-${++counter}`);
    mkdirSync(big);
    const path = await registerFile(big, rows);
    const light = openLightRegister(await readWorkbookBytes(path)).rows;
    expect(light).toHaveLength(600);
    expect(light).toEqual((await RegisterBook.open(path)).rows());
  }, 30_000); // exceljs writes and reads the whole workbook twice: about a second alone, more on a busy machine
});
