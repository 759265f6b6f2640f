/**
 * The snapshot's result tables, built from `practice_cells` and the patient-state cells into the attached snapshot database:
 * roll-up to every level (sums of numerators and denominators, hierarchy as in force now), rates
 * in the measure's unit with their 95% intervals, funnel limits and flags, deciles.
 */
import type { MeasureDefinition } from '../measures/measure-definition.schema';
import { Z_998 } from '../stats/funnel-limits';
import { Z_95 } from '../stats/wilson-interval';

/** Organisation levels from the finest to England, as results name them. */
export const ORGANISATION_LEVELS = ['practice', 'pcn', 'sub_icb', 'icb', 'region', 'england'] as const;
export type OrganisationLevel = (typeof ORGANISATION_LEVELS)[number];
/** The levels of areas: every level above a practice, which an area of practices can be. */
export const AREA_LEVELS = ORGANISATION_LEVELS.filter((level) => level !== 'practice');

/** The org code results use for England. */
export const ENGLAND_CODE = 'ENG';

// As DOUBLE literals (a plain 1.959964 would be a DECIMAL in DuckDB).
const FUNNEL_Z_95 = Z_95.toExponential();
const FUNNEL_Z_998 = Z_998.toExponential();

/**
 * The rate of a cell in its measure's unit and its 95% interval, stored in the snapshot (after the stats macros):
 * cell_rate, cell_ci_low and cell_ci_high(unit, num, den). The interval is Wilson's (measures.md "Statistics") for a
 * rate per 1,000 too, of p = num/den scaled by 1,000 as a percentage's is by 100. Where admissions outnumber people
 * (num > den, p > 1) Wilson is undefined, so such a cell has its rate but no interval (NULL).
 */
export const CELL_MACROS_SQL = `CREATE MACRO cell_rate(unit, num, den) AS
  CASE WHEN den > 0 THEN CASE unit WHEN '%' THEN 100 * num / den WHEN 'per 1,000' THEN 1000 * num / den END END;
CREATE MACRO cell_ci_low(unit, num, den) AS
  CASE unit WHEN '%' THEN 100 * wilson_low(num, den) WHEN 'per 1,000' THEN 1000 * wilson_low(num, den) END;
CREATE MACRO cell_ci_high(unit, num, den) AS
  CASE unit WHEN '%' THEN 100 * wilson_high(num, den) WHEN 'per 1,000' THEN 1000 * wilson_high(num, den) END;`;

/** Catalog alias under which the snapshot file being built is attached. */
export const SNAPSHOT_ALIAS = 'snap';

/** A SQL string literal. */
export function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
const quote = sqlString;

/** Attaches the (new) snapshot file being built. */
export function attachSnapshotSql(file: string): string {
  return `ATTACH ${quote(file)} AS ${SNAPSHOT_ALIAS}`;
}
export const CHECKPOINT_SNAPSHOT_SQL = `CHECKPOINT ${SNAPSHOT_ALIAS}`;
export const DETACH_SNAPSHOT_SQL = `DETACH ${SNAPSHOT_ALIAS}`;
/** The number of practice cells, given a query of the number of patient-state cells. */
export function countPracticeCellsSql(stateCellCountSql: string): string {
  return `SELECT (SELECT count(*) FROM practice_cells) + (${stateCellCountSql})`;
}
export const COUNT_SNAPSHOT_CELLS_SQL = `SELECT count(*) FROM ${SNAPSHOT_ALIAS}.cell_counts`;

/** The connection's default catalog, to return to after creating objects inside the snapshot. */
export const CURRENT_DATABASE_SQL = 'SELECT current_database()';

/** Makes `catalog` (a quoted identifier) the connection's default database. */
export function useCatalogSql(catalog: string): string {
  return `USE ${catalog}`;
}

/** A quoted SQL identifier. */
export function sqlIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Drops the build's temporary tables so that the connection can build again. */
export const DROP_BUILD_TABLES_SQL = [
  'practice_index', 'registration_spans', 'plan_days', 'condition_islands', 'observation_events', 'plan_window_events',
  'span_months', 'plain_events', 'patient_intervals', 'state_deltas', 'practice_spans', 'state_totals',
  'practice_cells', 'state_breakdown_names', 'outcome_strata', 'org_ancestors', 'measure_units', 'org_benchmarks',
  'practice_org_ids', 'practice_chains', 'state_breakdown_ids', 'state_level_cells',
].map((t) => `DROP TABLE IF EXISTS temp.${t};`).join('\n');

/** `org_ancestors(code, level, pcn_code, sub_icb_code, icb_code, region_code)` from the parent chain. */
export const CREATE_ORG_ANCESTORS_SQL = `
CREATE OR REPLACE TEMP TABLE org_ancestors AS
WITH RECURSIVE chain(start_code, code, depth) AS (
  SELECT code, code, 0 FROM organisations
  UNION ALL
  SELECT c.start_code, o.parent_code, c.depth + 1
  FROM chain c JOIN organisations o ON o.code = c.code
  WHERE o.parent_code IS NOT NULL AND c.depth < 8
)
SELECT c.start_code AS code, any_value(s.level) AS level,
       max(CASE WHEN o.level = 'pcn' THEN o.code END) AS pcn_code,
       max(CASE WHEN o.level = 'sub_icb' THEN o.code END) AS sub_icb_code,
       max(CASE WHEN o.level = 'icb' THEN o.code END) AS icb_code,
       max(CASE WHEN o.level = 'region' THEN o.code END) AS region_code
FROM chain c JOIN organisations o ON o.code = c.code JOIN organisations s ON s.code = c.start_code
GROUP BY c.start_code;`;

/** `measure_units(measure, unit)` from the registry, so SQL can scale rates. */
export function createMeasureUnitsSql(measures: readonly MeasureDefinition[]): string {
  const rows = measures.map((m) => `(${quote(m.id)}, ${quote(m.unit)})`).join(', ');
  return `CREATE OR REPLACE TEMP TABLE measure_units AS SELECT * FROM (VALUES ${rows}) AS t(measure, unit);`;
}

const LEVEL_VALUES = ORGANISATION_LEVELS.map((level, i) => `(${i}, '${level}')`).join(', ');
const levelId = (level: OrganisationLevel) => ORGANISATION_LEVELS.indexOf(level);

/** Roll-up levels above the practice, each with the ancestor ids it keeps to be summed again by the next. */
const ROLL_UP = [
  ['pcn', ['pcn_id', 'sub_icb_id', 'icb_id', 'region_id']],
  ['sub_icb', ['sub_icb_id', 'icb_id', 'region_id']],
  ['icb', ['icb_id', 'region_id']],
  ['region', ['region_id']],
  ['england', []],
] as const;

/**
 * Every level's rows from the practices' rows `practice` (`month, breakdown_id, practice_id, chain_id`, the `keys`
 * and the `values`): `SELECT month, level_id, org_id, breakdown_id, keys…, values…`, each value summed. Each level is
 * summed from the one below, keeping the ancestors' ids, rather than every level from the practices: the hierarchy is
 * a tree, so the sums are the same, and all but the first read a fraction of the rows.
 */
function rollUpSql(practice: string, keys: readonly string[], values: readonly string[]): string {
  const s = SNAPSHOT_ALIAS;
  // Counts are INTEGERs, as the cells store them, and summed as DOUBLE: exact, each sum being of at most a country's
  // practices' counts below 2^31 (far within 2^53), where BIGINT sums add in 128 bits (the roll-up took twice as long).
  const sums = values.map((v) => `sum(${v}::DOUBLE)::INTEGER AS ${v}`).join(', ');
  const carried = [...keys, ...values].join(', ');
  const levels = ROLL_UP.map(([level, keep], i) => {
    if (i === 0) {
      // Practices are summed into PCNs by their chain of ancestors as one small integer, and the ancestors' ids joined
      // back to the sums: grouping by the four ids as well took most of a measure's roll-up.
      const grouped = ['month', 'breakdown_id', ...keys, 'chain_id'].join(', ');
      return `${level} AS MATERIALIZED (
  SELECT month, breakdown_id, ${keep.join(', ')}, ${carried}
  FROM (SELECT ${grouped}, ${sums} FROM practice GROUP BY ${grouped}) JOIN practice_chains USING (chain_id)
)`;
    }
    const grouped = ['month', 'breakdown_id', ...keys, ...keep].join(', ');
    return `${level} AS MATERIALIZED (
  SELECT ${grouped}, ${sums} FROM ${ROLL_UP[i - 1][0]} GROUP BY ${grouped}
)`;
  });
  const england = `(SELECT org_id FROM ${s}.organisations WHERE code = '${ENGLAND_CODE}')`;
  const outputs = [
    `SELECT month, ${levelId('practice')} AS level_id, practice_id AS org_id, breakdown_id, ${carried} FROM practice`,
    ...ROLL_UP.map(([level]) =>
      level === 'england'
        ? `SELECT month, ${levelId(level)}, ${england}, breakdown_id, ${carried} FROM england`
        : `SELECT month, ${levelId(level)}, ${level}_id, breakdown_id, ${carried} FROM ${level} WHERE ${level}_id IS NOT NULL`,
    ),
  ];
  return `WITH practice AS MATERIALIZED (
  ${practice}
), ${levels.join(', ')}
SELECT * FROM (
  ${outputs.join('\n  UNION ALL ')}
)`;
}

// One organisation's months lie together inside its measure, level and breakdown, so that the zone maps of a read for
// one organisation (or one level's whole-population cells) skip the rest.
const CELL_ORDER = 'ORDER BY level_id, breakdown_id, org_id, month';

const measureIdSql = (measure: string) => `(SELECT measure_id FROM ${SNAPSHOT_ALIAS}.measures WHERE measure = ${quote(measure)})`;

/**
 * Appends one measure's cells at every level from `practice_cells` to `cell_counts`, sorted by level, breakdown,
 * organisation and month. A measure at a time, a country's cells are never sorted at once (at national size, rolling
 * up and sorting them all at once took 125 s; a measure at a time, 104 s for all).
 */
function insertNamedMeasureCellCountsSql(measure: string): string {
  const s = SNAPSHOT_ALIAS;
  const practice = `SELECT c.month, b.breakdown_id, px.practice_id, px.chain_id, c.numerator::INTEGER AS numerator, c.denominator::INTEGER AS denominator
  FROM practice_cells c JOIN ${s}.breakdowns b USING (breakdown) JOIN practice_org_ids px USING (practice_code)
  WHERE c.measure = ${quote(measure)}`;
  return `INSERT INTO ${s}.cell_counts
SELECT ${measureIdSql(measure)}, month, level_id, org_id, breakdown_id, numerator, denominator
FROM (${rollUpSql(practice, [], ['numerator', 'denominator'])})
${CELL_ORDER}
-- cells of ${measure}`;
}

/**
 * `state_level_cells(month, level_id, org_id, breakdown_id, family, num_<measure>, den_<measure>…)`: every
 * patient-state measure's counts at every level, rolled up once for all of them (the practices' rows are the same
 * rows for every measure) and sorted once in the cells' order, from which each measure's cells are then read in turn.
 */
function createStateLevelCellsSql(state: StateCellSource): string {
  const values = state.measures.flatMap((id) => [`num_${id}`, `den_${id}`]);
  const practice = `SELECT mo.month, b.breakdown_id, px.practice_id, px.chain_id, c.family, ${values.map((v) => `c.${v}`).join(', ')}
  FROM (${state.practiceRows}) c JOIN state_breakdown_ids b USING (family, value) JOIN months mo ON mo.month_index = c.mi
  JOIN practice_org_ids px USING (practice_idx)`;
  return `CREATE OR REPLACE TEMP TABLE state_level_cells AS
${rollUpSql(practice, ['family'], values)}
${CELL_ORDER}`;
}

/**
 * Appends one patient-state measure's cells from `state_level_cells`: read in the table's order, they go in sorted
 * without sorting again.
 */
function insertStateMeasureCellCountsSql(measure: string, state: StateCellSource): string {
  return `INSERT INTO ${SNAPSHOT_ALIAS}.cell_counts
SELECT ${measureIdSql(measure)}, month, level_id, org_id, breakdown_id, num_${measure}, den_${measure}
FROM state_level_cells WHERE ${state.cellFilter(measure)}
-- cells of ${measure}`;
}

/** The patient-state measures' practice rows (see patientStateCellsSql). */
export interface StateCellSource {
  /** The patient-state measures' ids. */
  measures: readonly string[];
  /** `SELECT practice_idx, family, value, mi, num_<measure>, den_<measure>…` (INTEGERs) for every measure, one row per month. */
  practiceRows: string;
  /** Where a row of `family`, `num_<measure>` and `den_<measure>` is one of the measure's cells. */
  cellFilter: (measure: string) => string;
}

/** Where the practice cells come from: `practice_cells`, and the patient-state queries (see patientStateCellsSql). */
export interface PracticeCellSources {
  /** Measure ids whose practice cells are in `practice_cells`, by name. */
  namedMeasures: readonly string[];
  /** The patient-state measures, whose practice rows are keyed by small integers. */
  state: StateCellSource;
  /** `SELECT DISTINCT family, value` of the patient-state cells' breakdowns. */
  stateBreakdownKeys: string;
}

/**
 * Statements creating the snapshot's result tables from the practice cells (run in order):
 * - `organisations(org_id, code, name, level, parent_code, pcn_code, sub_icb_code, icb_code, region_code)`, England as ENG;
 * - `months(month, month_end)`, `measures(measure_id, measure, unit)`, `breakdowns(breakdown_id, breakdown)`, `levels(level_id, level)`;
 * - `cell_counts(measure_id, month, level_id, org_id, breakdown_id, numerator, denominator)`: every cell at every level as
 *   small integers, sorted by measure, level, breakdown, organisation and month (writing strings and doubles cost ten
 *   times more);
 * - the view `cells(measure, month, level, org, breakdown, numerator, denominator, rate, ci_low, ci_high)` over them, with
 *   the rate in the measure's unit and its 95% interval computed on read by macros stored in the snapshot;
 * - `funnel_limits(measure_id, month, org_id, benchmark_id, benchmark_rate, rate, low_95, high_95, low_998, high_998)`
 *   (whole population) by the same ids, NULL where undefined (a benchmark p0 > 1), and the view `funnels` naming
 *   them, with each flag (NULL where the limits are);
 * - `deciles`, and `snapshot_info` (with the engine version and the DuckDB library, `version()`, that built it).
 * `defaultCatalog` is the build connection's database, restored after creating the macros and the view in the snapshot.
 */
export function createResultTablesSql(
  info: { asOf: string; builtAt: string; engineVersion: number },
  sources: PracticeCellSources,
  statsMacrosSql: string,
  defaultCatalog: string,
): string[] {
  const s = SNAPSHOT_ALIAS;
  // In the order of measure_id (row_number by name; ids are ASCII, so code-unit order is the database's).
  const measureIds = [...sources.namedMeasures, ...sources.state.measures].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return [
    `CREATE TABLE ${s}.organisations AS
SELECT (row_number() OVER (ORDER BY level, code))::INTEGER AS org_id, * FROM (
  SELECT o.code, o.name, o.level, o.parent_code, a.pcn_code, a.sub_icb_code, a.icb_code, a.region_code
  FROM organisations o JOIN org_ancestors a USING (code)
  UNION ALL SELECT '${ENGLAND_CODE}', 'England', 'england', NULL, NULL, NULL, NULL, NULL
) ORDER BY level, code`,
    `CREATE TABLE ${s}.months AS SELECT month, month_end FROM months ORDER BY month`,
    `CREATE TABLE ${s}.measures AS SELECT (row_number() OVER (ORDER BY measure))::SMALLINT AS measure_id, measure, unit FROM measure_units ORDER BY measure`,
    `CREATE TABLE ${s}.breakdowns AS
SELECT (row_number() OVER (ORDER BY breakdown))::INTEGER AS breakdown_id, breakdown FROM (
  SELECT DISTINCT breakdown FROM practice_cells
  UNION SELECT n.breakdown FROM state_breakdown_names n SEMI JOIN (${sources.stateBreakdownKeys}) c USING (family, value)
  UNION SELECT ''
)
ORDER BY breakdown`,
    `CREATE TABLE ${s}.levels AS SELECT level_id::UTINYINT AS level_id, level FROM (VALUES ${LEVEL_VALUES}) t(level_id, level)`,
    // chain_id numbers each distinct (pcn_id, sub_icb_id, icb_id, region_id), missing ancestors (NULL) included.
    `CREATE OR REPLACE TEMP TABLE practice_org_ids AS
SELECT *, (dense_rank() OVER (ORDER BY pcn_id, sub_icb_id, icb_id, region_id))::INTEGER AS chain_id FROM (
  SELECT x.practice_idx, p.code AS practice_code, p.org_id AS practice_id, pcn.org_id AS pcn_id, sub.org_id AS sub_icb_id,
         icb.org_id AS icb_id, reg.org_id AS region_id
  FROM ${s}.organisations p
  JOIN practice_index x ON x.practice_code = p.code
  LEFT JOIN ${s}.organisations pcn ON pcn.code = p.pcn_code AND pcn.level = 'pcn'
  LEFT JOIN ${s}.organisations sub ON sub.code = p.sub_icb_code AND sub.level = 'sub_icb'
  LEFT JOIN ${s}.organisations icb ON icb.code = p.icb_code AND icb.level = 'icb'
  LEFT JOIN ${s}.organisations reg ON reg.code = p.region_code AND reg.level = 'region'
  WHERE p.level = 'practice'
)`,
    `CREATE OR REPLACE TEMP TABLE practice_chains AS
SELECT DISTINCT chain_id, pcn_id, sub_icb_id, icb_id, region_id FROM practice_org_ids`,
    `CREATE OR REPLACE TEMP TABLE state_breakdown_ids AS
SELECT n.family, n.value, b.breakdown_id FROM state_breakdown_names n JOIN ${s}.breakdowns b USING (breakdown)`,
    `CREATE TABLE ${s}.cell_counts (
  measure_id SMALLINT, month DATE, level_id UTINYINT, org_id INTEGER, breakdown_id INTEGER, numerator INTEGER, denominator INTEGER
)`,
    createStateLevelCellsSql(sources.state),
    ...measureIds.map((id) =>
      sources.state.measures.includes(id) ? insertStateMeasureCellCountsSql(id, sources.state) : insertNamedMeasureCellCountsSql(id),
    ),
    'DROP TABLE state_level_cells',
    `USE ${s}`,
    statsMacrosSql,
    `${CELL_MACROS_SQL}
CREATE VIEW cells AS
SELECT m.measure, c.month, l.level, o.code AS org, b.breakdown,
       c.numerator::DOUBLE AS numerator, c.denominator::DOUBLE AS denominator,
       cell_rate(m.unit, c.numerator::DOUBLE, c.denominator::DOUBLE) AS rate,
       cell_ci_low(m.unit, c.numerator::DOUBLE, c.denominator::DOUBLE) AS ci_low,
       cell_ci_high(m.unit, c.numerator::DOUBLE, c.denominator::DOUBLE) AS ci_high
FROM cell_counts c JOIN measures m USING (measure_id) JOIN levels l USING (level_id)
JOIN organisations o USING (org_id) JOIN breakdowns b USING (breakdown_id)`,
    `USE ${defaultCatalog}`,
    `CREATE OR REPLACE TEMP TABLE org_benchmarks AS
SELECT o.org_id, b.org_id AS benchmark_id, b.level AS benchmark_level
FROM ${s}.organisations o
JOIN ${s}.organisations b
  ON (b.level = 'icb' AND b.code = o.icb_code AND o.level IN ('practice', 'pcn', 'sub_icb'))
  OR (b.level = 'region' AND b.code = o.region_code AND o.level IN ('practice', 'pcn', 'sub_icb', 'icb'))
  OR (b.level = 'england' AND o.level <> 'england')`,
    `CREATE TABLE ${s}.funnel_limits AS
WITH whole AS (
  SELECT c.measure_id, c.month, c.org_id, c.numerator::DOUBLE AS numerator, c.denominator::DOUBLE AS denominator, m.unit,
         ${s}.main.cell_rate(m.unit, c.numerator::DOUBLE, c.denominator::DOUBLE) AS rate
  FROM ${s}.cell_counts c JOIN ${s}.measures m USING (measure_id)
  WHERE c.breakdown_id = (SELECT breakdown_id FROM ${s}.breakdowns WHERE breakdown = '') AND c.denominator > 0 AND m.unit <> 'count'
), paired AS (
  SELECT c.measure_id, c.month, c.org_id, c.denominator AS n, c.rate, b.benchmark_level, b.benchmark_id,
         p.rate AS benchmark_rate, p.numerator / p.denominator AS p0,
         CASE c.unit WHEN '%' THEN 100 WHEN 'per 1,000' THEN 1000 END AS scale
  FROM whole c JOIN org_benchmarks b ON b.org_id = c.org_id
  JOIN whole p ON p.measure_id = c.measure_id AND p.month = c.month AND p.org_id = b.benchmark_id
), limits AS (
  -- Binomial limits for every rate, per 1,000 too (measures.md "Statistics"), clamped to [0, 1] before scaling; NULL
  -- where p0 > 1 (a benchmark with more admissions than people), so that no flag is given.
  SELECT *,
    scale * funnel_low(p0, n, ${FUNNEL_Z_95}) AS low_95,
    scale * funnel_high(p0, n, ${FUNNEL_Z_95}) AS high_95,
    scale * funnel_low(p0, n, ${FUNNEL_Z_998}) AS low_998,
    scale * funnel_high(p0, n, ${FUNNEL_Z_998}) AS high_998
  FROM paired
)
SELECT measure_id, month, org_id, benchmark_id, benchmark_rate, rate, low_95, high_95, low_998, high_998
FROM limits
-- A month's limits against one benchmark lie together, by organisation (org ids follow level and code, measure ids
-- the name): the compare page reads one level's block, a report card one organisation's measures, and the zone maps
-- skip the rest either way.
ORDER BY benchmark_level, month, org_id, measure_id`,
    `USE ${s}`,
    // Named on read, as the cells are: writing the names (and sorting by them) took two thirds of the limits' time.
    `CREATE VIEW funnels AS
SELECT m.measure, f.month, o.level, o.code AS org, b.level AS benchmark_level, b.code AS benchmark_org, f.benchmark_rate, f.rate,
       f.low_95, f.high_95, f.low_998, f.high_998,
       CASE WHEN f.low_998 IS NULL OR f.high_998 IS NULL THEN NULL
            WHEN f.rate > f.high_998 THEN 'higher' WHEN f.rate < f.low_998 THEN 'lower' ELSE 'similar' END AS flag
FROM funnel_limits f JOIN measures m USING (measure_id)
JOIN organisations o ON o.org_id = f.org_id JOIN organisations b ON b.org_id = f.benchmark_id`,
    `USE ${defaultCatalog}`,
    `CREATE TABLE ${s}.deciles AS
WITH q AS (
  SELECT m.measure, c.month,
         quantile_cont(${s}.main.cell_rate(m.unit, c.numerator::DOUBLE, c.denominator::DOUBLE), [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]) AS rates
  FROM ${s}.cell_counts c JOIN ${s}.measures m USING (measure_id)
  WHERE c.level_id = ${levelId('practice')} AND c.breakdown_id = (SELECT breakdown_id FROM ${s}.breakdowns WHERE breakdown = '')
    AND c.denominator >= 1 AND m.unit <> 'count'
  GROUP BY m.measure, c.month
)
SELECT measure, month, unnest([10, 20, 30, 40, 50, 60, 70, 80, 90]) AS percentile, unnest(rates) AS rate
FROM q ORDER BY measure, month, percentile`,
    `CREATE TABLE ${s}.snapshot_info AS
SELECT DATE ${quote(info.asOf)} AS as_of, TIMESTAMP ${quote(info.builtAt)} AS built_at,
       (SELECT min(month) FROM months) AS first_month, (SELECT max(month) FROM months) AS last_month,
       ${info.engineVersion}::INTEGER AS engine_version, version() AS duckdb_version`,
  ];
}

/**
 * Tables for the fair outcome comparison and the training evaluation, after createResultTablesSql
 * (whose last statement returns to the default catalog):
 * - `outcome_strata(month, org_id, sex, age_band, ltc_count, plan, ltc_people, num_<outcome>, den_<outcome>…)`:
 *   practice-level strata (sex and age band as codes, see SEX_CODES and AGE_BANDS; ltc_count 4 = 4+,
 *   plan true = with a current plan), summed at request time to any organisation;
 * - `practice_training(practice_code, trained_on, programme, staff_trained)`: training.csv as imported.
 */
export function createEvaluationTablesSql(): string[] {
  const s = SNAPSHOT_ALIAS;
  return [
    `CREATE TABLE ${s}.outcome_strata AS
SELECT m.month, o.org_id, t.sex, t.band AS age_band, t.ltc AS ltc_count, t.plan = 1 AS plan,
       t.* EXCLUDE (practice_idx, mi, sex, band, ltc, plan)
FROM outcome_strata t JOIN months m ON m.month_index = t.mi JOIN practice_index x USING (practice_idx)
JOIN ${s}.organisations o ON o.code = x.practice_code AND o.level = 'practice'
ORDER BY m.month, o.org_id`,
    `CREATE TABLE ${s}.practice_training AS
SELECT practice_code, trained_on, programme, staff_trained FROM training ORDER BY practice_code, trained_on`,
  ];
}
