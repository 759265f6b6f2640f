import { openTempDir, removeTempDirs, runCli } from '../../../../test/support/cli';

afterAll(removeTempDirs);

describe('pcsp generate with an option that is not a number', () => {
  jest.setTimeout(60_000);

  it.each([
    [['--patients', 'abc'], 'pcsp: --patients must be a whole number, got "abc"\n'],
    [['--practices', '2.5'], 'pcsp: --practices must be a whole number, got "2.5"\n'],
    [['--seed', ''], 'pcsp: --seed must be a whole number, got ""\n'],
    [['--dirty', 'some'], 'pcsp: --dirty must be a fraction from 0 to 0.5, got "some"\n'],
    [['--from', '2025-13'], 'pcsp: --from must be a month YYYY-MM, got "2025-13"\n'],
  ])('%j names the option and what was given', async (options, message) => {
    const cwd = openTempDir('pcsp-h5-generate-');
    await expect(runCli(['generate', '--out', 'out', ...options], { cwd })).rejects.toMatchObject({ code: 1, stderr: message });
  });
});
