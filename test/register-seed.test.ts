/** The seed minutes through import and validation: the register rules on real data. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AgencyDirectory } from '../core/agency/directory';
import { JalaliDate } from '../core/jalali/JalaliDate';
import { parseMinutes } from '../core/minutes/parse';
import { REGISTER_FIELDS, type FieldName } from '../core/register/fields';
import { assignmentsFromMinutes } from '../core/register/fromMinutes';
import { analyzeRegister } from '../core/register/validate';
import { summarize } from '../core/register/summary';
import type { ColumnMap, RawRow } from '../core/register/types';

const minutes = parseMinutes(readFileSync(join(__dirname, 'fixtures', 'minutes-1401-04-09.txt'), 'utf8'));
const assignments = assignmentsFromMinutes(minutes);
const columns: ColumnMap = Object.fromEntries(REGISTER_FIELDS.map((f, i) => [f.name, String.fromCharCode(65 + i)]));
/** The register as the adapter would hand it back, row 1 being the header. */
const rows: RawRow[] = assignments.map((a, i) => ({
  sheetRow: i + 2,
  values: Object.fromEntries(REGISTER_FIELDS.map((f) => [f.name, (a as unknown as Record<string, string | number | null>)[f.name] ?? null])) as Partial<Record<FieldName, string | number | null>>,
}));
const directory = AgencyDirectory.from(assignments.map((a) => ({ name: a.agency })));

describe('the seed minutes in the register', () => {
  const today = JalaliDate.parse('1401/04/20');
  const result = analyzeRegister(rows, { sheet: 'مصوبات', columns, today, directory });

  it('has no errors right after import, and only the expected warnings', () => {
    expect([...new Set(result.issues.map((i) => i.code))].sort()).toEqual(['text_date_after_due']);
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('warns that row 2 names 1401/04/15, after its هفته جاری due date', () => {
    const warned = result.rows.filter((r) => r.assignment.row === 2 && r.issues.some((i) => i.code === 'text_date_after_due'));
    expect(warned.length).toBe(2); // one per agency of the resolution
    expect(warned[0].assignment.due).toBe('1401/04/10');
    expect(warned[0].issues.find((i) => i.code === 'text_date_after_due')?.cell).toBe(`E${warned[0].sheetRow}`);
  });

  it('derives the states of the rows on a later day and summarizes them consistently', () => {
    const summary = summarize(result.rows, today);
    expect(summary.total.total).toBe(assignments.length);
    expect(summary.total.counts.invalid).toBe(0);
    // nothing is reported yet, so nothing is done
    expect(summary.total.done).toBe(0);
    const byRow = result.rows.find((r) => r.assignment.row === 2);
    expect(byRow?.state).toBe('overdue');
    expect(summary.overdue.length).toBe(summary.total.counts.overdue);
  });
});
