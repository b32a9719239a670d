import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMinutes } from '../minutes/parse';
import { assignmentsFromMinutes } from './fromMinutes';

const seed = parseMinutes(readFileSync(join(__dirname, '../../test/fixtures/minutes-1401-04-09.txt'), 'utf8'));

describe('assignmentsFromMinutes', () => {
  const rows = assignmentsFromMinutes(seed, '1401/04/10');

  it('gives one row per (resolution, agency): the seed has 6 resolutions and 9 rows', () => {
    expect(rows).toHaveLength(9);
    expect(rows.map((r) => [r.row, r.agency])).toContainEqual([2, 'کلیه دستگاههای اجرایی استان']);
    expect(rows.filter((r) => r.row === 2).map((r) => r.due)).toEqual(['1401/04/10', '1401/04/10']);
  });

  it('gives every row a distinct, stable id built from the meeting, the row and the agency', () => {
    expect(new Set(rows.map((r) => r.id)).size).toBe(9);
    expect(rows[0].id).toMatch(/^14010409-12-1-[0-9a-f]{6}$/);
    expect(assignmentsFromMinutes(seed).map((r) => r.id)).toEqual(rows.map((r) => r.id));
  });

  it('gives the same id to an agency typed with Arabic letters or without ZWNJ', () => {
    const variant = parseMinutes(readFileSync(join(__dirname, '../../test/fixtures/minutes-1401-04-09.txt'), 'utf8')
      .replace('فرمانداری کرج\tیک ماه', 'فرمانداري كرج\tیک ماه'));
    expect(assignmentsFromMinutes(variant)[0].id).toBe(rows[0].id);
  });

  it('starts report fields empty at revision 1', () => {
    expect(rows[0]).toMatchObject({ status: null, percent: null, report: '', doneDate: null, revision: 1, updatedAt: '1401/04/10' });
  });
});
