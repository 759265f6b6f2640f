import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CURRENT_POINTER, DUCKDB_VERSION, ENGINE_VERSION, readSnapshotPointer, type SnapshotPointer } from '@pcsp/analytics';
import type { AuditEntry } from '../../../api/src/contract/audit.contract';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from '../../../api/src/main';
import { snapshotDirOf } from '../../../api/src/modules/refresh/analytics-refresh';
import { SnapshotRefreshService } from '../../../api/src/modules/snapshot/snapshot-refresh.service';
import { createApiWorld, type ApiWorld, type UserKey } from './api-fixture';

// A server started on a snapshot built by an earlier engine version (today: a pointer written before versions were
// recorded) or on another DuckDB library refreshes it in the background, as an administrator's POST /api/snapshot/refresh
// would, asked for by 'engine upgrade' and recorded so in the audit log; one started on a current snapshot does not.

describe('API: a snapshot built by an earlier engine is refreshed as the server starts', () => {
  jest.setTimeout(180_000);
  let world: ApiWorld;
  let snapshotDir: string;
  let logged: jest.SpyInstance;
  /** Lines the refresh service logged since the spy was made. */
  const refreshLines = () => logged.mock.contexts.flatMap((logger: { context?: string }, i) => (logger.context === SnapshotRefreshService.name ? [String(logged.mock.calls[i][0])] : []));

  beforeAll(async () => {
    logged = jest.spyOn(Logger.prototype, 'log');
    world = await createApiWorld();
    snapshotDir = snapshotDirOf(world.config);
  });
  afterAll(async () => {
    logged.mockRestore();
    await world?.close();
  });

  /** The app started again over the world's database and data folder, as `pcsp start` would serve it. */
  async function startAgain(): Promise<NestFastifyApplication> {
    const app = await createApp({ config: world.config, databaseUrl: world.database.url });
    await app.init();
    return app;
  }
  const get = (app: NestFastifyApplication, url: string, as: UserKey) => app.inject({ method: 'GET', url, headers: { cookie: world.cookie[as] } });

  /** Rewrites current.json as code before engine versions wrote it: the same fields but engineVersion and duckdbVersion. */
  function writeOlderPointer(): SnapshotPointer {
    const { engineVersion: _engineVersion, duckdbVersion: _duckdbVersion, ...older } = JSON.parse(readFileSync(join(snapshotDir, CURRENT_POINTER), 'utf8')) as SnapshotPointer;
    writeFileSync(join(snapshotDir, CURRENT_POINTER), JSON.stringify(older, null, 2));
    return readSnapshotPointer(snapshotDir) as SnapshotPointer;
  }

  /** The audit log's refresh entries, newest first, as an administrator reads them. */
  async function refreshEntries(): Promise<AuditEntry[]> {
    const response = await world.get('/api/audit?action=refresh', 'admin');
    expect(response.statusCode).toBe(200);
    return (response.json() as { entries: AuditEntry[] }).entries;
  }

  /** Whether `at` (ISO) lies between two instants, ends included. */
  const within = (at: string, from: number, to: number) => Date.parse(at) >= from && Date.parse(at) <= to;

  it('starts no refresh on a snapshot this engine built, and says it is current', async () => {
    // The world's app started on the snapshot the fixture had just built.
    const pointer = readSnapshotPointer(snapshotDir) as SnapshotPointer;
    expect(pointer.engineVersion).toBe(ENGINE_VERSION);
    await world.app.get(SnapshotRefreshService).idle();
    expect(readSnapshotPointer(snapshotDir)).toEqual(pointer);
    expect(pointer.duckdbVersion).toBe(DUCKDB_VERSION);
    const status = await world.get('/api/snapshot', 'admin');
    expect(status.statusCode).toBe(200);
    const { engineVersion, duckdbVersion, engine } = status.json().snapshot;
    expect([engineVersion, duckdbVersion, engine, status.json().refresh]).toEqual([ENGINE_VERSION, DUCKDB_VERSION, 'current', null]);
    expect(refreshLines()).toEqual([]);
    // No refresh started, so none recorded.
    await expect(refreshEntries()).resolves.toEqual([]);
  });

  it('leaves it to a refresh running in another process (the store\'s lock), and says so', async () => {
    const older = writeOlderPointer();
    // The lock names its holder: this test's own process, alive, as a pcsp refresh running beside the server would be.
    const lock = join(snapshotDir, 'refresh.lock');
    writeFileSync(lock, String(process.pid));
    logged.mockClear();
    const app = await startAgain();
    try {
      const status = await get(app, '/api/snapshot', 'admin');
      const { engineVersion, duckdbVersion, engine } = status.json().snapshot;
      expect([engineVersion, duckdbVersion, engine, status.json().refresh]).toEqual([null, null, 'earlier', null]);
      expect(refreshLines()).toEqual([
        `the serving snapshot ${older.file} was built by an earlier analytics engine (engine version not recorded, DuckDB not recorded; ` +
          `this server: engine version ${ENGINE_VERSION}, DuckDB ${DUCKDB_VERSION}): ` +
          `a refresh running in another process (${process.pid}) replaces it, so none is started here`,
      ]);
      expect(readSnapshotPointer(snapshotDir)).toEqual(older);
      // The other process's refresh is its own to record (pcsp refresh is not audited): none here.
      await expect(refreshEntries()).resolves.toEqual([]);
    } finally {
      await app.close();
      rmSync(lock, { force: true });
    }
  });

  it('refreshes one whose pointer records no engine version in the background, asked for by engine upgrade, serving it until then', async () => {
    const older = writeOlderPointer();
    logged.mockClear();
    const starting = Date.now();
    const app = await startAgain();
    const started = Date.now();
    try {
      // Started as the app started: the old snapshot serves, marked as built by an earlier engine, while it runs.
      const running = await get(app, '/api/snapshot', 'admin');
      expect(running.statusCode).toBe(200);
      const run = running.json().refresh;
      expect(running.json()).toEqual({
        snapshot: {
          builtAt: older.builtAt,
          firstMonth: '2023-01',
          lastMonth: '2024-05',
          ageHours: 0,
          stale: false,
          lastError: null,
          engineVersion: null,
          duckdbVersion: null,
          engine: 'earlier',
          refreshedAt: expect.any(String),
        },
        refresh: { state: 'running', requestedBy: 'engine upgrade', startedAt: run.startedAt, finishedAt: null, error: null },
      });
      // A commissioner's Data page reads the same from /api/data-quality.
      const quality = await get(app, '/api/data-quality', 'icb');
      expect([quality.json().snapshot.engineVersion, quality.json().snapshot.duckdbVersion, quality.json().snapshot.engine]).toEqual([null, null, 'earlier']);
      expect(refreshLines()).toEqual([
        `the serving snapshot ${older.file} was built by an earlier analytics engine (engine version not recorded, DuckDB not recorded; ` +
          `this server: engine version ${ENGINE_VERSION}, DuckDB ${DUCKDB_VERSION}): ` +
          'refreshing it in the background (requested by engine upgrade); it serves until the new one is ready',
      ]);
      // Recorded as an administrator's refresh is (action refresh, once started), by the server itself: no user, no
      // address, engine upgrade in the email's place, and the versions it goes from and to.
      const entries = await refreshEntries();
      expect(entries).toEqual([
        {
          id: entries[0]?.id,
          at: entries[0]?.at,
          action: 'refresh',
          userId: null,
          email: 'engine upgrade',
          target: `snapshot refresh: engine version not recorded → ${ENGINE_VERSION}, DuckDB not recorded → ${DUCKDB_VERSION}`,
          ip: null,
        },
      ]);
      expect(within(entries[0]?.at ?? '', starting, started)).toBe(true);
      // An administrator's refresh meanwhile is refused as behind any other.
      const again = await app.inject({ method: 'POST', url: '/api/snapshot/refresh', headers: { cookie: world.cookie.admin } });
      expect([again.statusCode, again.json().detail]).toEqual([
        409,
        `A refresh of the snapshot requested by engine upgrade has been running since ${run.startedAt}; try again when it has finished.`,
      ]);
      // A refused refresh is not recorded: still the one entry.
      await expect(refreshEntries()).resolves.toEqual(entries);

      await app.get(SnapshotRefreshService).idle();
      const after = readSnapshotPointer(snapshotDir) as SnapshotPointer;
      expect([after.file === older.file, after.previousFile, after.engineVersion, after.duckdbVersion]).toEqual([false, older.file, ENGINE_VERSION, DUCKDB_VERSION]);
      const done = await get(app, '/api/snapshot', 'admin');
      expect(done.json()).toEqual({
        // As of today, as an administrator's refresh is: months to last month.
        snapshot: {
          builtAt: after.builtAt,
          firstMonth: after.firstMonth,
          lastMonth: after.lastMonth,
          ageHours: 0,
          stale: false,
          lastError: null,
          engineVersion: ENGINE_VERSION,
          duckdbVersion: DUCKDB_VERSION,
          engine: 'current',
          refreshedAt: expect.any(String),
        },
        refresh: { state: 'succeeded', requestedBy: 'engine upgrade', startedAt: run.startedAt, finishedAt: done.json().refresh.finishedAt, error: null },
      });
      // Who asked is an administrator's to see, as for any refresh.
      const theirs = await get(app, '/api/snapshot', 'practice');
      expect(theirs.json().refresh).toEqual({ state: 'succeeded', requestedBy: null, startedAt: run.startedAt, finishedAt: done.json().refresh.finishedAt, error: null });
    } finally {
      await app.close();
    }
  });

  it('refreshes one built by this engine version on another DuckDB library, recording both libraries in the audit log', async () => {
    // As a snapshot this engine version built before the DuckDB library was upgraded to this one: v1.0.0, a release
    // before the one this server runs.
    const built = readSnapshotPointer(snapshotDir) as SnapshotPointer;
    writeFileSync(join(snapshotDir, CURRENT_POINTER), JSON.stringify({ ...built, duckdbVersion: 'v1.0.0' }, null, 2));
    const before = await refreshEntries();
    logged.mockClear();
    const starting = Date.now();
    const app = await startAgain();
    const started = Date.now();
    try {
      const running = await get(app, '/api/snapshot', 'admin');
      const run = running.json().refresh;
      const { engineVersion, duckdbVersion, engine } = running.json().snapshot;
      expect([engineVersion, duckdbVersion, engine, run.state, run.requestedBy]).toEqual([ENGINE_VERSION, 'v1.0.0', 'earlier', 'running', 'engine upgrade']);
      expect(refreshLines()).toEqual([
        `the serving snapshot ${built.file} was built by an earlier analytics engine (engine version ${ENGINE_VERSION}, DuckDB v1.0.0; ` +
          `this server: engine version ${ENGINE_VERSION}, DuckDB ${DUCKDB_VERSION}): ` +
          'refreshing it in the background (requested by engine upgrade); it serves until the new one is ready',
      ]);
      const entries = await refreshEntries();
      expect(entries).toEqual([
        {
          id: entries[0]?.id,
          at: entries[0]?.at,
          action: 'refresh',
          userId: null,
          email: 'engine upgrade',
          target: `snapshot refresh: engine version ${ENGINE_VERSION} → ${ENGINE_VERSION}, DuckDB v1.0.0 → ${DUCKDB_VERSION}`,
          ip: null,
        },
        ...before,
      ]);
      expect([before.length, within(entries[0]?.at ?? '', starting, started)]).toEqual([1, true]);

      await app.get(SnapshotRefreshService).idle();
      const after = readSnapshotPointer(snapshotDir) as SnapshotPointer;
      expect([after.file === built.file, after.previousFile, after.engineVersion, after.duckdbVersion]).toEqual([false, built.file, ENGINE_VERSION, DUCKDB_VERSION]);
      // A commissioner's Data page: this server's DuckDB computed the figures now.
      const quality = await get(app, '/api/data-quality', 'icb');
      const { snapshot } = quality.json();
      expect([snapshot.builtAt, snapshot.engineVersion, snapshot.duckdbVersion, snapshot.engine]).toEqual([after.builtAt, ENGINE_VERSION, DUCKDB_VERSION, 'current']);
      const done = await get(app, '/api/snapshot', 'admin');
      expect(done.json().refresh).toEqual({ state: 'succeeded', requestedBy: 'engine upgrade', startedAt: run.startedAt, finishedAt: done.json().refresh.finishedAt, error: null });
    } finally {
      await app.close();
    }
  });
});
