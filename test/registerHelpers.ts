/** Helpers for register workbook tests: registers built by hand, and files patched at zip level. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Assignment } from '../core/register/types';
import { RegisterBook } from '../adapters/xlsx/registerBook';
import { readZip, writeZip } from '../adapters/xlsx/fast/zip';

/** An assignment with sensible defaults; override what the test is about. */
export function assignment(overrides: Partial<Assignment> = {}): Assignment {
  return {
    id: '14010409-12-1-aaaaaa',
    meeting: 'دوازدهمین صورتجلسه قرارگاه اجتماعی استان',
    meetingDate: '1401/04/09',
    row: 1,
    text: 'مقرر گردید: فرمانداری کرج گزارش را ارسال نماید.',
    agency: 'فرمانداری کرج',
    deadlineText: 'یک ماه',
    due: '1401/05/09',
    status: null,
    percent: null,
    report: '',
    doneDate: null,
    requestedDue: null,
    requestReason: '',
    revision: 1,
    updatedAt: '1401/04/09 10:00',
    ...overrides,
  };
}

/** Write a register made by the tool with these rows to `dir/name`; returns the path. */
export async function registerFile(dir: string, rows: Assignment[], name = 'register.xlsx'): Promise<string> {
  const book = RegisterBook.create();
  book.append(rows);
  const path = join(dir, name);
  await book.save(path);
  return path;
}

/** Open a file with plain exceljs, let `edit` change it as a person would, save it back. */
export async function editWithExcelJS(path: string, edit: (workbook: ExcelJS.Workbook) => void | Promise<void>): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  await edit(workbook);
  await workbook.xlsx.writeFile(path);
}

/** Rewrite a file's zip parts (e.g. add a chart part, a defined name). */
export function patchZip(path: string, patch: (files: Array<{ name: string; data: Buffer }>) => Array<{ name: string; data: Buffer | string }>): void {
  writeFileSync(path, writeZip(patch(readZip(readFileSync(path)))));
}

/** The text of one part of a file. */
export function zipPart(path: string, name: string): string {
  const part = readZip(readFileSync(path)).find((f) => f.name === name);
  if (!part) throw new Error(`${name} not in ${path}`);
  return part.data.toString('utf8');
}

/** The XML of the sheet whose workbook name is `name`. */
export function sheetPart(path: string, name: string): string {
  const workbook = zipPart(path, 'xl/workbook.xml');
  const rels = zipPart(path, 'xl/_rels/workbook.xml.rels');
  const rid = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="([^"]+)"`).exec(workbook)?.[1];
  const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)?.[1];
  return zipPart(path, `xl/${target!.replace(/^\/?xl\//, '')}`);
}

/** The derived states of `stateRows()` on 1401/04/20, in order. */
export const STATE_ROWS_STATES = ['overdue', 'due_soon', 'on_track', 'done', 'void', 'invalid'] as const;

/** Six rows that are, on 1401/04/20: overdue, due soon, on track, done, void, invalid. */
export function stateRows(): Assignment[] {
  return [
    assignment({ id: 'late', due: '1401/04/10' }),
    assignment({ id: 'soon', due: '1401/04/25', row: 2 }),
    assignment({ id: 'later', due: '1401/05/30', row: 3 }),
    assignment({ id: 'done', due: '1401/05/30', row: 4, status: 'done', percent: 100, doneDate: '1401/04/15' }),
    assignment({ id: 'void', row: 5, status: 'void' }),
    assignment({ id: 'bad', row: 6, percent: 150 }),
  ];
}
