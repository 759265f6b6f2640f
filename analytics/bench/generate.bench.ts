// Throughput of the synthetic generator (not a test):
//   node -r ./analytics/bench/swc-register.cjs analytics/bench/generate.bench.ts [patients] [practices]
// Generates the population in DuckDB, then writes it as CSV and as a DuckDB file, printing rows per second.
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeDuckDbFile } from '../src/synthetic/duckdb-file.writer';
import { writeFlatExtract } from '../src/synthetic/flat-extract.writer';
import { generatePopulation } from '../src/synthetic/generate-population';

const patients = Number(process.argv[2] ?? 1_000_000);
const practices = Number(process.argv[3] ?? Math.max(1, Math.round(patients / 10_000)));
const rate = (rows: number, seconds: number) => `${Math.round(rows / seconds).toLocaleString('en-GB')} rows/s`;

async function main(): Promise<void> {
  const out = await mkdtemp(join(tmpdir(), 'pcsp-generate-bench-'));
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    process.stdout.write(`Generating ${patients.toLocaleString('en-GB')} patients in ${practices} practices, 2021-11 to 2026-10\n`);
    const summary = await generatePopulation(
      connection,
      { practices, patients, from: '2021-11', to: '2026-10', seed: 1 },
      { log: (message) => process.stdout.write(`  ${message}\n`) },
    );
    const total = Object.values(summary.rows).reduce((sum, n) => sum + n, 0);
    for (const [table, n] of Object.entries(summary.rows)) process.stdout.write(`  ${table.padEnd(22)} ${n.toLocaleString('en-GB').padStart(14)}\n`);
    process.stdout.write(`generate: ${total.toLocaleString('en-GB')} rows in ${summary.seconds.toFixed(1)} s, ${rate(total, summary.seconds)}\n`);

    let began = performance.now();
    await writeFlatExtract(connection, join(out, 'csv'));
    let seconds = (performance.now() - began) / 1000;
    let bytes = 0;
    for (const file of await readdir(join(out, 'csv'))) bytes += (await stat(join(out, 'csv', file))).size;
    process.stdout.write(`csv:      ${(bytes / 1e6).toFixed(0)} MB in ${seconds.toFixed(1)} s, ${rate(total, seconds)}\n`);

    began = performance.now();
    await writeDuckDbFile(connection, join(out, 'population.duckdb'));
    seconds = (performance.now() - began) / 1000;
    process.stdout.write(`duckdb:   ${((await stat(join(out, 'population.duckdb'))).size / 1e6).toFixed(0)} MB in ${seconds.toFixed(1)} s, ${rate(total, seconds)}\n`);
  } finally {
    connection.closeSync();
    instance.closeSync();
    await rm(out, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
