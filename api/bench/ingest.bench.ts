// Ingest throughput (not a test): `npm run bench:ingest [-- --patients N] [--skip-fhir]`.
// --no-docs prints the tables without writing docs/benchmarks.md (profiling runs).
// --skip-fhir leaves out the FHIR import (and its side-by-side table) for a quicker CSV-only run.
// Writes a synthetic flat extract once (reused from the temp folder when present), then in one run
// and one PostgreSQL: a plain COPY of the same CSV rows into bare tables (the ceiling), and the
// validated import (parse, check, pseudonymise, stage, check references, merge) into a migrated
// database, first into empty tables and then again over the same rows (which changes nothing).
import 'reflect-metadata';
import { existsSync, readFileSync, writeFileSync, createReadStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { generateToDirectory } from '../../analytics/src/synthetic/generate-to-directory';
import { loadConfig } from '../src/config/app-config';
import { createDataSource } from '../src/database/data-source';
import { openDatabaseServer } from '../src/database/database-server';
import { EXTRACT_FILES, extractFileSpecs } from '../src/modules/imports/extract-files';
import { importExtract, localToday } from '../src/modules/imports/extract-import';
import { importFhir } from '../src/modules/fhir-import/fhir-import';
import { writeBenchmarkSection } from '../../test/support/benchmark-docs';

const argument = (name: string, fallback: string): string => {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : process.argv[at + 1];
};
const patients = Number(argument('patients', '1500000'));
const skipFhir = process.argv.includes('--skip-fhir');
const writeDocs = !process.argv.includes('--no-docs');
const practices = Math.max(1, Math.round(patients / 10_000));
const root = join(tmpdir(), 'pcsp-ingest-bench');
const extract = join(root, `extract-${patients}`);
const fhirExport = join(root, `fhir-${patients}`);
const docs = resolve(__dirname, '../../docs/benchmarks.md');
const fmt = (n: number): string => Math.round(n).toLocaleString('en-GB');
const log = (message: string) => process.stderr.write(`${message}\n`);

async function ensureExtract(): Promise<void> {
  const marker = join(extract, '.complete');
  if (existsSync(marker)) {
    log(`Reusing the extract in ${extract}`);
    return;
  }
  log(`Generating ${fmt(patients)} patients in ${practices} practices into ${extract}`);
  const result = await generateToDirectory({
    out: extract, format: 'csv', identity: 'patient_id', practices, patients, from: '2021-11', to: '2026-10', seed: 1, log: (m) => log(`  ${m}`),
  });
  writeFileSync(marker, JSON.stringify(result.files));
}

/** The same population as FHIR NDJSON (pcsp generate --format fhir). */
async function ensureFhirExport(): Promise<void> {
  const marker = join(fhirExport, '.complete');
  if (existsSync(marker)) return;
  log(`Generating the same population as FHIR NDJSON into ${fhirExport}`);
  const result = await generateToDirectory({ out: fhirExport, format: 'fhir', practices, patients, from: '2021-11', to: '2026-10', seed: 1, log: (m) => log(`  ${m}`) });
  writeFileSync(marker, JSON.stringify(result.files));
}

/** The ceiling: COPY of each CSV into a bare table of the same columns (typed, no keys, no checks). */
async function plainCopy(url: string): Promise<{ rows: number; seconds: number }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const specs = extractFileSpecs(localToday());
  let rows = 0;
  const began = performance.now();
  try {
    for (const file of EXTRACT_FILES) {
      const spec = specs[file];
      const header = readFileSync(join(extract, file), { encoding: 'utf8', flag: 'r' }).slice(0, 4096).split('\n')[0].split(',');
      const type = (name: string) => spec.columns.find((c) => c.name === name)?.sqlType ?? 'text';
      const table = `bare_${file.replace('.csv', '')}`;
      await client.query(`CREATE TABLE ${table} (${header.map((h) => `${h} ${type(h)}`).join(', ')})`);
      await pipeline(createReadStream(join(extract, file), { highWaterMark: 256 * 1024 }), client.query(copyFrom(`COPY ${table} FROM STDIN (FORMAT csv, HEADER true)`)));
      rows += Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
    }
    return { rows, seconds: (performance.now() - began) / 1000 };
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  await mkdir(root, { recursive: true });
  await ensureExtract();
  if (!skipFhir) await ensureFhirExport();
  const config = loadConfig({ ...process.env, DATABASE_URL: process.env.BENCH_DATABASE_URL, DATA_DIR: join(root, 'data'), LOG_LEVEL: 'silent' });
  const server = await openDatabaseServer(config, log);
  const admin = new Client({ connectionString: server.url });
  await admin.connect();
  const name = `pcsp_ingest_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  const dataSource = createDataSource(url.toString());
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'all' });

    // A checkpoint (untimed) before each timed step, so that no step pays for writing out the one before.
    const checkpoint = () => admin.query('CHECKPOINT');
    await checkpoint();
    log('Plain COPY into bare tables…');
    const ceiling = await plainCopy(url.toString());
    log(`  ${fmt(ceiling.rows)} rows in ${ceiling.seconds.toFixed(1)} s`);

    const runs: { label: string; rows: number; seconds: number; changed: number; resources?: number }[] = [];
    const steps = new Map<string, Record<string, number>>();
    for (const label of ['validated import into empty tables', 'validated re-import of the same rows (changes nothing)']) {
      await checkpoint();
      log(`${label}…`);
      const began = performance.now();
      let lastLog = 0;
      const job = await importExtract(dataSource, [extract], {
        pseudonymKey: config.pseudonymKey,
        onStep: (file, step, seconds) => {
          const key = `${label.startsWith('validated re-import') ? 'again' : 'first'} ${file}`;
          const entry = steps.get(key) ?? {};
          entry[step] = (entry[step] ?? 0) + seconds;
          steps.set(key, entry);
        },
        onProgress: (p) => {
          if (performance.now() - lastLog > 5000) {
            lastLog = performance.now();
            log(`  ${p.file ?? ''} ${((100 * p.bytesRead) / Math.max(1, p.bytesTotal)).toFixed(0)}% ${fmt(p.rowsRead)} rows`);
          }
        },
      });
      const seconds = (performance.now() - began) / 1000;
      if (job.status !== 'succeeded') throw new Error(`the import failed: ${JSON.stringify(job.files)} ${job.failure ?? ''}`);
      for (const f of job.files) log(`  ${f.file.padEnd(26)} ${fmt(f.rowsRead).padStart(11)} rows, ${fmt(f.inserted)} inserted, ${fmt(f.updated)} updated`);
      runs.push({ label, rows: job.rowsRead, seconds, changed: job.files.reduce((s, f) => s + f.inserted + f.updated, 0) });
      log(`  ${fmt(job.rowsRead)} rows in ${seconds.toFixed(1)} s`);
    }

    // The FHIR import of the same population, into a database of its own: resources are mapped to the
    // contract's rows, then go through the same staging, checks and merge.
    const fhirName = `${name}_fhir`;
    if (!skipFhir) await admin.query(`CREATE DATABASE ${fhirName}`);
    const fhirUrl = new URL(server.url);
    fhirUrl.pathname = `/${fhirName}`;
    const fhirSource = createDataSource(fhirUrl.toString());
    if (!skipFhir) try {
      await fhirSource.initialize();
      await fhirSource.runMigrations({ transaction: 'all' });
      for (const label of ['FHIR NDJSON import into empty tables', 'FHIR NDJSON re-import of the same resources (changes nothing)']) {
        await checkpoint();
        log(`${label}…`);
        const began = performance.now();
        const job = await importFhir(fhirSource, [fhirExport], { pseudonymKey: config.pseudonymKey });
        const seconds = (performance.now() - began) / 1000;
        if (job.status !== 'succeeded') throw new Error(`the FHIR import failed: ${JSON.stringify(job.files)} ${job.failure ?? ''}`);
        const resources = Object.values(job.fhir?.resources ?? {}).reduce((sum, n) => sum + n, 0);
        runs.push({ label: `${label}: ${fmt(resources)} resources`, rows: job.rowsRead, seconds, changed: job.files.reduce((sum, f) => sum + f.inserted + f.updated, 0), resources });
        log(`  ${fmt(resources)} resources, ${fmt(job.rowsRead)} rows in ${seconds.toFixed(1)} s`);
      }
    } finally {
      if (fhirSource.isInitialized) await fhirSource.destroy();
      await admin.query(`DROP DATABASE IF EXISTS ${fhirName} WITH (FORCE)`).catch(() => undefined);
    }

    const ceilingRate = ceiling.rows / ceiling.seconds;
    const table = [
      '| step | rows | seconds | rows per second | share of the ceiling |',
      '|---|---:|---:|---:|---:|',
      `| plain \`COPY\` of the CSV files into bare tables (ceiling) | ${fmt(ceiling.rows)} | ${ceiling.seconds.toFixed(1)} | ${fmt(ceilingRate)} | 100% |`,
      ...runs.map(
        (r) =>
          `| ${r.label} | ${fmt(r.rows)} | ${r.seconds.toFixed(1)} | ${fmt(r.rows / r.seconds)} | ${((100 * r.rows) / r.seconds / ceilingRate).toFixed(0)}% |`,
      ),
    ].join('\n');
    // The same population through both importers, side by side: runs are CSV first, CSV again, FHIR first, FHIR again.
    const sideBySide = skipFhir ? '' : [
      '| import | CSV rows | CSV seconds | CSV rows per second | FHIR resources | FHIR rows (the contract rows they became) | FHIR seconds | FHIR rows per second | FHIR time ÷ CSV time |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...['into empty tables', 'again over the same rows (changes nothing)'].map((label, i) => {
        const [csv, fhir] = [runs[i], runs[i + 2]];
        return `| ${label} | ${fmt(csv.rows)} | ${csv.seconds.toFixed(1)} | ${fmt(csv.rows / csv.seconds)} | ${fmt(fhir.resources ?? 0)} | ${fmt(fhir.rows)} | ${fhir.seconds.toFixed(1)} | ${fmt(fhir.rows / fhir.seconds)} | ${(fhir.seconds / csv.seconds).toFixed(2)} |`;
      }),
    ].join('\n');
    const stepTable = [
      '| import | file | read, check rows, stage (s) | check keys and references (s) | merge (s) | warnings (s) |',
      '|---|---|---:|---:|---:|---:|',
      ...[...steps.entries()].map(([key, s]) => {
        const [run, file] = key.split(' ');
        const cell = (n: number | undefined) => (n === undefined ? '' : n.toFixed(1));
        return `| ${run} | ${file} | ${cell(s.stage)} | ${cell(s.check)} | ${cell(s.merge)} | ${cell(s.warnings)} |`;
      }),
    ].join('\n');
    process.stdout.write(`${table}\n\n${sideBySide}\n\n${stepTable}\n`);
    const markdown = `
Synthetic flat extract from the generator: ${fmt(patients)} patients in ${practices} practices, 2021-11 to 2026-10, seed 1,
\`patient_id\` identity, ${fmt(ceiling.rows)} rows in ten files. One run on one PostgreSQL 16 (the embedded server, as
\`npm start\` runs it); ${new Date().toISOString().slice(0, 10)}, a 2-core machine shared with other work; a checkpoint before
each step, untimed. The validated import
reads each file as a stream and checks every row against the data contract. Into empty tables (a first load) the
rows that pass are COPYed straight into their record table, read and checked as bytes, given their ids and their
patients' and plans' ids in Node, the table's unique keys and indexes rebuilt after (patients.csv and care_plans.csv
are first read into a file of COPY text, so that the files needing their ids are read while PostgreSQL COPYs
them); into stored tables they are COPYed
into a temporary staging table, checked for references and duplicate keys against the stored and staged rows, and
merged with \`INSERT … ON CONFLICT\` on the natural keys, leaving out by an anti-join the rows stored as they are.
Either way each file of a CSV extract is one transaction, committed in the contract's order, and up to eight files
are in flight at once; a FHIR import applies the contract files made from the same source files (patients.csv and
registrations.csv from Patient.ndjson, say) one after another in one transaction, so that they commit together or not
at all. Goal: at least half the ceiling. ${skipFhir ? 'The FHIR import was not run (--skip-fhir).' : `The FHIR rows import the
same population written by \`pcsp generate --format fhir\` (registrations inside Patient, reviews and adjustments as
Procedures, admissions as Encounters, no training) into a database of their own; their rows are the contract rows
the resources became, so their rate compares with the CSV rows above.`}

${table}
${skipFhir ? '' : `
The CSV and FHIR imports of the same population side by side (the FHIR rows lack training.csv, which has no FHIR
resource):

${sideBySide}
`}
Where the time goes, per file (seconds of each step; steps of neighbouring files overlap). On a first load,
"read, check rows, stage" is the COPY straight into the record table and "merge" the rebuild of its keys and
indexes; on a re-import, the COPY into staging, the reference and duplicate checks, and the upsert. Registrations'
warnings are worked out in Node on a first load (from the rows loaded) and by a query on a re-import.

${stepTable}
`;
    if (writeDocs) {
      writeBenchmarkSection(docs, '## Ingest (`npm run bench:ingest`)', markdown);
      log(`Wrote ${docs}`);
    }
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
