import type { DataSource } from 'typeorm';
import { importExtract } from '../../../api/src/modules/imports/extract-import';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { GOOD_EXTRACT, TEST_KEY, TODAY, extractFolder, issuesOf, readGood, rowCounts, tableContents, withoutXmin } from './import-test-support';
import { removeTempDirs } from '../../support/cli';

/** Constraints and indexes of the record tables, as the migrations made them. */
const schemaOf = (dataSource: DataSource): Promise<unknown[]> =>
  dataSource.query(`
    SELECT conrelid::regclass::text AS on_table, conname AS name, pg_get_constraintdef(oid) AS definition
    FROM pg_constraint WHERE connamespace = 'public'::regnamespace
    UNION ALL
    SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'
    ORDER BY 1, 2, 3`);

describe('bulk merges (a first load into empty tables, large files into stored ones)', () => {
  jest.setTimeout(120_000);
  let row: TestDatabase;
  let bulk: TestDatabase;
  beforeAll(async () => {
    [row, bulk] = await Promise.all([createTestDatabase('pcsp_import_row'), createTestDatabase('pcsp_import_bulk')]);
  });
  afterAll(async () => {
    await Promise.all([row?.drop(), bulk?.drop()]);
  });

  it('stores exactly what the row-by-row merge stores, keeps every constraint and index, and stays idempotent', async () => {
    const schema = await schemaOf(bulk.dataSource);
    const options = { pseudonymKey: TEST_KEY, today: TODAY };
    // Both staged (no direct loads, see direct-load.spec.ts): row by row, and in bulk.
    expect((await importExtract(row.dataSource, [GOOD_EXTRACT], { ...options, directLoads: false })).status).toBe('succeeded');
    // Every file of 1 row or more merges in bulk: empty tables take the initial load.
    const first = await importExtract(bulk.dataSource, [GOOD_EXTRACT], { ...options, bulkMergeRows: 1, directLoads: false });
    expect(first.status).toBe('succeeded');
    expect(withoutXmin(await tableContents(bulk.dataSource))).toEqual(withoutXmin(await tableContents(row.dataSource)));
    expect(await schemaOf(bulk.dataSource)).toEqual(schema);

    // Stored tables: foreign keys dropped and added back around the upsert; nothing changes.
    const before = await tableContents(bulk.dataSource);
    const second = await importExtract(bulk.dataSource, [GOOD_EXTRACT], { ...options, bulkMergeRows: 1 });
    expect(second.files.every((f) => f.status === 'applied' && f.inserted === 0 && f.updated === 0)).toBe(true);
    expect(await tableContents(bulk.dataSource)).toEqual(before);
    expect(await schemaOf(bulk.dataSource)).toEqual(schema);
  });

  it('still rejects, in bulk, a file whose rows name unknown patients, leaving the keys in place', async () => {
    const schema = await schemaOf(bulk.dataSource);
    const before = await tableContents(bulk.dataSource);
    const folder = extractFolder({ 'admissions.csv': `${readGood('admissions.csv')}9991234535,2024-01-01,true\n` });
    const job = await importExtract(bulk.dataSource, [folder], { pseudonymKey: TEST_KEY, today: TODAY, bulkMergeRows: 1 });
    expect(job.files).toEqual([expect.objectContaining({ file: 'admissions.csv', status: 'rejected', errors: 1 })]);
    expect(await tableContents(bulk.dataSource)).toEqual(before);
    expect(await schemaOf(bulk.dataSource)).toEqual(schema);
  });

  it('undoes a first load that meets a broken reference or a duplicate key, and names each error', async () => {
    const fresh = await createTestDatabase('pcsp_import_bulk_errors');
    try {
      const schema = await schemaOf(fresh.dataSource);
      const folder = extractFolder({
        'practices.csv': readGood('practices.csv'),
        'patients.csv': `${readGood('patients.csv')}9991234500,1962-03,M,asian,1,\n`,
        'conditions.csv': 'nhs_number,condition,snomed_code,diagnosed_on,resolved_on\n9434765919,DM,,2012-04-01,\n',
        'training.csv': `${readGood('training.csv')}U12345,2023-02-01,PCSP,2\n`,
      });
      const job = await importExtract(fresh.dataSource, [folder], { pseudonymKey: TEST_KEY, today: TODAY, bulkMergeRows: 1 });
      expect(job.files.map((f) => [f.file, f.status, f.errors])).toEqual([
        ['practices.csv', 'applied', 0],
        ['patients.csv', 'rejected', 1],
        ['conditions.csv', 'rejected', 1],
        ['training.csv', 'rejected', 1],
      ]);
      // patients.csv went straight into the empty table first, then (the duplicate) was read again into
      // staging: its rows and bytes are counted once. The good file's 4 patients (header, 4 rows) plus the duplicate.
      expect(job.files[1].rowsRead).toBe(5);
      expect([job.rowsRead, job.bytesRead]).toEqual([job.files.reduce((sum, f) => sum + f.rowsRead, 0), job.bytesTotal]);
      expect((await issuesOf(fresh.dataSource, job.id)).map((i) => [i.file, i.line, i.column, i.value, i.rule])).toEqual([
        ['patients.csv', 6, 'nhs_number', '999*******', 'duplicate nhs_number: the same as line 3'],
        ['conditions.csv', 2, 'nhs_number', '943*******', 'unknown patient: not in patients.csv of this import or an earlier one (patients.csv of this import was rejected)'],
        ['training.csv', 4, 'practice_code', 'U12345', 'unknown practice: not in practices.csv of this import or an earlier one'],
      ]);
      const counts = await rowCounts(fresh.dataSource);
      expect([counts.organisations, counts.patients, counts.conditions, counts.training]).toEqual([8, 0, 0, 0]);
      expect(await schemaOf(fresh.dataSource)).toEqual(schema);
    } finally {
      await fresh.drop();
    }
  });
});

// Last, after every server and database above has stopped: the temporary folders this file made.
afterAll(removeTempDirs);
