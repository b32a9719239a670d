export { JalaliDate, parseJalali } from './JalaliDate';
export { tehranTime, tehranStamp } from './clock';
export { MONTH_NAMES, WEEKDAY_NAMES, MIN_YEAR, MAX_YEAR, isLeapYear, monthLength, SATURDAY, THURSDAY, FRIDAY } from './calendar';
export type { Weekday } from './calendar';
