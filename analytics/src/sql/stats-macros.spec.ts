import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { byarInterval } from '../stats/byar-interval';
import { funnelLimit, Z_998 } from '../stats/funnel-limits';
import { wilsonInterval, Z_95 } from '../stats/wilson-interval';
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
  });

  it('byar_low/high equal byarInterval across the exact/Byar switch at 10', async () => {
    const result = await rows(`
      SELECT num, den, byar_low(num, den, 1000) AS low, byar_high(num, den, 1000) AS high
      FROM (SELECT range::DOUBLE AS num FROM range(-1, 250) UNION ALL VALUES (2.5), (12345)) a(num),
           (VALUES (0), (1), (37), (800), (5000)) d(den)`);
    expect(result).toHaveLength(253 * 5);
    for (const row of result) {
      const ts = byarInterval(Number(row.num), Number(row.den), 1000);
      expectSame(row.low, ts?.low);
      expectSame(row.high, ts?.high);
    }
    // hand-worked in byar-interval.spec.ts: 120 per 800 → 124.3628 to 179.3646 per 1,000
    const [spot] = await rows('SELECT byar_low(120, 800, 1000) AS low, byar_high(120, 800, 1000) AS high');
    expect(spot.low).toBeCloseTo(124.3628, 3);
    expect(spot.high).toBeCloseTo(179.3646, 3);
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
