/**
 * A small, fast reader of .xlsx cells, for the merge: return workbooks are many and small, the
 * register one and large, and the merge reads only cell values (plus, to patch the register,
 * where each row and cell sits in its sheet's XML). exceljs's loaders build a full model of
 * every cell, style and theme; at 60 returns and a 10,000-row register that is most of the
 * merge's time.
 *
 * Every part is read with a namespace-aware XML parser (./xml, saxes): any prefix or none, the
 * strict namespace, entities, CDATA, cells and rows without their address. Values come out
 * exactly as the rest of the tool reads them: each cell is turned into the value exceljs would
 * give (string, number, boolean, Date, formula with its result, error) and passed through the
 * same toCellValue, with the same number-format rules (dates from the UTC parts, percent
 * formats). What this reader does not handle — XML that is not well-formed, rows or cells out of
 * order — throws LightUnsupported, and the caller falls back to exceljs.
 */
import { isPercentFormat } from '../cells';
import type { WorkbookInspection } from '../inspect';
import { readZipEntry, type ZipEntry } from './zip';
import { attribute, isMainNs, MAIN_NS, parseXml, readRelationships, relationshipIs, resolveTarget, XmlError } from './xml';
import { LightUnsupported, parseLightPart, readSheetXml, readStringsXml, scanPlainSheet, scanPlainStrings, type SheetRows } from './sheetRows';

export { LightUnsupported, isDateFormat, isoCellDate, type LightCell, type LightRow } from './sheetRows';

export interface LightSheet extends SheetRows {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  part: string;
  /** The sheet's XML as read. */
  xml: string;
}

/** What the styles say about each cell style index (`cellXfs`). */
export interface LightStyles {
  xml: string;
  /** The number format code of each cell style ('' for General). */
  numFmts: string[];
  /** Each `<xf>` element of `cellXfs` as written. */
  xfs: string[];
  /** Where `<cellXfs …>…</cellXfs>` sits in the XML. */
  cellXfs: { start: number; end: number };
  /** Transitional and unprefixed (see LightSheet.plain): only then may it be patched. */
  plain: boolean;
}

/** Excel's built-in number formats exceljs knows by id (the others have no code: General). */
const BUILTIN_FORMATS: Record<number, string> = {
  1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00', 12: '# ?/?', 13: '# ??/??',
  14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM', 20: 'h:mm',
  21: 'h:mm:ss', 22: 'm/d/yy "h":mm', 37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)', 39: '#,##0.00 ;(#,##0.00)',
  40: '#,##0.00 ;[Red](#,##0.00)', 45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0', 48: '##0.0E+0', 49: '@',
};

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#(\d+)|(lt|gt|amp|quot|apos));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** An attribute value as written in a start tag, decoded (the five entities and character references). */
function decodeAttributeText(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (_, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name) return NAMED[name];
    const code = hex ? parseInt(hex, 16) : Number(dec);
    return code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

/**
 * Value of an attribute in the attribute text of a start tag the caller already holds as text
 * (the register patcher edits `<xf>` and `<col>` elements it then writes back); undefined when absent.
 */
export function attr(attributes: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attributes);
  return match ? decodeAttributeText(match[1] ?? match[2]) : undefined;
}

/** Offset of the `<` that starts the tag ending just before `end` (attribute values never hold `<`). */
function tagStart(xml: string, end: number): number {
  return xml.lastIndexOf('<', end - 1);
}

const DCTERMS_NS = 'http://purl.org/dc/terms/';

/**
 * The workbook's parts, read on demand. Create with LightWorkbook.open; every method throws
 * LightUnsupported for what it does not read (never a wrong value).
 */
export class LightWorkbook {
  private readonly parts = new Map<string, string>();
  private strings?: Array<string | undefined>;
  private styleInfo?: LightStyles;
  private workbookRels?: ReturnType<typeof readRelationships>;

  private constructor(readonly bytes: Buffer, readonly inspection: WorkbookInspection, private readonly byName: Map<string, ZipEntry>) {}

  static open(bytes: Buffer, inspection: WorkbookInspection): LightWorkbook {
    return new LightWorkbook(bytes, inspection, new Map(inspection.entries.map((e) => [e.name, e])));
  }

  /** A part's text; undefined when the archive has no such part. */
  part(name: string): string | undefined {
    let text = this.parts.get(name);
    if (text === undefined) {
      const entry = this.byName.get(name);
      if (!entry) return undefined;
      text = readZipEntry(this.bytes, entry).toString('utf8');
      this.parts.set(name, text);
    }
    return text;
  }

  /** Names of every part, in archive order. */
  partNames(): string[] {
    return this.inspection.entries.map((e) => e.name);
  }

  /** When the file was last saved (`dcterms:modified`, ISO 8601); undefined when it does not say. */
  modified(): string | undefined {
    const core = this.part('docProps/core.xml');
    if (!core) return undefined;
    let text: string | undefined;
    let inside = false;
    try {
      parseXml(core, {
        open(tag) {
          inside = tag.local === 'modified' && tag.uri === DCTERMS_NS;
          if (inside) text = '';
        },
        close() {
          inside = false;
        },
        text(t) {
          if (inside) text += t;
        },
      });
    } catch (error) {
      if (error instanceof XmlError) return undefined;
      throw error;
    }
    if (!text) return undefined;
    const at = new Date(text.trim());
    return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
  }

  /** A workbook-level part by its relationship type (`sharedStrings`, `styles`), else the usual path. */
  private workbookPart(kind: string, usual: string): string | undefined {
    if (!this.workbookRels) {
      const rels = this.part('xl/_rels/workbook.xml.rels');
      try {
        this.workbookRels = rels ? readRelationships(rels) : [];
      } catch (error) {
        if (error instanceof XmlError) throw new LightUnsupported(`workbook relationships: ${error.message}`);
        throw error;
      }
    }
    const rel = this.workbookRels.find((r) => !r.external && relationshipIs(r.type, kind));
    if (rel?.target) return resolveTarget('xl/workbook.xml', rel.target);
    return this.byName.has(usual) ? usual : undefined;
  }

  private sharedStrings(): Array<string | undefined> {
    if (this.strings) return this.strings;
    const path = this.workbookPart('sharedStrings', 'xl/sharedStrings.xml');
    const xml = path ? this.part(path) : undefined;
    const strings = xml ? scanPlainStrings(path!, xml) ?? readStringsXml(path!, xml) : [];
    this.strings = strings;
    return strings;
  }

  /** The cell styles' number formats and `<xf>` elements. */
  styles(): LightStyles {
    if (this.styleInfo) return this.styleInfo;
    const path = this.workbookPart('styles', 'xl/styles.xml') ?? 'xl/styles.xml';
    const xml = this.part(path) ?? '';
    const custom = new Map<number, string>();
    const xfs: string[] = [];
    const ids: number[] = [];
    const cellXfs = { start: -1, end: -1 };
    let plain = true;
    let inCellXfs = false;
    let depth = 0;
    let xfStart = -1;
    if (xml) {
      parseLightPart(path, xml, {
        open(tag, end) {
          depth++;
          if (!isMainNs(tag.uri)) return;
          if (tag.prefix !== '' || tag.uri !== MAIN_NS) plain = false;
          if (tag.local === 'numFmt') {
            const id = Number(attribute(tag, 'numFmtId'));
            const code = attribute(tag, 'formatCode');
            if (Number.isFinite(id) && code !== undefined) custom.set(id, code);
          } else if (tag.local === 'cellXfs' && depth === 2) {
            inCellXfs = true;
            cellXfs.start = tagStart(xml, end);
          } else if (tag.local === 'xf' && inCellXfs && depth === 3) {
            xfStart = tagStart(xml, end);
            ids.push(Number(attribute(tag, 'numFmtId') ?? 0) || 0);
          }
        },
        close(tag, end) {
          depth--;
          if (!isMainNs(tag.uri)) return;
          if (tag.local === 'cellXfs' && inCellXfs && depth === 1) {
            inCellXfs = false;
            cellXfs.end = end;
          } else if (tag.local === 'xf' && inCellXfs && depth === 2) {
            xfs.push(xml.slice(xfStart, end));
          }
        },
      });
    }
    const numFmts = ids.map((id) => (id ? custom.get(id) ?? BUILTIN_FORMATS[id] ?? '' : ''));
    this.styleInfo = { xml, numFmts, xfs, cellXfs, plain };
    return this.styleInfo;
  }

  /**
   * The rows of a sheet with their cells' values (blank rows and empty cells included as the
   * file has them). A row or cell without its address follows the one before it.
   * @throws LightUnsupported for a sheet whose XML is not well-formed, or whose rows or cells
   *   are out of order or outside the sheet
   */
  sheet(name: string): LightSheet {
    const info = this.inspection.sheets.find((s) => s.name === name);
    if (!info?.part) throw new LightUnsupported(`sheet ${name} has no part`);
    const xml = this.part(info.part);
    if (xml === undefined) throw new LightUnsupported(`part ${info.part} missing`);
    const context = { strings: this.sharedStrings(), numFmts: this.styles().numFmts, date1904: this.inspection.date1904 };
    const rows = scanPlainSheet(info.part, xml, context) ?? readSheetXml(info.part, xml, context);
    return { name, state: info.state, part: info.part, xml, ...rows };
  }
}

/** Whether a style index's number format is a percent format (for writing percents back). */
export function stylePercent(styles: LightStyles, index: number): boolean {
  return isPercentFormat(styles.numFmts[index]);
}
