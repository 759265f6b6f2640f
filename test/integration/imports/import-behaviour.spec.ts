import { createHmac } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importExtract, type ImportProgress } from '../../../api/src/modules/imports/extract-import';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { GOOD_EXTRACT, TEST_KEY, TODAY, extractFolder, goodWith, issuesOf, readGood, rowCounts, tableContents } from './import-test-support';
import { zipOf } from './zip-writer';
import { removeTempDirs } from '../../support/cli';

const NHS_NUMBERS = ['9434765919', '9991234500', '9991234519', '9991234527'];
const options = { pseudonymKey: TEST_KEY, today: TODAY };

describe('import behaviour over a stored extract', () => {
  jest.setTimeout(120_000);
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase('pcsp_import_behaviour');
    const good = await importExtract(database.dataSource, [GOOD_EXTRACT], options);
    expect(good.status).toBe('succeeded');
  });
  afterEach(async () => {
    await database?.drop();
  });

  it('never stores an NHS number: patients get the keyed HMAC-SHA-256 pseudonym, issues a masked value', async () => {
    const bad = extractFolder({ 'patients.csv': 'nhs_number,birth_date,sex,ethnic_group,imd_quintile,died_on\n9434765918,1980-01-01,F,white,2,\n' });
    const job = await importExtract(database.dataSource, [bad], options);
    expect(await issuesOf(database.dataSource, job.id)).toEqual([
      { severity: 'error', file: 'patients.csv', line: 2, column: 'nhs_number', value: '943*******', rule: 'is not a valid NHS number: the Modulus 11 check digit does not match' },
    ]);

    const pseudonyms = (await database.dataSource.query('SELECT pseudonym FROM patients ORDER BY id')) as { pseudonym: string }[];
    expect(pseudonyms.map((p) => p.pseudonym)).toEqual(NHS_NUMBERS.map((n) => createHmac('sha256', TEST_KEY).update(n).digest('hex')));

    const columns = (await database.dataSource.query(`
      SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'character', 'jsonb')`)) as { table_name: string; column_name: string }[];
    expect(columns.length).toBeGreaterThan(20);
    const needles = [...NHS_NUMBERS, '9434765918', '943 476 5919'];
    for (const { table_name: table, column_name: column } of columns) {
      for (const needle of needles) {
        const [{ n }] = (await database.dataSource.query(`SELECT count(*)::int AS n FROM "${table}" WHERE "${column}"::text LIKE '%' || $1 || '%'`, [needle])) as { n: number }[];
        expect({ table, column, needle, n }).toEqual({ table, column, needle, n: 0 });
      }
    }
  });

  it('moves a re-imported practice to its new PCN and renames it; the old PCN stays', async () => {
    const practices = readGood('practices.csv').replace(
      'A81002,"Queens Park Medical Centre, Stockton",U12345,Blyth PCN',
      'A81002,Queens Park Medical Centre,U23456,Tees Valley PCN',
    );
    const job = await importExtract(database.dataSource, [extractFolder({ 'practices.csv': practices })], options);
    expect(job.files).toEqual([expect.objectContaining({ file: 'practices.csv', status: 'applied', inserted: 0, updated: 1 })]);
    expect(await database.dataSource.query(`SELECT code, name, level, parent_code FROM organisations WHERE code IN ('A81002', 'U12345') ORDER BY code`)).toEqual([
      { code: 'A81002', name: 'Queens Park Medical Centre', level: 'practice', parent_code: 'U23456' },
      { code: 'U12345', name: 'Blyth PCN', level: 'pcn', parent_code: '00L' },
    ]);
  });

  it('updates a re-imported plan in place (same id) and leaves every other row untouched', async () => {
    const before = await tableContents(database.dataSource);
    const plans = readGood('care_plans.csv').replace('PLAN-2,9434765919,A81002,2024-03-20,,2024-03-10,,false', 'PLAN-2,9434765919,A81002,2024-03-20,,2024-03-10,2024-04-02,false');
    const job = await importExtract(database.dataSource, [extractFolder({ 'care_plans.csv': plans })], options);
    expect(job.files).toEqual([expect.objectContaining({ file: 'care_plans.csv', status: 'applied', rowsApplied: 3, inserted: 0, updated: 1 })]);
    const after = await tableContents(database.dataSource);
    const changed = (after.care_plans as { plan_id: string; id: string }[]).filter((row, i) => JSON.stringify(row) !== JSON.stringify(before.care_plans[i]));
    const planTwo = (before.care_plans as { plan_id: string; id: string }[]).find((row) => row.plan_id === 'PLAN-2');
    expect(changed.map((row) => [row.plan_id, row.id])).toEqual([['PLAN-2', planTwo?.id]]);
    expect({ ...after, care_plans: [], snapshot_state: [] }).toEqual({ ...before, care_plans: [], snapshot_state: [] });
  });

  it('warns of overlapping registrations and registrations after death, and applies them', async () => {
    const registrations = 'nhs_number,practice_code,registered_on,deregistered_on\n9991234500,A81002,2020-01-01,\n9991234519,A81001,2025-03-01,\n';
    const job = await importExtract(database.dataSource, [extractFolder({ 'registrations.csv': registrations })], options);
    expect(job).toMatchObject({ status: 'succeeded', errorCount: 0, warningCount: 3, rowsApplied: 2 });
    expect(await issuesOf(database.dataSource, job.id)).toEqual([
      {
        severity: 'warning', file: 'registrations.csv', line: 2, column: 'registered_on', value: '2020-01-01',
        rule: 'overlaps the registration at A81001 from 2015-05-05: the one that began later holds from its start',
      },
      { severity: 'warning', file: 'registrations.csv', line: 3, column: 'registered_on', value: '2025-03-01', rule: "is after the patient's death (died_on 2025-02-10)" },
      {
        severity: 'warning', file: 'registrations.csv', line: 3, column: 'registered_on', value: '2025-03-01',
        rule: 'overlaps the registration at A81004 from 2000-01-01: the one that began later holds from its start',
      },
    ]);
    expect((await rowCounts(database.dataSource)).registrations).toBe(7);
  });

  it('still applies later files after a rejected one; rows naming its rows are errors', async () => {
    const before = await rowCounts(database.dataSource);
    const folder = extractFolder({
      'patients.csv': 'nhs_number,birth_date,sex,ethnic_group,imd_quintile,died_on\n9991234535,1980-01-01,F,white,2,\n9991234543,1980-01-01,X,white,2,\n',
      'registrations.csv': 'nhs_number,practice_code,registered_on,deregistered_on\n9991234535,A81001,2024-01-01,\n',
      'conditions.csv': 'nhs_number,condition,snomed_code,diagnosed_on,resolved_on\n9434765919,AF,49436004,2024-01-01,\n',
    });
    const job = await importExtract(database.dataSource, [folder], options);
    expect(job).toMatchObject({ status: 'failed', errorCount: 2, rowsApplied: 1 });
    expect(job.files.map((f) => [f.file, f.status, f.errors, f.inserted])).toEqual([
      ['patients.csv', 'rejected', 1, 0],
      ['registrations.csv', 'rejected', 1, 0],
      ['conditions.csv', 'applied', 0, 1],
    ]);
    expect(await issuesOf(database.dataSource, job.id)).toEqual([
      { severity: 'error', file: 'patients.csv', line: 3, column: 'sex', value: 'X', rule: 'must be F, M, I (indeterminate) or U (unknown)' },
      {
        severity: 'error', file: 'registrations.csv', line: 2, column: 'nhs_number', value: '999*******',
        rule: 'unknown patient: not in patients.csv of this import or an earlier one (patients.csv of this import was rejected)',
      },
    ]);
    expect(await rowCounts(database.dataSource)).toEqual({ ...before, conditions: before.conditions + 1 });
  });

  it('counts every error but stores the first 1,000 of a file', async () => {
    const rows = Array.from({ length: 1005 }, (_, i) => `A81001,2024-01-01,Course ${i},0`);
    const job = await importExtract(database.dataSource, [extractFolder({ 'training.csv': `practice_code,trained_on,programme,staff_trained\n${rows.join('\n')}\n` })], options);
    expect(job).toMatchObject({ status: 'failed', errorCount: 1005 });
    expect(job.files[0]).toMatchObject({ file: 'training.csv', rowsRead: 1005, errors: 1005 });
    const stored = await issuesOf(database.dataSource, job.id);
    expect(stored.length).toBe(1000);
    expect(stored[999]).toEqual({ severity: 'error', file: 'training.csv', line: 1001, column: 'staff_trained', value: '0', rule: 'must be a whole number, 1 or more' });
  });

  it('reports progress by bytes and rows, to the caller and in the job row', async () => {
    const seen: ImportProgress[] = [];
    const job = await importExtract(database.dataSource, [GOOD_EXTRACT], { ...options, onProgress: (p) => seen.push(p) });
    const total = Object.values(goodWith()).reduce((sum, content) => sum + Buffer.byteLength(content), 0);
    expect(job).toMatchObject({ bytesTotal: total, bytesRead: total, rowsRead: 32 });
    expect(seen.at(-1)).toEqual({ jobId: job.id, file: null, bytesRead: total, bytesTotal: total, rowsRead: 32 });
    expect(seen.some((p) => p.file === 'patients.csv' && p.rowsRead === 7)).toBe(true); // 3 practices + 4 patients
  });
});

describe('import sources', () => {
  jest.setTimeout(60_000);
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase('pcsp_import_sources');
  });
  afterEach(async () => {
    await database?.drop();
  });

  it('imports a .zip of the extract (files in a folder inside it) to the same rows as the folder', async () => {
    const entries = Object.fromEntries(Object.entries(goodWith()).map(([name, content]) => [`extract/${name}`, content]));
    const zip = join(extractFolder({}), 'extract.zip');
    writeFileSync(zip, zipOf(entries));
    const job = await importExtract(database.dataSource, [zip], options);
    expect(job).toMatchObject({ status: 'succeeded', rowsApplied: 32 });
    expect(job.files[1]).toMatchObject({ file: 'patients.csv', origin: 'extract.zip!extract/patients.csv', inserted: 4 });
    expect((await rowCounts(database.dataSource)).patients).toBe(4);
  });

  it('fails as a whole, applying nothing, when a path cannot be read', async () => {
    const notZip = join(extractFolder({}), 'broken.zip');
    writeFileSync(notZip, 'not a zip');
    const job = await importExtract(database.dataSource, [GOOD_EXTRACT, notZip], options);
    expect(job).toMatchObject({ status: 'failed', rowsApplied: 0, files: [] });
    expect(job.failure).toMatch(/^broken\.zip is not a readable zip file/);
    expect((await rowCounts(database.dataSource)).patients).toBe(0);
  });

  it('stores an upstream patient_id as given', async () => {
    const folder = extractFolder({
      'practices.csv': readGood('practices.csv'),
      'patients.csv': 'patient_id,birth_date,sex,ethnic_group,imd_quintile,died_on\nPAT-0001,1980-01-01,F,white,2,\n',
      'admissions.csv': 'patient_id,admitted_on,emergency\nPAT-0001,2024-05-01,true\n',
    });
    const job = await importExtract(database.dataSource, [folder], options);
    expect(job.status).toBe('succeeded');
    expect(await database.dataSource.query('SELECT p.pseudonym, a.admitted_on::text AS admitted_on FROM patients p JOIN admissions a ON a.patient_id = p.id')).toEqual([
      { pseudonym: 'PAT-0001', admitted_on: '2024-05-01' },
    ]);
  });
});

// Last, after every server and database above has stopped: the temporary folders this file made.
afterAll(removeTempDirs);
