import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { copyRecordsFromPostgres } from '../../../analytics/src/engine/postgres-copy';
import { SnapshotReader } from '../../../analytics/src/engine/snapshot-reader';
import { refreshSnapshot } from '../../../analytics/src/engine/snapshot-refresh';
import { CURRENT_POINTER } from '../../../analytics/src/engine/snapshot-store';
import { CREATE_RECORD_TABLES_SQL, ENGINE_RECORD_COLUMNS, RECORD_TABLE_NAMES } from '../../../analytics/src/sql/record-tables.sql';
import { CELL_SERIES_SQL } from '../../../analytics/src/sql/snapshot-queries.sql';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

// The snapshot copy against the real schema (every migration applied) in a real PostgreSQL: every
// table and column arrives with its type, NULLs stay NULL and an empty string stays a string,
// booleans and numerics survive. Ids are given, so the inserts override the identity columns.

const RECORDS_SQL = `
INSERT INTO organisations VALUES ('Y01', 'North, "East"', 'region', NULL), ('A00001', 'Practice', 'practice', 'Y01');
INSERT INTO patients OVERRIDING SYSTEM VALUE VALUES (1, '', '2004-02-29', 'F', 'white', NULL, '2024-05-31'), (9007199254740993, 'big', '1950-01-01', 'M', 'asian', 5, NULL);
INSERT INTO registrations OVERRIDING SYSTEM VALUE VALUES (1, 1, 'A00001', '2020-01-31', NULL);
INSERT INTO conditions OVERRIDING SYSTEM VALUE VALUES (1, 1, 'DM', '73211009', '2021-02-28', NULL), (2, 1, 'HYP', NULL, '2021-02-28', '2022-01-01');
INSERT INTO care_plans OVERRIDING SYSTEM VALUE VALUES (1, 'plan,1', 1, 'A00001', '2024-01-15', NULL, '2024-01-01', NULL, true), (2, 'plan2', 1, 'A00001', '2024-03-15', '2025-01-01', NULL, '2024-03-20', NULL);
INSERT INTO care_plan_reviews OVERRIDING SYSTEM VALUE VALUES (1, 1, '2024-06-01');
INSERT INTO care_plan_adjustments OVERRIDING SYSTEM VALUE VALUES (1, 1, '2023-12-31', 'no_response');
INSERT INTO observations OVERRIDING SYSTEM VALUE VALUES (1, 1, 'HBA1C', 58.5, '2024-02-01'), (2, 1, 'PAM_LEVEL', 3, '2024-02-02');
INSERT INTO admissions OVERRIDING SYSTEM VALUE VALUES (1, 1, '2024-04-01', false);
INSERT INTO training OVERRIDING SYSTEM VALUE VALUES (1, 'A00001', '2023-06-30', 'Year of Care', 2);
`;

describe('copyRecordsFromPostgres', () => {
  let dir: string;
  let database: TestDatabase | undefined;
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pcsp-pg-copy-'));
    database = await createTestDatabase('pcsp_copy');
    url = database.url;
    await database.dataSource.query(RECORDS_SQL);
  }, 60_000);

  afterAll(async () => {
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('copies every record table with its values and types', async () => {
    const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
    const connection = await instance.connect();
    try {
      await connection.run(CREATE_RECORD_TABLES_SQL);
      const logs: string[] = [];
      const report = await copyRecordsFromPostgres(url, connection, { tmpDir: dir, log: (message) => logs.push(message) });
      // Nothing here needs escaping in Postgres's text format (a quote or a comma does not): no table went again as CSV.
      expect(logs.filter((line) => line.includes('again as CSV'))).toEqual([]);
      expect(report.rows).toEqual({
        organisations: 2, patients: 2, registrations: 1, conditions: 2, care_plans: 2, care_plan_reviews: 1,
        care_plan_adjustments: 1, observations: 2, admissions: 1, training: 1,
      });
      expect(report.totalRows).toBe(15);
      const read = async (sql: string) => (await connection.runAndReadAll(sql)).getRowsJson();
      await expect(read('SELECT code, name, level, parent_code FROM organisations ORDER BY code')).resolves.toEqual([
        ['A00001', 'Practice', 'practice', 'Y01'],
        ['Y01', 'North, "East"', 'region', null],
      ]);
      // NULL stays NULL; the pseudonym, which the engine never reads, is not copied.
      await expect(read('SELECT id, pseudonym, birth_date, sex, ethnic_group, imd_quintile, died_on FROM patients ORDER BY id')).resolves.toEqual([
        ['1', null, '2004-02-29', 'F', 'white', null, '2024-05-31'],
        ['9007199254740993', null, '1950-01-01', 'M', 'asian', 5, null],
      ]);
      await expect(read('SELECT id, patient_id, practice_code, registered_on, deregistered_on FROM registrations')).resolves.toEqual([
        ['1', '1', 'A00001', '2020-01-31', null],
      ]);
      // Nor are the SNOMED codes, plan ids, PCA reasons and the ids nothing joins on.
      await expect(read('SELECT id, patient_id, condition, snomed_code, diagnosed_on, resolved_on FROM conditions ORDER BY condition')).resolves.toEqual([
        [null, '1', 'DM', null, '2021-02-28', null],
        [null, '1', 'HYP', null, '2021-02-28', '2022-01-01'],
      ]);
      await expect(
        read('SELECT id, plan_id, patient_id, practice_code, agreed_on, review_due_on, prepared_on, shared_on, carer_involved FROM care_plans ORDER BY id'),
      ).resolves.toEqual([
        ['1', null, '1', 'A00001', '2024-01-15', null, '2024-01-01', null, true],
        ['2', null, '1', 'A00001', '2024-03-15', '2025-01-01', null, '2024-03-20', null],
      ]);
      await expect(read('SELECT id, care_plan_id, reviewed_on FROM care_plan_reviews')).resolves.toEqual([[null, '1', '2024-06-01']]);
      await expect(read('SELECT id, patient_id, recorded_on, reason FROM care_plan_adjustments')).resolves.toEqual([[null, '1', '2023-12-31', null]]);
      await expect(read('SELECT id, patient_id, code, value, observed_on FROM observations ORDER BY id')).resolves.toEqual([
        ['1', '1', 'HBA1C', 58.5, '2024-02-01'],
        ['2', '1', 'PAM_LEVEL', 3, '2024-02-02'],
      ]);
      await expect(read('SELECT id, patient_id, admitted_on, emergency FROM admissions')).resolves.toEqual([[null, '1', '2024-04-01', false]]);
      await expect(read('SELECT id, practice_code, trained_on, programme, staff_trained FROM training')).resolves.toEqual([
        [null, 'A00001', '2023-06-30', 'Year of Care', 2],
      ]);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it('finds the same DATE columns among the copied ones in both schemas: they travel as day numbers', async () => {
    // The copy sends the columns DuckDB types DATE as day numbers. A Postgres date column typed otherwise in DuckDB would
    // travel as text in whatever DateStyle the server has (the copy no longer sets one); a DuckDB DATE column that is
    // not a date in Postgres would fail there, which cannot subtract a date from it.
    const copied = RECORD_TABLE_NAMES.flatMap((table) => ENGINE_RECORD_COLUMNS[table].map((column) => `${table}.${column}`));
    const client = new Client({ connectionString: url });
    await client.connect();
    const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
    const connection = await instance.connect();
    try {
      const { rows } = await client.query<{ name: string }>(
        "SELECT table_name || '.' || column_name AS name FROM information_schema.columns WHERE table_schema = 'public' AND data_type = 'date'",
      );
      const inPostgres = rows.map((r) => r.name).filter((name) => copied.includes(name)).sort();
      await connection.run(CREATE_RECORD_TABLES_SQL);
      const inDuckDb = (await connection.runAndReadAll("SELECT table_name || '.' || column_name FROM duckdb_columns() WHERE data_type = 'DATE'"))
        .getRows()
        .map((row) => String(row[0]))
        .filter((name) => copied.includes(name))
        .sort();
      expect(inPostgres).toHaveLength(15);
      expect(inDuckDb).toEqual(inPostgres);
    } finally {
      await client.end();
      connection.closeSync();
      instance.closeSync();
    }
  });

  it('copies exactly the strings Postgres escapes in its text format, by copying their table again as CSV', async () => {
    // Each of these becomes a backslash sequence in the text format; '' and a literal \N must not become NULL.
    const names = ['back\\slash', 'tab\there', 'line\nbreak', 'carriage\rreturn', '\\N', '', 'say "hi", then go'];
    const client = new Client({ connectionString: url });
    await client.connect();
    const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
    const connection = await instance.connect();
    try {
      await client.query(`INSERT INTO organisations (code, name, level, parent_code) SELECT 'B' || i, name, 'practice', 'Y01'
        FROM unnest($1::text[]) WITH ORDINALITY AS t(name, i)`, [names]);
      await connection.run(CREATE_RECORD_TABLES_SQL);
      const logs: string[] = [];
      await copyRecordsFromPostgres(url, connection, { tmpDir: dir, log: (message) => logs.push(message) });
      expect(logs.filter((line) => line.includes('again as CSV'))).toEqual([
        'organisations: a string holds a backslash, tab or line break, which the text format escapes; copying it again as CSV',
      ]);
      const rows = (await connection.runAndReadAll("SELECT code, name FROM organisations WHERE code LIKE 'B%' ORDER BY code")).getRowsJson();
      expect(rows).toEqual(names.map((name, i) => [`B${i + 1}`, name]));
      expect((await connection.runAndReadAll('SELECT count(*)::INTEGER FROM organisations')).getRowsJson()).toEqual([[2 + names.length]]);
    } finally {
      await client.query("DELETE FROM organisations WHERE code LIKE 'B%'");
      await client.end();
      connection.closeSync();
      instance.closeSync();
    }
  });

  it('refreshes a snapshot from Postgres and leaves no scratch files', async () => {
    const snapshotDir = join(dir, 'snapshots');
    const { pointer, copy } = await refreshSnapshot({ pgUrl: url, snapshotDir, asOf: new Date('2024-03-10') });
    expect(copy.totalRows).toBe(15);
    // Months from the first activity (the PCA of 2023-12-31) to 2024-02.
    expect(pointer).toMatchObject({ firstMonth: '2023-12', lastMonth: '2024-02' });
    expect(readdirSync(snapshotDir).sort()).toEqual([CURRENT_POINTER, pointer.file].sort());
    const reader = new SnapshotReader(snapshotDir);
    try {
      // Patient 1 at A00001 since 2020-01-31, on the DM register (HYP resolved 2022), plan agreed 2024-01-15:
      // 2023-12 no plan, PCA (2023-12-31) → excepted: 0 of 0, no cell | 2024-01, 2024-02: 1 of 1.
      const rows = await reader.query(CELL_SERIES_SQL, { measure: 'plan_coverage', level: 'practice', org: 'A00001', breakdown: '' });
      expect(rows.map((r) => [r.month, r.numerator, r.denominator])).toEqual([
        ['2024-01', 1, 1],
        ['2024-02', 1, 1],
      ]);
    } finally {
      reader.close();
    }
  });

  it('names the table when Postgres lacks one', async () => {
    const client = new Client({ connectionString: url });
    await client.connect();
    await client.query('ALTER TABLE training RENAME TO training_old');
    await client.end();
    const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
    const connection = await instance.connect();
    try {
      await connection.run(CREATE_RECORD_TABLES_SQL);
      await expect(copyRecordsFromPostgres(url, connection, { tmpDir: dir })).rejects.toThrow(
        /copying training out of Postgres failed: relation "training" does not exist/,
      );
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});
