/**
 * Minutes sent as Word (.docx): the document's paragraphs and tables as the same plain text
 * shape the minutes parser reads — one line per paragraph, one tab-separated line per table row.
 */
import { MosavabatError } from '../../core/errors';
import { listZipEntries, readZipEntry, ZIP_LIMITS, ZipFormatError, ZipLimitError, type ZipLimits } from '../xlsx/fast/zip';
import { zipLimitMessage } from '../xlsx/fast/zipBounds';

/** Largest document.xml we inflate (bytes); a real minutes document is far smaller. */
const MAX_DOCUMENT_XML = 50 * 1024 * 1024;
/** A Word file of minutes: the archive no larger than a minutes file, its text part at most 50 MB inflated. */
const DOCX_LIMITS: Readonly<ZipLimits> = { ...ZIP_LIMITS, compressedBytes: 20 * 1024 * 1024, xmlBytes: MAX_DOCUMENT_XML };

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
 * joined with tabs, the paragraphs of a cell with U+2029 (PARAGRAPH SEPARATOR); nested tables
 * are flattened into their cell.
 */
export function documentXmlToText(xml: string): string {
  const lines: string[] = [];
  const tableRows: string[][][] = []; // stack: for each open table, the cells of the current row
  let paragraph = '';
  let inText = false;
  // Word's automatic numbering (`1-`, `2-` typed by Word, not in the text): numId and level of
  // the open paragraph, and the running count of each list level
  let numbering: { numId?: string; level: number } = { level: 0 };
  const counters = new Map<string, number>();
  for (const match of xml.matchAll(/<(\/?)(w:tbl|w:tr|w:tc|w:p|w:t|w:tab|w:br|w:cr|w:numId|w:ilvl)(?=[\s/>])([^>]*?)(\/?)>|([^<]+)/g)) {
    const [, closing, tag, attributes, selfClosing, text] = match;
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
      case 'w:numId':
        numbering.numId = /w:val="([^"]*)"/.exec(attributes)?.[1];
        break;
      case 'w:ilvl':
        numbering.level = Number(/w:val="(\d+)"/.exec(attributes)?.[1] ?? 0);
        break;
      case 'w:p':
        if (!closing && !selfClosing) numbering = { level: 0 };
        if (closing || selfClosing) {
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
        }
        break;
      case 'w:tbl':
        if (!closing) tableRows.push([]);
        else tableRows.pop();
        break;
      case 'w:tr':
        if (!closing) tableRows[tableRows.length - 1].length = 0;
        // paragraphs of a cell stay apart as U+2029: the minutes parser reads it as a space in
        // the text and as a separator between agencies (one agency per paragraph is common)
        else if (tableRows.length === 1) lines.push(tableRows[0].map((cell) => cell.map((p) => p.trim()).filter(Boolean).join('\u2029')).join('\t'));
        break;
      case 'w:tc':
        if (!closing && tableRows.length === 1) tableRows[0].push([]);
        break;
    }
  }
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
 *   `file_too_large` for an archive over 20 MB or a document part over 50 MB inflated (counted
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
    if (error instanceof ZipFormatError || isRange) throw damagedMessage(file, (error as Error).message);
    throw error;
  }
}
