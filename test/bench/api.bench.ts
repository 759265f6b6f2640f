// API load benchmark (not a test): `npm run bench:api [-- --practices 6300 --patients 126000 --from 2023-01 --to 2024-12 --seconds 10 --keep --dir DIR --reuse --build-only --only series,... --notes TEXT]`.
// --build-only stops once the data is built (for --reuse by this and `npm run bench:web`).
// Generates a population straight into DuckDB with the national number of practices (few patients
// each: the size of the results is what matters), builds the snapshot, starts the real app over an
// embedded PostgreSQL holding the organisations and one admin (bearer token), then runs autocannon
// with 50 connections against each endpoint of a dashboard's mix and against the whole mix.
import 'reflect-metadata';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import autocannon, { type Request as CannonRequest, type Result } from 'autocannon';
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseMonth, formatMonth } from '../../analytics/src/engine/snapshot-build';
import { refreshSnapshotFromDuckDb } from '../../analytics/src/engine/snapshot-refresh';
import { readSnapshotPointer, snapshotStanding, type SnapshotPointer } from '../../analytics/src/engine/snapshot-store';
import { MEASURES } from '../../analytics/src/measures/measure-registry';
import { generatePopulation } from '../../analytics/src/synthetic/generate-population';
import { loadConfig } from '../../api/src/config/app-config';
import { createApp } from '../../api/src/main';
import { BENCH_PASSWORD, startBenchDatabase } from './bench-database';
import { writeBenchmarkSection } from '../support/benchmark-docs';

const argument = (name: string, fallback: string): string => {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : process.argv[at + 1];
};
const practices = Number(argument('practices', '6300'));
const patients = Number(argument('patients', String(practices * 20)));
const from = argument('from', '2023-01');
const to = argument('to', '2024-12');
const seconds = Number(argument('seconds', '10'));
const CONNECTIONS = 50;
/** --notes: text written under the table (what changed, earlier runs to compare with). */
const notes = argument('notes', '');
const root = resolve(argument('dir', join(tmpdir(), `pcsp-api-bench-${process.pid}`)));
const docs = resolve(__dirname, '../../docs/benchmarks.md');
const fmt = (n: number): string => Math.round(n).toLocaleString('en-GB');
const log = (message: string) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${message}\n`);

async function rows(connection: DuckDBConnection, sql: string): Promise<string[][]> {
  return (await connection.runAndReadAll(sql)).getRows().map((row) => row.map(String));
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];

interface Timed {
  result: Result;
  p50: number;
  p95: number;
  p99: number;
}

interface Endpoint {
  name: string;
  path: () => string;
}

async function main(): Promise<void> {
  const last = parseMonth(to, 'to');
  const asOf = new Date(Date.UTC(Math.floor((last + 1) / 12), (last + 1) % 12, 10));
  const config = loadConfig({ DATA_DIR: 'data', LOG_LEVEL: 'silent', NODE_ENV: 'production' }, root);
  const snapshotDir = join(config.dataDir, 'snapshots');
  // --reuse: the records and snapshot of an earlier run kept with --keep --dir (only Postgres is made afresh), unless an
  // earlier engine built that snapshot: the server would rebuild it as it starts (an engine upgrade), in the timed rows.
  const kept = readSnapshotPointer(snapshotDir);
  const reusing =
    process.argv.includes('--reuse') && kept !== undefined && snapshotStanding(kept) === 'current' && existsSync(join(root, 'records.duckdb'));
  if (!reusing) {
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
  }

  const instance = await DuckDBInstance.create(join(root, 'records.duckdb'), { threads: '2', memory_limit: '4GB', temp_directory: join(root, 'duckdb-tmp') });
  const duck = await instance.connect();
  let pointer: SnapshotPointer;
  if (reusing) {
    pointer = readSnapshotPointer(snapshotDir) as SnapshotPointer;
    log(`Reusing ${root}: ${fmt(pointer.cells)} cells, ${pointer.firstMonth} to ${pointer.lastMonth}`);
  } else {
    log(`Generating ${fmt(patients)} patients in ${fmt(practices)} practices, ${from} to ${to}, in ${root}`);
    await generatePopulation(duck, { practices, patients, from, to, seed: 20241 });
    const began = performance.now();
    pointer = await refreshSnapshotFromDuckDb({ connection: duck, snapshotDir, asOf, from });
    log(`Snapshot: ${fmt(pointer.cells)} cells, ${pointer.firstMonth} to ${pointer.lastMonth}, built in ${((performance.now() - began) / 1000).toFixed(1)} s`);
  }
  const organisations = await rows(duck, 'SELECT code, name, level, coalesce(parent_code, \'\') FROM organisations ORDER BY code');
  duck.closeSync();
  instance.closeSync();
  if (process.argv.includes('--build-only')) return;

  const pg = await startBenchDatabase(join(root, 'postgres'), organisations, [{ email: 'bench@test.nhs.uk', name: 'bench', role: 'admin', areas: [] }]);

  // The app serves from a process of its own, so that autocannon's work is not timed as the app's.
  const server = fork(__filename, ['--serve', root, pg.url], { execArgv: process.execArgv, stdio: 'inherit' });
  const base = await new Promise<string>((done, fail) => {
    server.once('message', (message) => done(String(message)));
    server.once('exit', (code) => fail(new Error(`the app stopped (${code})`)));
  });
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'bench@test.nhs.uk', password: BENCH_PASSWORD }) });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const created = await fetch(`${base}/api/auth/tokens`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'bench' }) });
  const { token } = (await created.json()) as { token: string };
  const headers = { authorization: `Bearer ${token}` };

  const byLevel = (level: string) => organisations.filter((o) => o[2] === level);
  const practiceRows = byLevel('practice');
  const practiceCodes = practiceRows.map((o) => o[0]);
  const icbCodes = byLevel('icb').map((o) => o[0]);
  const words = [...new Set(practiceRows.flatMap((o) => o[1].split(/\s+/)).filter((w) => w.length >= 4))];
  const measureIds = MEASURES.map((m) => m.id);
  const month = pointer.lastMonth;
  const yearBefore = formatMonth(parseMonth(month, 'month') - 11);
  const endpoints: Endpoint[] = [
    // The floor: authenticated (bearer token, session lookup) but no snapshot read; what the framework itself costs here.
    { name: 'measures', path: () => '/api/measures' },
    { name: 'series', path: () => `/api/measures/${pick(measureIds)}/series?org=${pick(practiceCodes)}&from=${yearBefore}&to=${month}` },
    { name: 'compare', path: () => `/api/measures/${pick(measureIds)}/compare?month=${month}&level=practice&within=${pick(icbCodes)}` },
    { name: 'deciles', path: () => `/api/measures/${pick(measureIds)}/deciles?from=${yearBefore}&to=${month}&level=practice&org=${pick(practiceCodes)}` },
    { name: 'summary', path: () => `/api/orgs/${pick(practiceCodes)}/summary?month=${month}` },
    { name: 'orgs', path: () => `/api/orgs?level=practice&q=${encodeURIComponent(pick(words).toLowerCase())}` },
  ];

  // The server works out every practice's alerts as it starts (seconds at national size, on the main thread): wait for
  // that, as a dashboard that has been up a while would have, so that it is not timed as the first endpoints' cost.
  const warmed = performance.now();
  const alerts = await fetch(`${base}/api/alerts?limit=1`, { headers });
  if (alerts.status !== 200) throw new Error(`/api/alerts: ${alerts.status} ${await alerts.text()}`);
  log(`Alerts worked out at start: ready after ${((performance.now() - warmed) / 1000).toFixed(1)} s more`);

  // Every endpoint answers 200 before it is timed, so that a fast error cannot pass for a fast answer.
  const single = new Map<string, number>();
  for (const endpoint of endpoints) {
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      const path = endpoint.path();
      const t = performance.now();
      const response = await fetch(`${base}${path}`, { headers });
      const body = await response.text();
      times.push(performance.now() - t);
      if (response.status !== 200) throw new Error(`${path}: ${response.status} ${body}`);
    }
    single.set(endpoint.name, times.sort((a, b) => a - b)[5]);
    log(`${endpoint.name}: one request at a time, median ${single.get(endpoint.name)?.toFixed(1)} ms`);
  }

  const run = async (label: string, choose: () => string): Promise<Timed> => {
    const requests: CannonRequest[] = [{ method: 'GET', setupRequest: (request) => ({ ...request, path: choose() }) }];
    const times: number[] = [];
    const result = await new Promise<Result>((done, fail) => {
      const instance = autocannon({ url: base, connections: CONNECTIONS, duration: seconds, headers, requests }, (error, finished) => (error ? fail(error) : done(finished)));
      instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => times.push(responseTime));
    });
    times.sort((a, b) => a - b);
    // Nearest rank over every response, so p95 is exact (autocannon's summary has p90 and p97.5, not p95).
    const at = (p: number) => (times.length ? times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)] : Number.NaN);
    const timed = { result, p50: at(50), p95: at(95), p99: at(99) };
    log(`${label}: ${fmt(result.requests.average)} req/s, p50 ${timed.p50.toFixed(1)} ms, p95 ${timed.p95.toFixed(1)} ms, p99 ${timed.p99.toFixed(1)} ms`);
    return timed;
  };
  const loadBefore = loadavg()[0];
  const results: [string, Timed][] = [];
  // --only series,compare: time just those (for profiling; the docs are then not written).
  const only = argument('only', '').split(',').filter(Boolean);
  for (const endpoint of endpoints) if (only.length === 0 || only.includes(endpoint.name)) results.push([endpoint.name, await run(endpoint.name, endpoint.path)]);
  if (only.length > 0) {
    await new Promise((done) => {
      server.once('exit', done);
      server.kill('SIGTERM');
    });
    await pg.stop();
    return;
  }
  results.push(['mix (one of each in turn)', await run('mix', () => pick(endpoints).path())]);
  await new Promise((done) => {
    server.once('exit', done);
    server.kill('SIGTERM');
  });
  await pg.stop();

  // Each row against the floor measured in the same run (GET /api/measures: signed in, no snapshot read).
  const floor = results[0][1];
  const table = [
    '| requests | req/s | p50 ms | p95 ms | p99 ms | p95 ÷ floor | requests | errors (non-2xx, timeouts) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...results.map(
      ([name, { result: r, p50, p95, p99 }], i) =>
        `| ${i === 0 ? `${name} (floor)` : name} | ${fmt(r.requests.average)} | ${p50.toFixed(1)} | ${p95.toFixed(1)} | ${p99.toFixed(1)} | ${(p95 / floor.p95).toFixed(1)} | ${fmt(r.requests.total)} | ${r.errors + r.timeouts + r.non2xx} |`,
    ),
  ];
  const failures = results.reduce((sum, [, { result: r }]) => sum + r.errors + r.timeouts + r.non2xx, 0);
  const markdown = [
    `${fmt(practices)} practices (${fmt(organisations.length)} organisations), ${fmt(patients)} patients, snapshot ${pointer.firstMonth} to ${pointer.lastMonth} with ${fmt(pointer.cells)} cells.`,
    `The real app (production settings, logging off) over an embedded PostgreSQL, one admin with a bearer token (the widest scope: all of England);`,
    `autocannon, ${CONNECTIONS} connections, ${seconds} s per row, each request with a random measure and organisation (series and deciles over 12 months,`,
    `compare of the practices of a random ICB, report card of a random practice, organisation search by a word of a practice name).`,
    'The floor is `GET /api/measures`: signed in with the token (guard, session look-up) but no snapshot read, so its row is what',
    'the framework itself costs on this machine at this load; `p95 ÷ floor` says how far each endpoint is from it.',
    'Timing starts once the server has done what it does as it starts (the alerts of every practice, the whole-population cells into memory).',
    `Machine: ${cpus().length} cores shared with other work (load average ${loadBefore.toFixed(1)} before the runs, ${loadavg()[0].toFixed(1)} after).`,
    `One request at a time (median of 10): ${[...single].map(([name, ms]) => `${name} ${ms.toFixed(0)} ms`).join(', ')}.`,
    '',
    ...table,
    '',
    `Goal p95 under 50 ms: ${goal(results)}.`,
    ...(notes ? ['', notes] : []),
  ].join('\n');
  process.stdout.write(`\n${markdown}\n`);
  writeBenchmarkSection(docs, '## API (`npm run bench:api`)', markdown);
  if (!process.argv.includes('--keep')) rmSync(root, { recursive: true, force: true });
  if (failures > 0) {
    log(`${failures} requests failed`);
    process.exitCode = 1;
  }
}

function goal(results: [string, Timed][]): string {
  const met = results.filter(([, r]) => r.p95 < 50).map(([name]) => name);
  const missed = results.filter(([, r]) => r.p95 >= 50).map(([name]) => name);
  return [met.length ? `met by ${met.join(', ')}` : '', missed.length ? `missed by ${missed.join(', ')}` : ''].filter(Boolean).join('; ');
}

/** The child process: the real app over the benchmark's data folder and Postgres; says its URL when listening. */
async function serve(dir: string, databaseUrl: string): Promise<void> {
  const config = loadConfig({ DATA_DIR: 'data', LOG_LEVEL: 'silent', NODE_ENV: 'production', LOGIN_RATE_LIMIT: '1000' }, dir);
  const app = await createApp({ config, databaseUrl });
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
  process.send?.(await app.getUrl());
}

const serving = process.argv.indexOf('--serve');
(serving === -1 ? main() : serve(process.argv[serving + 1], process.argv[serving + 2])).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
