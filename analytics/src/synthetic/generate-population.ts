import type { DuckDBConnection } from '@duckdb/node-api';
import { performance } from 'node:perf_hooks';
import { CREATE_RECORD_TABLES_SQL, RECORD_TABLE_NAMES, type RecordTableName } from '../sql/record-tables.sql';
import {
  CREATE_GENERATION_INFO_SQL,
  DROP_SYNTHETIC_STAGING_SQL,
  SYNTHETIC_MACROS_SQL,
  SYNTHETIC_POPULATION_STEPS,
  setSyntheticVariableSql,
  type SyntheticVariable,
} from '../sql/synthetic-population.sql';
import { hierarchyCounts, validatePopulationOptions, type PopulationOptions } from './population-options';

/** What generatePopulation built. */
export interface PopulationSummary {
  rows: Record<RecordTableName, number>;
  seconds: number;
}

export interface GenerateOptions {
  /** Receives a line per step with its duration. */
  log?: (message: string) => void;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Sets the generator's session variables (syn_*) and macros on a connection. */
export async function prepareSyntheticSession(
  connection: DuckDBConnection,
  variables: Partial<Record<SyntheticVariable, number | string>>,
): Promise<void> {
  for (const [name, value] of Object.entries(variables) as [SyntheticVariable, number | string][]) {
    const type = typeof value === 'string' && ISO_DATE.test(value) ? 'DATE' : Number.isInteger(value) ? 'BIGINT' : 'DOUBLE';
    await connection.run(setSyntheticVariableSql(name, type), [typeof value === 'number' && type === 'BIGINT' ? BigInt(value) : value]);
  }
  await connection.run(SYNTHETIC_MACROS_SQL);
}

/** Row counts of the record tables. */
export async function countRecordRows(connection: DuckDBConnection): Promise<Record<RecordTableName, number>> {
  const reader = await connection.runAndReadAll(
    RECORD_TABLE_NAMES.map((table) => `SELECT '${table}' AS name, count(*) AS n FROM ${table}`).join(' UNION ALL '),
  );
  const rows = Object.fromEntries(RECORD_TABLE_NAMES.map((table) => [table, 0])) as Record<RecordTableName, number>;
  for (const [name, n] of reader.getRows()) rows[name as RecordTableName] = Number(n);
  return rows;
}

/**
 * Creates the record tables on the connection and fills them with a deterministic synthetic
 * population (set-based DuckDB SQL); leaves `synthetic.generation` for the flat-extract writer.
 */
export async function generatePopulation(
  connection: DuckDBConnection,
  options: PopulationOptions,
  { log }: GenerateOptions = {},
): Promise<PopulationSummary> {
  const period = validatePopulationOptions(options);
  const counts = hierarchyCounts(options.practices);
  const began = performance.now();
  await prepareSyntheticSession(connection, {
    seed: options.seed,
    patients: options.patients,
    practices: counts.practices,
    pcns: counts.pcns,
    sub_icbs: counts.subIcbs,
    icbs: counts.icbs,
    regions: counts.regions,
    from: period.from,
    end: period.end,
    horizon: period.horizon,
    slots: period.slots,
    id_width: Math.max(8, String(options.patients).length),
    dirty: options.dirty ?? 0,
    training_effect_known: options.trainingEffect === undefined ? 0 : 1,
    training_effect: options.trainingEffect ?? 0,
  });
  await connection.run(CREATE_RECORD_TABLES_SQL);
  for (const step of SYNTHETIC_POPULATION_STEPS) {
    const stepBegan = performance.now();
    await connection.run(step.sql);
    log?.(`${step.name}: ${((performance.now() - stepBegan) / 1000).toFixed(1)} s`);
  }
  await connection.run(DROP_SYNTHETIC_STAGING_SQL);
  await connection.run(CREATE_GENERATION_INFO_SQL);
  return { rows: await countRecordRows(connection), seconds: (performance.now() - began) / 1000 };
}
