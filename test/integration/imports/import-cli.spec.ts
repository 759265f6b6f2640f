import type { ExecFileException } from 'node:child_process';
import { openTempDir, removeTempDirs, runCli } from '../../support/cli';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { GOOD_EXTRACT, TEST_KEY, extractFolder, rowCounts } from './import-test-support';

const NHS_DIGITS = /9434765919|9434765918|9991234500|9991234519|9991234527|943 476 5919/;

describe('pcsp import (the built command)', () => {
  jest.setTimeout(120_000);
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('pcsp_import_cli');
  });
  afterAll(async () => {
    await database?.drop();
  });

  const run = (paths: string[]) =>
    runCli(['import', ...paths], { cwd: openTempDir('pcsp-import-cli-'), env: { DATABASE_URL: database.url, PSEUDONYM_KEY: TEST_KEY, DATA_DIR: 'data', LOG_LEVEL: 'info' } });

  it('imports a folder, prints what each file did, and never prints an NHS number', async () => {
    const { stdout, stderr } = await run([GOOD_EXTRACT]);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/patients\.csv\s+4 rows read, applied 4 rows \(4 new, 0 changed\)/);
    expect(stderr).toMatch(/Import [0-9a-f-]{36} succeeded: 32 of 32 rows applied/);
    expect(stderr).not.toMatch(NHS_DIGITS);
    expect((await rowCounts(database.dataSource)).patients).toBe(4);
  });

  it('exits with 1 and lists the errors, NHS numbers masked, when a file is rejected', async () => {
    const bad = extractFolder({ 'patients.csv': 'nhs_number,birth_date,sex,ethnic_group,imd_quintile,died_on\n9434765918,1980-01-01,F,white,2,\n' });
    const failure = await run([bad]).then(
      () => undefined,
      (error: ExecFileException & { stderr: string; stdout: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain(
      '  error: patients.csv, line 2, nhs_number "943*******": is not a valid NHS number: the Modulus 11 check digit does not match',
    );
    expect(failure?.stderr).toMatch(/patients\.csv\s+1 row read, rejected: 1 error\n/);
    expect(`${failure?.stdout}${failure?.stderr}`).not.toMatch(NHS_DIGITS);
  });
});

// Last, after every server and database above has stopped: the temporary folders this file made.
afterAll(removeTempDirs);
