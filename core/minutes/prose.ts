/**
 * Minutes without a table: the resolutions are numbered paragraphs (`۱- مقرر گردید …`, `1) …`,
 * `بند ۲: …`, `281 مقرر گردید …`), with the responsible agency and the deadline inside the
 * sentence. What is taken from a sentence is only what it says plainly; the caller warns about
 * every extraction so a person checks it, and an agency that is not plain is left empty.
 */
import { normalizeText } from '../text/normalize';
import { toLatinDigits } from '../text/digits';
import { agencyKind } from '../agency/match';
import { listPieces, splitAgencyCell } from '../agency/split';
import { parseDeadline } from '../deadline/parse';
import type { TableRow } from './table';

/** A resolution read from a paragraph: the row, plus what was taken from its sentence. */
export interface ProseRow extends TableRow {
  /** The sentence's words the agencies were taken from; undefined when the sentence names none plainly. */
  agencyFrom?: string;
  /** The words of the sentence the deadline was taken from; undefined when it gives none. */
  deadlineFrom?: string;
}

/** Words that say a decision was made: a numbered paragraph with one of them is a resolution. */
const DECISION = /مقرر\s*(?:گردید|شد|می\s*گردد|میگردد|می\s*شود|گرديد)|مصوب\s*(?:شد|گردید)|موظف|مکلف|تصویب\s*(?:شد|گردید|رسید)|مقرر\s*است|تاکید\s*شد|مقررگردید/;

/** A line that opens the resolutions (`مصوبات:`, `موارد ذیل مصوب گردید:`, `تصمیمات جلسه`). */
const RESOLUTIONS_START = /^(?:مصوبات|تصمیمات|تصمیمات\s*متخذه|مصوبات\s*جلسه.*)\s*[:：]?$|(?:موارد|مواردی|تصمیماتی|مصوباتی|تصمیمی)\s*(?:به|ب)\s*شرح\s*(?:ذیل|زیر).*(?:گردید|شد|رسید)|مصوب\s*گردید\s*[:：]\s*$|به\s*شرح\s*(?:ذیل|زیر)\s*(?:مصوب|تصویب)/;

/** A line that closes a resolution's paragraph: the vote, a standing note, a signature. */
const CLOSER = /^(?:با|به)\s*(?:اتفاق|اکثریت)\s*آرا|^مصوبات\s*شورای\s*اسلامی\s*شهر\s*در\s*صورتی|^دیدگاهتان|^امضا|^رونوشت|^نام\s*و\s*نام\s*خانوادگی/;

/** `۱- …`, `1) …`, `۲. …`, `بند ۲: …`, `47 – …`, `866 -1…`: the number and the text. */
const NUMBERED = /^(?:بند\s*)?\(?(\d{1,4})\)?\s*[-–—.):：]\s*(?:\d{1,2}\s*[-–]?\s*)?(.+)$/;
/** `281 مقرر گردید …`: a number, a space and a decision. */
const NUMBER_SPACE = /^(\d{1,4})\s+(.+)$/;
/** `• مقرر گردید …`: a bullet and a decision (numbered in order). */
const BULLET = /^[•▪●■◄►*]\s*(.+)$/;

/**
 * The numbered resolutions of prose minutes.
 * @param lines the minutes' lines
 * @param skip line indexes that belong to the agenda (numbered too, but not resolutions)
 * @returns the index of the first resolution line and the rows, or undefined when there are none
 */
export function readProseResolutions(lines: string[], skip: ReadonlySet<number>): { index: number; rows: ProseRow[] } | undefined {
  const texts = lines.map((l) => toLatinDigits(normalizeText(l)));
  let start = -1;
  texts.forEach((t, i) => {
    if (!skip.has(i) && RESOLUTIONS_START.test(t)) start = i;
  });
  const paragraphs: Array<{ row: number | null; text: string; line: number }> = [];
  let open: { row: number | null; text: string; line: number } | undefined;
  for (let i = start + 1; i < texts.length; i++) {
    const text = texts[i];
    if (text === '' || skip.has(i)) {
      open = undefined;
      continue;
    }
    const spaced = NUMBER_SPACE.exec(text);
    const numbered = NUMBERED.exec(text) ?? (spaced && DECISION.test(spaced[2]) ? spaced : null);
    const bullet = numbered ? null : BULLET.exec(text);
    if (numbered || (bullet && DECISION.test(bullet[1]))) {
      open = { row: numbered ? Number(numbered[1]) : null, text: (numbered ? numbered[2] : bullet![1]).trim(), line: i + 1 };
      paragraphs.push(open);
    } else if (open && !CLOSER.test(text)) {
      open.text += ` ${text}`;
    } else {
      open = undefined;
    }
  }
  // without a heading, only numbered paragraphs that record a decision are resolutions
  const chosen = start >= 0 ? paragraphs.filter((p) => p.row !== null || DECISION.test(p.text)) : paragraphs.filter((p) => DECISION.test(p.text));
  if (chosen.length === 0) return undefined;
  let next = 1;
  const rows = chosen.map((p): ProseRow => {
    const row = p.row ?? next;
    next = row + 1;
    const agencyFrom = agencyFromSentence(p.text);
    const deadlineFrom = deadlineFromSentence(p.text);
    return { row, text: p.text, agency: agencyFrom ?? '', deadline: deadlineFrom ?? '', line: p.line, agencyFrom, deadlineFrom };
  });
  return { index: start >= 0 ? start : chosen[0].line - 1, rows };
}

/** Where the subject of a decision ends: the verb's helpers and the sentence's other parts. */
const SUBJECT_END = String.raw`(?:\s+|\s*[،,:]\s*)(?:در\s|نسبت\s*به|موظف|مکلف|ظرف|حداکثر|تا\s|با\s*همکاری|با\s*هماهنگی|با\s*مشارکت|در\s*اسرع|در\s*هفته|در\s*جلسه|در\s*خصوص|درخصوص|ضمن|پس\s*از|جهت|برای|از\s*طریق|طی|به\s*منظور|هماهنگی|اقدامات|اقدام|پیگیری|گزارش|تمهیدات|بررسی|به\s*مدت|همکاری|امکانات|در\s*محل|در\s*سطح|در\s*یکی|در\s*روز|در\s*تاریخ|در\s*حال)`;

/**
 * The agencies a resolution's sentence makes responsible, as written: the subject of
 * `مقرر گردید/مقرر شد … نسبت به/موظف است/مکلف است …`, the subject before `موظف است` / `مکلف است`,
 * or the agent after `توسط`. Undefined unless every part of it is plainly an agency.
 */
export function agencyFromSentence(sentence: string): string | undefined {
  const text = normalizeText(sentence);
  const candidates: string[] = [];
  const afterDecision = new RegExp(String.raw`مقرر\s*(?:گردید|شد|گرديد|میگردد|می‌گردد)\s*[:،,]?\s*(.+?)${SUBJECT_END}`).exec(text);
  if (afterDecision) candidates.push(afterDecision[1]);
  const beforeDuty = /(?:^|[.:؛]\s*|مقرر\s*(?:گردید|شد)\s*[:،,]?\s*)([^.:؛]+?)\s+(?:موظف|مکلف)\s*(?:است|اند|شد|شدند|گردید|می\s*باشد|میباشد|هستند)/.exec(text);
  if (beforeDuty) candidates.push(beforeDuty[1]);
  const agent = new RegExp(String.raw`توسط\s+(.+?)(?:${SUBJECT_END}|\s+(?:انجام|صورت|برگزار|مطرح|تهیه|اجرا))`).exec(text);
  if (agent) candidates.push(agent[1]);
  for (const candidate of candidates) {
    // `با توجه به …، شورای اسلامی و شهردار …`: the reason before the comma is not the subject
    const subject = candidate.replace(/^با\s+(?:توجه|عنایت)\s+به\s+[^،,]+[،,]\s*/, '').replace(/^(?:که|تا|از|به|با)\s+/, '').trim();
    if (!subject || subject.split(' ').length > 24) continue;
    // every piece between «،» and «و» must be an agency itself: `شهردار محترم، مشاوران …` is not a list of agencies
    const { agencies, warnings } = splitAgencyCell(subject);
    const pieces = listPieces(subject).pieces;
    if (warnings.length === 0 && agencies.length && [...agencies, ...pieces].every((p) => isPlainAgency(p))) return subject;
  }
  return undefined;
}

/** An agency named plainly: known, a head word with a name, or a single office (`شهرداری`). */
function isPlainAgency(piece: string): boolean {
  const kind = agencyKind(piece);
  if (kind === 'known' || kind === 'headed') return true;
  return kind === 'bare' && /^(?:شهرداری|فرمانداری|بخشداری|دهیاری|استانداری|دبیرخانه|شورا|شورای\s*اسلامی|دانشگاه)$/.test(normalizeText(piece));
}

/** Words a deadline in a sentence starts with. */
const DEADLINE_START = /(?:^|\s)(?=حداکثر|ظرف|تا\s+(?:پایان|آخر|تاریخ|مورخ|روز|\d)|در\s+اسرع|در\s+اولین|در\s+هفته|در\s+مدت|طی\s+(?:مدت|\d|یک|دو|سه|چهار|پنج|شش|هفت|هشت|نه|ده|پانزده|بیست)|به\s+مدت|فورا|فوری|بلافاصله|به\s*صورت\s+(?:مستمر|ماهانه|هفتگی|فصلی|دائم)|بصورت\s+(?:مستمر|ماهانه|هفتگی|فصلی|دائم)|هر\s+(?:هفته|ماه|روز|فصل|سال|\d|یک|دو|سه|شش|پانزده)|هفته\s*ای\s+یک|ماهی\s+یک|روزهای\s|تا\s+اطلاع\s+ثانوی|در\s+جلسه\s+(?:آتی|آینده|بعد)|(?:در\s+)?روز\s+(?:(?:یک|دو|سه|چهار|پنج)?\s*شنبه|جمعه)|(?:پس|بعد)\s+از\s)/g;

/**
 * The deadline a resolution's sentence gives (`ظرف مدت یک ماه`, `حداکثر تا پایان شهریور ماه سال
 * جاری`, `در اسرع وقت`), as written: the longest run of words from a deadline word that the
 * deadline parser understands; else a conditional run (`در جلسه آتی`) so its warning is shown;
 * undefined when the sentence gives none.
 */
export function deadlineFromSentence(sentence: string): string | undefined {
  // what comes before the decision (`با توجه به نامه مورخ …`) is background, not the deadline
  const whole = toLatinDigits(normalizeText(sentence));
  const decision = DECISION.exec(whole);
  const text = decision ? whole.slice(decision.index) : whole;
  let conditional: string | undefined;
  for (const match of text.matchAll(DEADLINE_START)) {
    const from = (match.index ?? 0) + match[0].length;
    const words = text.slice(from).split(' ');
    const phraseOf = (n: number) => words.slice(0, n).join(' ').replace(/[.،,:؛]+$/, '');
    if (/^(?:تا\s+اطلاع|در\s+جلسه|پس\s+از|بعد\s+از)/.test(text.slice(from))) {
      conditional ??= phraseOf(/^(?:پس|بعد)/.test(text.slice(from)) ? 4 : 3);
      continue;
    }
    let best: number | undefined;
    for (let n = 1; n <= Math.min(10, words.length); n++) {
      const kind = parseDeadline(phraseOf(n)).rule.kind;
      if (kind !== 'unknown' && kind !== 'conditional') best = n;
    }
    if (best === undefined) continue;
    // `ظرف یک ماه پس از ابلاغ`: the time counts from an event with no date
    if (CONDITION_TAIL.test(words.slice(best, best + 3).join(' '))) {
      conditional ??= phraseOf(Math.min(words.length, best + 3));
      continue;
    }
    return phraseOf(best);
  }
  return conditional;
}

/** What makes a duration count from an event with no date. */
const CONDITION_TAIL = /^(?:پس\s+از|بعد\s+از|منوط|در\s+صورت|از\s+تاریخ\s+ابلاغ|از\s+زمان\s+ابلاغ|از\s+ابلاغ|از\s+تاریخ\s+وصول|از\s+وصول)/;
