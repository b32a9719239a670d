/**
 * The light reader against the XML other spreadsheet programs write. Each workbook is built by
 * hand (a few XML parts zipped), in the shape the named program writes it (the sources for
 * each shape are listed in README.md beside this file), and the values expected are written
 * out here. Where exceljs can read the file, it must read the same values; where it cannot, or
 * reads it wrong, the test says so.
 */
import ExcelJS from 'exceljs';
import { inspectWorkbook } from '../inspect';
import { readCell } from '../cells';
import { LightWorkbook } from './lightXlsx';
import { writeZip } from './zip';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const STRICT_MAIN = 'http://purl.oclc.org/ooxml/spreadsheetml/main';
const STRICT_REL = 'http://purl.oclc.org/ooxml/officeDocument/relationships';

interface Parts {
  sheet: string;
  strings?: string;
  styles?: string;
  /** `<workbookPr …/>` or '' */
  workbookPr?: string;
  /** namespace prefix of the workbook part (`x:`), '' for none */
  prefix?: string;
  /** SpreadsheetML's namespace and the relationships' (transitional unless given: strict) */
  main?: string;
  rel?: string;
}

/** A one-sheet workbook (`Sheet1`) from its sheet, shared strings and styles XML. */
function workbook({ sheet, strings, styles, workbookPr = '', prefix = '', main = MAIN, rel = REL }: Parts): Buffer {
  const p = prefix;
  const ns = p ? `xmlns:${p.slice(0, -1)}="${main}"` : `xmlns="${main}"`;
  const files = [
    {
      name: '[Content_Types].xml',
      data: '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        + '<Default Extension="xml" ContentType="application/xml"/>'
        + '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        + '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        + (strings ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : '')
        + (styles ? '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' : '')
        + '</Types>',
    },
    { name: '_rels/.rels', data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><${p}workbook ${ns} xmlns:r="${rel}">${workbookPr}<${p}sheets><${p}sheet name="Sheet1" sheetId="1" r:id="rId1"/></${p}sheets></${p}workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG}">`
        + `<Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/>`
        + (strings ? `<Relationship Id="rId2" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/>` : '')
        + (styles ? `<Relationship Id="rId3" Type="${rel}/styles" Target="styles.xml"/>` : '')
        + '</Relationships>',
    },
    { name: 'xl/worksheets/sheet1.xml', data: sheet },
  ];
  if (strings) files.push({ name: 'xl/sharedStrings.xml', data: strings });
  if (styles) files.push({ name: 'xl/styles.xml', data: styles });
  return writeZip(files);
}

/** A sheet with Excel's root declarations (relationships, markup compatibility, the x14ac row attributes). */
const worksheet = (rows: string) => '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
  + `<worksheet xmlns="${MAIN}" xmlns:r="${REL}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac" `
  + `xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"><sheetData>${rows}</sheetData></worksheet>`;
const sst = (items: string) => `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}">${items}</sst>`;
/** Style 1 is a date (built-in format 14), style 2 a percent (built-in 9). */
const STYLES = `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${MAIN}">`
  + '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
  + '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
  + '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
  + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3">'
  + '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
  + '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
  + '<xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
  + '</cellXfs></styleSheet>';

/** The light reader's values of Sheet1, as `A1 → value` (empty cells left out). */
function lightValues(bytes: Buffer): Record<string, unknown> {
  const sheet = LightWorkbook.open(bytes, inspectWorkbook(bytes, 'hand.xlsx')).sheet('Sheet1');
  const values: Record<string, unknown> = {};
  for (const row of sheet.rows) {
    for (const cell of row.cells) if (cell.value !== null) values[`${String.fromCharCode(64 + cell.col)}${row.number}`] = cell.value;
  }
  return values;
}

/** exceljs's values of Sheet1 (through the same readCell the exceljs path uses), empty cells left out. */
async function exceljsValues(bytes: Buffer): Promise<Record<string, unknown>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const values: Record<string, unknown> = {};
  book.getWorksheet('Sheet1')!.eachRow((row) => row.eachCell((cell) => {
    const value = readCell(cell);
    if (value !== null) values[cell.address] = value;
  }));
  return values;
}

/** Both readers give `expected`. */
async function bothRead(bytes: Buffer, expected: Record<string, unknown>): Promise<void> {
  expect(lightValues(bytes)).toEqual(expected);
  expect(await exceljsValues(bytes)).toEqual(expected);
}

describe('the light reader reads what spreadsheet programs write, as exceljs does', () => {
  test('Excel: shared strings, styles before types, rich text with phonetic runs, _x000D_ escapes', async () => {
    const bytes = workbook({
      strings: sst('<si><t>فرمانداری کرج</t></si>'
        + '<si><r><rPr><b/></rPr><t>در حال </t></r><r><t>انجام</t></r><rPh sb="0" eb="1"><t>x</t></rPh></si>'
        + '<si><t>سطر اول_x000D_\nسطر دوم</t></si>'),
      styles: STYLES,
      sheet: worksheet('<row r="1" spans="1:4" x14ac:dyDescent="0.25"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" s="2"><v>0.8</v></c></row>'
        + '<row r="2"><c r="A2" s="1"><v>44742</v></c><c r="B2" t="b"><v>1</v></c><c r="C2"><v>12.5</v></c></row>'),
    });
    await bothRead(bytes, {
      A1: 'فرمانداری کرج', B1: 'در حال انجام', C1: 'سطر اول\r\nسطر دوم', D1: '80%',
      A2: '1401/04/09', B2: true, C2: 12.5,
    });
  });

  test('LibreOffice: xml:space="preserve", entities by name and number, a formula with a string result', async () => {
    const bytes = workbook({
      strings: sst('<si><t xml:space="preserve">  آموزش &amp; پرورش </t></si><si><t>&lt;مهم&gt; &#1705;&#x6cc; &quot;ب&apos;</t></si>'),
      styles: STYLES,
      sheet: worksheet('<row r="1"><c r="A1" s="0" t="s"><v>0</v></c><c r="B1" s="0" t="s"><v>1</v></c>'
        + '<c r="C1" s="0" t="str"><f>CONCATENATE("a";"&amp;")</f><v>a&amp;</v></c></row>'),
    });
    await bothRead(bytes, { A1: '  آموزش & پرورش ', B1: '<مهم> کی "ب\'', C1: 'a&' });
  });

  test('inline strings (Google Sheets, streaming writers, this tool’s patcher), plain and rich', async () => {
    const bytes = workbook({
      styles: STYLES,
      sheet: worksheet('<row r="3"><c r="A3" t="inlineStr"><is><t>انجام شده</t></is></c>'
        + '<c r="B3" t="inlineStr"><is><r><t>خارج از </t></r><r><rPr><i/></rPr><t>اختیار دستگاه</t></r></is></c>'
        + '<c r="C3" t="inlineStr"><is><t xml:space="preserve"> با فاصله </t></is></c></row>'),
    });
    await bothRead(bytes, { A3: 'انجام شده', B3: 'خارج از اختیار دستگاه', C3: ' با فاصله ' });
  });

  test('1904 dates (workbooks from Excel for Mac): the same serial is four years and a day later', async () => {
    const sheet = worksheet('<row r="1"><c r="A1" s="1"><v>43280</v></c></row>');
    // 43280 in the 1904 system is 2022-06-30 = 1401/04/09; in the 1900 system 2018-06-29 = 1397/04/08
    await bothRead(workbook({ styles: STYLES, sheet, workbookPr: '<workbookPr date1904="1"/>' }), { A1: '1401/04/09' });
    await bothRead(workbook({ styles: STYLES, sheet }), { A1: '1397/04/08' });
  });

  test('cells with attributes in another order or quoted with apostrophes', async () => {
    const bytes = workbook({
      styles: STYLES,
      sheet: worksheet(`<row r='1'><c t='b' r='A1'><v>0</v></c><c s="2" r="B1"><v>1</v></c></row>`),
    });
    await bothRead(bytes, { A1: false, B1: '100%' });
  });

  test('shared formulas (Excel fills a column with one): each cell reads its saved result; errors, booleans, strings', async () => {
    const bytes = workbook({
      styles: STYLES,
      sheet: worksheet('<row r="1"><c r="A1"><v>10</v></c><c r="B1"><f t="shared" ref="B1:B3" si="0">A1*2</f><v>20</v></c>'
        + '<c r="C1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="D1" t="b"><f>A1&gt;5</f><v>1</v></c><c r="E1" t="str"><f>"x"&amp;A1</f><v>x10</v></c></row>'
        + '<row r="2"><c r="A2"><v>11</v></c><c r="B2"><f t="shared" si="0"/><v>22</v></c></row>'
        + '<row r="3"><c r="A3"><v>12</v></c><c r="B3"><f t="shared" si="0"/><v>24</v></c><c r="C3" t="e"><v>#N/A</v></c></row>'),
    });
    await bothRead(bytes, { A1: 10, B1: 20, C1: '#DIV/0!', D1: true, E1: 'x10', A2: 11, B2: 22, A3: 12, B3: 24, C3: '#N/A' });
    const sheet = LightWorkbook.open(bytes, inspectWorkbook(bytes, 'hand.xlsx')).sheet('Sheet1');
    expect(sheet.rows[1].cells.map((c) => [c.formula, c.error])).toEqual([[false, false], [true, false]]);
    expect(sheet.rows[0].cells[2].error).toBe(true);
  });

  test('comments and processing instructions among the rows are not cells', async () => {
    const bytes = workbook({
      styles: STYLES,
      sheet: worksheet('<!-- سطر اول --><row r="1"><c r="A1"><v>1</v></c><?app note?><c r="B1" t="inlineStr"><is><t>ب<!-- x -->پ</t></is></c></row>'),
    });
    await bothRead(bytes, { A1: 1, B1: 'بپ' });
  });
});

describe('what exceljs reads wrong or not at all, the light reader reads as Excel does', () => {
  test('CDATA sections in a string item and in a value (exceljs drops their text)', async () => {
    const bytes = workbook({
      strings: sst('<si><t><![CDATA[گزارش <اقدام> & پیگیری]]></t></si>'),
      sheet: worksheet('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="str"><v><![CDATA[a<b]]></v></c></row>'),
    });
    expect(lightValues(bytes)).toEqual({ A1: 'گزارش <اقدام> & پیگیری', B1: 'a<b' });
    expect(await exceljsValues(bytes)).not.toEqual(lightValues(bytes));
  });

  test('Open XML SDK and Power BI exports: `x:` on every element, rows and cells without `r`, inline strings only', async () => {
    const sheet = `<?xml version="1.0" encoding="utf-8"?><x:worksheet xmlns:x="${MAIN}"><x:sheetData>`
      + '<x:row><x:c t="inlineStr"><x:is><x:t>شناسه</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>وضعیت</x:t></x:is></x:c></x:row>'
      + '<x:row><x:c t="inlineStr"><x:is><x:t>14010409-1-1</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>انجام شده</x:t></x:is></x:c><x:c><x:v>100</x:v></x:c></x:row>'
      + '<x:row r="5"><x:c r="C5"><x:v>3</x:v></x:c><x:c><x:v>4</x:v></x:c></x:row><x:row><x:c><x:v>5</x:v></x:c></x:row>'
      + '</x:sheetData></x:worksheet>';
    const bytes = workbook({ sheet, prefix: 'x:' });
    // a row without r follows the row before it; a cell without r the cell before it (A when first)
    expect(lightValues(bytes)).toEqual({ A1: 'شناسه', B1: 'وضعیت', A2: '14010409-1-1', B2: 'انجام شده', C2: 100, C5: 3, D5: 4, A6: 5 });
    await expect(exceljsValues(bytes)).rejects.toThrow();
  });

  test('rows and cells without `r` in the default namespace (generators that leave the optional address out)', async () => {
    const bytes = workbook({ styles: STYLES, sheet: worksheet('<row><c><v>1</v></c><c s="2"><v>0.5</v></c></row><row><c r="B2" t="b"><v>1</v></c><c t="inlineStr"><is><t>پ</t></is></c></row>') });
    expect(lightValues(bytes)).toEqual({ A1: 1, B1: '50%', B2: true, C2: 'پ' });
  });

  test('Excel’s "Strict Open XML" save: the purl.oclc.org namespaces in every part and relationship type', async () => {
    const strict = (root: string, body: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${root} xmlns="${STRICT_MAIN}">${body}</${root.split(' ')[0]}>`;
    const bytes = workbook({
      main: STRICT_MAIN, rel: STRICT_REL, workbookPr: '<workbookPr dateCompatibility="0" date1904="1"/>',
      strings: strict('sst count="1" uniqueCount="1"', '<si><t>معاونت</t></si>'),
      styles: strict('styleSheet', '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs>'),
      sheet: strict('worksheet', '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>43280</v></c></row></sheetData>'),
    });
    const inspection = inspectWorkbook(bytes, 'strict.xlsx');
    expect(inspection.sheets).toEqual([{ name: 'Sheet1', part: 'xl/worksheets/sheet1.xml', state: 'visible' }]);
    expect(inspection.date1904).toBe(true);
    expect(lightValues(bytes)).toEqual({ A1: 'معاونت', B1: '1401/04/09' });
    expect(LightWorkbook.open(bytes, inspection).sheet('Sheet1').plain).toBe(false);
  });

  test('ISO 8601 date cells (`t="d"`): the day itself, where exceljs reads the year as a number', async () => {
    const bytes = workbook({
      styles: STYLES,
      sheet: worksheet('<row r="1"><c r="A1" t="d"><v>2022-06-30</v></c><c r="B1" s="1" t="d"><v>2022-07-23T10:00:00</v></c></row>'),
    });
    expect(lightValues(bytes)).toEqual({ A1: '1401/04/09', B1: '1401/05/01' });
    expect((await exceljsValues(bytes)).A1).toBe(2022);
  });

  test('date1904="true" (xsd:boolean allows it; exceljs takes only "1" and reads the date four years early)', async () => {
    const bytes = workbook({ styles: STYLES, sheet: worksheet('<row r="1"><c r="A1" s="1"><v>43280</v></c></row>'), workbookPr: '<workbookPr date1904="true"/>' });
    expect(lightValues(bytes)).toEqual({ A1: '1401/04/09' });
    expect(await exceljsValues(bytes)).toEqual({ A1: '1397/04/08' });
  });

  test('phonetic runs in an inline string are not its text (exceljs loses the cell)', async () => {
    const bytes = workbook({
      sheet: worksheet('<row r="1"><c r="A1" t="inlineStr"><is><r><t>東京</t></r><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></is></c></row>'),
    });
    expect(lightValues(bytes)).toEqual({ A1: '東京' });
    expect(await exceljsValues(bytes)).toEqual({});
  });
});

describe('namespace prefixes (`<x:c>`, as the Open XML SDK writes)', () => {
  const prefixedSheet = `<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="${MAIN}"><x:sheetData>`
    + '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>دبیرخانه</x:t></x:is></x:c><x:c r="B1"><x:v>7</x:v></x:c><x:c r="C1" t="s"><x:v>0</x:v></x:c></x:row>'
    + '</x:sheetData></x:worksheet>';
  const prefixedStrings = `<?xml version="1.0" encoding="UTF-8"?><x:sst xmlns:x="${MAIN}"><x:si><x:t>کرج</x:t></x:si></x:sst>`;
  const bytes = () => workbook({ sheet: prefixedSheet, strings: prefixedStrings, prefix: 'x:' });

  test('are read as SpreadsheetML whatever the prefix', () => {
    expect(lightValues(bytes())).toEqual({ A1: 'دبیرخانه', B1: 7, C1: 'کرج' });
  });

  test('are marked not plain, so the register patcher (which writes unprefixed cells) leaves them to exceljs', () => {
    const sheet = LightWorkbook.open(bytes(), inspectWorkbook(bytes(), 'hand.xlsx')).sheet('Sheet1');
    expect(sheet.plain).toBe(false);
  });

  test('exceljs cannot read them at all, so the light reader is the only way in', async () => {
    const book = new ExcelJS.Workbook();
    await expect(book.xlsx.load(bytes() as unknown as ArrayBuffer)).rejects.toThrow();
  });
});

describe('workbook.xml read by the parser', () => {
  test('a defined name that would pollute Object.prototype is refused under a prefix and behind a character reference', () => {
    const bytes = workbook({ prefix: 'x:', sheet: worksheet(''), workbookPr: '<x:definedNames><x:definedName name="&#95;_proto__">Sheet1!$A$1</x:definedName></x:definedNames>' });
    expect(() => inspectWorkbook(bytes, 'names.xlsx')).toThrow(expect.objectContaining({ code: 'unsafe_workbook' }));
  });

  test('a workbook.xml that is not well-formed is a damaged file', () => {
    const bytes = workbook({ sheet: worksheet(''), workbookPr: '<workbookPr date1904="1">' });
    expect(() => inspectWorkbook(bytes, 'broken.xlsx')).toThrow(expect.objectContaining({ code: 'damaged_workbook' }));
  });
});
