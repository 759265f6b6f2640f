import { errorDetail, refreshSnapshot, snapshotRefreshError, SnapshotRefreshError, type RefreshSnapshotResult } from '@pcsp/analytics';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app-config';

export const snapshotDirOf = (config: AppConfig): string => join(config.dataDir, 'snapshots');

export interface AnalyticsState {
  stale: boolean;
  refreshedAt: Date | null;
  lastError: string | null;
}

/** Whether the snapshot reflects the records (no state row yet means nothing was ever built). */
export async function analyticsState(dataSource: DataSource): Promise<AnalyticsState> {
  const rows: { stale: boolean; refreshed_at: Date | null; last_error: string | null }[] = await dataSource.query(
    'SELECT stale, refreshed_at, last_error FROM snapshot_state WHERE id = 1',
  );
  const row = rows[0];
  return row ? { stale: row.stale, refreshedAt: row.refreshed_at, lastError: row.last_error } : { stale: true, refreshedAt: null, lastError: null };
}

/**
 * Sets the month every snapshot begins at (YYYY-MM), or null for the month of the first activity record (the default):
 * for records that hold history before the months to be shown, such as the demo's year that fills its first windows.
 */
export async function setSnapshotFirstMonth(dataSource: DataSource, firstMonth: string | null): Promise<void> {
  await dataSource.query(
    'INSERT INTO snapshot_state (id, first_month) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET first_month = $1',
    [firstMonth],
  );
}

/**
 * Copies the records into a new DuckDB snapshot, computes every measure and swaps it in. The
 * state stays stale if records changed while the refresh ran. A failure is recorded in plain words
 * (which step, table or practice, and what to do) and rethrown as a SnapshotRefreshError whose
 * detail keeps the database's own text for the log; the previous snapshot keeps serving.
 */
export async function refreshAnalytics(
  dataSource: DataSource,
  config: AppConfig,
  options: {
    pgUrl: string;
    asOf?: Date;
    /** The month this and later snapshots begin at (null: the first activity record), kept once this refresh succeeds. */
    firstMonth?: string | null;
    log?: (message: string) => void;
  },
): Promise<RefreshSnapshotResult> {
  const startedAt = new Date();
  const snapshotDir = snapshotDirOf(config);
  let step = 'reading the snapshot settings from PostgreSQL';
  try {
    const [state] = (await dataSource.query('SELECT first_month FROM snapshot_state WHERE id = 1')) as { first_month: string | null }[];
    const firstMonth = options.firstMonth !== undefined ? options.firstMonth : (state?.first_month ?? null);
    const result = await refreshSnapshot({
      pgUrl: options.pgUrl,
      snapshotDir,
      asOf: options.asOf,
      from: firstMonth ?? undefined,
      log: options.log,
    });
    step = 'recording the refresh in PostgreSQL';
    // A first month is kept only with a snapshot built from it: one that fails leaves the setting as it was.
    await dataSource.query(
      `INSERT INTO snapshot_state (id, stale, refreshed_at, last_error, first_month) VALUES (1, false, now(), NULL, $2)
       ON CONFLICT (id) DO UPDATE SET stale = coalesce(snapshot_state.records_changed_at > $1, false),
         refreshed_at = now(), last_error = NULL, first_month = $2`,
      [startedAt, firstMonth],
    );
    return result;
  } catch (error) {
    const failure = error instanceof SnapshotRefreshError ? error : snapshotRefreshError(snapshotDir, step, error, { pgUrl: options.pgUrl });
    try {
      await dataSource.query(
        `INSERT INTO snapshot_state (id, stale, last_error) VALUES (1, true, $1)
         ON CONFLICT (id) DO UPDATE SET last_error = $1`,
        [failure.message],
      );
    } catch (storing) {
      // The database that failed the refresh may fail this too: the failure is still reported, and both are logged.
      throw new SnapshotRefreshError(failure.message, `${failure.detail}\nstoring this failure in snapshot_state failed too: ${errorDetail(storing)}`, {
        cause: error,
      });
    }
    throw failure;
  }
}
