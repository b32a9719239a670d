/** The agency round trip: export rows for an agency, merge what comes back. Pure. */
export * from './types';
/** The Tehran clock merges stamp their history with (its home is core/jalali/clock). */
export { tehranTime, tehranStamp as stamp } from '../jalali/clock';
export {
  MERGE_FIELDS, LOCKED_FIELDS, MAX_CELL_TEXT, readAgencyCell, assignmentValue, withValue, toCell, valueText, lockedKey,
  comparableValue, invalidValue, isInvalidValue, plainValue, unreadableCells,
} from './values';
export { exportForAgency, registerAgencies, registerRevision, rowCells, lockedCell, asReturnRows } from './export';
export type { ExportRow, AgencyExport } from './export';
export { mergeReturn, applyChanges, idText, indexRegister, recordMerges } from './merge';
export type { RegisterInput, RegisterIndex } from './merge';
export { summarizeReport, formatReports, failedReport } from './report';
export { MergeRun } from './run';
