/** Parsed minutes → register rows: one Assignment per (resolution, agency). */
import type { ParsedMinutes } from '../minutes/types';
import { assignmentId, meetingId } from './ids';
import type { Assignment } from './types';

/**
 * The register rows a meeting's minutes give: one per (resolution, responsible agency), so each
 * agency has its own status. A resolution with no agency still gets one row (agency empty) so
 * validation can point at it instead of it silently disappearing.
 * Report fields start empty, revision 1.
 * @param updatedAt Jalali `YYYY/MM/DD` (or any text the caller wants in `آخرین به‌روزرسانی`)
 */
export function assignmentsFromMinutes(minutes: ParsedMinutes, updatedAt: string | null = null): Assignment[] {
  const meeting = meetingId(minutes.meeting.date, minutes.meeting.number);
  const label = meetingLabel(minutes);
  return minutes.resolutions.flatMap((resolution) =>
    (resolution.agencies.length ? resolution.agencies : ['']).map((agency) => ({
      id: assignmentId(meeting, resolution.row, agency),
      meeting: label,
      meetingDate: minutes.meeting.date,
      row: resolution.row,
      text: resolution.text,
      agency,
      deadlineText: resolution.deadline.text,
      due: resolution.deadline.due,
      status: null,
      percent: null,
      report: '',
      doneDate: null,
      requestedDue: null,
      requestReason: '',
      revision: 1,
      updatedAt,
    })),
  );
}

/** The `جلسه` column text: the title, or `جلسه <date>` when the minutes have no title. */
export function meetingLabel(minutes: ParsedMinutes): string {
  return minutes.meeting.title || `جلسه ${minutes.meeting.date ?? ''}`.trim();
}
