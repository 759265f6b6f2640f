import { DROP_PATIENT_SLICE_VIEWS_SQL, patientSliceViewsSql } from './patient-state.sql';

/**
 * plan_coverage the obvious way, for the benchmark only: every patient × every month, each fact
 * looked up at M. Same SQL for DuckDB and Postgres except the month series and how the registration
 * held is picked. Returns
 * (practice_code, month_index, numerator, denominator) for months [first, last] (month indices).
 * The months a patient is on a register are expanded first and the registration held then looked up
 * for those only (not every registered patient-month first), and plans and adjustments are joined
 * rather than probed with EXISTS: the same answer in a third of the time, so that the benchmark's
 * baseline is a careful analyst's query, not a slow one that flatters the engine. For the same reason
 * DuckDB picks the registration held with arg_max, its idiom for the latest row of a group, where
 * Postgres has DISTINCT ON: at 3 million patients 75.9-84.3 s in three runs against 90.2-106.8 s in
 * three with DISTINCT ON, the same cells.
 */
export function naivePlanCoverageSql(
  dialect: 'duckdb' | 'postgres',
  firstMonthIndex: number,
  lastMonthIndex: number,
  /** Prefix of the record tables read, e.g. `slice_` for the views of one slice of patients (patientSliceViewsSql). */
  tablePrefix = '',
): string {
  if (!Number.isSafeInteger(firstMonthIndex) || !Number.isSafeInteger(lastMonthIndex)) throw new Error('month indices must be integers');
  if (!/^[a-z_]*$/.test(tablePrefix)) throw new Error(`not a table prefix: ${tablePrefix}`);
  const t = (table: string) => `${tablePrefix}${table}`;
  const series =
    dialect === 'duckdb'
      ? `SELECT i::INTEGER AS month_index, make_date((i // 12)::BIGINT, (i % 12 + 1)::BIGINT, 1) AS first_day FROM range(${firstMonthIndex}, ${lastMonthIndex + 1}) t(i)`
      : `SELECT i AS month_index, make_date(i / 12, i % 12 + 1, 1) AS first_day FROM generate_series(${firstMonthIndex}, ${lastMonthIndex}) i`;
  const interval = (months: number) => (dialect === 'duckdb' ? `INTERVAL ${months} MONTH` : `INTERVAL '${months} months'`);
  // The registration held at M: the latest begun, ties by the larger id (the select list, then what follows the joins).
  const [held, heldLatest] =
    dialect === 'duckdb'
      ? [
          'o.month_index, o.month_end, o.window_start, o.patient_id, arg_max(r.practice_code, (r.registered_on, r.id)) AS practice_code',
          'GROUP BY o.month_index, o.month_end, o.window_start, o.patient_id',
        ]
      : [
          'DISTINCT ON (o.month_index, o.patient_id) o.month_index, o.month_end, o.window_start, o.patient_id, r.practice_code',
          'ORDER BY o.month_index, o.patient_id, r.registered_on DESC, r.id DESC',
        ];
  return `
WITH months AS (
  SELECT month_index, (first_day + ${interval(1)} - INTERVAL '1 day')::date AS month_end, (first_day - ${interval(11)})::date AS window_start
  FROM (${series}) s
), on_register AS (
  SELECT DISTINCT c.patient_id, m.month_index, m.month_end, m.window_start
  FROM months m
  JOIN ${t('conditions')} c ON c.diagnosed_on <= m.month_end AND (c.resolved_on IS NULL OR c.resolved_on > m.month_end)
), held AS (
  SELECT ${held}
  FROM on_register o
  JOIN ${t('registrations')} r ON r.patient_id = o.patient_id AND r.registered_on <= o.month_end
    AND (r.deregistered_on IS NULL OR r.deregistered_on > o.month_end)
  JOIN ${t('patients')} p ON p.id = o.patient_id AND (p.died_on IS NULL OR p.died_on > o.month_end)
  ${heldLatest}
), flagged AS (
  SELECT h.practice_code, h.month_index, count(c.patient_id) > 0 AS plan, count(a.patient_id) > 0 AS pca
  FROM held h
  LEFT JOIN ${t('care_plans')} c ON c.patient_id = h.patient_id AND c.agreed_on BETWEEN h.window_start AND h.month_end
  LEFT JOIN ${t('care_plan_adjustments')} a ON a.patient_id = h.patient_id AND a.recorded_on BETWEEN h.window_start AND h.month_end
  GROUP BY h.practice_code, h.month_index, h.patient_id
)
SELECT practice_code, month_index, sum(CASE WHEN plan THEN 1 ELSE 0 END) AS numerator,
       sum(CASE WHEN plan OR NOT pca THEN 1 ELSE 0 END) AS denominator
FROM flagged GROUP BY practice_code, month_index`;
}

/**
 * The DuckDB query above run a slice of patients at a time (ids [first, last] each, as patientSlices cuts them), into
 * the temp table `naive_result(practice_code, month_index, numerator, denominator)`: the slices' counts summed by
 * practice and month, as a patient counts in one slice only. So the baseline is taken as the engine takes the country,
 * in slices that fit in memory: the whole country at once spilled more than 62 GB to disk in 17 minutes and had
 * not finished when the disk was nearly full.
 */
export function naivePlanCoverageInSlicesSql(firstMonthIndex: number, lastMonthIndex: number, slices: readonly [number, number][]): string[] {
  return [
    'CREATE OR REPLACE TEMP TABLE naive_slices (practice_code VARCHAR, month_index INTEGER, numerator BIGINT, denominator BIGINT)',
    ...slices.flatMap(([firstId, lastId]) => [
      patientSliceViewsSql(firstId, lastId),
      `INSERT INTO naive_slices ${naivePlanCoverageSql('duckdb', firstMonthIndex, lastMonthIndex, 'slice_')}`,
    ]),
    DROP_PATIENT_SLICE_VIEWS_SQL,
    `CREATE OR REPLACE TEMP TABLE naive_result AS
     SELECT practice_code, month_index, sum(numerator)::BIGINT AS numerator, sum(denominator)::BIGINT AS denominator
     FROM naive_slices GROUP BY practice_code, month_index`,
    'DROP TABLE naive_slices',
  ];
}
