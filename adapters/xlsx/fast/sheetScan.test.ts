import { REGISTER_STATUS_OPTIONS } from '../../../core/register/status';
import { inspectWorkbook } from '../inspect';
import { scanSheets, workbookLosses } from './sheetScan';
import { writeZip, ZipFormatError } from './zip';

/** A minimal workbook whose one sheet (named `name`) has this XML around `rows` data rows. */
function workbook(name: string, sheet: { head?: string; rows?: string; tail?: string }, definedNames = ''): Buffer {
  return writeZip([
    { name: 'xl/workbook.xml', data: `<workbook xmlns:r="r"><sheets><sheet name="${name}" sheetId="1" r:id="rId1"/></sheets>${definedNames}</workbook>` },
    { name: 'xl/_rels/workbook.xml.rels', data: '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>' },
    { name: 'xl/worksheets/sheet1.xml', data: `<worksheet xmlns:r="r">${sheet.head ?? ''}<sheetData>${sheet.rows ?? ''}</sheetData>${sheet.tail ?? ''}</worksheet>` },
  ]);
}

async function scan(bytes: Buffer) {
  const inspection = inspectWorkbook(bytes, 'x.xlsx');
  return { sheets: await scanSheets(bytes, inspection), workbook: workbookLosses(bytes, inspection) };
}

/** Plenty of plain rows: several inflate chunks' worth of XML. */
const filler = (n: number) => Array.from({ length: n }, (_, i) => `<row r="${i + 2}"><c r="A${i + 2}" t="s"><v>${i}</v></c><c r="B${i + 2}"><f>A${i + 2}*2</f><v>0</v></c></row>`).join('');

describe('scanSheets', () => {
  it('reads the view, frozen rows, columns and merges, and finds nothing to lose in a plain sheet', async () => {
    const { sheets, workbook: wb } = await scan(workbook('برگه', {
      head: '<sheetViews><sheetView rightToLeft="1" workbookViewId="0"><pane ySplit="2" topLeftCell="A3" state="frozen"/></sheetView></sheetViews>'
        + '<cols><col min="1" max="1" width="24" customWidth="1" outlineLevel="0"/><col min="2" max="3" width="9" hidden="1" outlineLevel="0"/></cols>',
      rows: filler(20000),
      tail: '<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.5" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="landscape"/>',
    }));
    expect(sheets[0]).toMatchObject({
      rightToLeft: true, ySplit: 2, xSplit: 0, merges: [], losses: [],
      columns: [{ min: 1, max: 1, width: 24, hidden: false }, { min: 2, max: 3, width: 9, hidden: true }],
      pageSetup: { paperSize: 9, orientation: 'landscape', margins: { left: 0.4, top: 0.5 } },
    });
    expect(wb).toEqual([]);
  });

  it('finds shared formulas and grouped rows deep among the rows', async () => {
    const rows = `${filler(15000)}<row r="20000" outlineLevel="1"><c r="A20000"><f t="shared" ref="A20000:A20010" si="0">B1</f><v>1</v></c></row>${filler(100)}`;
    const { sheets } = await scan(workbook('برگه', { rows }));
    expect(sheets[0].losses.map((l) => l.en)).toEqual(['shared or array formulas', 'grouped rows']);
  });

  it('counts people’s merges, validations, rules, hyperlinks and headers, but not the tool’s own rules', async () => {
    const ours = `<dataValidations count="2"><dataValidation type="list" sqref="I2:I10"><formula1>"${REGISTER_STATUS_OPTIONS.join(',')}"</formula1></dataValidation>`
      + '<dataValidation type="whole" operator="between" sqref="J2:J10"><formula1>0</formula1><formula2>100</formula2></dataValidation></dataValidations>'
      + '<conditionalFormatting sqref="A2:P10"><cfRule type="expression" dxfId="0" priority="1"><formula>($I2="منتفی")+N("mosavabat")</formula></cfRule></conditionalFormatting>';
    expect((await scan(workbook('مصوبات', { rows: filler(5), tail: ours }))).sheets[0].losses).toEqual([]);

    const theirs = '<mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells>'
      + '<conditionalFormatting sqref="A1"><cfRule type="cellIs" dxfId="0" priority="1" operator="greaterThan"><formula>5</formula></cfRule></conditionalFormatting>'
      + '<dataValidations count="1"><dataValidation type="list" sqref="S2:S9"><formula1>"بالا,پایین"</formula1></dataValidation></dataValidations>'
      + '<hyperlinks><hyperlink ref="C3" r:id="rId1"/></hyperlinks><headerFooter><oddHeader>&amp;C دفتر</oddHeader></headerFooter>';
    const { sheets } = await scan(workbook('یادداشت', { rows: filler(5), tail: theirs }));
    expect(sheets[0].merges).toEqual(['A1:B2']);
    expect(sheets[0].losses.map((l) => l.en).sort()).toEqual(['conditional formatting', 'data validations', 'hyperlinks', 'merged cells', 'print headers or footers']);
  });

  it('counts named ranges but not print titles and filters', async () => {
    const names = (n: string) => `<definedNames>${n}<definedName name="_xlnm.Print_Titles" localSheetId="0">'a'!$1:$1</definedName></definedNames>`;
    expect((await scan(workbook('a', {}, names('')))).workbook).toEqual([]);
    expect((await scan(workbook('a', {}, names('<definedName name="بودجه">a!$B$2</definedName>')))).workbook.map((l) => l.en)).toEqual(['named ranges']);
  });

  it('finds hidden rows anywhere among the rows, but not hidden columns', async () => {
    const hidden = (r: number) => `<row r="${r}" spans="1:2" hidden="1" ht="15" customHeight="1"><c r="A${r}"><v>1</v></c></row>`;
    const rows = `${hidden(2)}${filler(9000)}${hidden(12000)}${filler(9000)}<row r="30000" hidden="true"></row><row r="30001" hidden="0"></row>`;
    const { sheets } = await scan(workbook('برگه', { head: '<cols><col min="3" max="3" width="9" hidden="1"/></cols>', rows }));
    expect(sheets[0].hiddenRows).toEqual([2, 12000, 30000]);
    expect(sheets[0].losses).toEqual([]);
  });

  it('reads each sheet’s print titles and print areas', async () => {
    const names = '<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">&apos;برگه یک&apos;!$A:$B,&apos;برگه یک&apos;!$1:$2</definedName>'
      + '<definedName name="_xlnm.Print_Area" localSheetId="0">&apos;برگه یک&apos;!$A$1:$D$20,&apos;برگه یک&apos;!$F$1:$G$5</definedName></definedNames>';
    const { sheets } = await scan(workbook('برگه یک', {}, names));
    expect(sheets[0].pageSetup).toMatchObject({ printTitlesRow: '1:2', printTitlesColumn: 'A:B', printArea: 'A1:D20&&F1:G5' });
  });

  it('counts a drawing with something in it, not the empty one LibreOffice writes beside an autofilter', async () => {
    const drawingXml = (anchors: string) => `<xdr:wsDr xmlns:xdr="x">${anchors}</xdr:wsDr>`;
    const withDrawing = (anchors: string) => writeZip([
      { name: 'xl/workbook.xml', data: '<workbook xmlns:r="r"><sheets><sheet name="a" sheetId="1" r:id="rId1"/></sheets></workbook>' },
      { name: 'xl/_rels/workbook.xml.rels', data: '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>' },
      { name: 'xl/worksheets/sheet1.xml', data: '<worksheet xmlns:r="r"><sheetData/><autoFilter ref="A1:B2"/><drawing r:id="rId7"/></worksheet>' },
      { name: 'xl/worksheets/_rels/sheet1.xml.rels', data: '<Relationships><Relationship Id="rId7" Type="d" Target="../drawings/drawing3.xml"/></Relationships>' },
      { name: 'xl/drawings/drawing3.xml', data: drawingXml(anchors) },
    ]);
    const empty = await scan(withDrawing(''));
    expect(empty.sheets[0].losses).toEqual([]);
    expect(empty.workbook).toEqual([]);
    const picture = await scan(withDrawing('<xdr:twoCellAnchor><xdr:pic/></xdr:twoCellAnchor>'));
    expect(picture.sheets[0].losses.map((l) => l.en)).toEqual(['drawings or images']);
    expect(picture.workbook.map((l) => l.en)).toEqual(['images or drawings']);
  });

  it('reads what follows the rows of an empty sheet (`<sheetData/>`)', async () => {
    const bytes = writeZip([
      { name: 'xl/workbook.xml', data: '<workbook xmlns:r="r"><sheets><sheet name="a" sheetId="1" r:id="rId1"/></sheets></workbook>' },
      { name: 'xl/_rels/workbook.xml.rels', data: '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>' },
      { name: 'xl/worksheets/sheet1.xml', data: '<worksheet xmlns:r="r"><sheetData/><mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells></worksheet>' },
    ]);
    const { sheets } = await scan(bytes);
    expect(sheets[0].merges).toEqual(['A1:C1']);
    expect(sheets[0].losses.map((l) => l.en)).toEqual(['merged cells']);
  });

  it('reads a sheet whose elements carry a prefix (Open XML SDK) as well: view, merges, hidden rows, shared formulas', async () => {
    const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const sheet = `<x:worksheet xmlns:x="${main}"><x:sheetViews><x:sheetView rightToLeft='1' workbookViewId='0'><x:pane ySplit='1' state='frozen'/></x:sheetView></x:sheetViews>`
      + `<x:sheetData>${filler(3000).replace(/<(\/?)(row|c|v|f)\b/g, '<$1x:$2')}<x:row r='9000' hidden='1'><x:c r='A9000'><x:f t='shared' ref='A9000:A9001' si='0'>B1</x:f><x:v>1</x:v></x:c></x:row></x:sheetData>`
      + '<x:mergeCells count="1"><x:mergeCell ref="A1:B1"/></x:mergeCells></x:worksheet>';
    const bytes = writeZip([
      { name: 'xl/workbook.xml', data: `<x:workbook xmlns:x="${main}" xmlns:r="r"><x:sheets><x:sheet name="a" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>` },
      { name: 'xl/_rels/workbook.xml.rels', data: '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>' },
      { name: 'xl/worksheets/sheet1.xml', data: sheet },
    ]);
    const { sheets } = await scan(bytes);
    expect(sheets[0]).toMatchObject({ rightToLeft: true, ySplit: 1, merges: ['A1:B1'], hiddenRows: [9000] });
    expect(sheets[0].losses.map((l) => l.en)).toEqual(['merged cells', 'shared or array formulas']);
  });

  it('counts a hidden row that does not say its number as a loss rather than guess it', async () => {
    const { sheets } = await scan(workbook('برگه', { rows: '<row r="1"><c r="A1"><v>1</v></c></row><row hidden="1"><c><v>2</v></c></row>' }));
    expect(sheets[0].hiddenRows).toEqual([]);
    expect(sheets[0].losses.map((l) => l.en)).toEqual(['hidden rows without their number']);
  });

  it('refuses a sheet whose XML outside the rows is not well-formed, as a damaged file', async () => {
    await expect(scan(workbook('برگه', { head: '<sheetViews><sheetView>', rows: '' }))).rejects.toThrow(ZipFormatError);
  });

  it('counts validations and colour rules Excel writes in its extension namespace (`x14:` in extLst)', async () => {
    const ext = '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
      + '<x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:dataValidation type="list">'
      + '<x14:formula1><xm:f>Lists!$A$1:$A$5</xm:f></x14:formula1><xm:sqref>S2:S9</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>';
    const { sheets } = await scan(workbook('مصوبات', { rows: filler(5), tail: ext }));
    expect(sheets[0].losses.map((l) => l.en)).toEqual(['data validations']);
  });
});
