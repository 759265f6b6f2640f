import { openTempDir, removeTempDirs, runCli } from '../../support/cli';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

/**
 * `pcsp refresh --first-month`: the generator's records begin a year before its period (2023-01 for a period from
 * 2024-01, to fill the first month's 12-month windows), so by default a snapshot begins at 2023-01; a first month set
 * once holds for later refreshes until `first-record` clears it.
 */
describe('the first month of snapshots', () => {
  jest.setTimeout(180_000);
  let database: TestDatabase;
  let cwd: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    database = await createTestDatabase('pcsp_first_month');
    cwd = openTempDir('pcsp-first-month-');
    env = { DATABASE_URL: database.url, DATA_DIR: 'data', LOG_LEVEL: 'silent' };
    await runCli(['generate', '--out', 'population', '--practices', '2', '--patients', '300', '--from', '2024-01', '--to', '2024-06', '--seed', '5'], { cwd, env });
    await runCli(['import', 'population'], { cwd, env });
  });
  afterAll(async () => {
    await database.drop();
    removeTempDirs();
  });

  const refresh = async (...options: string[]) => (await runCli(['refresh', '--as-of', '2024-07-01', ...options], { cwd, env })).stderr;
  const stored = async () => (await database.dataSource.query('SELECT first_month FROM snapshot_state')) as { first_month: string | null }[];

  it('begins at the first activity record, at a month set once and kept, and at the first record again when cleared', async () => {
    expect(await refresh()).toMatch(/Snapshot 2023-01 to 2024-06: \d+ cells/);
    expect(await refresh('--first-month', '2024-01')).toMatch(/Snapshot 2024-01 to 2024-06: \d+ cells/);
    expect(await stored()).toEqual([{ first_month: '2024-01' }]);
    expect(await refresh()).toMatch(/Snapshot 2024-01 to 2024-06: \d+ cells/);
    expect(await refresh('--first-month', 'first-record')).toMatch(/Snapshot 2023-01 to 2024-06: \d+ cells/);
    expect(await stored()).toEqual([{ first_month: null }]);
  });

  it('refuses a month that is not YYYY-MM, naming the option, and stores nothing', async () => {
    await expect(refresh('--first-month', '2024-13')).rejects.toMatchObject({
      stderr: expect.stringContaining('--first-month must be a month YYYY-MM or first-record, got "2024-13"'),
    });
    expect(await stored()).toEqual([{ first_month: null }]);
  });

  it('fails naming both months when the first is after the last, and keeps the month set before', async () => {
    expect(await refresh('--first-month', '2024-03')).toMatch(/Snapshot 2024-03 to 2024-06/);
    await expect(refresh('--first-month', '2024-09')).rejects.toMatchObject({
      stderr: expect.stringContaining('the first month 2024-09 is after the last month 2024-06'),
    });
    expect(await stored()).toEqual([{ first_month: '2024-03' }]);
    expect(await refresh()).toMatch(/Snapshot 2024-03 to 2024-06/);
  });
});
