/**
 * plan_coverage the obvious way, for the benchmark only: every patient × every month, each fact
 * looked up at M. Same SQL for DuckDB and Postgres except the month series. Returns
 * (practice_code, month_index, numerator, denominator) for months [first, last] (month indices).
 */
export function naivePlanCoverageSql(dialect: 'duckdb' | 'postgres', firstMonthIndex: number, lastMonthIndex: number): string {
  if (!Number.isSafeInteger(firstMonthIndex) || !Number.isSafeInteger(lastMonthIndex)) throw new Error('month indices must be integers');
  const series =
    dialect === 'duckdb'
      ? `SELECT i::INTEGER AS month_index, make_date((i // 12)::BIGINT, (i % 12 + 1)::BIGINT, 1) AS first_day FROM range(${firstMonthIndex}, ${lastMonthIndex + 1}) t(i)`
      : `SELECT i AS month_index, make_date(i / 12, i % 12 + 1, 1) AS first_day FROM generate_series(${firstMonthIndex}, ${lastMonthIndex}) i`;
  const interval = (months: number) => (dialect === 'duckdb' ? `INTERVAL ${months} MONTH` : `INTERVAL '${months} months'`);
  return `
WITH months AS (
  SELECT month_index, (first_day + ${interval(1)} - INTERVAL '1 day')::date AS month_end, (first_day - ${interval(11)})::date AS window_start
  FROM (${series}) s
), held AS (
  SELECT DISTINCT ON (m.month_index, r.patient_id) m.month_index, m.month_end, m.window_start, r.patient_id, r.practice_code
  FROM months m
  JOIN registrations r ON r.registered_on <= m.month_end AND (r.deregistered_on IS NULL OR r.deregistered_on > m.month_end)
  JOIN patients p ON p.id = r.patient_id AND (p.died_on IS NULL OR p.died_on > m.month_end)
  ORDER BY m.month_index, r.patient_id, r.registered_on DESC, r.id DESC
), flagged AS (
  SELECT h.practice_code, h.month_index,
         EXISTS (SELECT 1 FROM care_plans c WHERE c.patient_id = h.patient_id AND c.agreed_on BETWEEN h.window_start AND h.month_end) AS plan,
         EXISTS (SELECT 1 FROM care_plan_adjustments a WHERE a.patient_id = h.patient_id AND a.recorded_on BETWEEN h.window_start AND h.month_end) AS pca
  FROM held h
  WHERE EXISTS (SELECT 1 FROM conditions c WHERE c.patient_id = h.patient_id AND c.diagnosed_on <= h.month_end
                  AND (c.resolved_on IS NULL OR c.resolved_on > h.month_end))
)
SELECT practice_code, month_index, sum(CASE WHEN plan THEN 1 ELSE 0 END) AS numerator,
       sum(CASE WHEN plan OR NOT pca THEN 1 ELSE 0 END) AS denominator
FROM flagged GROUP BY practice_code, month_index`;
}
