import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { wholePopulationSliceSql } from '../engine/testing/patient-slice';
import { MAX_PRACTICE_SPANS, createMonthsSql, patientStateCellsSql } from './patient-state.sql';
import { CREATE_RECORD_TABLES_SQL } from './record-tables.sql';

// The state deltas are summed as DOUBLEs, exact only while no practice has MAX_PRACTICE_SPANS registration spans
// (2^20) or more over all slices; the finish refuses before any sum is read. A practice's spans are counted per slice,
// so the totals here are made by adding rows to `practice_spans` as further slices would.

const range = { firstMonthIndex: 2024 * 12, lastMonthIndex: 2024 * 12 + 11 };

async function sliceOfTwoPractices(connection: DuckDBConnection) {
  await connection.run(CREATE_RECORD_TABLES_SQL);
  await connection.run(`
INSERT INTO organisations VALUES ('Y01', 'Region', 'region', NULL), ('A00001', 'One', 'practice', 'Y01'), ('A00002', 'Two', 'practice', 'Y01');
INSERT INTO patients (id, birth_date, sex, ethnic_group) VALUES (1, DATE '1950-01-01', 'F', 'white'), (2, DATE '1950-01-01', 'M', 'white');
-- Patient 1 leaves A00001 and comes back: two spans there; patient 2 has one at A00002.
INSERT INTO registrations VALUES (1, 1, 'A00001', DATE '2020-01-01', DATE '2024-03-01'), (2, 1, 'A00001', DATE '2024-06-01', NULL),
  (3, 2, 'A00002', DATE '2020-01-01', NULL);
INSERT INTO conditions (patient_id, condition, diagnosed_on) VALUES (1, 'DM', DATE '2019-01-01');`);
  for (const sql of wholePopulationSliceSql(range)) await connection.run(sql);
  await connection.run(createMonthsSql(range));
  const cells = patientStateCellsSql(range, ['ltc_prevalence'], { ltc_prevalence: [] });
  await connection.run(cells.create);
  await connection.run(cells.addSlice);
  return cells;
}

describe('the practice spans check before the state deltas are summed', () => {
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;
  beforeEach(async () => {
    instance = await DuckDBInstance.create(':memory:', { threads: '1' });
    connection = await instance.connect();
  });
  afterEach(() => {
    connection.closeSync();
    instance.closeSync();
  });

  it('counts each slice’s spans by practice', async () => {
    await sliceOfTwoPractices(connection);
    const rows = await connection.runAndReadAll(
      'SELECT x.practice_code, s.spans::INTEGER FROM practice_spans s JOIN practice_index x USING (practice_idx) ORDER BY 1',
    );
    expect(rows.getRowsJson()).toEqual([['A00001', 2], ['A00002', 1]]);
  });

  it('lets a practice with one span fewer than the limit through', async () => {
    const cells = await sliceOfTwoPractices(connection);
    await connection.run(`INSERT INTO practice_spans SELECT practice_idx, ${MAX_PRACTICE_SPANS - 3} FROM practice_index WHERE practice_code = 'A00001'`);
    await expect(connection.run(cells.finish[0])).resolves.toBeDefined();
  });

  it('refuses a practice at the limit over all slices, naming it', async () => {
    const cells = await sliceOfTwoPractices(connection);
    // Two more slices' worth: 2 + (2^20 − 4) + 2 = 2^20 spans at A00001.
    await connection.run(`INSERT INTO practice_spans SELECT practice_idx, unnest([${MAX_PRACTICE_SPANS - 4}, 2]) FROM practice_index WHERE practice_code = 'A00001'`);
    await expect(connection.run(cells.finish[0])).rejects.toThrow(
      'practice A00001 has 1048576 registration spans: counts are summed exactly only for fewer than 1048576 per practice',
    );
  });
});
