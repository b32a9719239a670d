/** The meeting header of the minutes: labels and their values, in table or "label: value" form. */
import { comparisonKey, normalizeText } from '../text/normalize';

/** What each header label means; labels compared by comparisonKey, so spacing and letters vary freely. */
export type HeaderField = 'date' | 'weekday' | 'time' | 'place' | 'invitationNumber' | 'invitationDate';

const LABELS: Array<[string, HeaderField]> = [
  ['تاریخ تشکیل', 'date'], ['تاریخ تشکیل جلسه', 'date'], ['تاریخ جلسه', 'date'], ['تاریخ برگزاری', 'date'],
  ['روز', 'weekday'], ['روز جلسه', 'weekday'], ['روز تشکیل', 'weekday'],
  ['ساعت', 'time'], ['ساعت جلسه', 'time'], ['ساعت تشکیل', 'time'], ['ساعت شروع', 'time'],
  ['محل تشکیل جلسه', 'place'], ['محل جلسه', 'place'], ['محل تشکیل', 'place'], ['محل برگزاری', 'place'], ['مکان', 'place'],
  ['شماره دعوتنامه', 'invitationNumber'], ['شماره دعوت نامه', 'invitationNumber'],
  ['تاریخ دعوتنامه', 'invitationDate'], ['تاریخ دعوت نامه', 'invitationDate'],
];
const FIELD_BY_KEY = new Map(LABELS.map(([label, field]) => [comparisonKey(label), field]));

/** The header field a label names (`تاریخ تشکیل:` → date), or undefined. */
export function headerField(label: string): HeaderField | undefined {
  return FIELD_BY_KEY.get(comparisonKey(label.replace(/[:：]\s*$/, '')));
}

/** Split a line into cells on tabs or pipes; trims and drops the empty ends of a `| a | b |` row. */
export function cells(line: string): string[] {
  const parts = line.split(/\t|\s*\|\s*/).map((c) => normalizeText(c));
  while (parts.length && parts[0] === '') parts.shift();
  while (parts.length && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/**
 * Read header values from the lines of the minutes. Two shapes are understood:
 * a row of labels followed by a row of values (the seed's tab table), and `label: value` lines.
 * The first value found for a field wins.
 */
export function readHeader(lines: string[]): Partial<Record<HeaderField, string>> {
  const found: Partial<Record<HeaderField, string>> = {};
  const set = (field: HeaderField | undefined, value: string) => {
    if (field && value && found[field] === undefined) found[field] = value;
  };
  for (let i = 0; i < lines.length; i++) {
    const labels = cells(lines[i]);
    const fields = labels.map(headerField);
    if (labels.length >= 2 && fields.filter(Boolean).length >= 2 && labels.every((l) => /[:：]$/.test(l) || headerField(l))) {
      const next = lines.slice(i + 1).find((l) => l.trim() !== '');
      if (next) {
        const values = cells(next);
        fields.forEach((field, k) => set(field, values[k] ?? ''));
      }
      continue;
    }
    // `label: value` pairs, possibly several on one line separated by tabs
    for (const cell of labels) {
      const pair = /^([^:：]{2,30})[:：]\s*(.+)$/.exec(cell);
      if (pair) set(headerField(pair[1]), pair[2].trim());
    }
  }
  return found;
}
