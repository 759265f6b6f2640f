import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CREATE_RECORD_TABLES_SQL } from '../sql/record-tables.sql';
import { generatePopulation } from '../synthetic/generate-population';
import { insertRecordRows } from './record-rows';
import { buildSnapshotFromDuckDb, patientSlices } from './snapshot-build';
import { patient, TEST_ORGANISATIONS } from './testing/test-world';

describe('patientSlices', () => {
  it('cuts the ids from the lowest to the highest into even ranges of about the given size', () => {
    // 10 patients, ids 1 to 10, 4 a slice: 3 slices of width 4 (ceil(10 / 3)), the last one short.
    expect(patientSlices([1, 10, 10], 4)).toEqual([[1, 4], [5, 8], [9, 10]]);
    // Sparse ids 101 to 400 (3 patients), 1 a slice: 3 slices of width 100.
    expect(patientSlices([101n, 400n, 3n], 1)).toEqual([[101, 200], [201, 300], [301, 400]]);
    // Fewer patients than a slice: one slice.
    expect(patientSlices([7, 9, 3], 5_000_000)).toEqual([[7, 9]]);
  });

  it('gives no slice without patients, and refuses a size that is not a positive integer', () => {
    expect(patientSlices([null, null, 0], 10)).toEqual([]);
    expect(() => patientSlices([1, 2, 2], 0)).toThrow('patientsPerSlice must be a positive integer, got 0');
    expect(() => patientSlices([1, 2, 2], 1.5)).toThrow('patientsPerSlice must be a positive integer, got 1.5');
  });
});

describe('buildSnapshotFromDuckDb', () => {
  const records = {
    organisations: TEST_ORGANISATIONS,
    patients: [patient(1), patient(2)],
    registrations: [1, 2].map((p) => ({ id: p, patient_id: p, practice_code: 'A00001', registered_on: '2020-01-01' })),
    conditions: [{ id: 1, patient_id: 1, condition: 'DM', diagnosed_on: '2020-01-01' }],
    care_plans: [{ id: 1, plan_id: 'p1', patient_id: 1, practice_code: 'A00001', agreed_on: '2024-01-10' }],
  };
  const options = { from: '2024-01', to: '2024-02', patientsPerSlice: 1 };
  const leftBehindSql = `SELECT table_name FROM duckdb_tables() WHERE temporary
    UNION ALL SELECT view_name FROM duckdb_views() WHERE temporary AND NOT internal`;

  async function withRecords(test: (connection: DuckDBConnection) => Promise<void>): Promise<void> {
    const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
    const connection = await instance.connect();
    try {
      await connection.run(CREATE_RECORD_TABLES_SQL);
      await insertRecordRows(connection, records);
      await test(connection);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  }

  it('leaves no working table or view behind when writing the snapshot fails', async () => {
    await withRecords(async (connection) => {
      // Every slice and practice cell is made; attaching the snapshot file then fails (no such folder).
      await expect(buildSnapshotFromDuckDb(connection, '/nonexistent-folder/snapshot.duckdb', options)).rejects.toThrow();
      expect((await connection.runAndReadAll(leftBehindSql)).getRows()).toEqual([]);
    });
  });

  it('leaves no working table or view behind when a slice fails part way', async () => {
    await withRecords(async (connection) => {
      // The second slice fails where its plan-level events are added, with the first slice's tables all made.
      let pending = 2;
      const failing = new Proxy(connection, {
        get(target, property, receiver) {
          if (property !== 'run') return Reflect.get(target, property, receiver) as unknown;
          return async (sql: string) => {
            if (sql.includes('INSERT INTO pp_deltas') && --pending === 0) throw new Error('injected failure');
            return target.run(sql);
          };
        },
      });
      await expect(buildSnapshotFromDuckDb(failing, join(tmpdir(), 'never-written.duckdb'), options)).rejects.toThrow('injected failure');
      expect((await connection.runAndReadAll(leftBehindSql)).getRows()).toEqual([]);
    });
  });

  it('writes the cells in order of measure, level, breakdown, organisation and month, which the reads rely on', async () => {
    // The reads find one organisation's cells by the zone maps of this order. The patient-state measures' cells are
    // read from a table sorted once, in its order: on two threads, a step that does not keep order (a join, say) would
    // shuffle the blocks of a few hundred thousand cells, which one thread on a hand-built world would not show.
    const dir = mkdtempSync(join(tmpdir(), 'pcsp-order-'));
    const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
    const connection = await instance.connect();
    try {
      await generatePopulation(connection, { practices: 40, patients: 40_000, from: '2021-11', to: '2024-10', seed: 7 });
      const file = join(dir, 'snapshot.duckdb');
      await buildSnapshotFromDuckDb(connection, file, { asOf: new Date('2024-11-15') });
      await connection.run(`ATTACH '${file}' AS built (READ_ONLY)`);
      const key = '[measure_id::BIGINT, level_id::BIGINT, breakdown_id::BIGINT, org_id::BIGINT, epoch(month)::BIGINT]';
      const [cells, outOfOrder] = (
        await connection.runAndReadAll(`SELECT count(*), count(*) FILTER (WHERE k < previous) FROM (
          SELECT ${key} AS k, lag(${key}) OVER (ORDER BY rowid) AS previous FROM built.cell_counts)`)
      ).getRows()[0].map(Number);
      expect(cells).toBeGreaterThan(500_000);
      expect(outOfOrder).toBe(0);
    } finally {
      connection.closeSync();
      instance.closeSync();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
