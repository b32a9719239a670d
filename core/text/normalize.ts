/**
 * Persian text normalization. Two levels:
 * - `normalizeText` is for display and storage: it fixes what differs between keyboards
 *   (Arabic ي/ك, tatweel, bidi marks, runs of spaces) but keeps the writer's ZWNJ.
 * - `comparisonKey` is for deciding whether two strings name the same thing (agencies,
 *   statuses): it also folds ZWNJ/space, heh variants, alef variants and diacritics.
 */
import { toLatinDigits } from './digits';

/** Bidi controls, BOM and other invisible formatting characters (ZWNJ U+200C is NOT included). */
// ZWJ (U+200D) stands alone in the class, to be removed; it joins nothing here
// eslint-disable-next-line no-misleading-character-class
const INVISIBLE = /[\u200b\u200d\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff\u00ad]/g;
const TATWEEL = /\u0640/g;
/** Arabic diacritics (harakat, tanwin, shadda, sukun, superscript alef, hamza marks). */
const DIACRITICS = /[\u064b-\u065f\u0670\u06d6-\u06ed]/g;

/**
 * Unicode NFC. Where `String.prototype.normalize` is missing (Internet Explorer 11, the webview of
 * older Excels) only the Arabic-script compositions are made — alef, waw, yeh, heh goal, yeh barree
 * and ae with a following madda or hamza above/below (U+0653–U+0655) — which is what NFC
 * changes in Persian text apart from the order of stacked diacritics.
 */
function nfc(text: string): string {
  if (typeof text.normalize === 'function') return text.normalize('NFC');
  return text.replace(/([\u0627\u0648\u064a\u06c1\u06d2\u06d5])([\u0653-\u0655])/g, (pair, base: string, mark: string) => ARABIC_COMPOSITIONS[base + mark] ?? pair);
}

/** Canonical compositions of Arabic letters (UnicodeData.txt's decompositions, reversed). */
const ARABIC_COMPOSITIONS: Record<string, string> = {
  '\u0627\u0653': '\u0622', '\u0627\u0654': '\u0623', '\u0648\u0654': '\u0624', '\u0627\u0655': '\u0625',
  '\u064a\u0654': '\u0626', '\u06d5\u0654': '\u06c0', '\u06c1\u0654': '\u06c2', '\u06d2\u0654': '\u06d3',
};

/**
 * Characters normalizeText never changes and NFC never joins: printable ASCII, the Arabic-script
 * letters Persian uses (without ي ى ك ہ ە and tatweel), Persian and Arabic-Indic digits,
 * Arabic punctuation and «». Each is its own NFC form and none combines with a neighbour.
 * A table by UTF-16 code unit below U+0700 (1 = steady).
 */
const STEADY = ((): Uint8Array => {
  const table = new Uint8Array(0x700);
  const mark = (from: number, to = from) => { for (let c = from; c <= to; c++) table[c] = 1; };
  mark(0x21, 0x7e);
  mark(0xab);
  mark(0xbb);
  mark(0x60c);
  mark(0x61b);
  mark(0x61f);
  mark(0x621, 0x63a);
  mark(0x641, 0x642);
  mark(0x644, 0x648);
  mark(0x660, 0x66c);
  mark(0x67e);
  mark(0x686);
  mark(0x698);
  mark(0x6a9);
  mark(0x6af);
  mark(0x6cc);
  mark(0x6f0, 0x6f9);
  return table;
})();

/**
 * True when the text is known to be its own normalizeText without any work: steady characters,
 * with single spaces or single ZWNJs only between two of them (or the empty text). False does
 * not mean the text would change.
 */
export function isSettledText(text: string): boolean {
  const last = text.length - 1;
  let gap = true; // at the start, or just after a space or ZWNJ
  for (let i = 0; i <= last; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x700 && STEADY[code] === 1) {
      gap = false;
    } else if ((code === 0x20 || code === 0x200c) && !gap && i < last) {
      gap = true;
    } else {
      return false;
    }
  }
  return true;
}

/**
 * Normalize text for display and storage.
 * - Arabic yeh (ي U+064A, ى U+0649) → Persian yeh ی (U+06CC); Arabic kaf ك → Persian ک;
 *   Urdu heh goal ہ (U+06C1) and ae ە → ه (typing artefacts of other keyboards)
 * - removes tatweel and invisible bidi/format marks; keeps ZWNJ (U+200C) but drops
 *   ZWNJ next to a space or at the ends of the text
 * - every kind of white space (incl. NBSP, tabs, newlines) collapsed to one space, trimmed
 * Digits are left as written. Idempotent. Never throws.
 */
export function normalizeText(text: string): string {
  // most register cells are already normal; telling so costs one scan and no new string
  if (isSettledText(text)) return text;
  // drop invisibles before NFC, so a mark hidden between a letter and its hamza/madda
  // cannot keep them apart (otherwise a second pass would give a different string)
  return nfc(text.replace(TATWEEL, '').replace(INVISIBLE, ''))
    .replace(/[\u064a\u0649]/g, '\u06cc')
    .replace(/\u0643/g, '\u06a9')
    .replace(/[\u06c1\u06d5]/g, '\u0647')
    .replace(/[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g, ' ')
    // a run of ZWNJs and spaces is one space when it has a space, else one ZWNJ
    .replace(/[ \u200c]*\u200c[ \u200c]*/g, (m) => (m.includes(' ') ? ' ' : '\u200c'))
    .replace(/^\u200c+|\u200c+$/g, '')
    .trim();
}

/**
 * A key for equality of Persian names regardless of how they were typed.
 * On top of `normalizeText`: drops diacritics; folds ۀ/ہ/ة/ۃ/ھ → ه, أ/إ/آ/ٱ → ا, ؤ → و,
 * ئ → ی; removes ZWNJ and spaces entirely (so `دستگاههای`, `دستگاه‌های`, `دستگاه های` are
 * equal); Persian/Arabic digits → Latin; Latin letters lower-cased; punctuation other than
 * letters and digits removed. Never throws; the empty string maps to ''.
 */
export function comparisonKey(text: string): string {
  return toLatinDigits(normalizeText(text))
    .replace(DIACRITICS, '')
    .replace(/[\u06c0\u06c1\u06c2\u06c3\u0629\u06be\u06d5]/g, '\u0647')
    .replace(/[\u0623\u0625\u0622\u0671]/g, '\u0627')
    .replace(/\u0624/g, '\u0648')
    .replace(/\u0626/g, '\u06cc')
    .replace(/\u0621/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}
