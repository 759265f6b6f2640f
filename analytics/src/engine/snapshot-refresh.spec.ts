import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CREATE_RECORD_TABLES_SQL } from '../sql/record-tables.sql';
import type { RecordRow } from '../sql/record-rows.sql';
import { insertRecordRows } from './record-rows';
import { buildSnapshotFromDuckDb } from './snapshot-build';
import { refreshSnapshotFromDuckDb } from './snapshot-refresh';
import { publishSnapshot, readSnapshotPointer, type SnapshotPointer } from './snapshot-store';
import { patient, TEST_ORGANISATIONS } from './testing/test-world';

// A refresh that fails says in plain words what failed, where and what to do; DuckDB's own text
// goes to `detail` (for the log) and the snapshot built before keeps serving.

const AS_OF = new Date('2024-03-05T12:00:00Z');

const RECORDS: Record<string, readonly RecordRow[]> = {
  organisations: TEST_ORGANISATIONS,
  patients: [patient(1), patient(2)],
  registrations: [
    { id: 1, patient_id: 1, practice_code: 'A00001', registered_on: '2024-01-10' },
    { id: 2, patient_id: 2, practice_code: 'A00001', registered_on: '2024-01-10' },
  ],
  care_plans: [{ id: 1, plan_id: 'x', patient_id: 1, practice_code: 'A00001', agreed_on: '2024-01-20' }],
};

describe('a refresh that fails', () => {
  let dir: string;
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;
  let first: SnapshotPointer;
  let serving: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pcsp-refresh-failure-'));
    instance = await DuckDBInstance.create(':memory:', { threads: '1' });
    connection = await instance.connect();
    await connection.run(CREATE_RECORD_TABLES_SQL);
    await insertRecordRows(connection, RECORDS);
    first = await refreshSnapshotFromDuckDb({ connection, snapshotDir: dir, asOf: AS_OF });
    serving = `the snapshot built at ${first.builtAt} keeps serving`;
  }, 60_000);
  afterAll(() => {
    connection.closeSync();
    instance.closeSync();
    rmSync(dir, { recursive: true, force: true });
  });

  const keepsServingTheFirst = () => {
    expect(readSnapshotPointer(dir)).toEqual(first);
    expect(readdirSync(dir).sort()).toEqual(['current.json', first.file]);
  };

  it('stopped by a check of the records names the check and what to look at, not DuckDB', async () => {
    // 3 practices and 16,381 more: 16,384, one more than the 16,383 the practice keys' 14 bits hold.
    await connection.run(`INSERT INTO organisations SELECT 'Z' || lpad(i::VARCHAR, 5, '0'), 'Extra', 'practice', 'U00001' FROM range(16381) t(i)`);
    try {
      await expect(refreshSnapshotFromDuckDb({ connection, snapshotDir: dir, asOf: AS_OF })).rejects.toMatchObject({
        message:
          `snapshot refresh failed (${serving}): computing the measures stopped at a check of the records: the records name more than ` +
          '16383 practices, more than the analytics engine can count (England has about 6,300); check the practice codes of the ' +
          'organisations and registrations imported, then refresh again',
        detail: expect.stringContaining('Invalid Input Error: more than 16383 practices: practice keys are packed in 14 bits'),
      });
    } finally {
      await connection.run(`DELETE FROM organisations WHERE code LIKE 'Z%'`);
    }
    keepsServingTheFirst();
  }, 60_000);

  it('out of memory says so and what to try, not DuckDB\'s tuning advice', async () => {
    // 4MB holds the records but not the build's first 2 MiB allocation (tried: 16MB builds, 1MB cannot hold the records).
    const spill = mkdtempSync(join(tmpdir(), 'pcsp-refresh-spill-'));
    const small = await DuckDBInstance.create(':memory:', { threads: '1', memory_limit: '4MB', temp_directory: spill });
    const tight = await small.connect();
    try {
      await tight.run(CREATE_RECORD_TABLES_SQL);
      await insertRecordRows(tight, RECORDS);
      await expect(refreshSnapshotFromDuckDb({ connection: tight, snapshotDir: dir, asOf: AS_OF })).rejects.toMatchObject({
        message:
          `snapshot refresh failed (${serving}): computing the measures failed: the analytics engine (DuckDB) ran out of memory; ` +
          'refresh again when this machine is less busy, and if it fails again the machine needs more memory for these records',
        detail: expect.stringContaining('Out of Memory Error: '),
      });
    } finally {
      tight.closeSync();
      small.closeSync();
      rmSync(spill, { recursive: true, force: true });
    }
    keepsServingTheFirst();
  }, 60_000);

  it('in a folder it may not write names the folder', async () => {
    // sysfs refuses a new file even to root (EACCES), as an unprivileged user's folder owned by another would.
    await expect(refreshSnapshotFromDuckDb({ connection, snapshotDir: '/sys/kernel', asOf: AS_OF })).rejects.toMatchObject({
      message:
        'snapshot refresh failed (no snapshot is serving yet): preparing the snapshot folder failed: PCSP Insights may not write to ' +
        '/sys/kernel (permission denied); let the user it runs as write there, then refresh again',
      detail: expect.stringContaining("EACCES: permission denied, open '/sys/kernel/refresh.lock'"),
    });
    keepsServingTheFirst();
  });

  it('writing a snapshot onto a full disk names the snapshot folder', async () => {
    // /dev/full takes no byte: DuckDB's write of the new file fails as on a full disk.
    await expect(publishSnapshot(dir, () => buildSnapshotFromDuckDb(connection, '/dev/full', { asOf: AS_OF }))).rejects.toMatchObject({
      message: `snapshot refresh failed (${serving}): computing the measures failed: the disk holding ${dir} is full; free space there, then refresh again`,
      detail: expect.stringContaining('No space left on device'),
    });
    keepsServingTheFirst();
  }, 60_000);

  it('swapping in the new snapshot on a full disk removes the new file and leaves the pointer as it was', async () => {
    // The pointer is written to current.json.<pid>.tmp and renamed; made a link to /dev/full, that write fails (ENOSPC).
    const temporary = join(dir, `current.json.${process.pid}.tmp`);
    symlinkSync('/dev/full', temporary);
    try {
      await expect(refreshSnapshotFromDuckDb({ connection, snapshotDir: dir, asOf: AS_OF })).rejects.toMatchObject({
        message: `snapshot refresh failed (${serving}): swapping in the new snapshot failed: the disk holding ${dir} is full; free space there, then refresh again`,
        detail: expect.stringContaining('ENOSPC: no space left on device'),
      });
      expect(existsSync(temporary)).toBe(false);
    } finally {
      rmSync(temporary, { force: true });
    }
    keepsServingTheFirst();
  }, 60_000);
});
