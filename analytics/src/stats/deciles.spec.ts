import { DuckDBInstance } from '@duckdb/node-api';
import { deciles, quantileCont } from './deciles';

describe('deciles', () => {
  it('interpolates between order statistics at h = (n−1)p', () => {
    // Rates 0.2, 0.5, 0.4, 0.1, 0.3 sorted: 0.1 0.2 0.3 0.4 0.5, n = 5, h = 4p:
    // p = 0.1 → h 0.4 → 0.1 + 0.4·0.1 = 0.14; 0.2 → 0.8 → 0.18; 0.3 → 1.2 → 0.22; 0.4 → 1.6 → 0.26;
    // 0.5 → 2 → 0.3; 0.6 → 2.4 → 0.34; 0.7 → 2.8 → 0.38; 0.8 → 3.2 → 0.42; 0.9 → 3.6 → 0.46.
    // The practice with denominator 0 is left out.
    const result = deciles([
      { numerator: 2, denominator: 10 },
      { numerator: 5, denominator: 10 },
      { numerator: 4, denominator: 10 },
      { numerator: 1, denominator: 10 },
      { numerator: 3, denominator: 10 },
      { numerator: 0, denominator: 0 },
    ]);
    const expected = [0.14, 0.18, 0.22, 0.26, 0.3, 0.34, 0.38, 0.42, 0.46];
    expect(result).toHaveLength(9);
    expected.forEach((value, i) => expect(result?.[i]).toBeCloseTo(value, 12));
  });

  it('handles one practice and none', () => {
    expect(deciles([{ numerator: 1, denominator: 4 }])).toEqual(Array(9).fill(0.25));
    expect(deciles([{ numerator: 0, denominator: 0 }])).toBeNull();
    expect(quantileCont([], 0.5)).toBeNull();
  });

  it('equals DuckDB quantile_cont on uneven data', async () => {
    // Two practices: 1/3 and 3/4. h = p, so decile p = 1/3 + p·(3/4 − 1/3) = 1/3 + p·5/12;
    // 0.1 → 0.375, 0.5 → 0.541667, 0.9 → 0.708333.
    const two = deciles([
      { numerator: 3, denominator: 4 },
      { numerator: 1, denominator: 3 },
    ]);
    expect(two?.[0]).toBeCloseTo(0.375, 12);
    expect(two?.[4]).toBeCloseTo(0.5416666666666666, 12);
    expect(two?.[8]).toBeCloseTo(0.7083333333333333, 12);

    const practices = Array.from({ length: 37 }, (_, i) => ({ numerator: (i * 7919) % 53, denominator: 53 + (i % 5) }));
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const values = practices.map((p) => `(${p.numerator}, ${p.denominator})`).join(', ');
    const reader = await connection.runAndReadAll(
      `SELECT quantile_cont(n::DOUBLE / d, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]) AS q FROM (VALUES ${values}) t(n, d)`,
    );
    const fromDuckDb = reader.getRowObjectsJS()[0].q as number[];
    connection.closeSync();
    instance.closeSync();
    const ours = deciles(practices);
    fromDuckDb.forEach((value, i) => expect(ours?.[i]).toBeCloseTo(value, 12));
  });
});
