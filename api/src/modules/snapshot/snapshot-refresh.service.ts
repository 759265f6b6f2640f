import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import {
  ENGINE_UPGRADE_REQUESTER,
  WITHHELD_REFRESH_ERROR,
  type DataQualityResponse,
  type SnapshotRefreshRun,
  type SnapshotStatusResponse,
} from '../../contract/data-quality.contract';
import type { AuthUser } from '../../common/auth.decorators';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { DUCKDB_VERSION, ENGINE_VERSION, refreshLockHolder } from '@pcsp/analytics';
import { AuditService } from '../audit/audit.service';
import { refreshAnalytics, snapshotDirOf } from '../refresh/analytics-refresh';
import { SnapshotStateRepository } from './snapshot-state.repository';
import { SnapshotService, type SnapshotEngine } from './snapshot.service';

/** Thrown when a refresh is asked for while one runs, here or in another process (`pcsp refresh`). */
export class RefreshRunningError extends Error {}

const HOUR_MS = 3_600_000;

/** A version a snapshot records, or that it records none. */
const recorded = (version: number | string | null): string => (version === null ? 'not recorded' : String(version));

/**
 * The audit log's target for the refresh at an engine upgrade: from the serving snapshot's engine version and DuckDB
 * library to this server's, e.g. 'snapshot refresh: engine version 1 → 2, DuckDB v1.4.0 → v1.5.6'.
 */
function engineUpgradeTarget(from: Pick<SnapshotEngine, 'version' | 'duckdbVersion'>): string {
  return `snapshot refresh: engine version ${recorded(from.version)} → ${ENGINE_VERSION}, DuckDB ${recorded(from.duckdbVersion)} → ${DUCKDB_VERSION}`;
}

/**
 * Refreshes of the snapshot asked for through the API, or by the server as it starts on a snapshot built by another engine
 * version: one at a time, in the background; and how fresh the snapshot is.
 */
@Injectable()
export class SnapshotRefreshService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SnapshotRefreshService.name);
  private last: (SnapshotRefreshRun & { requestedBy: string }) | null = null;
  private running: Promise<void> | null = null;
  private workingAhead: Promise<void> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly snapshots: SnapshotService,
    private readonly states: SnapshotStateRepository,
    private readonly audit: AuditService,
  ) {}

  /**
   * The serving snapshot's months and age, with the state row's staleness and last error: to an administrator its text,
   * to the others only that it failed (the text can hold the database's own words).
   */
  async freshness(user: AuthUser, now = new Date()): Promise<DataQualityResponse['snapshot'] & { refreshedAt: string | null }> {
    const [described, engine, state] = await Promise.all([this.snapshots.describe(), this.snapshots.engine(), this.states.current()]);
    return {
      builtAt: described?.builtAt ?? null,
      firstMonth: described?.firstMonth ?? null,
      lastMonth: described?.lastMonth ?? null,
      // Tenths of an hour are as fine as a person reads an age.
      ageHours: described ? Math.max(0, Math.round(((now.getTime() - Date.parse(described.builtAt)) / HOUR_MS) * 10) / 10) : null,
      stale: state.stale,
      lastError: user.role === 'admin' || state.lastError === null ? state.lastError : WITHHELD_REFRESH_ERROR,
      engineVersion: engine?.version ?? null,
      duckdbVersion: engine?.duckdbVersion ?? null,
      engine: engine?.standing ?? null,
      refreshedAt: state.refreshedAt?.toISOString() ?? null,
    };
  }

  /** How fresh the snapshot is and the last refresh asked for here; to all but an administrator without who asked for it nor why it failed. */
  async status(user: AuthUser): Promise<SnapshotStatusResponse> {
    const run = this.last && (user.role === 'admin' ? { ...this.last } : { ...this.last, requestedBy: null, error: null });
    return { snapshot: await this.freshness(user), refresh: run };
  }

  /**
   * Only in the server (the CLI's commands make no Nest app): as it starts on a snapshot built by another engine version or
   * DuckDB library, whose figures may differ from what this code computes (its live figures among them), a refresh in the
   * background as an administrator's would be, asked for by ENGINE_UPGRADE_REQUESTER and recorded in the audit log as
   * theirs is (once started), with the versions it goes from and to; the old snapshot serves until the new one is
   * published. One running in another process (the store's lock) is left to publish its own.
   */
  async onApplicationBootstrap(): Promise<void> {
    let engine: SnapshotEngine | undefined;
    try {
      engine = await this.snapshots.engine();
      if (!engine || engine.standing === 'current') return;
      const why =
        `the serving snapshot ${engine.file} was built by ${engine.standing === 'earlier' ? 'an earlier' : 'a later'} analytics engine ` +
        `(engine version ${recorded(engine.version)}, DuckDB ${recorded(engine.duckdbVersion)}; this server: engine version ${ENGINE_VERSION}, DuckDB ${DUCKDB_VERSION})`;
      const holder = refreshLockHolder(snapshotDirOf(this.config));
      if (holder !== undefined) {
        this.logger.log(`${why}: a refresh running in another process (${holder}) replaces it, so none is started here`);
        return;
      }
      this.begin(ENGINE_UPGRADE_REQUESTER);
      this.logger.log(`${why}: refreshing it in the background (requested by ${ENGINE_UPGRADE_REQUESTER}); it serves until the new one is ready`);
    } catch (error) {
      this.logger.error(`no refresh for the engine upgrade was started: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    try {
      await this.audit.recordBySystem('refresh', ENGINE_UPGRADE_REQUESTER, engineUpgradeTarget(engine));
    } catch (error) {
      // The refresh runs on: only its record is missing, which the log says.
      this.logger.error(`the refresh for the engine upgrade started, but the audit log did not record it: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Starts a refresh in the background and answers at once; RefreshRunningError while one runs. */
  async start(admin: AuthUser): Promise<SnapshotStatusResponse> {
    this.begin(admin.email);
    return this.status(admin);
  }

  /** Starts a refresh asked for by `requestedBy` in the background; RefreshRunningError while one runs, here or in another process. */
  private begin(requestedBy: string): void {
    if (this.running && this.last) {
      throw new RefreshRunningError(`A refresh of the snapshot requested by ${this.last.requestedBy} has been running since ${this.last.startedAt}; try again when it has finished.`);
    }
    // Another process's refresh (pcsp refresh, another instance) holds the store's lock: this one would fail behind it.
    const holder = refreshLockHolder(snapshotDirOf(this.config));
    if (holder !== undefined) throw new RefreshRunningError(`A refresh of the snapshot is running in another process (${holder}); try again when it has finished.`);
    const run: SnapshotRefreshRun & { requestedBy: string } = { state: 'running', requestedBy, startedAt: new Date().toISOString(), finishedAt: null, error: null };
    this.last = run;
    const pgUrl = (this.dataSource.options as PostgresConnectionOptions).url;
    if (!pgUrl) throw new Error('The data source has no URL to copy the records from');
    this.running = refreshAnalytics(this.dataSource, this.config, { pgUrl })
      .then(
        ({ pointer }) => {
          run.state = 'succeeded';
          this.logger.log(`snapshot refreshed: ${pointer.file}`);
          // Not part of the run: its state is final now, and another refresh may start while this work goes on.
          const ahead = this.snapshots.published();
          this.workingAhead = ahead;
          void ahead.finally(() => {
            if (this.workingAhead === ahead) this.workingAhead = null;
          });
        },
        (error: unknown) => {
          run.state = 'failed';
          run.error = error instanceof Error ? error.message : String(error);
          // Logged as an error object: the plain message, and (a SnapshotRefreshError's detail) the database's own text.
          this.logger.error(error instanceof Error ? error : new Error(run.error));
        },
      )
      .finally(() => {
        run.finishedAt = new Date().toISOString();
        this.running = null;
      });
  }

  /** Resolves when the refresh running now (if any) has ended, and the work ahead for the snapshot it published too (tests). */
  async idle(): Promise<void> {
    await this.running;
    await this.workingAhead;
  }

  async onApplicationShutdown(): Promise<void> {
    // Only the refresh is waited for: the work ahead fills caches that die with the process.
    await this.running;
  }
}
