import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CREATE_RECORD_TABLES_SQL } from '../sql/record-tables.sql';
import { copyRecordsFromPostgres, type PostgresCopyReport } from './postgres-copy';
import { copiedTableOf, refreshStepError } from './refresh-failure';
import { buildSnapshotFromDuckDb, type SnapshotBuildOptions } from './snapshot-build';
import { publishSnapshot, type SnapshotPointer } from './snapshot-store';

/** Options of `refreshSnapshot`. */
export interface RefreshSnapshotOptions extends SnapshotBuildOptions {
  /** Postgres connection string of the system of record. */
  pgUrl: string;
  /** Snapshot store directory (the app uses `<DATA_DIR>/snapshots`). */
  snapshotDir: string;
  /** DuckDB settings of the build (default: memory_limit 12GB, spilling to a temp directory in snapshotDir). */
  duckdbSettings?: Record<string, string>;
}

/** Result of a refresh: the new pointer and the copy's throughput. */
export interface RefreshSnapshotResult {
  pointer: SnapshotPointer;
  copy: PostgresCopyReport;
}

/** DuckDB's memory limit for a build: what a refresh uses, and what the benchmark measures it with. */
export const BUILD_MEMORY_LIMIT = '12GB';

const SCRATCH = /^scratch-.*\.duckdb(\.wal)?$|^pcsp-copy-|^duckdb-tmp$/;

/**
 * Refreshes the snapshot: copies the records out of Postgres into a scratch DuckDB file, computes
 * every measure into a new snapshot file and swaps it in; a failure leaves the old one serving and
 * says in plain words which step failed (the copy names its table) and what to do (SnapshotRefreshError).
 */
export async function refreshSnapshot(options: RefreshSnapshotOptions): Promise<RefreshSnapshotResult> {
  const { pgUrl, snapshotDir, duckdbSettings, ...build } = options;
  const settings = { memory_limit: BUILD_MEMORY_LIMIT, temp_directory: join(snapshotDir, 'duckdb-tmp'), ...duckdbSettings };
  const context = { snapshotDir, pgUrl, memoryLimit: settings.memory_limit };
  let copy: PostgresCopyReport | undefined;
  const pointer = await publishSnapshot(snapshotDir, async (outFile) => {
    let step = 'preparing the snapshot folder';
    try {
      // Under the store's lock: anything scratch-like left here is from a crashed refresh.
      for (const name of readdirSync(snapshotDir)) if (SCRATCH.test(name)) rmSync(join(snapshotDir, name), { recursive: true, force: true });
      const scratch = join(snapshotDir, `scratch-${process.pid}-${Date.now()}.duckdb`);
      const instance = await DuckDBInstance.create(scratch, settings);
      try {
        const connection = await instance.connect();
        try {
          await connection.run(CREATE_RECORD_TABLES_SQL);
          step = 'copying the records from PostgreSQL';
          copy = await copyRecordsFromPostgres(pgUrl, connection, { tmpDir: snapshotDir, log: build.log });
          build.log?.(`copied ${copy.totalRows} rows from Postgres in ${copy.seconds.toFixed(1)} s (${Math.round(copy.rowsPerSecond)} rows/s)`);
          step = 'computing the measures';
          return await buildSnapshotFromDuckDb(connection, outFile, build);
        } finally {
          connection.closeSync();
        }
      } finally {
        instance.closeSync();
        rmSync(scratch, { force: true });
        rmSync(`${scratch}.wal`, { force: true });
        rmSync(join(snapshotDir, 'duckdb-tmp'), { recursive: true, force: true });
      }
    } catch (error) {
      const table = step.startsWith('copying') ? copiedTableOf(error) : undefined;
      throw refreshStepError(table === undefined ? step : `copying table ${table} from PostgreSQL`, error, context, table);
    }
  });
  return { pointer, copy: copy as PostgresCopyReport };
}

/** Options of `refreshSnapshotFromDuckDb`. */
export interface RefreshFromDuckDbOptions extends SnapshotBuildOptions {
  /** A connection whose database holds the record tables (the benchmark and tests load them directly). */
  connection: DuckDBConnection;
  snapshotDir: string;
}

/** Builds a snapshot from record tables already in DuckDB and swaps it in (no Postgres). */
export async function refreshSnapshotFromDuckDb(options: RefreshFromDuckDbOptions): Promise<SnapshotPointer> {
  const { connection, snapshotDir, ...build } = options;
  return publishSnapshot(snapshotDir, (outFile) => buildSnapshotFromDuckDb(connection, outFile, build));
}
