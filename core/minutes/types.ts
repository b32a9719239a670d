/** What the minutes parser produces: one meeting and its resolutions, JSON-ready. */
import type { DeadlineKind } from '../deadline/rule';

/** A message a person must see; `code` is stable, `fa` shown to users, `en` for developers. */
export interface Warning {
  code: string;
  fa: string;
  en: string;
}

export interface Meeting {
  /** Issuing body (first non-empty line of the minutes), e.g. `معاونت سیاسی، امنیتی و اجتماعی - …`. */
  body: string;
  /** Subject line without `موضوع:`, e.g. `دوازدهمین صورتجلسه قرارگاه اجتماعی استان`. */
  title: string;
  /** Session number from the ordinal in the title (`دوازدهمین` → 12); null when absent. */
  number: number | null;
  /** Meeting date `YYYY/MM/DD` (Latin digits), null when not found. */
  date: string | null;
  /** Weekday as written in the minutes (normalized), null when absent. */
  weekday: string | null;
  /** Time as written, Latin digits, e.g. `7:30`; null when absent. */
  time: string | null;
  place: string | null;
  invitation: { number: string | null; date: string | null };
  agenda: string[];
}

export interface ParsedResolution {
  /** Row number inside the meeting (ردیف). */
  row: number;
  text: string;
  /** Agencies as the secretariat wrote them (display-normalized), split on " - ". */
  agencies: string[];
  deadline: { text: string; kind: DeadlineKind; due: string | null };
  warnings: Warning[];
}

export interface ParsedMinutes {
  meeting: Meeting;
  resolutions: ParsedResolution[];
  /** Warnings about the document as a whole (missing date, unreadable lines …). */
  warnings: Warning[];
}
