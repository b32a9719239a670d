/**
 * The two sheet readers against a straightforward reference: sheets are generated as a model
 * (rows, cells, values), written out as XML in many of the forms programs use, and read back.
 * The parser must give the model's values for every form; the scanner must give the same for
 * the plain form, and for any other form either give up (undefined) or give the parser's answer.
 */
import fc from 'fast-check';
import { LightUnsupported, readSheetXml, readStringsXml, scanPlainSheet, scanPlainStrings, type CellContext, type SheetRows } from './sheetRows';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const STRICT = 'http://purl.oclc.org/ooxml/spreadsheetml/main';

/** A cell of the model: what it holds, and the value the tool must read from it. */
type ModelValue =
  | { kind: 'number'; value: number }
  | { kind: 'shared'; index: number }
  | { kind: 'inline'; text: string }
  | { kind: 'str'; text: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'error'; text: string }
  | { kind: 'formula'; formula: string; value: number }
  | { kind: 'empty' };

interface ModelRow {
  number: number;
  cells: Array<{ col: number; value: ModelValue }>;
}

const SHARED = ['کرج', 'a & b', 'سطر\nدوم'];
const context: CellContext = { strings: SHARED, numFmts: [], date1904: false };

/** Text a person could type: Persian, markup characters, quotes, line ends, an astral character, `]]>`. */
const text = fc.array(fc.constantFrom('ا', 'ب', 'ک', 'ی', ' ', 'a', '1', '<', '>', '&', '"', "'", '\n', '\t', ']]>', '😀', '_x000D_', ';', '#'), { minLength: 1, maxLength: 12 })
  .map((parts) => parts.join(''))
  .filter((t) => t.trim() !== '' && t === t.replace(/\r/g, ''));

const modelValue: fc.Arbitrary<ModelValue> = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }).map((value) => ({ kind: 'number' as const, value: Object.is(value, -0) ? 0 : value })),
  fc.integer({ min: 0, max: SHARED.length - 1 }).map((index) => ({ kind: 'shared' as const, index })),
  text.map((t) => ({ kind: 'inline' as const, text: t })),
  text.map((t) => ({ kind: 'str' as const, text: t })),
  fc.boolean().map((value) => ({ kind: 'bool' as const, value })),
  fc.constantFrom('#REF!', '#N/A', '#DIV/0!').map((t) => ({ kind: 'error' as const, text: t })),
  fc.integer({ min: 0, max: 1000 }).map((value) => ({ kind: 'formula' as const, formula: 'SUM(A1:A2)&"<>"', value })),
  fc.constant({ kind: 'empty' as const }),
);

/** Rows with ascending numbers and cells with ascending columns, gaps allowed. */
const model: fc.Arbitrary<ModelRow[]> = fc.array(
  fc.record({
    gap: fc.integer({ min: 1, max: 3 }),
    cells: fc.array(fc.record({ gap: fc.integer({ min: 1, max: 2 }), value: modelValue }), { maxLength: 5 }),
  }),
  { maxLength: 6 },
).map((rows) => {
  let number = 0;
  return rows.map((r) => {
    number += r.gap;
    let col = 0;
    return { number, cells: r.cells.map((c) => ({ col: (col += c.gap), value: c.value })) };
  });
});

/** The value the tool must read from a model cell (no number formats: the values as they are). */
function expected(value: ModelValue): unknown {
  switch (value.kind) {
    case 'number': return value.value;
    case 'shared': return SHARED[value.index];
    case 'inline': case 'str': return value.text;
    case 'bool': return value.value;
    case 'error': return value.text;
    case 'formula': return value.value;
    case 'empty': return null;
  }
}

function reference(rows: ModelRow[]): Array<{ number: number; cells: Array<{ col: number; value: unknown }> }> {
  return rows.map((r) => ({ number: r.number, cells: r.cells.map((c) => ({ col: c.col, value: expected(c.value) })) }));
}

/** How a sheet is written out. */
interface Form {
  /** Element prefix (`x:`), '' for the default namespace. */
  prefix: string;
  namespace: string;
  /** Leave out `r` on rows and cells that directly follow the one before. */
  omitAddresses: boolean;
  /** Texts as CDATA sections. */
  cdata: boolean;
  /** Some characters as numeric references. */
  references: boolean;
  /** Comments and line breaks between rows and cells. */
  noise: boolean;
  /** Attributes quoted with apostrophes, `t` before `r`. */
  oddAttributes: boolean;
  /** Formulas as LibreOffice writes them (`<f aca="false">`). */
  aca: boolean;
}

const PLAIN: Form = { prefix: '', namespace: MAIN, omitAddresses: false, cdata: false, references: false, noise: false, oddAttributes: false, aca: false };

const form: fc.Arbitrary<Form> = fc.record({
  prefix: fc.constantFrom('', 'x:', 'ns0:'),
  namespace: fc.constantFrom(MAIN, STRICT),
  omitAddresses: fc.boolean(),
  cdata: fc.boolean(),
  references: fc.boolean(),
  noise: fc.boolean(),
  oddAttributes: fc.boolean(),
  aca: fc.boolean(),
});

function columnLetters(col: number): string {
  let letters = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** A text as character data in the given form (`]]>` is never written raw: it cannot be). */
function chars(value: string, f: Form): string {
  if (f.cdata && !value.includes(']]>')) return `<![CDATA[${value}]]>`;
  const escaped = value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return f.references ? escaped.replace(/[ک\n"]/gu, (c) => `&#x${c.codePointAt(0)!.toString(16)};`) : escaped;
}

function sheetXml(rows: ModelRow[], f: Form): string {
  const p = f.prefix;
  const q = (name: string, value: string) => (f.oddAttributes ? ` ${name}='${value}'` : ` ${name}="${value}"`);
  const gap = f.noise ? '\n  <!-- ردیف -->\n' : '';
  const f0 = f.aca ? `<${p}f aca="false">` : `<${p}f>`;
  let lastRow = 0;
  const body = rows.map((row) => {
    let lastCol = 0;
    const cells = row.cells.map((c) => {
      const address = f.omitAddresses && c.col === lastCol + 1 ? '' : q('r', `${columnLetters(c.col)}${row.number}`);
      lastCol = c.col;
      const v = c.value;
      const type = { number: '', shared: 's', inline: 'inlineStr', str: 'str', bool: 'b', error: 'e', formula: '', empty: '' }[v.kind];
      const attrs = f.oddAttributes ? `${type ? q('t', type) : ''}${address}` : `${address}${type ? q('t', type) : ''}`;
      const content = v.kind === 'number' ? `<${p}v>${v.value}</${p}v>`
        : v.kind === 'shared' ? `<${p}v>${v.index}</${p}v>`
          : v.kind === 'inline' ? `<${p}is><${p}t xml:space="preserve">${chars(v.text, f)}</${p}t></${p}is>`
            : v.kind === 'str' ? `${f0}"x"</${p}f><${p}v>${chars(v.text, f)}</${p}v>`
              : v.kind === 'bool' ? `<${p}v>${v.value ? 1 : 0}</${p}v>`
                : v.kind === 'error' ? `<${p}v>${v.text}</${p}v>`
                  : v.kind === 'formula' ? `${f0}${chars(v.formula, f)}</${p}f><${p}v>${v.value}</${p}v>`
                    : '';
      return content ? `<${p}c${attrs}>${content}</${p}c>${gap}` : `<${p}c${attrs}/>`;
    }).join('');
    const address = f.omitAddresses && row.number === lastRow + 1 ? '' : q('r', String(row.number));
    lastRow = row.number;
    return `<${p}row${address}>${gap}${cells}</${p}row>${gap}`;
  }).join('');
  const ns = p ? `xmlns:${p.slice(0, -1)}="${f.namespace}"` : `xmlns="${f.namespace}"`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}worksheet ${ns} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`
    + `<${p}dimension ref="A1"/><${p}sheetData>${body}</${p}sheetData><${p}mergeCells count="1"><${p}mergeCell ref="A1:B2"/></${p}mergeCells></${p}worksheet>`;
}

/** What a reader gives, reduced to what the model says (rows, columns, values). */
function values(rows: SheetRows): Array<{ number: number; cells: Array<{ col: number; value: unknown }> }> {
  return rows.rows.map((r) => ({ number: r.number, cells: r.cells.map((c) => ({ col: c.col, value: c.value })) }));
}

/** A reader's outcome: its rows, or that it refused (LightUnsupported). */
function outcome(read: () => SheetRows | undefined): SheetRows | 'refused' | undefined {
  try {
    return read();
  } catch (error) {
    if (error instanceof LightUnsupported) return 'refused';
    throw error;
  }
}

describe('the XML parser reads every form a sheet is written in', () => {
  it('gives the model’s values for any prefix, either namespace, missing addresses, CDATA, references, comments, odd attributes', () => {
    fc.assert(fc.property(model, form, (rows, f) => {
      const read = readSheetXml('sheet.xml', sheetXml(rows, f), context);
      expect(values(read)).toEqual(reference(rows));
      expect(read.merges).toEqual(['A1:B2']);
      expect(read.plain).toBe(f.prefix === '' && f.namespace === MAIN);
    }), { numRuns: 300 });
  });
});

describe('the scanner gives the parser’s answer or steps aside', () => {
  it('reads the plain form itself (Excel’s, exceljs’s, LibreOffice’s), with the model’s values', () => {
    fc.assert(fc.property(model, fc.boolean(), (rows, aca) => {
      const scanned = scanPlainSheet('sheet.xml', sheetXml(rows, { ...PLAIN, aca }), context);
      expect(scanned).toBeDefined();
      expect(values(scanned!)).toEqual(reference(rows));
      expect(scanned!.merges).toEqual(['A1:B2']);
      expect(scanned!.plain).toBe(true);
    }), { numRuns: 300 });
  });

  it('on every other form gives up or agrees with the parser, offsets included', () => {
    fc.assert(fc.property(model, form, (rows, f) => {
      const xml = sheetXml(rows, f);
      const scanned = scanPlainSheet('sheet.xml', xml, context);
      if (scanned) expect(scanned).toEqual(readSheetXml('sheet.xml', xml, context));
    }), { numRuns: 300 });
  });

  it('after any damage or insertion among the rows, never answers where the parser refuses, and agrees where it reads', () => {
    const insert = fc.constantFrom('<', '&', '&foo;', '&#0;', ']]>', '<!-- x -->', '<?pi x?>', '<![CDATA[1]]>', '<x:c r="A9"/>', '<c r="A9" foo="a>b"/>',
      '</row>', '<row r="1">', ' ', '\u0001', '\r\n', '<v>1</v>', '<c r="ZZZZ1"/>', '<row r="2" r="3"/>', '<row r="9" xmlns="urn:x"/>', '<row r="9" q:x="1"/>');
    fc.assert(fc.property(model, fc.nat(), insert, (rows, position, piece) => {
      const plain = sheetXml(rows, PLAIN);
      const from = plain.indexOf('<sheetData>') + '<sheetData>'.length;
      const to = plain.indexOf('</sheetData>');
      const at = from + (position % (to - from + 1));
      const xml = plain.slice(0, at) + piece + plain.slice(at);
      const scanned = outcome(() => scanPlainSheet('sheet.xml', xml, context));
      const parsed = outcome(() => readSheetXml('sheet.xml', xml, context));
      if (scanned === undefined) return;
      if (parsed === 'refused') expect(scanned).toBe('refused');
      else expect(scanned).toEqual(parsed);
    }), { numRuns: 1000 });
  });
});

describe('offsets point at the elements in the text', () => {
  it('a row’s and a cell’s start and end slice out exactly their elements, in both readers', () => {
    const xml = sheetXml([{ number: 2, cells: [{ col: 1, value: { kind: 'number', value: 7 } }, { col: 3, value: { kind: 'empty' } }] }], PLAIN);
    for (const read of [scanPlainSheet('s', xml, context)!, readSheetXml('s', xml, context)]) {
      const [row] = read.rows;
      expect(xml.slice(row.start, row.end)).toBe('<row r="2"><c r="A2"><v>7</v></c><c r="C2"/></row>');
      expect(xml.slice(row.start, row.openEnd)).toBe('<row r="2">');
      expect(row.cells.map((c) => xml.slice(c.start, c.end))).toEqual(['<c r="A2"><v>7</v></c>', '<c r="C2"/>']);
    }
  });
});

describe('shared strings: the scanner gives the parser’s answer or steps aside', () => {
  /** A shared strings part of these texts ('' for an empty item) in a form. */
  function sstXml(texts: string[], f: Form, rich: boolean): string {
    const p = f.prefix;
    const items = texts.map((t, i) => {
      if (t === '') return i % 2 ? `<${p}si/>` : `<${p}si><${p}t/></${p}si>`;
      if (rich) return `<${p}si><${p}r><${p}rPr><${p}b/></${p}rPr><${p}t>${chars(t, f)}</${p}t></${p}r><${p}rPh sb="0" eb="1"><${p}t>فونتیک</${p}t></${p}rPh></${p}si>`;
      return `<${p}si><${p}t xml:space="preserve">${chars(t, f)}</${p}t></${p}si>${f.noise ? '\n<!-- x -->' : ''}`;
    }).join('');
    const ns = p ? `xmlns:${p.slice(0, -1)}="${f.namespace}"` : `xmlns="${f.namespace}"`;
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}sst ${ns} count="${texts.length}">${items}</${p}sst>`;
  }
  const texts = fc.array(fc.oneof(text, fc.constant('')), { maxLength: 8 });
  const expectedStrings = (list: string[]) => list.map((t) => (t === '' ? undefined : t.replace(/_x000D_/g, '\r')));

  it('the parser reads every form: the item texts, phonetic runs left out, escapes decoded', () => {
    fc.assert(fc.property(texts, form, fc.boolean(), (list, f, rich) => {
      expect(readStringsXml('sst.xml', sstXml(list, f, rich))).toEqual(expectedStrings(list));
    }), { numRuns: 300 });
  });

  it('the scanner reads the plain form itself, and any other form or damaged part it gives up or agrees', () => {
    fc.assert(fc.property(texts, (list) => {
      expect(scanPlainStrings('sst.xml', sstXml(list, PLAIN, false))).toEqual(expectedStrings(list));
    }), { numRuns: 300 });
    fc.assert(fc.property(texts, form, fc.boolean(), (list, f, rich) => {
      const xml = sstXml(list, f, rich);
      const scanned = scanPlainStrings('sst.xml', xml);
      if (scanned) expect(scanned).toEqual(readStringsXml('sst.xml', xml));
    }), { numRuns: 300 });
    const insert = fc.constantFrom('<', '&', '&foo;', '&#0;', ']]>', '<!-- x -->', '<![CDATA[1]]>', '<x:si/>', '</si>', '<si>', '\u0001', '\r\n', '<si foo="a>b"/>', '</sst>');
    fc.assert(fc.property(texts, fc.nat(), insert, (list, position, piece) => {
      const plain = sstXml(list, PLAIN, false);
      const at = position % (plain.length + 1);
      const xml = plain.slice(0, at) + piece + plain.slice(at);
      const scanned = outcome(() => scanPlainStrings('sst.xml', xml) as unknown as SheetRows | undefined);
      const parsed = outcome(() => readStringsXml('sst.xml', xml) as unknown as SheetRows);
      if (scanned === undefined) return;
      if (parsed === 'refused') expect(scanned).toBe('refused');
      else expect(scanned).toEqual(parsed);
    }), { numRuns: 1000 });
  });
});

describe('the scanner is not fooled by rows that are not rows', () => {
  it('steps aside for a commented-out sheetData before the real one, out of order inside; the parser reads the real rows', () => {
    const xml = `<worksheet xmlns="${MAIN}"><!--<sheetData><row r="2"/><row r="1"/></sheetData>--><sheetData><row r="1"><c r="A1"><v>5</v></c></row></sheetData></worksheet>`;
    expect(scanPlainSheet('s', xml, context)).toBeUndefined();
    expect(values(readSheetXml('s', xml, context))).toEqual([{ number: 1, cells: [{ col: 1, value: 5 }] }]);
  });

  it('steps aside for a date cell that is not a date, which the parser then refuses', () => {
    const xml = `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="d"><v>فردا</v></c></row></sheetData></worksheet>`;
    expect(scanPlainSheet('s', xml, context)).toBeUndefined();
    expect(() => readSheetXml('s', xml, context)).toThrow(LightUnsupported);
  });
});
