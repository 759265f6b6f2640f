import { DuckDBInstance } from '@duckdb/node-api';
import { mkdir, rm } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { RecordTableName } from '../sql/record-tables.sql';
import type { PatientIdentity } from '../sql/synthetic-extract.sql';
import { CHECKPOINT_SQL, spillSettingsSql } from '../sql/synthetic-output.sql';
import { DROP_SYNTHETIC_SCHEMA_SQL } from '../sql/synthetic-population.sql';
import { writeFhirBulk, type FhirBulkSummary } from './fhir-bulk.writer';
import { writeFlatExtract, type FlatExtractSummary } from './flat-extract.writer';
import { generatePopulation } from './generate-population';
import { validatePopulationOptions, type PopulationOptions } from './population-options';

export interface GenerateToDirectoryOptions extends PopulationOptions {
  /** A folder for CSV or FHIR NDJSON; for duckdb a folder (population.duckdb is written in it) or a `.duckdb`/`.db` file path. */
  out: string;
  format: 'csv' | 'duckdb' | 'fhir';
  identity?: PatientIdentity;
  log?: (message: string) => void;
}

export interface GenerateToDirectoryResult {
  format: 'csv' | 'duckdb' | 'fhir';
  /** The folder of CSV files, or the DuckDB file. */
  path: string;
  rows: Record<RecordTableName, number>;
  /** Rows per CSV file, dirty rows included (csv only). */
  files?: FlatExtractSummary | FhirBulkSummary;
  seconds: number;
}

/** Above this many patients a CSV generation works in a scratch database file instead of memory. */
const IN_MEMORY_PATIENTS = 2_000_000;

/** Default demo population: about 40 practices in 2 ICBs, 300,000 patients, five years to last month. */
export function demoPopulationOptions(today: Date = new Date()): PopulationOptions {
  const last = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1));
  const first = new Date(Date.UTC(last.getUTCFullYear() - 5, last.getUTCMonth() + 1, 1));
  const month = (date: Date) => date.toISOString().slice(0, 7);
  return { practices: 40, patients: 300_000, from: month(first), to: month(last), seed: 20_240_401 };
}

/** Generates a population and writes it as a flat extract (csv) or a DuckDB file (duckdb): what `pcsp generate` runs. */
export async function generateToDirectory(options: GenerateToDirectoryOptions): Promise<GenerateToDirectoryResult> {
  validatePopulationOptions(options);
  if (options.format !== 'csv' && options.format !== 'duckdb' && options.format !== 'fhir') {
    throw new Error(`format must be csv, duckdb or fhir, got ${String(options.format)}`);
  }
  const began = performance.now();
  const { log } = options;
  const population: PopulationOptions = {
    practices: options.practices,
    patients: options.patients,
    from: options.from,
    to: options.to,
    seed: options.seed,
    dirty: options.dirty,
  };

  if (options.format === 'duckdb') {
    const path = ['.duckdb', '.db'].includes(extname(options.out)) ? resolve(options.out) : join(resolve(options.out), 'population.duckdb');
    await mkdir(resolve(path, '..'), { recursive: true });
    await rm(path, { force: true });
    await rm(`${path}.wal`, { force: true });
    const instance = await DuckDBInstance.create(path);
    const connection = await instance.connect();
    try {
      await connection.run(spillSettingsSql(`${path}.tmp`));
      const summary = await generatePopulation(connection, population, { log });
      await connection.run(DROP_SYNTHETIC_SCHEMA_SQL);
      await connection.run(CHECKPOINT_SQL);
      return { format: 'duckdb', path, rows: summary.rows, seconds: (performance.now() - began) / 1000 };
    } finally {
      connection.closeSync();
      instance.closeSync();
      await rm(`${path}.tmp`, { recursive: true, force: true });
    }
  }

  const directory = resolve(options.out);
  await mkdir(directory, { recursive: true });
  const scratch = join(directory, '.pcsp-generate.duckdb');
  const onDisk = options.patients > IN_MEMORY_PATIENTS;
  const instance = await DuckDBInstance.create(onDisk ? scratch : ':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(spillSettingsSql(join(directory, '.pcsp-generate.tmp')));
    const summary = await generatePopulation(connection, population, { log });
    const writing = performance.now();
    if (options.format === 'fhir') {
      const files = await writeFhirBulk(connection, directory);
      log?.(`FHIR NDJSON files: ${((performance.now() - writing) / 1000).toFixed(1)} s`);
      return { format: 'fhir', path: directory, rows: summary.rows, files, seconds: (performance.now() - began) / 1000 };
    }
    const files = await writeFlatExtract(connection, directory, { identity: options.identity });
    log?.(`CSV files: ${((performance.now() - writing) / 1000).toFixed(1)} s`);
    return { format: 'csv', path: directory, rows: summary.rows, files, seconds: (performance.now() - began) / 1000 };
  } finally {
    connection.closeSync();
    instance.closeSync();
    await rm(join(directory, '.pcsp-generate.tmp'), { recursive: true, force: true });
    if (onDisk) {
      await rm(scratch, { force: true });
      await rm(`${scratch}.wal`, { force: true });
    }
  }
}
