/**
 * The snapshot queries of targets and alerts. Request values are bound parameters; $area is a
 * comma-separated list of organisation codes ('' = England), as in dashboard-queries.sql.ts.
 */

/**
 * Whole-population monthly rates of the organisations of $levels (comma-separated) inside $area
 * for $measure from $from to $to: the trends that targets project and rank.
 */
export const TARGET_TREND_CELLS_SQL = `
SELECT c.org AS code, o.name, c.level, o.pcn_code, strftime(c.month, '%Y-%m') AS month, c.numerator, c.denominator, c.rate
FROM cells c
JOIN organisations o ON o.code = c.org
WHERE c.measure = $measure AND c.breakdown = '' AND list_contains(string_split($levels, ','), c.level)
  AND c.month BETWEEN $from::DATE AND $to::DATE
  AND ($area = '' OR list_has_any(string_split($area, ','), [o.code, o.pcn_code, o.sub_icb_code, o.icb_code, o.region_code]))
ORDER BY c.level, c.org, c.month`;

/**
 * Every practice's rate and 99.8% funnel limits against its ICB for each month from $from to $to
 * (measures with limits only, i.e. not counts), for the alerts; in time order per practice and measure.
 */
export const PRACTICE_ALERT_MONTHS_SQL = `
SELECT f.measure, f.org AS code, strftime(f.month, '%Y-%m') AS month, f.rate, f.benchmark_rate, f.low_998, f.high_998, f.flag
FROM funnels f
WHERE f.level = 'practice' AND f.benchmark_level = 'icb' AND f.month BETWEEN $from::DATE AND $to::DATE
ORDER BY f.measure, f.org, f.month`;
