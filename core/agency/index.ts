export { splitAgencies, splitAgencyCell } from './split';
export { agencyKind, compareAgencies, coreKey, decoratedKey, findGovernmentBody, governmentBodyNames } from './match';
export type { AgencyMatch, GovernmentBody } from './match';
export { AgencyDirectory, agencyNamer, editDistance } from './directory';
export type { AgencyEntry } from './directory';
export { joinAgencies, joinMinutesAgencies } from './join';
export type { JoinedAgencies } from './join';
