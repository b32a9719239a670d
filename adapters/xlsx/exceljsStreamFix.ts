/**
 * A fix for exceljs 4.4.0's streaming reader, applied once when this module is loaded.
 *
 * The reader hands each inflated zip chunk to its XML parser through one shared TextDecoder
 * without `{ stream: true }`, so a Persian character (two UTF-8 bytes) split across two
 * chunks becomes two U+FFFD. On a 10,000-row register that is dozens of corrupted cells.
 * We wrap every part the reader parses in a stream that decodes UTF-8 across chunk boundaries
 * and passes text on; exceljs's decoder leaves text untouched. Only the reader's own methods
 * are wrapped, so this works the same under Node and jest.
 */
import ExcelJS from 'exceljs';
import { PassThrough, Readable } from 'node:stream';

type Chunks = AsyncIterable<Buffer | string>;

/** Text chunks of a byte stream, decoded as UTF-8 across chunk boundaries. */
export function decodeUtf8Stream(source: NodeJS.ReadableStream | Chunks): Readable {
  // unzipper's entries are old-style streams without async iteration: pipe them through one
  const input: Chunks = Symbol.asyncIterator in source
    ? (source as Chunks)
    : ((source as NodeJS.ReadableStream).pipe(new PassThrough()) as unknown as Chunks);
  return Readable.from((async function* () {
    const decoder = new TextDecoder('utf-8');
    for await (const chunk of input) {
      const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
      if (text) yield text;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  })());
}

interface ReaderInternals {
  _parseRels(entry: NodeJS.ReadableStream): Promise<void>;
  _parseWorkbook(entry: NodeJS.ReadableStream): Promise<void>;
  _parseStyles(entry: NodeJS.ReadableStream): Promise<void>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: Chunks, sheetNo: string): Generator<unknown>;
  _parseHyperlinks(iterator: Chunks, sheetNo: string): Generator<unknown>;
  __utf8Fixed?: boolean;
}

const reader = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as ReaderInternals;
if (!reader.__utf8Fixed) {
  reader.__utf8Fixed = true;
  for (const method of ['_parseRels', '_parseWorkbook', '_parseStyles', '_parseSharedStrings', '_parseWorksheet', '_parseHyperlinks'] as const) {
    const original = reader[method] as (this: unknown, source: unknown, ...rest: unknown[]) => unknown;
    (reader as unknown as Record<string, unknown>)[method] = function (this: unknown, source: NodeJS.ReadableStream | Chunks, ...rest: unknown[]) {
      return original.call(this, decodeUtf8Stream(source), ...rest);
    };
  }
}
