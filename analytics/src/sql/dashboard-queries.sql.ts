/**
 * The API's read queries on a snapshot. Every request value is a bound parameter; lists of
 * organisation codes are bound as one comma-separated string (codes are validated as
 * alphanumeric before they get here) and split in SQL.
 *
 * Area filter: `$area_ids` is a comma-separated list of the organisation ids inside the user's area
 * (worked out in Node from the directory, which knows every organisation's ancestors), or '' for all
 * of England: a semi-join on a handful of integers, where a join to the organisations table to test
 * their ancestors' codes cost more than the read.
 */

// nullif: the subquery is evaluated even when $area_ids is '', and '' is no integer.
const IN_AREA_IDS = (c: string) => `($area_ids = '' OR ${c}.org_id IN (SELECT unnest(string_split(nullif($area_ids, ''), ','))::INTEGER))`;

/**
 * The snapshot's small integer keys of measures (with their unit), levels, breakdowns and
 * organisations. The hot queries below filter `cell_counts` on these keys directly: bound as
 * parameters of a prepared statement, DuckDB's zone maps skip every row group but the few that
 * hold them (cells are sorted by measure, level, breakdown, organisation and month), where a
 * filter on the names through the `cells` view reads every cell of the measure.
 */
export const SNAPSHOT_KEYS_SQL = `
SELECT 'measure' AS kind, measure AS name, measure_id::INTEGER AS id, unit, NULL::INTEGER AS level_id FROM measures
UNION ALL SELECT 'level', level, level_id::INTEGER, NULL, NULL FROM levels
UNION ALL SELECT 'breakdown', breakdown, breakdown_id, NULL, NULL FROM breakdowns
UNION ALL SELECT 'org', o.code, o.org_id, NULL, l.level_id::INTEGER FROM organisations o JOIN levels l USING (level)`;

/** Counts as the `cells` view gives them, and the rate and its interval from the same macros; `$unit` is the measure's unit. */
const CELL_FIGURES = (c: string) => `${c}.numerator::DOUBLE AS numerator, ${c}.denominator::DOUBLE AS denominator,
       cell_rate($unit, ${c}.numerator::DOUBLE, ${c}.denominator::DOUBLE) AS rate,
       cell_ci_low($unit, ${c}.numerator::DOUBLE, ${c}.denominator::DOUBLE) AS ci_low,
       cell_ci_high($unit, ${c}.numerator::DOUBLE, ${c}.denominator::DOUBLE) AS ci_high`;

/** Organisations with their level and ancestors (England included as ENG). */
export const DASHBOARD_ORGANISATIONS_SQL = `
SELECT code, name, level, parent_code, pcn_code, sub_icb_code, icb_code, region_code FROM organisations ORDER BY level, code`;

/**
 * Counts of one organisation's series, by keys: $measure_id, $level_id and $org (its level's and its own id),
 * breakdown ids $first to $last (the whole population's id twice, or a dimension's first and last), $from, $to
 * (first-of-month dates). One organisation and one range of breakdowns per read, every key an equality or a
 * range: so the zone maps skip all but the few row groups holding them (about 1 ms; an IN list of three
 * organisations, or an OR of two breakdown ranges, read every cell of the measure: about 30 ms). The parent's
 * and England's lines are reads of their own, shared by every organisation below them (and cached so).
 * Breakdowns come back as ids (SnapshotKeys names them): a join to name them would cost more than the read.
 * Rates and intervals are left to the API (figuresOf, the same formulas as the macros): the macros' three
 * expressions cost three times the read itself, on a dozen rows.
 */
export const SERIES_SQL = `
SELECT strftime(c.month, '%Y-%m') AS month, c.breakdown_id, c.numerator::DOUBLE AS numerator, c.denominator::DOUBLE AS denominator
FROM cell_counts c
WHERE c.measure_id = $measure_id AND c.level_id = $level_id AND c.org_id = $org
  AND c.breakdown_id BETWEEN $first AND $last
  AND c.month BETWEEN $from::DATE AND $to::DATE
ORDER BY c.breakdown_id, c.month`;

/**
 * Every whole-population cell ($whole: the whole population's breakdown id) of every measure, level, organisation
 * and month, as numbers only (month as year × 12 + month − 1), ordered so that each measure's organisation is one
 * run of months: the API holds these in typed arrays (WholePopulationCells) and answers series and report cards
 * from them without a read per request.
 */
export const WHOLE_POPULATION_CELLS_SQL = `
SELECT c.measure_id::INTEGER AS measure_id, c.org_id::INTEGER AS org_id, (year(c.month) * 12 + month(c.month) - 1)::INTEGER AS month_index,
       c.numerator::DOUBLE AS numerator, c.denominator::DOUBLE AS denominator
FROM cell_counts c
WHERE c.breakdown_id = $whole
ORDER BY c.measure_id, c.org_id, c.month`;

/** How many rows WHOLE_POPULATION_CELLS_SQL gives ($whole as there). */
export const WHOLE_POPULATION_CELL_COUNT_SQL = `SELECT count(*)::DOUBLE AS cells FROM cell_counts WHERE breakdown_id = $whole`;

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
 * Whole-population cells of every organisation of a level at one $month, by keys: $measure_id, $unit,
 * $level_id, $whole. The same for every user (the area is filtered in Node by organisation id, which
 * also names them), so one read serves every comparison of the measure, level and month; the
 * comparison reads it twice, for its measure and for LTC prevalence, whose denominator (patients
 * registered) says which organisations are closed.
 */
export const LEVEL_CELLS_SQL = `
SELECT c.org_id, ${CELL_FIGURES('c')}
FROM cell_counts c
WHERE c.measure_id = $measure_id AND c.level_id = $level_id AND c.breakdown_id = $whole AND c.month = $month::DATE
ORDER BY c.org_id`;

/** The funnel limits of every organisation of a $level for $measure at $month against $benchmark_level (icb, region or england). */
export const LEVEL_FUNNELS_SQL = `
SELECT org, benchmark_org, benchmark_rate, low_95, high_95, low_998, high_998, flag
FROM funnels
WHERE measure = $measure AND month = $month::DATE AND level = $level AND benchmark_level = $benchmark_level`;

/**
 * Numerators and denominators summed over months $from to $to for every organisation of a level
 * (whole population), for changes over time, by keys: $measure_id, $level_id, $whole, $from, $to.
 */
export const PERIOD_TOTALS_SQL = `
SELECT c.org_id, sum(c.numerator::DOUBLE) AS numerator, sum(c.denominator::DOUBLE) AS denominator
FROM cell_counts c
WHERE c.measure_id = $measure_id AND c.level_id = $level_id AND c.breakdown_id = $whole
  AND c.month BETWEEN $from::DATE AND $to::DATE
GROUP BY c.org_id
ORDER BY c.org_id`;

/**
 * Deciles per month across the practices $area_ids (practices with a denominator ≥ 1; for a count
 * measure, of the counts): $measure_id, $unit, $practice_level (its level id), $whole, $area_ids, $from, $to.
 */
export const AREA_DECILES_SQL = `
WITH c AS (
  SELECT c.month, ${CELL_FIGURES('c')}
  FROM cell_counts c
  WHERE c.measure_id = $measure_id AND c.level_id = $practice_level AND c.breakdown_id = $whole
    AND c.month BETWEEN $from::DATE AND $to::DATE
    AND ${IN_AREA_IDS('c')}
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
 * England's deciles per month from the snapshot's precomputed `deciles` table, with how many practices they are of:
 * $measure (its name), $measure_id, $practice_level, $whole, $from, $to. The table holds what AREA_DECILES_SQL gives
 * over all practices (the same rates, practices with a denominator ≥ 1, quantile_cont) for rate measures only: it
 * has no count measure. The practices are counted from the cells, as the table does not keep them.
 */
export const NATIONAL_DECILES_SQL = `
WITH d AS (
  SELECT month, list(rate ORDER BY percentile) AS deciles
  FROM deciles
  WHERE measure = $measure AND month BETWEEN $from::DATE AND $to::DATE
  GROUP BY month
), n AS (
  SELECT c.month, count(*) AS practices
  FROM cell_counts c
  WHERE c.measure_id = $measure_id AND c.level_id = $practice_level AND c.breakdown_id = $whole
    AND c.month BETWEEN $from::DATE AND $to::DATE AND c.denominator >= 1
  GROUP BY c.month
)
SELECT strftime(d.month, '%Y-%m') AS month, d.deciles, n.practices
FROM d JOIN n USING (month)
ORDER BY d.month`;

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

/** Summed whole-population practice cells of every measure for a list of practices at $month and $previous. */
export const PRACTICE_LIST_CELLS_SQL = `
SELECT measure, strftime(month, '%Y-%m') AS month, sum(numerator) AS numerator, sum(denominator) AS denominator
FROM cells
WHERE level = 'practice' AND breakdown = '' AND month IN ($month::DATE, $previous::DATE)
  AND list_contains(string_split($practices, ','), org)
GROUP BY measure, month
ORDER BY measure, month`;

