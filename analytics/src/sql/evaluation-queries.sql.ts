/**
 * The API's read queries for the fair outcome comparison and the training evaluation (snapshot
 * tables from createEvaluationTablesSql). Request values are bound parameters; `$area` is a
 * comma-separated list of organisation codes or '' for all of England, as in dashboard-queries.
 */
import { STANDARDISED_OUTCOMES } from './patient-state.sql';

const WITHIN = (o: string, code: string) =>
  `(${code} = 'ENG' OR ${code} IN (${o}.code, ${o}.pcn_code, ${o}.sub_icb_code, ${o}.icb_code, ${o}.region_code))`;

/**
 * Strata of the standardised outcomes in the months `monthPredicate` picks (on `s.month`): for each
 * month, outcome, stratum (sex code, age band code, LTC count) and plan (true/false), the events and
 * people of the practices within $org, and the LTC population of that stratum within $standard (the
 * standard population, both plan groups) and of all strata that month (standard_total).
 */
const outcomeStrataSql = (monthPredicate: string) => `
WITH own AS (
  SELECT s.month, s.sex, s.age_band, s.ltc_count, s.plan,
         ${STANDARDISED_OUTCOMES.map((id) => `sum(s.num_${id})::DOUBLE AS num_${id}, sum(s.den_${id})::DOUBLE AS den_${id}`).join(', ')}
  FROM outcome_strata s JOIN organisations o ON o.org_id = s.org_id
  WHERE ${monthPredicate} AND ${WITHIN('o', '$org')}
  GROUP BY ALL
), standard AS (
  SELECT s.month, s.sex, s.age_band, s.ltc_count, sum(s.ltc_people)::DOUBLE AS standard
  FROM outcome_strata s JOIN organisations o ON o.org_id = s.org_id
  WHERE ${monthPredicate} AND ${WITHIN('o', '$standard')}
  GROUP BY ALL
), standard_totals AS (
  SELECT month, sum(standard) AS standard_total FROM standard GROUP BY month
), long AS (
  UNPIVOT own ON ${STANDARDISED_OUTCOMES.map((id) => `(num_${id}, den_${id}) AS ${id}`).join(', ')}
  INTO NAME measure VALUE events, people
)
SELECT strftime(l.month, '%Y-%m') AS month, l.measure, l.sex, l.age_band, l.ltc_count, l.plan, l.events, l.people,
       coalesce(t.standard, 0) AS standard, coalesce(st.standard_total, 0) AS standard_total
FROM long l LEFT JOIN standard t USING (month, sex, age_band, ltc_count) LEFT JOIN standard_totals st USING (month)
ORDER BY l.month, l.measure, l.sex, l.age_band, l.ltc_count, l.plan`;

/** The outcome strata (above) at $month. */
export const OUTCOME_STRATA_SQL = outcomeStrataSql('s.month = $month::DATE');

/** The outcome strata (above) of every month from $from to $to (first days of months), for the trend with and without a plan. */
export const OUTCOME_STRATA_SERIES_SQL = outcomeStrataSql('s.month BETWEEN $from::DATE AND $to::DATE');

/** Whole-population plan coverage of every practice inside $area, every month (month as a month index). */
export const PRACTICE_COVERAGE_SQL = `
SELECT c.org AS practice, (year(c.month) * 12 + month(c.month) - 1)::INTEGER AS month_index, c.numerator, c.denominator
FROM cells c JOIN organisations o ON o.code = c.org
WHERE c.measure = 'plan_coverage' AND c.level = 'practice' AND c.breakdown = ''
  AND ($area = '' OR list_has_any(string_split($area, ','), [o.code, o.pcn_code, o.sub_icb_code, o.icb_code, o.region_code]))
ORDER BY c.org, c.month`;

/** Training of the practices inside $area, with the practice's name. */
export const PRACTICE_TRAINING_SQL = `
SELECT t.practice_code, o.name, strftime(t.trained_on, '%Y-%m-%d') AS trained_on, t.programme, t.staff_trained
FROM practice_training t JOIN organisations o ON o.code = t.practice_code AND o.level = 'practice'
WHERE ($area = '' OR list_has_any(string_split($area, ','), [o.code, o.pcn_code, o.sub_icb_code, o.icb_code, o.region_code]))
ORDER BY t.practice_code, t.trained_on`;
