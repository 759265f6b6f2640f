/**
 * The snapshot's result tables, built from `practice_cells` into the attached snapshot database:
 * roll-up to every level (sums of numerators and denominators, hierarchy as in force now), rates
 * in the measure's unit with their 95% intervals, funnel limits and flags, deciles.
 */
import type { MeasureDefinition } from '../measures/measure-definition.schema';
import { Z_998 } from '../stats/funnel-limits';
import { Z_95 } from '../stats/wilson-interval';

/** Organisation levels from the finest to England, as results name them. */
export const ORGANISATION_LEVELS = ['practice', 'pcn', 'sub_icb', 'icb', 'region', 'england'] as const;
export type OrganisationLevel = (typeof ORGANISATION_LEVELS)[number];

/** The org code results use for England. */
export const ENGLAND_CODE = 'ENG';

// As DOUBLE literals (a plain 1.959964 would be a DECIMAL in DuckDB).
const FUNNEL_Z_95 = Z_95.toExponential();
const FUNNEL_Z_998 = Z_998.toExponential();

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
export const COUNT_PRACTICE_CELLS_SQL = 'SELECT count(*) FROM practice_cells';
export const COUNT_SNAPSHOT_CELLS_SQL = `SELECT count(*) FROM ${SNAPSHOT_ALIAS}.cells`;

/** Drops the build's temporary tables so that the connection can build again. */
export const DROP_BUILD_TABLES_SQL = [
  'practice_index', 'registration_spans', 'condition_islands', 'latest_observations', 'span_months', 'plain_pieces',
  'patient_intervals',
  'practice_cells', 'org_ancestors', 'measure_units', 'org_benchmarks',
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

/** Statements creating the result tables in the attached snapshot: organisations, months, cells, funnels, deciles, snapshot_info. */
export function createResultTablesSql(info: { asOf: string; builtAt: string }): string[] {
  const s = SNAPSHOT_ALIAS;
  return `
CREATE TABLE ${s}.organisations AS
SELECT o.code, o.name, o.level, o.parent_code, a.pcn_code, a.sub_icb_code, a.icb_code, a.region_code
FROM organisations o JOIN org_ancestors a USING (code)
UNION ALL SELECT '${ENGLAND_CODE}', 'England', 'england', NULL, NULL, NULL, NULL, NULL
ORDER BY level, code;

CREATE TABLE ${s}.months AS SELECT month, month_end FROM months ORDER BY month;

CREATE TABLE ${s}.cells AS
WITH located AS (
  SELECT c.*, a.pcn_code, a.sub_icb_code, a.icb_code, a.region_code
  FROM practice_cells c LEFT JOIN org_ancestors a ON a.code = c.practice_code
), rolled AS (
  SELECT measure, month, 'practice' AS level, practice_code AS org, breakdown, numerator, denominator FROM practice_cells
  UNION ALL
  SELECT measure, month,
         CASE WHEN grouping(pcn_code) = 0 THEN 'pcn' WHEN grouping(sub_icb_code) = 0 THEN 'sub_icb'
              WHEN grouping(icb_code) = 0 THEN 'icb' WHEN grouping(region_code) = 0 THEN 'region' ELSE 'england' END,
         CASE WHEN grouping(pcn_code) = 0 THEN pcn_code WHEN grouping(sub_icb_code) = 0 THEN sub_icb_code
              WHEN grouping(icb_code) = 0 THEN icb_code WHEN grouping(region_code) = 0 THEN region_code ELSE '${ENGLAND_CODE}' END,
         breakdown, sum(numerator), sum(denominator)
  FROM located
  GROUP BY GROUPING SETS ((measure, month, breakdown, pcn_code), (measure, month, breakdown, sub_icb_code),
                          (measure, month, breakdown, icb_code), (measure, month, breakdown, region_code),
                          (measure, month, breakdown))
)
SELECT r.measure, r.month, r.level, r.org, r.breakdown, r.numerator, r.denominator,
       CASE WHEN r.denominator > 0 THEN CASE u.unit WHEN '%' THEN 100 * r.numerator / r.denominator
                                                    WHEN 'per 1,000' THEN 1000 * r.numerator / r.denominator END END AS rate,
       CASE WHEN r.denominator > 0 THEN CASE u.unit WHEN '%' THEN 100 * wilson_low(r.numerator, r.denominator)
                                                    WHEN 'per 1,000' THEN byar_low(r.numerator, r.denominator, 1000) END END AS ci_low,
       CASE WHEN r.denominator > 0 THEN CASE u.unit WHEN '%' THEN 100 * wilson_high(r.numerator, r.denominator)
                                                    WHEN 'per 1,000' THEN byar_high(r.numerator, r.denominator, 1000) END END AS ci_high
FROM rolled r JOIN measure_units u USING (measure)
WHERE r.org IS NOT NULL
-- Sorted for the dashboard's reads (zone maps on measure, level, month); a full sort cost a third more.
ORDER BY r.measure, r.level, r.month;

CREATE OR REPLACE TEMP TABLE org_benchmarks AS
SELECT code, 'icb' AS benchmark_level, icb_code AS benchmark_org FROM org_ancestors
  WHERE level IN ('practice', 'pcn', 'sub_icb') AND icb_code IS NOT NULL
UNION ALL SELECT code, 'region', region_code FROM org_ancestors
  WHERE level IN ('practice', 'pcn', 'sub_icb', 'icb') AND region_code IS NOT NULL
UNION ALL SELECT code, 'england', '${ENGLAND_CODE}' FROM org_ancestors;

CREATE TABLE ${s}.funnels AS
WITH whole AS (
  SELECT c.measure, c.month, c.level, c.org, c.numerator, c.denominator, c.rate, u.unit
  FROM ${s}.cells c JOIN measure_units u USING (measure)
  WHERE c.breakdown = '' AND c.denominator > 0 AND u.unit <> 'count'
), paired AS (
  SELECT c.measure, c.month, c.level, c.org, c.denominator AS n, c.rate, c.unit,
         b.benchmark_level, b.benchmark_org, p.rate AS benchmark_rate, p.numerator / p.denominator AS p0
  FROM whole c JOIN org_benchmarks b ON b.code = c.org
  JOIN whole p ON p.measure = c.measure AND p.month = c.month AND p.level = b.benchmark_level AND p.org = b.benchmark_org
), limits AS (
  SELECT *,
    -- Per-1,000 rates are Poisson counts per person: the binomial p0(1−p0) becomes λ0.
    CASE unit WHEN '%' THEN 100 * funnel_low(p0, n, ${FUNNEL_Z_95}) ELSE 1000 * greatest(0, p0 - ${FUNNEL_Z_95} * sqrt(p0 / n)) END AS low_95,
    CASE unit WHEN '%' THEN 100 * funnel_high(p0, n, ${FUNNEL_Z_95}) ELSE 1000 * (p0 + ${FUNNEL_Z_95} * sqrt(p0 / n)) END AS high_95,
    CASE unit WHEN '%' THEN 100 * funnel_low(p0, n, ${FUNNEL_Z_998}) ELSE 1000 * greatest(0, p0 - ${FUNNEL_Z_998} * sqrt(p0 / n)) END AS low_998,
    CASE unit WHEN '%' THEN 100 * funnel_high(p0, n, ${FUNNEL_Z_998}) ELSE 1000 * (p0 + ${FUNNEL_Z_998} * sqrt(p0 / n)) END AS high_998
  FROM paired
)
SELECT measure, month, level, org, benchmark_level, benchmark_org, benchmark_rate, rate,
       low_95, high_95, low_998, high_998,
       CASE WHEN rate > high_998 THEN 'higher' WHEN rate < low_998 THEN 'lower' ELSE 'similar' END AS flag
FROM limits
ORDER BY measure, benchmark_level, month, level, org;

CREATE TABLE ${s}.deciles AS
WITH q AS (
  SELECT measure, month, quantile_cont(rate, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]) AS rates
  FROM ${s}.cells
  WHERE level = 'practice' AND breakdown = '' AND denominator >= 1 AND rate IS NOT NULL
  GROUP BY measure, month
)
SELECT measure, month, unnest([10, 20, 30, 40, 50, 60, 70, 80, 90]) AS percentile, unnest(rates) AS rate
FROM q ORDER BY measure, month, percentile;

CREATE TABLE ${s}.snapshot_info AS
SELECT DATE ${quote(info.asOf)} AS as_of, TIMESTAMP ${quote(info.builtAt)} AS built_at,
       (SELECT min(month) FROM months) AS first_month, (SELECT max(month) FROM months) AS last_month;
`
    .split(';\n\n')
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}
