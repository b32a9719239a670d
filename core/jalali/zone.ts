/**
 * The Gregorian wall-clock date and time of an instant in a time zone, whatever the machine's
 * own zone is. The one place that asks Intl about time zones (JalaliDate.today and the Tehran
 * clock build on it).
 */

/** Wall-clock parts of an instant in a zone: Gregorian year, month 1–12, day, hour 0–23, minute. */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** Built once per zone: constructing an Intl formatter costs far more than using it. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Iran's offset from UTC, +03:30, in minutes. Iran has kept no daylight saving time since 1402
 * (2022), so this is Tehran's wall clock for every instant since then; it is used only where
 * Intl knows no time zone but UTC (Internet Explorer 11, the webview of older Excels).
 */
export const TEHRAN_OFFSET_MINUTES = 210;

/**
 * @param at the instant
 * @param timeZone an IANA zone name (default Asia/Tehran)
 * @param intl the Intl to ask (tests pass one that knows no zones); without zone support,
 *   Asia/Tehran falls back to the fixed UTC+03:30
 * @throws RangeError for an unknown zone (or any zone but Asia/Tehran where Intl has no zones)
 *   or an invalid Date
 */
export function zonedParts(at: Date, timeZone = 'Asia/Tehran', intl: typeof Intl = Intl): ZonedParts {
  const format = formatterFor(timeZone, intl);
  if (!format) {
    if (Number.isNaN(at.getTime())) throw new RangeError('Invalid time value');
    const shifted = new Date(at.getTime() + TEHRAN_OFFSET_MINUTES * 60_000);
    return {
      year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate(),
      hour: shifted.getUTCHours(), minute: shifted.getUTCMinutes(),
    };
  }
  const parts = format.formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}

/** The zone's formatter, or undefined for Asia/Tehran where Intl cannot do time zones (or parts, or a 24-hour clock). */
function formatterFor(timeZone: string, intl: typeof Intl): Intl.DateTimeFormat | undefined {
  const cached = intl === Intl ? formatters.get(timeZone) : undefined;
  if (cached) return cached;
  let format: Intl.DateTimeFormat;
  try {
    format = new intl.DateTimeFormat('en-US', {
      timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
    if (typeof format.formatToParts !== 'function') throw new RangeError('Intl.DateTimeFormat has no formatToParts');
    // an older engine that ignores hourCycle would give 1–12 with AM/PM
    if (format.resolvedOptions().hour12 === true) throw new RangeError('Intl.DateTimeFormat ignores hourCycle');
  } catch (error) {
    if (timeZone === 'Asia/Tehran') return undefined;
    throw error;
  }
  if (intl === Intl) formatters.set(timeZone, format);
  return format;
}
