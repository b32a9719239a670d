/**
 * The project's collection of real text (test/fixtures/real/): deadline phrases, agency cells and
 * whole prose minutes copied from published pages, each with the page's address and the answer
 * worked out by hand.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JalaliDate } from '../core/jalali/JalaliDate';
import { parseDeadline } from '../core/deadline/parse';
import { resolveDueDate } from '../core/deadline/resolve';
import { parseMinutes } from '../core/minutes/parse';
import { splitAgencyCell } from '../core/agency/split';

const REAL = join(__dirname, 'fixtures', 'real');
const load = <T>(name: string): T => JSON.parse(readFileSync(join(REAL, name), 'utf8')) as T;

interface DeadlineSource { url: string; meeting: string; meetingChosen?: boolean; items: Array<[string, string]> }

describe('real deadline phrases', () => {
  const { sources } = load<{ sources: DeadlineSource[] }>('deadlines.json');
  const cases = sources.flatMap((s) => s.items.map(([phrase, expected]) => [phrase, s.meeting, expected, s.url] as const));

  it('has at least 100 phrases, each from a published page', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
    for (const s of sources) expect(s.url).toMatch(/^https?:\/\/[^/]+\.[^/]+/);
  });

  it.each(cases)('«%s» (meeting %s) → %s', (phrase, meeting, expected) => {
    const parsed = parseDeadline(phrase);
    const due = resolveDueDate(parsed.rule, JalaliDate.parse(meeting));
    if (expected === 'ongoing') {
      expect([parsed.rule.kind, parsed.warnings]).toEqual(['ongoing', []]);
    } else if (expected === 'none') {
      expect(due).toBeNull();
      expect(parsed.warnings.length).toBeGreaterThan(0);
    } else {
      expect(due?.toString()).toBe(expected);
    }
  });
});

interface ProseMinutes { file: string; meeting: string; number: number; url: string; rows: Array<[number, string[], string | null, string | null]> }

describe('real prose minutes (numbered paragraphs, no table)', () => {
  const { minutes } = load<{ minutes: ProseMinutes[] }>('prose.json');

  it('has at least 5 whole minutes, each from a published page', () => {
    expect(minutes.length).toBeGreaterThanOrEqual(5);
    for (const m of minutes) expect(m.url).toMatch(/^https?:\/\/[^/]+\.[^/]+/);
  });

  it.each(minutes.map((m) => [m.file, m] as const))('%s: the resolutions, their agencies and deadlines from the sentences', (_file, m) => {
    const parsed = parseMinutes(readFileSync(join(REAL, 'prose', m.file), 'utf8'));
    const meeting = JalaliDate.parse(m.meeting);
    const got = parsed.resolutions.map((r) => {
      const due = r.deadline.text ? resolveDueDate(parseDeadline(r.deadline.text).rule, meeting) : null;
      return [r.row, r.agencies, r.deadline.text || null, due ? due.toString() : null];
    });
    expect(got).toEqual(m.rows);
    // every extraction carries a warning for the clerk; a missing agency is the error the register shows
    for (const r of parsed.resolutions) {
      const codes = r.warnings.map((w) => w.code);
      expect(codes).toContain(r.agencies.length ? 'agency_from_text' : 'agency_missing');
      if (r.deadline.text) expect(codes).toContain('deadline_from_text');
      else expect(codes).toContain('deadline_missing');
    }
  });
});

interface AgencySource { url: string; items: Array<{ cell: string; agencies: string[]; unsure?: boolean }> }

describe('real agency cells and lists', () => {
  const { sources } = load<{ sources: AgencySource[] }>('agencies.json');
  const cases = sources.flatMap((s) => s.items.map((item) => [item.cell, item, s.url] as const));

  it('has at least 40 cells or lists, each from a published page', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    for (const s of sources) expect(s.url).toMatch(/^https?:\/\/[^/]+\.[^/]+/);
  });

  it.each(cases)('«%s»', (cell, item) => {
    const { agencies, warnings } = splitAgencyCell(cell);
    expect(agencies).toEqual(item.agencies);
    expect(warnings.map((w) => w.code)).toEqual(item.unsure ? ['agency_list_unsure'] : []);
  });
});
