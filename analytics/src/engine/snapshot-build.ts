import { version as duckdbLibraryVersion, type DuckDBConnection } from '@duckdb/node-api';
import { MEASURES } from '../measures/measure-registry';
import {
  CREATE_MONTH_MACROS_SQL,
  CREATE_PATIENT_STATE_MACROS_SQL,
  CREATE_PRACTICE_CELLS_SQL,
  CREATE_PRACTICE_INDEX_SQL,
  CREATE_REGISTRATION_SPANS_SQL,
  DROP_PATIENT_SLICE_TABLES_SQL,
  DROP_PATIENT_SLICE_VIEWS_SQL,
  FIRST_ACTIVITY_MONTH_SQL,
  PATIENT_ID_RANGE_SQL,
  PATIENT_STATE_MEASURE_SQL,
  createMonthsSql,
  createOutcomeStrataSql,
  createPatientIntervalsSql,
  createStateBreakdownNamesSql,
  patientSliceViewsSql,
  patientStateCellsSql,
  type MeasureBreakdowns,
  type MonthRange,
  type PatientStateMeasureId,
} from '../sql/patient-state.sql';
import { OVERDUE_ZERO_CELLS_SQL, planProcessSql } from '../sql/plan-process.sql';
import {
  CHECKPOINT_SNAPSHOT_SQL,
  COUNT_SNAPSHOT_CELLS_SQL,
  CREATE_ORG_ANCESTORS_SQL,
  CURRENT_DATABASE_SQL,
  countPracticeCellsSql,
  DETACH_SNAPSHOT_SQL,
  sqlIdentifier,
  useCatalogSql,
  DROP_BUILD_TABLES_SQL,
  attachSnapshotSql,
  createMeasureUnitsSql,
  createResultTablesSql,
  createEvaluationTablesSql,
} from '../sql/snapshot-results.sql';
import { CREATE_STATS_MACROS_SQL } from '../sql/stats-macros.sql';

/** Options of a snapshot build; months are `YYYY-MM`. */
export interface SnapshotBuildOptions {
  /** The refresh date: the last month is the last complete month before it (default: now). */
  asOf?: Date;
  /** First month (default: the month of the first activity record). */
  from?: string;
  /** Last month (default: the last complete month before asOf). */
  to?: string;
  /**
   * Patients per slice of the patient-level steps (default 2 million): each slice's working tables stay in memory,
   * where the whole country's spilled to disk.
   */
  patientsPerSlice?: number;
  log?: (message: string) => void;
}

/** Default of SnapshotBuildOptions.patientsPerSlice. */
export const PATIENTS_PER_SLICE = 2_000_000;

/**
 * The analytics engine's version: bump it whenever a change alters any figure a snapshot holds (the SQL and the macros
 * stored in the snapshot, analytics/src/sql, and what the measure registry feeds them), and record the new SQL hash in
 * engine-version.spec.ts. A server started on a snapshot built by another version rebuilds it in the background.
 * 1: snapshots built before versions were recorded (no version in their pointer); 2: a rate per 1,000 gets Wilson's
 * interval and binomial funnel limits (c1321d2), where it had Byar's and Poisson limits.
 */
export const ENGINE_VERSION = 2;

/**
 * The DuckDB library this code runs on, as DuckDB names it (`version()`, e.g. v1.5.6): an upgrade can change figures
 * without any change to the engine's SQL, so a snapshot records it beside ENGINE_VERSION.
 */
export const DUCKDB_VERSION = duckdbLibraryVersion();

/** What a build produced, as recorded in the snapshot's `snapshot_info` and the store's pointer. */
export interface SnapshotBuildInfo {
  /** ENGINE_VERSION of the code that built it. */
  engineVersion: number;
  /** DUCKDB_VERSION of the library that built it. */
  duckdbVersion: string;
  asOf: string;
  builtAt: string;
  firstMonth: string;
  lastMonth: string;
  practiceCells: number;
  cells: number;
  seconds: number;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Month index (year * 12 + month − 1) of a `YYYY-MM` string; throws on anything else. */
export function parseMonth(text: string, name: string): number {
  const match = MONTH.exec(text);
  if (!match) throw new Error(`${name} must be a month YYYY-MM, got "${text}"`);
  return Number(match[1]) * 12 + Number(match[2]) - 1;
}

/** `YYYY-MM` of a month index. */
export function formatMonth(monthIndex: number): string {
  return `${Math.floor(monthIndex / 12)}-${String((monthIndex % 12) + 1).padStart(2, '0')}`;
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** Patient-state measures with the breakdown dimensions the registry allows them (plus `plan` for outcomes). */
function patientStateBreakdowns(): { ids: PatientStateMeasureId[]; breakdowns: MeasureBreakdowns } {
  const ids: PatientStateMeasureId[] = [];
  const breakdowns: MeasureBreakdowns = {};
  for (const m of MEASURES) {
    if (!(m.id in PATIENT_STATE_MEASURE_SQL)) continue;
    ids.push(m.id as PatientStateMeasureId);
    breakdowns[m.id] = m.planSplit ? [...m.breakdowns, 'plan'] : [...m.breakdowns];
  }
  return { ids, breakdowns };
}

async function scalar(connection: DuckDBConnection, sql: string): Promise<unknown> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRows()[0]?.[0];
}

/**
 * Computes every measure from the record tables visible to `connection` (CREATE_RECORD_TABLES_SQL)
 * and writes the result tables into a new DuckDB file `outFile` (which must not exist).
 */
export async function buildSnapshotFromDuckDb(
  connection: DuckDBConnection,
  outFile: string,
  options: SnapshotBuildOptions = {},
): Promise<SnapshotBuildInfo> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const asOf = options.asOf ?? new Date();
  const step = async (label: string, sql: string) => {
    const t = Date.now();
    await connection.run(sql);
    log(`${label}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
  };

  await connection.run(CREATE_MONTH_MACROS_SQL);
  await connection.run(CREATE_STATS_MACROS_SQL);
  await connection.run(CREATE_PATIENT_STATE_MACROS_SQL);
  const range = await monthRange(connection, asOf, options);
  log(`months ${formatMonth(range.firstMonthIndex)} to ${formatMonth(range.lastMonthIndex)}`);
  const planProcess = planProcessSql();

  try {
    await step('months', createMonthsSql(range));
    await step('practice index', CREATE_PRACTICE_INDEX_SQL);
    await connection.run(CREATE_PRACTICE_CELLS_SQL);
    const { ids, breakdowns } = patientStateBreakdowns();
    await connection.run(createStateBreakdownNamesSql());
    const cells = patientStateCellsSql(range, ids, breakdowns);
    await connection.run(cells.create);
    await connection.run(planProcess.create);
    const idRange = (await connection.runAndReadAll(PATIENT_ID_RANGE_SQL)).getRows()[0];
    const slices = patientSlices(idRange, options.patientsPerSlice ?? PATIENTS_PER_SLICE);
    for (const [i, [firstId, lastId]] of slices.entries()) {
      const t = Date.now();
      await connection.run(patientSliceViewsSql(firstId, lastId));
      const steps = [CREATE_REGISTRATION_SPANS_SQL, createPatientIntervalsSql(range), cells.addSlice, ...planProcess.addSlice, DROP_PATIENT_SLICE_TABLES_SQL];
      for (const sql of steps) {
        await connection.run(sql);
      }
      log(`patients ${firstId} to ${lastId} (slice ${i + 1}/${slices.length}): ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
    for (const [i, sql] of cells.finish.entries()) {
      // The second step drops the deltas the outcome strata are made from.
      if (i === 1) await step('outcome strata', createOutcomeStrataSql(range));
      await step(`patient-state practice cells ${i + 1}/${cells.finish.length}`, sql);
    }
    const t = Date.now();
    for (const sql of planProcess.finish) await connection.run(sql);
    await connection.run(OVERDUE_ZERO_CELLS_SQL);
    log(`plan-process practice cells: ${((Date.now() - t) / 1000).toFixed(1)} s`);
    const practiceCells = Number(await scalar(connection, countPracticeCellsSql(cells.countCells)));

    const builtAt = new Date().toISOString();
    await connection.run(attachSnapshotSql(outFile));
    try {
      await connection.run(CREATE_ORG_ANCESTORS_SQL);
      await connection.run(createMeasureUnitsSql(MEASURES));
      const catalog = String(await scalar(connection, CURRENT_DATABASE_SQL));
      const results = createResultTablesSql(
        { asOf: isoDate(asOf), builtAt: builtAt.replace('T', ' ').replace('Z', ''), engineVersion: ENGINE_VERSION },
        {
          namedMeasures: MEASURES.map((m) => m.id).filter((id) => !ids.includes(id as PatientStateMeasureId)),
          state: { measures: ids, practiceRows: cells.practiceRows, cellFilter: cells.cellFilter },
          stateBreakdownKeys: cells.breakdownKeys,
        },
        CREATE_STATS_MACROS_SQL,
        sqlIdentifier(catalog),
      );
      try {
        for (const sql of [...results, ...createEvaluationTablesSql()]) {
          const target = /^\s*(CREATE (?:OR REPLACE )?(?:TEMP )?\S+ \S+|INSERT INTO \S+|\S+ \S+)/.exec(sql)?.[1] ?? '';
          const measure = /-- cells of (\S+)\s*$/.exec(sql)?.[1];
          await step(`result ${target}${measure === undefined ? '' : ` ${measure}`}`, sql);
        }
      } finally {
        await connection.run(useCatalogSql(sqlIdentifier(catalog)));
      }
      const snapshotCells = Number(await scalar(connection, COUNT_SNAPSHOT_CELLS_SQL));
      await connection.run(CHECKPOINT_SNAPSHOT_SQL);
      const info: SnapshotBuildInfo = {
        engineVersion: ENGINE_VERSION,
        duckdbVersion: DUCKDB_VERSION,
        asOf: isoDate(asOf),
        builtAt,
        firstMonth: formatMonth(range.firstMonthIndex),
        lastMonth: formatMonth(range.lastMonthIndex),
        practiceCells,
        cells: snapshotCells,
        seconds: (Date.now() - started) / 1000,
      };
      log(`snapshot built: ${snapshotCells} cells in ${info.seconds.toFixed(1)} s`);
      return info;
    } finally {
      await connection.run(DETACH_SNAPSHOT_SQL);
    }
  } finally {
    await connection.run(DROP_BUILD_TABLES_SQL);
    await connection.run(DROP_PATIENT_SLICE_VIEWS_SQL);
    await connection.run(planProcess.drop);
  }
}

/**
 * Id ranges [first, last] of about `perSlice` patients each, cut evenly from the lowest to the highest id (ids are
 * given in sequence, so even ranges hold about even numbers); none when there are no patients.
 */
export function patientSlices(idRange: readonly unknown[], perSlice: number): [number, number][] {
  if (!Number.isSafeInteger(perSlice) || perSlice < 1) throw new Error(`patientsPerSlice must be a positive integer, got ${perSlice}`);
  const [first, last, count] = idRange.map((v) => (v === null || v === undefined ? null : Number(v)));
  if (first === null || last === null || !count) return [];
  const n = Math.ceil(count / perSlice);
  const width = Math.ceil((last - first + 1) / n);
  return Array.from({ length: n }, (_, i): [number, number] => [first + i * width, Math.min(last, first + (i + 1) * width - 1)]).filter(
    ([a, b]) => a <= b,
  );
}

async function monthRange(connection: DuckDBConnection, asOf: Date, options: SnapshotBuildOptions): Promise<MonthRange> {
  const lastMonthIndex =
    options.to !== undefined ? parseMonth(options.to, 'to') : asOf.getUTCFullYear() * 12 + asOf.getUTCMonth() - 1;
  let firstMonthIndex: number;
  if (options.from !== undefined) firstMonthIndex = parseMonth(options.from, 'from');
  else {
    const first = await scalar(connection, FIRST_ACTIVITY_MONTH_SQL);
    if (typeof first !== 'string') {
      throw new Error('no activity records (care plans, adjustments, reviews, observations, admissions): nothing to compute');
    }
    firstMonthIndex = parseMonth(first, 'first activity month');
  }
  if (firstMonthIndex > lastMonthIndex) {
    throw new Error(`the first month ${formatMonth(firstMonthIndex)} is after the last month ${formatMonth(lastMonthIndex)}`);
  }
  return { firstMonthIndex, lastMonthIndex };
}
