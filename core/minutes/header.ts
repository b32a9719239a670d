/** The meeting header of the minutes: labels and their values, in table or "label: value" form. */
import { comparisonKey, normalizeText } from '../text/normalize';

/**
 * What each header label means. `when` is a label whose value may hold the date, the weekday
 * and the time together (`زمان جلسه: سه‌شنبه ۱۴۰۲/۰۵/۱۷ ساعت ۱۰`).
 */
export type HeaderField = 'date' | 'weekday' | 'time' | 'place' | 'invitationNumber' | 'invitationDate' | 'when';

/** Labels compared by comparisonKey, so spacing, ZWNJ and letter variants vary freely. */
const LABELS: Array<[string, HeaderField]> = [
  ['تاریخ تشکیل', 'date'], ['تاریخ تشکیل جلسه', 'date'], ['تاریخ جلسه', 'date'], ['تاریخ برگزاری', 'date'],
  ['تاریخ برگزاری جلسه', 'date'],
  ['روز و تاریخ', 'when'], ['تاریخ و روز', 'when'], ['روز و تاریخ جلسه', 'when'], ['تاریخ و ساعت', 'when'],
  ['زمان جلسه', 'when'], ['زمان برگزاری', 'when'], ['زمان تشکیل', 'when'], ['زمان تشکیل جلسه', 'when'],
  ['زمان برگزاری جلسه', 'when'],
  ['روز', 'weekday'], ['روز جلسه', 'weekday'], ['روز تشکیل', 'weekday'], ['روز برگزاری', 'weekday'],
  ['ساعت', 'time'], ['ساعت جلسه', 'time'], ['ساعت تشکیل', 'time'], ['ساعت شروع', 'time'], ['ساعت برگزاری', 'time'],
  ['محل تشکیل جلسه', 'place'], ['محل جلسه', 'place'], ['محل تشکیل', 'place'], ['محل برگزاری', 'place'],
  ['محل برگزاری جلسه', 'place'], ['مکان', 'place'], ['مکان جلسه', 'place'], ['مکان برگزاری', 'place'], ['محل', 'place'],
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
 * The `label: value` pairs of one cell, several allowed on a line
 * (`تاریخ جلسه: ۱۴۰۲/۰۵/۱۷   ساعت: ۱۰   محل: سالن کوثر`). A label is one to four words
 * before a colon that headerField knows; its value runs to the next known label.
 */
export function labelledValues(cell: string): Array<[HeaderField, string]> {
  // `ساعت:10` → `ساعت: 10`, but never split a time like 10:30
  const words = normalizeText(cell.replace(/(\p{L})[:：](?=\S)/gu, '$1: ')).split(' ');
  const labels: Array<{ start: number; end: number; field: HeaderField }> = [];
  for (let i = 0; i < words.length; i++) {
    if (!/[:：]$/.test(words[i])) continue;
    for (let span = Math.min(4, i + 1); span >= 1; span--) {
      const start = i - span + 1;
      if (labels.length && start < labels[labels.length - 1].end) continue;
      const field = headerField(words.slice(start, i + 1).join(' '));
      if (field) {
        labels.push({ start, end: i + 1, field });
        break;
      }
    }
  }
  return labels.map((label, k) => {
    const valueEnd = k + 1 < labels.length ? labels[k + 1].start : words.length;
    return [label.field, words.slice(label.end, valueEnd).join(' ').trim()] as [HeaderField, string];
  });
}

/**
 * Read header values from the lines of the minutes. Three shapes are understood:
 * a row of labels followed by a row of values (the seed's tab table), `label: value` lines,
 * and rows of label and value cells side by side (`تاریخ جلسه | ۱۴۰۲/۰۵/۱۷ | ساعت | ۱۰`).
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
    const labelRow = labels.length >= 2 && fields.filter(Boolean).length >= 2
      && labels.every((l, k) => fields[k] || /[:：]$/.test(l));
    if (labelRow) {
      const next = lines.slice(i + 1).find((l) => normalizeText(l) !== '');
      if (next) {
        const values = cells(next);
        fields.forEach((field, k) => set(field, values[k] ?? ''));
      }
      continue;
    }
    // `label: value` in one cell, or a label cell followed by its value cell (Word header tables)
    labels.forEach((cell, k) => {
      const pairs = labelledValues(cell);
      const next = labels[k + 1];
      const nextIsValue = next !== undefined && !headerField(next) && labelledValues(next).length === 0;
      if (pairs.length === 0 && headerField(cell) && nextIsValue) set(headerField(cell), next);
      for (const [n, [field, value]] of pairs.entries()) {
        set(field, value === '' && n === pairs.length - 1 && nextIsValue ? next : value);
      }
    });
  }
  return found;
}
