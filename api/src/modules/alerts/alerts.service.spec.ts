import { Logger } from '@nestjs/common';
import { PRACTICE_ALERT_MONTHS_SQL } from '@pcsp/analytics';
import type { OrgsService } from '../orgs/orgs.service';
import type { SnapshotDescription, SnapshotService } from '../snapshot/snapshot.service';
import { AlertsService } from './alerts.service';

beforeAll(() => Logger.overrideLogger(false));

const SNAPSHOT: SnapshotDescription = { builtAt: '2025-01-10T06:00:00Z', lastMonth: '2024-12', firstMonth: '2023-01', asOf: '2025-01-10', file: 'snapshot-a.duckdb' };

/**
 * The service over a snapshot whose whole-population cells load when `cellsLoaded` is called (or fail with
 * `cellsFailed`) and whose practice months are empty: the order of the work at start is what is under test.
 */
function startingServer(snapshot: SnapshotDescription | undefined) {
  const steps: string[] = [];
  let cellsLoaded: () => void = () => undefined;
  let cellsFailed: (error: Error) => void = () => undefined;
  const cells = new Promise<void>((resolve, reject) => {
    cellsLoaded = resolve;
    cellsFailed = reject;
  });
  const fakeSnapshot = {
    describe: async () => snapshot,
    wholeCells: () => {
      steps.push('whole-population cells asked');
      return cells;
    },
    keys: async () => ({ name: () => '' }),
    scanChunks: async (sql: string) => {
      steps.push(sql === PRACTICE_ALERT_MONTHS_SQL ? 'practice months read' : sql);
    },
    workAheadOnPublish: () => undefined,
  } as unknown as SnapshotService;
  const orgs = { directory: async () => ({ get: () => undefined }) } as unknown as OrgsService;
  return { service: new AlertsService(fakeSnapshot, orgs), steps, cellsLoaded: () => cellsLoaded(), cellsFailed: (e: Error) => cellsFailed(e) };
}

/** Lets every settled promise's callbacks run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('alerts worked out as the server starts', () => {
  it('waits for the whole-population cells, which the first pages need, before reading the practice months', async () => {
    const { service, steps, cellsLoaded } = startingServer(SNAPSHOT);
    service.onApplicationBootstrap();
    await settle();
    expect(steps).toEqual(['whole-population cells asked']);
    cellsLoaded();
    await settle();
    expect(steps).toEqual(['whole-population cells asked', 'practice months read']);
  });

  it('still works out the alerts when the cells fail to load', async () => {
    const { service, steps, cellsFailed } = startingServer(SNAPSHOT);
    service.onApplicationBootstrap();
    cellsFailed(new Error('disk gone'));
    await settle();
    expect(steps).toEqual(['whole-population cells asked', 'practice months read']);
  });

  it('asks for nothing when no snapshot has been built yet', async () => {
    const { service, steps } = startingServer(undefined);
    service.onApplicationBootstrap();
    await settle();
    expect(steps).toEqual([]);
  });
});
