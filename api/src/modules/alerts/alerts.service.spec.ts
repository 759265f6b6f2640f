import type { DuckDBDataChunk, DuckDBValue } from '@duckdb/node-api';
import { Logger } from '@nestjs/common';
import { PRACTICE_ALERT_MONTHS_SQL } from '@pcsp/analytics';
import { OrgDirectory } from '../orgs/org-directory';
import type { OrgsService } from '../orgs/orgs.service';
import { SnapshotKeys, type SnapshotDescription, type SnapshotService } from '../snapshot/snapshot.service';
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

/** One row of PRACTICE_ALERT_MONTHS_SQL: measure id, org id, month index, rate, benchmark rate, low_998, high_998, above, below. */
type PracticeMonthRow = [number, number, number, number, number, number, number, boolean, boolean];

/** Rows as SnapshotService.scanChunks hands them over: a chunk whose column vectors give each row's value by index. */
const chunkOf = (rows: PracticeMonthRow[]) =>
  ({ rowCount: rows.length, getColumnVector: (column: number) => ({ getItem: (row: number) => rows[row][column] }) }) as unknown as DuckDBDataChunk;

describe('alerts of a snapshot that a refresh swaps while its practice months are read', () => {
  // Two practices of ICB QAA, the same in both snapshots, which number them (and the measures) differently: the ids read
  // from the old one name other things in the new one.
  const directory = new OrgDirectory([
    { code: 'P00001', name: 'Ash Practice', level: 'practice', parent_code: null, pcn_code: null, sub_icb_code: null, icb_code: 'QAA', region_code: null },
    { code: 'P00002', name: 'Beech Surgery', level: 'practice', parent_code: null, pcn_code: null, sub_icb_code: null, icb_code: 'QAA', region_code: null },
  ]);
  const keysOf = (measure: string, org10: string, org11: string) =>
    new SnapshotKeys([
      { kind: 'measure', name: measure, id: 1, unit: '%' },
      { kind: 'org', name: org10, id: 10, level_id: 5 },
      { kind: 'org', name: org11, id: 11, level_id: 5 },
    ]);
  const OLD = {
    info: { builtAt: '2025-01-10T06:00:00Z', lastMonth: '2024-12', firstMonth: '2023-01', asOf: '2025-01-10', file: 'snapshot-old.duckdb' },
    keys: keysOf('plan_coverage', 'P00001', 'P00002'),
    // 2024-12 (month index 2024 × 12 + 11 = 24299): measure 1 (plan_coverage, higher is better) at org 10 (P00001) 40%,
    // below its low limit 45 (below: an alert); org 11 (P00002) 70%, within 45 to 75.
    chunks: [[[1, 10, 24299, 40, 60, 45, 75, false, true]], [[1, 11, 24299, 70, 60, 45, 75, false, false]]] as PracticeMonthRow[][],
  };
  const NEW = {
    info: { builtAt: '2025-02-10T06:00:00Z', lastMonth: '2025-01', firstMonth: '2023-01', asOf: '2025-02-10', file: 'snapshot-new.duckdb' },
    keys: keysOf('pca_rate', 'P00002', 'P00001'),
    // 2025-01 (2025 × 12 + 0 = 24300): measure 1 (pca_rate, lower is better) at org 10 (P00002) 30%, above its high
    // limit 20 (above: an alert); org 11 (P00001) 12%, within 2 to 20.
    chunks: [[[1, 10, 24300, 30, 10, 2, 20, true, false], [1, 11, 24300, 12, 10, 2, 20, false, false]]] as PracticeMonthRow[][],
  };

  it('works out the new snapshot\'s alerts, not the old one\'s, when the swap comes between two chunks', async () => {
    let serving = OLD;
    const reads: [string, string, Record<string, DuckDBValue>][] = [];
    const fakeSnapshot = {
      describe: async () => serving.info,
      keys: async () => serving.keys,
      scanChunks: async (sql: string, values: Record<string, DuckDBValue>, onChunk: (chunk: DuckDBDataChunk) => void) => {
        reads.push([serving.info.file, sql === PRACTICE_ALERT_MONTHS_SQL ? 'practice months' : sql, values]);
        const read = serving;
        for (const [i, rows] of read.chunks.entries()) {
          onChunk(chunkOf(rows));
          // The refresh publishes after the old snapshot's first chunk.
          if (read === OLD && i === 0) serving = NEW;
        }
      },
    } as unknown as SnapshotService;
    const service = new AlertsService(fakeSnapshot, { directory: async () => directory } as unknown as OrgsService);

    const digest = await service.forRecipient({ role: 'commissioner', areas: ['QAA'] });
    // The new snapshot's alert alone, worked by hand: pca_rate is judged at 2025-01 (its last month, final: no follow-up
    // days); P00002's one month is beyond the limit with none before it (first time), too few months for an XmR chart
    // (1 < 12), so no special cause; the limit is the high one, lower being better. The old one's (P00001's coverage at
    // 2024-12) is gone.
    expect(digest).toEqual({
      month: '2025-01',
      alerts: [
        {
          practice: { code: 'P00002', name: 'Beech Surgery', level: 'practice' },
          icbCode: 'QAA',
          measure: 'pca_rate',
          title: 'Personalised care adjustments',
          unit: '%',
          month: '2025-01',
          rate: 30,
          benchmarkRate: 10,
          limit: 20,
          reasons: ['outside_limit_first_time'],
          spcRules: [],
        },
      ],
    });
    // The old snapshot read from 24 months before its earliest judged month (plan_shared's 2024-11: 2022-12), then the new
    // one from 24 before 2024-12 (2023-01); a second ask reads nothing more (kept for the new file).
    await expect(service.forRecipient({ role: 'commissioner', areas: ['QAA'] })).resolves.toEqual(digest);
    expect(reads).toEqual([
      ['snapshot-old.duckdb', 'practice months', { from: '2022-12-01', to: '2024-12-01' }],
      ['snapshot-new.duckdb', 'practice months', { from: '2023-01-01', to: '2025-01-01' }],
    ]);
  });
});
