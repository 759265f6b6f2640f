import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { SnapshotReader, type SnapshotRow } from '@pcsp/analytics';
import type { DuckDBValue } from '@duckdb/node-api';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { snapshotDirOf } from '../refresh/analytics-refresh';
import { QueryResultCache } from './query-result-cache';

/** About 100 MB of result rows at most. */
const CACHED_ROWS = 500_000;

export interface SnapshotSummary {
  builtAt: string;
  lastMonth: string;
}

export interface SnapshotDescription extends SnapshotSummary {
  firstMonth: string;
  asOf: string;
  /** File name of the serving snapshot: changes with every refresh, so caches key on it. */
  file: string;
}

/** The serving analytics snapshot (read only; follows refreshes as `current.json` moves). */
@Injectable()
export class SnapshotService implements OnModuleDestroy {
  private readonly reader: SnapshotReader;
  private readonly results = new QueryResultCache<SnapshotRow>(CACHED_ROWS);
  private resultsFile = '';

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.reader = new SnapshotReader(snapshotDirOf(config));
  }

  async info(): Promise<SnapshotSummary | undefined> {
    const pointer = await this.reader.current();
    return pointer ? { builtAt: pointer.builtAt, lastMonth: pointer.lastMonth } : undefined;
  }

  async describe(): Promise<SnapshotDescription | undefined> {
    const pointer = await this.reader.current();
    return pointer
      ? { builtAt: pointer.builtAt, lastMonth: pointer.lastMonth, firstMonth: pointer.firstMonth, asOf: pointer.asOf, file: pointer.file }
      : undefined;
  }

  /** One read query (SQL from analytics/src/sql or analytics/src/queries; values bound); answers are cached per snapshot file and frozen. */
  async query(sql: string, values?: Record<string, DuckDBValue>): Promise<SnapshotRow[]> {
    const file = (await this.reader.current())?.file ?? '';
    if (file !== this.resultsFile) {
      this.results.clear();
      this.resultsFile = file;
    }
    const key = `${file}\u0000${sql}\u0000${JSON.stringify(values ?? {}, (_name, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value))}`;
    // A copy of the shared array, so that callers may sort or splice their own.
    return [...(await this.results.get(key, () => this.reader.query(sql, values)))];
  }

  onModuleDestroy(): void {
    this.reader.close();
  }
}
