import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordRow } from '../../sql/record-rows.sql';
import { CREATE_RECORD_TABLES_SQL, type RecordTableName } from '../../sql/record-tables.sql';
import { CELL_SERIES_SQL, CELLS_AT_LEVEL_SQL, CELLS_OF_LEVEL_SQL, DECILES_SQL, FUNNELS_SQL } from '../../sql/snapshot-queries.sql';
import { insertRecordRows } from '../record-rows';
import { buildSnapshotFromDuckDb, type SnapshotBuildOptions } from '../snapshot-build';
import { SnapshotReader, type SnapshotRow } from '../snapshot-reader';
import { publishSnapshot } from '../snapshot-store';

/** Record tables as plain rows, for hand-built test populations. */
export type TestRecords = Partial<Record<RecordTableName, readonly RecordRow[]>>;

/** A cell's counts by month `YYYY-MM`: [numerator, denominator] (denominator null for counts). */
export type CountSeries = Record<string, [number, number | null]>;

/** A snapshot built from hand-made records into a temporary store, with readers for assertions. */
export interface TestSnapshot {
  reader: SnapshotReader;
  dir: string;
  /** [numerator, denominator] by month of one cell series (months with no cell are absent). */
  series(measure: string, org: string, breakdown?: string, level?: string): Promise<CountSeries>;
  /** Every cell of a measure, level and month (`YYYY-MM`). */
  cellsOf(measure: string, level: string, month: string): Promise<SnapshotRow[]>;
  funnels(measure: string, month: string, benchmarkLevel: string): Promise<SnapshotRow[]>;
  deciles(measure: string): Promise<SnapshotRow[]>;
  /** Every cell of a level, all measures, months and breakdowns. */
  cellsAtLevel(level: string): Promise<SnapshotRow[]>;
  close(): void;
}

/** Loads `records` into an in-memory DuckDB and publishes a snapshot built from them (tests only). */
export async function buildTestSnapshot(records: TestRecords, options: SnapshotBuildOptions): Promise<TestSnapshot> {
  const dir = mkdtempSync(join(tmpdir(), 'pcsp-test-snapshot-'));
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection: DuckDBConnection = await instance.connect();
  try {
    await connection.run(CREATE_RECORD_TABLES_SQL);
    await insertRecordRows(connection, records);
    await publishSnapshot(dir, (outFile) => buildSnapshotFromDuckDb(connection, outFile, options));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  const reader = new SnapshotReader(dir);
  return {
    reader,
    dir,
    async series(measure, org, breakdown = '', level = 'practice') {
      const rows = await reader.query(CELL_SERIES_SQL, { measure, level, org, breakdown });
      const out: CountSeries = {};
      for (const r of rows) out[r.month as string] = [r.numerator as number, r.denominator as number | null];
      return out;
    },
    cellsOf: (measure, level, month) => reader.query(CELLS_OF_LEVEL_SQL, { measure, level, month: `${month}-01` }),
    funnels: (measure, month, benchmarkLevel) =>
      reader.query(FUNNELS_SQL, { measure, month: `${month}-01`, benchmark_level: benchmarkLevel }),
    deciles: (measure) => reader.query(DECILES_SQL, { measure }),
    cellsAtLevel: (level) => reader.query(CELLS_AT_LEVEL_SQL, { level }),
    close() {
      reader.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
