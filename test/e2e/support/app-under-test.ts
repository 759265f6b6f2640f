import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository root (this file is test/e2e/support/app-under-test.ts). */
export const ROOT = resolve(__dirname, '..', '..', '..');
const CLI = join(ROOT, 'api', 'dist', 'cli', 'main.js');
const DASHBOARD = join(ROOT, 'web', 'dist', 'index.html');

export type Role = 'admin' | 'commissioner' | 'network' | 'practice';

export interface Credentials {
  email: string;
  password: string;
}

export interface AppUnderTest {
  baseUrl: string;
  dataDir: string;
  admin: Credentials;
  /** Output of the app so far (to explain a failure). */
  log: () => string;
  stop: () => Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

/** What the suite needs built before it can start the product; [] when all is there. */
export function missingPieces(): string[] {
  const missing: string[] = [];
  if (!existsSync(CLI)) missing.push(`${CLI} (run \`npm run build\`)`);
  if (!existsSync(DASHBOARD)) missing.push(`${DASHBOARD} (run \`npm run build -w web\`)`);
  if (!existsSync('/usr/bin/chromium')) missing.push('/usr/bin/chromium (apt-get install -y chromium)');
  return missing;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts the product as `npm start` does (`pcsp start`: embedded Postgres, demo population,
 * snapshot, API and dashboard on one port) in a temporary data folder with a small population,
 * and waits until /api/ready answers 200. The demo administrator's password is read from the
 * start-up output, where it is printed once.
 */
export async function startAppUnderTest(options: { practices?: number; patients?: number; timeoutMs?: number } = {}): Promise<AppUnderTest> {
  const missing = missingPieces();
  if (missing.length) throw new Error(`The app cannot start; missing:\n  ${missing.join('\n  ')}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'pcsp-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  // The app's output is kept for reading after a failure (test/.artifacts is not committed).
  const artifacts = join(ROOT, 'test', '.artifacts');
  mkdirSync(artifacts, { recursive: true });
  const logFile = join(artifacts, 'e2e-app.log');
  writeFileSync(logFile, '');
  const child: ChildProcess = spawn(process.execPath, [CLI, 'start'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DEMO_PRACTICES: String(options.practices ?? 12),
      DEMO_PATIENTS: String(options.patients ?? 4000),
      DEMO_YEARS: '2',
      LOGIN_RATE_LIMIT: '1000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    appendFileSync(logFile, chunk);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: number | null | undefined;
  const exit = new Promise<void>((r) =>
    child.once('exit', (code, signal) => {
      exited = code;
      appendFileSync(logFile, `\n[pcsp start exited: code ${code}, signal ${signal}]\n`);
      r();
    }),
  );

  const stop = async () => {
    if (exited === undefined) {
      child.kill('SIGTERM');
      await Promise.race([exit, sleep(20_000)]);
      if (exited === undefined) child.kill('SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (options.timeoutMs ?? 240_000);
  try {
    for (;;) {
      if (exited !== undefined) throw new Error(`pcsp start exited with ${exited}:\n${output}`);
      if (Date.now() > deadline) throw new Error(`pcsp start was not ready in time:\n${output}`);
      try {
        const ready = await fetch(`${baseUrl}/api/ready`);
        const password = /password:\s*(\S+)/.exec(output)?.[1];
        const email = /administrator:\s*(\S+@\S+)/.exec(output)?.[1];
        if (ready.ok && password && email) return { baseUrl, dataDir, admin: { email, password }, log: () => output, stop };
      } catch {
        // not listening yet
      }
      await sleep(500);
    }
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Signs in through the API and returns the session cookie header. */
export async function apiSignIn(baseUrl: string, who: Credentials): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(who),
  });
  if (!response.ok) throw new Error(`login as ${who.email} failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.get('set-cookie');
  if (!cookie) throw new Error('login answered without a session cookie');
  return cookie.split(';')[0]!;
}

/** GET /api… as a signed-in user, as JSON. */
export async function apiGet<T>(baseUrl: string, cookie: string, path: string): Promise<T> {
  const response = await fetch(`${baseUrl}/api${path}`, { headers: { cookie, accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * Creates one user for each role (as the administrator, through the API) with an area taken
 * from the demo hierarchy, and returns their credentials.
 */
export async function createRoleUsers(app: AppUnderTest): Promise<Record<Role, Credentials>> {
  const cookie = await apiSignIn(app.baseUrl, app.admin);
  const first = async (level: string) => {
    const list = await apiGet<{ organisations: { code: string }[] }>(app.baseUrl, cookie, `/orgs?level=${level}&limit=1`);
    const org = list.organisations[0];
    if (!org) throw new Error(`the demo has no ${level}`);
    return org.code;
  };
  const icb = await first('icb');
  const region = await first('region');
  const practices = await apiGet<{ organisations: { code: string }[] }>(app.baseUrl, cookie, `/orgs?level=practice&parent=${encodeURIComponent(icb)}&limit=1`).catch(() => undefined);
  const practice = practices?.organisations[0]?.code ?? (await first('practice'));
  const password = 'e2e-password-long-enough';
  const users: Record<Exclude<Role, 'admin'>, { name: string; areas: string[] }> = {
    commissioner: { name: 'Cara Commissioner', areas: [icb] },
    network: { name: 'Nina Network', areas: [region] },
    practice: { name: 'Priya Practice', areas: [practice] },
  };
  const credentials: Record<Role, Credentials> = { admin: app.admin } as Record<Role, Credentials>;
  for (const [role, user] of Object.entries(users) as [Exclude<Role, 'admin'>, { name: string; areas: string[] }][]) {
    const email = `${role}@e2e.test`;
    const response = await fetch(`${app.baseUrl}/api/users`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ email, name: user.name, role, areas: user.areas, password }),
    });
    if (!response.ok) throw new Error(`creating the ${role} user failed: ${response.status} ${await response.text()}`);
    credentials[role] = { email, password };
  }
  return credentials;
}
