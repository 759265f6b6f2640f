import { ENGLAND_AGE_BANDS, REGISTER_MODELS } from '../synthetic/synthetic-registers';

/*
 * The synthetic population, built set-based inside DuckDB. Every random number is a hash of the
 * seed, a row key and a stream name, so the same options give the same rows whatever the thread
 * count. Parameters are session variables (getvariable('syn_*')) set by generatePopulation with
 * bound values; the staging tables live in schema `synthetic`, the results in the record tables.
 *
 * Every record's id grows with its patient's (patient id × a stride + a slot), and each record table is written
 * ORDER BY id: in patient order, as a system of record holds records loaded an extract at a time (patients numbered as
 * they arrive). Without the ORDER BY, DuckDB's parallel steps interleaved the practices' patients: each row group of
 * the national records held ids from a few thousand to 20 million, a layout no extract produces.
 */

const v = (name: string): string => `getvariable('syn_${name}')`;
const sqlString = (text: string): string => `'${text.replaceAll("'", "''")}'`;
const list = (items: readonly string[]): string => `[${items.map(sqlString).join(', ')}]`;

/** Variables generatePopulation sets before running SYNTHETIC_POPULATION_STEPS. */
export const SYNTHETIC_VARIABLES = [
  'seed',
  'patients',
  'practices',
  'pcns',
  'sub_icbs',
  'icbs',
  'regions',
  'from',
  'end',
  'horizon',
  'slots',
  'id_width',
  'dirty',
  'training_effect_known',
  'training_effect',
] as const;
export type SyntheticVariable = (typeof SYNTHETIC_VARIABLES)[number];

/** `SET VARIABLE syn_<name> = $1` cast to its type, for one bound value. */
export const setSyntheticVariableSql = (name: SyntheticVariable, type: 'BIGINT' | 'DOUBLE' | 'DATE'): string =>
  `SET VARIABLE syn_${name} = CAST($1 AS ${type})`;

/**
 * Session macros: syn_u(key, stream) uniform in [0, 1); syn_n(key, stream) standard normal
 * (Box–Muller on the two halves of one hash); syn_pick(key, stream, list) one element.
 * The stream name is hashed with the seed and xor-ed into the key before the final hash:
 * hashing (seed, key, stream) together left different streams of one key correlated.
 */
export const SYNTHETIC_MACROS_SQL = `
CREATE OR REPLACE TEMP MACRO syn_h(k, s) AS hash(xor(k::UBIGINT, hash(${v('seed')}, s)));
CREATE OR REPLACE TEMP MACRO syn_u(k, s) AS (syn_h(k, s) >> 11)::DOUBLE / 9007199254740992.0;
CREATE OR REPLACE TEMP MACRO syn_n(k, s) AS
  sqrt(-2 * ln(((syn_h(k, s) >> 32)::DOUBLE + 0.5) / 4294967296.0))
  * cos(2 * pi() * (syn_h(k, s) & 4294967295::UBIGINT)::DOUBLE / 4294967296.0);
CREATE OR REPLACE TEMP MACRO syn_pick(k, s, items) AS items[1 + (syn_h(k, s) % len(items))::INTEGER];
CREATE OR REPLACE TEMP MACRO syn_days(x) AS CAST(floor(x) AS INTEGER);
CREATE OR REPLACE TEMP MACRO syn_logistic(x) AS 1 / (1 + exp(-(x)));
CREATE OR REPLACE TEMP MACRO syn_place(k, s) AS
  syn_pick(k, s || ':a', ${list([
    'Ash', 'Bram', 'Brook', 'Castle', 'Chester', 'Church', 'Dun', 'Elm', 'Fair', 'Foss', 'Green', 'Hart',
    'Hazel', 'Holm', 'Kings', 'Lang', 'Lea', 'Marsh', 'Mill', 'Moor', 'Nether', 'North', 'Oak', 'Pen',
    'Queens', 'Red', 'Rother', 'Sand', 'Stan', 'Stone', 'Thorn', 'Wal', 'Wes', 'Whit', 'Wood', 'Wyn',
  ])})
  || syn_pick(k, s || ':b', ${list([
    'bridge', 'brook', 'bury', 'by', 'combe', 'dale', 'den', 'field', 'ford', 'gate', 'ham', 'hurst',
    'ley', 'mere', 'mouth', 'stead', 'thorpe', 'ton', 'well', 'wich', 'wick', 'worth',
  ])});
`;

const ageBands = (() => {
  const total = ENGLAND_AGE_BANDS.reduce((sum, band) => sum + band.percent, 0);
  let cumulative = 0;
  return ENGLAND_AGE_BANDS.map((band) => {
    const low = cumulative / total;
    cumulative += band.percent;
    return { ...band, low, high: cumulative / total };
  });
})();

/** Inverse of England's age distribution: u in [0, 1) to an age in years, linear within a band. */
const ageFromUniform = (u: string): string =>
  `CASE ${ageBands
    .map(
      (band, index) =>
        `${index === ageBands.length - 1 ? 'ELSE' : `WHEN ${u} < ${band.high.toExponential()} THEN`} ` +
        `${band.from} + (${u} - ${band.low.toExponential()}) / ${(band.high - band.low).toExponential()} * ${band.to - band.from}`,
    )
    .join('\n    ')} END`;

const registerValues = REGISTER_MODELS.map(
  (model, index) =>
    `(${index}, '${model.code}', ${model.alpha}, ${model.beta}, ${model.minAge}, ${model.loading}, ${model.female}, ` +
    `${model.deprivation}, ${model.resolveChance}, ${list(model.snomed)})`,
).join(',\n  ');

const REGIONS = [
  ['Y56', 'London'],
  ['Y58', 'South West'],
  ['Y59', 'South East'],
  ['Y60', 'Midlands'],
  ['Y61', 'East of England'],
  ['Y62', 'North West'],
  ['Y63', 'North East and Yorkshire'],
] as const;

/** Practice code letters by England region index, two each (Z is never used: dirty rows need an unknown code). */
const PRACTICE_LETTERS = 'ABCDEFGHJKLMNP';

export const TRAINING_PROGRAMME = 'Personalised care and support planning (1 day + half-day follow-up)';
export const REFRESHER_PROGRAMME = 'Personalised care and support planning refresher (half day)';

/** Years from the period's start, as a DOUBLE, of a date expression. */
const yearsSinceFrom = (date: string): string => `((${date} - ${v('from')}) / 365.25)`;

/** Log-odds of a plan at a care-plan slot `s` of practice `pr`, before any effect of training. */
const planLogit = `pr.uptake_base + pr.uptake_trend * ${yearsSinceFrom('s.t')}
    + 0.25 * (least(s.ltc_count, 4) - 1) + CASE WHEN (s.t - s.birth_date) / 365.25 >= 65 THEN 0.2 ELSE 0 END
    - 0.06 * (3 - coalesce(s.imd_quintile, 3)) + 0.8 * s.plan_propensity`;

/** The generator's statements in order, each named for progress messages. */
export const SYNTHETIC_POPULATION_STEPS: readonly { name: string; sql: string }[] = [
  {
    name: 'organisations',
    sql: `
CREATE SCHEMA IF NOT EXISTS synthetic;
CREATE TABLE synthetic.regions AS
WITH england(england_index, code, name) AS (VALUES ${REGIONS.map(([code, name], index) => `(${index}, '${code}', '${name}')`).join(', ')})
SELECT j AS region_index, e.england_index, e.code, e.name
FROM range(${v('regions')}) r(j)
JOIN england e ON e.england_index = (j + (hash(${v('seed')}, 'regions') % 7)::BIGINT) % 7;

CREATE TABLE synthetic.icbs AS
SELECT j AS icb_index, (j * ${v('regions')}) // ${v('icbs')} AS region_index,
  'Q' || chr(65 + (c // 36)::INTEGER) || substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', (c % 36)::INTEGER + 1, 1) AS code,
  place,
  'NHS ' || place || CASE WHEN syn_u(j, 'icb:and') < 0.5 THEN ' and ' || syn_place(j, 'icb:second') ELSE '' END
    || ' Integrated Care Board' AS name
FROM (
  SELECT j, (j * 97 + (hash(${v('seed')}, 'icb:code') % 936)::BIGINT) % 936 AS c, syn_place(j, 'icb') AS place
  FROM range(${v('icbs')}) r(j)
);

CREATE TABLE synthetic.sub_icbs AS
SELECT k AS sub_icb_index, i.icb_index,
  lpad((c % 100)::VARCHAR, 2, '0') || chr(65 + (c // 100)::INTEGER) AS code,
  'NHS ' || i.place || ' ICB - ' || lpad((c % 100)::VARCHAR, 2, '0') || chr(65 + (c // 100)::INTEGER) AS name
FROM (
  SELECT k, (k * ${v('icbs')}) // ${v('sub_icbs')} AS icb_index,
    (k * 37 + (hash(${v('seed')}, 'sub_icb:code') % 2600)::BIGINT) % 2600 AS c
  FROM range(${v('sub_icbs')}) r(k)
) s JOIN synthetic.icbs i USING (icb_index);

CREATE TABLE synthetic.pcns AS
SELECT j AS pcn_index, (j * ${v('sub_icbs')}) // ${v('pcns')} AS sub_icb_index,
  'U' || (10000 + (j * 7919 + (hash(${v('seed')}, 'pcn:code') % 90000)::BIGINT) % 90000)::VARCHAR AS code,
  syn_place(j, 'pcn') || syn_pick(j, 'pcn:kind', ['', '', '', ' Central', ' North', ' South', ' East', ' West', ' Rural', ' Health Partnership', ' Care Collaborative'])
    || ' PCN' AS name
FROM range(${v('pcns')}) r(j);

CREATE TABLE synthetic.practices AS
WITH base AS (
  SELECT i AS practice_index, (i * ${v('pcns')}) // ${v('practices')} AS pcn_index,
    -- list sizes: lognormal, at most 30 times apart, as in England (about 1,000 to 30,000)
    greatest(100, least(3000, round(1000 * exp(0.5 * syn_n(i, 'list_size')))))::BIGINT AS weight
  FROM range(${v('practices')}) r(i)
), placed AS (
  SELECT b.*, s.sub_icb_index, s.icb_index, i.region_index, g.england_index,
    row_number() OVER (PARTITION BY i.region_index ORDER BY b.practice_index) - 1 AS region_ordinal,
    sum(b.weight) OVER (ORDER BY b.practice_index ROWS UNBOUNDED PRECEDING) AS cumulative_weight,
    sum(b.weight) OVER () AS total_weight
  FROM base b
  JOIN synthetic.pcns p USING (pcn_index)
  JOIN synthetic.sub_icbs s USING (sub_icb_index)
  JOIN synthetic.icbs i USING (icb_index)
  JOIN synthetic.regions g USING (region_index)
), coded AS (
  SELECT *, (region_ordinal * 7919 + (hash(${v('seed')}, 'practice:code') % 180000)::BIGINT) % 180000 AS c
  FROM placed
)
SELECT practice_index, pcn_index, sub_icb_index, icb_index, region_index,
  substr('${PRACTICE_LETTERS}', (2 * england_index + c // 90000)::INTEGER + 1, 1) || (10000 + c % 90000)::VARCHAR AS code,
  CASE (syn_h(practice_index, 'practice:name:kind') % 8)::INTEGER
    WHEN 0 THEN syn_place(practice_index, 'practice') || ' Medical Centre'
    WHEN 1 THEN syn_place(practice_index, 'practice') || ' Surgery'
    WHEN 2 THEN 'The ' || syn_place(practice_index, 'practice') || ' Practice'
    WHEN 3 THEN syn_place(practice_index, 'practice') || ' Health Centre'
    WHEN 4 THEN syn_place(practice_index, 'practice') || ' Family Practice'
    WHEN 5 THEN syn_pick(practice_index, 'practice:street', ['High Street', 'Station Road', 'Church Lane', 'Park Road', 'London Road', 'Victoria Road', 'Mill Lane', 'The Green']) || ' Surgery'
    WHEN 6 THEN 'Dr ' || syn_pick(practice_index, 'practice:surname', ['Ahmed', 'Bennett', 'Chowdhury', 'Davies', 'Evans', 'Fletcher', 'Griffiths', 'Hughes', 'Iqbal', 'Jones', 'Khan', 'Lewis', 'Morgan', 'Nolan', 'Okafor', 'Patel', 'Roberts', 'Shah', 'Taylor', 'Walker']) || ' and Partners'
    ELSE syn_place(practice_index, 'practice') || ' Group Practice'
  END AS name,
  1 + (${v('patients')}::HUGEINT * (cumulative_weight - weight) // total_weight)::BIGINT AS first_patient_id,
  1 + (${v('patients')}::HUGEINT * cumulative_weight // total_weight)::BIGINT AS end_patient_id,
  -- deprivation clusters by neighbourhood (PCN); diversity and age vary by practice
  1 + floor(5 * CASE WHEN syn_u(practice_index, 'practice:imd_own') < 0.3 THEN syn_u(practice_index, 'practice:imd')
    ELSE syn_u(pcn_index, 'pcn:imd') END) AS imd_centre,
  0.02 + 0.6 * pow(syn_u(practice_index, 'practice:diversity'), 2.2) AS nonwhite_share,
  0.25 + 0.5 * syn_u(practice_index, 'practice:asian') AS asian_fraction,
  greatest(-0.7, least(0.7, 0.3 * syn_n(practice_index, 'practice:age'))) AS age_shift,
  -2.1 + 0.6 * syn_n(practice_index, 'practice:uptake') AS uptake_base,
  0.12 + 0.2 * syn_u(practice_index, 'practice:trend') AS uptake_trend,
  CASE WHEN syn_u(practice_index, 'practice:trained') < 0.55 THEN
    ${v('from')} + CASE WHEN ${v('end')} - ${v('from')} > 240
      THEN 60 + syn_days(syn_u(practice_index, 'practice:trained_on') * (${v('end')} - ${v('from')} - 150))
      ELSE syn_days(syn_u(practice_index, 'practice:trained_on') * (${v('end')} - ${v('from')})) END
  END AS trained_on
FROM coded;

INSERT INTO organisations
SELECT code, name, 'region', NULL FROM synthetic.regions
UNION ALL SELECT i.code, i.name, 'icb', r.code FROM synthetic.icbs i JOIN synthetic.regions r USING (region_index)
UNION ALL SELECT s.code, s.name, 'sub_icb', i.code FROM synthetic.sub_icbs s JOIN synthetic.icbs i USING (icb_index)
UNION ALL SELECT p.code, p.name, 'pcn', s.code FROM synthetic.pcns p JOIN synthetic.sub_icbs s USING (sub_icb_index)
UNION ALL SELECT p.code, p.name, 'practice', n.code FROM synthetic.practices p JOIN synthetic.pcns n USING (pcn_index);

INSERT INTO training
SELECT practice_index * 2 + 1, code, trained_on, '${TRAINING_PROGRAMME}',
  1 + syn_days(pow(syn_u(practice_index, 'training:staff'), 1.5) * 6)
FROM synthetic.practices WHERE trained_on IS NOT NULL
UNION ALL
SELECT practice_index * 2 + 2, code, refresher_on, '${REFRESHER_PROGRAMME}', 1 + syn_days(syn_u(practice_index, 'refresher:staff') * 3)
FROM (
  SELECT *, trained_on + 180 + syn_days(syn_u(practice_index, 'refresher:on') * 365) AS refresher_on
  FROM synthetic.practices
  WHERE trained_on IS NOT NULL AND syn_u(practice_index, 'refresher') < 0.15
) WHERE refresher_on <= ${v('end')};
`,
  },
  {
    name: 'patients and registrations',
    sql: `
CREATE TEMP TABLE syn_people AS
WITH drawn AS (
  SELECT t.id, p.practice_index, p.imd_centre, p.nonwhite_share, p.asian_fraction,
    ${ageFromUniform(`pow(syn_u(t.id, 'age'), exp(p.age_shift))`)} AS age_end,
    syn_u(t.id, 'sex') AS u_sex, syn_u(t.id, 'ethnic') AS u_ethnic,
    syn_n(t.id, 'frailty') AS frailty
  FROM synthetic.practices p, range(p.first_patient_id, p.end_patient_id) t(id)
), born AS (
  SELECT *, ${v('end')} - syn_days(age_end * 365.25) AS birth_date,
    -14 * ln(1 - syn_u(id, 'registered_years')) AS registered_years
  FROM drawn
), registered AS (
  SELECT *,
    CASE WHEN registered_years >= age_end - 0.05
      THEN least(${v('end')}, birth_date + 14 + syn_days(syn_u(id, 'birth_registration') * 45))
      ELSE ${v('end')} - syn_days(registered_years * 365.25)
    END AS home_start
  FROM born
), mortal AS (
  SELECT *,
    -- Gompertz annual mortality (about 0.1% at 40, 0.8% at 60, 5% at 80, 13% at 90), frailer die sooner
    1 - pow(1 - least(0.6, exp(-10.5 + 0.095 * greatest(0, age_end - ${yearsSinceFrom(v('end'))} / 2) + 0.35 * frailty)),
            ${yearsSinceFrom(v('end'))}) AS death_chance,
    greatest(${v('from')}, home_start + 1) AS event_from
  FROM registered
), fated AS (
  SELECT *,
    CASE WHEN event_from <= ${v('end')} AND syn_u(id, 'death') < death_chance
      THEN event_from + syn_days(syn_u(id, 'died_on') * (${v('end')} - event_from + 1)) END AS died_on,
    CASE WHEN event_from <= ${v('end')} AND syn_u(id, 'leaves') < 0.12
      THEN event_from + syn_days(syn_u(id, 'left_on') * (${v('end')} - event_from + 1)) END AS left_on,
    ${v('practices')} > 1 AND home_start > ${v('horizon')} + 30 AND home_start - birth_date > 60
      AND syn_u(id, 'mover') < 0.35 AS moved
  FROM mortal
)
SELECT id, practice_index, birth_date, age_end, frailty,
  CASE WHEN u_sex < 0.505 THEN 'F' WHEN u_sex < 0.9985 THEN 'M' WHEN u_sex < 0.999 THEN 'I' ELSE 'U' END AS sex,
  CASE
    WHEN u_ethnic < 0.05 THEN 'unknown'
    WHEN (u_ethnic - 0.05) / 0.95 < 1 - nonwhite_share THEN 'white'
    WHEN (u_ethnic - 0.05) / 0.95 < 1 - nonwhite_share * (1 - asian_fraction) THEN 'asian'
    WHEN (u_ethnic - 0.05) / 0.95 < 1 - nonwhite_share * (1 - asian_fraction) * 0.5 THEN 'black'
    WHEN (u_ethnic - 0.05) / 0.95 < 1 - nonwhite_share * (1 - asian_fraction) * 0.2 THEN 'mixed'
    ELSE 'other'
  END AS ethnic_group,
  CASE WHEN syn_u(id, 'imd_unknown') < 0.02 THEN NULL
       WHEN syn_u(id, 'imd_local') < 0.6 THEN greatest(1, least(5, imd_centre + round(0.8 * syn_n(id, 'imd'))))
       ELSE 1 + floor(5 * syn_u(id, 'imd_anywhere')) END::SMALLINT AS imd_quintile,
  died_on,
  home_start,
  CASE WHEN died_on IS NOT NULL THEN least(${v('end')}, died_on + syn_days(syn_u(id, 'deregistered_after_death') * 21))
       ELSE left_on END AS home_end,
  CASE WHEN moved THEN (practice_index + 1 + syn_days(syn_u(id, 'previous_practice') * least(${v('practices')} - 1, 8))) % ${v('practices')} END
    AS previous_practice_index,
  CASE WHEN moved THEN greatest(birth_date, home_start - 30 - syn_days(-6 * ln(1 - syn_u(id, 'previous_years')) * 365.25)) END
    AS previous_start,
  -- a few moves overlap by days (the importer warns; the later registration holds)
  CASE WHEN moved THEN least(${v('end')}, home_start + CASE WHEN died_on IS NULL AND syn_u(id, 'overlap') < 0.05
    THEN 1 + syn_days(syn_u(id, 'overlap_days') * 20) ELSE 0 END) END AS previous_end,
  coalesce(died_on, left_on, ${v('end')}) AS last_date,
  syn_n(id, 'plan_propensity') AS plan_propensity
FROM fated;

INSERT INTO patients
SELECT id, 'P' || lpad(id::VARCHAR, ${v('id_width')}::INTEGER, '0'), birth_date, sex, ethnic_group, imd_quintile, died_on
FROM syn_people ORDER BY id;

INSERT INTO registrations
SELECT p.id * 2 + 1, p.id, h.code, p.home_start, p.home_end
FROM syn_people p JOIN synthetic.practices h ON h.practice_index = p.practice_index
UNION ALL
SELECT p.id * 2, p.id, h.code, p.previous_start, p.previous_end
FROM syn_people p JOIN synthetic.practices h ON h.practice_index = p.previous_practice_index
ORDER BY 1;
`,
  },
  {
    name: 'conditions',
    sql: `
CREATE TABLE synthetic.registers(register_index, code, alpha, beta, min_age, loading, female, deprivation, resolve_chance, snomed) AS
VALUES
  ${registerValues};

INSERT INTO conditions
WITH linear AS (
  SELECT p.id AS patient_id, r.register_index, r.code, r.min_age, r.beta, r.resolve_chance, r.snomed,
    p.id * 32 + r.register_index AS k, p.age_end, p.birth_date, p.last_date,
    r.alpha + r.loading * p.frailty + CASE WHEN p.sex = 'F' THEN r.female ELSE 0 END
      + r.deprivation * (3 - coalesce(p.imd_quintile, 3)) AS level
  FROM (SELECT *, unnest(range(${REGISTER_MODELS.length})) AS register_index FROM syn_people) p
  JOIN synthetic.registers r USING (register_index)
  WHERE p.age_end >= r.min_age
), drawn AS (
  SELECT *, syn_logistic(level + beta * (age_end - 60) / 10) AS chance, syn_u(k, 'onset') AS u_onset
  FROM linear
  WHERE syn_u(k, 'condition') < syn_logistic(level + beta * (age_end - 60) / 10)
), dated AS (
  -- onset where the register's curve reaches u·p(age): P(onset <= a) = p(a) / p(age)
  SELECT *, least(${v('end')}, birth_date + syn_days(365.25 * CASE
    WHEN beta > 0.2 THEN greatest(min_age, least(age_end,
      60 + 10 * (ln(u_onset * chance / (1 - u_onset * chance)) - level) / beta))
    ELSE min_age + (age_end - min_age) * u_onset * u_onset END)) AS diagnosed_on
  FROM drawn
), resolved AS (
  SELECT *, CASE WHEN syn_u(k, 'resolves') < resolve_chance
    THEN diagnosed_on + syn_days(-2 * ln(1 - syn_u(k, 'resolved_after')) * 365.25) END AS resolved_on
  FROM dated
)
SELECT k, patient_id, code,
  CASE WHEN syn_u(k, 'snomed') < 0.8 THEN syn_pick(k, 'snomed_code', snomed) END,
  diagnosed_on,
  CASE WHEN resolved_on <= least(${v('end')}, last_date) THEN resolved_on END
FROM resolved
WHERE diagnosed_on <= last_date
ORDER BY k;
`,
  },
  {
    name: 'care plans and adjustments',
    sql: `
CREATE TEMP TABLE syn_ltc_people AS
SELECT patient_id, min(diagnosed_on) AS ltc_from, count(*) AS ltc_count,
  min(diagnosed_on) FILTER (WHERE condition = 'DM') AS dm_from,
  min(diagnosed_on) FILTER (WHERE condition = 'DEP') AS dep_from,
  min(diagnosed_on) FILTER (WHERE condition IN ('HYP', 'CHD', 'CKD', 'DM', 'HF', 'PAD', 'STIA')) AS bp_from,
  bool_or(condition = 'DEM') AS has_dementia
FROM conditions GROUP BY patient_id;

-- One yearly slot per LTC patient: a plan is agreed at a slot with a chance that rises over time,
-- faster after the practice's training; observations and admissions hang off the slots too.
CREATE TEMP TABLE syn_slots AS
WITH timed AS (
  SELECT l.*, p.practice_index, p.previous_practice_index, p.home_start, p.birth_date, p.age_end, p.imd_quintile,
    p.last_date, p.plan_propensity, coalesce(p.previous_start, p.home_start) AS first_date,
    l.patient_id * 16 + s.k AS slot_key,
    ${v('horizon')} + syn_days(syn_u(l.patient_id, 'slot_phase') * 365) + syn_days(s.k * 365.25)
      + syn_days(syn_u(l.patient_id * 16 + s.k, 'slot_jitter') * 61) - 30 AS t
  FROM syn_ltc_people l JOIN syn_people p ON p.id = l.patient_id, range(${v('slots')}) s(k)
), placed AS (
  SELECT t.*, CASE WHEN t.previous_practice_index IS NOT NULL AND t.t < t.home_start
    THEN t.previous_practice_index ELSE t.practice_index END AS slot_practice_index
  FROM timed t
  WHERE t.t >= greatest(t.ltc_from, t.first_date, ${v('horizon')}) AND t.t <= t.last_date AND t.t <= ${v('end')}
)
SELECT s.slot_key, s.patient_id, s.t, s.last_date, s.ltc_count, s.dm_from, s.dep_from, s.bp_from, s.has_dementia,
  (s.t - s.birth_date) / 365.25 AS age, pr.code AS practice_code,
  coalesce(s.t >= pr.trained_on, false) AS trained,
  -- By default training adds to the log-odds, more as the practice gains experience; with a known
  -- effect (the evaluation's recovery test) it adds exactly that to the chance, from the training date.
  syn_u(s.slot_key, 'plan') < CASE WHEN ${v('training_effect_known')} = 1 THEN
    least(1, syn_logistic(${planLogit}) + CASE WHEN s.t >= pr.trained_on THEN ${v('training_effect')} ELSE 0 END)
  ELSE syn_logistic(
    ${planLogit}
    + CASE WHEN s.t >= pr.trained_on THEN 0.6 + 0.35 * least(3, (s.t - pr.trained_on) / 365.25) ELSE 0 END) END AS has_plan
FROM placed s JOIN synthetic.practices pr ON pr.practice_index = s.slot_practice_index;

INSERT INTO care_plans
WITH planned AS (
  SELECT *,
    syn_u(slot_key, 'review_due') AS u_due, syn_u(slot_key, 'prepared') AS u_prepared,
    syn_u(slot_key, 'prepared_days') AS u_prepared_days, syn_u(slot_key, 'shared') AS u_shared,
    syn_u(slot_key, 'shared_days') AS u_shared_days, syn_u(slot_key, 'carer') AS u_carer
  FROM syn_slots WHERE has_plan
), dated AS (
  SELECT *,
    CASE WHEN u_shared < CASE WHEN trained THEN 0.8 ELSE 0.62 END THEN t + syn_days(pow(u_shared_days, 1.5) * 29)
         WHEN u_shared < 0.92 THEN t + 29 + syn_days(u_shared_days * 90) END AS shared_candidate
  FROM planned
)
SELECT slot_key, 'CP' || lpad(slot_key::VARCHAR, (${v('id_width')} + 2)::INTEGER, '0'), patient_id, practice_code, t,
  CASE WHEN u_due < 0.10 THEN (t + INTERVAL 6 MONTH)::DATE
       WHEN u_due < 0.13 THEN (t + INTERVAL 3 MONTH)::DATE
       WHEN u_due < 0.18 THEN (t + INTERVAL 12 MONTH)::DATE END,
  CASE WHEN u_prepared < CASE WHEN trained THEN 0.78 ELSE 0.45 END THEN
    t - CASE WHEN u_prepared_days < 0.06 THEN 0
             WHEN u_prepared_days < 0.93 THEN 1 + syn_days(pow((u_prepared_days - 0.06) / 0.87, 1.6) * 42)
             ELSE 43 + syn_days((u_prepared_days - 0.93) / 0.07 * 60) END
  END,
  CASE WHEN shared_candidate <= least(${v('end')}, last_date) THEN shared_candidate END,
  CASE WHEN u_carer < 0.25 THEN NULL
       ELSE syn_u(slot_key, 'carer_true') < CASE WHEN has_dementia OR age >= 80 THEN 0.45 ELSE 0.12 END END
FROM dated
ORDER BY slot_key;

INSERT INTO care_plan_reviews
WITH plans AS (
  SELECT c.id, c.agreed_on, coalesce(c.review_due_on, (c.agreed_on + INTERVAL 12 MONTH)::DATE) AS due_on,
    s.trained, s.last_date, syn_u(c.id, 'review') AS u_review, syn_u(c.id, 'review_days') AS u_days
  FROM care_plans c JOIN syn_slots s ON s.slot_key = c.id
), reviews AS (
  SELECT id * 4 AS review_id, id, last_date,
    CASE WHEN u_review < CASE WHEN trained THEN 0.62 ELSE 0.48 END
           THEN greatest(agreed_on, due_on - syn_days(u_days * 60))
         WHEN u_review < CASE WHEN trained THEN 0.77 ELSE 0.63 END
           THEN due_on + 1 + syn_days(u_days * 120) END AS reviewed_on
  FROM plans
  UNION ALL
  SELECT id * 4 + 1, id, last_date, agreed_on + 60 + syn_days(syn_u(id, 'interim_days') * 120)
  FROM plans WHERE syn_u(id, 'interim') < 0.1 AND agreed_on + 180 < due_on
)
SELECT review_id, id, reviewed_on FROM reviews
WHERE reviewed_on IS NOT NULL AND reviewed_on <= least(${v('end')}, last_date)
-- an interim review can land on the due-date review's day: one review a plan a day (the natural key)
QUALIFY row_number() OVER (PARTITION BY id, reviewed_on ORDER BY review_id) = 1
ORDER BY review_id;

INSERT INTO care_plan_adjustments
SELECT slot_key, patient_id, least(t + syn_days(syn_u(slot_key, 'pca_days') * 30), ${v('end')}, last_date),
  CASE WHEN syn_u(slot_key, 'pca_reason') < 0.45 THEN 'declined'
       WHEN syn_u(slot_key, 'pca_reason') < 0.75 THEN 'no_response'
       WHEN syn_u(slot_key, 'pca_reason') < 0.9 THEN 'unsuitable'
       ELSE 'service_unavailable' END
FROM syn_slots WHERE NOT has_plan AND syn_u(slot_key, 'pca') < 0.06
ORDER BY slot_key;
`,
  },
  {
    name: 'observations and admissions',
    sql: `
INSERT INTO observations
WITH candidates AS (
  SELECT slot_key * 8 AS id, patient_id, 'PAM_LEVEL' AS code, t AS observed_on, last_date,
    syn_n(slot_key, 'pam_baseline') AS z
  FROM syn_slots WHERE has_plan AND syn_u(slot_key, 'pam_baseline_taken') < 0.4
  UNION ALL
  SELECT slot_key * 8 + 1, patient_id, 'PAM_LEVEL',
    t + CASE WHEN has_plan THEN 150 + syn_days(syn_u(slot_key, 'pam_days') * 180) ELSE syn_days(syn_u(slot_key, 'pam_days') * 300) END,
    last_date, syn_n(slot_key, 'pam_follow_up') + CASE WHEN has_plan THEN 0.45 ELSE 0 END
  FROM syn_slots WHERE syn_u(slot_key, 'pam_follow_up_taken') < CASE WHEN has_plan THEN 0.35 ELSE 0.06 END
  UNION ALL
  SELECT slot_key * 8 + 2 + j, patient_id, 'HBA1C', t + (j * 180)::INTEGER + syn_days(syn_u(slot_key * 8 + j, 'hba1c_days') * 150),
    last_date, syn_n(slot_key * 8 + j, 'hba1c') - CASE WHEN has_plan THEN 0.35 ELSE 0 END
  FROM syn_slots, range(2) r(j)
  WHERE dm_from IS NOT NULL AND syn_u(slot_key * 8 + j, 'hba1c_taken') < 0.85
  UNION ALL
  SELECT slot_key * 8 + 4, patient_id, 'PHQ9', t + syn_days(syn_u(slot_key, 'phq9_days') * 300),
    last_date, syn_n(slot_key, 'phq9') - CASE WHEN has_plan THEN 0.35 ELSE 0 END
  FROM syn_slots
  WHERE dep_from IS NOT NULL AND syn_u(slot_key, 'phq9_taken') < CASE WHEN has_plan THEN 0.5 ELSE 0.3 END
  UNION ALL
  SELECT slot_key * 8 + 5, patient_id, 'SBP', t + syn_days(syn_u(slot_key, 'sbp_days') * 300),
    last_date, syn_n(slot_key, 'sbp') - CASE WHEN has_plan THEN 0.15 ELSE 0 END
  FROM syn_slots WHERE bp_from IS NOT NULL AND syn_u(slot_key, 'sbp_taken') < 0.8
)
SELECT c.id, c.patient_id, c.code,
  CASE c.code
    -- PAM levels 1-4 at about 20%, 30%, 35%, 15% (thresholds of a standard normal)
    WHEN 'PAM_LEVEL' THEN 1 + (c.z > -0.84)::INTEGER + (c.z > 0)::INTEGER + (c.z > 1.04)::INTEGER
    WHEN 'HBA1C' THEN greatest(20, least(200, round(55 + 11 * c.z + CASE WHEN syn_u(c.id, 'hba1c_tail') < 0.05 THEN 30 * syn_u(c.id, 'hba1c_tail_size') ELSE 0 END)))
    WHEN 'PHQ9' THEN greatest(0, least(27, round(10.5 + 6 * c.z)))
    ELSE greatest(80, least(230, round(137 + 16 * c.z)))
  END::DOUBLE AS value,
  c.observed_on
FROM candidates c JOIN syn_ltc_people l USING (patient_id)
WHERE c.observed_on <= least(${v('end')}, c.last_date)
  AND c.observed_on >= CASE c.code WHEN 'HBA1C' THEN l.dm_from WHEN 'PHQ9' THEN l.dep_from WHEN 'SBP' THEN l.bp_from ELSE l.ltc_from END
-- the same value coded twice on a day is one observation (the full row is the natural key)
QUALIFY row_number() OVER (PARTITION BY c.patient_id, c.code, c.observed_on, value ORDER BY c.id) = 1
ORDER BY c.id;

INSERT INTO admissions
WITH others AS (
  SELECT p.id, p.age_end, p.last_date, greatest(${v('horizon')}, coalesce(p.previous_start, p.home_start)) AS opens
  FROM syn_people p ANTI JOIN syn_ltc_people l ON l.patient_id = p.id
  WHERE greatest(${v('horizon')}, coalesce(p.previous_start, p.home_start)) <= p.last_date
), rates AS (
  SELECT *, least(1.8, (0.05 + 0.045 * least(ltc_count, 5)) * (1 + greatest(0, age - 60) / 15)
    * CASE WHEN has_plan THEN 0.82 ELSE 1 END) AS emergency_rate
  FROM syn_slots
), candidates AS (
  SELECT slot_key * 8 + j AS id, patient_id, t + syn_days(syn_u(slot_key * 8 + j, 'admitted_days') * 365) AS admitted_on,
    last_date, true AS emergency
  FROM rates, range(3) r(j) WHERE syn_u(slot_key * 8 + j, 'admitted') < emergency_rate / 3
  UNION ALL
  SELECT slot_key * 8 + 3, patient_id, t + syn_days(syn_u(slot_key * 8 + 3, 'admitted_days') * 365), last_date, false
  FROM rates WHERE syn_u(slot_key * 8 + 3, 'admitted') < 0.05 + 0.02 * least(ltc_count, 5)
  UNION ALL
  SELECT (o.id * 16 + 15) * 8 + j, o.id,
    o.opens + syn_days(syn_u((o.id * 16 + 15) * 8 + j, 'admitted_days') * (o.last_date - o.opens + 1)),
    o.last_date, j = 0
  FROM others o, range(2) r(j)
  WHERE syn_u((o.id * 16 + 15) * 8 + j, 'admitted')
    < (o.last_date - o.opens) / 365.25 * CASE WHEN j = 0 THEN 0.03 * (1 + (o.age_end >= 75)::INTEGER) ELSE 0.025 END
)
SELECT id, patient_id, admitted_on, emergency FROM candidates
WHERE admitted_on <= least(${v('end')}, last_date)
-- one admission of a kind a patient a day (the full row is the natural key)
QUALIFY row_number() OVER (PARTITION BY patient_id, admitted_on, emergency ORDER BY id) = 1
ORDER BY id;
`,
  },
];

/** Drops the staging tables, leaving only the record tables and `synthetic.generation`. */
export const DROP_SYNTHETIC_STAGING_SQL = `
DROP TABLE IF EXISTS temp.main.syn_slots;
DROP TABLE IF EXISTS temp.main.syn_ltc_people;
DROP TABLE IF EXISTS synthetic.registers;
DROP TABLE IF EXISTS temp.main.syn_people;
DROP TABLE IF EXISTS synthetic.practices;
DROP TABLE IF EXISTS synthetic.pcns;
DROP TABLE IF EXISTS synthetic.sub_icbs;
DROP TABLE IF EXISTS synthetic.icbs;
DROP TABLE IF EXISTS synthetic.regions;
`;

/** What the writers need to know about a generated population (seed, dirty fraction, period end). */
export const CREATE_GENERATION_INFO_SQL = `
CREATE OR REPLACE TABLE synthetic.generation AS
SELECT ${v('seed')}::BIGINT AS seed, ${v('dirty')}::DOUBLE AS dirty, ${v('from')}::DATE AS from_date, ${v('end')}::DATE AS end_date;
`;

export const DROP_SYNTHETIC_SCHEMA_SQL = `DROP SCHEMA IF EXISTS synthetic CASCADE;`;
