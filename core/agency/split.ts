/**
 * Split the `اقدام کننده` cell into agencies. Separators are " - ", an en/em dash, or "/";
 * never "و" or "،", which live inside real names (`اداره کل تعاون، کار و رفاه اجتماعی`).
 */
import { normalizeText } from '../text/normalize';

/**
 * @param cell the responsible-agency cell as written
 * @returns display-normalized agency names, in order, without empties or exact repeats
 */
export function splitAgencies(cell: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of normalizeText(cell).split(/\s+[-\u2010-\u2015]\s+|\s*[\u2013\u2014]\s*|\s*\/\s*|\n/)) {
    const name = part.replace(/^[-\u2013\u2014\s.،]+|[-\u2013\u2014\s.،]+$/g, '').trim();
    if (name && !seen.has(name)) {
      seen.add(name);
      out.push(name);
    }
  }
  return out;
}
