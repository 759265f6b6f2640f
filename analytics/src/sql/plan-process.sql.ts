import { ON_REGISTER_MONTHS_SQL } from './patient-state.sql';

/** Month index of a DATE expression: year·12 + month − 1, as in the `months` table. */
const monthIndex = (date: string): string => `(year(${date}) * 12 + month(${date}) - 1)`;

const PLAN_LEVEL_MEASURES = ['preparation', 'plan_shared', 'carer_involved', 'review_completion', 'overdue_reviews'] as const;

/** The plan-level measures this module writes into practice_cells. */
export type PlanLevelMeasureId = (typeof PLAN_LEVEL_MEASURES)[number];

/** A plan-level measure's number in pp_deltas: its place in PLAN_LEVEL_MEASURES. */
const measureNumber = (measure: PlanLevelMeasureId): number => PLAN_LEVEL_MEASURES.indexOf(measure);
/** PLAN_LEVEL_MEASURES as a SQL list, to name them again by number (from 1). */
const PLAN_LEVEL_MEASURE_LIST = `[${PLAN_LEVEL_MEASURES.map((id) => `'${id}'`).join(', ')}]`;

/** Ids of the plan-level measures, in the order of measures.md. */
export const PLAN_PROCESS_MEASURE_IDS: readonly PlanLevelMeasureId[] = PLAN_LEVEL_MEASURES;

/** The statements of the plan-level measures, in the order they run (see planProcessSql). */
export interface PlanProcessSql {
  /** Creates the empty `pp_deltas`, before the first slice. */
  create: string;
  /** Adds one slice's plans to `pp_deltas`, from the `slice_*` views (patientSliceViewsSql). */
  addSlice: string[];
  /** After the last slice: the practice cells from every slice's deltas. */
  finish: string[];
  /** Drops every table of these statements, for a build that stopped part way. */
  drop: string;
}

/**
 * Statements that insert the plan-level measures (preparation, plan_shared, carer_involved, review_completion,
 * overdue_reviews) at practice level for every month of `months` into `practice_cells`.
 *
 * Expects the record tables (CREATE_RECORD_TABLES_SQL) seen through the `slice_*` views of one slice of patients
 * at a time, with `practice_index` and that slice's `registration_spans`, `plan_days` and `patient_intervals`
 * (patient-state.sql: the practices' small integer keys; where a patient is registered on a day, resolved once for
 * every measure; each patient's plan days in order; the months on a register),
 * `months(month_index INTEGER, month DATE, month_end DATE)` with month_index = year·12 + month − 1, and
 * `practice_cells(measure, month, practice_code, breakdown, numerator, denominator)`. Rows are sparse: a rate
 * appears only where its denominator is > 0 and the overdue_reviews count (denominator NULL) only where it is > 0.
 * Each plan contributes to a half-open range of month indices; the ranges become +1/−1 events, summed by
 * measure, practice and month at the end of each slice (so that what is kept across slices is as small as the
 * practice cells, not as large as the country's plans), whose running sums give each practice's counts: nothing is
 * expanded to plans × months. A plan's contribution needs only its own patient's records, so slices of patients add up.
 * Temporary tables are named pp_* and dropped at the end.
 */
export function planProcessSql(): PlanProcessSql {
  const sliceTables = ['pp_plans', 'pp_plan_practice'];
  const dropTables = (tables: readonly string[]) => tables.map((table) => `DROP TABLE IF EXISTS temp.${table};`).join('\n');
  return {
    create: `CREATE OR REPLACE TEMP TABLE pp_deltas (
       measure UTINYINT, practice_idx INTEGER, month_index INTEGER, numerator BIGINT, denominator BIGINT
     )`,
    addSlice: [
      // Plans with their due date; the earliest later plan of the same patient (agreed strictly after). The slice's
      // plans are read once, for themselves and for their reviews: at national size each read of a slice is a filter over
      // every plan in the country.
      `CREATE OR REPLACE TEMP TABLE pp_plans AS
       WITH plans AS MATERIALIZED (
         SELECT p.id, p.patient_id, x.practice_idx AS plan_practice_idx, p.agreed_on, p.prepared_on, p.shared_on,
                p.carer_involved, coalesce(p.review_due_on, (p.agreed_on + INTERVAL 12 MONTH)::DATE) AS due_on,
                n.next_agreed_on
         FROM slice_care_plans p
         JOIN plan_days n ON n.patient_id = p.patient_id AND n.agreed_on = p.agreed_on
         LEFT JOIN practice_index x ON x.practice_code = p.practice_code
       ), reviews AS (
         SELECT rv.care_plan_id, min(rv.reviewed_on) AS first_review_on,
                bool_or(rv.reviewed_on BETWEEN p.agreed_on AND p.due_on) AS reviewed_by_due
         FROM care_plan_reviews rv JOIN plans p ON p.id = rv.care_plan_id
         GROUP BY rv.care_plan_id
       )
       SELECT p.*, rv.first_review_on, coalesce(rv.reviewed_by_due, false) AS reviewed_by_due
       FROM plans p
       LEFT JOIN reviews rv ON rv.care_plan_id = p.id`,

      // Practice where the patient was registered on agreed_on and on the due date (day level): the registration
      // span holding that day (spans are the days of the registration in force, overlaps resolved, death applied).
      `CREATE OR REPLACE TEMP TABLE pp_plan_practice AS
       WITH lookups AS (
         SELECT id AS plan_key, patient_id, agreed_on AS on_day, false AS due FROM pp_plans
         UNION ALL
         SELECT id, patient_id, due_on, true FROM pp_plans
       )
       SELECT l.plan_key, l.due, r.practice_idx
       FROM lookups l
       JOIN registration_spans r
         ON r.patient_id = l.patient_id AND r.valid_from <= l.on_day AND (r.valid_to IS NULL OR r.valid_to > l.on_day)`,

      // Each plan's contribution to a half-open range [start_index, end_index) of months (NULL end: open), as a +1 event
      // at its start and a −1 at its end, summed by measure (its place in PLAN_LEVEL_MEASURES), practice (its
      // practice_idx: small integers group faster than names) and month: one statement, so that the contributions are
      // never stored. A plan's own practice code that is not in practice_index is no organisation's and no
      // registration's, so it has no cells either way.
      `INSERT INTO pp_deltas
       WITH process AS (
         SELECT coalesce(a.practice_idx, p.plan_practice_idx) AS practice_idx,
                ${monthIndex('p.agreed_on')} AS start_index,
                p.prepared_on, p.shared_on, p.agreed_on, p.carer_involved
         FROM pp_plans p
         LEFT JOIN pp_plan_practice a ON a.plan_key = p.id AND NOT a.due
       ), overdue_plans AS (
         -- Overdue from the first month whose last day is after the due date until the month of the
         -- first review or later plan (that month's last day is on or after it, so no longer overdue).
         SELECT * FROM (
           SELECT patient_id,
                  ${monthIndex('due_on')} + CASE WHEN due_on = last_day(due_on) THEN 1 ELSE 0 END AS start_index,
                  ${monthIndex('least(first_review_on, next_agreed_on)')} AS end_index
           FROM pp_plans
         ) WHERE end_index IS NULL OR end_index > start_index
       ), contrib AS (
         SELECT ${measureNumber('preparation')} AS measure, practice_idx, start_index, start_index + 12 AS end_index,
                coalesce(date_diff('day', prepared_on, agreed_on) BETWEEN 1 AND 42, false)::INTEGER AS numerator,
                1 AS denominator
         FROM process
         UNION ALL
         SELECT ${measureNumber('plan_shared')}, practice_idx, start_index, start_index + 12,
                coalesce(date_diff('day', agreed_on, shared_on) BETWEEN 0 AND 28, false)::INTEGER, 1
         FROM process
         UNION ALL
         SELECT ${measureNumber('carer_involved')}, practice_idx, start_index, start_index + 12, carer_involved::INTEGER, 1
         FROM process WHERE carer_involved IS NOT NULL
         UNION ALL
         SELECT ${measureNumber('review_completion')}, d.practice_idx, ${monthIndex('p.due_on')}, ${monthIndex('p.due_on')} + 12,
                (p.reviewed_by_due OR coalesce(p.next_agreed_on <= p.due_on, false))::INTEGER, 1
         FROM pp_plans p JOIN pp_plan_practice d ON d.plan_key = p.id AND d.due
         UNION ALL
         -- Overdue only in months on a register, at the practice of registration then.
         SELECT ${measureNumber('overdue_reviews')}, s.practice_idx, greatest(o.start_index, s.from_mi), least(o.end_index, s.to_mi), 1, 0
         FROM overdue_plans o
         JOIN (${ON_REGISTER_MONTHS_SQL}) s
           ON s.patient_id = o.patient_id AND s.from_mi < coalesce(o.end_index, 2147483647) AND s.to_mi > o.start_index
       )
       SELECT measure, practice_idx, month_index, sum(numerator::DOUBLE)::BIGINT, sum(denominator::DOUBLE)::BIGINT
       FROM (
         SELECT measure, practice_idx, unnest([start_index, end_index]) AS month_index,
                unnest([numerator, -numerator]) AS numerator, unnest([denominator, -denominator]) AS denominator
         FROM contrib
       )
       WHERE month_index IS NOT NULL AND practice_idx IS NOT NULL
       GROUP BY measure, practice_idx, month_index`,

      dropTables(sliceTables),
    ],
    finish: [
      // The slices' events summed (slices may share a practice), running sums per practice, each sum holding until
      // the next event month.
      `INSERT INTO practice_cells (measure, month, practice_code, breakdown, numerator, denominator)
       WITH events AS (
         SELECT measure, practice_idx, month_index, sum(numerator) AS numerator, sum(denominator) AS denominator
         FROM pp_deltas
         GROUP BY measure, practice_idx, month_index
       ), state AS (
         SELECT ${PLAN_LEVEL_MEASURE_LIST}[measure + 1] AS measure, practice_idx, month_index AS from_index,
                coalesce(lead(month_index) OVER w, 2147483647) AS to_index,
                sum(numerator) OVER (w ROWS UNBOUNDED PRECEDING) AS numerator,
                sum(denominator) OVER (w ROWS UNBOUNDED PRECEDING) AS denominator
         FROM events
         WINDOW w AS (PARTITION BY measure, practice_idx ORDER BY month_index)
       )
       SELECT s.measure, m.month, x.practice_code, '',
              s.numerator::DOUBLE,
              CASE WHEN s.measure = 'overdue_reviews' THEN NULL ELSE s.denominator::DOUBLE END
       FROM state s
       JOIN practice_index x USING (practice_idx)
       JOIN months m ON m.month_index >= s.from_index AND m.month_index < s.to_index
       WHERE CASE WHEN s.measure = 'overdue_reviews' THEN s.numerator > 0 ELSE s.denominator > 0 END`,

      dropTables(['pp_deltas']),
    ],
    drop: dropTables([...sliceTables, 'pp_deltas']),
  };
}

/**
 * overdue_reviews is a count without a denominator, so planProcessSql writes a practice's cell only where someone is
 * overdue. measures.md computes every measure for each organisation and month: a practice with people registered
 * and none overdue has 0 (in trends, comparisons and deciles alike), not no figure. Run after planProcessSql's
 * `finish` and patientStateCellsSql's (it reads `state_totals`, whose whole-population row counts those registered as
 * ltc_prevalence's denominator).
 */
export const OVERDUE_ZERO_CELLS_SQL = `
INSERT INTO practice_cells (measure, month, practice_code, breakdown, numerator, denominator)
SELECT 'overdue_reviews', m.month, x.practice_code, '', 0, NULL
FROM state_totals t
JOIN months m ON m.month_index >= t.mi AND m.month_index < t.next_mi
JOIN practice_index x USING (practice_idx)
WHERE t.family = 0 AND t.value = 0 AND t.den_ltc_prevalence > 0
  AND NOT EXISTS (
    SELECT 1 FROM practice_cells c
    WHERE c.measure = 'overdue_reviews' AND c.breakdown = '' AND c.month = m.month AND c.practice_code = x.practice_code
  )`;
