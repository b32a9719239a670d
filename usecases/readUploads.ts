/**
 * Use cases that turn an uploaded file's bytes into data, with nothing else: no store, no
 * clock. The service runs them in a worker thread (see server/worker), so a file that takes
 * too much memory or time only costs that worker.
 */
import { MosavabatError } from '../core/errors';
import { parseMinutes } from '../core/minutes/parse';
import type { ParsedMinutes } from '../core/minutes/types';
import type { ColumnMap, RawRow } from '../core/register/types';
import type { FieldName } from '../core/register/fields';
import { deadlineSettingsOf, type RegisterSettings, type SettingsRead } from '../core/register/settings';
import type { AgencyEntry } from '../core/agency';
import { decodeMinutes } from '../adapters/minutes/minutesFile';
import { LightUnsupported } from '../adapters/xlsx/fast/lightXlsx';
import { RegisterBook } from '../adapters/xlsx/registerBook';
import { fieldLetters } from '../adapters/xlsx/registerSheet';
import { openLightRegister } from '../adapters/xlsx/returns/registerPatch';
import { readReturnBytes, type ReturnFileData } from '../adapters/xlsx/returns/readReturn';
import { checkUploadedWorkbook } from './uploadSafety';

/** An uploaded register workbook's rows, settings and agency directory. */
export interface UploadedRegister {
  file: string;
  sheet: string;
  columns: ColumnMap;
  /** Fields that have a column in the sheet (an absent column says nothing about its field). */
  fields: FieldName[];
  /** The data rows' cells as read (values only), for storedRowsMerge. */
  rows: RawRow[];
  /** The `تنظیمات` sheet: whether the workbook has it, its settings, an issue per unreadable cell. */
  settings: Pick<SettingsRead, 'present' | 'settings' | 'issues'>;
  /** The `دستگاه‌ها` sheet's agencies with their aliases (empty without the sheet). */
  agencies: AgencyEntry[];
}


/**
 * Read an agency's return workbook from uploaded bytes.
 * @throws MosavabatError for what inspectWorkbook and checkUploadedWorkbook refuse, and readReturnBytes's errors
 */
export async function readUploadedReturn(bytes: Buffer, file: string): Promise<ReturnFileData> {
  return readReturnBytes(await checkUploadedWorkbook(bytes, file));
}

/**
 * Read a register workbook from uploaded bytes: its rows, its `تنظیمات` and its `دستگاه‌ها`.
 * @throws MosavabatError for unreadable or unsafe files, `register_sheet_missing`, `register_header_missing`
 */
export async function readUploadedRegister(bytes: Buffer, file: string): Promise<UploadedRegister> {
  const source = await checkUploadedWorkbook(bytes, file);
  let sheet: string;
  let columns: ColumnMap;
  let fields: FieldName[];
  let raws: RawRow[];
  let settings: SettingsRead;
  let agencies: AgencyEntry[];
  try {
    const light = openLightRegister(source);
    sheet = light.sheet.name;
    columns = fieldLetters(light.header);
    fields = [...light.header.columns.keys()];
    raws = light.rows;
    settings = light.settingsSheet;
    agencies = [...light.directory.list()];
  } catch (error) {
    if (!(error instanceof LightUnsupported)) throw error;
    const book = await RegisterBook.fromBytes(source);
    sheet = book.sheet.name;
    columns = book.columns();
    fields = [...book.header.columns.keys()];
    raws = book.rows();
    settings = book.settings();
    agencies = [...book.directory().list()];
  }
  if (!fields.includes('id')) {
    throw new MosavabatError('register_id_column_missing', 'ستون «شناسه» در دفتر نیست؛ بدون آن ردیف‌ها شناخته نمی‌شوند',
      'the register has no ID column; rows cannot be matched', 'bad_input', { file, sheet });
  }
  return {
    file, sheet, columns, fields, rows: raws,
    settings: { present: settings.present, settings: settings.settings, issues: settings.issues },
    agencies: agencies.map((a) => ({ name: a.name, aliases: [...a.aliases] })),
  };
}

/**
 * Decode and parse uploaded minutes (.txt in any of the usual encodings, or .docx).
 * @param settings the register's settings the due dates follow (Thursday, holidays, «فوری»), as
 *   `mosavabat import` follows the register's `تنظیمات` sheet; the defaults when absent
 * @throws MosavabatError for bytes that are not minutes, or minutes with no resolutions
 */
export function readUploadedMinutes(bytes: Buffer, file: string, settings?: RegisterSettings): ParsedMinutes {
  const { text } = decodeMinutes(bytes, file);
  try {
    return parseMinutes(text, settings ? deadlineSettingsOf(settings) : {});
  } catch (error) {
    throw error instanceof MosavabatError ? error.at({ file }) : error;
  }
}
