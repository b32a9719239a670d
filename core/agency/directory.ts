/**
 * The agency directory: canonical names as the secretariat wrote them, with aliases, matched
 * by comparison key so `دستگاههای` and `دستگاه‌های` (or ي/ی) are one agency.
 */
import { comparisonKey, normalizeText } from '../text/normalize';

export interface AgencyEntry {
  /** The name as the secretariat wrote it (display-normalized). */
  name: string;
  aliases: string[];
}

export class AgencyDirectory {
  private readonly entries: AgencyEntry[] = [];
  private readonly byKey = new Map<string, AgencyEntry>();
  /** Names that are likely another entry's spelling, by key: the name of that entry. */
  private readonly proposals = new Map<string, string>();

  /** Build from entries (e.g. the register's `دستگاه‌ها` sheet). */
  static from(entries: Iterable<{ name: string; aliases?: string[] }>): AgencyDirectory {
    const directory = new AgencyDirectory();
    for (const entry of entries) directory.add(entry.name, entry.aliases ?? []);
    return directory;
  }

  /**
   * Add an agency (or more aliases to a known one). A name that already matches an entry by
   * key only adds the aliases to it.
   * @returns the entry the name belongs to
   */
  add(name: string, aliases: string[] = []): AgencyEntry {
    const display = normalizeText(name);
    let entry = this.byKey.get(comparisonKey(display));
    if (!entry) {
      entry = { name: display, aliases: [] };
      this.entries.push(entry);
      this.byKey.set(comparisonKey(display), entry);
    }
    for (const alias of aliases) {
      const key = comparisonKey(alias);
      if (!key || this.byKey.has(key)) continue;
      entry.aliases.push(normalizeText(alias));
      this.byKey.set(key, entry);
    }
    return entry;
  }

  /** The entry whose name or alias matches `name` by comparison key. */
  find(name: string): AgencyEntry | undefined {
    return this.byKey.get(comparisonKey(name));
  }

  /** Record that `name` is likely the agency `existing` (shown in the `دستگاه‌ها` sheet for a person to accept). */
  propose(name: string, existing: string): void {
    this.proposals.set(comparisonKey(name), normalizeText(existing));
  }

  /** The agency `name` was proposed to be the same as, or undefined. */
  proposalFor(name: string): string | undefined {
    return this.proposals.get(comparisonKey(name));
  }

  /** All entries, in the order they were added. */
  list(): readonly AgencyEntry[] {
    return this.entries;
  }

  /**
   * The known name closest to `name` (edit distance on comparison keys), for "did you mean"
   * messages; undefined when nothing is reasonably close (distance over a third of the length).
   */
  closest(name: string): string | undefined {
    const key = comparisonKey(name);
    let best: { entry: AgencyEntry; distance: number } | undefined;
    for (const [candidate, entry] of this.byKey) {
      const distance = editDistance(key, candidate);
      if (!best || distance < best.distance) best = { entry, distance };
    }
    if (!best || best.distance > Math.max(2, Math.ceil(key.length / 3))) return undefined;
    return best.entry.name;
  }
}

/** Levenshtein distance, two rows of memory. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** The directory's name for a spelling (an alias gives its agency's name); unknown spellings as written. */
export function agencyNamer(directory: AgencyDirectory): (name: string) => string {
  return (name) => directory.find(name)?.name ?? name;
}
