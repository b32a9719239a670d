import { AGENCY_STATUS_OPTIONS, parseStatus, REGISTER_STATUS_OPTIONS, STATUS_LABELS, statusLabel } from './status';

describe('parseStatus', () => {
  it.each([
    ['انجام نشده', 'not_started'],
    ['در حال انجام', 'in_progress'],
    ['انجام شده', 'done'],
    ['خارج از اختیار دستگاه', 'blocked'],
    ['منتفی', 'void'],
  ])('reads the label %s as %s', (text, code) => {
    expect(parseStatus(text)).toEqual({ ok: true, status: code });
  });

  it.each([
    ['a ZWNJ instead of a space', 'انجام\u200cشده', 'done'],
    ['no space at all', 'انجامشده', 'done'],
    ['Arabic yeh and kaf', 'خارج از اختيار دستگاه', 'blocked'],
    ['bidi marks and extra spaces', '\u200f  در  حال انجام \u200e', 'in_progress'],
    ['tatweel', 'منتـــفی', 'void'],
    ['the English label', 'In progress', 'in_progress'],
    ['the code', 'not_started', 'not_started'],
    ['a common synonym', 'در دست اقدام', 'in_progress'],
  ])('reads %s', (_why, text, code) => {
    expect(parseStatus(text)).toEqual({ ok: true, status: code });
  });

  it.each([null, '', '   ', '\u200f'])('reads the empty cell %p as no status', (value) => {
    expect(parseStatus(value)).toEqual({ ok: true, status: null });
  });

  it('refuses a word that is not a status and returns its text for the message', () => {
    expect(parseStatus('  تقريبا تمام  ')).toEqual({ ok: false, text: 'تقریبا تمام' });
  });

  it('refuses numbers and booleans', () => {
    expect(parseStatus(1).ok).toBe(false);
    expect(parseStatus(true).ok).toBe(false);
  });
});

describe('status labels and dropdowns', () => {
  it('offers agencies the four reported statuses, without void', () => {
    expect(AGENCY_STATUS_OPTIONS).toEqual(['انجام نشده', 'در حال انجام', 'انجام شده', 'خارج از اختیار دستگاه']);
  });

  it('offers the secretariat the same list with void last', () => {
    expect(REGISTER_STATUS_OPTIONS).toEqual([...AGENCY_STATUS_OPTIONS, 'منتفی']);
  });

  it('writes every status as a label that reads back as the same status', () => {
    for (const [code, label] of Object.entries(STATUS_LABELS)) {
      expect(parseStatus(statusLabel(code as keyof typeof STATUS_LABELS))).toEqual({ ok: true, status: code });
      expect(label).toBe(statusLabel(code as keyof typeof STATUS_LABELS));
    }
  });

  it('writes no status as an empty cell', () => {
    expect(statusLabel(null)).toBe('');
  });
});
