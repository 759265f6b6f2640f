/** Read queries on a snapshot file (bound parameters only). */

/** One cell series: $measure, $level, $org, $breakdown → month (YYYY-MM), numerator, denominator, rate, CI. */
export const CELL_SERIES_SQL = `
SELECT strftime(month, '%Y-%m') AS month, numerator, denominator, rate, ci_low, ci_high
FROM cells
WHERE measure = $measure AND level = $level AND org = $org AND breakdown = $breakdown
ORDER BY month`;

/** Every cell of one measure, level and month: $measure, $level, $month (a first-of-month date). */
export const CELLS_OF_LEVEL_SQL = `
SELECT org, breakdown, numerator, denominator, rate, ci_low, ci_high
FROM cells
WHERE measure = $measure AND level = $level AND month = $month::DATE
ORDER BY org, breakdown`;

/** Funnel limits and flags of one measure, month and benchmark level: $measure, $month, $benchmark_level. */
export const FUNNELS_SQL = `
SELECT level, org, benchmark_org, benchmark_rate, rate, low_95, high_95, low_998, high_998, flag
FROM funnels
WHERE measure = $measure AND month = $month::DATE AND benchmark_level = $benchmark_level
ORDER BY level, org`;

/** Deciles of one measure: $measure → month, percentile, rate. */
export const DECILES_SQL = `
SELECT strftime(month, '%Y-%m') AS month, percentile, rate FROM deciles WHERE measure = $measure ORDER BY month, percentile`;

/** The snapshot's one-row description. */
export const SNAPSHOT_INFO_SQL = `
SELECT strftime(as_of, '%Y-%m-%d') AS as_of, strftime(built_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS built_at,
       strftime(first_month, '%Y-%m') AS first_month, strftime(last_month, '%Y-%m') AS last_month
FROM snapshot_info`;

/** Organisations with their level and ancestors (England included as ENG). */
export const ORGANISATIONS_SQL = `
SELECT code, name, level, parent_code, pcn_code, sub_icb_code, icb_code, region_code FROM organisations ORDER BY level, code`;

/** Every cell of one level: $level → measure, month (YYYY-MM), org, breakdown, numerator, denominator. */
export const CELLS_AT_LEVEL_SQL = `
SELECT measure, strftime(month, '%Y-%m') AS month, org, breakdown, numerator, denominator
FROM cells WHERE level = $level ORDER BY measure, month, org, breakdown`;
