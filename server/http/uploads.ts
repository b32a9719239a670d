/**
 * Receiving uploaded files: `multipart/form-data` (several files in one request, any field
 * name; parsed by busboy) or a raw body holding one file (`?name=` gives its name). Sizes are
 * bounded while the bytes arrive: a file over the limit is reported on its own, the others of
 * the request still count; a request over the total limit is refused as a whole.
 */
import type { Request } from 'express';
import busboy from 'busboy';
import { basename } from 'node:path';
import { MosavabatError } from '../../core/errors';

export interface UploadLimits {
  /** Largest single file, bytes. */
  fileBytes: number;
  /** Most files in one request. */
  files: number;
  /** Largest request body, bytes. */
  totalBytes: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = { fileBytes: 10 * 1024 * 1024, files: 25, totalBytes: 60 * 1024 * 1024 };

/** One received file: its bytes, or why it was not taken. */
export interface ReceivedFile {
  name: string;
  bytes: Buffer;
  error?: MosavabatError;
}

function tooLarge(limit: number, name?: string): MosavabatError {
  const mb = Math.round(limit / 1024 / 1024);
  return new MosavabatError('file_too_large', `حجم فایل بیش از ${mb.toLocaleString('fa-IR')} مگابایت است`,
    `the file is larger than ${mb} MB`, 'too_large', name ? { file: name } : {});
}

/** A file name as sent, reduced to a plain base name for messages and the history. */
export function cleanName(name: string | undefined, fallback: string): string {
  const base = basename(String(name ?? '').replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  return base || fallback;
}

/**
 * The files of a request.
 * @throws MosavabatError `no_file` when it holds none, `body_too_large` over the total limit,
 *   `bad_multipart` for a damaged form
 */
export async function receiveFiles(req: Request, limits: UploadLimits = DEFAULT_UPLOAD_LIMITS, fallbackName = 'file.xlsx'): Promise<ReceivedFile[]> {
  const declared = Number(req.get('content-length') ?? NaN);
  if (declared > limits.totalBytes) {
    req.resume();
    throw new MosavabatError('body_too_large', 'حجم درخواست بیش از اندازهٔ مجاز است', 'request body too large', 'too_large');
  }
  const type = req.get('content-type') ?? '';
  const files = /^multipart\/form-data/i.test(type) ? await multipart(req, limits) : [await rawFile(req, limits, fallbackName)];
  if (files.length === 0) {
    throw new MosavabatError('no_file', 'هیچ فایلی فرستاده نشده است', 'no file in the request', 'bad_input');
  }
  return files;
}

function rawFile(req: Request, limits: UploadLimits, fallbackName: string): Promise<ReceivedFile> {
  const name = cleanName(typeof req.query.name === 'string' ? req.query.name : undefined, fallbackName);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limits.fileBytes) over = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? { name, bytes: Buffer.alloc(0), error: tooLarge(limits.fileBytes, name) } : { name, bytes: Buffer.concat(chunks) }));
    req.on('error', reject);
  });
}

function multipart(req: Request, limits: UploadLimits): Promise<ReceivedFile[]> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { fileSize: limits.fileBytes, files: limits.files, fields: 20, fieldSize: 4096, parts: limits.files + 20 } });
    } catch {
      reject(badForm());
      return;
    }
    const files: ReceivedFile[] = [];
    let total = 0;
    let failed = false;
    const fail = (error: MosavabatError) => {
      if (failed) return;
      failed = true;
      req.unpipe(parser);
      req.resume();
      reject(error);
    };
    parser.on('file', (_field, stream, info) => {
      const name = cleanName(info.filename, `file-${files.length + 1}.xlsx`);
      const chunks: Buffer[] = [];
      const entry: ReceivedFile = { name, bytes: Buffer.alloc(0) };
      files.push(entry);
      stream.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > limits.totalBytes) fail(new MosavabatError('body_too_large', 'حجم درخواست بیش از اندازهٔ مجاز است', 'request body too large', 'too_large'));
        chunks.push(chunk);
      });
      stream.on('limit', () => {
        entry.error = tooLarge(limits.fileBytes, name);
        chunks.length = 0;
      });
      stream.on('close', () => {
        if (!entry.error) entry.bytes = Buffer.concat(chunks);
      });
    });
    parser.on('filesLimit', () => fail(new MosavabatError('too_many_files',
      `در یک درخواست حداکثر ${limits.files.toLocaleString('fa-IR')} فایل پذیرفته می‌شود`, `at most ${limits.files} files per request`, 'too_large')));
    parser.on('error', () => fail(badForm()));
    parser.on('close', () => {
      if (!failed) resolve(files);
    });
    req.pipe(parser);
  });
}

function badForm(): MosavabatError {
  return new MosavabatError('bad_multipart', 'فرم ارسال فایل ناقص یا نادرست است', 'the multipart form is damaged', 'bad_input');
}
