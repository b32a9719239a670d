import { readFileSync } from 'node:fs';
import { parseMinutes } from '../core/minutes/parse';
import { makeZip, SEED_MINUTES } from '../test/helpers';
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

const docx = (xml: string) => makeZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': xml });

describe('documentXmlToText', () => {
  it('turns paragraphs into lines and table rows into tab-separated lines', () => {
    const xml = `<w:body>${paragraph('بالا')}<w:tbl><w:tr><w:tc>${paragraph('۱')}</w:tc><w:tc>${paragraph('متن')}${paragraph('ادامه')}</w:tc></w:tr></w:tbl>${paragraph('پایین')}</w:body>`;
    expect(documentXmlToText(xml)).toBe('بالا\n۱\tمتن ادامه\nپایین');
  });

  it('decodes entities and keeps tabs and breaks outside tables', () => {
    const xml = '<w:p><w:r><w:t>a &amp; b</w:t><w:tab/><w:t>&#1601;</w:t><w:br/><w:t>c</w:t></w:r></w:p>';
    expect(documentXmlToText(xml)).toBe('a & b\tف\nc');
  });

  it('does not take text outside w:t (field codes, properties)', () => {
    expect(documentXmlToText('<w:p><w:r><w:instrText>PAGE</w:instrText><w:t>متن</w:t></w:r></w:p>')).toBe('متن');
  });
});

describe('minutes sent as Word .docx', () => {
  const seedText = readFileSync(SEED_MINUTES, 'utf8');

  it('parse to the same meeting and resolutions as the text minutes', () => {
    const { text, encoding } = decodeMinutes(docx(wordBody(seedText)), 'minutes.docx');
    expect(encoding).toBe('docx');
    expect(parseMinutes(text)).toEqual(parseMinutes(seedText));
  });

  it('reject a zip that is not a Word document (an .xlsx) with a Persian message', () => {
    const xlsx = makeZip({ 'xl/workbook.xml': '<workbook/>' });
    expect(() => docxToText(xlsx, 'book.xlsx')).toThrow(/سند Word نیست/);
  });

  it('reject a truncated .docx as damaged', () => {
    const whole = docx(wordBody(seedText));
    expect(() => decodeMinutes(whole.subarray(0, whole.length - 40), 'cut.docx')).toThrow(/آسیب دیده یا ناقص/);
  });
});
