import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../../api/src/database/database-server';
import { openTempDir, removeTempDirs, spawnCli } from '../../support/cli';
import { createEmptyDatabase } from '../../support/test-database';

// A small demo keeps the run short; the path is the same as with the default 300,000 patients.
const SMALL_DEMO = { DEMO_PRACTICES: '4', DEMO_PATIENTS: '3000', DEMO_YEARS: '2', LOG_LEVEL: 'warn' };
const READY = /PCSP Insights is ready at http:\/\/127\.0\.0\.1:(\d+)\/ \(ready in ([\d.]+) s\)/;

const postmasterAlive = (dataDir: string): boolean => {
  const pidFile = join(dataDir, 'postgres', 'postmaster.pid');
  if (!existsSync(pidFile)) return false;
  try {
    process.kill(Number(readFileSync(pidFile, 'utf8').split('\n')[0]), 0);
    return true;
  } catch {
    return false;
  }
};

async function expectServing(port: number): Promise<void> {
  const ready = await fetch(`http://127.0.0.1:${port}/api/ready`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, snapshot: { status: 'up' } } });
  const shell = await fetch(`http://127.0.0.1:${port}/`);
  expect(shell.status).toBe(200);
  expect(await shell.text()).toContain('<div id="root">');
}

afterAll(removeTempDirs);

describe('pcsp start (what npm start runs)', () => {
  jest.setTimeout(240_000);

  it('on an empty install: embedded database, demo population, snapshot, API and dashboard on PORT; Ctrl-C stops all; the next start reuses the data', async () => {
    const cwd = openTempDir('pcsp-start-');
    const port = await freePort();
    const env = { ...SMALL_DEMO, PORT: String(port) };

    const first = spawnCli(['start'], { cwd, env });
    try {
      const [, shownPort] = await first.waitFor(READY, 180_000);
      expect(Number(shownPort)).toBe(port);
      const output = first.output();
      expect(output).toContain('Creating the embedded PostgreSQL cluster');
      const period = /Loading the demo population: 4 practices, 3,000 patients, (\d{4}-\d{2}) to (\d{4}-\d{2}), with two years of records before…/.exec(output);
      expect(period).not.toBeNull();
      expect(output).toMatch(/Imported [\d,]+ rows\./);
      // The demo's records begin two years before its period (to fill the first month's windows): the snapshot shows the period.
      expect(output).toContain(`Snapshot ready: ${period?.[1]} to ${period?.[2]}.`);
      expect(output).toMatch(/Sign in as the demo administrator: admin@pcsp\.local {2}password: \S{12,}/);
      await expectServing(port);
    } finally {
      // Ctrl-C whatever failed above: a server left running would hold the test run open.
      expect(await first.stop('SIGINT')).toBe(0);
    }
    expect(first.output()).toContain('Stopped cleanly.');
    expect(postmasterAlive(join(cwd, '.data'))).toBe(false);

    const second = spawnCli(['start'], { cwd, env });
    try {
      await second.waitFor(READY, 60_000);
      expect(second.output()).not.toContain('Loading the demo population');
      expect(second.output()).not.toContain('Building the analytics snapshot');
      expect(second.output()).not.toContain('Sign in as the demo administrator');
      await expectServing(port);
    } finally {
      expect(await second.stop('SIGTERM')).toBe(0);
    }
  });

  it('with DATABASE_URL: uses that server, starts no embedded one, and loads the demo there', async () => {
    const database = await createEmptyDatabase('pcsp_start_external');
    const cwd = openTempDir('pcsp-start-external-');
    const port = await freePort();
    const app = spawnCli(['start'], { cwd, env: { ...SMALL_DEMO, PORT: String(port), DATABASE_URL: database.url } });
    try {
      await app.waitFor(READY, 180_000);
      expect(app.output()).not.toContain('embedded');
      expect(existsSync(join(cwd, '.data', 'postgres'))).toBe(false);
      await expectServing(port);
    } finally {
      expect(await app.stop('SIGINT')).toBe(0);
      await database.drop();
    }
  });

  it('refuses to start with a malformed setting, naming it, and starts nothing', async () => {
    const cwd = openTempDir('pcsp-start-bad-');
    const app = spawnCli(['start'], { cwd, env: { PORT: 'http', DEMO_PATIENTS: '-5' } });
    expect(await app.stop('SIGCONT')).toBe(78);
    expect(app.output()).toBe(
      'Invalid configuration:\n' +
        '  - PORT: Invalid input: expected number, received NaN (got "http")\n' +
        '  - DEMO_PATIENTS: Too small: expected number to be >=100 (got "-5")\n',
    );
    expect(existsSync(join(cwd, '.data', 'postgres'))).toBe(false);
  });
});
