import { refreshSnapshot, type RefreshSnapshotResult } from '@pcsp/analytics';
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
 * Copies the records into a new DuckDB snapshot, computes every measure and swaps it in. The
 * state stays stale if records changed while the refresh ran; a failure is recorded and rethrown
 * (the previous snapshot keeps serving).
 */
export async function refreshAnalytics(
  dataSource: DataSource,
  config: AppConfig,
  options: { pgUrl: string; asOf?: Date; log?: (message: string) => void },
): Promise<RefreshSnapshotResult> {
  const startedAt = new Date();
  try {
    const result = await refreshSnapshot({
      pgUrl: options.pgUrl,
      snapshotDir: snapshotDirOf(config),
      asOf: options.asOf,
      log: options.log,
    });
    await dataSource.query(
      `INSERT INTO snapshot_state (id, stale, refreshed_at, last_error) VALUES (1, false, now(), NULL)
       ON CONFLICT (id) DO UPDATE SET stale = coalesce(snapshot_state.records_changed_at > $1, false),
         refreshed_at = now(), last_error = NULL`,
      [startedAt],
    );
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await dataSource.query(
      `INSERT INTO snapshot_state (id, stale, last_error) VALUES (1, true, $1)
       ON CONFLICT (id) DO UPDATE SET last_error = $1`,
      [message],
    );
    throw error;
  }
}
