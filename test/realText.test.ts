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

const REAL = join(__dirname, 'fixtures', 'real');
const load = <T>(name: string): T => JSON.parse(readFileSync(join(REAL, name), 'utf8')) as T;

interface DeadlineSource { url: string; meeting: string; meetingChosen?: boolean; items: Array<[string, string]> }

describe('real deadline phrases', () => {
  const { sources } = load<{ sources: DeadlineSource[] }>('deadlines.json');
  const cases = sources.flatMap((s) => s.items.map(([phrase, expected]) => [phrase, s.meeting, expected, s.url] as const));

  it('names the published page of every phrase', () => {
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
