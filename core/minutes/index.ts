export { parseMinutes } from './parse';
export type { Meeting, ParsedMinutes, ParsedResolution, Warning } from './types';
