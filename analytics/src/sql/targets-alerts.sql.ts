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
 * (measures with limits only, i.e. not counts), for the alerts; in time order per practice and measure. Numbers only
 * (the snapshot's measure and organisation ids, month indices year * 12 + month − 1): the server reads about 1.4 million
 * of these rows at national size as it starts, and turning the names and month strings of the `funnels` view into
 * JavaScript strings took most of that time. `above` and `below` are the view's flags, `higher` and `lower`: beyond the
 * 99.8% limit on either side (NULL, as no flag, where a limit is missing).
 */
export const PRACTICE_ALERT_MONTHS_SQL = `
SELECT f.measure_id::INTEGER AS measure_id, f.org_id, (year(f.month) * 12 + month(f.month) - 1)::INTEGER AS month_index,
       f.rate, f.benchmark_rate, f.low_998, f.high_998, f.rate > f.high_998 AS above, f.rate < f.low_998 AS below
FROM funnel_limits f
JOIN organisations o ON o.org_id = f.org_id
JOIN organisations b ON b.org_id = f.benchmark_id
WHERE o.level = 'practice' AND b.level = 'icb' AND f.month BETWEEN $from::DATE AND $to::DATE
ORDER BY f.measure_id, f.org_id, f.month`;
