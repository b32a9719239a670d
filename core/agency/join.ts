/**
 * One agency, one name across meetings: the agencies of new minutes against the register's
 * directory. A spelling certainly of a known agency is written with that agency's name; a likely
 * one keeps its own name and is proposed as an alias, never merged silently.
 */
import type { ParsedMinutes, Warning } from '../minutes/types';
import { AgencyDirectory } from './directory';
import { compareAgencies } from './match';

export interface JoinedAgencies {
  /** The names to write, in the order given (a certain match replaced by the known name). */
  names: string[];
  /** Spellings written with a known agency's name. */
  joined: Array<{ written: string; agency: string }>;
  /** Spellings kept as new agencies that are likely a known one. */
  proposals: Array<{ name: string; existing: string }>;
  /** The warning about each spelling that was joined or proposed, by the spelling as given. */
  warnings: Map<string, Warning>;
}

/**
 * Match each name against `directory` (not changed) and the names before it.
 * @param names agency names as split from the minutes
 */
export function joinAgencies(names: readonly string[], directory: AgencyDirectory): JoinedAgencies {
  const known = AgencyDirectory.from(directory.list());
  const result: JoinedAgencies = { names: [], joined: [], proposals: [], warnings: new Map() };
  const decided = new Map<string, string>();
  for (const name of names) {
    const previous = decided.get(name);
    if (previous !== undefined) {
      result.names.push(previous);
      continue;
    }
    const written = decide(name, known, result);
    decided.set(name, written);
    result.names.push(written);
  }
  return result;
}

function decide(name: string, known: AgencyDirectory, result: JoinedAgencies): string {
  if (!name || known.find(name)) return name;
  let likely: string | undefined;
  for (const entry of known.list()) {
    for (const spelling of [entry.name, ...entry.aliases]) {
      const match = compareAgencies(name, spelling);
      if (match === 'same' || match === 'certain') {
        result.joined.push({ written: name, agency: entry.name });
        result.warnings.set(name, { code: 'agency_joined',
          fa: `«${name}» همان دستگاه «${entry.name}» دانسته شد و با همین نام ثبت شد`,
          en: `"${name}" is the agency "${entry.name}" and was written with that name` });
        return entry.name;
      }
      if (match === 'likely') likely ??= entry.name;
    }
  }
  known.add(name);
  if (likely !== undefined) {
    known.propose(name, likely);
    result.proposals.push({ name, existing: likely });
    result.warnings.set(name, { code: 'agency_alias_proposed',
      fa: `«${name}» شاید همان «${likely}» باشد؛ دستگاه تازه ثبت شد و در برگه دستگاه‌ها پیشنهاد شد. اگر یکی‌اند، این نام را در «نام‌های دیگر» آن دستگاه بنویسید`,
      en: `"${name}" may be the agency "${likely}"; it was added as a new agency and proposed as an alias in the agencies sheet` });
  }
  return name;
}

/**
 * Write each resolution of parsed minutes with the directory's name for an agency when the
 * match is certain, and note the likely ones: each resolution gets the warnings about its own
 * agencies, and one agency named twice in a resolution is written once. The CLI's import and
 * the service's both call this, so the same minutes give the same agencies in both.
 * @param minutes changed in place (agencies and warnings of its resolutions)
 * @param directory the register's (or store's) agencies; not changed
 */
export function joinMinutesAgencies(minutes: ParsedMinutes, directory: AgencyDirectory): JoinedAgencies {
  const written = minutes.resolutions.flatMap((r) => r.agencies);
  const joined = joinAgencies(written, directory);
  let k = 0;
  for (const resolution of minutes.resolutions) {
    const names = resolution.agencies.map(() => joined.names[k++]);
    for (const name of resolution.agencies) {
      const warning = joined.warnings.get(name);
      if (warning) resolution.warnings.push(warning);
    }
    resolution.agencies = names.filter((name, i) => names.indexOf(name) === i);
  }
  return joined;
}
