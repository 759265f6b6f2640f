/**
 * The API's read queries on a snapshot. Every request value is a bound parameter; lists of
 * organisation codes are bound as one comma-separated string (codes are validated as
 * alphanumeric before they get here) and split in SQL.
 *
 * Area filter: `$area` is a comma-separated list of organisation codes, or '' for all of England;
 * an organisation is inside it when it is one of them or a descendant of one.
 */

const IN_AREA = (o: string) => `($area = '' OR list_has_any(string_split($area, ','),
  [${o}.code, ${o}.pcn_code, ${o}.sub_icb_code, ${o}.icb_code, ${o}.region_code]))`;

/**
 * The snapshot's small integer keys of measures (with their unit), levels, breakdowns and
 * organisations. The hot queries below filter `cell_counts` on these keys directly: bound as
 * parameters of a prepared statement, DuckDB's zone maps skip every row group but the few that
 * hold them (cells are sorted by measure, level, breakdown, organisation and month), where a
 * filter on the names through the `cells` view reads every cell of the measure.
 */
export const SNAPSHOT_KEYS_SQL = `
SELECT 'measure' AS kind, measure AS name, measure_id::INTEGER AS id, unit FROM measures
UNION ALL SELECT 'level', level, level_id::INTEGER, NULL FROM levels
UNION ALL SELECT 'breakdown', breakdown, breakdown_id, NULL FROM breakdowns
UNION ALL SELECT 'org', code, org_id, NULL FROM organisations`;

/** Counts as the `cells` view gives them, and the rate and its interval from the same macros; `$unit` is the measure's unit. */
const CELL_FIGURES = (c: string) => `${c}.numerator::DOUBLE AS numerator, ${c}.denominator::DOUBLE AS denominator,
       cell_rate($unit, ${c}.numerator::DOUBLE, ${c}.denominator::DOUBLE) AS rate,
       cell_ci_low($unit, ${c}.numerator::DOUBLE, ${c}.denominator::DOUBLE) AS ci_low,
       cell_ci_high($unit, ${c}.numerator::DOUBLE, ${c}.denominator::DOUBLE) AS ci_high`;

/** Organisations with their level and ancestors (England included as ENG). */
export const DASHBOARD_ORGANISATIONS_SQL = `
SELECT code, name, level, parent_code, pcn_code, sub_icb_code, icb_code, region_code FROM organisations ORDER BY level, code`;

/**
 * Series of one organisation and of its parent and England, by keys: $measure_id, $unit, $org, $parent,
 * $england (org ids, -1 for none), $whole (the breakdown id of the whole population), $first and $last
 * (the breakdown ids of the dimension asked for; $first > $last for none), $from, $to (first-of-month dates).
 * Organisations and breakdowns come back as ids (SnapshotKeys names them): a join to name them here
 * would cost twenty times the read itself.
 */
export const SERIES_SQL = `
SELECT strftime(c.month, '%Y-%m') AS month, c.org_id, c.breakdown_id, ${CELL_FIGURES('c')}
FROM cell_counts c
WHERE c.measure_id = $measure_id AND c.org_id IN ($org, $parent, $england)
  AND (c.breakdown_id = $whole OR c.breakdown_id BETWEEN $first AND $last)
  AND c.month BETWEEN $from::DATE AND $to::DATE
ORDER BY c.org_id, c.breakdown_id, c.month`;

/**
 * Series of organisations by name through the `cells` view (for groups, whose parent and England lines
 * come from here): $measure, $org, $parent, $england, $from, $to, $dimension ('' for the whole population only).
 */
export const SERIES_BY_NAME_SQL = `
SELECT strftime(month, '%Y-%m') AS month, org, breakdown, numerator, denominator, rate, ci_low, ci_high
FROM cells
WHERE measure = $measure AND org IN ($org, $parent, $england)
  AND month BETWEEN $from::DATE AND $to::DATE
  AND (breakdown = '' OR ($dimension <> '' AND starts_with(breakdown, $dimension || '=')))
ORDER BY org, breakdown, month`;

/**
 * Summed practice cells of a group of practices: $measure, $practices (comma-separated), $from,
 * $to, $dimension as in SERIES_SQL. Rates and intervals are computed after summing.
 */
export const GROUP_SERIES_SQL = `
SELECT strftime(month, '%Y-%m') AS month, breakdown, sum(numerator) AS numerator, sum(denominator) AS denominator
FROM cells
WHERE measure = $measure AND level = 'practice' AND list_contains(string_split($practices, ','), org)
  AND month BETWEEN $from::DATE AND $to::DATE
  AND (breakdown = '' OR ($dimension <> '' AND starts_with(breakdown, $dimension || '=')))
GROUP BY month, breakdown
ORDER BY breakdown, month`;

/**
 * Whole-population cells of every organisation of a level inside $area for one $month, with the
 * funnel limits against $benchmark_level (icb, region or england): $measure (the id as a name, for
 * the funnels), $measure_id, $unit, $level, $level_id, $whole. Closed organisations (no patients
 * registered at the month: the denominator of $registered_id, LTC prevalence, is 0 or missing) are
 * left out unless $include_closed; `closed` says which of the rows are.
 */
export const COMPARE_SQL = `
SELECT o.code, o.name, o.parent_code, ${CELL_FIGURES('c')},
       f.benchmark_org, f.benchmark_rate, f.low_95, f.high_95, f.low_998, f.high_998, f.flag,
       coalesce(r.denominator, 0) = 0 AS closed
FROM cell_counts c
JOIN organisations o ON o.org_id = c.org_id
LEFT JOIN cell_counts r ON r.measure_id = $registered_id AND r.level_id = $level_id AND r.breakdown_id = $whole
  AND r.org_id = c.org_id AND r.month = c.month
LEFT JOIN funnels f ON f.measure = $measure AND f.month = c.month AND f.level = $level AND f.org = o.code
  AND f.benchmark_level = $benchmark_level
WHERE c.measure_id = $measure_id AND c.level_id = $level_id AND c.breakdown_id = $whole AND c.month = $month::DATE
  AND ${IN_AREA('o')}
  AND ($include_closed OR coalesce(r.denominator, 0) > 0)
ORDER BY o.code`;

/**
 * Numerators and denominators summed over months $from to $to for every organisation of a level
 * inside $area (whole population), for changes over time: $measure_id, $level_id, $whole, $area, $from, $to.
 */
export const PERIOD_TOTALS_SQL = `
SELECT o.code, sum(c.numerator::DOUBLE) AS numerator, sum(c.denominator::DOUBLE) AS denominator
FROM cell_counts c
JOIN organisations o ON o.org_id = c.org_id
WHERE c.measure_id = $measure_id AND c.level_id = $level_id AND c.breakdown_id = $whole
  AND c.month BETWEEN $from::DATE AND $to::DATE
  AND ${IN_AREA('o')}
GROUP BY o.code
ORDER BY o.code`;

/**
 * Deciles per month across practices inside $area (practices with a denominator ≥ 1; for a count
 * measure, of the counts): $measure_id, $unit, $practice_level (its level id), $whole, $area, $from, $to.
 */
export const AREA_DECILES_SQL = `
WITH c AS (
  SELECT c.month, ${CELL_FIGURES('c')}
  FROM cell_counts c
  JOIN organisations o ON o.org_id = c.org_id
  WHERE c.measure_id = $measure_id AND c.level_id = $practice_level AND c.breakdown_id = $whole
    AND c.month BETWEEN $from::DATE AND $to::DATE
    AND ${IN_AREA('o')}
)
SELECT strftime(c.month, '%Y-%m') AS month,
       quantile_cont(CASE WHEN c.denominator IS NULL THEN c.numerator ELSE c.rate END,
                     [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]) AS deciles,
       count(*) AS practices
FROM c
WHERE c.denominator IS NULL OR (c.denominator >= 1 AND c.rate IS NOT NULL)
GROUP BY c.month
ORDER BY c.month`;

/**
 * Deciles per month across a list of practices (a group): $measure, $practices, $from, $to.
 */
export const PRACTICE_LIST_DECILES_SQL = `
SELECT strftime(month, '%Y-%m') AS month,
       quantile_cont(CASE WHEN denominator IS NULL THEN numerator ELSE rate END,
                     [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]) AS deciles,
       count(*) AS practices
FROM cells
WHERE measure = $measure AND level = 'practice' AND breakdown = ''
  AND list_contains(string_split($practices, ','), org)
  AND month BETWEEN $from::DATE AND $to::DATE
  AND (denominator IS NULL OR (denominator >= 1 AND rate IS NOT NULL))
GROUP BY month
ORDER BY month`;

/**
 * Whole-population cells of every measure for the organisations of a level inside $area at the
 * months $month and $previous (the report card and its peers): $level_id, $whole, $area.
 */
export const PEER_CELLS_SQL = `
SELECT m.measure, strftime(c.month, '%Y-%m') AS month, o.code, c.numerator::DOUBLE AS numerator, c.denominator::DOUBLE AS denominator,
       cell_rate(m.unit, c.numerator::DOUBLE, c.denominator::DOUBLE) AS rate,
       cell_ci_low(m.unit, c.numerator::DOUBLE, c.denominator::DOUBLE) AS ci_low,
       cell_ci_high(m.unit, c.numerator::DOUBLE, c.denominator::DOUBLE) AS ci_high
FROM cell_counts c
JOIN organisations o ON o.org_id = c.org_id
JOIN measures m ON m.measure_id = c.measure_id
WHERE c.level_id = $level_id AND c.breakdown_id = $whole AND c.month IN ($month::DATE, $previous::DATE)
  AND ${IN_AREA('o')}
ORDER BY m.measure, c.month, o.code`;

/** Whole-population cells of every measure for up to two organisations ($org, $other: ids, -1 for none) at one $month: $whole. */
export const ORG_CELLS_SQL = `
SELECT m.measure, o.code, c.numerator::DOUBLE AS numerator, c.denominator::DOUBLE AS denominator,
       cell_rate(m.unit, c.numerator::DOUBLE, c.denominator::DOUBLE) AS rate,
       cell_ci_low(m.unit, c.numerator::DOUBLE, c.denominator::DOUBLE) AS ci_low,
       cell_ci_high(m.unit, c.numerator::DOUBLE, c.denominator::DOUBLE) AS ci_high
FROM cell_counts c
JOIN organisations o ON o.org_id = c.org_id
JOIN measures m ON m.measure_id = c.measure_id
WHERE c.breakdown_id = $whole AND c.month = $month::DATE AND c.org_id IN ($org, $other)
ORDER BY m.measure, o.code`;

/** Summed whole-population practice cells of every measure for a list of practices at $month and $previous. */
export const PRACTICE_LIST_CELLS_SQL = `
SELECT measure, strftime(month, '%Y-%m') AS month, sum(numerator) AS numerator, sum(denominator) AS denominator
FROM cells
WHERE level = 'practice' AND breakdown = '' AND month IN ($month::DATE, $previous::DATE)
  AND list_contains(string_split($practices, ','), org)
GROUP BY measure, month
ORDER BY measure, month`;

/** The funnel flags of one organisation for every measure at $month against $benchmark_level. */
export const ORG_FUNNELS_SQL = `
SELECT measure, benchmark_rate, low_95, high_95, low_998, high_998, flag
FROM funnels
WHERE org = $org AND month = $month::DATE AND benchmark_level = $benchmark_level
ORDER BY measure`;
