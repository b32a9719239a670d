import { AGENCY_FIELDS } from '../register/fields';
import type { Assignment } from '../register/types';
import { asReturnRows, exportForAgency, registerRevision } from './export';
import { applyChanges, indexRegister, mergeReturn, recordMerges } from './merge';
import { formatReports } from './report';
import { JalaliDate } from '../jalali/JalaliDate';
import type { HistoryEntry, MergeMeta, ReturnRow } from './types';
import { MAX_CELL_TEXT, MERGE_FIELDS } from './values';

const A = 'فرمانداری کرج';
const B = 'اداره کل آموزش و پرورش';
// 1401/05/01 10:00 Tehran = 05:30 UTC on 2022-07-23
const AT = new Date(Date.UTC(2022, 6, 23, 5, 30));

function row(id: string, agency: string, extra: Partial<Assignment> = {}): Assignment {
  return {
    id, meeting: 'جلسه دوازدهم', meetingDate: '1401/04/09', row: Number(id.split('-')[1] ?? 1),
    text: `متن مصوبه ${id}`, agency, deadlineText: 'یک ماه', due: '1401/05/09',
    status: 'not_started', percent: 0, report: '', doneDate: null, requestedDue: null, requestReason: '',
    revision: 1, updatedAt: null, ...extra,
  };
}

function register(): Assignment[] {
  return [row('m-1-a', A), row('m-2-a', A), row('m-2-b', B), row('m-3-a', A, { status: 'in_progress', percent: 40 })];
}

const COLUMNS = { id: 'A', text: 'E', agency: 'F', due: 'H', status: 'I', percent: 'J', report: 'K', doneDate: 'L', requestedDue: 'M', requestReason: 'N' };

function meta(reg: Assignment[], extra: Partial<MergeMeta> = {}): MergeMeta {
  return { agency: A, sourceFile: 'karaj.xlsx', registerRevision: registerRevision(reg), at: AT, columns: COLUMNS, ...extra };
}

/** The agency's copy, as the merge would read it back. */
function copyFor(reg: Assignment[], agency = A): ReturnRow[] {
  return asReturnRows(exportForAgency(reg, agency));
}

function edit(rows: ReturnRow[], id: string, values: ReturnRow['values']): void {
  const target = rows.find((r) => r.id === id)!;
  target.values = { ...target.values, ...values };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}

describe('mergeReturn', () => {
  test('the merge fields are the register\'s agency fields', () => {
    expect([...AGENCY_FIELDS]).toEqual([...MERGE_FIELDS]);
  });

  test('applies an agency edit nobody else made, bumps the revision, writes history', () => {
    const reg = register();
    const copy = copyFor(reg);
    edit(copy, 'm-1-a', { status: 'در حال انجام', percent: '۸۰٪', report: 'جلسه   هماهنگی برگزار شد' });
    const { changes, history, report } = mergeReturn(reg, copy, meta(reg));
    expect(changes).toHaveLength(1);
    const after = changes[0].after;
    expect(after).toMatchObject({ id: 'm-1-a', status: 'in_progress', percent: 80, report: 'جلسه هماهنگی برگزار شد', revision: 2 });
    expect(after.updatedAt).toBe('1401/05/01 10:00');
    expect(report).toMatchObject({ outcome: 'applied', rowsApplied: 1, cellsApplied: 3, rowsUnchanged: 2, rowsRead: 3 });
    expect(history).toEqual([
      { at: '1401/05/01 10:00', agency: A, sourceFile: 'karaj.xlsx', id: 'm-1-a', field: 'status', old: 'انجام نشده', new: 'در حال انجام', revision: 2 },
      { at: '1401/05/01 10:00', agency: A, sourceFile: 'karaj.xlsx', id: 'm-1-a', field: 'percent', old: '0', new: '80', revision: 2 },
      { at: '1401/05/01 10:00', agency: A, sourceFile: 'karaj.xlsx', id: 'm-1-a', field: 'report', old: '', new: 'جلسه هماهنگی برگزار شد', revision: 2 },
    ]);
    expect(report.applied.map((a) => a.cell)).toEqual(['I2', 'J2', 'K2']);
  });

  test('never mutates its inputs', () => {
    const reg = deepFreeze(register());
    const copy = copyFor(reg);
    edit(copy, 'm-1-a', { percent: 50 });
    deepFreeze(copy);
    const { changes } = mergeReturn(reg, copy, meta(reg));
    expect(changes[0].before.percent).toBe(0);
    expect(reg[0].percent).toBe(0);
  });

  test('merging the same file again changes nothing and says so', () => {
    const reg = register();
    const copy = copyFor(reg);
    edit(copy, 'm-1-a', { status: 'انجام شده', percent: 100, doneDate: '۱۴۰۱/۰۴/۲۰' });
    const first = mergeReturn(reg, copy, meta(reg));
    const merged = applyChanges(reg, first.changes);
    const second = mergeReturn(merged, copy, meta(merged, { at: new Date(AT.getTime() + 3600_000) }));
    expect(second.changes).toEqual([]);
    expect(second.history).toEqual([]);
    expect(second.report).toMatchObject({ outcome: 'already_merged', cellsApplied: 0, cellsAlreadyApplied: 3 });
    expect(second.report.fa).toContain('پیش‌تر ادغام شده');
  });

  test('a field changed on both sides to different values is a conflict and is not applied', () => {
    const reg = register();
    const copy = copyFor(reg);
    edit(copy, 'm-1-a', { percent: 60, report: 'گزارش دستگاه' });
    // meanwhile the secretariat typed another percent into the register
    const ours = reg.map((r) => (r.id === 'm-1-a' ? { ...r, percent: 30, revision: 2 } : r));
    const { changes, report } = mergeReturn(ours, copy, meta(reg));
    expect(report.conflicts).toHaveLength(1);
    expect(report.conflicts[0]).toMatchObject({ id: 'm-1-a', field: 'percent', base: 0, ours: 30, theirs: 60, cell: 'J2' });
    expect(report.conflicts[0].fa).toContain('خانه J2');
    // the other field of the same row, untouched by the secretariat, is applied
    expect(changes[0].after).toMatchObject({ percent: 30, report: 'گزارش دستگاه', revision: 3 });
  });

  test('equal changes on both sides are no-ops', () => {
    const reg = register();
    const copy = copyFor(reg);
    edit(copy, 'm-1-a', { percent: '60%' });
    const ours = reg.map((r) => (r.id === 'm-1-a' ? { ...r, percent: 60, revision: 2 } : r));
    const { changes, report } = mergeReturn(ours, copy, meta(reg));
    expect(changes).toEqual([]);
    expect(report.conflicts).toEqual([]);
    expect(report.cellsAlreadyApplied).toBe(1);
  });

  test('rows are matched by id, whatever order the file has', () => {
    const reg = register();
    const copy = copyFor(reg);
    edit(copy, 'm-1-a', { percent: 10 });
    edit(copy, 'm-3-a', { percent: 70 });
    const reversed = [...copy].reverse().map((r, i) => ({ ...r, sheetRow: 2 + i }));
    const { changes } = mergeReturn(reg, reversed, meta(reg));
    const byId = Object.fromEntries(changes.map((c) => [c.id, c.after.percent]));
    expect(byId).toEqual({ 'm-1-a': 10, 'm-3-a': 70 });
  });

  test('a row of another agency and an unknown id are refused per row', () => {
    const reg = register();
    const copy = copyFor(reg);
    const foreign = asReturnRows(exportForAgency(reg, B), 10);
    foreign[0].values.percent = 90;
    const stranger: ReturnRow = { ...copy[0], sheetRow: 20, id: 'zz-9', values: { ...copy[0].values, id: 'zz-9', percent: 5 } };
    const { changes, report } = mergeReturn(reg, [...copy, ...foreign, stranger], meta(reg));
    expect(changes).toEqual([]);
    const codes = report.rejected.map((r) => [r.code, r.id, r.cell, r.lostFields]);
    expect(codes).toEqual([
      ['other_agency', 'm-2-b', 'A10', ['percent']],
      ['unknown_id', 'zz-9', 'A20', ['percent']],
    ]);
    expect(report.rejected[0].fa).toContain(B);
  });

  test('an edited locked cell refuses the row and names the cell', () => {
    const reg = register();
    const copy = copyFor(reg);
    edit(copy, 'm-1-a', { text: 'متن دیگری', due: '1401/06/01', percent: 50 });
    edit(copy, 'm-2-a', { due: '۱۴۰۱/۵/۹', percent: 20 }); // the same date typed differently is not an edit
    const { changes, report } = mergeReturn(reg, copy, meta(reg));
    expect(changes.map((c) => c.id)).toEqual(['m-2-a']);
    expect(report.rejected).toHaveLength(1);
    expect(report.rejected[0]).toMatchObject({ code: 'locked_edited', id: 'm-1-a', cell: 'E2', lostFields: ['percent'] });
    expect(report.rejected[0].fa).toContain('H2');
  });

  test('an invalid value refuses that cell only', () => {
    const reg = register();
    const copy = copyFor(reg);
    edit(copy, 'm-1-a', { percent: 120, report: 'انجام شد' });
    edit(copy, 'm-2-a', { percent: 0.8, status: 'منتفي' });
    edit(copy, 'm-3-a', { status: 'نامعلوم', doneDate: '1401/07/31' });
    const { changes, report } = mergeReturn(reg, copy, meta(reg));
    expect(changes.map((c) => [c.id, c.fields.map((f) => f.field)])).toEqual([['m-1-a', ['report']]]);
    expect(report.rejected.map((r) => [r.code, r.cell])).toEqual([
      ['invalid_percent', 'J2'], ['status_not_allowed', 'I3'], ['invalid_percent', 'J3'],
      ['invalid_status', 'I4'], ['invalid_date', 'L4'],
    ]);
    const hint = report.rejected.find((r) => r.cell === 'J3')!;
    expect(hint.fa).toContain('عدد ۸۰ را بنویسید');
    // file, sheet and cell, in Persian and in English
    expect(report.rejected[0].fa).toMatch(/^فایل «karaj\.xlsx»، برگه «مصوبات»، خانه J2: /);
    expect(report.rejected[0].en).toMatch(/^file "karaj\.xlsx", sheet "مصوبات", cell J2: /);
    expect(report.rejected[0]).toMatchObject({ file: 'karaj.xlsx', sheet: 'مصوبات', cell: 'J2' });
  });

  test('status with Arabic letters and percent in Persian digits are read as the register reads them', () => {
    const reg = register();
    const copy = copyFor(reg);
    edit(copy, 'm-1-a', { status: 'در حال انجام', percent: '٧٥' });
    edit(copy, 'm-2-a', { status: 'انجام\u200cشده', percent: '100 %', doneDate: '۱۴۰۱-۰۴-۳۰' });
    const merged = applyChanges(reg, mergeReturn(reg, copy, meta(reg)).changes);
    expect(merged.find((r) => r.id === 'm-1-a')).toMatchObject({ status: 'in_progress', percent: 75 });
    expect(merged.find((r) => r.id === 'm-2-a')).toMatchObject({ status: 'done', percent: 100, doneDate: '1401/04/30' });
  });

  test('a re-typed unchanged value (80% for 80) is not an edit', () => {
    const reg = register();
    const copy = copyFor(reg);
    edit(copy, 'm-3-a', { percent: '۴۰٪', status: 'در حال انجام' });
    const { report } = mergeReturn(reg, copy, meta(reg));
    expect(report).toMatchObject({ outcome: 'nothing_new', rowsUnchanged: 3, cellsAlreadyApplied: 0 });
  });

  test('a requested new deadline is recorded, never applied to the due date', () => {
    const reg = register();
    const copy = copyFor(reg);
    edit(copy, 'm-1-a', { requestedDue: '۱۴۰۱/۰۶/۱۵', requestReason: 'تأخیر در تأمین اعتبار' });
    edit(copy, 'm-2-a', { requestedDue: '1401/05/01' });
    const { changes, history, report } = mergeReturn(reg, copy, meta(reg));
    expect(changes).toHaveLength(1);
    expect(changes[0].after).toMatchObject({ due: '1401/05/09', requestedDue: '1401/06/15', requestReason: 'تأخیر در تأمین اعتبار' });
    expect(history.map((h) => h.field)).toEqual(['requestedDue', 'requestReason']);
    expect(report.requests).toEqual([{ id: 'm-1-a', due: '1401/05/09', requestedDue: '1401/06/15', reason: 'تأخیر در تأمین اعتبار' }]);
    expect(report.rejected.map((r) => [r.code, r.cell])).toEqual([['request_not_later', 'M3']]);
  });

  test('a done date in the future or before the meeting is refused', () => {
    const reg = register();
    const copy = copyFor(reg);
    edit(copy, 'm-1-a', { doneDate: '1401/05/02' });
    edit(copy, 'm-2-a', { doneDate: '1401/04/01' });
    edit(copy, 'm-3-a', { doneDate: '1401/05/01' });
    const { changes, report } = mergeReturn(reg, copy, meta(reg));
    expect(report.rejected.map((r) => r.code)).toEqual(['date_in_future', 'date_before_meeting']);
    expect(changes.map((c) => c.after.doneDate)).toEqual(['1401/05/01']);
  });

  test('duplicated ids: identical copies merge once, different copies are refused', () => {
    const reg = register();
    const copy = copyFor(reg);
    edit(copy, 'm-1-a', { percent: 30 });
    edit(copy, 'm-2-a', { percent: 20 });
    const same = { ...copy[0], sheetRow: 10 };
    const other = { ...copy[1], sheetRow: 11, values: { ...copy[1].values, percent: 25 } };
    const { changes, report } = mergeReturn(reg, [...copy, same, other], meta(reg));
    expect(changes.map((c) => [c.id, c.after.percent])).toEqual([['m-1-a', 30]]);
    expect(report.rejected.map((r) => [r.code, r.sheetRow])).toEqual([['duplicate_id', 3], ['duplicate_id', 11]]);
  });

  test('duplicated ids: copies that differ only in a locked cell are refused, the edit with them', () => {
    const reg = register();
    const copy = copyFor(reg);
    edit(copy, 'm-1-a', { percent: 30 });
    const tampered = { ...copy[0], sheetRow: 10, values: { ...copy[0].values, text: 'متن دیگر' } };
    const { changes, report } = mergeReturn(reg, [...copy, tampered], meta(reg));
    expect(changes).toEqual([]);
    expect(report.rejected.map((r) => [r.code, r.sheetRow])).toEqual([['duplicate_id', 2], ['duplicate_id', 10]]);
  });

  test('duplicated ids: copies alike on the sheet but from different exports are refused, with what each would change', () => {
    // the row went out with an empty done date, the secretariat then set it to 1401/04/20 and
    // exported again; the agency pasted the newer copy below the older one and cleared its date:
    // against the newer hidden copy the blank cell is an edit, against the older one it is not
    const reg = register();
    const older = copyFor(reg)[0];
    const dated = reg.map((r) => (r.id === 'm-1-a' ? { ...r, doneDate: '1401/04/20', revision: 2 } : r));
    const newer = copyFor(dated)[0];
    const pasted: ReturnRow = { ...newer, sheetRow: 12, values: { ...older.values } };
    expect(pasted.values).toEqual(older.values);
    const { changes, report } = mergeReturn(dated, [older, pasted], meta(dated));
    expect(changes).toEqual([]);
    expect(report.rejected.map((r) => [r.code, r.sheetRow, r.lostFields])).toEqual([
      ['duplicate_id', 2, undefined],
      ['duplicate_id', 12, ['doneDate']],
    ]);
  });

  test('a filled row without id is refused; a blank one is ignored', () => {
    const reg = register();
    const added: ReturnRow = { sheetRow: 9, id: null, revision: null, values: { text: 'ردیف تازه', percent: 10 }, base: null };
    const blank: ReturnRow = { sheetRow: 10, id: '', revision: null, values: { text: '  ', percent: null }, base: null };
    const { report } = mergeReturn(reg, [...copyFor(reg), added, blank], meta(reg));
    expect(report.rejected.map((r) => [r.code, r.cell, r.lostFields])).toEqual([['missing_id', 'A9', ['percent']]]);
    expect(report.rowsRead).toBe(4);
  });

  test('a file made for another agency than its sender is refused whole', () => {
    const reg = register();
    const copy = copyFor(reg);
    edit(copy, 'm-1-a', { percent: 30 });
    const { changes, report } = mergeReturn(reg, copy, meta(reg, { expectedAgency: B }));
    expect(changes).toEqual([]);
    expect(report.outcome).toBe('rejected');
    expect(report.fa).toContain(`برای «${A}» تهیه شده است`);
  });

  test('without the hidden copy: an empty cell is filled, a filled one becomes a conflict', () => {
    const reg = register();
    const copy = copyFor(reg).map((r) => ({ ...r, base: null }));
    edit(copy, 'm-1-a', { report: 'گزارش تازه', percent: 30 });
    edit(copy, 'm-3-a', { percent: 40 }); // what the register holds: nothing to do
    const { changes, report } = mergeReturn(reg, copy, meta(reg));
    expect(changes.map((c) => [c.id, c.fields.map((f) => f.field)])).toEqual([['m-1-a', ['report']]]);
    // percent 0 in the register may have been typed there after export: not overwritten
    expect(report.conflicts.map((c) => [c.id, c.field, c.ours, c.theirs])).toEqual([['m-1-a', 'percent', 0, 30]]);
    expect(report.conflicts[0].fa).toContain('نسخهٔ پنهان');
  });

  test('deleted rows and missing columns are not edits', () => {
    const reg = register();
    const exported = exportForAgency(reg, A);
    const copy = asReturnRows(exported).filter((r) => r.id !== 'm-2-a');
    for (const r of copy) delete r.values.report; // column deleted
    edit(copy, 'm-1-a', { percent: 5 });
    const { changes, report } = mergeReturn(reg, copy, meta(reg, { exportedIds: exported.rows.map((r) => r.id) }));
    expect(changes).toHaveLength(1);
    expect(changes[0].after.report).toBe('');
    expect(report.missingIds).toEqual(['m-2-a']);
  });

  test('rows whose id the register holds twice are not merged', () => {
    const reg = [...register(), row('m-1-a', A, { text: 'تکراری' })];
    const copy = copyFor(register());
    edit(copy, 'm-1-a', { percent: 5 });
    const { changes, report } = mergeReturn(reg, copy, meta(reg));
    expect(changes).toEqual([]);
    expect(report.rejected.map((r) => r.code)).toEqual(['duplicate_in_register']);
  });

  test('a prebuilt index gives the same result as the rows, duplicates included', () => {
    const reg = [...register(), row('m-1-a', A, { text: 'تکراری' })];
    const copy = copyFor(register());
    edit(copy, 'm-1-a', { percent: 5 });
    edit(copy, 'm-2-a', { percent: 6 });
    const fromRows = mergeReturn(reg, copy, meta(reg));
    const fromIndex = mergeReturn(indexRegister(reg), copy, meta(reg));
    expect(fromIndex).toEqual(fromRows);
    expect(fromIndex.changes.map((c) => c.id)).toEqual(['m-2-a']);
  });

  test('the printed summary names every refusal and conflict', () => {
    const reg = register();
    const copy = copyFor(reg);
    edit(copy, 'm-1-a', { percent: 'زیاد' });
    const { report } = mergeReturn(reg, copy, meta(reg));
    const text = formatReports([report]);
    expect(text).toContain('karaj.xlsx');
    expect(text).toContain('خانه J2');
  });

  test('the printed summary does not repeat the file name on every line', () => {
    const reg = register();
    const copy = copyFor(reg);
    edit(copy, 'm-1-a', { percent: 'زیاد' });
    const text = formatReports([mergeReturn(reg, copy, meta(reg)).report]);
    expect(text.split('karaj.xlsx')).toHaveLength(2);
  });
});

describe('a corrected copy of a file already merged', () => {
  const EXPORT = '7@2022-07-20T06:00:00.000Z';
  const FIRST = '2022-07-21T08:00:00.000Z';
  const SECOND = '2022-07-22T09:30:00.000Z';

  /** Merge `rows` saved at `savedAt` into the index, as the use case does between files. */
  function mergeSaved(index: ReturnType<typeof indexRegister>, rows: ReturnRow[], savedAt: string | undefined, reg: Assignment[]) {
    const result = mergeReturn(index, rows, meta(reg, { exportKey: EXPORT, savedAt }));
    for (const change of result.changes) index.byId.set(change.id, change.after);
    recordMerges(index, result.history);
    return result;
  }

  test('a later save of the same file replaces what its earlier save set, even back to the exported value', () => {
    const reg = register();
    const index = indexRegister(reg);
    const first = copyFor(reg);
    edit(first, 'm-1-a', { percent: 50, report: 'گزارش اول' });
    expect(mergeSaved(index, first, FIRST, reg).report.cellsApplied).toBe(2);
    const second = copyFor(reg); // the same export, corrected: other percent, report removed
    edit(second, 'm-1-a', { percent: 60 });
    const { report, history } = mergeSaved(index, second, SECOND, reg);
    expect(report.conflicts).toEqual([]);
    expect(report.applied.map((a) => [a.field, a.old, a.new])).toEqual([['percent', 50, 60], ['report', 'گزارش اول', null]]);
    expect(index.byId.get('m-1-a')).toMatchObject({ percent: 60, report: '', revision: 3 });
    expect(history.every((h) => h.exportKey === EXPORT && h.savedAt === SECOND)).toBe(true);
  });

  test('the earlier save merged after the later one changes nothing and says it is outdated; not a conflict', () => {
    const reg = register();
    const index = indexRegister(reg);
    const first = copyFor(reg);
    edit(first, 'm-1-a', { percent: 50 });
    edit(first, 'm-2-a', { report: 'فقط در نسخهٔ اول' });
    const second = copyFor(reg);
    edit(second, 'm-1-a', { percent: 60 });
    mergeSaved(index, second, SECOND, reg);
    const { report, changes } = mergeSaved(index, first, FIRST, reg);
    expect(changes).toEqual([]);
    expect(report.conflicts).toEqual([]);
    expect(report.outdated.map((o) => [o.id, o.field, o.ours, o.theirs])).toEqual([['m-1-a', 'percent', 60, 50], ['m-2-a', 'report', null, 'فقط در نسخهٔ اول']]);
    expect(report.outcome).toBe('already_merged');
    expect(report.fa).toContain('نسخهٔ تازه‌تری');
    // saved 2022-07-21 08:00 UTC: 12:30 on 1401/04/30 in Tehran
    expect(report.outdated[0].fa).toBe('فایل «karaj.xlsx»، برگه «مصوبات»، خانه J2: «درصد پیشرفت» در این نسخهٔ فایل (ذخیره‌شده در ۱۴۰۱/۰۴/۳۰ ۱۲:۳۰) «۵۰» است، ولی نسخهٔ تازه‌تری از همین فایل پیش‌تر ادغام شده و «۶۰» را ثبت کرده است؛ اعمال نشد');
    expect(index.byId.get('m-1-a')!.percent).toBe(60);
  });

  test('the same save merged twice is idempotent', () => {
    const reg = register();
    const index = indexRegister(reg);
    const first = copyFor(reg);
    edit(first, 'm-1-a', { percent: 50 });
    mergeSaved(index, first, FIRST, reg);
    const again = mergeSaved(index, first, FIRST, reg);
    expect(again.changes).toEqual([]);
    expect(again.report.outdated).toEqual([]);
    expect(again.report.outcome).toBe('already_merged');
  });

  test('a value the secretariat changed after the first merge is still a conflict', () => {
    const reg = register();
    const index = indexRegister(reg);
    const first = copyFor(reg);
    edit(first, 'm-1-a', { percent: 50 });
    mergeSaved(index, first, FIRST, reg);
    index.byId.set('m-1-a', { ...index.byId.get('m-1-a')!, percent: 55 }); // typed in Excel
    const second = copyFor(reg);
    edit(second, 'm-1-a', { percent: 60 });
    const { report } = mergeSaved(index, second, SECOND, reg);
    expect(report.conflicts.map((c) => [c.field, c.ours, c.theirs])).toEqual([['percent', 55, 60]]);
  });

  test('a save sent again after its values changed (a newer export, a hand edit): outdated, not a conflict', () => {
    const reg = register();
    const index = indexRegister(reg);
    const first = copyFor(reg);
    edit(first, 'm-1-a', { status: 'در حال انجام', percent: 50 });
    mergeSaved(index, first, FIRST, reg);
    // the agency's newer answer, from a later export, and the secretariat's own edit
    const newer = copyFor([...index.byId.values()]);
    edit(newer, 'm-1-a', { percent: 70 });
    const later = mergeReturn(index, newer, meta(reg, { exportKey: '9@2022-08-01T00:00:00.000Z', savedAt: SECOND }));
    for (const change of later.changes) index.byId.set(change.id, change.after);
    recordMerges(index, later.history);
    index.byId.set('m-1-a', { ...index.byId.get('m-1-a')!, status: 'blocked' }); // typed in Excel
    const { report, changes } = mergeSaved(index, first, FIRST, reg);
    expect(changes).toEqual([]);
    expect(report.conflicts).toEqual([]);
    expect(report.outdated.map((o) => [o.field, o.ours, o.theirs, o.why])).toEqual([
      ['status', 'blocked', 'in_progress', 'changed_since'], ['percent', 70, 50, 'changed_since'],
    ]);
    expect(report.outdated[0].fa).toContain('پیش‌تر ادغام شده بود');
    expect(report.fa).not.toContain('نسخهٔ تازه‌تری');
    // a value of that save that was never taken (a conflict then) is still a conflict
    const other = copyFor(reg);
    edit(other, 'm-2-a', { report: 'متن آژانس' });
    index.byId.set('m-2-a', { ...index.byId.get('m-2-a')!, report: 'متن دبیرخانه' });
    const conflicted = mergeReturn(index, other, meta(reg, { exportKey: EXPORT, savedAt: '2022-07-23T00:00:00.000Z' }));
    recordMerges(index, conflicted.history);
    expect(mergeReturn(index, other, meta(reg, { exportKey: EXPORT, savedAt: '2022-07-23T00:00:00.000Z' })).report.conflicts).toHaveLength(1);
  });

  test('another agency, another export or unknown save times: a plain three-way merge', () => {
    const reg = register();
    for (const [otherMeta, savedAt] of [[{ exportKey: '9@2022-07-25T00:00:00.000Z' }, SECOND], [{}, undefined]] as const) {
      const index = indexRegister(reg);
      const first = copyFor(reg);
      edit(first, 'm-1-a', { percent: 50 });
      mergeSaved(index, first, FIRST, reg);
      const second = copyFor(reg);
      edit(second, 'm-1-a', { percent: 60 });
      const { report } = mergeReturn(index, second, meta(reg, { exportKey: EXPORT, savedAt, ...otherMeta }));
      expect(report.conflicts.map((c) => [c.field, c.ours, c.theirs])).toEqual([['percent', 50, 60]]);
    }
  });

  test('the history read back from the register gives the same result', () => {
    const reg = register();
    const live = indexRegister(reg);
    const first = copyFor(reg);
    edit(first, 'm-1-a', { status: 'در حال انجام', percent: '۵۰٪' });
    const firstResult = mergeSaved(live, first, FIRST, reg);
    const afterFirst = applyChanges(reg, firstResult.changes);
    const reread = indexRegister(afterFirst, firstResult.history);
    const second = copyFor(reg);
    edit(second, 'm-1-a', { status: 'انجام شده', percent: 100 });
    const fromHistory = mergeReturn(reread, second, meta(reg, { exportKey: EXPORT, savedAt: SECOND }));
    expect(fromHistory.report.conflicts).toEqual([]);
    expect(fromHistory.changes[0].after).toMatchObject({ status: 'done', percent: 100 });
  });
});

describe('cells people really send', () => {
  test('status done with the percent blank: the percent becomes 100, with a note and a history line', () => {
    const reg = register();
    const copy = copyFor(reg);
    edit(copy, 'm-1-a', { status: 'انجام شده', percent: null, doneDate: '1401/04/20' });
    edit(copy, 'm-3-a', { status: 'انجام شده', percent: 70 });
    const { changes, history, report } = mergeReturn(reg, copy, meta(reg));
    expect(changes[0].after).toMatchObject({ status: 'done', percent: 100 });
    expect(history.filter((h) => h.id === 'm-1-a').map((h) => [h.field, h.old, h.new])).toEqual([
      ['status', 'انجام نشده', 'انجام شده'], ['percent', '0', '100'], ['doneDate', '', '1401/04/20'],
    ].sort((a, b) => MERGE_FIELDS.indexOf(a[0] as never) - MERGE_FIELDS.indexOf(b[0] as never)));
    expect(report.notes.map((n) => [n.code, n.id, n.cell])).toEqual([['percent_for_done', 'm-1-a', 'J2'], ['done_percent_below_100', 'm-3-a', 'J4']]);
    expect(changes[1].after).toMatchObject({ status: 'done', percent: 70 });
    // merging the same file again changes nothing, with or without the history of the first merge
    const again = mergeReturn(applyChanges(reg, changes), copy, meta(reg));
    expect(again.changes).toEqual([]);
    const saved = { exportKey: '7@x', savedAt: '2022-07-22T09:30:00.000Z' };
    const first = mergeReturn(reg, copy, meta(reg, saved));
    const withHistory = mergeReturn(indexRegister(applyChanges(reg, first.changes), first.history), copy, meta(reg, saved));
    expect(withHistory.changes).toEqual([]);
    expect(withHistory.report.outdated).toEqual([]);
    // m-1-a's status, derived percent and done date, m-3-a's status and percent: each already what the register holds
    expect(withHistory.report.conflicts).toEqual([]);
    expect(withHistory.report.cellsAlreadyApplied).toBe(5);
  });

  test('done with the percent blank does not overwrite a percent the secretariat changed since export', () => {
    const reg = register();
    const copy = copyFor(reg);
    const changed = reg.map((r) => (r.id === 'm-1-a' ? { ...r, percent: 30 } : r));
    edit(copy, 'm-1-a', { status: 'انجام شده' });
    const { changes } = mergeReturn(changed, copy, meta(changed));
    expect(changes[0].after).toMatchObject({ status: 'done', percent: 30 });
  });

  test('a text longer than an Excel cell holds is refused, the rest of the row applied', () => {
    const reg = register();
    const copy = copyFor(reg);
    edit(copy, 'm-1-a', { report: 'ب'.repeat(MAX_CELL_TEXT + 1), percent: 20 });
    const { changes, report } = mergeReturn(reg, copy, meta(reg));
    expect(changes[0].fields.map((f) => f.field)).toEqual(['percent']);
    expect(report.rejected.map((r) => [r.code, r.cell])).toEqual([['text_too_long', 'K2']]);
    expect(report.rejected[0].fa).toContain('۳۲۷۶۸');
    const fits = copyFor(reg);
    edit(fits, 'm-1-a', { report: 'ب'.repeat(MAX_CELL_TEXT) });
    expect(mergeReturn(reg, fits, meta(reg)).changes).toHaveLength(1);
  });

  test('a cell the reader could not read (a formula without a value) is refused, never read as empty', () => {
    const reg = register();
    const copy = copyFor(reg);
    const target = copy.find((r) => r.id === 'm-3-a')!;
    target.values = { ...target.values, percent: null };
    target.unreadable = { percent: { fa: 'فرمول بدون مقدار', en: 'formula without a value' } };
    const { changes, report } = mergeReturn(reg, copy, meta(reg));
    expect(changes).toEqual([]);
    expect(report.rejected.map((r) => [r.code, r.cell])).toEqual([['unreadable_cell', 'J4']]);
  });

  test('a register cell its rules cannot read is compared as its text and replaced by a valid answer', () => {
    const reg = register().map((r) => (r.id === 'm-1-a' ? { ...r, percent: null } : r));
    const index = indexRegister(reg);
    index.invalid = new Map([['m-1-a', { percent: 'زیاد' }]]);
    const copy = copyFor(reg);
    const target = copy.find((r) => r.id === 'm-1-a')!;
    // the export shows the register's text, in the file and in its hidden copy
    target.values = { ...target.values, percent: 'زیاد' };
    target.base = { ...target.base, percent: 'زیاد' };
    const untouched = mergeReturn(index, copy, meta(reg));
    expect(untouched.changes).toEqual([]);
    expect(untouched.report.rejected).toEqual([]);
    edit(copy, 'm-1-a', { percent: 45 });
    const { changes, history } = mergeReturn(index, copy, meta(reg));
    expect(changes[0].after.percent).toBe(45);
    expect(history[0]).toMatchObject({ field: 'percent', old: 'زیاد', new: '45' });
    // the secretariat fixed the cell meanwhile: a conflict that shows both values
    index.invalid = new Map();
    index.byId.set('m-1-a', { ...reg[0], percent: 10 });
    const conflict = mergeReturn(index, copy, meta(reg)).report.conflicts[0];
    expect([conflict.base, conflict.ours, conflict.theirs]).toEqual(['زیاد', 10, 45]);
  });

  test('agency names: a directory alias of the file\'s agency is the same agency', () => {
    const reg = register().map((r) => (r.agency === A ? { ...r, agency: 'فرمانداری شهرستان کرج' } : r));
    const copy = copyFor(register());
    edit(copy, 'm-1-a', { percent: 5 });
    const plain = mergeReturn(reg, copy, meta(reg));
    expect(plain.report.rejected.map((r) => r.code)).toEqual(['other_agency', 'other_agency', 'other_agency']);
    expect(plain.report.rejected[0].fa).toContain('در برگهٔ «دستگاه‌ها» یکی را نام دیگر آن یکی بنویسید');
    const alias = (name: string) => (name === A || name === 'فرمانداری شهرستان کرج' ? 'karaj' : name);
    const { changes } = mergeReturn(reg, copy, meta(reg, { agencyKey: alias }));
    expect(changes.map((c) => c.id)).toEqual(['m-1-a']);
  });
});

describe('the history an index remembers', () => {
  const line = (extra: Partial<HistoryEntry>): HistoryEntry => ({
    at: '1401/05/01 10:00', agency: A, sourceFile: 'karaj.xlsx', id: 'm-1-a', field: 'percent', old: '0', new: '50', revision: 2,
    exportKey: 'E1', savedAt: '2022-07-21T08:00:00.000Z', ...extra,
  });

  test('per field, the line of the highest revision; of one revision, the later line; an empty new value is empty', () => {
    const index = indexRegister(register(), [
      line({ new: '50', revision: 2 }),
      line({ new: '70', revision: 3, savedAt: '2022-07-22T08:00:00.000Z' }),
      line({ new: '60', revision: 3, savedAt: '2022-07-20T08:00:00.000Z' }),
      line({ new: '40', revision: 2, savedAt: '2022-07-23T08:00:00.000Z' }),
      line({ field: 'report', old: 'گزارش', new: '', revision: 3 }),
    ]);
    expect([...index.prior!.values()]).toEqual([
      { agencyKey: 'فرمانداریکرج', exportKey: 'E1', savedAt: '2022-07-20T08:00:00.000Z', value: 60, revision: 3 },
      { agencyKey: 'فرمانداریکرج', exportKey: 'E1', savedAt: '2022-07-21T08:00:00.000Z', value: null, revision: 3 },
    ]);
    // every value set, by save; the latest save of the export
    expect([...index.mergedSaves!.values()]).toEqual([50, 70, 60, 40, null]);
    expect([...index.latestSave!.values()]).toEqual(['2022-07-23T08:00:00.000Z']);
  });

  test('lines without an export key or a save time are not remembered', () => {
    const index = indexRegister(register(), [line({ exportKey: undefined }), line({ savedAt: undefined }), line({ exportKey: '', savedAt: '' })]);
    expect(index.prior).toBeUndefined();
    expect(index.mergedSaves).toBeUndefined();
  });

  test('two spellings of one save time are one save: the first spelling is kept', () => {
    const index = indexRegister(register(), [line({}), line({ savedAt: '2022-07-21T08:00:00Z', field: 'report', new: 'x' })]);
    expect([...index.latestSave!.values()]).toEqual(['2022-07-21T08:00:00.000Z']);
  });
});

describe('what a refusal says', () => {
  test('a row-level refusal names the id column, and only the fields it had, exactly', () => {
    const reg = register();
    const added: ReturnRow = { sheetRow: 9, id: null, revision: null, values: { text: 'ردیف تازه', report: '' }, base: null };
    const stranger: ReturnRow = { sheetRow: 12, id: 'zz-9', revision: null, values: { id: 'zz-9', percent: 5 }, base: null };
    const { report } = mergeReturn(reg, [added, stranger], meta(reg, { columns: undefined }));
    // without column letters the id is taken to be in column A
    expect(report.rejected).toStrictEqual([
      {
        code: 'missing_id', file: 'karaj.xlsx', sheet: 'مصوبات', sheetRow: 9, cell: 'A9',
        fa: 'فایل «karaj.xlsx»، برگه «مصوبات»، خانه A9: این ردیف شناسه ندارد (ردیف افزوده‌شده)؛ ردیف تازه را فقط دبیرخانه می‌تواند اضافه کند',
        en: 'file "karaj.xlsx", sheet "مصوبات", cell A9: this row has no id (added by hand); only the secretariat adds rows',
      },
      {
        code: 'unknown_id', file: 'karaj.xlsx', sheet: 'مصوبات', sheetRow: 12, cell: 'A12', id: 'zz-9', field: 'id', lostFields: ['percent'],
        fa: 'فایل «karaj.xlsx»، برگه «مصوبات»، خانه A12: شناسهٔ «zz-9» در دفتر مصوبات نیست؛ این ردیف اعمال نشد',
        en: 'file "karaj.xlsx", sheet "مصوبات", cell A12: id "zz-9" is not in the register; row not applied',
      },
    ]);
  });

  test('a row of another agency is refused at its id cell', () => {
    const reg = register();
    const foreign = asReturnRows(exportForAgency(reg, B), 10);
    expect(mergeReturn(reg, foreign, meta(reg)).report.rejected.map((r) => [r.code, r.field, r.cell])).toEqual([['other_agency', 'id', 'A10']]);
  });

  test('a pasted row without a copy is refused when its id was not sent in this file, and merged when it was', () => {
    const reg = register();
    const copy = copyFor(reg).map((r) => ({ ...r, base: null }));
    edit(copy, 'm-1-a', { report: 'گزارش' });
    edit(copy, 'm-2-a', { report: 'گزارش دیگر', percent: '۰' });
    const { changes, report } = mergeReturn(reg, copy, meta(reg, { exportedIds: ['m-1-a', 'm-3-a'] }));
    expect(changes.map((c) => c.id)).toEqual(['m-1-a']);
    // the percent typed as the register holds it was not lost
    expect(report.rejected.map((r) => [r.code, r.id, r.field, r.cell, r.lostFields])).toEqual([['not_in_export', 'm-2-a', 'id', 'A3', ['report']]]);
    expect(report.rejected[0].en).toContain('row "m-2-a" was not in the file sent to "فرمانداری کرج" (added or pasted); not applied');
  });

  test('a refused row without a copy whose cells could not be read loses every field it has', () => {
    const reg = register();
    const pasted: ReturnRow = {
      sheetRow: 7, id: 'm-2-a', revision: null, values: { id: 'm-2-a', status: 'در حال انجام', percent: null, report: 'x' }, base: null,
      unreadable: { percent: { fa: 'فرمول بدون مقدار', en: 'formula without a value' } },
    };
    const { report } = mergeReturn(reg, [pasted], meta(reg, { exportedIds: ['m-1-a'] }));
    expect(report.rejected.map((r) => [r.code, r.lostFields])).toEqual([['not_in_export', ['status', 'percent', 'report']]]);
  });

  test('the file made for another agency: the whole report', () => {
    const reg = register();
    const { changes, history, report } = mergeReturn(reg, copyFor(reg), meta(reg, { expectedAgency: B }));
    expect([changes, history]).toEqual([[], []]);
    expect(report.rejected.map((r) => [r.code, r.sheetRow])).toEqual([['wrong_agency', 0]]);
    // the agency it was made for sending it is fine
    expect(mergeReturn(reg, copyFor(reg), meta(reg, { expectedAgency: 'فرمانداري كرج' })).report.outcome).toBe('nothing_new');
  });

  test('a report of rows counts the register\'s revision from its rows', () => {
    const reg = register().map((r) => ({ ...r, revision: 3 }));
    expect(mergeReturn(reg, [], meta(reg)).report.registerRevision).toBe(12);
  });
});

describe('dates an agency types', () => {
  test('a done date in the future, before the meeting, a requested due date not later: each message names both dates', () => {
    const reg = register();
    const copy = copyFor(reg);
    edit(copy, 'm-1-a', { doneDate: '1401/05/02' });
    edit(copy, 'm-2-a', { doneDate: '1401/04/08' });
    edit(copy, 'm-3-a', { requestedDue: '1401/05/09' });
    const { report } = mergeReturn(reg, copy, meta(reg, { today: JalaliDate.of(1401, 5, 1) }));
    expect(report.rejected.map((r) => [r.code, r.en])).toEqual([
      ['date_in_future', 'file "karaj.xlsx", sheet "مصوبات", cell L2: done date 1401/05/02 is in the future'],
      ['date_before_meeting', 'file "karaj.xlsx", sheet "مصوبات", cell L3: done date 1401/04/08 is before the meeting (1401/04/09)'],
      ['request_not_later', 'file "karaj.xlsx", sheet "مصوبات", cell M4: requested due date 1401/05/09 is not later than the current due date 1401/05/09'],
    ]);
    expect(report.rejected.map((r) => r.fa.split(': ')[1])).toEqual([
      'تاریخ انجام ۱۴۰۱/۰۵/۰۲ هنوز نرسیده است',
      'تاریخ انجام ۱۴۰۱/۰۴/۰۸ پیش از تاریخ جلسه (۱۴۰۱/۰۴/۰۹) است',
      'مهلت درخواستی ۱۴۰۱/۰۵/۰۹ دیرتر از مهلت فعلی (۱۴۰۱/۰۵/۰۹) نیست',
    ]);
  });

  test('dates on the day itself are taken; a row without a meeting date or a due date takes any past date; a cleared date is cleared', () => {
    const reg = register().map((r) => (r.id === 'm-2-a' ? { ...r, meetingDate: null, due: null } : r.id === 'm-3-a' ? { ...r, doneDate: '1401/04/20' } : r));
    const copy = copyFor(reg);
    edit(copy, 'm-1-a', { doneDate: '1401/05/01', requestedDue: '1401/05/10' });
    edit(copy, 'm-2-a', { doneDate: '1400/01/01', requestedDue: '1400/01/02' });
    edit(copy, 'm-3-a', { doneDate: null });
    const { changes, report } = mergeReturn(reg, copy, meta(reg, { today: JalaliDate.of(1401, 5, 1) }));
    expect(report.rejected).toEqual([]);
    expect(changes.map((c) => [c.id, c.after.doneDate, c.after.requestedDue])).toEqual([
      ['m-1-a', '1401/05/01', '1401/05/10'], ['m-2-a', '1400/01/01', '1400/01/02'], ['m-3-a', null, null],
    ]);
    // only rows that asked for a new due date are requests
    expect(report.requests.map((r) => r.id)).toEqual(['m-1-a', 'm-2-a']);
  });

  test('a reason alone, or a date alone, is a request', () => {
    const reg = register();
    const copy = copyFor(reg);
    edit(copy, 'm-1-a', { requestReason: 'کمبود اعتبار' });
    edit(copy, 'm-2-a', { requestedDue: '1401/06/01' });
    edit(copy, 'm-3-a', { percent: 50 });
    const { report } = mergeReturn(reg, copy, meta(reg));
    expect(report.requests).toEqual([
      { id: 'm-1-a', due: '1401/05/09', requestedDue: null, reason: 'کمبود اعتبار' },
      { id: 'm-2-a', due: '1401/05/09', requestedDue: '1401/06/01', reason: '' },
    ]);
  });
});

describe('history lines of a merge', () => {
  test('carry the export and the save only when both are known', () => {
    const reg = register();
    const copy = copyFor(reg);
    edit(copy, 'm-1-a', { percent: 50 });
    const { history } = mergeReturn(reg, copy, meta(reg, { exportKey: 'E1' }));
    expect(history).toStrictEqual([{ at: '1401/05/01 10:00', agency: A, sourceFile: 'karaj.xlsx', id: 'm-1-a', field: 'percent', old: '0', new: '50', revision: 2 }]);
  });
});

describe('done and its percent', () => {
  test('done with a percent of 100 has no note; a row not done keeps a cleared percent empty', () => {
    const reg = register();
    const copy = copyFor(reg);
    edit(copy, 'm-1-a', { status: 'انجام شده', percent: 100 });
    edit(copy, 'm-3-a', { percent: null });
    const { changes, report } = mergeReturn(reg, copy, meta(reg));
    expect(report.notes).toEqual([]);
    expect(changes.map((c) => [c.id, c.after.status, c.after.percent])).toEqual([['m-1-a', 'done', 100], ['m-3-a', 'in_progress', null]]);
  });

  test('a done row whose percent was cleared keeps 100, and nothing changes', () => {
    const reg = register().map((r) => (r.id === 'm-1-a' ? { ...r, status: 'done' as const, percent: 100, doneDate: '1401/04/20' } : r));
    const copy = copyFor(reg);
    edit(copy, 'm-1-a', { percent: null });
    const { changes, report } = mergeReturn(reg, copy, meta(reg));
    expect(changes).toEqual([]);
    expect(report.notes.map((n) => n.code)).toEqual(['percent_for_done']);
  });

  test('a done row whose report alone changes keeps its empty percent', () => {
    const reg = register().map((r) => (r.id === 'm-1-a' ? { ...r, status: 'done' as const, percent: null } : r));
    const copy = copyFor(reg);
    edit(copy, 'm-1-a', { report: 'پایان کار' });
    const { changes, report } = mergeReturn(reg, copy, meta(reg));
    expect(changes.map((c) => [c.after.percent, c.fields.map((f) => f.field)])).toEqual([[null, ['report']]]);
    expect(report.notes).toEqual([]);
  });

  test('marked done with the percent left blank as exported: 100 is added as a change of its own', () => {
    const reg = register().map((r) => (r.id === 'm-1-a' ? { ...r, percent: null } : r));
    const copy = copyFor(reg);
    edit(copy, 'm-1-a', { status: 'انجام شده' });
    const { changes, history } = mergeReturn(reg, copy, meta(reg));
    expect(changes[0].fields.map((f) => [f.field, f.old, f.new])).toEqual([['status', 'not_started', 'done'], ['percent', null, 100]]);
    expect(history.map((h) => [h.field, h.old, h.new])).toEqual([['status', 'انجام نشده', 'انجام شده'], ['percent', '', '100']]);
  });

  test('…but not when the secretariat filled the blank percent since export', () => {
    const reg = register().map((r) => (r.id === 'm-1-a' ? { ...r, percent: null } : r));
    const copy = copyFor(reg);
    edit(copy, 'm-1-a', { status: 'انجام شده' });
    const now = reg.map((r) => (r.id === 'm-1-a' ? { ...r, percent: 30 } : r));
    expect(mergeReturn(now, copy, meta(now)).changes[0].after).toMatchObject({ status: 'done', percent: 30 });
  });

  test('…nor when the percent cell holds text the register cannot read, sent back as it was', () => {
    const reg = register().map((r) => (r.id === 'm-1-a' ? { ...r, percent: null } : r));
    const index = indexRegister(reg);
    index.invalid = new Map([['m-1-a', { percent: 'زیاد' }]]);
    const copy = copyFor(reg);
    const target = copy.find((r) => r.id === 'm-1-a')!;
    target.base = { ...target.base, percent: 'زیاد' };
    target.values = { ...target.values, percent: 'زیاد', status: 'انجام شده' };
    const { changes, report } = mergeReturn(index, copy, meta(reg));
    expect(changes[0].fields.map((f) => f.field)).toEqual(['status']);
    expect(report.notes).toEqual([]);
  });
});

describe('a field the file does not change', () => {
  test('a deleted percent column leaves the register\'s percent', () => {
    const reg = register();
    const copy = copyFor(reg);
    for (const r of copy) delete r.values.percent;
    edit(copy, 'm-3-a', { report: 'گزارش' });
    const { changes } = mergeReturn(reg, copy, meta(reg));
    expect(changes.map((c) => [c.id, c.after.percent, c.fields.map((f) => f.field)])).toEqual([['m-3-a', 40, ['report']]]);
  });

  test('a report the secretariat cleared after export and the agency changed is a conflict', () => {
    const reg = register().map((r) => (r.id === 'm-1-a' ? { ...r, report: 'گزارش قبلی' } : r));
    const copy = copyFor(reg);
    edit(copy, 'm-1-a', { report: 'گزارش دستگاه' });
    const now = reg.map((r) => (r.id === 'm-1-a' ? { ...r, report: '' } : r));
    const { changes, report } = mergeReturn(now, copy, meta(now));
    expect(changes).toEqual([]);
    expect(report.conflicts.map((c) => [c.base, c.ours, c.theirs])).toEqual([['گزارش قبلی', null, 'گزارش دستگاه']]);
    expect(report.conflicts[0].en).toContain('Report changed both in the file ("گزارش دستگاه") and in the register ("") since export (was "گزارش قبلی"); not applied');
  });
});
