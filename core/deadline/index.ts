export { parseDeadline, weekdayMismatch } from './parse';
export type { ParsedDeadline } from './parse';
export { resolveDueDate, addWorkingDays, isWorkingDay, nearestCentury } from './resolve';
export { datesInText } from './textDates';
export { cleanPhrase } from './words';
export { DEFAULT_DEADLINE_SETTINGS, SOLAR_HOLIDAYS } from './rule';
export type { DeadlineRule, DeadlineKind, DeadlineSettings } from './rule';
