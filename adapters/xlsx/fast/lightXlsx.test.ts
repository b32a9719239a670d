/**
 * The light reader against the XML other spreadsheet programs write. Each workbook is built by
 * hand (a few XML parts zipped), in the shape the named program writes it, and the values
 * expected are written out here. What a reader cannot take must be refused with
 * LightUnsupported (the caller then asks exceljs), never read wrong.
 */
import ExcelJS from 'exceljs';
import { inspectWorkbook } from '../inspect';
import { LightWorkbook } from './lightXlsx';
import { writeZip } from './zip';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

interface Parts {
  sheet: string;
  strings?: string;
  styles?: string;
  /** `<workbookPr …/>` or '' */
  workbookPr?: string;
  /** namespace prefix of the workbook part (`x:`), '' for none */
  prefix?: string;
}

/** A one-sheet workbook (`Sheet1`) from its sheet, shared strings and styles XML. */
function workbook({ sheet, strings, styles, workbookPr = '', prefix = '' }: Parts): Buffer {
  const p = prefix;
  const ns = p ? `xmlns:${p.slice(0, -1)}="${MAIN}"` : `xmlns="${MAIN}"`;
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
      data: `<?xml version="1.0" encoding="UTF-8"?><${p}workbook ${ns} xmlns:r="${REL}">${workbookPr}<${p}sheets><${p}sheet name="Sheet1" sheetId="1" r:id="rId1"/></${p}sheets></${p}workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG}">`
        + `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>`
        + (strings ? `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : '')
        + (styles ? `<Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/>` : '')
        + '</Relationships>',
    },
    { name: 'xl/worksheets/sheet1.xml', data: sheet },
  ];
  if (strings) files.push({ name: 'xl/sharedStrings.xml', data: strings });
  if (styles) files.push({ name: 'xl/styles.xml', data: styles });
  return writeZip(files);
}

const worksheet = (rows: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}"><sheetData>${rows}</sheetData></worksheet>`;
const sst = (items: string) => `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}">${items}</sst>`;
/** Style 1 is a date (built-in format 14), style 2 a percent (built-in 9). */
const STYLES = `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${MAIN}"><cellXfs count="3">`
  + '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
  + '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
  + '<xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
  + '</cellXfs></styleSheet>';

/** The light reader's values of Sheet1, as `A1 → value`. */
function lightValues(bytes: Buffer): Record<string, unknown> {
  const sheet = LightWorkbook.open(bytes, inspectWorkbook(bytes, 'hand.xlsx')).sheet('Sheet1');
  const values: Record<string, unknown> = {};
  for (const row of sheet.rows) for (const cell of row.cells) values[`${String.fromCharCode(64 + cell.col)}${row.number}`] = cell.value;
  return values;
}

describe('the light reader reads what spreadsheet programs write', () => {
  test('Excel: shared strings, styles before types, rich text with phonetic runs, _x000D_ escapes', () => {
    const bytes = workbook({
      strings: sst('<si><t>فرمانداری کرج</t></si>'
        + '<si><r><rPr><b/></rPr><t>در حال </t></r><r><t>انجام</t></r><rPh sb="0" eb="1"><t>x</t></rPh></si>'
        + '<si><t>سطر اول_x000D_\nسطر دوم</t></si>'),
      styles: STYLES,
      sheet: worksheet('<row r="1" spans="1:4"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" s="2"><v>0.8</v></c></row>'
        + '<row r="2"><c r="A2" s="1"><v>44742</v></c><c r="B2" t="b"><v>1</v></c><c r="C2"><v>12.5</v></c></row>'),
    });
    expect(lightValues(bytes)).toEqual({
      A1: 'فرمانداری کرج', B1: 'در حال انجام', C1: 'سطر اول\r\nسطر دوم', D1: '80%',
      A2: '1401/04/09', B2: true, C2: 12.5,
    });
  });

  test('LibreOffice: xml:space="preserve", entities by name and number, a formula with a string result', () => {
    const bytes = workbook({
      strings: sst('<si><t xml:space="preserve">  آموزش &amp; پرورش </t></si><si><t>&lt;مهم&gt; &#1705;&#x6cc; &quot;ب&apos;</t></si>'),
      styles: STYLES,
      sheet: worksheet('<row r="1"><c r="A1" s="0" t="s"><v>0</v></c><c r="B1" s="0" t="s"><v>1</v></c>'
        + '<c r="C1" s="0" t="str"><f>CONCATENATE("a";"&amp;")</f><v>a&amp;</v></c></row>'),
    });
    expect(lightValues(bytes)).toEqual({ A1: '  آموزش & پرورش ', B1: '<مهم> کی "ب\'', C1: 'a&' });
  });

  test('inline strings (Google Sheets, WPS Office and streaming writers), plain and rich', () => {
    const bytes = workbook({
      styles: STYLES,
      sheet: worksheet('<row r="3"><c r="A3" t="inlineStr"><is><t>انجام شده</t></is></c>'
        + '<c r="B3" t="inlineStr"><is><r><t>خارج از </t></r><r><rPr><i/></rPr><t>اختیار دستگاه</t></r></is></c></row>'),
    });
    expect(lightValues(bytes)).toEqual({ A3: 'انجام شده', B3: 'خارج از اختیار دستگاه' });
  });

  test('CDATA sections in a string item and in a value', () => {
    const bytes = workbook({
      strings: sst('<si><t><![CDATA[گزارش <اقدام> & پیگیری]]></t></si>'),
      sheet: worksheet('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="str"><v><![CDATA[a<b]]></v></c></row>'),
    });
    expect(lightValues(bytes)).toEqual({ A1: 'گزارش <اقدام> & پیگیری', B1: 'a<b' });
  });

  test('1904 dates (workbooks from Excel for Mac): the same serial is four years and a day later', () => {
    const sheet = worksheet('<row r="1"><c r="A1" s="1"><v>43280</v></c></row>');
    // 43280 in the 1904 system is 2022-06-30 = 1401/04/09; in the 1900 system 2018-06-29 = 1397/04/08
    expect(lightValues(workbook({ styles: STYLES, sheet, workbookPr: '<workbookPr date1904="1"/>' }))).toEqual({ A1: '1401/04/09' });
    expect(lightValues(workbook({ styles: STYLES, sheet }))).toEqual({ A1: '1397/04/08' });
  });

  test('cells with attributes in another order or quoted with apostrophes (Open XML SDK without prefixes)', () => {
    const bytes = workbook({
      styles: STYLES,
      sheet: worksheet(`<row r='1'><c t='b' r='A1'><v>0</v></c><c s="2" r="B1"><v>1</v></c></row>`),
    });
    expect(lightValues(bytes)).toEqual({ A1: false, B1: '100%' });
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
