/** The Tehran clock: the Jalali day and wall-clock time of an instant in Asia/Tehran. */
import { JalaliDate } from './JalaliDate';
import { zonedParts } from './zone';

/** Jalali day and Tehran wall-clock time (`HH:MM`, 24-hour) of an instant. */
export function tehranTime(at: Date): { date: JalaliDate; time: string } {
  const { year, month, day, hour, minute } = zonedParts(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return { date: JalaliDate.fromGregorian(year, month, day), time: `${two(hour)}:${two(minute)}` };
}

/** Jalali date and Tehran wall-clock time of an instant, `YYYY/MM/DD HH:MM` (Latin digits). */
export function tehranStamp(at: Date = new Date()): string {
  const { date, time } = tehranTime(at);
  return `${date.toString()} ${time}`;
}
