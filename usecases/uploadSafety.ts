/**
 * What the service refuses in an uploaded workbook beyond what every reader refuses (the zip
 * limits, DOCTYPE, unsafe defined names: adapters/xlsx/workbookFile checkWorkbookBytes):
 * tighter limits for uploads, links to other files or programs (DDE, external links), and
 * formula cells. Files sent to the service carry values only: a formula could compute
 * something else once copied, and DDE runs programs.
 */
import { MosavabatError } from '../core/errors';
import { listZipEntries, readZipEntry, ZIP_LIMITS, ZipFormatError, ZipLimitError, type ZipLimits } from '../adapters/xlsx/fast/zip';
import { checkZipBounds, zipLimitMessage } from '../adapters/xlsx/fast/zipBounds';
import { checkWorkbookBytes, type WorkbookBytes } from '../adapters/xlsx/workbookFile';

const MiB = 1024 * 1024;

/** Bounds on an uploaded file: a return workbook has about 20 parts, a 10,000-row register is about 1 MB. */
export const UPLOAD_ZIP_LIMITS: Readonly<ZipLimits> = Object.freeze({
  ...ZIP_LIMITS,
  compressedBytes: 20 * MiB,
  entries: 2000,
  entryBytes: 128 * MiB,
  xmlBytes: 128 * MiB,
  totalBytes: 256 * MiB,
});

function refused(code: string, fa: string, en: string, file: string, sheet?: string, cell?: string): MosavabatError {
  return new MosavabatError(code, fa, en, 'bad_input', { file, ...(sheet ? { sheet } : {}), ...(cell ? { cell } : {}) });
}

/**
 * The cheap part, from the zip's central directory only (no inflating): size and entry count.
 * Not-a-zip bytes pass: the reader says what they are.
 * @throws MosavabatError `file_too_large`
 */
export function checkUploadShape(bytes: Buffer, file: string): void {
  try {
    listZipEntries(bytes, UPLOAD_ZIP_LIMITS);
  } catch (error) {
    if (error instanceof ZipLimitError) throw zipLimitMessage(error, file);
    if (!(error instanceof ZipFormatError)) throw error;
  }
}

// a cell's formula is its first child (CT_Cell: f, v, is)
const FORMULA = /<(?:\w+:)?c\b([^>]*)>\s*<(?:\w+:)?f[\s>/]/;

/**
 * Check uploaded workbook bytes before any reader parses them: the upload limits while
 * inflating, then what every workbook is checked for, then no external links or DDE and no
 * formula cell in any sheet.
 * @throws MosavabatError `file_too_large`, `unsafe_workbook`, `external_links`, `formula_cells`,
 *   and those of inspectWorkbook (`not_xlsx`, `xls_workbook`, `damaged_workbook` …)
 */
export async function checkUploadedWorkbook(bytes: Buffer, file: string): Promise<WorkbookBytes> {
  await checkZipBounds(bytes, file, UPLOAD_ZIP_LIMITS);
  const source = await checkWorkbookBytes(bytes, file);
  const { inspection } = source;
  if (inspection.entries.some((e) => /^xl\/externalLinks\//i.test(e.name))) {
    throw refused('external_links', 'این فایل به فایل یا برنامهٔ دیگری پیوند دارد (External Link / DDE) و پذیرفته نمی‌شود؛ پیوندها را بردارید (Data → Edit Links → Break Link) و دوباره بفرستید',
      'the workbook links to other files or programs (external links / DDE); break the links and send it again', file);
  }
  for (const sheet of inspection.sheets) {
    const entry = sheet.part ? inspection.entries.find((e) => e.name === sheet.part) : undefined;
    if (!entry) continue;
    let text: string;
    try {
      text = readZipEntry(bytes, entry, undefined, UPLOAD_ZIP_LIMITS).toString('utf8');
    } catch {
      continue; // damaged: the reader reports it in its words
    }
    const found = FORMULA.exec(text);
    if (found) {
      const cell = /\br="([A-Z]{1,3}\d{1,7})"/.exec(found[1])?.[1] ?? '?';
      const dde = /\|/.test(text.slice(found.index, found.index + 2000).split(/<\/(?:\w+:)?f>/)[0]);
      throw dde
        ? refused('external_links', `خانهٔ ${cell} فرمول DDE دارد (اجرای برنامهٔ دیگر) و فایل پذیرفته نمی‌شود`,
          `cell ${cell} holds a DDE formula (runs another program); refused`, file, sheet.name, cell)
        : refused('formula_cells',
          `خانهٔ ${cell} فرمول دارد؛ فایلی که به سامانه فرستاده می‌شود باید فقط مقدار داشته باشد. خانه‌ها را کپی و با «Paste Special → Values» به جای خودشان بچسبانید و دوباره بفرستید`,
          `cell ${cell} holds a formula; files sent to the service must hold values only (copy and Paste Special → Values)`, file, sheet.name, cell);
    }
  }
  return source;
}
