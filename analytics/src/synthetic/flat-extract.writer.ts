import type { DuckDBConnection } from '@duckdb/node-api';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  FLAT_EXTRACT_FILES,
  HAS_GENERATION_INFO_SQL,
  NHS_NUMBER_CAPACITY,
  READ_GENERATION_INFO_SQL,
  copyFlatExtractFileSql,
  createIdentitiesSql,
  type FlatExtractFile,
  type PatientIdentity,
} from '../sql/synthetic-extract.sql';
import { prepareSyntheticSession } from './generate-population';

export interface FlatExtractOptions {
  /** Which identity column the patient-level files carry (default `patient_id`). */
  identity?: PatientIdentity;
  /** Fraction of broken rows to add; default: the `dirty` the population was generated with, else 0. */
  dirty?: number;
}

/** Rows written to each file (dirty rows included). */
export type FlatExtractSummary = Record<FlatExtractFile, number>;

/**
 * Writes the record tables on the connection as the contract's flat extract (one CSV per file,
 * ordered, so the same tables give byte-identical files) into outDir.
 */
export async function writeFlatExtract(
  connection: DuckDBConnection,
  outDir: string,
  options: FlatExtractOptions = {},
): Promise<FlatExtractSummary> {
  const identity = options.identity ?? 'patient_id';
  const generated = Number((await connection.runAndReadAll(HAS_GENERATION_INFO_SQL)).getRows()[0][0]) > 0;
  const info = generated ? (await connection.runAndReadAll(READ_GENERATION_INFO_SQL)).getRowObjectsJS()[0] : undefined;
  const dirty = options.dirty ?? (info ? Number(info.dirty) : 0);
  if (!(dirty >= 0 && dirty <= 0.5)) throw new Error(`dirty must be a fraction from 0 to 0.5, got ${dirty}`);
  const endDate = info ? String(info.end_date) : new Date().toISOString().slice(0, 10);
  await prepareSyntheticSession(connection, { seed: info ? Number(info.seed) : 0, dirty, end: endDate });

  if (identity === 'nhs_number') {
    const patients = Number((await connection.runAndReadAll('SELECT count(*) FROM patients')).getRows()[0][0]);
    if (patients > NHS_NUMBER_CAPACITY) {
      throw new Error(
        `nhs_number identity covers at most ${NHS_NUMBER_CAPACITY.toLocaleString('en-GB')} patients (the 999 test range); ` +
          `this population has ${patients.toLocaleString('en-GB')}: use patient_id`,
      );
    }
  }
  await connection.run(createIdentitiesSql(identity));

  const directory = resolve(outDir);
  await mkdir(directory, { recursive: true });
  const summary = {} as FlatExtractSummary;
  for (const file of FLAT_EXTRACT_FILES) {
    const reader = await connection.runAndReadAll(copyFlatExtractFileSql(file, join(directory, file), identity, dirty > 0));
    summary[file] = Number(reader.getRows()[0]?.[0] ?? 0);
  }
  return summary;
}
