/** The register commands end to end: import -o/--into, validate, color, summary. */
import { argb, STATE_FILLS, STATE_WORDS } from './expectedWords';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { REGISTER_FIELDS, SHEETS } from '../core/register/fields';
import { cli, SEED_MINUTES, tempDir } from './helpers';
import { assignment, editWithExcelJS, registerFile, stateRows, STATE_ROWS_STATES, zipPart } from './registerHelpers';

const column = (name: string) => REGISTER_FIELDS.findIndex((f) => f.name === name) + 1;

describe('mosavabat import -o / --into', () => {
  it('creates a register, then adds nothing when the same minutes are imported into it', async () => {
    const dir = tempDir();
    const register = join(dir, 'دفتر.xlsx');
    const created = await cli('import', SEED_MINUTES, '-o', register, '--today', '1401/04/20');
    expect(created.status).toBe(0);
    expect(created.stdout).toContain('۹ ردیف تازه');
    const again = await cli('import', SEED_MINUTES, '--into', register, '--json');
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ meetingId: '14010409-12', added: 0, existing: 9, meetingAdded: false });
  });
});

describe('mosavabat validate', () => {
  it('prints rows and issues as JSON in the documented shape, exit 0 with warnings only', async () => {
    const dir = tempDir();
    const register = join(dir, 'register.xlsx');
    await cli('import', SEED_MINUTES, '-o', register, '--today', '1401/04/20');
    const result = await cli('validate', register, '--today', '1401/04/20', '--json');
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(Object.keys(json)).toEqual(['rows', 'issues']);
    expect(json.rows).toHaveLength(9);
    expect(json.rows[0]).toEqual({ id: '14010409-12-1-e9edaa', row: 2, agency: 'فرمانداری کرج', due: '1401/05/09', state: 'on_track' });
    expect(json.rows.map((r: { state: string }) => r.state)).toContain('overdue');
    expect(json.issues.length).toBeGreaterThan(0);
    for (const issue of json.issues) {
      expect(issue).toEqual({ severity: 'warning', code: expect.any(String), sheet: 'مصوبات', cell: expect.stringMatching(/^[A-Z]+\d+$/), message: expect.any(String) });
    }
    expect(json.issues.map((i: { code: string; cell: string }) => [i.code, i.cell])).toContainEqual(['text_date_after_due', 'E3']);
  });

  it('exits 1 when the register has errors, naming the cell', async () => {
    const dir = tempDir();
    const register = await registerFile(dir, [assignment({ id: 'a' }), assignment({ id: 'b', row: 2 })]);
    await editWithExcelJS(register, (wb) => {
      wb.getWorksheet(SHEETS.register)!.getCell(3, column('percent')).value = 150;
    });
    const json = await cli('validate', register, '--today', '1401/04/20', '--json');
    expect(json.status).toBe(1);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.issues).toContainEqual(expect.objectContaining({ severity: 'error', code: 'percent_out_of_range', cell: 'J3' }));
    expect(parsed.rows.map((r: { state: string }) => r.state)).toEqual(['on_track', 'invalid']);
    const text = await cli('validate', register, '--today', '1401/04/20');
    expect(text.status).toBe(1);
    expect(text.stdout).toContain('خطا J3');
  });

  it('exits 2 with one Persian and English line for files that are not registers', async () => {
    const dir = tempDir();
    const path = join(dir, 'old.xls');
    writeFileSync(path, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600), Buffer.from('Workbook', 'utf16le')]));
    const result = await cli('validate', path);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('old.xls');
    expect(result.stderr).toContain('xlsx');
    expect(result.stderr).toMatch(/error: .*\.xls/);
    const bad = await cli('validate', path, '--today', '1401/13/01');
    expect(bad.status).toBe(2);
  });
});

describe('mosavabat color', () => {
  it('fills rows with the palette colour of their state, writes the state words and live colour rules', async () => {
    const dir = tempDir();
    const register = await registerFile(dir, stateRows());
    const output = join(dir, 'out.xlsx');
    const result = await cli('color', register, '--today', '1401/04/20', '-o', output);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('out.xlsx');

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(output);
    const sheet = workbook.getWorksheet(SHEETS.register)!;
    STATE_ROWS_STATES.forEach((state, i) => {
      const row = i + 2;
      expect(sheet.getCell(row, column('state')).value).toBe(STATE_WORDS[state]);
      for (const field of ['id', 'text', 'status', 'state']) {
        expect(sheet.getCell(row, column(field)).fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: argb(state) } });
      }
    });
    // the header keeps its own fill
    expect((sheet.getCell(1, 1).fill as ExcelJS.FillPattern).fgColor?.argb).not.toBe(argb('overdue'));

    const xml = zipPart(output, 'xl/worksheets/sheet1.xml');
    const rules = [...xml.matchAll(/<cfRule [^>]*>\s*<formula>([^<]*)<\/formula>/g)].map((m) => m[1].replace(/&quot;/g, '"').replace(/&lt;/g, '<'));
    // seven rules over the row, the same seven (also showing the words) over وضعیت مهلت
    expect(rules).toHaveLength(14);
    expect(rules.every((f) => f.endsWith('+N("mosavabat")'))).toBe(true);
    expect(rules).toContainEqual('(AND(ISNUMBER($R2),$R2<TODAY()))+N("mosavabat")');
    expect(rules).toContainEqual('($I2="منتفی")+N("mosavabat")');
    // each rule's format is its state's palette colour
    const styles = zipPart(output, 'xl/styles.xml');
    expect(styles).toContain(`FF${STATE_FILLS.overdue}`);
    expect(styles).toContain(`FF${STATE_FILLS.on_track}`);
    const legend = workbook.getWorksheet(SHEETS.legend)!;
    expect(legend.getCell('A2').fill).toMatchObject({ fgColor: { argb: argb('overdue') } });
    expect(workbook.getWorksheet(SHEETS.summary)).toBeDefined();
    // colouring twice does not pile up rules
    await cli('color', output, '--today', '1401/04/21', '-o', output);
    expect([...zipPart(output, 'xl/worksheets/sheet1.xml').matchAll(/<cfRule /g)]).toHaveLength(14);
  });

  it('writes <name>-رنگی.xlsx beside the input by default and leaves the input as it was', async () => {
    const dir = tempDir();
    const register = await registerFile(dir, [assignment()]);
    const before = readFileSync(register);
    const result = await cli('color', register, '--today', '1401/04/20');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(join(dir, 'register-رنگی.xlsx'));
    expect(readFileSync(register).equals(before)).toBe(true);
  });
});

describe('mosavabat summary', () => {
  it('writes a summary workbook with per-agency, per-meeting and overdue sheets', async () => {
    const dir = tempDir();
    const register = join(dir, 'register.xlsx');
    await cli('import', SEED_MINUTES, '-o', register, '--today', '1401/04/20');
    const output = join(dir, 'summary.xlsx');
    const result = await cli('summary', register, '-o', output, '--today', '1401/04/20');
    expect(result.status).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(output);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([SHEETS.summary, 'مهلت گذشته']);
    const summary = workbook.getWorksheet(SHEETS.summary)!;
    expect(summary.views[0]).toMatchObject({ rightToLeft: true });
    expect(String(summary.getCell('A1').value)).toContain('۱۴۰۱/۰۴/۲۰');
    const texts: string[] = [];
    summary.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value))));
    expect(texts).toEqual(expect.arrayContaining(['فرمانداری کرج', 'به تفکیک دستگاه', 'به تفکیک جلسه', 'راهنمای رنگ‌ها', STATE_WORDS.overdue]));
    const overdue = workbook.getWorksheet('مهلت گذشته')!;
    // most days late first: row 2 (هفته جاری → 1401/04/10) before row 6 (یک هفته → 1401/04/16)
    expect(overdue.getCell('C3').value).toBe(10);
    expect(overdue.getCell('D3').value).toBe('۱۴۰۱/۰۴/۱۰');
    expect(overdue.getCell('C6').value).toBe(4);
  });

  it('refuses to write the summary over the register', async () => {
    const dir = tempDir();
    const register = await registerFile(dir, [assignment()]);
    const result = await cli('summary', register, '-o', register);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('همان فایل ورودی');
  });
});
