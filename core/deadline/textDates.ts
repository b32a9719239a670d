/** Dates written inside free text (a resolution's body), for "text date after due date" checks. */
import { JalaliDate } from '../jalali/JalaliDate';
import { toLatinDigits } from '../text/digits';

/**
 * Every valid Jalali date written in `text` (`۱۴۰۱/۴/۱۵`, `1401-04-15`), in order of appearance.
 * Impossible dates and number runs that are not dates (`۲۱/۲۵/۲۱۸۲۹`) are skipped. Never throws.
 */
export function datesInText(text: string): JalaliDate[] {
  const found: JalaliDate[] = [];
  const latin = toLatinDigits(text);
  for (const match of latin.matchAll(/(?<![\d/])(1[2-5]\d\d)\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})(?![\d/])/g)) {
    const parsed = JalaliDate.tryParse(`${match[1]}/${match[2]}/${match[3]}`);
    if (parsed.ok) found.push(parsed.date);
  }
  return found;
}
