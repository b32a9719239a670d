/**
 * Words for merge reports: a one-line verdict per file, and the readable Persian summary the
 * CLI prints (the server will show the same text).
 */
import { toPersianDigits } from '../text/digits';
import type { FileReport } from './types';

const fa = (n: number) => toPersianDigits(String(n));

/**
 * The file-level verdict of a report, in Persian and English, from its counts and outcome.
 * Never throws.
 */
export function summarizeReport(report: FileReport): { fa: string; en: string } {
  if (report.outcome === 'rejected') {
    const first = report.rejected[0];
    return { fa: first ? first.fa : 'فایل پذیرفته نشد', en: first ? first.en : 'file refused' };
  }
  const partsFa: string[] = [];
  const partsEn: string[] = [];
  if (report.outcome === 'applied') {
    partsFa.push(`${fa(report.cellsApplied)} خانه در ${fa(report.rowsApplied)} ردیف اعمال شد`);
    partsEn.push(`${report.cellsApplied} cells in ${report.rowsApplied} rows applied`);
  } else if (report.outcome === 'already_merged' && report.outdated.length > 0 && report.cellsAlreadyApplied === 0
    && report.outdated.every((o) => o.why !== 'changed_since')) {
    partsFa.push('نسخهٔ تازه‌تری از همین فایل پیش‌تر ادغام شده است؛ این نسخه چیزی را تغییر نداد');
    partsEn.push('a later save of this file was merged already; this copy changed nothing');
  } else if (report.outcome === 'already_merged') {
    partsFa.push('این فایل پیش‌تر ادغام شده است؛ تغییر تازه‌ای نداشت');
    partsEn.push('this file was already merged; nothing new');
  } else {
    partsFa.push('تغییری برای اعمال نداشت');
    partsEn.push('nothing to apply');
  }
  if (report.rejected.length) {
    partsFa.push(`${fa(report.rejected.length)} مورد رد شد`);
    partsEn.push(`${report.rejected.length} refused`);
  }
  if (report.conflicts.length) {
    partsFa.push(`${fa(report.conflicts.length)} تعارض`);
    partsEn.push(`${report.conflicts.length} conflicts`);
  }
  if (report.outdated.length) {
    partsFa.push(`${fa(report.outdated.length)} خانه کهنه‌تر از نسخهٔ ادغام‌شده`);
    partsEn.push(`${report.outdated.length} cells older than the merged save`);
  }
  if (report.requests.length) {
    partsFa.push(`${fa(report.requests.length)} درخواست تمدید مهلت`);
    partsEn.push(`${report.requests.length} extension requests`);
  }
  return { fa: partsFa.join('؛ '), en: partsEn.join('; ') };
}

/**
 * The Persian summary of a merge run, one block per file: verdict, counts, then every
 * refusal and conflict with its sheet and cell. Meant for a terminal or a page.
 * @param reports one per file, in the order they were merged
 */
export function formatReports(reports: readonly FileReport[]): string {
  const lines: string[] = [];
  for (const report of reports) {
    lines.push(`■ ${report.file}${report.agency ? ` — ${report.agency}` : ''}`);
    lines.push(`  ${report.fa}`);
    if (report.outcome !== 'rejected') {
      lines.push(`  ردیف‌های خوانده‌شده: ${fa(report.rowsRead)} · اعمال‌شده: ${fa(report.rowsApplied)} · بی‌تغییر: ${fa(report.rowsUnchanged)}`
        + ` · خانه‌های اعمال‌شده: ${fa(report.cellsApplied)} · از پیش اعمال‌شده: ${fa(report.cellsAlreadyApplied)}`);
    }
    // the file is named in the block's first line: messages go without it
    const local = (text: string) => text.replace(`فایل «${report.file}»، `, '');
    for (const rejection of report.rejected) if (rejection.sheetRow > 0) lines.push(`  ✗ ${local(rejection.fa)}`);
    for (const conflict of report.conflicts) lines.push(`  ⚠ ${local(conflict.fa)}`);
    for (const old of report.outdated) lines.push(`  ↺ ${local(old.fa)}`);
    for (const note of report.notes) lines.push(`  ℹ ${local(note.fa)}`);
    for (const request of report.requests) {
      lines.push(`  ⏳ درخواست تمدید ${request.id}: ${toPersianDigits(request.due ?? '—')} ← ${toPersianDigits(request.requestedDue ?? '—')}${request.reason ? ` (${request.reason})` : ''}`);
    }
    if (report.missingIds.length) lines.push(`  ${fa(report.missingIds.length)} ردیف از فایل حذف شده بود (کاری با آن‌ها نشد)`);
  }
  return lines.join('\n');
}

/**
 * The report of a file that could not be merged at all (unreadable, not a return workbook,
 * made for another agency): outcome `rejected`, one file-level refusal, nothing applied.
 * @param registerRevision the register's revision at the time (for the report)
 */
export function failedReport(file: string, agency: string, code: string, faText: string, enText: string, registerRevision: number): FileReport {
  const report: FileReport = {
    file, agency, sheet: '', outcome: 'rejected', madeFromRevision: null, registerRevision,
    rowsRead: 0, rowsApplied: 0, cellsApplied: 0, rowsUnchanged: 0, cellsAlreadyApplied: 0,
    applied: [], rejected: [{ code, file, sheetRow: 0, fa: faText, en: enText }],
    conflicts: [], outdated: [], notes: [], requests: [], missingIds: [], fa: faText, en: enText,
  };
  return report;
}
