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
 * @param at the instant
 * @param timeZone an IANA zone name (default Asia/Tehran)
 * @throws RangeError for an unknown zone or an invalid Date
 */
export function zonedParts(at: Date, timeZone = 'Asia/Tehran'): ZonedParts {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  const parts = format.formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}
