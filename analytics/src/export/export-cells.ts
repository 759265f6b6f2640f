import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { parseMonth, formatMonth } from '../engine/snapshot-build';
import { SnapshotReader } from '../engine/snapshot-reader';
import { isMeasureId } from '../measures/measure-registry';
import { exportCellsSql } from '../sql/export-cells.sql';

/** Filters of `exportCells`: months as `YYYY-MM` (inclusive), measure ids of the registry. */
export interface ExportCellsOptions {
  from?: string;
  to?: string;
  measures?: readonly string[];
}

const firstOfMonth = (text: string, name: string) => `${formatMonth(parseMonth(text, name))}-01`;

/**
 * Writes every cell of a snapshot, unsuppressed, to `outFile` as CSV with the header
 * `measure,month,level,org,breakdown,numerator,denominator,rate,ci_low,ci_high`; returns the row count.
 * `source` is a reader of the snapshot store or the path of a snapshot file.
 */
export async function exportCells(
  source: SnapshotReader | string,
  outFile: string,
  options: ExportCellsOptions = {},
): Promise<number> {
  const unknown = (options.measures ?? []).filter((id) => !isMeasureId(id));
  if (unknown.length > 0) throw new Error(`unknown measure id(s): ${unknown.join(', ')}`);
  const fromMonth = options.from === undefined ? undefined : firstOfMonth(options.from, 'from');
  const toMonth = options.to === undefined ? undefined : firstOfMonth(options.to, 'to');
  if (fromMonth !== undefined && toMonth !== undefined && fromMonth > toMonth) {
    throw new Error(`from ${options.from} is after to ${options.to}`);
  }
  const sql = exportCellsSql(outFile, { fromMonth, toMonth, measures: options.measures });
  const run = async (connection: DuckDBConnection) => {
    const result = await connection.runAndReadAll(sql);
    return Number(result.getRows()[0]?.[0] ?? 0);
  };
  if (source instanceof SnapshotReader) return source.withConnection(run);
  const instance = await DuckDBInstance.fromCache(source, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    return await run(connection);
  } finally {
    connection.closeSync();
  }
}
