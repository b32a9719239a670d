/**
 * The register's settings as the service keeps them (what the `تنظیمات` sheet holds in a
 * workbook): the secretariat reads them and replaces some or all of them, judged by the same rules
 * the sheet is read by (days a whole number 0..365, yes/no, holidays Jalali dates).
 */
import { MosavabatError } from '../core/errors';
import { JalaliDate } from '../core/jalali';
import { tehranStamp } from '../core/jalali/clock';
import { parseDays, parseYesNo, SETTING_SPECS, type RegisterSettings, type SettingKey } from '../core/register/settings';
import type { Actor, RegisterStore } from './registerStore';

const KEYS: ReadonlySet<string> = new Set(SETTING_SPECS.map((spec) => spec.key));

function badSetting(key: string, fa: string, en: string): MosavabatError {
  const spec = SETTING_SPECS.find((s) => s.key === key);
  return new MosavabatError('setting_invalid', spec ? `«${spec.fa}»: ${fa}` : fa, `${key}: ${en}`, 'bad_input');
}

/**
 * The settings `body` asks for, over the `current` ones: a key left out keeps its value.
 * @throws MosavabatError `setting_invalid` (400) naming the setting: not an object, an unknown
 *   key, days not a whole number 0..365, a yes/no that is neither, a holiday that is not a Jalali
 *   date (each named); holidays come back as `YYYY/MM/DD`, each once, in the order given
 */
export function settingsFromBody(body: unknown, current: RegisterSettings): RegisterSettings {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badSetting('', 'بدنه باید شیء JSON از تنظیمات باشد', 'the body must be a JSON object of settings');
  }
  const next: RegisterSettings = { ...current, holidays: [...current.holidays] };
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (!KEYS.has(key)) throw badSetting(key, `تنظیمی به نام «${key}» نیست`, `no such setting (known: ${[...KEYS].join(', ')})`);
    const name = key as SettingKey;
    if (name === 'holidays') {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
        throw badSetting(key, 'فهرستی از تاریخ‌های شمسی بدهید، مانند ["1404/01/10"]', 'give a list of Jalali dates, e.g. ["1404/01/10"]');
      }
      const days: string[] = [];
      for (const text of value as string[]) {
        const parsed = JalaliDate.tryParse(text);
        if (!parsed.ok) throw badSetting(key, `«${text}» تاریخ شمسی درستی نیست (${parsed.error.fa})`, `"${text}" is not a Jalali date (${parsed.error.en})`);
        const day = parsed.date.toString();
        if (!days.includes(day)) days.push(day);
      }
      next.holidays = days;
    } else if (name === 'thursdayIsWorkday') {
      const yes = typeof value === 'boolean' || typeof value === 'string' ? parseYesNo(value) : undefined;
      if (yes === undefined || yes === null) throw badSetting(key, 'بله یا خیر بدهید (true یا false)', 'give true or false');
      next.thursdayIsWorkday = yes;
    } else {
      const days = typeof value === 'number' || typeof value === 'string' ? parseDays(value) : undefined;
      if (days === undefined || days === null) throw badSetting(key, 'عدد درستی از ۰ تا ۳۶۵ روز بدهید', 'give a whole number of days from 0 to 365');
      next[name] = days;
    }
  }
  return next;
}

/** Replace the settings `body` names (the others kept), the history written; the settings as stored now. */
export async function replaceStoredSettings(store: RegisterStore, body: unknown, actor: Actor, at: Date): Promise<RegisterSettings> {
  await store.setSettings(settingsFromBody(body, await store.getSettings()), actor, at.toISOString());
  return store.getSettings();
}

/** One change of the register's settings or agency directory, as the secretariat reads it. */
export interface RegisterChange {
  seq: number;
  /** ISO instant, and the same in Tehran (Jalali `YYYY/MM/DD HH:MM`). */
  at: string;
  atTehran: string;
  who: { role: Actor['kind']; agency: string | null; tokenId: string | null };
  /** `settings` or `agencies` (PUT), `upload` (a register workbook's sheets, `file` its name). */
  source: { kind: string; file: string | null };
  /** A setting's key (`urgentDays` …) or `agencies`. */
  field: string;
  /** The setting's Persian name, or «دستگاه‌ها» for the directory. */
  label: string;
  /** Values before and after: a setting's value, or the whole directory `[{ name, aliases }]`. */
  old: unknown;
  new: unknown;
}

/** The most changes one page lists. */
export const MAX_CHANGES_PAGE = 1000;

const valueOf = (text: string | null): unknown => {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

/**
 * The changes of the register's settings and directory, newest first (a row's own changes are
 * in its history): `limit` of them, those before `beforeSeq` for a later page.
 * @returns the page and the seq to give as `beforeSeq` for the next one (null on the last page)
 */
export async function storedRegisterChanges(store: RegisterStore, limit: number, beforeSeq?: number): Promise<{ changes: RegisterChange[]; nextBefore: number | null }> {
  const lines = await store.listHistory({ registerOnly: true, newestFirst: true, limit: limit + 1, beforeSeq });
  const page = lines.slice(0, limit);
  return {
    changes: page.map((line) => ({
      seq: line.seq, at: line.at, atTehran: tehranStamp(new Date(line.at)),
      who: { role: line.actor.kind, agency: line.actor.agency ?? null, tokenId: line.actor.tokenId ?? null },
      source: { kind: line.source.kind, file: line.source.file ?? null },
      field: line.field, label: SETTING_SPECS.find((s) => s.key === line.field)?.fa ?? 'دستگاه‌ها',
      old: valueOf(line.old), new: valueOf(line.new),
    })),
    nextBefore: lines.length > limit ? page[page.length - 1].seq : null,
  };
}
