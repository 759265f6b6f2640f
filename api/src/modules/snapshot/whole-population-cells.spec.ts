import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { WHOLE_POPULATION_CELLS_SQL, WHOLE_POPULATION_CELL_COUNT_SQL } from '@pcsp/analytics';
import { WholePopulationCells } from './whole-population-cells';

const month = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;

describe('WholePopulationCells', () => {
  let connection: DuckDBConnection;
  let cells: WholePopulationCells;

  beforeAll(async () => {
    const instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
    // Breakdown 1 is the whole population, 2 a breakdown (left out). Organisation 7 has a gap (no 2024-02);
    // measure 2 is a count (no denominator). Rows are inserted out of order: the query orders them.
    await connection.run(`CREATE TABLE cell_counts (measure_id UTINYINT, month DATE, level_id UTINYINT, org_id INTEGER, breakdown_id USMALLINT, numerator BIGINT, denominator BIGINT)`);
    await connection.run(`INSERT INTO cell_counts VALUES
      (1, '2024-03-01', 0, 7, 1, 30, 100), (1, '2024-01-01', 0, 7, 1, 10, 100),
      (1, '2024-01-01', 0, 7, 2, 4, 50),
      (1, '2024-01-01', 5, 9000, 1, 5000, 20000), (1, '2024-02-01', 5, 9000, 1, 5100, 20000),
      (2, '2024-01-01', 0, 7, 1, 3, NULL), (2, '2024-02-01', 0, 7, 1, 0, NULL),
      (1, '2024-02-01', 0, 8, 1, 0, 0)`);
    const count = Number((await connection.runAndReadAll(WHOLE_POPULATION_CELL_COUNT_SQL.replace('$whole', '1'))).getRows()[0][0]);
    cells = await WholePopulationCells.load(count, async (onChunk) => {
      const result = await connection.stream(WHOLE_POPULATION_CELLS_SQL.replace('$whole', '1'));
      for (let chunk = await result.fetchChunk(); chunk !== null && chunk.rowCount > 0; chunk = await result.fetchChunk()) onChunk(chunk);
    });
  });

  it('holds the whole population cells only', () => {
    expect(cells.size).toBe(7);
  });

  it('looks a month up, across a gap in the months and for a count measure', () => {
    expect(cells.at(1, 7, month('2024-01'))).toEqual({ numerator: 10, denominator: 100 });
    expect(cells.at(1, 7, month('2024-03'))).toEqual({ numerator: 30, denominator: 100 });
    expect(cells.at(1, 7, month('2024-02'))).toBeUndefined();
    expect(cells.at(1, 7, month('2023-12'))).toBeUndefined();
    expect(cells.at(2, 7, month('2024-02'))).toEqual({ numerator: 0, denominator: null });
    expect(cells.at(1, 8, month('2024-02'))).toEqual({ numerator: 0, denominator: 0 });
    expect(cells.at(2, 9000, month('2024-01'))).toBeUndefined();
    expect(cells.at(3, 7, month('2024-01'))).toBeUndefined();
  });

  it('gives a line between two months, in order', () => {
    expect(cells.line(1, 7, month('2024-01'), month('2024-12'))).toEqual([
      { month: month('2024-01'), numerator: 10, denominator: 100 },
      { month: month('2024-03'), numerator: 30, denominator: 100 },
    ]);
    expect(cells.line(1, 9000, month('2024-02'), month('2024-02'))).toEqual([{ month: month('2024-02'), numerator: 5100, denominator: 20000 }]);
    expect(cells.line(1, 9000, month('2025-01'), month('2025-12'))).toEqual([]);
    expect(cells.line(1, 1, month('2024-01'), month('2024-12'))).toEqual([]);
  });

  it('refuses more rows than counted, and rows out of order', async () => {
    const rows = async (sql: string) => {
      const result = await connection.stream(sql);
      return async (onChunk: Parameters<Parameters<typeof WholePopulationCells.load>[1]>[0]) => {
        for (let chunk = await result.fetchChunk(); chunk !== null && chunk.rowCount > 0; chunk = await result.fetchChunk()) onChunk(chunk);
      };
    };
    await expect(WholePopulationCells.load(2, await rows(WHOLE_POPULATION_CELLS_SQL.replace('$whole', '1')))).rejects.toThrow('more whole-population cells than the 2 it counted');
    const unordered = `SELECT measure_id::INTEGER, org_id, (year(month) * 12 + month(month) - 1)::INTEGER, numerator::DOUBLE, denominator::DOUBLE
      FROM cell_counts WHERE breakdown_id = 1 ORDER BY month, org_id`;
    await expect(WholePopulationCells.load(7, await rows(unordered))).rejects.toThrow('ordered by measure and organisation');
  });
});
