import { datesInText } from './textDates';

describe('datesInText', () => {
  it('finds the date in the seed row 2 text, written with Persian digits and no padding', () => {
    const text = 'کلیه دستگاههای اجرایی استان در روز چهارشنبه مورخ ۱۴۰۱/۴/۱۵ با همکاری';
    expect(datesInText(text).map(String)).toEqual(['1401/04/15']);
  });

  it('finds several dates in order, with any digits and separators', () => {
    expect(datesInText('از 1401-04-15 تا ١٤٠١/٠٥/٠١').map(String)).toEqual(['1401/04/15', '1401/05/01']);
  });

  it('finds a date written day first with the year last', () => {
    expect(datesInText('بازدید روز ۱۵/۴/۱۴۰۱ و 20-04-1401 انجام شود').map(String)).toEqual(['1401/04/15', '1401/04/20']);
  });

  it('skips impossible dates and number runs that are not dates', () => {
    expect(datesInText('نامه ۲۱/۲۵/۲۱۸۲۹ و تاریخ ۱۴۰۱/۰۷/۳۱ و ساعت ۷/۳۰')).toEqual([]);
  });
});

describe('datesInText: a date glued to a digit or a slash is not a date', () => {
  it('skips a date with a digit or slash right before it, and takes the next one', () => {
    expect(datesInText('21401/4/15 و x/1401/4/16 و 1401/4/17').map(String)).toEqual(['1401/04/17']);
  });

  it('skips a date with a digit or slash right after it', () => {
    expect(datesInText('1401/4/152 و 1401/4/16/ و 1401/4/17').map(String)).toEqual(['1401/04/17']);
  });

  it('takes dates at the very start, and dates one character apart', () => {
    expect(datesInText('1401/4/15،1401/4/16 15/4/1401').map(String)).toEqual(['1401/04/15', '1401/04/16', '1401/04/15']);
  });
});

describe('datesInText: spaces and impossible dates', () => {
  it('takes a day-first date with spaces around its separators', () => {
    expect(datesInText('بازدید ۱۵ / ۴ / ۱۴۰۱ انجام شود').map(String)).toEqual(['1401/04/15']);
  });

  it('gives no entry at all for an impossible date', () => {
    expect(datesInText('تاریخ ۱۴۰۱/۰۷/۳۱')).toHaveLength(0);
  });
});
