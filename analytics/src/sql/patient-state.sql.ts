/**
 * Patient-state measures (measures.md "Uptake" and "Outcomes") as interval arithmetic.
 *
 * Every fact evaluated at M (the last day of month m) holds for a half-open range of month
 * indices (`mi` = year * 12 + month − 1): a date d is ≤ M exactly when mi(d) ≤ m, so
 * "d ≤ M < e" is "mi(d) ≤ m < mi(e)". Each patient's history becomes intervals of constant state
 * (practice, register bitmask, age band, plan, PCA, latest observations, admissions in the
 * window) from running sums of ±deltas; the intervals become +1/−1 events per practice and
 * state, grouped before breakdowns are expanded, then running sums over months give the cells.
 * Patients × months is never materialised.
 */
import type { MeasureId } from '../measures/measure-definition.schema';

/** Register codes of the data contract, in bit order of the register bitmask. */
export const REGISTER_CODES = [
  'AF', 'AST', 'CAN', 'CHD', 'CKD', 'COPD', 'DEM', 'DEP', 'DM',
  'EP', 'HF', 'HYP', 'LD', 'MH', 'OST', 'PAD', 'RA', 'STIA',
] as const;

/** Age bands at M and the completed years at which each band after the first begins. */
export const AGE_BANDS = ['0-17', '18-39', '40-64', '65-79', '80+'] as const;
export const AGE_BAND_STARTS = [18, 40, 65, 80] as const;

/** Month range of a snapshot as month indices (year * 12 + month − 1), both inclusive. */
export interface MonthRange {
  firstMonthIndex: number;
  lastMonthIndex: number;
}

/** Far-future month index standing in for "open" (no end date). */
const OPEN = 1_000_000;

function int(value: number, name: string): number {
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be an integer, got ${value}`);
  return value;
}

const dmBit = REGISTER_CODES.indexOf('DM');
const depBit = REGISTER_CODES.indexOf('DEP');

/** Macros used by the snapshot build; temporary, so they stay out of the snapshot file. */
export const CREATE_MONTH_MACROS_SQL = `
CREATE OR REPLACE TEMP MACRO month_idx(d) AS (year(d) * 12 + month(d) - 1)::INTEGER;
CREATE OR REPLACE TEMP MACRO month_start(i) AS make_date((i // 12)::BIGINT, (i % 12 + 1)::BIGINT, 1);
`;

/** `YYYY-MM` of the earliest activity record (plans, adjustments, observations, admissions, reviews), or NULL. */
export const FIRST_ACTIVITY_MONTH_SQL = `
SELECT strftime(min(d), '%Y-%m') AS first_activity FROM (
  SELECT min(agreed_on) AS d FROM care_plans
  UNION ALL SELECT min(recorded_on) FROM care_plan_adjustments
  UNION ALL SELECT min(observed_on) FROM observations
  UNION ALL SELECT min(admitted_on) FROM admissions
  UNION ALL SELECT min(reviewed_on) FROM care_plan_reviews
)`;

/**
 * `months(month_index, month, month_end, window_start)`: one row per month of the snapshot; `month` is
 * the first day, `month_end` is M, `window_start` the first day of month m − 11.
 */
export function createMonthsSql(range: MonthRange): string {
  const first = int(range.firstMonthIndex, 'firstMonthIndex');
  const last = int(range.lastMonthIndex, 'lastMonthIndex');
  return `
CREATE OR REPLACE TABLE months AS
SELECT i::INTEGER AS month_index, month_start(i) AS month, last_day(month_start(i)) AS month_end,
       month_start(i - 11) AS window_start
FROM range(${first}, ${last + 1}) AS t(i)
ORDER BY i;`;
}

/**
 * `practice_index(practice_idx, practice_code)`: small integer keys for practices, and
 * `registration_spans(patient_id, practice_code, practice_idx, valid_from, valid_to, from_mi, to_mi)`:
 * the days [valid_from, valid_to) (valid_to NULL = open) on which the patient counts as
 * registered at that practice, with death applied and overlaps resolved (the registration that
 * began later holds; ties by larger id; an earlier one still valid resumes when the later ends).
 * The patient is registered at M at that practice exactly for months [from_mi, to_mi).
 */
export const CREATE_REGISTRATION_SPANS_SQL = `
CREATE OR REPLACE TEMP TABLE practice_index AS
SELECT (row_number() OVER (ORDER BY practice_code))::INTEGER AS practice_idx, practice_code
FROM (SELECT code AS practice_code FROM organisations WHERE level = 'practice'
      UNION SELECT practice_code FROM registrations);

CREATE OR REPLACE TEMP TABLE registration_spans AS
WITH valid AS (
  SELECT r.id, r.patient_id, r.practice_code, r.registered_on AS valid_from,
         least(coalesce(r.deregistered_on, DATE '9999-12-31'), coalesce(p.died_on, DATE '9999-12-31')) AS valid_to
  FROM registrations r JOIN patients p ON p.id = r.patient_id
), counted AS (
  SELECT *, count(*) OVER (PARTITION BY patient_id) AS n FROM valid WHERE valid_from < valid_to
), multi AS (
  SELECT * FROM counted WHERE n > 1
), bounds AS (
  SELECT DISTINCT patient_id, b FROM (
    SELECT patient_id, valid_from AS b FROM multi UNION ALL SELECT patient_id, valid_to FROM multi)
), segments AS (
  SELECT patient_id, b AS seg_from, lead(b) OVER (PARTITION BY patient_id ORDER BY b) AS seg_to FROM bounds
), held AS (
  SELECT s.patient_id, m.practice_code, s.seg_from AS valid_from, s.seg_to AS valid_to
  FROM segments s JOIN multi m
    ON m.patient_id = s.patient_id AND m.valid_from <= s.seg_from AND s.seg_from < m.valid_to
  WHERE s.seg_to IS NOT NULL
  QUALIFY row_number() OVER (PARTITION BY s.patient_id, s.seg_from ORDER BY m.valid_from DESC, m.id DESC) = 1
), spans AS (
  SELECT patient_id, practice_code, valid_from, valid_to FROM counted WHERE n = 1
  UNION ALL SELECT patient_id, practice_code, valid_from, valid_to FROM held
)
SELECT s.patient_id, s.practice_code, x.practice_idx, s.valid_from,
       CASE WHEN s.valid_to = DATE '9999-12-31' THEN NULL ELSE s.valid_to END AS valid_to,
       month_idx(s.valid_from) AS from_mi,
       CASE WHEN s.valid_to = DATE '9999-12-31' THEN ${OPEN} ELSE month_idx(s.valid_to) END AS to_mi
FROM spans s JOIN practice_index x USING (practice_code);
`;

/**
 * `patient_intervals`: per patient, maximal month ranges [from_mi, to_mi) of constant state while
 * registered, with `practice_idx`, `mask` (bit i set = register REGISTER_CODES[i] active),
 * `age_band` (index into AGE_BANDS), `plan`/`pca` (counts of plans / PCAs in the window),
 * `pam`/`hba1c`/`phq9` (0 none in the window, 1 latest does not meet the target, 2 it does) and
 * `admissions` (emergency admissions in the window). Needs `registration_spans`.
 */
export function createPatientIntervalsSql(range: MonthRange): string {
  const first = int(range.firstMonthIndex, 'firstMonthIndex');
  const last = int(range.lastMonthIndex, 'lastMonthIndex');
  const turns = AGE_BAND_STARTS.map(
    (years) =>
      `(year(birth_date) + ${years}) * 12 + month(birth_date) - 1 + CASE WHEN month(birth_date) = 2 AND day(birth_date) = 29
        AND NOT ((year(birth_date) + ${years}) % 4 = 0 AND ((year(birth_date) + ${years}) % 100 <> 0 OR (year(birth_date) + ${years}) % 400 = 0))
        THEN 1 ELSE 0 END`,
  );
  const registerList = REGISTER_CODES.map((code, bit) => `('${code}', ${bit})`).join(', ');
  return `
CREATE OR REPLACE TEMP TABLE condition_islands AS
WITH registers(code, bit) AS (VALUES ${registerList}),
c AS (
  SELECT c.patient_id, r.bit, month_idx(c.diagnosed_on) AS f,
         coalesce(month_idx(c.resolved_on), ${OPEN}) AS t
  FROM conditions c JOIN registers r ON r.code = c.condition
), g AS (
  SELECT *, max(t) OVER (PARTITION BY patient_id, bit ORDER BY f, t ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_t
  FROM c WHERE f < t
), i AS (
  SELECT *, sum(CASE WHEN prev_t IS NULL OR f > prev_t THEN 1 ELSE 0 END)
              OVER (PARTITION BY patient_id, bit ORDER BY f, t ROWS UNBOUNDED PRECEDING) AS island
  FROM g
)
SELECT patient_id, bit, min(f) AS f, max(t) AS t FROM i GROUP BY patient_id, bit, island;

CREATE OR REPLACE TEMP TABLE latest_observations AS
WITH o AS (
  SELECT patient_id, code, month_idx(observed_on) AS f,
         lead(month_idx(observed_on)) OVER (PARTITION BY patient_id, code ORDER BY observed_on, id) AS next_f,
         CASE code WHEN 'PAM_LEVEL' THEN value IN (3, 4) WHEN 'HBA1C' THEN value <= 58 ELSE value < 10 END AS meets
  FROM observations WHERE code IN ('PAM_LEVEL', 'HBA1C', 'PHQ9')
)
SELECT patient_id, code, CASE WHEN meets THEN 2 ELSE 1 END AS state, f, least(coalesce(next_f, f + 12), f + 12) AS t
FROM o WHERE least(coalesce(next_f, f + 12), f + 12) > f;

CREATE OR REPLACE TEMP TABLE patient_intervals AS
WITH events AS (
  SELECT patient_id, from_mi AS mi, practice_idx AS d_practice FROM registration_spans
  UNION ALL BY NAME SELECT patient_id, to_mi AS mi, -practice_idx AS d_practice FROM registration_spans
  UNION ALL BY NAME SELECT patient_id, f AS mi, (1::BIGINT << bit) AS d_mask FROM condition_islands
  UNION ALL BY NAME SELECT patient_id, t AS mi, -(1::BIGINT << bit) AS d_mask FROM condition_islands
  UNION ALL BY NAME SELECT id AS patient_id, unnest([${turns.join(', ')}])::INTEGER AS mi, 1 AS d_age FROM patients
  UNION ALL BY NAME SELECT patient_id, month_idx(agreed_on) AS mi, 1 AS d_plan FROM care_plans
  UNION ALL BY NAME SELECT patient_id, month_idx(agreed_on) + 12 AS mi, -1 AS d_plan FROM care_plans
  UNION ALL BY NAME SELECT patient_id, month_idx(recorded_on) AS mi, 1 AS d_pca FROM care_plan_adjustments
  UNION ALL BY NAME SELECT patient_id, month_idx(recorded_on) + 12 AS mi, -1 AS d_pca FROM care_plan_adjustments
  UNION ALL BY NAME SELECT patient_id, f AS mi, state AS d_pam FROM latest_observations WHERE code = 'PAM_LEVEL'
  UNION ALL BY NAME SELECT patient_id, t AS mi, -state AS d_pam FROM latest_observations WHERE code = 'PAM_LEVEL'
  UNION ALL BY NAME SELECT patient_id, f AS mi, state AS d_hba1c FROM latest_observations WHERE code = 'HBA1C'
  UNION ALL BY NAME SELECT patient_id, t AS mi, -state AS d_hba1c FROM latest_observations WHERE code = 'HBA1C'
  UNION ALL BY NAME SELECT patient_id, f AS mi, state AS d_phq9 FROM latest_observations WHERE code = 'PHQ9'
  UNION ALL BY NAME SELECT patient_id, t AS mi, -state AS d_phq9 FROM latest_observations WHERE code = 'PHQ9'
  UNION ALL BY NAME SELECT patient_id, month_idx(admitted_on) AS mi, 1 AS d_admissions FROM admissions WHERE emergency
  UNION ALL BY NAME SELECT patient_id, month_idx(admitted_on) + 12 AS mi, -1 AS d_admissions FROM admissions WHERE emergency
), per_month AS (
  -- Everything before the first month takes effect at the first month.
  SELECT patient_id, greatest(mi, ${first}) AS mi,
         coalesce(sum(d_practice), 0) AS d_practice, coalesce(sum(d_mask), 0) AS d_mask,
         coalesce(sum(d_age), 0) AS d_age, coalesce(sum(d_plan), 0) AS d_plan, coalesce(sum(d_pca), 0) AS d_pca,
         coalesce(sum(d_pam), 0) AS d_pam, coalesce(sum(d_hba1c), 0) AS d_hba1c, coalesce(sum(d_phq9), 0) AS d_phq9,
         coalesce(sum(d_admissions), 0) AS d_admissions
  FROM events WHERE mi <= ${last}
  GROUP BY patient_id, greatest(mi, ${first})
), states AS (
  SELECT patient_id, mi AS from_mi, coalesce(lead(mi) OVER w, ${last + 1}) AS to_mi,
         (sum(d_practice) OVER w)::INTEGER AS practice_idx, (sum(d_mask) OVER w)::BIGINT AS mask,
         (sum(d_age) OVER w)::INTEGER AS age_band, (sum(d_plan) OVER w)::INTEGER AS plan,
         (sum(d_pca) OVER w)::INTEGER AS pca, (sum(d_pam) OVER w)::INTEGER AS pam,
         (sum(d_hba1c) OVER w)::INTEGER AS hba1c, (sum(d_phq9) OVER w)::INTEGER AS phq9,
         (sum(d_admissions) OVER w)::INTEGER AS admissions
  FROM per_month
  WINDOW w AS (PARTITION BY patient_id ORDER BY mi ROWS UNBOUNDED PRECEDING)
)
SELECT * FROM states WHERE practice_idx <> 0;
`;
}

/** Numerator and denominator of a patient-state measure over the state columns, weighted by n patients. */
interface StateMeasureSql {
  numerator: string;
  denominator: string;
}

const onRegister = 'mask <> 0';
const multimorbid = 'bit_count(mask) >= 2';
const planCurrent = 'plan > 0';
const excepted = '(pca > 0 AND plan = 0)';
const dm = `((mask >> ${dmBit}) & 1) = 1`;
const dep = `((mask >> ${depBit}) & 1) = 1`;

/** The patient-state measures of measures.md over one patient-state row (see `patient_intervals`). */
export const PATIENT_STATE_MEASURE_SQL = {
  ltc_prevalence: { numerator: onRegister, denominator: 'true' },
  multimorbidity: { numerator: multimorbid, denominator: onRegister },
  plan_coverage: { numerator: `${onRegister} AND ${planCurrent}`, denominator: `${onRegister} AND NOT ${excepted}` },
  plan_coverage_multimorbid: {
    numerator: `${multimorbid} AND ${planCurrent}`,
    denominator: `${multimorbid} AND NOT ${excepted}`,
  },
  pca_rate: { numerator: `${onRegister} AND ${excepted}`, denominator: onRegister },
  activation: { numerator: `${onRegister} AND pam = 2`, denominator: `${onRegister} AND pam > 0` },
  diabetes_control: { numerator: `${dm} AND hba1c = 2`, denominator: dm },
  depression_remission: { numerator: `${dep} AND phq9 = 2`, denominator: `${dep} AND phq9 > 0` },
  // Admissions are events: the numerator weighs each patient by their admissions in the window.
  emergency_admissions: { numerator: `CASE WHEN ${onRegister} THEN admissions ELSE 0 END`, denominator: onRegister },
} satisfies Partial<Record<MeasureId, StateMeasureSql>>;

export type PatientStateMeasureId = keyof typeof PATIENT_STATE_MEASURE_SQL;

/** Which breakdown dimensions (including `plan` for the with/without-plan split) each measure gets. */
export type MeasureBreakdowns = Record<string, readonly string[]>;

/** `practice_cells(measure, month, practice_code, breakdown, numerator, denominator)`: the shared internal contract. */
export const CREATE_PRACTICE_CELLS_SQL = `
CREATE OR REPLACE TEMP TABLE practice_cells (
  measure VARCHAR NOT NULL,
  month DATE NOT NULL,
  practice_code VARCHAR NOT NULL,
  breakdown VARCHAR NOT NULL,
  numerator DOUBLE NOT NULL,
  denominator DOUBLE
);`;

/**
 * INSERTs the practice cells of the given patient-state measures, for the whole population and
 * each allowed breakdown. Needs `patient_intervals`, `patients`, `practice_index`, `months`.
 */
export function insertPatientStateCellsSql(
  range: MonthRange,
  measures: readonly PatientStateMeasureId[],
  breakdowns: MeasureBreakdowns,
): string {
  const last = int(range.lastMonthIndex, 'lastMonthIndex');
  if (measures.length === 0) return '';
  for (const id of measures) if (!(id in PATIENT_STATE_MEASURE_SQL)) throw new Error(`not a patient-state measure: ${id}`);
  const weighted = measures
    .map((id) => {
      const m = PATIENT_STATE_MEASURE_SQL[id];
      const numerator = m.numerator.startsWith('CASE') ? `n * (${m.numerator})` : `CASE WHEN ${m.numerator} THEN n ELSE 0 END`;
      return `${numerator} AS num_${id}, CASE WHEN ${m.denominator} THEN n ELSE 0 END AS den_${id}`;
    })
    .join(',\n         ');
  const sums = (prefix = '') =>
    measures.map((id) => `sum(${prefix}num_${id}) AS num_${id}, sum(${prefix}den_${id}) AS den_${id}`).join(', ');
  const running = measures
    .map((id) => `sum(num_${id}) OVER w AS num_${id}, sum(den_${id}) OVER w AS den_${id}`)
    .join(', ');
  const anyNonZero = measures.map((id) => `num_${id} <> 0 OR den_${id} <> 0`).join(' OR ');
  const unpivot = measures.map((id) => `(num_${id}, den_${id}) AS ${id}`).join(', ');
  const allowed = measures
    .map((id) => `WHEN '${id}' THEN [${(breakdowns[id] ?? []).map((d) => `'${d}'`).join(', ')}]::VARCHAR[]`)
    .join(' ');
  const ageBands = `[${AGE_BANDS.map((b) => `'${b}'`).join(', ')}]`;
  const registers = `[${REGISTER_CODES.map((c) => `'${c}'`).join(', ')}]`;
  return `
INSERT INTO practice_cells
WITH interval_events AS (
  -- +1 when a state begins, −1 when it ends; the same state of many patients is summed.
  SELECT i.practice_idx, CASE WHEN s.w = 1 THEN i.from_mi ELSE i.to_mi END AS mi,
         p.sex, p.ethnic_group, p.imd_quintile, i.age_band, i.mask, i.plan, i.pca, i.pam, i.hba1c, i.phq9,
         i.admissions, sum(s.w) AS n
  FROM patient_intervals i JOIN patients p ON p.id = i.patient_id CROSS JOIN (VALUES (1), (-1)) AS s(w)
  WHERE s.w = 1 OR i.to_mi <= ${last}
  GROUP BY ALL
), weighted AS (
  SELECT practice_idx, mi, sex, ethnic_group, imd_quintile, age_band, mask, plan > 0 AS with_plan,
         ${weighted}
  FROM interval_events
), compact AS (
  SELECT practice_idx, mi, sex, ethnic_group, imd_quintile, age_band, mask, with_plan, ${sums()}
  FROM weighted GROUP BY ALL
), split AS (
  SELECT practice_idx, mi, * EXCLUDE (practice_idx, mi, sex, ethnic_group, imd_quintile, age_band, mask, with_plan),
         unnest(list_concat([
           '',
           'age_band=' || ${ageBands}[least(age_band, ${AGE_BANDS.length - 1}) + 1],
           'sex=' || sex,
           'ethnic_group=' || ethnic_group,
           'imd_quintile=' || coalesce(imd_quintile::VARCHAR, 'unknown'),
           'ltc_count=' || CASE WHEN bit_count(mask) >= 4 THEN '4+' ELSE bit_count(mask)::VARCHAR END,
           'plan=' || CASE WHEN with_plan THEN 'with' ELSE 'without' END
         ], list_transform(list_filter(range(${REGISTER_CODES.length}), b -> ((mask >> b) & 1) = 1),
                           b -> 'register=' || ${registers}[b + 1]))) AS breakdown
  FROM compact
), deltas AS (
  SELECT practice_idx, breakdown, mi, ${sums()} FROM split GROUP BY ALL
), totals AS (
  SELECT practice_idx, breakdown, mi, coalesce(lead(mi) OVER w, ${last + 1}) AS next_mi, ${running}
  FROM deltas
  WINDOW w AS (PARTITION BY practice_idx, breakdown ORDER BY mi ROWS UNBOUNDED PRECEDING)
), filled AS (
  SELECT practice_idx, breakdown, unnest(range(mi, next_mi)) AS mi, * EXCLUDE (practice_idx, breakdown, mi, next_mi)
  FROM totals WHERE ${anyNonZero}
), long AS (
  UNPIVOT filled ON ${unpivot} INTO NAME measure VALUE numerator, denominator
)
SELECT l.measure, m.month, x.practice_code, l.breakdown, l.numerator::DOUBLE, l.denominator::DOUBLE
FROM long l JOIN months m ON m.month_index = l.mi JOIN practice_index x ON x.practice_idx = l.practice_idx
WHERE (l.numerator <> 0 OR l.denominator <> 0)
  AND (l.breakdown = '' OR list_contains(CASE l.measure ${allowed} END, split_part(l.breakdown, '=', 1)));
`;
}
