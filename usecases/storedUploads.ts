/**
 * Use case: the secretariat reads which files reached the service — return and register
 * workbooks, merged, with nothing new, or refused whole (an edited or foreign return) — with
 * who sent each, when, its content hash and what became of it.
 */
import { tehranStamp } from '../core/jalali/clock';
import type { RegisterStore, UploadRecord } from './registerStore';

/** One upload as the secretariat reads it. */
export interface UploadSummary {
  id: number;
  /** `return` or `register`. */
  kind: string;
  name: string;
  /** Bytes. */
  size: number;
  /** SHA-256 of the bytes, hex. */
  hash: string;
  /** When it was received (ISO instant). */
  receivedAt: string;
  /** The same in Tehran: Jalali `YYYY/MM/DD HH:MM`. */
  receivedTehran: string;
  sender: { role: 'secretariat' | 'agency' | 'system'; agency: string | null; tokenId: string | null };
  /** `applied`, `nothing_new`, `already_merged` or `rejected` (refused whole, or every row refused). */
  outcome: string | null;
  /** The whole file's refusal (code, Persian and English reason); null when it was read. */
  refusal: { code: string; fa: string; en: string } | null;
  /** Cells applied, and conflicts left for a person. */
  cellsApplied: number;
  conflicts: number;
}

/** The most uploads one page lists. */
export const MAX_UPLOAD_PAGE = 1000;

interface StoredReport {
  outcome?: unknown;
  cellsApplied?: unknown;
  conflicts?: unknown;
  rejected?: unknown;
}

function summaryOf(record: UploadRecord): UploadSummary {
  const report = (record.report ?? {}) as StoredReport;
  const rejected = Array.isArray(report.rejected) ? report.rejected as Array<{ code?: unknown; sheetRow?: unknown; fa?: unknown; en?: unknown }> : [];
  const whole = rejected.find((r) => r.sheetRow === 0);
  return {
    id: record.id, kind: record.kind, name: record.name, size: record.size, hash: record.hash, receivedAt: record.receivedAt,
    receivedTehran: tehranStamp(new Date(record.receivedAt)),
    sender: { role: record.actor.kind, agency: record.actor.agency ?? null, tokenId: record.actor.tokenId ?? null },
    outcome: typeof report.outcome === 'string' ? report.outcome : null,
    refusal: whole ? { code: String(whole.code ?? ''), fa: String(whole.fa ?? ''), en: String(whole.en ?? '') } : null,
    cellsApplied: typeof report.cellsApplied === 'number' ? report.cellsApplied : 0,
    conflicts: Array.isArray(report.conflicts) ? report.conflicts.length : 0,
  };
}

/**
 * The uploads recorded, newest first: `limit` of them, those before `beforeId` for a later page.
 * @returns the page and the id to give as `beforeId` for the next one (null on the last page)
 */
export async function listStoredUploads(store: RegisterStore, limit: number, beforeId?: number): Promise<{ uploads: UploadSummary[]; nextBefore: number | null }> {
  const records = await store.listUploads({ limit: limit + 1, beforeId });
  const page = records.slice(0, limit);
  return { uploads: page.map(summaryOf), nextBefore: records.length > limit ? page[page.length - 1].id : null };
}
