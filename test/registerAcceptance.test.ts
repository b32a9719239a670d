/**
 * Checks on written and read workbooks that the other register tests do not
 * cover: the colour rules' due-soon window and state words, autofilters LibreOffice shows,
 * date cells in any process time zone, and the CLI on files that are not registers.
 */
import { STATE_FILLS, STATE_WORDS } from './expectedWords';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { JalaliDate } from '../core/jalali';
import { REGISTER_FIELDS, SHEETS } from '../core/register/fields';
import { assignmentId } from '../core/register/ids';
import type { DeadlineState } from '../core/register/types';
import { columnLetter } from '../core/sheet/address';
import type { RegisterEngine } from '../adapters/xlsx/registerHandle';
import { colorRegisterFile } from '../usecases/colorRegisterFile';
import { summarizeRegisterFile } from '../usecases/summarizeRegisterFile';
import { validateRegisterFile } from '../usecases/validateRegisterFile';
import { cli, tempDir } from './helpers';
import { assignment, editWithExcelJS, patchZip, registerFile, sheetPart, stateRows, zipPart } from './registerHelpers';

const today = JalaliDate.of(1401, 4, 20);
const ENGINES: RegisterEngine[] = ['stream', 'whole'];
const column = (name: string) => columnLetter(REGISTER_FIELDS.findIndex((f) => f.name === name) + 1);

function decode(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** The conditional formats of a written sheet: each range with its rules' formula, fill and number format. */
function colourRules(path: string, sheet: string = SHEETS.register) {
  const xml = sheetPart(path, sheet);
  const dxfs = [...(/<dxfs[^>]*>([\s\S]*?)<\/dxfs>/.exec(zipPart(path, 'xl/styles.xml'))?.[1] ?? '').matchAll(/<dxf>([\s\S]*?)<\/dxf>/g)].map((m) => m[1]);
  return [...xml.matchAll(/<conditionalFormatting sqref="([^"]+)">([\s\S]*?)<\/conditionalFormatting>/g)].map((m) => ({
    sqref: m[1],
    rules: [...m[2].matchAll(/<cfRule [^>]*dxfId="(\d+)"[^>]*>\s*<formula>([^<]*)<\/formula>/g)].map((r) => ({
      formula: decode(r[2]),
      fill: /<bgColor rgb="([^"]+)"/.exec(dxfs[Number(r[1])])?.[1],
      numFmt: decode(/<numFmt [^>]*formatCode="([^"]*)"/.exec(dxfs[Number(r[1])])?.[1] ?? ''),
    })),
  }));
}

/** The workbook's defined names as `name@localSheetId=text`. */
function definedNames(path: string): string[] {
  return [...zipPart(path, 'xl/workbook.xml').matchAll(/<definedName ([^>]*)>([^<]*)<\/definedName>/g)].map((m) => {
    const name = /\bname="([^"]*)"/.exec(m[1])?.[1];
    const local = /\blocalSheetId="(\d+)"/.exec(m[1])?.[1];
    return `${name}@${local ?? '-'}=${decode(m[2])}`;
  });
}

describe('colour rules', () => {
  it.each(ENGINES)('use the due-soon window the command was given (%s engine)', async (engine) => {
    const dir = tempDir();
    const path = await registerFile(dir, stateRows());
    const output = join(dir, 'out.xlsx');
    await colorRegisterFile(path, { today, output, engine, dueSoonDays: 3 });
    const formulas = colourRules(output).flatMap((cf) => cf.rules.map((r) => r.formula));
    const dueSoon = formulas.filter((f) => f.includes('-TODAY()<='));
    expect(dueSoon.length).toBeGreaterThan(0);
    for (const f of dueSoon) expect(f).toContain('-TODAY()<=3)');
  });

  it.each(ENGINES)('show the state words in وضعیت مهلت, matching the fill, without hiding other columns (%s engine)', async (engine) => {
    const dir = tempDir();
    const path = await registerFile(dir, stateRows());
    const output = join(dir, 'out.xlsx');
    await colorRegisterFile(path, { today, output, engine });
    const state = column('state');
    const ranges = colourRules(output);
    const words = ranges.filter((cf) => cf.sqref.split(' ').every((ref) => ref.startsWith(`${state}2:${state}`)));
    const rows = ranges.filter((cf) => !words.includes(cf));
    expect(words).toHaveLength(1);
    expect(rows).toHaveLength(1);
    // the row range covers the visible columns but not وضعیت مهلت, and changes no number format
    expect(rows[0].sqref.split(' ').some((ref) => ref.startsWith(`${state}`))).toBe(false);
    expect(rows[0].sqref).toMatch(/^A2:/);
    expect(rows[0].rules.every((r) => r.numFmt === '')).toBe(true);
    // on وضعیت مهلت each rule shows its own state's words on its own state's fill
    const byFill = new Map(Object.entries(STATE_FILLS).map(([s, fill]) => [`FF${fill}`, s as DeadlineState]));
    expect(words[0].rules.map((r) => r.formula)).toEqual(rows[0].rules.map((r) => r.formula));
    for (const rule of words[0].rules) {
      const target = byFill.get(rule.fill ?? '')!;
      expect(target).toBeDefined();
      const label = `"${STATE_WORDS[target]}"`;
      expect(rule.numFmt).toBe([label, label, label, label].join(';'));
    }
    expect(words[0].rules.map((r) => byFill.get(r.fill ?? ''))).toEqual(['invalid', 'void', 'done_late', 'done', 'overdue', 'due_soon', 'on_track']);
  });
});

describe('the legend sheet', () => {
  it.each(ENGINES)('prints on one A4 landscape page width and says what updates by itself (%s engine)', async (engine) => {
    const dir = tempDir();
    const path = await registerFile(dir, stateRows());
    const output = join(dir, 'out.xlsx');
    await colorRegisterFile(path, { today, output, engine });
    const xml = sheetPart(output, SHEETS.legend);
    expect(xml).toMatch(/<pageSetup [^>]*paperSize="9"[^>]*orientation="landscape"[^>]*fitToWidth="1"/);
    expect(xml).toMatch(/<pageSetUpPr fitToPage="1"/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(output);
    const texts: string[] = [];
    workbook.getWorksheet(SHEETS.legend)!.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value))));
    const note = texts.find((t) => t.includes('فیلتر'));
    expect(note).toContain('۱۴۰۱/۰۴/۲۰');
    expect(note).toContain('وضعیت مهلت');
  });
});

describe('autofilters', () => {
  it.each(ENGINES)('are named _xlnm._FilterDatabase per sheet, so LibreOffice shows them (%s engine)', async (engine) => {
    const dir = tempDir();
    const path = await registerFile(dir, stateRows());
    await editWithExcelJS(path, (wb) => {
      const own = wb.addWorksheet('پیگیری');
      own.getRow(1).values = ['دستگاه', 'تلفن'];
      own.getRow(2).values = ['فرمانداری کرج', '۰۲۶'];
      own.autoFilter = 'A1:B2';
    });
    // as Excel saves a filtered register: a sheet-local name, which exceljs alone reads as a global one
    patchZip(path, (files) => files.map((f) => (f.name === 'xl/workbook.xml'
      ? { name: f.name, data: f.data.toString().replace('<definedNames>', `<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'مصوبات'!$A$1:$R$3</definedName>`) }
      : f)));
    expect(definedNames(path)).toContain("_xlnm._FilterDatabase@0='مصوبات'!$A$1:$R$3");
    const output = join(dir, 'out.xlsx');
    await colorRegisterFile(path, { today, output, engine });
    const names = definedNames(output).filter((n) => n.startsWith('_xlnm._FilterDatabase@'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(output);
    const index = (name: string) => workbook.worksheets.findIndex((s) => s.name === name);
    expect(names).toEqual(expect.arrayContaining([
      `_xlnm._FilterDatabase@${index(SHEETS.register)}='مصوبات'!$A$1:$R$7`,
      `_xlnm._FilterDatabase@${index('پیگیری')}='پیگیری'!$A$1:$B$2`,
      `_xlnm._FilterDatabase@${index('مهلت گذشته')}='مهلت گذشته'!$A$2:$J$3`,
    ]));
    // one name per sheet with a filter, each sheet-local
    expect(new Set(names.map((n) => n.split('=')[0])).size).toBe(names.length);
    expect(names.every((n) => !n.includes('@-'))).toBe(true);
    // the person's own sheet keeps its filter
    expect(sheetPart(output, 'پیگیری')).toMatch(/<autoFilter ref="A1:B2"/);
    // colouring the result again gives the same names, not duplicates
    await colorRegisterFile(output, { today, output, engine });
    expect(definedNames(output).filter((n) => n.startsWith('_xlnm._FilterDatabase@')).sort()).toEqual([...names].sort());
  });

  it('survive a LibreOffice re-save, whose empty drawing parts are no reason to leave the streaming engine', async () => {
    // the seed register coloured on 1401/04/20, opened and saved by LibreOffice Calc 7.4
    const fixture = join(__dirname, 'fixtures', 'register-libreoffice-filtered.xlsx');
    expect(zipPart(fixture, 'xl/drawings/drawing1.xml')).not.toMatch(/Anchor/);
    expect(definedNames(fixture)).toContain("_xlnm._FilterDatabase@0=مصوبات!$A$1:$R$10");
    const dir = tempDir();
    const output = join(dir, 'out.xlsx');
    const result = await colorRegisterFile(fixture, { today, output });
    expect(result).toMatchObject({ engine: 'stream', notice: undefined, counts: { overdue: 4, due_soon: 2, on_track: 3 } });
    expect(definedNames(output)).toContain("_xlnm._FilterDatabase@0='مصوبات'!$A$1:$R$10");
    expect(colourRules(output).flatMap((cf) => cf.rules)).toHaveLength(14);
  });

  it('are named in the standalone summary workbook too', async () => {
    const dir = tempDir();
    const path = await registerFile(dir, stateRows());
    const output = join(dir, 'summary.xlsx');
    await summarizeRegisterFile(path, output, { today });
    expect(definedNames(output)).toContain("_xlnm._FilterDatabase@1='مهلت گذشته'!$A$2:$J$3");
  });
});

describe('a streamed copy', () => {
  it('keeps hidden rows, tab colours, gridlines, zoom and the print titles and areas of people’s sheets and the side sheets', async () => {
    const dir = tempDir();
    const path = await registerFile(dir, stateRows());
    await editWithExcelJS(path, (wb) => {
      wb.getWorksheet(SHEETS.register)!.getRow(3).hidden = true;
      wb.getWorksheet(SHEETS.register)!.properties.tabColor = { argb: 'FF00B050' };
      const own = wb.addWorksheet('فهرست تماس', {
        properties: { tabColor: { argb: 'FFFF0000' } }, views: [{ rightToLeft: true, showGridLines: false, zoomScale: 85 }],
      });
      for (let r = 1; r <= 6; r++) own.getRow(r).values = [`ردیف ${r}`, r];
      own.getRow(4).hidden = true;
      own.pageSetup.printTitlesRow = '1:1';
      own.pageSetup.printArea = 'A1:B6';
    });
    const output = join(dir, 'out.xlsx');
    expect((await colorRegisterFile(path, { today, output })).engine).toBe('stream');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(output);
    expect(workbook.getWorksheet(SHEETS.register)!.getRow(3).hidden).toBe(true);
    expect(workbook.getWorksheet(SHEETS.register)!.getRow(4).hidden).toBe(false);
    const own = workbook.getWorksheet('فهرست تماس')!;
    expect(own.getRow(4).hidden).toBe(true);
    expect(own.getCell('A4').value).toBe('ردیف 4');
    expect(own.pageSetup).toMatchObject({ printTitlesRow: '1:1', printArea: 'A1:B6' });
    expect(own.properties.tabColor).toMatchObject({ argb: 'FFFF0000' });
    expect(own.views[0]).toMatchObject({ rightToLeft: true, showGridLines: false, zoomScale: 85 });
    const register = workbook.getWorksheet(SHEETS.register)!;
    expect(register.properties.tabColor).toMatchObject({ argb: 'FF00B050' });
    expect(register.views[0]).toMatchObject({ rightToLeft: true, state: 'frozen', ySplit: 1, showGridLines: true });
    expect(workbook.getWorksheet(SHEETS.meetings)!.pageSetup.printTitlesRow).toBe('1:1');
    // the hidden row is read like any other
    expect((await validateRegisterFile(output, { today })).analysis.rows.map((r) => r.assignment.id)).toEqual(stateRows().map((a) => a.id));
  });
});

describe('date cells', () => {
  /**
   * Read `path`'s done dates with both engines in a child process whose time zone is `tz`
   * (jest's sandbox gives tests a copy of process.env, so setting TZ there changes nothing).
   * The child compiles the TypeScript sources on the fly with the compiler the project has.
   */
  function doneDatesIn(tz: string, path: string): unknown {
    const script = `
      const ts = require('typescript');
      const fs = require('fs');
      require.extensions['.ts'] = (m, file) => m._compile(ts.transpileModule(fs.readFileSync(file, 'utf8'),
        { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText, file);
      const { validateRegisterFile } = require(${JSON.stringify(join(__dirname, '..', 'usecases', 'validateRegisterFile.ts'))});
      const { JalaliDate } = require(${JSON.stringify(join(__dirname, '..', 'core', 'jalali', 'index.ts'))});
      (async () => {
        const out = { offset: new Date(Date.UTC(2022, 5, 29, 20, 30)).getTimezoneOffset(), engines: {} };
        for (const engine of ['stream', 'whole']) {
          const { analysis } = await validateRegisterFile(${JSON.stringify(path)}, { today: JalaliDate.of(1401, 4, 20), engine });
          out.engines[engine] = analysis.rows.map((r) => r.assignment.doneDate);
        }
        process.stdout.write(JSON.stringify(out));
      })();`;
    return JSON.parse(execFileSync(process.execPath, ['-e', script], { env: { ...process.env, TZ: tz }, encoding: 'utf8' }));
  }

  it('keep the day Excel shows whatever the process time zone', async () => {
    const dir = tempDir();
    const path = await registerFile(dir, [assignment({ id: 'a' }), assignment({ id: 'b' })]);
    await editWithExcelJS(path, (wb) => {
      const sheet = wb.getWorksheet(SHEETS.register)!;
      const done = (row: number, date: Date, numFmt: string) => {
        const cell = sheet.getCell(`${column('doneDate')}${row}`);
        cell.value = date;
        cell.style = { ...cell.style, numFmt };
      };
      // 2022-06-30 00:00 UTC is Excel's 2022/06/30 = 1401/04/09
      done(2, new Date(Date.UTC(2022, 5, 30)), 'yyyy/mm/dd');
      // 2022-06-29 20:30 UTC (midnight in Tehran) is Excel's 2022/06/29 20:30 = 1401/04/08
      done(3, new Date(Date.UTC(2022, 5, 29, 20, 30)), 'yyyy/mm/dd hh:mm');
    });
    const expected = ['1401/04/09', '1401/04/08'];
    // Tehran is ahead of UTC (local parts would move the 20:30 cell a day on), Los Angeles behind
    expect(doneDatesIn('Asia/Tehran', path)).toEqual({ offset: -270, engines: { stream: expected, whole: expected } });
    expect(doneDatesIn('America/Los_Angeles', path)).toEqual({ offset: 420, engines: { stream: expected, whole: expected } });
  });
});

describe('the register columns', () => {
  it('are wide enough to show a whole id', () => {
    const width = REGISTER_FIELDS.find((f) => f.name === 'id')!.width;
    // a session number and a row number of up to three and two digits
    expect(width).toBeGreaterThanOrEqual(assignmentId('14010409-120', 25, 'فرمانداری کرج').length);
  });
});

describe('the CLI on files that are not registers', () => {
  /** An OLE2 compound file whose directory names these streams (as Office writes them). */
  function compoundFile(...streams: string[]): Buffer {
    const header = Buffer.alloc(512);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
    return Buffer.concat([header, ...streams.map((s) => Buffer.from(s, 'utf16le')), Buffer.alloc(512)]);
  }

  const files: Array<[string, string, (dir: string) => Promise<void> | void, RegExp]> = [
    ['not a workbook', 'notes.xlsx', (dir) => writeFileSync(join(dir, 'notes.xlsx'), 'just text'), /xlsx/],
    ['encrypted', 'secret.xlsx', (dir) => writeFileSync(join(dir, 'secret.xlsx'), compoundFile('EncryptionInfo', 'EncryptedPackage')), /رمز/],
    ['an old .xls', 'old.xls', (dir) => writeFileSync(join(dir, 'old.xls'), compoundFile('Workbook')), /xls/],
    ['without a مصوبات sheet', 'other.xlsx', async (dir) => {
      const workbook = new ExcelJS.Workbook();
      workbook.addWorksheet('Sheet1').getCell('A1').value = 'x';
      await workbook.xlsx.writeFile(join(dir, 'other.xlsx'));
    }, /مصوبات.*Sheet1/],
  ];

  it.each(files)('refuses a file %s with exit 2, a Persian line naming the file and an English line, and leaves it alone', async (_, name, make, words) => {
    const dir = tempDir();
    await make(dir);
    const path = join(dir, name);
    const before = readFileSync(path);
    for (const args of [['validate', path], ['validate', path, '--json'], ['color', path], ['color', path, '-o', path], ['summary', path, '-o', join(dir, 's.xlsx')]]) {
      const result = await cli(...args);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      const [fa, en] = result.stderr.trim().split(' — error: ');
      expect(fa).toContain(`«${name}»`);
      expect(fa).toMatch(words);
      expect(en).toMatch(/[a-z]/);
    }
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('prints validate --json with exactly the documented keys, errors included, and exits 1', async () => {
    const dir = tempDir();
    const path = await registerFile(dir, stateRows());
    const result = await cli('validate', path, '--today', '1401/04/20', '--json');
    expect(result.status).toBe(1);
    const json = JSON.parse(result.stdout);
    expect(Object.keys(json)).toEqual(['rows', 'issues']);
    expect(json.rows.map((r: object) => Object.keys(r))).toEqual(json.rows.map(() => ['id', 'row', 'agency', 'due', 'state']));
    expect(json.rows.map((r: { state: string }) => r.state)).toEqual(['overdue', 'due_soon', 'on_track', 'done', 'void', 'invalid']);
    expect(json.rows[0]).toEqual({ id: 'late', row: 2, agency: 'فرمانداری کرج', due: '1401/04/10', state: 'overdue' });
    expect(json.issues.map((i: object) => Object.keys(i))).toEqual(json.issues.map(() => ['severity', 'code', 'sheet', 'cell', 'message']));
    expect(json.issues).toContainEqual({ severity: 'error', code: 'percent_out_of_range', sheet: 'مصوبات', cell: 'J7', message: expect.stringContaining('۱۵۰') });
  });
});
