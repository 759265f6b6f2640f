import { openTempDir, removeTempDirs, runCli } from '../../../../test/support/cli';

afterAll(removeTempDirs);

describe('pcsp export with a month that is not one', () => {
  jest.setTimeout(60_000);

  it.each([
    [['--from', '2025-13'], 'pcsp: --from must be a month YYYY-MM, got "2025-13"\n'],
    [['--to', 'May'], 'pcsp: --to must be a month YYYY-MM, got "May"\n'],
    [['--from', '2025-06', '--to', '2025-01'], 'pcsp: --from 2025-06 is after --to 2025-01\n'],
  ])('%j names the option, before looking for a snapshot', async (options, message) => {
    // An install with no snapshot: the options are checked first.
    const cwd = openTempDir('pcsp-h5-export-');
    await expect(runCli(['export', '--out', 'cells.csv', ...options], { cwd, env: { DATA_DIR: 'data' } })).rejects.toMatchObject({ code: 1, stderr: message });
  });
});
