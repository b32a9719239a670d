/** The register's rules, shared by the server's workbook adapter and the Excel add-in. */
export { REGISTER_FIELDS, AGENCY_FIELDS, SHEETS } from './fields';
export type { FieldName, FieldSpec } from './fields';
export type {
  CellValue, RawRow, ColumnMap, StatusCode, DeadlineState, Assignment, Severity, Issue,
} from './types';
export { meetingId, assignmentId } from './ids';
export { assignmentsFromMinutes, meetingLabel } from './fromMinutes';
export {
  STATUS_LABELS, STATUS_LABELS_EN, REPORTED_STATUSES, ALL_STATUSES, AGENCY_STATUS_OPTIONS,
  REGISTER_STATUS_OPTIONS, parseStatus, statusLabel,
} from './status';
export type { StatusParse } from './status';
export { cellText, isEmptyCell, parsePercent, parseWholeNumber, parseDateCell } from './cells';
export type { CellParse, NumberFailure, DateFailure } from './cells';
export { fieldHeader, fieldHeaderEn } from './problems';
export type { RowProblem } from './problems';
export { interpretRow, isBlankRow } from './rows';
export type { InterpretedRow } from './rows';
export { checkRow } from './checks';
export type { RowCheckContext, RowCheckResult } from './checks';
export { validateRegister, analyzeRegister, cellAddress } from './validate';
export type { ValidationContext, AnalyzedRow, RegisterAnalysis } from './validate';
export {
  deriveState, stateLabel, DEADLINE_STATES, STATE_LABELS, STATE_LABELS_EN, DEFAULT_DUE_SOON_DAYS,
} from './state';
export type { DeriveStateOptions } from './state';
export { PALETTE, PALETTE_TEXT, paletteLegend, fillArgb } from './palette';
export type { PaletteEntry } from './palette';
export { summarize } from './summary';
export type { Totals, AgencySummary, MeetingSummary, OverdueItem, RegisterSummary } from './summary';
export {
  DEFAULT_REGISTER_SETTINGS, SETTING_SPECS, SETTINGS_COLUMNS, parseSettingsSheet, settingsSheetRows, deadlineSettingsOf,
  describeSettingChanges, parseYesNo, parseDays,
} from './settings';
export type { RegisterSettings, SettingKey, SettingSpec, SettingsGrid, SettingsRead, RawSettings } from './settings';
