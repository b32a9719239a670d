/** Use case: the secretariat sends minutes to the service; they become stored register rows. */
import { joinMinutesAgencies, type AgencyDirectory, type JoinedAgencies } from '../core/agency';
import { assignmentsFromMinutes } from '../core/register/fromMinutes';
import { meetingId } from '../core/register/ids';
import type { ParsedMinutes, Warning } from '../core/minutes/types';
import type { RegisterStore } from './registerStore';
import { readUploadedMinutes } from './readUploads';
import { storedDirectory } from './storedViews';

export interface ImportResult {
  meetingId: string;
  /** Rows new to the store; 0 when the same minutes were imported before. */
  added: number;
  existing: number;
  /** Spellings written with the name of an agency the store knows (certain matches), as the CLI's import reports them. */
  agenciesJoined: JoinedAgencies['joined'];
  /** New agencies that are likely a known one: kept as written, with a warning, never merged. */
  agencyProposals: JoinedAgencies['proposals'];
  /** The minutes parser's warnings, document-level and per resolution (with its row), the agency ones included. */
  warnings: Array<Warning & { row?: number }>;
  minutes: ParsedMinutes;
}

/**
 * The agencies new minutes are matched against: the store's directory (names and aliases), then
 * every agency its rows name — what a register's `دستگاه‌ها` sheet holds after the same imports.
 */
export async function matchingDirectory(store: RegisterStore): Promise<AgencyDirectory> {
  const directory = await storedDirectory(store);
  for (const row of await store.listAssignments()) if (row.agency.trim()) directory.add(row.agency);
  return directory;
}

/**
 * The shared matcher's note on a likely match tells a workbook's user to accept it in the
 * `دستگاه‌ها` sheet; the service's directory is kept on the dashboard, so its note says that.
 */
function proposalsOnDashboard(minutes: ParsedMinutes, proposals: JoinedAgencies['proposals']): void {
  for (const resolution of minutes.resolutions) {
    resolution.warnings = resolution.warnings.map((warning) => {
      const proposal = warning.code === 'agency_alias_proposed' ? proposals.find((p) => warning.fa.startsWith(`«${p.name}»`)) : undefined;
      if (!proposal) return warning;
      return {
        ...warning,
        fa: `«${proposal.name}» شاید همان «${proposal.existing}» باشد؛ دستگاه تازه ثبت شد. اگر یکی‌اند، در داشبورد («دستگاه‌ها و نام‌های دیگر آن‌ها») این نام را در «نام‌های دیگر» آن دستگاه بنویسید`,
        en: `"${proposal.name}" may be the agency "${proposal.existing}"; it was added as a new agency. If they are one, add this name to that agency's other names on the dashboard`,
      };
    });
  }
}

/**
 * Store parsed minutes: the meeting and one row per (resolution, agency). Each agency is first
 * matched against the store's agencies as the CLI's import matches a register's: a certain
 * match is written with the known name, a likely one is kept and warned about. Storing the same
 * minutes twice adds nothing.
 * @param minutes changed in place (agencies joined, warnings added)
 * @param today Jalali `YYYY/MM/DD`, written as the rows' last update
 */
export async function storeMinutes(store: RegisterStore, minutes: ParsedMinutes, today: string, now: Date): Promise<ImportResult> {
  const id = meetingId(minutes.meeting.date, minutes.meeting.number);
  const agencies = joinMinutesAgencies(minutes, await matchingDirectory(store));
  proposalsOnDashboard(minutes, agencies.proposals);
  const { added, existing } = await store.addMeeting({ id, ...minutes.meeting }, assignmentsFromMinutes(minutes, today), now.toISOString());
  const warnings = [
    ...minutes.warnings,
    ...minutes.resolutions.flatMap((r) => r.warnings.map((w) => ({ ...w, row: r.row }))),
  ];
  return { meetingId: id, added, existing, agenciesJoined: agencies.joined, agencyProposals: agencies.proposals, warnings, minutes };
}

/**
 * Decode and parse minutes bytes (.txt in the usual encodings, or .docx) with the store's
 * settings (due dates as `mosavabat import` computes them into a register with the same
 * `تنظیمات`), and store them.
 * @throws MosavabatError for bytes that are not minutes text, or minutes with no resolutions
 */
export async function importMinutesToStore(store: RegisterStore, bytes: Uint8Array, fileName: string, today: string, now: Date): Promise<ImportResult> {
  return storeMinutes(store, readUploadedMinutes(Buffer.from(bytes), fileName, await store.getSettings()), today, now);
}
