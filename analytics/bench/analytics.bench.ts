/**
 * `npm run bench:analytics -- --patients 63000000`: generates a population straight into DuckDB,
 * then times in the same run the full snapshot refresh, the naive patient-by-month plan coverage
 * (checked equal to the engine's), and at --pg-patients (default 1.5 million) the Postgres copy (median of three)
 * and the naive plan coverage in Postgres against DuckDB. Writes a table to --out
 * (its own section of docs/benchmarks.md by default). Options: --practices, --from, --to, --dir, --skip-naive, --pg-patients 0, --notes "text under the table".
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyRecordsFromPostgres, type PostgresCopyReport } from '../src/engine/postgres-copy';
import { parseMonth, PATIENTS_PER_SLICE, patientSlices } from '../src/engine/snapshot-build';
import { BUILD_MEMORY_LIMIT, refreshSnapshotFromDuckDb } from '../src/engine/snapshot-refresh';
import { currentSnapshotPath } from '../src/engine/snapshot-store';
import { startEmbeddedPostgres } from '../src/engine/testing/embedded-postgres';
import {
  attachBenchSnapshotSql,
  DETACH_BENCH_SNAPSHOT_SQL,
  NAIVE_CELLS_SQL,
  NAIVE_ENGLAND_SQL,
  SNAPSHOT_ENGLAND_PLAN_COVERAGE_SQL,
} from '../src/sql/bench-queries.sql';
import { naivePlanCoverageInSlicesSql, naivePlanCoverageSql } from '../src/sql/naive-plan-coverage.sql';
import { PATIENT_ID_RANGE_SQL } from '../src/sql/patient-state.sql';
import { POSTGRES_RECORD_INDEXES_SQL, POSTGRES_RECORD_TABLES_SQL, POSTGRES_SETTLE_SQL } from './postgres-record-tables.sql';
import { duckdbCopyOutSql, postgresCopyInSql } from '../src/sql/record-copy.sql';
import { CREATE_RECORD_TABLES_SQL, RECORD_TABLE_NAMES } from '../src/sql/record-tables.sql';
import { countRecordRows, generatePopulation } from '../src/synthetic/generate-population';
import { writeBenchmarkSection } from '../../test/support/benchmark-docs';

const ANALYTICS_HEADING = '## Analytics (`npm run bench:analytics`)';

interface Options {
  patients: number;
  practices: number;
  from: string;
  to: string;
  pgPatients: number;
  skipNaive: boolean;
  dir: string;
  out: string;
  notes: string | undefined;
}

function parseOptions(argv: string[]): Options {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const patients = Number(value('patients') ?? 1_000_000);
  return {
    patients,
    practices: Number(value('practices') ?? Math.max(10, Math.round(patients / 10_000))),
    from: value('from') ?? '2020-01',
    to: value('to') ?? '2024-12',
    pgPatients: Number(value('pg-patients') ?? 1_500_000),
    skipNaive: argv.includes('--skip-naive'),
    dir: resolve(value('dir') ?? join(tmpdir(), `pcsp-bench-${process.pid}`)),
    out: resolve(value('out') ?? 'docs/benchmarks.md'),
    notes: value('notes'),
  };
}

/** The commit measured, marked when the working tree differs from it (figures are quoted against commits). */
function commitMeasured(): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return `commit ${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--untracked-files=no') === '' ? '' : ' with uncommitted changes'}`;
  } catch {
    return 'commit unknown (not a git checkout)';
  }
}

const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

/** Peak resident memory since the last reset, in GiB (Linux). */
function peakGiB(): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) / 1024 / 1024 : Number.NaN;
}
function resetPeak(): void {
  writeFileSync('/proc/self/clear_refs', '5');
}

async function timed<T>(label: string, work: () => Promise<T>): Promise<{ result: T; seconds: number; peak: number }> {
  resetPeak();
  const started = performance.now();
  const result = await work();
  const seconds = (performance.now() - started) / 1000;
  const peak = peakGiB();
  log(`${label}: ${seconds.toFixed(1)} s, peak ${peak.toFixed(2)} GiB`);
  return { result, seconds, peak };
}

/** The naive plan coverage into `naive_result`, in the engine's slices of patients (naivePlanCoverageInSlicesSql). */
async function naivePlanCoverage(connection: DuckDBConnection, first: number, last: number): Promise<void> {
  const slices = patientSlices((await connection.runAndReadAll(PATIENT_ID_RANGE_SQL)).getRows()[0], PATIENTS_PER_SLICE);
  for (const sql of naivePlanCoverageInSlicesSql(first, last, slices)) await connection.run(sql);
}

async function englandCheck(connection: DuckDBConnection, snapshotFile: string): Promise<string> {
  const naive = (await connection.runAndReadAll(NAIVE_ENGLAND_SQL)).getRowsJson();
  await connection.run(attachBenchSnapshotSql(snapshotFile));
  try {
    const engine = (await connection.runAndReadAll(SNAPSHOT_ENGLAND_PLAN_COVERAGE_SQL)).getRowsJson();
    return JSON.stringify(naive) === JSON.stringify(engine) ? 'equal' : `DIFFERENT (${naive.length} vs ${engine.length} months)`;
  } finally {
    await connection.run(DETACH_BENCH_SNAPSHOT_SQL);
  }
}

/** Postgres → DuckDB copies timed, of which the median is reported. */
const COPY_ROUNDS = 3;

/** DuckDB's memory limit for generation and the naive methods. */
const GENERATION_MEMORY_LIMIT = '16GB';

async function openDuckDb(path: string, dir: string) {
  const instance = await DuckDBInstance.create(path, { threads: '2', memory_limit: GENERATION_MEMORY_LIMIT, temp_directory: join(dir, 'duckdb-tmp') });
  return { instance, connection: await instance.connect() };
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  rmSync(o.dir, { recursive: true, force: true });
  mkdirSync(o.dir, { recursive: true });
  const first = parseMonth(o.from, 'from');
  const last = parseMonth(o.to, 'to');
  const asOf = new Date(Date.UTC(Math.floor((last + 1) / 12), (last + 1) % 12, 1));
  const rows: string[][] = [];
  const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');
  const loadBefore = loadavg()[0].toFixed(1);
  // Taken at the start: the tree may change while a national run takes its half hour.
  const commit = commitMeasured();

  log(`${fmt(o.patients)} patients, ${fmt(o.practices)} practices, ${o.from} to ${o.to}, in ${o.dir}`);
  const national = await openDuckDb(join(o.dir, 'records.duckdb'), o.dir);
  const generated = await timed('generate', () =>
    generatePopulation(national.connection, { practices: o.practices, patients: o.patients, from: o.from, to: o.to, seed: 20241 }, { log }),
  );
  const recordRows = Object.values(generated.result.rows).reduce((a, b) => a + b, 0);
  rows.push([`generate ${fmt(o.patients)} patients into DuckDB`, generated.seconds.toFixed(1), fmt(recordRows / generated.seconds), generated.peak.toFixed(2), '']);

  const snapshotDir = join(o.dir, 'snapshots');
  // Generation may use more; the refresh is measured with the limit a real refresh has.
  await national.connection.run(`SET memory_limit = '${BUILD_MEMORY_LIMIT}'`);
  const refresh = await timed('full refresh', () =>
    refreshSnapshotFromDuckDb({ connection: national.connection, snapshotDir, asOf, from: o.from, log }),
  );
  // The naive method gets generation's larger limit back: a baseline starved of memory would flatter the ratio.
  await national.connection.run(`SET memory_limit = '${GENERATION_MEMORY_LIMIT}'`);
  rows.push([
    `full refresh (14 measures, 6 levels, ${last - first + 1} months, every breakdown; ${fmt(refresh.result.cells)} cells)`,
    refresh.seconds.toFixed(1), fmt(recordRows / refresh.seconds), refresh.peak.toFixed(2), '',
  ]);

  if (!o.skipNaive) {
    const naive = await timed('naive plan coverage (DuckDB)', () =>
      naivePlanCoverage(national.connection, first, last),
    );
    const check = await englandCheck(national.connection, currentSnapshotPath(snapshotDir) as string);
    log(`naive plan coverage vs the engine, England by month: ${check}`);
    rows.push([
      `naive patient-by-month plan coverage in DuckDB (England totals ${check} to the engine's)`,
      naive.seconds.toFixed(1), fmt(recordRows / naive.seconds), naive.peak.toFixed(2),
      `full refresh ${(naive.seconds / refresh.seconds).toFixed(1)}× faster`,
    ]);
  }
  national.connection.closeSync();
  national.instance.closeSync();

  if (o.pgPatients > 0) {
    const pgDir = join(o.dir, 'postgres');
    mkdirSync(pgDir, { recursive: true });
    const server = await startEmbeddedPostgres(pgDir);
    try {
      const small = await openDuckDb(':memory:', o.dir);
      const pgPractices = Math.max(10, Math.round(o.pgPatients / 10_000));
      await generatePopulation(small.connection, { practices: pgPractices, patients: o.pgPatients, from: o.from, to: o.to, seed: 20241 });
      const pgRows = Object.values(await countRecordRows(small.connection)).reduce((a, b) => a + b, 0);
      const client = new Client({ connectionString: server.url });
      await client.connect();
      await client.query(POSTGRES_RECORD_TABLES_SQL);
      for (const table of RECORD_TABLE_NAMES) {
        const file = join(o.dir, `${table}.csv`);
        await small.connection.run(duckdbCopyOutSql(table, file));
        await pipeline(createReadStream(file), client.query(copyFrom(postgresCopyInSql(table))));
        rmSync(file);
      }
      await client.query(POSTGRES_RECORD_INDEXES_SQL);
      for (const sql of POSTGRES_SETTLE_SQL) await client.query(sql);
      log(`loaded ${fmt(pgRows)} rows (${fmt(o.pgPatients)} patients) into Postgres`);

      // Three copies, each into a new DuckDB file, and their median: one copy's time varies by a tenth from run to run.
      const copies: Awaited<ReturnType<typeof timed<PostgresCopyReport>>>[] = [];
      let copied = await openDuckDb(join(o.dir, 'copied-1.duckdb'), o.dir);
      for (let i = 1; i <= COPY_ROUNDS; i++) {
        if (i > 1) {
          copied.connection.closeSync();
          copied.instance.closeSync();
          rmSync(join(o.dir, `copied-${i - 1}.duckdb`), { force: true });
          copied = await openDuckDb(join(o.dir, `copied-${i}.duckdb`), o.dir);
        }
        await copied.connection.run(CREATE_RECORD_TABLES_SQL);
        const target = copied.connection;
        copies.push(await timed(`Postgres → DuckDB copy ${i}/${COPY_ROUNDS}`, () => copyRecordsFromPostgres(server.url, target, { tmpDir: o.dir, log })));
      }
      const copy = [...copies].sort((a, b) => a.seconds - b.seconds)[Math.floor(COPY_ROUNDS / 2)];
      rows.push([
        `snapshot copy Postgres → DuckDB, ${fmt(copy.result.totalRows)} rows (median of ${COPY_ROUNDS} copies: ${copies.map((c) => c.seconds.toFixed(1)).join(', ')} s)`,
        copy.seconds.toFixed(1), fmt(copy.result.rowsPerSecond), Math.max(...copies.map((c) => c.peak)).toFixed(2), '',
      ]);

      const inPostgres = await timed('naive plan coverage (Postgres)', () => client.query(naivePlanCoverageSql('postgres', first, last)));
      const inDuckDb = await timed('naive plan coverage (DuckDB, same population)', () =>
        naivePlanCoverage(copied.connection, first, last),
      );
      const smallRefresh = await timed('full refresh (same population)', () =>
        refreshSnapshotFromDuckDb({ connection: copied.connection, snapshotDir: join(o.dir, 'snapshots-small'), asOf, from: o.from }),
      );
      // The two dialects pick the registration held each their own way (naivePlanCoverageSql): same cells or no row.
      const cellKeys = (cells: Record<string, unknown>[]) =>
        cells.map((r) => [r.practice_code, Number(r.month_index), Number(r.numerator), Number(r.denominator)].join('|')).sort();
      const duckCells = (await copied.connection.runAndReadAll(NAIVE_CELLS_SQL)).getRowObjectsJson();
      const dialects = JSON.stringify(cellKeys(inPostgres.result.rows)) === JSON.stringify(cellKeys(duckCells)) ? 'equal' : 'DIFFERENT';
      log(`naive plan coverage, Postgres against DuckDB, every practice and month: ${dialects}`);
      rows.push([
        `naive plan coverage in Postgres, ${fmt(o.pgPatients)} patients (every practice's cells ${dialects} to DuckDB's)`,
        inPostgres.seconds.toFixed(1), fmt(pgRows / inPostgres.seconds), '(server)', '',
      ]);
      rows.push([
        `naive plan coverage in DuckDB, ${fmt(o.pgPatients)} patients`, inDuckDb.seconds.toFixed(1), fmt(pgRows / inDuckDb.seconds), inDuckDb.peak.toFixed(2),
        `${(inPostgres.seconds / inDuckDb.seconds).toFixed(1)}× faster than Postgres`,
      ]);
      rows.push([
        `full refresh, ${fmt(o.pgPatients)} patients`, smallRefresh.seconds.toFixed(1), fmt(pgRows / smallRefresh.seconds), smallRefresh.peak.toFixed(2),
        `${(inPostgres.seconds / smallRefresh.seconds).toFixed(1)}× faster than naive plan coverage alone in Postgres`,
      ]);
      await client.end();
      copied.connection.closeSync();
      copied.instance.closeSync();
      small.connection.closeSync();
      small.instance.closeSync();
    } finally {
      await server.stop();
    }
  }

  // The naive methods run at national size unless skipped, and at --pg-patients in both engines.
  const naiveRuns = !o.skipNaive || o.pgPatients > 0;
  const table = [
    `\`npm run bench:analytics -- ${process.argv.slice(2).join(' ')}\` on ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ` +
      `${new Date().toISOString().slice(0, 10)}, ${commit}; load average ${loadBefore} before the run, ${loadavg()[0].toFixed(1)} after. ` +
      'Rows per second are record rows processed per second; peak is the resident memory of the process (DuckDB runs in it). ' +
      `The refresh runs under a refresh's own DuckDB memory limit (${BUILD_MEMORY_LIMIT}); generation${naiveRuns ? ' and the naive methods' : ''} under ${GENERATION_MEMORY_LIMIT}` +
      (naiveRuns ? `, the naive method a slice of ${fmt(PATIENTS_PER_SLICE)} patients at a time, as the engine takes them.` : '.') +
      (o.pgPatients > 0
        ? ` Postgres is vacuumed, analysed and checkpointed after the benchmark loads it, and the copy is timed ${COPY_ROUNDS} times, its median reported.`
        : ''),
    '',
    '| step | seconds | rows/s | peak GiB | ratio |',
    '|---|---:|---:|---:|---|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
    ...(o.notes ? [o.notes, ''] : []),
  ].join('\n');
  writeBenchmarkSection(o.out, ANALYTICS_HEADING, table);
  console.log(`\n${table}\nwritten to ${o.out}`);
  rmSync(o.dir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
