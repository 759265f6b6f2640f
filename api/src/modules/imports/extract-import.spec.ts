import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database';
import { removeTempDirs } from '../../../../test/support/cli';
import { TEST_KEY, TODAY, extractFolder, issuesOf, readGood, tableContents } from '../../../../test/integration/imports/import-test-support';
import { zipOf } from '../../../../test/integration/imports/zip-writer';
import { importExtract } from './extract-import';

const TRAINING = 'practice_code,trained_on,programme,staff_trained';

describe('importing an extract into a real database', () => {
  jest.setTimeout(120_000);
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('pcsp_import_unit');
    const practices = await importExtract(database.dataSource, [extractFolder({ 'practices.csv': readGood('practices.csv') })], { pseudonymKey: TEST_KEY, today: TODAY });
    expect(practices.status).toBe('succeeded');
  });
  afterAll(async () => {
    await database?.drop();
  });

  it.each([{ directLoads: true }, { directLoads: false }])(
    'names the line and column of text over 500 characters, keeps nothing of its file and stores 500 four-byte characters (directLoads $directLoads)',
    async ({ directLoads }) => {
      const before = await tableContents(database.dataSource);
      // 600 characters: refused (a 5 MB programme had given PostgreSQL's "index row requires 57272 bytes" and no line).
      const long = `${TRAINING}\nA81001,2024-01-10,${'p'.repeat(600)},3\n`;
      const job = await importExtract(database.dataSource, [extractFolder({ 'training.csv': long })], { pseudonymKey: TEST_KEY, today: TODAY, directLoads });
      expect(await issuesOf(database.dataSource, job.id)).toEqual([
        // The value is shown cut at 100 characters.
        { severity: 'error', file: 'training.csv', line: 2, column: 'programme', value: `${'p'.repeat(100)}…`, rule: 'longer than 500 characters' },
      ]);
      expect(job).toMatchObject({ status: 'failed', errorCount: 1, rowsApplied: 0 });
      expect(await tableContents(database.dataSource)).toEqual(before);

      // 500 characters of 4 bytes each (2,000 bytes) fit training's natural key.
      const clef = '𝄞'.repeat(500);
      const longest = `${TRAINING}\nA81002,2024-01-${directLoads ? '11' : '12'},${clef},3\n`;
      const stored = await importExtract(database.dataSource, [extractFolder({ 'training.csv': longest })], { pseudonymKey: TEST_KEY, today: TODAY, directLoads });
      expect(stored).toMatchObject({ status: 'succeeded', rowsApplied: 1 });
      const [row] = (await database.dataSource.query(`SELECT programme FROM training WHERE practice_code = 'A81002' AND trained_on = $1`, [
        `2024-01-${directLoads ? '11' : '12'}`,
      ])) as { programme: string }[];
      expect(row.programme).toBe(clef);
    },
  );

  it('names a line longer than 1 MiB (2 MB with no line break) and keeps nothing of its file', async () => {
    const before = await tableContents(database.dataSource);
    const content = Buffer.concat([Buffer.from(`${TRAINING}\nA81001,2024-01-10,`), Buffer.alloc(2 * 1024 * 1024, 'p')]);
    const job = await importExtract(database.dataSource, [extractFolder({ 'training.csv': content })], { pseudonymKey: TEST_KEY, today: TODAY });
    expect(await issuesOf(database.dataSource, job.id)).toEqual([
      {
        severity: 'error',
        file: 'training.csv',
        line: 2,
        column: null,
        value: null,
        rule: 'is longer than 1,048,576 bytes, far longer than any row of an extract: is each row on a line of its own?',
      },
    ]);
    expect(job).toMatchObject({ status: 'failed', errorCount: 1, rowsApplied: 0 });
    expect(await tableContents(database.dataSource)).toEqual(before);
  });

  it('says to pass a zip itself rather than a folder holding it, and names a file of a zip\'s sub-folder by its path', async () => {
    const inner = zipOf({ 'training.csv': readGood('training.csv') });
    const folder = extractFolder({ 'extract.zip': inner });
    const zip = extractFolder({ 'outer.zip': zipOf({ 'sub/Readme.txt': 'notes', 'sub/nested.zip': inner }) });
    const job = await importExtract(database.dataSource, [folder, `${zip}/outer.zip`], { pseudonymKey: TEST_KEY, today: TODAY });
    expect((await issuesOf(database.dataSource, job.id)).map((i) => [i.file, i.rule])).toEqual([
      ['extract.zip', 'a .zip inside a folder is not opened: pass the zip itself, not a folder holding it'],
      ['sub/Readme.txt', expect.stringMatching(/^unknown file: an extract holds only practices.csv, /)],
      ['sub/nested.zip', 'a .zip inside a zip is not opened: pass the zip itself, not a zip holding it'],
    ]);
    expect(job.files.map((f) => [f.file, f.origin, f.status])).toEqual([
      ['extract.zip', `${folder}/extract.zip`, 'rejected'],
      ['sub/Readme.txt', 'outer.zip!sub/Readme.txt', 'rejected'],
      ['sub/nested.zip', 'outer.zip!sub/nested.zip', 'rejected'],
    ]);
  });

  it.each([{ directLoads: true }, { directLoads: false }])(
    'a flat extract: a file rejected by a check only the database makes (a practice not stored) leaves the files before and after it applied (directLoads $directLoads)',
    async ({ directLoads }) => {
      const id = directLoads ? 'direct' : 'staged';
      const job = await importExtract(
        database.dataSource,
        [
          extractFolder({
            'patients.csv': `patient_id,birth_date,sex,ethnic_group\n${id}-1,1950-01-01,F,white\n${id}-2,1960-02-02,M,asian\n`,
            // Line 3: B99999 is a well-formed practice code that is not stored.
            'registrations.csv': `patient_id,practice_code,registered_on\n${id}-1,A81001,2010-01-01\n${id}-2,B99999,2011-01-01\n`,
            'conditions.csv': `patient_id,condition,diagnosed_on\n${id}-2,DM,2015-06-01\n`,
          }),
        ],
        { pseudonymKey: TEST_KEY, today: TODAY, directLoads },
      );
      expect(job.status).toBe('failed');
      expect(job.files.map((f) => [f.file, f.status, f.inserted, f.errors])).toEqual([
        ['patients.csv', 'applied', 2, 0],
        ['registrations.csv', 'rejected', 0, 1],
        ['conditions.csv', 'applied', 1, 0],
      ]);
      expect(await issuesOf(database.dataSource, job.id)).toEqual([
        { severity: 'error', file: 'registrations.csv', line: 3, column: 'practice_code', value: 'B99999', rule: 'unknown practice: not in practices.csv of this import or an earlier one' },
      ]);
      const stored = (sql: string) => database.dataSource.query(sql, [`${id}-%`]);
      expect(await stored(`SELECT pseudonym, birth_date::text AS born FROM patients WHERE pseudonym LIKE $1 ORDER BY 1`)).toEqual([
        { pseudonym: `${id}-1`, born: '1950-01-01' },
        { pseudonym: `${id}-2`, born: '1960-02-02' },
      ]);
      expect(await stored(`SELECT r.id FROM registrations r JOIN patients p ON p.id = r.patient_id WHERE p.pseudonym LIKE $1`)).toEqual([]);
      expect(await stored(`SELECT c.condition, c.diagnosed_on::text AS since FROM conditions c JOIN patients p ON p.id = c.patient_id WHERE p.pseudonym LIKE $1`)).toEqual([
        { condition: 'DM', since: '2015-06-01' },
      ]);
    },
  );

  it('names the line and column of a practice name over 500 characters', async () => {
    const practices = readGood('practices.csv').replace('The Densham Surgery', 'n'.repeat(501));
    const job = await importExtract(database.dataSource, [extractFolder({ 'practices.csv': practices })], { pseudonymKey: TEST_KEY, today: TODAY });
    expect(await issuesOf(database.dataSource, job.id)).toEqual([
      { severity: 'error', file: 'practices.csv', line: 2, column: 'practice_name', value: `${'n'.repeat(100)}…`, rule: 'longer than 500 characters' },
    ]);
  });
});

// Last, after the database above has gone: the temporary folders this file made.
afterAll(removeTempDirs);
