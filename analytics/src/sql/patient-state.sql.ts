/**
 * Patient-state measures (measures.md "Uptake" and "Outcomes") as interval arithmetic.
 *
 * Every fact evaluated at M (the last day of month m) holds for a half-open range of month
 * indices (`mi` = year * 12 + month − 1): a date d is ≤ M exactly when mi(d) ≤ m, so
 * "d ≤ M < e" is "mi(d) ≤ m < mi(e)". Each patient's history becomes intervals of constant state
 * (practice, register bitmask, age band, plan, PCA, latest observations, admissions in the
 * window) from running sums of ±deltas; the intervals become +1/−1 events, summed in one pass into a few
 * (practice, month, value) keys that every breakdown is summed from, then running sums over months give the cells.
 * Patients are taken a slice at a time (patientSliceViewsSql); the slices' sums add up.
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

/** Codes of the static breakdowns, index = code (IMD: 0 = unknown, else the quintile). */
export const SEX_CODES = ['F', 'M', 'I', 'U'] as const;
export const ETHNIC_GROUP_CODES = ['white', 'mixed', 'asian', 'black', 'other', 'unknown'] as const;

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


const list = (xs: readonly string[]) => `[${xs.map((x) => `'${x}'`).join(', ')}]`;

/**
 * A patient's state is packed into one BIGINT so that one windowed SUM of packed ±deltas gives every running count at
 * once: each field is at least 0 and fits its bits at every month's end, where the sums are read (within a month the
 * partial sums may borrow across fields; those rows are dropped). Registration: practice_idx bits 0-13, static code
 * 14-21 (sex 2 bits, ethnic group 3, IMD 3), age band 22-24. Clinical: register bitmask 25-42, plan current 43 and PCA
 * current 44 (0 or 1, from joined 12-month windows), PAM 45-46, HbA1c 47-48, PHQ-9 49-50 (0 none, 1 not met, 2 met),
 * emergency admissions in the window 51-61 (at most 366 a year, one a day by the natural key). One sum where a
 * registration word and a clinical word took two: the window 0.86-1.12 s against 1.11-1.36 s at 1.5 million patients.
 */
const MAX_PRACTICES = 16383;
const STATIC_BIT = 14;
const BAND_BIT = 22;
const MASK_BIT = 25;
const PLAN_BIT = 43;
const PCA_BIT = 44;
const PAM_BIT = 45;
const HBA1C_BIT = 47;
const PHQ9_BIT = 49;
const ADMISSIONS_BIT = 51;
const MASK_BITS = (1 << 18) - 1;
/** The register bitmask of a packed state. */
const maskSql = (state: string) => `((${state} >> ${MASK_BIT}) & ${MASK_BITS})`;

/** Temporary macros of the patient-state SQL: age-band turning months and the static code. */
export const CREATE_PATIENT_STATE_MACROS_SQL = `
-- Month index from which the age at M is at least \`years\`: a 29 February birthday falls on 1 March in non-leap years.
CREATE OR REPLACE TEMP MACRO age_turn(birth_date, years) AS
  ((year(birth_date) + years) * 12 + month(birth_date) - 1
   + CASE WHEN month(birth_date) = 2 AND day(birth_date) = 29
           AND NOT ((year(birth_date) + years) % 4 = 0 AND ((year(birth_date) + years) % 100 <> 0 OR (year(birth_date) + years) % 400 = 0))
          THEN 1 ELSE 0 END)::INTEGER;
CREATE OR REPLACE TEMP MACRO age_band_at(turns, i) AS
  ((i >= turns[1])::INTEGER + (i >= turns[2])::INTEGER + (i >= turns[3])::INTEGER + (i >= turns[4])::INTEGER);
CREATE OR REPLACE TEMP MACRO static_code(sex, ethnic_group, imd_quintile) AS
  (coalesce(list_position(${list(SEX_CODES)}, sex), 4) - 1
   + (coalesce(list_position(${list(ETHNIC_GROUP_CODES)}, ethnic_group), 6) - 1) * 4
   + coalesce(imd_quintile, 0) * 32)::INTEGER;
`;

/** `practice_index(practice_idx, practice_code)`: small integer keys for practices, made once for every slice. */
export const CREATE_PRACTICE_INDEX_SQL = `
CREATE OR REPLACE TEMP TABLE practice_index AS
SELECT (row_number() OVER (ORDER BY practice_code))::INTEGER AS practice_idx, practice_code
FROM (SELECT code AS practice_code FROM organisations WHERE level = 'practice'
      UNION SELECT practice_code FROM registrations);

SELECT CASE WHEN count(*) > ${MAX_PRACTICES} THEN error('more than ${MAX_PRACTICES} practices: practice keys are packed in 14 bits') END
FROM practice_index;
`;

/** The record tables the patient-level steps read, each as a view `slice_<table>` of one slice of patients. */
const SLICED_TABLES = ['patients', 'registrations', 'conditions', 'observations', 'care_plans', 'care_plan_adjustments', 'admissions'] as const;

/** `(lowest id, highest id, count)` of the patients, to cut them into slices. */
export const PATIENT_ID_RANGE_SQL = 'SELECT min(id) AS first_id, max(id) AS last_id, count(*) AS patients FROM patients';

/**
 * Views `slice_<table>` of the records of the patients with ids from firstId to lastId. The patient-level steps
 * (registration spans, patient intervals, their deltas) read only these, and run once per slice: a slice's working
 * tables fit in memory where the whole country's spill to disk, and the deltas of slices add up, being sums.
 */
export function patientSliceViewsSql(firstId: number, lastId: number): string {
  const from = int(firstId, 'firstId');
  const to = int(lastId, 'lastId');
  return SLICED_TABLES.map(
    (table) => `CREATE OR REPLACE TEMP VIEW slice_${table} AS SELECT * FROM ${table} WHERE ${table === 'patients' ? 'id' : 'patient_id'} BETWEEN ${from} AND ${to};`,
  ).join('\n');
}

/** Views `slice_<table>` of every patient's records: the whole population as one slice. */
export const ALL_PATIENTS_SLICE_VIEWS_SQL = SLICED_TABLES.map((table) => `CREATE OR REPLACE TEMP VIEW slice_${table} AS SELECT * FROM ${table};`).join('\n');

/**
 * `SELECT patient_id, practice_idx, from_mi, to_mi` of a slice: the months, within the snapshot's, in which the
 * patient is registered at the practice and on at least one register (pieces of `patient_intervals`, split wherever
 * any other part of the state changes).
 */
export const ON_REGISTER_MONTHS_SQL = `
SELECT patient_id, (state & ${MAX_PRACTICES})::INTEGER AS practice_idx, from_mi, to_mi
FROM patient_intervals
WHERE ${maskSql('state')} <> 0`;

/** Drops a slice's patient-level tables, once every measure has read them. */
export const DROP_PATIENT_SLICE_TABLES_SQL = ['registration_spans', 'plan_days', 'patient_intervals', 'plain_events']
  .map((table) => `DROP TABLE IF EXISTS temp.${table};`)
  .join('\n');

/** Drops the slice views. */
export const DROP_PATIENT_SLICE_VIEWS_SQL = SLICED_TABLES.map((table) => `DROP VIEW IF EXISTS temp.slice_${table};`).join('\n');

/**
 * `registration_spans(patient_id, practice_idx, valid_from, valid_to, from_mi, to_mi,
 * birth_date, static_code)` of a slice of patients: the days [valid_from, valid_to) (valid_to NULL = open) on which the
 * patient counts as registered at that practice, with death applied and overlaps resolved (the
 * registration that began later holds; ties by larger id; an earlier one still valid resumes when
 * the later ends). The patient is registered at M at that practice exactly for months [from_mi, to_mi).
 * Needs `practice_index` and the slice views. Practices travel as their small integer keys, not their codes.
 */
export const CREATE_REGISTRATION_SPANS_SQL = `
CREATE OR REPLACE TEMP TABLE registration_spans AS
WITH valid AS (
  SELECT * FROM (
    SELECT r.id, r.patient_id, x.practice_idx, r.registered_on AS valid_from,
           least(coalesce(r.deregistered_on, DATE '9999-12-31'), coalesce(p.died_on, DATE '9999-12-31')) AS valid_to,
           p.birth_date, static_code(p.sex, p.ethnic_group, p.imd_quintile) AS static_code
    FROM slice_registrations r JOIN slice_patients p ON p.id = r.patient_id JOIN practice_index x USING (practice_code)
  ) WHERE valid_from < valid_to
), multi_ids AS (
  -- Patients with more than one registration: a grouping, cheaper than counting by a window over every registration.
  SELECT patient_id FROM valid GROUP BY patient_id HAVING count(*) > 1
), multi AS (
  SELECT * FROM valid SEMI JOIN multi_ids USING (patient_id)
), bounds AS (
  SELECT DISTINCT patient_id, b FROM (
    SELECT patient_id, valid_from AS b FROM multi UNION ALL SELECT patient_id, valid_to FROM multi)
), segments AS (
  SELECT patient_id, b AS seg_from, lead(b) OVER (PARTITION BY patient_id ORDER BY b) AS seg_to FROM bounds
), held AS (
  SELECT s.patient_id, m.practice_idx, s.seg_from AS valid_from, s.seg_to AS valid_to, m.birth_date, m.static_code
  FROM segments s JOIN multi m
    ON m.patient_id = s.patient_id AND m.valid_from <= s.seg_from AND s.seg_from < m.valid_to
  WHERE s.seg_to IS NOT NULL
  QUALIFY row_number() OVER (PARTITION BY s.patient_id, s.seg_from ORDER BY m.valid_from DESC, m.id DESC) = 1
), spans AS (
  SELECT patient_id, practice_idx, valid_from, valid_to, birth_date, static_code FROM valid ANTI JOIN multi_ids USING (patient_id)
  UNION ALL SELECT patient_id, practice_idx, valid_from, valid_to, birth_date, static_code FROM held
)
SELECT s.patient_id, s.practice_idx, s.valid_from,
       CASE WHEN s.valid_to = DATE '9999-12-31' THEN NULL ELSE s.valid_to END AS valid_to,
       month_idx(s.valid_from) AS from_mi,
       CASE WHEN s.valid_to = DATE '9999-12-31' THEN ${OPEN} ELSE month_idx(s.valid_to) END AS to_mi,
       s.birth_date, s.static_code
FROM spans s;
`;

/**
 * Builds, from `registration_spans` and the clinical records:
 * - `plan_days(patient_id, agreed_on, prev_agreed_on, next_agreed_on)`: each day a patient has a plan agreed, with their
 *   plan days before and after (also read by the plan-level measures);
 * - `patient_intervals(patient_id, from_mi, to_mi, state)`: for patients on a register at some
 *   month of the range, month ranges of constant packed state (see above) while registered, from the months in which
 *   any part of it changes;
 * - `plain_events(practice_idx, static_code, band, mi, people)`: everyone else, who only counts among all people
 *   (ltc_prevalence's denominator): the change in their number at each month by practice, static code and age band,
 *   from registration spans and the age-band changes within them (no window needed). Summed here, not per person, they are a
 *   fraction of the rows the state deltas would otherwise group (0.5 against 1.25 million pieces at 1.5 million patients).
 * Its own working tables are dropped at the end; `registration_spans` and `plan_days`, read again by the plan-level
 * measures, and its results stay until DROP_PATIENT_SLICE_TABLES_SQL.
 */
export function createPatientIntervalsSql(range: MonthRange): string {
  const first = int(range.firstMonthIndex, 'firstMonthIndex');
  const last = int(range.lastMonthIndex, 'lastMonthIndex');
  const registerList = REGISTER_CODES.map((code, bit) => `('${code}', ${bit})`).join(', ');
  // The place value of an observation code's field in the packed state (DuckDB will not shift a negative number).
  const observationUnit = `CASE code WHEN 'PAM_LEVEL' THEN ${2 ** PAM_BIT} WHEN 'HBA1C' THEN ${2 ** HBA1C_BIT} ELSE ${2 ** PHQ9_BIT} END::BIGINT`;
  return `
CREATE OR REPLACE TEMP TABLE condition_islands AS
WITH registers(code, bit) AS (VALUES ${registerList}),
c AS (
  SELECT c.patient_id, r.bit, month_idx(c.diagnosed_on) AS f,
         coalesce(month_idx(c.resolved_on), ${OPEN}) AS t
  FROM slice_conditions c JOIN registers r ON r.code = c.condition
), multi AS (
  -- Most patients have one record of a register's condition, which is its own island: only the others are windowed.
  SELECT patient_id, bit FROM c GROUP BY patient_id, bit HAVING count(*) > 1
), g AS (
  SELECT *, max(t) OVER (PARTITION BY patient_id, bit ORDER BY f, t ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_t
  FROM c SEMI JOIN multi USING (patient_id, bit) WHERE f < t
), i AS (
  SELECT *, sum(CASE WHEN prev_t IS NULL OR f > prev_t THEN 1 ELSE 0 END)
              OVER (PARTITION BY patient_id, bit ORDER BY f, t ROWS UNBOUNDED PRECEDING) AS island
  FROM g
)
SELECT patient_id, bit, f, t FROM c ANTI JOIN multi USING (patient_id, bit) WHERE f < t
UNION ALL
SELECT patient_id, bit, min(f) AS f, max(t) AS t FROM i GROUP BY patient_id, bit, island;

CREATE OR REPLACE TEMP TABLE observation_events AS
-- Each observation's state (1 not met, 2 met) holds from its month until the next observation of the code or for 12
-- months, whichever ends first: so it replaces the one before when that one is at most 12 months older (the change
-- at its month, none if the state is the same), and lapses 12 months on unless a later one replaces it. Observations
-- in one month replace each other in order, the last holding, and their changes add up to that.
-- Each code is known by its field's place value from the start: a BIGINT partitions and sorts faster than the string.
WITH o AS (
  SELECT patient_id, unit, f, state, lag(f) OVER w AS prev_f, lag(state) OVER w AS prev_state, lead(f) OVER w AS next_f
  FROM (
    SELECT patient_id, id, observed_on, month_idx(observed_on) AS f, ${observationUnit} AS unit,
           CASE WHEN CASE code WHEN 'PAM_LEVEL' THEN value IN (3, 4) WHEN 'HBA1C' THEN value <= 58 ELSE value < 10 END
                THEN 2 ELSE 1 END AS state
    FROM slice_observations WHERE code IN ('PAM_LEVEL', 'HBA1C', 'PHQ9') AND month_idx(observed_on) <= ${last}
  )
  WINDOW w AS (PARTITION BY patient_id, unit ORDER BY observed_on, id)
), changes AS (
  SELECT patient_id, unit, f, state, next_f, state - CASE WHEN prev_f + 12 >= f THEN prev_state ELSE 0 END AS change FROM o
)
SELECT patient_id, f AS mi, change * unit AS d FROM changes WHERE change <> 0
UNION ALL
SELECT patient_id, f + 12, -state * unit FROM changes WHERE next_f IS NULL OR next_f > f + 12;

CREATE OR REPLACE TEMP TABLE plan_days AS
SELECT patient_id, agreed_on, lag(agreed_on) OVER w AS prev_agreed_on, lead(agreed_on) OVER w AS next_agreed_on
FROM (SELECT DISTINCT patient_id, agreed_on FROM slice_care_plans)
WINDOW w AS (PARTITION BY patient_id ORDER BY agreed_on);

CREATE OR REPLACE TEMP TABLE plan_window_events AS
-- A plan (or PCA) is current at M for the 12 months from the month it was agreed (recorded): the windows of one
-- patient's plans joined where they overlap or meet, so that a plan within a year of the one before changes nothing.
-- (Plans of one month follow each other by day: the first has a next, the last a previous, within 12 months.)
WITH w AS (
  SELECT patient_id, ${2 ** PLAN_BIT}::BIGINT AS unit, month_idx(agreed_on) AS m, month_idx(prev_agreed_on) AS prev_m,
         month_idx(next_agreed_on) AS next_m
  FROM plan_days
  UNION ALL
  SELECT patient_id, unit, m, lag(m) OVER x, lead(m) OVER x
  FROM (SELECT DISTINCT patient_id, ${2 ** PCA_BIT}::BIGINT AS unit, month_idx(recorded_on) AS m FROM slice_care_plan_adjustments)
  WINDOW x AS (PARTITION BY patient_id ORDER BY m)
)
SELECT patient_id, m AS mi, unit AS d FROM w WHERE prev_m IS NULL OR prev_m + 12 < m
UNION ALL
SELECT patient_id, m + 12, -unit FROM w WHERE next_m IS NULL OR next_m > m + 12;

CREATE OR REPLACE TEMP TABLE span_months AS
SELECT s.patient_id, s.practice_idx, s.static_code,
       greatest(s.from_mi, ${first}) AS s_mi, least(s.to_mi, ${last + 1}) AS e_mi,
       [${AGE_BAND_STARTS.map((years) => `age_turn(s.birth_date, ${years})`).join(', ')}] AS turns,
       -- IN rather than a join to the distinct patients: it needs no distinct step.
       s.patient_id IN (SELECT patient_id FROM condition_islands WHERE f <= ${last} AND t > ${first}) AS ltc
FROM registration_spans s
WHERE greatest(s.from_mi, ${first}) < least(s.to_mi, ${last + 1});

CREATE OR REPLACE TEMP TABLE plain_events AS
-- A span adds a person in its first month's age band and takes them away after its last month's; each birthday that
-- turns a band within it moves them from one band to the next (only spans whose first and last months' bands differ
-- have one).
WITH spans AS NOT MATERIALIZED (
  SELECT practice_idx, static_code, s_mi, e_mi, turns FROM span_months WHERE NOT ltc
)
SELECT practice_idx, static_code, band, mi, sum(w)::INTEGER AS people
FROM (SELECT practice_idx, static_code, age_band_at(turns, s_mi) AS band, s_mi AS mi, 1 AS w FROM spans
      UNION ALL SELECT practice_idx, static_code, age_band_at(turns, e_mi - 1), e_mi, -1 FROM spans WHERE e_mi <= ${last}
      UNION ALL SELECT practice_idx, static_code, unnest([band - 1, band]), turn, unnest([-1, 1])
      FROM (SELECT practice_idx, static_code, s_mi, e_mi, unnest(turns) AS turn, unnest([${AGE_BAND_STARTS.map((_, i) => i + 1).join(', ')}]) AS band
            FROM spans WHERE age_band_at(turns, s_mi) <> age_band_at(turns, e_mi - 1))
      WHERE turn > s_mi AND turn < e_mi)
GROUP BY ALL
HAVING sum(w) <> 0;

CREATE OR REPLACE TEMP TABLE patient_intervals AS
-- Not materialised (read three times below): a filter is cheaper than a copy of every LTC patient's spans.
WITH spans AS NOT MATERIALIZED (
  SELECT *, practice_idx::BIGINT + (static_code::BIGINT << ${STATIC_BIT}) AS who FROM span_months WHERE ltc
), events(patient_id, mi, d) AS (
  SELECT patient_id, s_mi, who + (age_band_at(turns, s_mi)::BIGINT << ${BAND_BIT}) FROM spans
  UNION ALL SELECT patient_id, e_mi, -(who + (age_band_at(turns, e_mi - 1)::BIGINT << ${BAND_BIT})) FROM spans WHERE e_mi <= ${last}
  UNION ALL SELECT patient_id, turn, 1::BIGINT << ${BAND_BIT}
    FROM (SELECT patient_id, s_mi, e_mi, unnest(turns) AS turn FROM spans) WHERE turn > s_mi AND turn < e_mi
  UNION ALL SELECT patient_id, f, 1::BIGINT << (bit + ${MASK_BIT}) FROM condition_islands
  UNION ALL SELECT patient_id, t, -(1::BIGINT << (bit + ${MASK_BIT})) FROM condition_islands
  UNION ALL SELECT patient_id, mi, d FROM plan_window_events
  UNION ALL SELECT patient_id, mi, d FROM observation_events
  -- An admission counts for 12 months from its month; one scan of the admissions for both ends.
  UNION ALL SELECT patient_id, unnest([m, m + 12]), unnest([1, -1]) * (1::BIGINT << ${ADMISSIONS_BIT})
    FROM (SELECT patient_id, month_idx(admitted_on) AS m FROM slice_admissions WHERE emergency)
), states AS (
  -- Everything before the first month takes effect at the first month. One window for both the end and the state, so
  -- one order of peers; and rows frames, cheaper than range frames: of a month's events all but the last get to_mi = from_mi and
  -- are dropped below, and the last carries the month's sum.
  SELECT patient_id, greatest(mi, ${first}) AS from_mi, lead(greatest(mi, ${first}), 1, ${last + 1}) OVER w AS to_mi,
         (sum(d) OVER w)::BIGINT AS state
  FROM events WHERE mi <= ${last}
  WINDOW w AS (PARTITION BY patient_id ORDER BY greatest(mi, ${first}) ROWS UNBOUNDED PRECEDING)
)
SELECT patient_id, from_mi, to_mi, state FROM states WHERE to_mi > from_mi AND (state & ${MAX_PRACTICES}) <> 0;

-- Not read again: dropped now, so that their memory goes to the counting (at national size they made it spill).
DROP TABLE condition_islands; DROP TABLE observation_events; DROP TABLE plan_window_events; DROP TABLE span_months;
`;
}

const onRegister = 'mask <> 0';
const multimorbid = 'bit_count(mask) >= 2';
const planCurrent = 'plan > 0';
const excepted = '(pca > 0 AND plan = 0)';
const dm = `((mask >> ${dmBit}) & 1) = 1`;
const dep = `((mask >> ${depBit}) & 1) = 1`;

/**
 * The counts every patient-state measure is made from, each a condition on one state (a person counts 1 while it
 * holds) or, for admissions, a number. Fourteen counts make the eighteen numerators and denominators: fewer sums.
 */
const STATE_COUNT_SQL = {
  people: 'true',
  on_register: onRegister,
  multimorbid,
  excepted: `${onRegister} AND ${excepted}`,
  with_plan: `${onRegister} AND ${planCurrent}`,
  multimorbid_with_plan: `${multimorbid} AND ${planCurrent}`,
  multimorbid_excepted: `${multimorbid} AND ${excepted}`,
  activated: `${onRegister} AND pam = 2`,
  pam_recorded: `${onRegister} AND pam > 0`,
  dm_controlled: `${dm} AND hba1c = 2`,
  on_dm_register: dm,
  remitted: `${dep} AND phq9 = 2`,
  phq9_recorded: `${dep} AND phq9 > 0`,
  // Admissions are events: each patient weighs as many as their admissions in the window.
  admissions: `CASE WHEN ${onRegister} THEN admissions ELSE 0 END`,
} as const;
type StateCount = keyof typeof STATE_COUNT_SQL;
const STATE_COUNTS = Object.keys(STATE_COUNT_SQL) as StateCount[];

/** Numerator and denominator of a patient-state measure as sums and differences of the counts. */
interface StateMeasureSql {
  numerator: StateCount;
  denominator: StateCount | `${StateCount} - ${StateCount}`;
}

/** The patient-state measures of measures.md over the counts (the exceptions are people with a PCA and no plan). */
export const PATIENT_STATE_MEASURE_SQL = {
  ltc_prevalence: { numerator: 'on_register', denominator: 'people' },
  multimorbidity: { numerator: 'multimorbid', denominator: 'on_register' },
  plan_coverage: { numerator: 'with_plan', denominator: 'on_register - excepted' },
  plan_coverage_multimorbid: { numerator: 'multimorbid_with_plan', denominator: 'multimorbid - multimorbid_excepted' },
  pca_rate: { numerator: 'excepted', denominator: 'on_register' },
  activation: { numerator: 'activated', denominator: 'pam_recorded' },
  diabetes_control: { numerator: 'dm_controlled', denominator: 'on_dm_register' },
  depression_remission: { numerator: 'remitted', denominator: 'phq9_recorded' },
  emergency_admissions: { numerator: 'admissions', denominator: 'on_register' },
} satisfies Partial<Record<MeasureId, StateMeasureSql>>;

export type PatientStateMeasureId = keyof typeof PATIENT_STATE_MEASURE_SQL;

/** Which breakdown dimensions (including `plan` for the with/without-plan split) each measure gets. */
export type MeasureBreakdowns = Record<string, readonly string[]>;

/**
 * `practice_cells(measure, month, practice_code, breakdown, numerator, denominator)`: cells by name, as the plan-process
 * SQL writes them; the patient-state cells, far more numerous, are read one measure at a time from the integer-keyed `state_totals` instead.
 */
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
 * A pair of counts packed into one BIGINT as high × 2³² + low, so that one SUM adds both: sums of packed pairs are the
 * packed sums, exactly, while each part stays within ±2³¹ (a practice's people, or admissions).
 */
function packCountsSql(high: string, low: string): string {
  return `(${high}::BIGINT * 4294967296 + ${low}::BIGINT)`;
}
/** The low count of a packed pair: its low 32 bits as a signed number. */
function packedLowSql(packed: string): string {
  return `((${packed}) & 4294967295) - CASE WHEN ((${packed}) & 4294967295) >= 2147483648 THEN 4294967296 ELSE 0 END`;
}
/** The high count of a packed pair. */
function packedHighSql(packed: string): string {
  return `((${packed}) - (${packedLowSql(packed)})) // 4294967296`;
}
/** The counts in pairs, each pair one packed column `pair_<i>`. */
const COUNT_PAIRS = Array.from({ length: Math.ceil(STATE_COUNTS.length / 2) }, (_, i) => STATE_COUNTS.slice(2 * i, 2 * i + 2));
const PAIR_COLUMNS = COUNT_PAIRS.map((_, i) => `pair_${i}`);
/** Each count of the given pairs (all by default) unpacked from the summed pairs, as a column named after it. */
function unpackedCountsSql(pairs: readonly number[] = COUNT_PAIRS.map((_, i) => i)): string {
  return pairs
    .flatMap((i) => COUNT_PAIRS[i].map((count, j) => `(${j === 0 ? packedHighSql(`pair_${i}`) : packedLowSql(`pair_${i}`)})::BIGINT AS ${count}`))
    .join(', ');
}

/** Breakdown families by number, as the counting SQL codes them (0 = the whole population). */
const FAMILIES = ['', 'sex', 'ethnic_group', 'imd_quintile', 'age_band', 'ltc_count', 'plan', 'register'] as const;

/**
 * The LTC count breakdown's categories are 1, 2, 3 and 4+ (measures.md, Breakdowns): the people on no register, whom
 * ltc_prevalence's denominator holds, are counted under value 0 (the families are summed from them) but get no cell.
 */
const NO_LTC_KEY = `(family = ${FAMILIES.indexOf('ltc_count')} AND value = 0)`;

/** The breakdown name of each (family, value) the counting SQL can produce, e.g. (3, 0) → `imd_quintile=unknown`. */
export function stateBreakdownNames(): { family: number; value: number; breakdown: string }[] {
  const values: Record<(typeof FAMILIES)[number], readonly string[]> = {
    '': [''],
    sex: SEX_CODES,
    ethnic_group: ETHNIC_GROUP_CODES,
    imd_quintile: ['unknown', '1', '2', '3', '4', '5'],
    age_band: AGE_BANDS,
    // Value 0 (people on no register, in ltc_prevalence's denominator) is counted but has no cells: see NO_LTC_KEY.
    ltc_count: ['0', '1', '2', '3', '4+'],
    plan: ['without', 'with'],
    register: REGISTER_CODES,
  };
  return FAMILIES.flatMap((dimension, family) =>
    values[dimension].map((name, value) => ({ family, value, breakdown: dimension === '' ? '' : `${dimension}=${name}` })),
  );
}

/**
 * `state_breakdown_names(family, value, breakdown)`: the names of the small integers `state_totals` is keyed by, so
 * that names are joined once per distinct key, not made per cell.
 */
export function createStateBreakdownNamesSql(): string {
  const breakdownRows = stateBreakdownNames().map((b) => `(${b.family}, ${b.value}, '${b.breakdown}')`).join(', ');
  return `
CREATE OR REPLACE TEMP TABLE state_breakdown_names AS
SELECT family::UTINYINT AS family, value::UTINYINT AS value, breakdown::VARCHAR AS breakdown
FROM (VALUES ${breakdownRows}) AS t(family, value, breakdown);`;
}

/**
 * The family number under which `state_deltas` also carries every person by sex, age band, LTC count (0 to 4 = 4+)
 * and plan together: the outcome strata (LTC count 1 or more), and the source of those four families and the whole
 * population, summed from it. Not a breakdown: it never reaches `state_totals`.
 */
const STRATA_FAMILY = FAMILIES.length;
/** Position of each part of a strata value: sex (2 bits), age band (3), LTC count (3), plan (1). */
const STRATA_BAND = 2;
const STRATA_LTC = 5;
const STRATA_PLAN = 8;

/** Registration spans per practice below which the state deltas' DOUBLE sums are exact (see patientStateCellsSql). */
export const MAX_PRACTICE_SPANS = 2 ** 20;

/**
 * Fails, naming the practice, if any practice has MAX_PRACTICE_SPANS registration spans or more over every slice
 * (`practice_spans`, one row per practice and slice). England's largest practices have about a tenth of that.
 */
export const PRACTICE_SPANS_CHECK_SQL = `
SELECT error('practice ' || x.practice_code || ' has ' || s.spans || ' registration spans: counts are summed exactly only for fewer than ${MAX_PRACTICE_SPANS} per practice')
FROM (SELECT practice_idx, sum(spans) AS spans FROM practice_spans GROUP BY practice_idx HAVING sum(spans) >= ${MAX_PRACTICE_SPANS}) s
JOIN practice_index x USING (practice_idx)
ORDER BY x.practice_code
LIMIT 1;`;

/** The statements that build `state_totals`, in the order they run, and the queries that read cells from it. */
export interface PatientStateCellsSql {
  /** Creates the empty `state_deltas(practice_idx, mi, family, value, pair_<i>…)`, before the first slice. */
  create: string;
  /** Adds one slice's deltas, from its `patient_intervals` and `plain_events`. */
  addSlice: string;
  /** After the last slice; createOutcomeStrataSql runs between the first and the second. */
  finish: string[];
  /** Every measure's practice rows, one per month: `SELECT practice_idx, family, value, mi, num_<measure>, den_<measure>…`. */
  practiceRows: string;
  /** Where a row of `practiceRows` is one of the measure's cells. */
  cellFilter: (measure: string) => string;
  /** `SELECT DISTINCT family, value` of the breakdowns that have cells. */
  breakdownKeys: string;
  /** `SELECT` the number of practice cells. */
  countCells: string;
}

/**
 * Statements that build `state_totals(practice_idx, family, value, mi, next_mi, num_<measure>, den_<measure>…)`: the
 * practice counts of the given patient-state measures as runs of months [mi, next_mi) of equal counts, for the whole
 * population and each breakdown family, keyed by small integers (strings per cell cost more than the counting); and
 * the queries that read each measure's cells from it, for its allowed breakdowns (one measure at a time, so that a
 * whole country's cells are never held at once). Needs `practice_index` and `months`, and each slice's
 * `patient_intervals` and `plain_events`; drops `state_deltas` once summed.
 *
 * Interval ends become ±1 events, and each event is summed straight into a few (practice, month, value) keys in one
 * pass (grouping sets, one small integer key each), then running sums over months give the cells. Summing first by
 * the whole state (practice, month, static codes, band, register set) did not shrink the events (7.4 of 12.8
 * million keys at 3 million patients) and, at national size, spilled to disk. Slices may give the same key again:
 * the running sums add them up.
 */
export function patientStateCellsSql(
  range: MonthRange,
  measures: readonly PatientStateMeasureId[],
  breakdowns: MeasureBreakdowns,
): PatientStateCellsSql {
  const first = int(range.firstMonthIndex, 'firstMonthIndex');
  const last = int(range.lastMonthIndex, 'lastMonthIndex');
  if (measures.length === 0) throw new Error('no patient-state measures');
  if (last - first >= 4095) throw new Error('at most 4,095 months: month offsets are packed in 12 bits');
  for (const id of measures) if (!(id in PATIENT_STATE_MEASURE_SQL)) throw new Error(`not a patient-state measure: ${id}`);
  // The counts travel in packed pairs (see packCountsSql): seven sums, where a pair for each measure took nine.
  const countSql = (count: StateCount | undefined) =>
    count === undefined ? '0' : count === 'admissions' ? `(${STATE_COUNT_SQL[count]})` : `(CASE WHEN ${STATE_COUNT_SQL[count]} THEN 1 ELSE 0 END)`;
  const weighted = COUNT_PAIRS.map((pair, i) => `w * ${packCountsSql(countSql(pair[0]), countSql(pair[1]))} AS pair_${i}`).join(',\n         ');
  // People on no register count only among all people.
  const plainColumns = COUNT_PAIRS.map(
    (pair, i) => `(w * ${packCountsSql(pair[0] === 'people' ? '1' : '0', pair[1] === 'people' ? '1' : '0')})::BIGINT AS pair_${i}`,
  ).join(', ');
  const pairColumns = PAIR_COLUMNS.join(', ');
  // Summed as DOUBLE: DuckDB sums BIGINTs into 128-bit integers, with which the slice's grouping took a quarter longer
  // (2.5-2.6 s against 1.9-2.1 s at 1.5 million patients). A double adds integers exactly while every partial sum stays
  // within 2^53, and here each is a sum of one practice's events in one month, in whatever order: at most two per
  // registration span (a span's intervals are disjoint), each within 2^32 + 2^11 in size, so within 2^53 for fewer
  // than 2^20 spans; or a running sum over months, of one row per month, whose partial sums are differences of two
  // months' packed counts, each part of which counts at most the practice's spans (admissions at most 2,047 times
  // that). PRACTICE_SPANS_CHECK_SQL makes sure of fewer than 2^20 spans per practice before any sum is read.
  const sums = PAIR_COLUMNS.map((c) => `sum(${c}::DOUBLE)::BIGINT AS ${c}`).join(', ');
  const running = PAIR_COLUMNS.map((c) => `(sum(${c}::DOUBLE) OVER w)::BIGINT AS ${c}`).join(', ');
  // INTEGERs, as the cells store them: half the table of BIGINTs to write and read again.
  const measureColumns = measures
    .map(
      (id) =>
        `(${PATIENT_STATE_MEASURE_SQL[id].numerator})::INTEGER AS num_${id}, (${PATIENT_STATE_MEASURE_SQL[id].denominator})::INTEGER AS den_${id}`,
    )
    .join(', ');
  // Events are summed by three keys in one pass: strata (sex, band, LTC count and plan together), ethnic group and IMD;
  // registers, 7, are joined. Families 0, 1, 4, 5 and 6 are then sums of the strata rows (at most 200 per practice
  // and month, where the events are thousands).
  const ltcCount = 'least(bit_count(mask), 4)::BIGINT';
  const eventKeys: [number, string][] = [
    [STRATA_FAMILY, `sex | (band << ${STRATA_BAND}) | (${ltcCount} << ${STRATA_LTC}) | (plan << ${STRATA_PLAN})`],
    [2, 'ethnic_group'],
    [3, 'imd'],
  ];
  const fromStrata: [number, string][] = [
    [0, '0'],
    [1, 'value & 3'],
    [4, `(value >> ${STRATA_BAND}) & 7`],
    [5, `(value >> ${STRATA_LTC}) & 7`],
    [6, `(value >> ${STRATA_PLAN}) & 1`],
  ];
  // One BIGINT key per family: practice (14 bits) and month offset (12), the value (14), then the family.
  const familyKey = (family: number, value: string) => `pm | ((${value})::BIGINT << 26) | (${family}::BIGINT << 40)`;
  const keyColumns = eventKeys.map(([family, value]) => `${familyKey(family, value)} AS k${family}`).join(',\n         ');
  const keyNames = eventKeys.map(([family]) => `k${family}`);
  const allowedFamilies = new Map(
    measures.map((id) => [
      id,
      ['', ...(breakdowns[id] ?? [])].map((dimension) => {
        const family = FAMILIES.indexOf(dimension as (typeof FAMILIES)[number]);
        if (family < 0) throw new Error(`${id}: no breakdown family ${dimension}`);
        return family;
      }),
    ]),
  );
  // A cell exists where the measure allows the breakdown and has anyone in its numerator or denominator.
  const cellCondition = (id: PatientStateMeasureId) => {
    const families = allowedFamilies.get(id);
    if (!families) throw new Error(`not one of the measures given: ${id}`);
    // A bit per family rather than IN: DuckDB joins a long IN list to the rows, and a join would not keep their order.
    const mask = families.reduce((bits, family) => bits | (1 << family), 0);
    return `(${mask} >> family) & 1 = 1 AND (num_${id} <> 0 OR den_${id} <> 0)`;
  };
  const anyCell = measures.map((id) => `(${cellCondition(id)})`).join(' OR ');
  // Materialised steps: as one CTE chain the windowed sums ran several times slower.
  return {
    create: `
CREATE OR REPLACE TEMP TABLE state_deltas (
  practice_idx INTEGER, mi INTEGER, family INTEGER, value INTEGER, ${PAIR_COLUMNS.map((c) => `${c} BIGINT`).join(', ')}
);
CREATE OR REPLACE TEMP TABLE practice_spans (practice_idx INTEGER, spans BIGINT);`,
    addSlice: `
INSERT INTO practice_spans SELECT practice_idx, count(*) FROM registration_spans GROUP BY practice_idx;
INSERT INTO state_deltas
WITH interval_events AS NOT MATERIALIZED (
  SELECT from_mi AS mi, state, 1 AS w FROM patient_intervals
  UNION ALL SELECT to_mi AS mi, state, -1 AS w FROM patient_intervals WHERE to_mi <= ${last}
), decoded AS NOT MATERIALIZED (
  SELECT w, (state & ${MAX_PRACTICES}) | ((mi - ${first})::BIGINT << 14) AS pm,
         (state >> ${STATIC_BIT}) & 3 AS sex, (state >> ${STATIC_BIT + 2}) & 7 AS ethnic_group,
         (state >> ${STATIC_BIT + 5}) & 7 AS imd, (state >> ${BAND_BIT}) & 7 AS band, ${maskSql('state')} AS mask,
         (state >> ${PLAN_BIT}) & 1 AS plan, ((state >> ${PCA_BIT}) & 1)::INTEGER AS pca,
         ((state >> ${PAM_BIT}) & 3)::INTEGER AS pam, ((state >> ${HBA1C_BIT}) & 3)::INTEGER AS hba1c,
         ((state >> ${PHQ9_BIT}) & 3)::INTEGER AS phq9, ((state >> ${ADMISSIONS_BIT}) & 2047)::INTEGER AS admissions
  FROM interval_events
), plain_decoded AS (
  SELECT people AS w, practice_idx::BIGINT | ((mi - ${first})::BIGINT << 14) AS pm,
         static_code & 3 AS sex, (static_code >> 2) & 7 AS ethnic_group, (static_code >> 5) & 7 AS imd,
         band::BIGINT AS band, 0::BIGINT AS mask, 0::BIGINT AS plan
  FROM plain_events
), measured AS NOT MATERIALIZED (
  -- Read twice (the three keys, then registers): computing the sums again is cheaper than storing them.
  SELECT pm, mask, ${keyColumns},
         ${weighted}
  FROM decoded
), register_bits AS (
  -- Bits of each distinct register set once, rather than a list lambda per event.
  SELECT mask, unnest(list_filter(range(${REGISTER_CODES.length}), x -> ((mask >> x) & 1) = 1)) AS bit
  FROM (SELECT DISTINCT ${maskSql('state')} AS mask FROM patient_intervals) WHERE mask <> 0
), deltas AS (
  SELECT coalesce(${keyNames.join(', ')}) AS fk, ${sums}
  FROM (
    SELECT ${keyNames.join(', ')}, ${pairColumns} FROM measured
    UNION ALL
    SELECT ${keyColumns.replace(/\n\s+/g, ' ')}, ${plainColumns} FROM plain_decoded
  )
  GROUP BY GROUPING SETS (${keyNames.map((k) => `(${k})`).join(', ')})
  UNION ALL
  SELECT ${familyKey(7, 'r.bit')} AS fk, ${sums} FROM measured JOIN register_bits r USING (mask) GROUP BY fk
)
SELECT (fk & ${MAX_PRACTICES})::INTEGER AS practice_idx, (((fk >> 14) & 4095) + ${first})::INTEGER AS mi,
       (fk >> 40)::INTEGER AS family, ((fk >> 26) & 16383)::INTEGER AS value, * EXCLUDE (fk)
FROM deltas;`,
    finish: [
      `${PRACTICE_SPANS_CHECK_SQL}
DROP TABLE practice_spans;
INSERT INTO state_deltas
${fromStrata
  .map(([family, value]) => `SELECT practice_idx, mi, ${family} AS family, (${value})::INTEGER AS value, ${sums}
FROM state_deltas WHERE family = ${STRATA_FAMILY} GROUP BY ALL`)
  .join('\nUNION ALL ')};`,
    `
CREATE OR REPLACE TEMP TABLE state_totals AS
-- Unpacked here, once per run of months, rather than once per month and measure in each measure's cells.
SELECT * FROM (
  SELECT practice_idx, family, value, mi, next_mi, ${measureColumns}
  FROM (
    SELECT practice_idx, family, value, mi, next_mi, ${unpackedCountsSql()}
    FROM (
      SELECT practice_idx, family, value, mi, lead(mi, 1, ${last + 1}) OVER w AS next_mi, ${running}
      -- Each slice's rows of a month summed first: one row per month, so every partial running sum is a difference of
      -- two months' counts (see \`sums\`), and each month's row starts a run.
      FROM (SELECT practice_idx, family, value, mi, ${sums} FROM state_deltas WHERE family < ${STRATA_FAMILY} GROUP BY ALL)
      WINDOW w AS (PARTITION BY practice_idx, family, value ORDER BY mi ROWS UNBOUNDED PRECEDING)
    )
  )
)
WHERE NOT ${NO_LTC_KEY} AND (${anyCell});
DROP TABLE state_deltas;`,
    ],
    practiceRows: `
SELECT practice_idx, family, value, unnest(range(mi, next_mi))::INTEGER AS mi, ${measures.map((id) => `num_${id}, den_${id}`).join(', ')}
FROM state_totals`,
    cellFilter: (id) => cellCondition(id as PatientStateMeasureId),
    breakdownKeys: `SELECT DISTINCT family, value FROM state_totals WHERE ${anyCell}`,
    // A run of months has the same counts throughout: its length in cells for each measure that has one.
    countCells: `SELECT sum((next_mi - mi) * (${measures.map((id) => `(${cellCondition(id)})::INTEGER`).join(' + ')})) FROM state_totals`,
  };
}

/** Outcome measures standardised for age band, sex and LTC count, with people split by plan. */
export const STANDARDISED_OUTCOMES = ['activation', 'diabetes_control', 'depression_remission', 'emergency_admissions'] as const;
export type StandardisedOutcomeId = (typeof STANDARDISED_OUTCOMES)[number];

/**
 * `outcome_strata(practice_idx, mi, sex, band, ltc, plan, ltc_people, num_<outcome>, den_<outcome>…)`:
 * the people on an LTC register by practice, month, sex code, age band, LTC count (1 to 4 = 4+) and
 * with (1) or without (0) a current plan, with each standardised outcome's counts, for directly
 * standardised rates. Made from the strata rows of `state_deltas` (so run it after the first `finish` statement
 * of patientStateCellsSql and before the second), by the same running sums:
 * the table has one row per stratum and month that has anyone, never one per patient.
 */
export function createOutcomeStrataSql(range: MonthRange): string {
  const last = int(range.lastMonthIndex, 'lastMonthIndex');
  const columns = ['ltc_people', ...STANDARDISED_OUTCOMES.flatMap((id) => [`num_${id}`, `den_${id}`])];
  // On a register is the LTC population.
  const sources: StateCount[] = [
    'on_register',
    ...STANDARDISED_OUTCOMES.flatMap((id) => [PATIENT_STATE_MEASURE_SQL[id].numerator, PATIENT_STATE_MEASURE_SQL[id].denominator]),
  ];
  // The pairs holding them, summed packed as the cells' are, and as exactly (see patientStateCellsSql): five running
  // sums where nine single counts took half as long again.
  const pairs = COUNT_PAIRS.flatMap((pair, i) => (pair.some((count) => sources.includes(count)) ? [i] : []));
  return `
CREATE OR REPLACE TEMP TABLE outcome_strata AS
WITH running AS (
  SELECT practice_idx, value, mi, lead(mi, 1, ${last + 1}) OVER w AS next_mi,
         ${pairs.map((i) => `(sum(pair_${i}::DOUBLE) OVER w)::BIGINT AS pair_${i}`).join(', ')}
  FROM state_deltas WHERE family = ${STRATA_FAMILY} AND ((value >> ${STRATA_LTC}) & 7) <> 0
  WINDOW w AS (PARTITION BY practice_idx, value ORDER BY mi ROWS UNBOUNDED PRECEDING)
), counts AS (
  SELECT practice_idx, value, mi, next_mi, ${unpackedCountsSql(pairs)} FROM running
)
SELECT practice_idx, unnest(range(mi, next_mi))::INTEGER AS mi, (value & 3)::UTINYINT AS sex,
       ((value >> ${STRATA_BAND}) & 7)::UTINYINT AS band, ((value >> ${STRATA_LTC}) & 7)::UTINYINT AS ltc,
       ((value >> ${STRATA_PLAN}) & 1)::UTINYINT AS plan, ${sources.map((s, i) => `${s} AS ${columns[i]}`).join(', ')}
FROM counts WHERE on_register <> 0`;
}
