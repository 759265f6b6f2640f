import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openTempDir, removeTempDirs, spawnCli } from '../../../test/support/cli';
import { freePort } from '../database/database-server';

const GOOD_EXTRACT = join(__dirname, '../../../test/fixtures/extracts/good');
const STARTED = /Started the embedded PostgreSQL on port \d+/;

/** Processes whose command line names the data directory: the postmaster runs as `postgres -D <dir> …`. */
function processesOf(databaseDir: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').includes(databaseDir)) found.push(Number(entry));
    } catch {
      // ended while we looked
    }
  }
  return found;
}

/** Stops what a failed run left behind, so that the test run does not keep a server. */
function killAll(pids: number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGINT');
    } catch {
      // already gone
    }
  }
}

afterAll(removeTempDirs);

describe('a command stopped by SIGTERM or SIGINT', () => {
  jest.setTimeout(180_000);

  it('stops the embedded PostgreSQL it started and exits with 143 (SIGTERM) or 130 (SIGINT)', async () => {
    const cwd = openTempDir('pcsp-h5-signal-');
    const env = { DATA_DIR: 'data', DATABASE_URL: '', LOG_LEVEL: 'silent' };
    const databaseDir = join(cwd, 'data', 'postgres');
    try {
      // SIGTERM as soon as the server is up: the import is still migrating or importing.
      const first = spawnCli(['import', GOOD_EXTRACT], { cwd, env });
      await first.waitFor(STARTED);
      expect(await first.stop('SIGTERM')).toBe(143);
      expect(processesOf(databaseDir)).toEqual([]);

      const second = spawnCli(['import', GOOD_EXTRACT], { cwd, env });
      await second.waitFor(STARTED);
      expect(await second.stop('SIGINT')).toBe(130);
      expect(processesOf(databaseDir)).toEqual([]);
    } finally {
      killAll(processesOf(databaseDir));
    }
  });

  it('start, while it loads the demo population, stops its embedded PostgreSQL too and exits with 143', async () => {
    const cwd = openTempDir('pcsp-h5-signal-start-');
    const env = { DATA_DIR: 'data', DATABASE_URL: '', LOG_LEVEL: 'silent', PORT: String(await freePort()), DEMO_PRACTICES: '3', DEMO_PATIENTS: '500', DEMO_YEARS: '1' };
    const databaseDir = join(cwd, 'data', 'postgres');
    try {
      const start = spawnCli(['start'], { cwd, env });
      await start.waitFor(/Loading the demo population/);
      expect(await start.stop('SIGTERM')).toBe(143);
      expect(processesOf(databaseDir)).toEqual([]);
    } finally {
      killAll(processesOf(databaseDir));
    }
  });
});
