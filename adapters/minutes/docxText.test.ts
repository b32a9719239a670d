import { readFileSync } from 'node:fs';
import { parseMinutes } from '../../core/minutes/parse';
import { makeZip, SEED_MINUTES } from '../../test/helpers';
import { docxToText, documentXmlToText } from './docxText';
import { decodeMinutes } from './minutesFile';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const paragraph = (text: string) => `<w:p><w:pPr><w:bidi/></w:pPr><w:r><w:rPr><w:rtl/></w:rPr><w:t xml:space="preserve">${escape(text)}</w:t></w:r></w:p>`;

/** A Word body from minutes text: runs of tab-separated lines become tables, other lines paragraphs. */
function wordBody(text: string): string {
  const parts: string[] = [];
  let table: string[] = [];
  const flush = () => {
    if (!table.length) return;
    const rows = table.map((line) => `<w:tr>${line.split('\t').map((c) => `<w:tc><w:tcPr/>${paragraph(c)}</w:tc>`).join('')}</w:tr>`);
    parts.push(`<w:tbl><w:tblPr/>${rows.join('')}</w:tbl>`);
    table = [];
  };
  for (const line of text.split('\n')) {
    if (line.includes('\t')) table.push(line);
    else {
      flush();
      parts.push(paragraph(line));
    }
  }
  flush();
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${parts.join('')}<w:sectPr/></w:body></w:document>`;
}

const WORD_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
/** A document part around a body's XML, the `w:` prefix declared as Word declares it. */
const wordDocument = (body: string) => `<w:document xmlns:w="${WORD_NS}">${body}</w:document>`;
const docx = (xml: string) => makeZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': xml });

describe('documentXmlToText', () => {
  it('turns paragraphs into lines and table rows into tab-separated lines', () => {
    const xml = `<w:body>${paragraph('بالا')}<w:tbl><w:tr><w:tc>${paragraph('۱')}</w:tc><w:tc>${paragraph('متن')}${paragraph('ادامه')}</w:tc></w:tr></w:tbl>${paragraph('پایین')}</w:body>`;
    expect(documentXmlToText(wordDocument(xml))).toBe('بالا\n۱\tمتن\u2029ادامه\nپایین');
  });

  it('reads a Word table whose agency cell has one agency per paragraph and whose text cell has two paragraphs', () => {
    const cell = (...ps: string[]) => `<w:tc>${ps.map(paragraph).join('')}</w:tc>`;
    const xml = `<w:body>${paragraph('مصوبات جلسه مورخ ۱۴۰۲/۰۵/۱۷')}<w:tbl><w:tr>${cell('ردیف')}${cell('مصوبه')}${cell('اقدام کننده')}${cell('زمان اقدام')}</w:tr>`
      + `<w:tr>${cell('۱')}${cell('بند اول', 'بند دوم')}${cell('فرمانداری کرج', 'شهرداری کرج')}${cell('یک ماه')}</w:tr></w:tbl></w:body>`;
    const [row] = parseMinutes(documentXmlToText(wordDocument(xml))).resolutions;
    expect(row).toMatchObject({ text: 'بند اول بند دوم', agencies: ['فرمانداری کرج', 'شهرداری کرج'], deadline: { due: '1402/06/17' } });
  });

  it('decodes entities and keeps tabs and breaks outside tables', () => {
    const xml = '<w:p><w:r><w:t>a &amp; b</w:t><w:tab/><w:t>&#1601;</w:t><w:br/><w:t>c</w:t></w:r></w:p>';
    expect(documentXmlToText(wordDocument(xml))).toBe('a & b\tف\nc');
  });

  it('does not take text outside w:t (field codes, properties)', () => {
    expect(documentXmlToText(wordDocument('<w:p><w:r><w:instrText>PAGE</w:instrText><w:t>متن</w:t></w:r></w:p>'))).toBe('متن');
  });
});

describe('minutes sent as Word .docx', () => {
  const seedText = readFileSync(SEED_MINUTES, 'utf8');

  it('parse to the same meeting and resolutions as the text minutes', () => {
    const { text, encoding } = decodeMinutes(docx(wordBody(seedText)), 'minutes.docx');
    expect(encoding).toBe('docx');
    expect(parseMinutes(text)).toEqual(parseMinutes(seedText));
  });

  it.each([
    ['an Excel workbook', 'book.xlsx', { 'xl/workbook.xml': '<workbook/>' }, /کارپوشه Excel است، نه صورتجلسه/],
    ['a PowerPoint file', 'slides.pptx', { 'ppt/presentation.xml': '<p/>' }, /پاورپوینت/],
    ['a LibreOffice document', 'minutes.odt', { 'mimetype': 'application/vnd.oasis.opendocument.text', 'content.xml': '<c/>' }, /LibreOffice/],
    ['some other zip', 'photos.zip', { 'a.jpg': 'x' }, /سند Word نیست/],
  ])('reject %s with a Persian message that says what it is', (_what, name, entries, message) => {
    try {
      docxToText(makeZip(entries as Record<string, string>), name);
      throw new Error('expected a rejection');
    } catch (error) {
      expect(error).toMatchObject({ code: 'not_docx', kind: 'unsupported', where: { file: name } });
      expect((error as Error).message).toMatch(message);
    }
  });

  it('name a damaged zip by what its name says it is', () => {
    const whole = docx(wordBody(seedText));
    const cut = whole.subarray(0, whole.length - 40);
    expect(() => decodeMinutes(cut, 'register.xlsx')).toThrow(/Excel است \(و آسیب دیده یا ناقص\)، نه صورتجلسه/);
    expect(() => decodeMinutes(cut, 'archive.zip')).toThrow(/فایل فشرده \(zip\) آسیب دیده/);
  });

  it('turn lengths that point outside the file into a damaged-file error, not a crash', () => {
    const broken = Buffer.from(docx(wordBody(seedText)));
    // in word/document.xml's central record: size 0xffffffff (so zip64 extras are read) and a
    // huge extra-field length, which walks the reader past the end of the buffer
    const record = broken.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), broken.lastIndexOf(Buffer.from('word/document.xml')));
    expect(record).toBeGreaterThan(0);
    broken.writeUInt32LE(0xffffffff, record + 24);
    broken.writeUInt16LE(0xffff, record + 30);
    expect(() => decodeMinutes(broken, 'm.docx')).toThrow(expect.objectContaining({ code: 'damaged_file' }));
  });

  it('reject a truncated .docx as damaged', () => {
    const whole = docx(wordBody(seedText));
    expect(() => decodeMinutes(whole.subarray(0, whole.length - 40), 'cut.docx')).toThrow(/آسیب دیده یا ناقص/);
  });

  it('knows Word\'s elements by namespace, whatever prefix or default namespace the program chose', () => {
    const body = '<body><p><r><t>بند یک</t><tab/><t>فرمانداری</t></r></p></body>';
    expect(documentXmlToText(`<document xmlns="${WORD_NS}">${body}</document>`)).toBe('بند یک\tفرمانداری');
    expect(documentXmlToText(`<ns0:document xmlns:ns0="${WORD_NS}"><ns0:body><ns0:p><ns0:r><ns0:t>بند یک</ns0:t></ns0:r></ns0:p></ns0:body></ns0:document>`))
      .toBe('بند یک');
    // elements of another namespace that happen to be called t are not Word's text
    expect(documentXmlToText(wordDocument('<w:p><w:r><o:t xmlns:o="urn:other">نه</o:t><w:t>بله</w:t></w:r></w:p>'))).toBe('بله');
  });

  it('reads CDATA inside a text run as text', () => {
    expect(documentXmlToText(wordDocument('<w:p><w:r><w:t><![CDATA[a < b & c]]></w:t></w:r></w:p>'))).toBe('a < b & c');
  });

  it('reads a text box once, not again from the copy kept for older readers', () => {
    const box = (text: string) => `<w:txbxContent><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:txbxContent>`;
    const xml = wordDocument(`<w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">`
      + `<mc:Choice Requires="wps">${box('کادر')}</mc:Choice><mc:Fallback>${box('کادر')}</mc:Fallback></mc:AlternateContent><w:t>بعد</w:t></w:r></w:p>`);
    expect(documentXmlToText(xml).split('\n')).toEqual(['کادر', 'بعد']);
  });

  it('refuses a part that is not well-formed XML rather than reading half of it', () => {
    expect(() => documentXmlToText(wordDocument('<w:p><w:r><w:t>باز</w:r></w:p>'))).toThrow();
    expect(() => docxToText(docx(wordDocument('<w:p><w:t>a</w:p>')), 'صورتجلسه.docx')).toThrow(expect.objectContaining({ code: 'damaged_file', where: { file: 'صورتجلسه.docx' } }));
  });
});

describe('prose minutes in Word, numbered by Word itself', () => {
  const numbered = (text: string, numId: string, level = 0) =>
    `<w:p><w:pPr><w:numPr><w:ilvl w:val="${level}"/><w:numId w:val="${numId}"/></w:numPr><w:bidi/></w:pPr><w:r><w:t>${escape(text)}</w:t></w:r></w:p>`;

  it('writes the numbers Word shows for its automatic lists, so numbered resolutions are read', () => {
    const xml = `<w:document xmlns:w="${WORD_NS}"><w:body>${paragraph('جلسه شماره ۱۲ شورای اداری مورخ ۱۴۰۲/۰۵/۱۷')}${paragraph('مصوبات:')}`
      + `${numbered('مقرر گردید شهرداری ظرف یک ماه گزارش دهد.', '3')}${numbered('جزئیات', '3', 1)}`
      + `${numbered('مقرر شد اداره کل بهزیستی تا پایان شهریور اقدام کند.', '3')}<w:sectPr/></w:body></w:document>`;
    const text = documentXmlToText(xml);
    expect(text.split('\n')).toEqual([
      'جلسه شماره ۱۲ شورای اداری مورخ ۱۴۰۲/۰۵/۱۷', 'مصوبات:',
      '1- مقرر گردید شهرداری ظرف یک ماه گزارش دهد.', '- جزئیات', '2- مقرر شد اداره کل بهزیستی تا پایان شهریور اقدام کند.',
    ]);
    const parsed = parseMinutes(text);
    expect(parsed.resolutions.map((r) => [r.row, r.agencies, r.deadline.due])).toEqual([
      [1, ['شهرداری'], '1402/06/17'],
      [2, ['اداره کل بهزیستی'], '1402/06/31'],
    ]);
  });
});
