export * from './sql/record-tables.sql';
export { insertRecordRows } from './engine/record-rows';
export type { RecordRow } from './sql/record-rows.sql';

export * from './measures/measure-definition.schema';
export { MEASURES, findMeasure, isMeasureId, validateMeasureRegistry } from './measures/measure-registry';

export { buildSnapshotFromDuckDb, DUCKDB_VERSION, ENGINE_VERSION, formatMonth, parseMonth } from './engine/snapshot-build';
export type { SnapshotBuildInfo, SnapshotBuildOptions } from './engine/snapshot-build';
export { copyRecordsFromPostgres } from './engine/postgres-copy';
export type { PostgresCopyOptions, PostgresCopyReport } from './engine/postgres-copy';
export {
  CURRENT_POINTER,
  currentSnapshotPath,
  publishSnapshot,
  readSnapshotPointer,
  refreshLockHolder,
  snapshotRefreshError,
  snapshotStanding,
} from './engine/snapshot-store';
export { errorDetail, SnapshotRefreshError } from './engine/refresh-failure';
export type { SnapshotEngineStanding, SnapshotEngineVersions, SnapshotPointer } from './engine/snapshot-store';
export { SnapshotReader } from './engine/snapshot-reader';
export type { SnapshotRow } from './engine/snapshot-reader';
export { refreshSnapshot, refreshSnapshotFromDuckDb } from './engine/snapshot-refresh';
export type { RefreshFromDuckDbOptions, RefreshSnapshotOptions, RefreshSnapshotResult } from './engine/snapshot-refresh';

export { exportCells } from './export/export-cells';
export type { ExportCellsOptions } from './export/export-cells';
export { EXPORT_CELLS_HEADER } from './sql/export-cells.sql';
export { AGE_BANDS, REGISTER_CODES } from './sql/patient-state.sql';
export { AREA_LEVELS, ENGLAND_CODE, ORGANISATION_LEVELS } from './sql/snapshot-results.sql';
export type { OrganisationLevel } from './sql/snapshot-results.sql';

export * from './stats/wilson-interval';
export * from './stats/byar-interval';
export * from './stats/funnel-limits';
export * from './stats/deciles';
export * from './stats/rate-change';
export * from './stats/student-t';
export * from './stats/linear-trend';
export * from './stats/target-progress';
export * from './stats/xmr-chart';
export * from './stats/practice-alerts';
export * from './sql/targets-alerts.sql';
export * from './disclosure';
export * from './sql/dashboard-queries.sql';

export { generatePopulation, countRecordRows } from './synthetic/generate-population';
export type { PopulationSummary, GenerateOptions } from './synthetic/generate-population';
export { writeFlatExtract } from './synthetic/flat-extract.writer';
export type { FlatExtractOptions, FlatExtractSummary } from './synthetic/flat-extract.writer';
export { writeFhirBulk } from './synthetic/fhir-bulk.writer';
export type { FhirBulkSummary } from './synthetic/fhir-bulk.writer';
export { writeDuckDbFile } from './synthetic/duckdb-file.writer';
export { generateToDirectory, demoPopulationOptions } from './synthetic/generate-to-directory';
export type { GenerateToDirectoryOptions, GenerateToDirectoryResult } from './synthetic/generate-to-directory';
export { hierarchyCounts, validatePopulationOptions } from './synthetic/population-options';
export type { PopulationOptions, HierarchyCounts } from './synthetic/population-options';
export { FLAT_EXTRACT_FILES, FLAT_EXTRACT_COLUMNS, DIRTY_KINDS, NHS_NUMBER_CAPACITY } from './sql/synthetic-extract.sql';
export type { PatientIdentity, FlatExtractFile, DirtyKind } from './sql/synthetic-extract.sql';
export * from './sql/snapshot-queries.sql';
export * from './stats/xmr-chart';
export * from './stats/directly-standardised-rate';
export * from './stats/plan-outcome-comparison';
export * from './stats/pooled-estimate';
export * from './stats/training-evaluation';
export * from './sql/evaluation-queries.sql';
export { SEX_CODES, STANDARDISED_OUTCOMES } from './sql/patient-state.sql';
export type { StandardisedOutcomeId } from './sql/patient-state.sql';
export * from './measures/provisional-month';
