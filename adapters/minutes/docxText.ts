/**
 * Minutes sent as Word (.docx): the document's paragraphs and tables as the same plain text
 * shape the minutes parser reads — one line per paragraph, one tab-separated line per table row.
 */
import { MosavabatError } from '../../core/errors';
import { listZipEntries, readZipEntry, ZIP_LIMITS, ZipFormatError, ZipLimitError, type ZipLimits } from '../xlsx/fast/zip';
import { zipLimitMessage } from '../xlsx/fast/zipBounds';
import { attributeNs, parseXml, XmlError } from '../xlsx/fast/xml';

/** Largest document.xml we inflate (bytes); a real minutes document is far smaller. */
const MAX_DOCUMENT_XML = 50 * 1024 * 1024;
/** A Word file of minutes: the archive no larger than a minutes file, its text part at most 50 MB inflated. */
const DOCX_LIMITS: Readonly<ZipLimits> = { ...ZIP_LIMITS, compressedBytes: 20 * 1024 * 1024, xmlBytes: MAX_DOCUMENT_XML };

/** WordprocessingML's main namespace: transitional (what nearly every program writes) and strict. */
const WORD_NS = ['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main'];
/** Markup compatibility: an `mc:Fallback` repeats its `mc:Choice` (a text box) for older readers. */
const MC_NS = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

/**
 * The text of a WordprocessingML body. Paragraph text comes from `w:t` runs; `w:tab` is a tab,
 * `w:br` a line break inside the paragraph (kept as a space inside table cells). Table cells are
 * joined with tabs, the paragraphs of a cell with U+2029 (PARAGRAPH SEPARATOR); nested tables
 * are flattened into their cell. Elements are known by namespace, whatever prefix the program
 * chose; the fallback copy of a text box is skipped, so its text is read once.
 * @throws XmlError when the part is not well-formed XML
 */
export function documentXmlToText(xml: string): string {
  const lines: string[] = [];
  const tableRows: string[][][] = []; // stack: for each open table, the cells of the current row
  let paragraph = '';
  let inText = false;
  let inFallback = 0;
  // Word's automatic numbering (`1-`, `2-` typed by Word, not in the text): numId and level of
  // the open paragraph, and the running count of each list level
  let numbering: { numId?: string; level: number } = { level: 0 };
  const counters = new Map<string, number>();
  const endParagraph = (): void => {
    const inCell = tableRows.length > 0;
    if (!inCell && numbering.numId && numbering.numId !== '0' && paragraph.trim() !== '') {
      // a sub-item is written `- …` so it stays part of its parent resolution
      const n = listNumber(counters, numbering.numId, numbering.level);
      paragraph = numbering.level === 0 ? `${n}- ${paragraph}` : `- ${paragraph}`;
    }
    if (inCell) {
      const row = tableRows[tableRows.length - 1];
      const cell = row.length ? row[row.length - 1] : (row.push([]), row[0]);
      cell.push(paragraph.replace(/\t/g, ' '));
    } else {
      lines.push(paragraph);
    }
    paragraph = '';
  };
  parseXml(xml, {
    open(tag) {
      if (tag.uri === MC_NS && tag.local === 'Fallback') inFallback++;
      if (inFallback || !WORD_NS.includes(tag.uri)) return;
      const inCell = tableRows.length > 0;
      switch (tag.local) {
        case 't':
          inText = !tag.isSelfClosing;
          break;
        case 'tab':
          paragraph += '\t';
          break;
        case 'br':
        case 'cr':
          paragraph += inCell ? ' ' : '\n';
          break;
        case 'numId':
          numbering.numId = attributeNs(tag, WORD_NS, 'val');
          break;
        case 'ilvl':
          numbering.level = Number(/^\d+$/.exec(attributeNs(tag, WORD_NS, 'val') ?? '')?.[0] ?? 0);
          break;
        case 'p':
          numbering = { level: 0 };
          if (tag.isSelfClosing) endParagraph();
          break;
        case 'tbl':
          tableRows.push([]);
          break;
        case 'tr':
          tableRows[tableRows.length - 1].length = 0;
          break;
        case 'tc':
          if (tableRows.length === 1) tableRows[0].push([]);
          break;
      }
    },
    close(tag) {
      if (tag.uri === MC_NS && tag.local === 'Fallback') inFallback--;
      if (inFallback || !WORD_NS.includes(tag.uri) || tag.isSelfClosing) return;
      switch (tag.local) {
        case 't':
          inText = false;
          break;
        case 'p':
          endParagraph();
          break;
        case 'tbl':
          tableRows.pop();
          break;
        case 'tr':
          // paragraphs of a cell stay apart as U+2029: the minutes parser reads it as a space in
          // the text and as a separator between agencies (one agency per paragraph is common)
          if (tableRows.length === 1) lines.push(tableRows[0].map((cell) => cell.map((p) => p.trim()).filter(Boolean).join('\u2029')).join('\t'));
          break;
      }
    },
    text(text) {
      if (inText && !inFallback) paragraph += text;
    },
  });
  return lines.join('\n');
}

/** The next number of a list level; deeper levels of the same list start again. */
function listNumber(counters: Map<string, number>, numId: string, level: number): number {
  const key = `${numId}:${level}`;
  const n = (counters.get(key) ?? 0) + 1;
  counters.set(key, n);
  for (const other of counters.keys()) {
    const [id, l] = other.split(':');
    if (id === numId && Number(l) > level) counters.delete(other);
  }
  return n;
}

/** What a zip that is not a Word document is, from its parts, for a message that says what to send instead. */
function notWordMessage(names: string[], file: string): MosavabatError {
  const where = { file };
  if (names.includes('xl/workbook.xml')) {
    return new MosavabatError('not_docx',
      'این فایل کارپوشه Excel است، نه صورتجلسه؛ متن صورتجلسه را به صورت Word (.docx) یا متن (.txt) بدهید (برای افزودن جلسه به دفتر مصوبات: import <صورتجلسه> --into <دفتر.xlsx>)',
      'this is an Excel workbook, not minutes; give the minutes as Word (.docx) or text (to add a meeting to a register: import <minutes> --into <register.xlsx>)',
      'unsupported', where);
  }
  if (names.includes('ppt/presentation.xml')) {
    return new MosavabatError('not_docx', 'این فایل پاورپوینت است، نه صورتجلسه؛ صورتجلسه را به صورت Word (.docx) یا متن (.txt) بفرستید',
      'this is a PowerPoint file, not minutes; send the minutes as Word (.docx) or plain text', 'unsupported', where);
  }
  if (names.includes('content.xml')) {
    return new MosavabatError('not_docx', 'این سند LibreOffice (.odt/.ods) است؛ آن را با قالب Word (.docx) ذخیره کنید و دوباره بدهید',
      'this is a LibreOffice document (.odt/.ods); save it as Word (.docx) and try again', 'unsupported', where);
  }
  return new MosavabatError('not_docx',
    'این فایل فشرده سند Word نیست؛ صورتجلسه را به صورت .docx یا متن (.txt) بفرستید',
    'the archive is not a Word document; send the minutes as .docx or plain text', 'unsupported', where);
}

/** The message for a zip that cannot be read, worded by what the file name says it is. */
function damagedMessage(file: string, detail: string): MosavabatError {
  const extension = /\.([a-z0-9]+)$/i.exec(file)?.[1]?.toLowerCase() ?? '';
  const fa = ['xlsx', 'xlsm', 'xls', 'ods'].includes(extension)
    ? 'این فایل Excel است (و آسیب دیده یا ناقص)، نه صورتجلسه؛ صورتجلسه را به صورت Word (.docx) یا متن (.txt) بدهید'
    : extension === 'docx' || extension === 'doc'
      ? 'فایل Word آسیب دیده یا ناقص است و خوانده نشد؛ آن را دوباره از Word ذخیره کنید'
      : 'فایل فشرده (zip) آسیب دیده یا ناقص است و سند Word خوانا در آن نیست';
  return new MosavabatError('damaged_file', fa, `the file is a damaged or truncated zip/Word file (${detail})`, 'bad_input', { file });
}

/**
 * The minutes text of a .docx file.
 * @throws MosavabatError `not_docx` when the zip has no Word document (an .xlsx, .pptx, .odt …;
 *   the message names what it is), `damaged_file` when the archive cannot be read,
 *   or its document part is not well-formed XML, `file_too_large` for an archive over 20 MB or a document part over 50 MB inflated (counted
 *   while inflating, whatever the archive declares)
 */
export function docxToText(bytes: Buffer, file: string): string {
  try {
    const entries = listZipEntries(bytes, DOCX_LIMITS);
    const entry = entries.find((e) => e.name === 'word/document.xml');
    if (!entry) throw notWordMessage(entries.map((e) => e.name), file);
    return documentXmlToText(readZipEntry(bytes, entry, undefined, DOCX_LIMITS).toString('utf8'));
  } catch (error) {
    if (error instanceof ZipLimitError) throw zipLimitMessage(error, file);
    // a RangeError: a length or offset in the archive points outside the file (checked by name:
    // Buffer's errors may come from another realm, where instanceof fails)
    const isRange = typeof error === 'object' && error !== null && (error as Error).name === 'RangeError';
    if (error instanceof ZipFormatError || error instanceof XmlError || isRange) throw damagedMessage(file, (error as Error).message);
    throw error;
  }
}
