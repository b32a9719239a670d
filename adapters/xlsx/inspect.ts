/**
 * Looking at a workbook file's bytes before exceljs touches it: is it an .xlsx at all (or an
 * old .xls, an encrypted file, something else), which sheets does it have, does it hold parts
 * exceljs would drop on write (charts, pivot tables, slicers …), and is its workbook.xml safe to
 * hand to exceljs (defined names that would pollute Object.prototype).
 */
import { MosavabatError } from '../../core/errors';
import { listZipEntries, looksLikeZip, readZipEntry, type ZipEntry, ZipFormatError, ZipLimitError } from './fast/zip';
import { zipLimitMessage } from './fast/zipBounds';
import { attribute, attributeNs, isMainNs, parseXml, readRelationships, resolveTarget, REL_NS, STRICT_REL_NS, XmlError } from './fast/xml';

/** A part of the workbook that exceljs reads but cannot write back. */
export interface LostFeature {
  code: 'charts' | 'pivot_tables' | 'slicers' | 'timelines' | 'macros';
  fa: string;
  en: string;
}

export interface SheetInfo {
  name: string;
  /** Zip path of the sheet's XML, e.g. `xl/worksheets/sheet1.xml`; undefined when the rels do not say. */
  part?: string;
  state: 'visible' | 'hidden' | 'veryHidden';
}

export interface WorkbookInspection {
  entries: ZipEntry[];
  sheets: SheetInfo[];
  /** Parts exceljs would lose on write; the input must then not be overwritten. */
  lost: LostFeature[];
  /** The workbook's dates count from 1904 (old Mac Excel). */
  date1904: boolean;
  /** The workbook's defined names (print titles and areas among them); absent when not read. */
  definedNames?: DefinedName[];
}

/** A defined name of workbook.xml: `_xlnm.Print_Area` of sheet 0 is `{ name, sheet: 0, formula }`. */
export interface DefinedName {
  name: string;
  /** The sheet position it belongs to (`localSheetId`); undefined for a workbook-wide name. */
  sheet?: number;
  formula: string;
}

const LOST_PARTS: Array<{ prefix: string; feature: LostFeature }> = [
  { prefix: 'xl/charts/', feature: { code: 'charts', fa: 'نمودار', en: 'charts' } },
  { prefix: 'xl/chartsheets/', feature: { code: 'charts', fa: 'نمودار', en: 'charts' } },
  { prefix: 'xl/pivotTables/', feature: { code: 'pivot_tables', fa: 'جدول محوری (Pivot)', en: 'pivot tables' } },
  { prefix: 'xl/pivotCache/', feature: { code: 'pivot_tables', fa: 'جدول محوری (Pivot)', en: 'pivot tables' } },
  { prefix: 'xl/slicers/', feature: { code: 'slicers', fa: 'برش‌دهنده (Slicer)', en: 'slicers' } },
  { prefix: 'xl/slicerCaches/', feature: { code: 'slicers', fa: 'برش‌دهنده (Slicer)', en: 'slicers' } },
  { prefix: 'xl/timelines/', feature: { code: 'timelines', fa: 'خط زمانی (Timeline)', en: 'timelines' } },
  { prefix: 'xl/vbaProject.bin', feature: { code: 'macros', fa: 'ماکرو', en: 'macros' } },
];

/**
 * exceljs keys plain objects by defined names and by the sheet names inside their formulas;
 * a key that is a member of Object.prototype (`__proto__`, `constructor`, `toString` …) lets a
 * crafted file write into shared prototypes. Such names are refused before exceljs sees them.
 */
const UNSAFE_KEYS = new RegExp(`(^|[^\\w$])(${Object.getOwnPropertyNames(Object.prototype).join('|')})([^\\w$]|$)`);

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * Check that `bytes` are an .xlsx exceljs may read, and describe it.
 * @param file the name to put in messages (usually the base name the user typed)
 * @throws MosavabatError `empty_file`, `encrypted_workbook`, `xls_workbook`, `not_xlsx`,
 *   `damaged_workbook`, `unsafe_workbook` (a defined name or sheet name that would pollute
 *   Object.prototype inside exceljs), each naming the file
 */
export function inspectWorkbook(bytes: Buffer, file: string): WorkbookInspection {
  const where = { file };
  if (bytes.length === 0) {
    throw new MosavabatError('empty_file', 'فایل خالی است', 'the file is empty', 'bad_input', where);
  }
  if (CFB_MAGIC.every((b, i) => bytes[i] === b)) throw compoundFileError(bytes, file);
  if (!looksLikeZip(bytes)) {
    throw new MosavabatError('not_xlsx', 'این فایل کاربرگ اکسل (xlsx) نیست',
      'not an Excel workbook (.xlsx)', 'bad_input', where);
  }
  let entries: ZipEntry[];
  try {
    entries = listZipEntries(bytes);
  } catch (error) {
    if (error instanceof ZipLimitError) throw zipLimitMessage(error, file);
    if (!(error instanceof ZipFormatError)) throw error;
    throw damaged(file, error.message);
  }
  const byName = new Map(entries.map((e) => [e.name, e]));
  const workbookEntry = byName.get('xl/workbook.xml');
  if (!workbookEntry) {
    throw new MosavabatError('not_xlsx', 'این فایل فشرده است ولی کاربرگ اکسل (xlsx) نیست (شاید Word یا فایل دیگری است)',
      'a zip file but not an Excel workbook (.xlsx): no xl/workbook.xml', 'bad_input', where);
  }
  const workbookXml = readText(bytes, workbookEntry, file);
  const relsEntry = byName.get('xl/_rels/workbook.xml.rels');
  const relsXml = relsEntry ? readText(bytes, relsEntry, file) : '';
  let workbook: WorkbookXml;
  let rels: ReturnType<typeof readRelationships>;
  try {
    workbook = readWorkbookXml(workbookXml);
    rels = relsXml ? readRelationships(relsXml) : [];
  } catch (error) {
    if (!(error instanceof XmlError)) throw error;
    throw damaged(file, `workbook.xml or its relationships: ${error.message}`);
  }

  for (const name of workbook.definedNames.flatMap((d) => [d.name, d.formula])) {
    if (UNSAFE_KEYS.test(name)) {
      throw new MosavabatError('unsafe_workbook',
        `این فایل یک نام تعریف‌شده (Defined Name) ناامن دارد و خوانده نمی‌شود: «${name.slice(0, 60)}»`,
        `the workbook has an unsafe defined name and is refused: "${name.slice(0, 60)}"`, 'bad_input', where);
    }
  }
  const targets = new Map(rels.filter((r) => !r.external && r.id && r.target).map((r) => [r.id, resolveTarget('xl/workbook.xml', r.target)]));
  const sheets = workbook.sheets.map(({ rid, ...sheet }) => ({ ...sheet, part: rid ? targets.get(rid) : undefined }));
  const lost: LostFeature[] = [];
  for (const { prefix, feature } of LOST_PARTS) {
    if (entries.some((e) => e.name.startsWith(prefix)) && !lost.some((f) => f.code === feature.code)) lost.push(feature);
  }
  return { entries, sheets, lost, date1904: workbook.date1904, definedNames: workbook.definedNames };
}

/**
 * The number of the last row of a sheet from its `<dimension ref="A1:R1001">`, read from the
 * first few kilobytes of the sheet's XML; undefined when the sheet does not say.
 */
export function sheetRowEstimate(bytes: Buffer, inspection: WorkbookInspection, sheet: SheetInfo): number | undefined {
  const entry = sheet.part ? inspection.entries.find((e) => e.name === sheet.part) : undefined;
  if (!entry) return undefined;
  let head: string;
  try {
    head = readZipEntry(bytes, entry, 4096).toString('utf8');
  } catch {
    return undefined;
  }
  const match = /<(?:\w+:)?dimension\b[^>]*\bref="[A-Z]+\d+(?::[A-Z]+(\d+))?"/.exec(head);
  return match ? Number(match[1] ?? 1) : undefined;
}

/** The user-facing sentence for lost features, e.g. `نمودار، جدول محوری (Pivot)`. */
export function describeLost(lost: ReadonlyArray<{ fa: string; en: string }>): { fa: string; en: string } {
  return { fa: lost.map((f) => f.fa).join('، '), en: lost.map((f) => f.en).join(', ') };
}

function compoundFileError(bytes: Buffer, file: string): MosavabatError {
  const where = { file };
  const has = (name: string) => bytes.includes(Buffer.from(name, 'utf16le'));
  if (has('EncryptionInfo') || has('EncryptedPackage')) {
    return new MosavabatError('encrypted_workbook',
      'این کاربرگ رمز دارد؛ در اکسل رمز را بردارید (File → Info → Protect Workbook → Encrypt with Password، رمز را خالی کنید) و دوباره بفرستید',
      'the workbook is password-protected (encrypted); remove the password in Excel and try again', 'unsupported', where);
  }
  if (has('Workbook') || has('Book')) {
    return new MosavabatError('xls_workbook',
      'این فایل با قالب قدیمی اکسل (xls) است؛ آن را در اکسل باز کنید و با «Save As → Excel Workbook (*.xlsx)» ذخیره کنید',
      'this is an old-format .xls workbook; open it in Excel and save it as .xlsx', 'unsupported', where);
  }
  return new MosavabatError('not_xlsx', 'این فایل کاربرگ اکسل (xlsx) نیست (فایل قدیمی Office است)',
    'not an Excel workbook (.xlsx): an old Office compound file', 'bad_input', where);
}

function damaged(file: string, detail: string): MosavabatError {
  return new MosavabatError('damaged_workbook', 'فایل اکسل آسیب دیده یا ناقص است و خوانده نمی‌شود',
    `the workbook is damaged or truncated (${detail})`, 'bad_input', { file });
}

function readText(bytes: Buffer, entry: ZipEntry, file: string): string {
  try {
    return readZipEntry(bytes, entry).toString('utf8');
  } catch (error) {
    if (error instanceof ZipLimitError) throw zipLimitMessage(error, file);
    throw damaged(file, (error as Error).message);
  }
}

/** What workbook.xml says: sheets in tab order (with their relationship ids), defined names, the date system. */
interface WorkbookXml {
  sheets: Array<Omit<SheetInfo, 'part'> & { rid?: string }>;
  /** Every defined name (its name and formula text are both used as keys inside exceljs). */
  definedNames: DefinedName[];
  date1904: boolean;
}

/**
 * Read workbook.xml with the XML parser: SpreadsheetML's elements under any prefix, in the
 * transitional or the strict namespace.
 * @throws XmlError when it is not well-formed
 */
function readWorkbookXml(xml: string): WorkbookXml {
  const result: WorkbookXml = { sheets: [], definedNames: [], date1904: false };
  let name: DefinedName | undefined;
  parseXml(xml, {
    open(tag) {
      if (!isMainNs(tag.uri)) return;
      if (tag.local === 'sheet') {
        const state = attribute(tag, 'state');
        result.sheets.push({
          name: attribute(tag, 'name') ?? '',
          rid: attributeNs(tag, [REL_NS, STRICT_REL_NS], 'id'),
          state: state === 'hidden' || state === 'veryHidden' ? state : 'visible',
        });
      } else if (tag.local === 'definedName') {
        const local = attribute(tag, 'localSheetId');
        name = { name: attribute(tag, 'name') ?? '', sheet: local !== undefined && /^\d+$/.test(local) ? Number(local) : undefined, formula: '' };
      } else if (tag.local === 'workbookPr') {
        const date1904 = attribute(tag, 'date1904');
        result.date1904 = date1904 === '1' || date1904 === 'true';
      }
    },
    close(tag) {
      if (name !== undefined && tag.local === 'definedName' && isMainNs(tag.uri)) {
        result.definedNames.push(name);
        name = undefined;
      }
    },
    text(t) {
      if (name !== undefined) name.formula += t;
    },
  });
  return result;
}
