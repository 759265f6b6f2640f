export * from './sql/record-tables.sql';
export { insertRecordRows } from './engine/record-rows';
export type { RecordRow } from './sql/record-rows.sql';

export * from './measures/measure-definition.schema';
export { MEASURES, findMeasure, isMeasureId, validateMeasureRegistry } from './measures/measure-registry';

export { buildSnapshotFromDuckDb, formatMonth, parseMonth } from './engine/snapshot-build';
export type { SnapshotBuildInfo, SnapshotBuildOptions } from './engine/snapshot-build';
export { copyRecordsFromPostgres } from './engine/postgres-copy';
export type { PostgresCopyOptions, PostgresCopyReport } from './engine/postgres-copy';
export { CURRENT_POINTER, currentSnapshotPath, publishSnapshot, readSnapshotPointer } from './engine/snapshot-store';
export type { SnapshotPointer } from './engine/snapshot-store';
export { SnapshotReader } from './engine/snapshot-reader';
export type { SnapshotRow } from './engine/snapshot-reader';
export { refreshSnapshot, refreshSnapshotFromDuckDb } from './engine/snapshot-refresh';
export type { RefreshFromDuckDbOptions, RefreshSnapshotOptions, RefreshSnapshotResult } from './engine/snapshot-refresh';

export { exportCells } from './export/export-cells';
export type { ExportCellsOptions } from './export/export-cells';
export { EXPORT_CELLS_HEADER } from './sql/export-cells.sql';
export { AGE_BANDS, REGISTER_CODES } from './sql/patient-state.sql';
export { ENGLAND_CODE, ORGANISATION_LEVELS } from './sql/snapshot-results.sql';
export type { OrganisationLevel } from './sql/snapshot-results.sql';

export * from './stats/wilson-interval';
export * from './stats/byar-interval';
export * from './stats/funnel-limits';
export * from './stats/deciles';
export * from './stats/rate-change';
export * from './disclosure';
