import { sqlString } from './snapshot-results.sql';

/** Small queries of the benchmark (DuckDB). */

/** Every practice's cells of `naive_result`. */
export const NAIVE_CELLS_SQL = 'SELECT practice_code, month_index, numerator, denominator FROM naive_result';

/** England plan_coverage by month from `naive_result`: month_index, numerator, denominator. */
export const NAIVE_ENGLAND_SQL = `
SELECT month_index::INTEGER AS month_index, sum(numerator)::BIGINT AS numerator, sum(denominator)::BIGINT AS denominator
FROM naive_result GROUP BY month_index ORDER BY month_index`;

/** Attaches a snapshot file read-only as `bench_snapshot`. */
export function attachBenchSnapshotSql(file: string): string {
  return `ATTACH ${sqlString(file)} AS bench_snapshot (READ_ONLY)`;
}
export const DETACH_BENCH_SNAPSHOT_SQL = 'DETACH bench_snapshot';

/** England plan_coverage by month from the attached snapshot: month_index, numerator, denominator. */
export const SNAPSHOT_ENGLAND_PLAN_COVERAGE_SQL = `
SELECT (year(month) * 12 + month(month) - 1)::INTEGER AS month_index, numerator::BIGINT AS numerator, denominator::BIGINT AS denominator
FROM bench_snapshot.cells
WHERE measure = 'plan_coverage' AND level = 'england' AND breakdown = '' ORDER BY month_index`;
