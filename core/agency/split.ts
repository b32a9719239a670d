/**
 * Split the `اقدام کننده` cell into agencies. Separators are " - " (also " -- ", " − ", " ـ "),
 * an en/em dash, "/", and a paragraph break inside the cell (a Word cell with one agency per paragraph); never "و" or
 * "،", which live inside real names (`اداره کل تعاون، کار و رفاه اجتماعی`).
 */
import { normalizeText } from '../text/normalize';

/**
 * Paragraphs of a cell. A paragraph that ends in "و" or "،", or one that starts with "و", is a
 * long name someone wrapped by pressing Enter, not a second agency: it is joined back.
 */
function paragraphs(cell: string): string[] {
  const out: string[] = [];
  for (const raw of cell.split(/[\n\r\u2028\u2029]+/)) {
    // a tatweel standing alone between spaces is a dash typed on a Persian keyboard (` ـ `);
    // normalizeText would delete it and join the two names
    const part = normalizeText(raw.replace(/\s\u0640+\s/g, ' - '));
    if (!part) continue;
    const previous = out[out.length - 1];
    if (previous !== undefined && (/(^|\s)و$|،$/.test(previous) || /^و\s/.test(part))) out[out.length - 1] = `${previous} ${part}`;
    else out.push(part);
  }
  return out;
}

/**
 * @param cell the responsible-agency cell as written (may hold line or paragraph breaks)
 * @returns display-normalized agency names, in order, without empties or exact repeats
 */
export function splitAgencies(cell: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const paragraph of paragraphs(cell)) {
    for (const part of paragraph.split(/\s+(?:-+|[\u2010-\u2015\u2212])\s+|\s*[\u2013\u2014]\s*|\s*\/\s*/)) {
      const name = part.replace(/^[-\u2013\u2014\s.،]+|[-\u2013\u2014\s.،]+$/g, '').trim();
      if (name && !seen.has(name)) {
        seen.add(name);
        out.push(name);
      }
    }
  }
  return out;
}
