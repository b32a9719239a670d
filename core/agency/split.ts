/**
 * Split the `اقدام کننده` cell into agencies. Separators are " - " (also " -- ", " − ", " ـ "),
 * an en/em dash, "/", and a paragraph break inside the cell (a Word cell with one agency per
 * paragraph). `،` and ` و ` separate agencies only where every piece is an agency, and never
 * inside a name the shipped directory knows (`اداره کل تعاون، کار و رفاه اجتماعی`, `آموزش و پرورش`).
 */
import { comparisonKey, normalizeText } from '../text/normalize';
import type { Warning } from '../minutes/types';
import { toPersianDigits } from '../text/digits';
import { agencyKind, governmentBodyNames } from './match';

/**
 * Paragraphs of a cell. A paragraph that ends in "و" or "،", or one that starts with "و" (or is
 * only "و"), is a long name someone wrapped by pressing Enter, not a second agency: it is joined back.
 */
function paragraphs(cell: string): string[] {
  const out: string[] = [];
  for (const raw of cell.split(/[\n\r\u2028\u2029]+/)) {
    // a tatweel standing alone between spaces is a dash typed on a Persian keyboard (` ـ `);
    // normalizeText would delete it and join the two names
    const part = normalizeText(raw.replace(/\s\u0640+\s/g, ' - '));
    if (!part) continue;
    const previous = out[out.length - 1];
    if (previous !== undefined && (/(^|\s)و$|،$/.test(previous) || /^و(\s|$)/.test(part))) out[out.length - 1] = `${previous} ${part}`;
    else out.push(part);
  }
  return out;
}

/**
 * @param cell the responsible-agency cell as written (may hold line or paragraph breaks)
 * @returns display-normalized agency names, in order, without empties or exact repeats
 */
export function splitAgencies(cell: string): string[] {
  return splitAgencyCell(cell).agencies;
}

/**
 * Like splitAgencies, with the warnings a person should see: a `،` / `و` list kept whole because
 * a piece is not clearly an agency, with the split it would have made.
 * @returns display-normalized agency names, in order, without empties or exact repeats
 */
export function splitAgencyCell(cell: string): { agencies: string[]; warnings: Warning[] } {
  const seen = new Set<string>();
  const out: string[] = [];
  const warnings: Warning[] = [];
  for (const paragraph of paragraphs(cell)) {
    for (const part of paragraph.split(/\s+(?:-+|[\u2010-\u2015\u2212])\s+|\s*[\u2013\u2014]\s*|\s*\/\s*/)) {
      const name = part.replace(/^[-\u2013\u2014\s.،]+|[-\u2013\u2014\s.،]+$/g, '').trim();
      if (!name) continue;
      const list = splitList(name);
      if (list.unsure) {
        warnings.push({ code: 'agency_list_unsure',
          fa: `«${name}» شاید چند دستگاه باشد (${list.unsure.map((p) => `«${p}»`).join('، ')})؛ یکجا نگه داشته شد، اگر جداست آن را جدا کنید`,
          en: `"${name}" may be ${toPersianDigits(list.unsure.length)} agencies (${list.unsure.join(' | ')}); kept whole, split it by hand if they are separate` });
      }
      for (const piece of list.pieces) {
        if (!seen.has(piece)) {
          seen.add(piece);
          out.push(piece);
        }
      }
    }
  }
  return { agencies: out, warnings };
}

/**
 * The pieces of a name between its `،` / ` و ` separators, never cutting inside a name of the
 * shipped directory, and the separators themselves.
 */
export function listPieces(name: string): { pieces: string[]; cuts: Array<{ start: number; end: number; text: string }> } {
  const ranges = protectedRanges(name);
  const inside = (i: number) => ranges.some(([s, e]) => i >= s && i < e);
  const cuts: Array<{ start: number; end: number; text: string }> = [];
  for (const match of name.matchAll(/\s*[،,]\s*|\s+و\s+/g)) {
    const start = match.index ?? 0;
    if (!inside(start + match[0].search(/[،,و]/))) cuts.push({ start, end: start + match[0].length, text: match[0] });
  }
  const pieces: string[] = [];
  let from = 0;
  for (const cut of cuts) {
    pieces.push(name.slice(from, cut.start).trim());
    from = cut.end;
  }
  pieces.push(name.slice(from).trim());
  return { pieces, cuts };
}

/** A plural head word that addresses a group of offices (`فرمانداری‌ها`, `شهرداری‌های استان`, `ادارات`). */
function isGroup(piece: string): boolean {
  return /^(?:کلیه|تمامی)?(?:(?:فرمانداری|شهرداری|بخشداری|دهیاری|دستگاه|سازمان|شرکت|اداره|دانشگاه|بانک|کمیته)(?:ها|های)|ادارات)/.test(comparisonKey(piece));
}

/** The comparison key of each character, with the position of the character it came from. */
function keyed(text: string): { key: string; at: number[] } {
  let key = '';
  const at: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const k = comparisonKey(text[i]);
    for (const ch of k) {
      key += ch;
      at.push(i);
    }
  }
  return { key, at };
}

let knownKeys: string[] | undefined;
/** Keys of every name in the shipped directory, longest first. */
function protectedKeys(): string[] {
  knownKeys ??= [...new Set(governmentBodyNames().map(comparisonKey).filter((k) => k.length >= 4))].sort((a, b) => b.length - a.length);
  return knownKeys;
}

/** Character ranges [start, end) of the text that are known names, where no separator may split. */
function protectedRanges(text: string): Array<[number, number]> {
  const { key, at } = keyed(text);
  const ranges: Array<[number, number]> = [];
  const boundary = (i: number) => i < 0 || i >= text.length || /[\s،,.]/.test(text[i]);
  for (const name of protectedKeys()) {
    let from = 0;
    for (;;) {
      const found = key.indexOf(name, from);
      if (found < 0) break;
      from = found + 1;
      const start = at[found];
      const end = at[found + name.length - 1] + 1;
      if (boundary(start - 1) && boundary(end)) ranges.push([start, end]);
    }
  }
  return ranges;
}

/**
 * Split one name on `،` and ` و ` where every piece is an agency (known, or a head word with a
 * name). When pieces are not all clearly agencies the name stays whole; `unsure` then holds the
 * split a person might make (pieces that are not agencies joined to the one before them), when
 * it has more than one piece.
 */
function splitList(name: string): { pieces: string[]; unsure?: string[] } {
  const { pieces, cuts } = listPieces(name);
  if (cuts.length === 0) return { pieces: [name] };
  const kinds = pieces.map(agencyKind);
  // `فرمانداری‌ها و شهرداری‌های استان`: groups of offices are addressed together, as written
  if (pieces.every(isGroup)) return { pieces: [name] };
  // a head word alone before a named office may share its name (`فرمانداری و شهرداری کرج`): unsure
  const sharing = kinds.some((k, i) => k === 'bare' && kinds[i + 1] === 'headed');
  if (!sharing && kinds.every((k) => k !== 'unknown')) return { pieces };
  // a piece that is not an agency belongs to the one before it (`سازمان مدیریت و برنامه ریزی`)
  const merged: string[] = [];
  pieces.forEach((piece, i) => {
    if (merged.length && (kinds[i] === 'unknown' || (kinds[i - 1] === 'bare' && kinds[i] === 'headed'))) merged[merged.length - 1] += `${cuts[i - 1].text}${piece}`;
    else merged.push(piece);
  });
  return merged.length > 1 || sharing ? { pieces: [name], unsure: sharing ? pieces : merged } : { pieces: [name] };
}
