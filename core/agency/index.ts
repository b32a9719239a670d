export { splitAgencies } from './split';
export { AgencyDirectory, editDistance } from './directory';
export type { AgencyEntry } from './directory';
