/** Shared Persian-word helpers for deadline phrases: filler words and phrase cleanup. */
import { normalizeText } from '../text/normalize';
import { toLatinDigits } from '../text/digits';

/**
 * Words around a phrase that do not change it (`حداکثر ظرف مدت یک ماه` = `یک ماه`).
 * Longest first so `ظرف مدت` is removed before `ظرف`.
 */
const FILLERS = [
  'حداکثر', 'حد اکثر', 'ظرف مدت', 'ظرف', 'طی مدت', 'طی', 'به مدت', 'مدت', 'نهایتا', 'نهایتاً', 'حداقل', 'الی', 'لغایت',
];

/** Tails that only restate "counted from the meeting". */
const MEETING_TAILS = [
  'پس از جلسه', 'بعد از جلسه', 'از تاریخ جلسه', 'از زمان جلسه', 'از تاریخ تشکیل جلسه', 'پس از برگزاری جلسه',
  'بعد از برگزاری جلسه', 'از تاریخ برگزاری جلسه',
];

/**
 * Normalize a deadline phrase for matching: display normalization, Latin digits, ZWNJ →
 * space, punctuation at the ends removed, filler words and meeting-relative tails removed.
 * A leading `تا` is kept out of the result but reported, because `تا پایان …` reads it.
 */
export function cleanPhrase(text: string): string {
  let phrase = toLatinDigits(normalizeText(text)).replace(/\u200c/g, ' ');
  phrase = phrase.replace(/[«»"'()[\]{}]/g, ' ').replace(/^[\s.،,:;-]+|[\s.،,:;]+$/g, '');
  for (const tail of MEETING_TAILS) phrase = phrase.replace(new RegExp(`\\s*${tail}\\s*$`), '');
  let changed = true;
  while (changed) {
    changed = false;
    for (const filler of [...FILLERS, 'تا']) {
      const re = new RegExp(`^${filler}(\\s+|$)`);
      if (re.test(phrase)) {
        phrase = phrase.replace(re, '');
        changed = true;
      }
    }
  }
  return phrase.replace(/\s+/g, ' ').trim();
}
