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

/** Organisations with their level and ancestors (England included as ENG). */
export const DASHBOARD_ORGANISATIONS_SQL = `
SELECT code, name, level, parent_code, pcn_code, sub_icb_code, icb_code, region_code FROM organisations ORDER BY level, code`;

/**
 * Series of one organisation and of its parent and England: $measure, $org, $parent, $england,
 * $from, $to (first-of-month dates), $dimension ('' for the whole population only, else e.g. `age_band`).
 */
export const SERIES_SQL = `
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
 * Whole-population cells of every organisation of $level inside $area for one $month, with the
 * funnel limits against $benchmark_level (icb, region or england).
 */
export const COMPARE_SQL = `
SELECT c.org AS code, o.name, o.parent_code, c.numerator, c.denominator, c.rate, c.ci_low, c.ci_high,
       f.benchmark_org, f.benchmark_rate, f.low_95, f.high_95, f.low_998, f.high_998, f.flag
FROM cells c
JOIN organisations o ON o.code = c.org
LEFT JOIN funnels f ON f.measure = c.measure AND f.month = c.month AND f.level = c.level AND f.org = c.org
  AND f.benchmark_level = $benchmark_level
WHERE c.measure = $measure AND c.month = $month::DATE AND c.level = $level AND c.breakdown = ''
  AND ${IN_AREA('o')}
ORDER BY c.org`;

/**
 * Numerators and denominators summed over months $from to $to for every organisation of $level
 * inside $area (whole population), for changes over time: $measure, $level, $area, $from, $to.
 */
export const PERIOD_TOTALS_SQL = `
SELECT c.org AS code, sum(c.numerator) AS numerator, sum(c.denominator) AS denominator
FROM cells c
JOIN organisations o ON o.code = c.org
WHERE c.measure = $measure AND c.level = $level AND c.breakdown = ''
  AND c.month BETWEEN $from::DATE AND $to::DATE
  AND ${IN_AREA('o')}
GROUP BY c.org
ORDER BY c.org`;

/**
 * Deciles per month across practices inside $area (practices with a denominator ≥ 1; for a count
 * measure, of the counts): $measure, $area, $from, $to.
 */
export const AREA_DECILES_SQL = `
SELECT strftime(c.month, '%Y-%m') AS month,
       quantile_cont(CASE WHEN c.denominator IS NULL THEN c.numerator ELSE c.rate END,
                     [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]) AS deciles,
       count(*) AS practices
FROM cells c
JOIN organisations o ON o.code = c.org
WHERE c.measure = $measure AND c.level = 'practice' AND c.breakdown = ''
  AND c.month BETWEEN $from::DATE AND $to::DATE
  AND (c.denominator IS NULL OR (c.denominator >= 1 AND c.rate IS NOT NULL))
  AND ${IN_AREA('o')}
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
 * Whole-population cells of every measure for the organisations of $level inside $area at the
 * months $month and $previous (the report card and its peers).
 */
export const PEER_CELLS_SQL = `
SELECT c.measure, strftime(c.month, '%Y-%m') AS month, c.org AS code, c.numerator, c.denominator, c.rate, c.ci_low, c.ci_high
FROM cells c
JOIN organisations o ON o.code = c.org
WHERE c.level = $level AND c.breakdown = '' AND c.month IN ($month::DATE, $previous::DATE)
  AND ${IN_AREA('o')}
ORDER BY c.measure, c.month, c.org`;

/** Whole-population cells of every measure for a list of organisations ($orgs) at one $month. */
export const ORG_CELLS_SQL = `
SELECT measure, org AS code, numerator, denominator, rate, ci_low, ci_high
FROM cells
WHERE breakdown = '' AND month = $month::DATE AND list_contains(string_split($orgs, ','), org)
ORDER BY measure, org`;

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
