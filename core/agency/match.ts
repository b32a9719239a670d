/**
 * Whether two spellings name one agency, and what kind of name a piece of an agency list is.
 * Three levels: the same (comparison key), certain (only honorifics, `استان`, Arabic letters or
 * spacing differ, or the shipped directory knows both as one body), likely (a generic head word
 * such as `سازمان` / `اداره کل`, `شهرستان`, a missing `و`, or one typed letter differ).
 */
import { comparisonKey, normalizeText } from '../text/normalize';
import { GENERIC_HEADS, GOVERNMENT_BODIES, HEAD_WORDS, PROVINCES } from './bodies';
import { editDistance } from './directory';

const HONORIFICS = /(^|\s)(?:محترم|محترمه|معزز|ارجمند)(?=\s|$)/g;
const BLESSINGS = /\(\s*(?:ره|ع|س|عج|ص)\s*\)/g;
const PROVINCE_KEYS = PROVINCES.map(comparisonKey).sort((a, b) => b.length - a.length);

/** Words split on spaces and ZWNJ, after display normalization. */
function words(name: string): string[] {
  return normalizeText(name).replace(/\u200c/g, ' ').replace(/[،,]/g, ' ، ').split(' ').filter(Boolean);
}

/** The key without honorifics, blessings, `استان` (and the province after it) and punctuation. */
export function decoratedKey(name: string): string {
  let key = comparisonKey(normalizeText(name).replace(BLESSINGS, ' ').replace(HONORIFICS, ' '));
  // `استان` and a province name after it (`استان البرز`) say where, not which body
  key = key.replace(/استان/g, '\u0001');
  for (const province of PROVINCE_KEYS) key = key.split(`\u0001${province}`).join('\u0001');
  return key.replace(/\u0001/g, '');
}

const GENERIC_HEAD_KEYS = GENERIC_HEADS.map(comparisonKey).sort((a, b) => b.length - a.length);

/**
 * The key two spellings of one agency share: decoratedKey without a leading generic head word
 * (`اداره کل`, `سازمان`, `شرکت` …), without `شهرستان`, and without the conjunction `و`.
 */
export function coreKey(name: string): string {
  const bare = words(normalizeText(name).replace(BLESSINGS, ' ').replace(HONORIFICS, ' '))
    .filter((w) => w !== 'و' && w !== '،' && w !== 'شهرستان');
  let key = decoratedKey(bare.join(' '));
  for (const head of GENERIC_HEAD_KEYS) {
    if (key.startsWith(head) && key.length > head.length) {
      key = key.slice(head.length);
      break;
    }
  }
  return key;
}

/** One body of the shipped directory: its full name and every form it is written in. */
export interface GovernmentBody {
  name: string;
  forms: readonly string[];
}

const BODY_BY_CORE = new Map<string, GovernmentBody>();
for (const forms of GOVERNMENT_BODIES) {
  const body = { name: forms[0], forms };
  for (const form of forms) if (!BODY_BY_CORE.has(coreKey(form))) BODY_BY_CORE.set(coreKey(form), body);
}

/** The shipped directory's body a name means (`آبفا`, `اداره کل بهزیستی استان`), or undefined. */
export function findGovernmentBody(name: string): GovernmentBody | undefined {
  const key = coreKey(name);
  return key ? BODY_BY_CORE.get(key) : undefined;
}

/** Every name and short form in the shipped directory (for tests and the protected spans of splitting). */
export function governmentBodyNames(): string[] {
  return GOVERNMENT_BODIES.flatMap((forms) => [...forms]);
}

const HEAD_KEYS = HEAD_WORDS.map((h) => comparisonKey(h)).sort((a, b) => b.length - a.length);
/** Words that may follow a bare head word and still leave it bare (`فرمانداری‌های محترم`). */
const QUALIFIERS = new Set(['محترم', 'استان', 'شهرستان', 'تابعه', 'ذیربط', 'مربوطه', 'اجرایی'].map(comparisonKey));

/**
 * What kind of agency name a piece of a list is:
 * - `known`: a body of the shipped directory;
 * - `headed`: a head word and a name (`شرکت گاز`, `فرمانداری کرج`, `شهرداری‌های استان`);
 * - `bare`: only a head word (`فرمانداری‌ها`), which shares the words after it with its neighbour;
 * - `unknown`: not recognisably an agency (`رفاه اجتماعی`).
 */
export function agencyKind(piece: string): 'known' | 'headed' | 'bare' | 'unknown' {
  if (findGovernmentBody(piece)) return 'known';
  // a known body with its place after it (`بسیج شهر`, `آبفای شهرستان مهریز`)
  const placeless = normalizeText(piece).replace(/\s+(?:شهر|شهرستان|استان|منطقه|ناحیه|بخش)(?:\s+\S+)?$/, '');
  if (placeless !== normalizeText(piece) && findGovernmentBody(placeless)) return 'known';
  const list = words(piece).filter((w) => w !== '،');
  const key = comparisonKey(list.join(' '));
  for (const head of HEAD_KEYS) {
    if (!key.startsWith(head)) continue;
    // the head must end on a word boundary: `اداره` is a head of `اداره برق`, not of `ادارهای`
    let consumed = '';
    let at = 0;
    while (at < list.length && consumed.length < head.length) consumed += comparisonKey(list[at++]);
    // plural forms typed apart (`فرمانداری ها`)
    while (at < list.length && /^(ها|های|هایی)$/.test(list[at])) at++;
    if (consumed !== head && !(consumed.startsWith(head) && /^(ها|های)$/.test(consumed.slice(head.length)))) continue;
    const rest = list.slice(at).filter((w) => !QUALIFIERS.has(comparisonKey(w)));
    if (rest.length > 0) return 'headed';
    return list.slice(at).length > 0 ? 'headed' : 'bare';
  }
  return 'unknown';
}

/** How sure it is that two spellings name one agency. */
export type AgencyMatch = 'same' | 'certain' | 'likely' | 'different';

/** Compare two spellings of agency names (see the module comment for the levels). */
export function compareAgencies(a: string, b: string): AgencyMatch {
  const ka = comparisonKey(a);
  const kb = comparisonKey(b);
  if (!ka || !kb) return 'different';
  if (ka === kb) return 'same';
  if (decoratedKey(a) === decoratedKey(b) && decoratedKey(a) !== '') return 'certain';
  const ba = findGovernmentBody(a);
  if (ba && ba === findGovernmentBody(b)) return 'certain';
  const ca = coreKey(a);
  const cb = coreKey(b);
  if (ca && ca === cb) return 'likely';
  // one letter typed wrong in a long name (`بهزیسی`); short names differ by one letter too often
  if (ca.length >= 8 && cb.length >= 8 && editDistance(ca, cb) <= 1) return 'likely';
  return 'different';
}
