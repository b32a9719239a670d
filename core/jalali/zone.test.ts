import { zonedParts } from './zone';
import { sweepStride } from '../../test/sizes';

/** An Intl like Internet Explorer 11's: DateTimeFormat knows no time zone but UTC. */
const utcOnlyIntl = {
  ...Intl,
  DateTimeFormat: function DateTimeFormat(locale?: string, options?: Intl.DateTimeFormatOptions) {
    if (options?.timeZone && options.timeZone.toUpperCase() !== 'UTC') {
      throw new RangeError(`Option value '${options.timeZone}' for 'timeZone' is outside of valid range`);
    }
    return new Intl.DateTimeFormat(locale, options);
  },
} as unknown as typeof Intl;

/** An Intl whose formatters cannot split a date into parts (formatToParts came late to browsers). */
const noPartsIntl = {
  ...Intl,
  DateTimeFormat: function DateTimeFormat(locale?: string, options?: Intl.DateTimeFormatOptions) {
    const format = new Intl.DateTimeFormat(locale, options);
    return Object.assign(Object.create(format) as Intl.DateTimeFormat, { formatToParts: undefined });
  },
} as unknown as typeof Intl;

/** An Intl that ignores hourCycle and writes a 12-hour clock, as some older engines do. */
const twelveHourIntl = {
  ...Intl,
  DateTimeFormat: function DateTimeFormat(locale?: string, options?: Intl.DateTimeFormatOptions) {
    return new Intl.DateTimeFormat(locale, { ...options, hourCycle: undefined, hour12: true });
  },
} as unknown as typeof Intl;

describe('zonedParts', () => {
  it('gives Tehran wall-clock time with a zone-aware Intl', () => {
    // 20:30 UTC on 20 March 2026 is midnight in Tehran (UTC+03:30): Nowruz 1405 begins
    expect(zonedParts(new Date('2026-03-20T20:30:00Z'))).toEqual({ year: 2026, month: 3, day: 21, hour: 0, minute: 0 });
  });

  describe('where Intl has no Asia/Tehran zone', () => {
    it.each([
      ['2026-03-20T20:30:00Z', { year: 2026, month: 3, day: 21, hour: 0, minute: 0 }],
      ['2026-03-20T20:29:00Z', { year: 2026, month: 3, day: 20, hour: 23, minute: 59 }],
      ['2023-06-01T08:15:00Z', { year: 2023, month: 6, day: 1, hour: 11, minute: 45 }],
      ['2024-12-31T22:00:00Z', { year: 2025, month: 1, day: 1, hour: 1, minute: 30 }],
    ])('falls back to UTC+03:30: %s', (instant, expected) => {
      expect(zonedParts(new Date(instant), 'Asia/Tehran', utcOnlyIntl)).toEqual(expected);
      expect(zonedParts(new Date(instant), 'Asia/Tehran', noPartsIntl)).toEqual(expected);
      expect(zonedParts(new Date(instant), 'Asia/Tehran', twelveHourIntl)).toEqual(expected);
    });

    it('agrees with the real zone every 5 hours 7 minutes from 1402 (no daylight saving since) to 1406', () => {
      const step = (5 * 60 + 7) * 60_000 * sweepStride(7);
      for (let t = Date.parse('2023-03-21T00:00:00Z'); t < Date.parse('2027-03-21T00:00:00Z'); t += step) {
        const at = new Date(t);
        expect(zonedParts(at, 'Asia/Tehran', utcOnlyIntl)).toEqual(zonedParts(at));
      }
    });

    it('never lends a formatter made by one Intl to another', () => {
      // an Intl that reads every zone as UTC: Tokyo at 12:00 UTC says 12:00, the real zone 21:00
      const utcForAllIntl = {
        ...Intl,
        DateTimeFormat: function DateTimeFormat(locale?: string, options?: Intl.DateTimeFormatOptions) {
          return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
        },
      } as unknown as typeof Intl;
      const at = new Date('2024-01-01T12:00:00Z');
      expect(zonedParts(at, 'Asia/Tokyo')).toEqual({ year: 2024, month: 1, day: 1, hour: 21, minute: 0 });
      expect(zonedParts(at, 'Asia/Tokyo', utcForAllIntl)).toEqual({ year: 2024, month: 1, day: 1, hour: 12, minute: 0 });
      expect(zonedParts(at, 'Asia/Tokyo')).toEqual({ year: 2024, month: 1, day: 1, hour: 21, minute: 0 });
    });

    it('says why another zone cannot be read: no formatToParts, or a 12-hour clock', () => {
      expect(() => zonedParts(new Date(0), 'Europe/Berlin', noPartsIntl)).toThrow(new RangeError('Intl.DateTimeFormat has no formatToParts'));
      expect(() => zonedParts(new Date(0), 'Europe/Berlin', twelveHourIntl)).toThrow(new RangeError('Intl.DateTimeFormat ignores hourCycle'));
    });

    it('refuses an invalid date in the fallback as Date itself does', () => {
      expect(() => zonedParts(new Date(Number.NaN), 'Asia/Tehran', utcOnlyIntl)).toThrow(new RangeError('Invalid time value'));
    });

    it('still refuses other zones and invalid dates', () => {
      expect(() => zonedParts(new Date(0), 'Europe/Berlin', utcOnlyIntl)).toThrow(RangeError);
      expect(() => zonedParts(new Date(Number.NaN), 'Asia/Tehran', utcOnlyIntl)).toThrow(RangeError);
      expect(() => zonedParts(new Date(Number.NaN))).toThrow(RangeError);
    });
  });
});

describe('zonedParts with a formatter that leaves a part out', () => {
  it('counts the missing part as 0 rather than failing', () => {
    const noMinuteIntl = {
      ...Intl,
      DateTimeFormat: function DateTimeFormat(locale?: string, options?: Intl.DateTimeFormatOptions) {
        const format = new Intl.DateTimeFormat(locale, options);
        return {
          formatToParts: (at: Date) => format.formatToParts(at).filter((part) => part.type !== 'minute'),
          resolvedOptions: () => format.resolvedOptions(),
        };
      },
    } as unknown as typeof Intl;
    // 12:47 UTC is 16:17 in Tehran; the minute is not given
    expect(zonedParts(new Date('2024-01-01T12:47:00Z'), 'Asia/Tehran', noMinuteIntl)).toEqual({ year: 2024, month: 1, day: 1, hour: 16, minute: 0 });
  });
});
