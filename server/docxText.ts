/**
 * Minutes sent as Word (.docx): the document's paragraphs and tables as the same plain text
 * shape the minutes parser reads — one line per paragraph, one tab-separated line per table row.
 */
import { MosavabatError } from '../core/errors';
import { listZipEntries, readZipEntry, ZipFormatError } from './excel/zip';

/** Largest document.xml we inflate (bytes); a real minutes document is far smaller. */
const MAX_DOCUMENT_XML = 50 * 1024 * 1024;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_m, name: string) => {
    if (name[0] !== '#') return ENTITIES[name.toLowerCase()];
    const code = name[1].toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return String.fromCodePoint(code);
  });
}

/**
 * The text of a WordprocessingML body. Paragraph text comes from `w:t` runs; `w:tab` is a tab,
 * `w:br` a line break inside the paragraph (kept as a space inside table cells). Table cells are
 * joined with tabs; nested tables are flattened into their cell.
 */
export function documentXmlToText(xml: string): string {
  const lines: string[] = [];
  const tableRows: string[][][] = []; // stack: for each open table, the cells of the current row
  let paragraph = '';
  let inText = false;
  for (const match of xml.matchAll(/<(\/?)(w:tbl|w:tr|w:tc|w:p|w:t|w:tab|w:br|w:cr)(?=[\s/>])[^>]*?(\/?)>|([^<]+)/g)) {
    const [, closing, tag, selfClosing, text] = match;
    if (text !== undefined) {
      if (inText) paragraph += decodeEntities(text);
      continue;
    }
    const inCell = tableRows.length > 0;
    switch (tag) {
      case 'w:t':
        inText = !closing && !selfClosing;
        break;
      case 'w:tab':
        if (!closing) paragraph += '\t';
        break;
      case 'w:br':
      case 'w:cr':
        if (!closing) paragraph += inCell ? ' ' : '\n';
        break;
      case 'w:p':
        if (closing || selfClosing) {
          if (inCell) {
            const row = tableRows[tableRows.length - 1];
            const cell = row.length ? row[row.length - 1] : (row.push([]), row[0]);
            cell.push(paragraph.replace(/\t/g, ' '));
          } else {
            lines.push(paragraph);
          }
          paragraph = '';
        }
        break;
      case 'w:tbl':
        if (!closing) tableRows.push([]);
        else tableRows.pop();
        break;
      case 'w:tr':
        if (!closing) tableRows[tableRows.length - 1].length = 0;
        else if (tableRows.length === 1) lines.push(tableRows[0].map((cell) => cell.join(' ').trim()).join('\t'));
        break;
      case 'w:tc':
        if (!closing && tableRows.length === 1) tableRows[0].push([]);
        break;
    }
  }
  return lines.join('\n');
}

/**
 * The minutes text of a .docx file.
 * @throws MosavabatError `not_docx` when the zip has no Word document, `damaged_file` when
 *   the archive cannot be read
 */
export function docxToText(bytes: Buffer, file: string): string {
  try {
    const entry = listZipEntries(bytes).find((e) => e.name === 'word/document.xml');
    if (!entry) {
      throw new MosavabatError('not_docx',
        'این فایل فشرده سند Word نیست؛ صورتجلسه را به صورت .docx یا متن (.txt) بفرستید',
        'the archive is not a Word document; send the minutes as .docx or plain text', 'unsupported', { file });
    }
    if (entry.size > MAX_DOCUMENT_XML) {
      throw new MosavabatError('file_too_large', 'سند Word بیش از اندازه بزرگ است', 'the Word document is too large', 'bad_input', { file });
    }
    return documentXmlToText(readZipEntry(bytes, entry).toString('utf8'));
  } catch (error) {
    if (error instanceof ZipFormatError) {
      throw new MosavabatError('damaged_file', 'فایل Word آسیب دیده یا ناقص است و خوانده نشد',
        `the Word file is damaged or truncated (${error.message})`, 'bad_input', { file });
    }
    throw error;
  }
}
