import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { funnelLimit, Z_998 } from '../stats/funnel-limits';
import { wilsonInterval, Z_95 } from '../stats/wilson-interval';
import { CELL_MACROS_SQL } from './snapshot-results.sql';
import { CREATE_STATS_MACROS_SQL } from './stats-macros.sql';

type Row = Record<string, number | null>;

/** Equal to 1e-12, relative for values above 1 (rates per 1,000). */
function expectSame(sql: number | null, ts: number | null | undefined): void {
  if (ts === null || ts === undefined) {
    expect(sql).toBeNull();
    return;
  }
  expect(sql).not.toBeNull();
  expect(Math.abs((sql as number) - ts)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(ts)));
}

describe('CREATE_STATS_MACROS_SQL', () => {
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;

  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
    await connection.run(CREATE_STATS_MACROS_SQL);
    await connection.run(CELL_MACROS_SQL);
  });

  afterAll(() => {
    connection.closeSync();
    instance.closeSync();
  });

  async function rows(sql: string): Promise<Row[]> {
    const reader = await connection.runAndReadAll(sql);
    return reader.getRowObjectsJS() as Row[];
  }

  it('wilson_low/high equal wilsonInterval, NULL where it is null', async () => {
    const result = await rows(`
      SELECT num, den, wilson_low(num, den) AS low, wilson_high(num, den) AS high
      FROM range(-1, 62) a(num), (VALUES (0), (1), (7), (20), (60), (1000), (123457)) d(den)`);
    expect(result).toHaveLength(63 * 7);
    for (const row of result) {
      const ts = wilsonInterval(Number(row.num), Number(row.den));
      expectSame(row.low, ts?.low);
      expectSame(row.high, ts?.high);
    }
    // a spot value worked by hand in wilson-interval.spec.ts: 40/100 → 0.309401 to 0.497997
    const [spot] = await rows('SELECT wilson_low(40, 100) AS low, wilson_high(40, 100) AS high');
    expect(spot.low).toBeCloseTo(0.309401, 6);
    expect(spot.high).toBeCloseTo(0.497997, 6);
    // More events than people (9/5, p = 1.8): z² + 4·9·(1 − 1.8) = 3.841459 − 28.8 < 0, no root, so no interval.
    await expect(rows('SELECT wilson_low(9, 5) AS low, wilson_high(9, 5) AS high')).resolves.toEqual([{ low: null, high: null }]);
    expect(wilsonInterval(9, 5)).toBeNull();
  });

  it('cell_ci_low/high give a rate per 1,000 the Wilson interval scaled by 1,000, none where num > den', async () => {
    // 120 admissions among 800 people: p = 0.15, z² = 3.841458881296; √(z² + 4·120·0.85) = √411.841458881296
    // = 20.2938773742549, × z = 39.7752690739542; (240 + z² ∓ it) / (2·803.841458881296 = 1607.682917762592)
    // = 0.126931864208236 to 0.176413349188258 → 126.931864208236 to 176.413349188258 per 1,000 (rate 150).
    const [cell] = await rows(`SELECT cell_rate('per 1,000', 120, 800) AS rate, cell_ci_low('per 1,000', 120, 800) AS low,
      cell_ci_high('per 1,000', 120, 800) AS high`);
    expect(cell.rate).toBe(150);
    expect(cell.low as number).toBeCloseTo(126.931864208236, 10);
    expect(cell.high as number).toBeCloseTo(176.413349188258, 10);
    // The same counts as a percentage: the same interval × 100.
    const [percent] = await rows(`SELECT cell_ci_low('%', 120, 800) AS low, cell_ci_high('%', 120, 800) AS high`);
    expect(percent.low as number).toBeCloseTo(12.6931864208236, 10);
    expect(percent.high as number).toBeCloseTo(17.6413349188258, 10);
    // 9 admissions among 5 people: the rate, 1,800 per 1,000, but no interval; no people, no rate.
    await expect(rows(`SELECT cell_rate('per 1,000', 9, 5) AS rate, cell_ci_low('per 1,000', 9, 5) AS low, cell_ci_high('per 1,000', 9, 5) AS high
      UNION ALL SELECT cell_rate('per 1,000', 0, 0), cell_ci_low('per 1,000', 0, 0), cell_ci_high('per 1,000', 0, 0)`)).resolves.toEqual([
      { rate: 1800, low: null, high: null },
      { rate: null, low: null, high: null },
    ]);
  });

  it('funnel_low/high equal funnelLimit at both z, with clamping and NULLs', async () => {
    const result = await rows(`
      SELECT p0, n, z, funnel_low(p0, n, z) AS low, funnel_high(p0, n, z) AS high
      FROM (SELECT range / 40 AS p0 FROM range(-1, 42) UNION ALL VALUES (0.0137), (0.9991)) p(p0),
           (VALUES (0), (1), (9), (250), (100000)) n(n),
           (VALUES (z_95()), (z_998())) z(z)`);
    expect(result).toHaveLength(45 * 5 * 2);
    for (const row of result) {
      expectSame(row.low, funnelLimit(Number(row.p0), Number(row.n), Number(row.z))?.low);
      expectSame(row.high, funnelLimit(Number(row.p0), Number(row.n), Number(row.z))?.high);
    }
    const [zs] = await rows('SELECT z_95() AS a, z_998() AS b');
    expect(zs).toEqual({ a: Z_95, b: Z_998 });
  });
});
