import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { openTempDir, removeTempDirs, spawnCli } from '../../../../test/support/cli';
import { freePort } from '../../database/database-server';

const SMALL_DEMO = { DEMO_PRACTICES: '3', DEMO_PATIENTS: '500', DEMO_YEARS: '1', LOG_LEVEL: 'silent', DATABASE_URL: '', DATA_DIR: 'data' };
const READY = /PCSP Insights is ready at http:\/\/127\.0\.0\.1:(\d+)\//;
const ADMIN = /Sign in as the demo administrator: (admin@pcsp\.local) {2}password: (\S{12,})/;

/** Holds host:port the way another program would. */
function occupy(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const blocker = createServer();
    blocker.once('error', reject);
    blocker.listen(port, '127.0.0.1', () => resolve(blocker));
  });
}
const release = (blocker: Server) => new Promise<void>((resolve) => blocker.close(() => resolve()));

/** Processes whose command line names the data directory: the postmaster runs as `postgres -D <dir> …`. */
function processesOf(databaseDir: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        return readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').includes(databaseDir);
      } catch {
        return false; // ended while we looked
      }
    })
    .map(Number);
}

const inUse = (port: number) =>
  `pcsp: PORT=${port}: 127.0.0.1:${port} is in use already (another PCSP Insights, or another program): stop it or choose another PORT\n`;

afterAll(removeTempDirs);

describe('pcsp start on a port in use', () => {
  jest.setTimeout(240_000);

  it('fails at once naming PORT and the port, before starting the database', async () => {
    const cwd = openTempDir('pcsp-h5-busy-');
    const port = await freePort();
    const blocker = await occupy(port);
    try {
      const start = spawnCli(['start'], { cwd, env: { ...SMALL_DEMO, PORT: String(port) } });
      expect(await start.stop('SIGCONT')).toBe(1);
      expect(start.output()).toBe(inUse(port));
      expect(existsSync(join(cwd, 'data', 'postgres'))).toBe(false);
    } finally {
      await release(blocker);
    }
  });

  it('taken while the demo loads: stops its database, creates no admin, and the next start prints one that signs in', async () => {
    const cwd = openTempDir('pcsp-h5-taken-');
    const port = await freePort();
    const env = { ...SMALL_DEMO, PORT: String(port) };
    const databaseDir = join(cwd, 'data', 'postgres');

    const first = spawnCli(['start'], { cwd, env });
    await first.waitFor(/Loading the demo population/);
    // The port was free when start checked it; another program takes it before start listens.
    const blocker = await occupy(port);
    try {
      expect(await first.stop('SIGCONT')).toBe(1);
    } finally {
      await release(blocker);
    }
    expect(first.output()).toContain(inUse(port));
    expect(first.output()).not.toContain('Sign in as the demo administrator');
    expect(processesOf(databaseDir)).toEqual([]);

    const second = spawnCli(['start'], { cwd, env });
    try {
      await second.waitFor(READY, 180_000);
      const admin = ADMIN.exec(second.output());
      expect(admin).not.toBeNull();
      const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: admin?.[1], password: admin?.[2] }),
      });
      expect(login.status).toBe(200);
    } finally {
      expect(await second.stop('SIGINT')).toBe(0);
    }
    expect(processesOf(databaseDir)).toEqual([]);
  });
});
