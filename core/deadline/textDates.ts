/** Dates written inside free text (a resolution's body), for "text date after due date" checks. */
import { JalaliDate } from '../jalali/JalaliDate';
import { toLatinDigits } from '../text/digits';

/**
 * Every valid Jalali date written in `text` (`۱۴۰۱/۴/۱۵`, `1401-04-15`, `۱۵/۴/۱۴۰۱`), in order of appearance.
 * Impossible dates and number runs that are not dates (`۲۱/۲۵/۲۱۸۲۹`) are skipped. Never throws.
 */
export function datesInText(text: string): JalaliDate[] {
  const found: JalaliDate[] = [];
  const latin = toLatinDigits(text);
  // year first (1401/4/15) or day first with the year last (15/4/1401)
  // not glued to a digit or slash on either side. The character before is matched rather than
  // looked behind at (the add-in's older webviews have no lookbehind); a date ends in a digit
  // followed by neither digit nor slash, so that character is never part of the previous date.
  const pattern = /(?:^|[^\d/])(?:(1[2-5]\d\d)\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})|(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(1[2-5]\d\d))(?![\d/])/g;
  for (const match of latin.matchAll(pattern)) {
    const [year, month, day] = match[1] ? [match[1], match[2], match[3]] : [match[6], match[5], match[4]];
    const parsed = JalaliDate.tryParse(`${year}/${month}/${day}`);
    if (parsed.ok) found.push(parsed.date);
  }
  return found;
}
