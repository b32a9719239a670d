/**
 * Use case: the secretariat keeps the store's agency directory (each agency's name and the other
 * spellings it goes by), what a register's `دستگاه‌ها` sheet holds: minutes imports join a
 * spelling to the agency it names, returns, tokens and the summary treat aliases as one agency.
 */
import { AgencyDirectory, type AgencyEntry } from '../core/agency';
import { MosavabatError } from '../core/errors';
import { comparisonKey, normalizeText, toPersianDigits } from '../core/text';
import type { Actor, RegisterStore } from './registerStore';
import { storedDirectory } from './storedViews';

/** Most agencies a directory may hold, and aliases per agency: far above any province's. */
const MAX_AGENCIES = 5000;
const MAX_ALIASES = 50;
/** Longest name or alias, in characters. */
const MAX_NAME = 300;

function badDirectory(fa: string, en: string): MosavabatError {
  return new MosavabatError('bad_agencies', fa, en, 'bad_input');
}

/** One name or alias of the body, checked. */
function nameOf(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw badDirectory(`${where}: نام دستگاه باید متن باشد و خالی نباشد`, `${where}: a name must be a non-empty string`);
  }
  if (value.length > MAX_NAME) {
    throw badDirectory(`${where}: نام دستگاه بیش از ${toPersianDigits(String(MAX_NAME))} نویسه است`, `${where}: a name is longer than ${MAX_NAME} characters`);
  }
  return value.trim();
}

/**
 * The directory in a request body `{ "agencies": [{ "name": …, "aliases": [ … ] }] }`.
 * @throws MosavabatError `bad_agencies` naming the entry at fault
 */
export function parseDirectory(body: unknown): AgencyEntry[] {
  const list = (body as { agencies?: unknown } | null)?.agencies;
  if (!Array.isArray(list)) {
    throw badDirectory('بدنهٔ درخواست باید { "agencies": [ { "name": …, "aliases": [ … ] } ] } باشد',
      'the body must be { "agencies": [ { "name": …, "aliases": [ … ] } ] }');
  }
  if (list.length > MAX_AGENCIES) throw badDirectory(`فهرست بیش از ${toPersianDigits(String(MAX_AGENCIES))} دستگاه دارد`, `more than ${MAX_AGENCIES} agencies`);
  return list.map((item: unknown, i) => {
    const where = `دستگاه ${toPersianDigits(String(i + 1))}`;
    const entry = (item ?? {}) as { name?: unknown; aliases?: unknown };
    const aliases = entry.aliases ?? [];
    if (!Array.isArray(aliases) || aliases.length > MAX_ALIASES) {
      throw badDirectory(`${where}: «aliases» باید فهرستی از حداکثر ${toPersianDigits(String(MAX_ALIASES))} نام باشد`, `agency ${i + 1}: aliases must be a list of at most ${MAX_ALIASES} names`);
    }
    return { name: nameOf(entry.name, where), aliases: aliases.map((alias: unknown) => nameOf(alias, where)) };
  });
}

/**
 * An agency listed on its own and also given as another agency's alias (a spelling the clerk
 * has just accepted as that agency) is that agency: its entry goes, its own aliases join the
 * other's. Otherwise the directory would keep it apart, as its own entry comes first.
 */
export function foldAliases(entries: readonly AgencyEntry[]): AgencyEntry[] {
  const owner = new Map<string, AgencyEntry>();
  for (const entry of entries) for (const alias of entry.aliases) if (!owner.has(comparisonKey(alias))) owner.set(comparisonKey(alias), entry);
  const folded = new Set<AgencyEntry>();
  for (const entry of entries) {
    const other = owner.get(comparisonKey(entry.name));
    // two agencies naming each other: the first is folded into the second, which stays
    if (!other || other === entry || folded.has(other)) continue;
    other.aliases.push(...entry.aliases);
    folded.add(entry);
  }
  return entries.filter((entry) => !folded.has(entry));
}

/**
 * Replace the store's directory with the one in a request body (names and aliases normalised,
 * an agency given as another's alias folded into it (foldAliases), an alias kept for the first
 * agency that claims it), the change written to the history.
 * @returns the directory as stored
 * @throws MosavabatError `bad_agencies` for a body that is not a directory
 */
export async function replaceStoredDirectory(store: RegisterStore, body: unknown, actor: Actor, at: Date): Promise<AgencyEntry[]> {
  await store.setAgencies(foldAliases(parseDirectory(body)), actor, at.toISOString());
  return [...(await storedDirectory(store)).list()];
}

/** What a register's `دستگاه‌ها` sheet adds to the store's directory. */
export interface DirectoryAdditions {
  /** Entries to add (AgencyDirectory.add's rules): a known agency with its new aliases, or a new agency. */
  additions: AgencyEntry[];
  /** Aliases given to agencies the directory has. */
  aliasesAdded: Array<{ agency: string; alias: string }>;
  /** Agencies new to the directory, with their aliases. */
  agenciesAdded: AgencyEntry[];
  /** Aliases the sheet gives to one agency and the directory to another: the directory's stands. */
  aliasesRefused: Array<{ alias: string; agency: string; belongsTo: string; fa: string; en: string }>;
}

/**
 * What of a register's `دستگاه‌ها` sheet the store's directory lacks: every alias the sheet
 * gives an agency, for that agency (found by its name or one of its aliases), or a new entry
 * when the directory does not know the agency. The directory's own entries and aliases always
 * stand: an alias it gives to another agency is refused, with a message, never moved. An entry
 * without aliases adds nothing (its rows name it already).
 */
export function directoryAdditions(current: readonly AgencyEntry[], sheet: readonly AgencyEntry[]): DirectoryAdditions {
  const directory = AgencyDirectory.from(current);
  const result: DirectoryAdditions = { additions: [], aliasesAdded: [], agenciesAdded: [], aliasesRefused: [] };
  for (const entry of sheet) {
    const owner = directory.find(entry.name);
    const fresh: string[] = [];
    for (const alias of entry.aliases) {
      const self = directory.find(entry.name);
      const known = directory.find(alias);
      if (!comparisonKey(alias) || (known && known === self)) continue;
      if (known) {
        result.aliasesRefused.push({
          alias, agency: entry.name, belongsTo: known.name,
          fa: `برگهٔ «دستگاه‌ها»: «${alias}» در فایل نام دیگر «${entry.name}» است و در سامانه نام دیگر «${known.name}»؛ آنچه سامانه دارد ماند. اگر هر دو یک دستگاه‌اند، در داشبورد («دستگاه‌ها و نام‌های دیگر آن‌ها») یکی کنید`,
          en: `sheet "دستگاه‌ها": "${alias}" is another name of "${entry.name}" in the file and of "${known.name}" in the service; the service's stands`,
        });
        continue;
      }
      fresh.push(normalizeText(alias));
      directory.add(self?.name ?? entry.name, [alias]);
    }
    if (!fresh.length) continue;
    const name = owner?.name ?? normalizeText(entry.name);
    result.additions.push({ name, aliases: fresh });
    if (owner) for (const alias of fresh) result.aliasesAdded.push({ agency: name, alias });
    else result.agenciesAdded.push({ name, aliases: fresh });
  }
  return result;
}
