import { tehranStamp, tehranTime } from './clock';

describe('the Tehran clock', () => {
  test('midnight in Tehran is 20:30 UTC the day before: Nowruz 1405 begins at 2026-03-20T20:30Z', () => {
    const { date, time } = tehranTime(new Date('2026-03-20T20:30:00Z'));
    expect(date.toString()).toBe('1405/01/01');
    expect(time).toBe('00:00');
    expect(tehranStamp(new Date('2026-03-20T20:29:00Z'))).toBe('1404/12/29 23:59');
  });

  test('hours and minutes under ten keep their leading zero', () => {
    // 05:35 UTC + 03:30 = 09:05 in Tehran; 1 June 2023 is 11 Khordad 1402
    expect(tehranStamp(new Date('2023-06-01T05:35:00Z'))).toBe('1402/03/11 09:05');
  });
});
