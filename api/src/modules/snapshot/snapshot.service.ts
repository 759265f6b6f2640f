import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import {
  SNAPSHOT_KEYS_SQL,
  SnapshotReader,
  snapshotStanding,
  WHOLE_POPULATION_CELLS_SQL,
  WHOLE_POPULATION_CELL_COUNT_SQL,
  type SnapshotEngineStanding,
  type SnapshotRow,
} from '@pcsp/analytics';
import type { DuckDBDataChunk, DuckDBValue } from '@duckdb/node-api';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { snapshotDirOf } from '../refresh/analytics-refresh';
import { QueryResultCache } from './query-result-cache';
import { WholePopulationCells } from './whole-population-cells';

/** About 100 MB of result rows at most. */
const CACHED_ROWS = 500_000;
/** Values worked out from a snapshot and kept for it (see `memo`): a few per measure, month and level asked. */
const MEMOS = 2_000;

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

/** The analytics engine that built the serving snapshot. */
export interface SnapshotEngine {
  /** Its ENGINE_VERSION; null when the pointer records none (built before versions were recorded). */
  version: number | null;
  /** The DuckDB library it ran on (DUCKDB_VERSION); null when the pointer records none (built before it was recorded). */
  duckdbVersion: string | null;
  /** How it stands to this code's ENGINE_VERSION and DuckDB library (snapshotStanding). */
  standing: SnapshotEngineStanding;
  /** File name of the snapshot. */
  file: string;
}

/** The integer keys of one snapshot file's measures, levels, breakdowns and organisations (see SNAPSHOT_KEYS_SQL). */
export class SnapshotKeys {
  private readonly ids = new Map<string, number>();
  private readonly units = new Map<string, string>();
  private readonly breakdowns: [string, number][] = [];
  private readonly names = new Map<string, string>();
  private readonly levels = new Map<string, number>();

  constructor(rows: readonly SnapshotRow[]) {
    for (const row of rows) {
      this.ids.set(`${row.kind}|${row.name}`, Number(row.id));
      this.names.set(`${row.kind}|${row.id}`, String(row.name));
      if (row.kind === 'measure') this.units.set(String(row.name), String(row.unit));
      if (row.kind === 'breakdown') this.breakdowns.push([String(row.name), Number(row.id)]);
      if (row.kind === 'org') this.levels.set(String(row.name), Number(row.level_id));
    }
  }

  /** The id of a measure, level, breakdown or organisation; -1 (matches nothing) when the snapshot has none. */
  id(kind: 'measure' | 'level' | 'breakdown' | 'org', name: string): number {
    return this.ids.get(`${kind}|${name}`) ?? -1;
  }

  /** The name (an organisation's code) of an id; '' for none. */
  name(kind: 'measure' | 'breakdown' | 'org', id: unknown): string {
    return this.names.get(`${kind}|${Number(id)}`) ?? '';
  }

  /** The level id of an organisation (by code); -1 for none. */
  levelOf(code: string): number {
    return this.levels.get(code) ?? -1;
  }

  unit(measure: string): string {
    return this.units.get(measure) ?? '';
  }

  /** The first and last breakdown ids of a dimension (ids follow the breakdowns' order, so a dimension's are consecutive); [0, -1] for none. */
  dimension(dimension: string): [number, number] {
    if (dimension === '') return [0, -1];
    const ids = this.breakdowns.filter(([name]) => name.startsWith(`${dimension}=`)).map(([, id]) => id);
    return ids.length === 0 ? [0, -1] : [Math.min(...ids), Math.max(...ids)];
  }
}

/** The serving analytics snapshot (read only; follows refreshes as `current.json` moves). */
@Injectable()
export class SnapshotService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SnapshotService.name);
  private readonly reader: SnapshotReader;
  private readonly results = new QueryResultCache<SnapshotRow>(CACHED_ROWS);
  private resultsFile = '';
  private keysOf: { file: string; keys: Promise<SnapshotKeys> } | undefined;
  private cellsOf: { file: string; cells: Promise<WholePopulationCells> } | undefined;
  private readonly memos = new Map<string, Promise<unknown>>();
  private memosFile = '';
  private readonly workAhead: { what: string; work: () => Promise<unknown> }[] = [];

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.reader = new SnapshotReader(snapshotDirOf(config));
  }

  /** Only in the server (the CLI builds this service itself): loads the whole-population cells as it starts, not on the first request. */
  onApplicationBootstrap(): void {
    void this.describe()
      .then((info) => (info ? this.wholeCells() : undefined))
      .catch((error: unknown) => this.logger.warn(`whole-population cells not loaded ahead: ${error instanceof Error ? error.message : String(error)}`));
  }

  /**
   * Work that other services do once per snapshot (and keep for it) and that should not fall on the first request
   * after a refresh: run by `published` beside the whole-population cells. Register it in `onApplicationBootstrap`.
   */
  workAheadOnPublish(what: string, work: () => Promise<unknown>): void {
    this.workAhead.push({ what, work });
  }

  /**
   * Called when a refresh in this process has published a new snapshot: loads its whole-population cells, then runs the
   * work registered with `workAheadOnPublish`, all at once; resolves when all of it has ended (failures are logged, not
   * thrown: the first request then does the work and reports the error). A refresh run by the CLI in another process
   * does not call this: the server moves to its snapshot on the next read of `current.json`, and the first requests
   * after it load the cells and work out the alerts.
   */
  async published(): Promise<void> {
    // The reader looks at the pointer once per turn of the event loop, and callers of the turn in which it noticed a
    // new one still get the old one: make it look now, and open the new one before the work asks for it.
    this.reader.recheckPointer();
    await this.reader.current();
    const ahead = ({ what, work }: { what: string; work: () => Promise<unknown> }) =>
      work().catch((error: unknown) => this.logger.warn(`${what} not worked out ahead: ${error instanceof Error ? error.message : String(error)}`));
    // The cells first, alone: every page's figures come from them, and the rest at once made the first pages wait.
    await ahead({ what: 'whole-population cells', work: () => this.wholeCells() });
    await Promise.all(this.workAhead.map(ahead));
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

  /** The engine that built the serving snapshot; undefined while none serves. */
  async engine(): Promise<SnapshotEngine | undefined> {
    const pointer = await this.reader.current();
    return pointer
      ? { version: pointer.engineVersion, duckdbVersion: pointer.duckdbVersion, standing: snapshotStanding(pointer), file: pointer.file }
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

  /**
   * A read query of millions of rows, handed over as DuckDB's chunks (see SnapshotReader.scanChunks); not cached: the
   * caller keeps what it makes of them.
   */
  async scanChunks(sql: string, values: Record<string, DuckDBValue>, onChunk: (chunk: DuckDBDataChunk) => void): Promise<void> {
    await this.reader.scanChunks(sql, values, onChunk);
  }

  /** The serving snapshot's keys, read once per snapshot file. */
  async keys(): Promise<SnapshotKeys> {
    const file = (await this.reader.current())?.file ?? '';
    if (this.keysOf?.file !== file) {
      const keys = this.reader.query(SNAPSHOT_KEYS_SQL).then((rows) => new SnapshotKeys(rows));
      this.keysOf = { file, keys };
      keys.catch(() => {
        if (this.keysOf?.keys === keys) this.keysOf = undefined;
      });
    }
    return this.keysOf.keys;
  }

  /** The serving snapshot's whole-population cells in memory, loaded once per snapshot file (see WholePopulationCells). */
  async wholeCells(): Promise<WholePopulationCells> {
    const file = (await this.reader.current())?.file ?? '';
    if (this.cellsOf?.file !== file) {
      const cells = this.loadWholeCells();
      this.cellsOf = { file, cells };
      cells.catch(() => {
        if (this.cellsOf?.cells === cells) this.cellsOf = undefined;
      });
    }
    return this.cellsOf.cells;
  }

  private async loadWholeCells(): Promise<WholePopulationCells> {
    const whole = (await this.keys()).id('breakdown', '');
    const [{ cells }] = await this.reader.query(WHOLE_POPULATION_CELL_COUNT_SQL, { whole });
    return WholePopulationCells.load(Number(cells), (onChunk) => this.reader.scanChunks(WHOLE_POPULATION_CELLS_SQL, { whole }, onChunk));
  }

  /**
   * A value worked out once from the serving snapshot and kept while it serves (least recently used out past
   * a bound): lookups built from cached query results, so that each request does not build them again.
   */
  async memo<T>(key: string, build: () => Promise<T>): Promise<T> {
    const file = (await this.reader.current())?.file ?? '';
    if (file !== this.memosFile) {
      this.memos.clear();
      this.memosFile = file;
    }
    let value = this.memos.get(key) as Promise<T> | undefined;
    if (value === undefined) {
      value = build();
      if (this.memos.size >= MEMOS) this.memos.delete(this.memos.keys().next().value as string);
      this.memos.set(key, value);
      value.catch(() => {
        if (this.memos.get(key) === value) this.memos.delete(key);
      });
    } else {
      this.memos.delete(key);
      this.memos.set(key, value);
    }
    return value;
  }

  onModuleDestroy(): void {
    this.reader.close();
  }
}
