/**
 * A quick national-shaped population written straight into the record tables with set-based SQL,
 * for the benchmark when no better generator is available: about 1 practice per 10,000 patients,
 * 28% with long-term conditions, plans, adjustments, observations and admissions from 2019 on.
 * Deterministic (hash of ids), not realistic in detail; the synthetic generator is the one to use
 * for anything but timing.
 */
export function benchPopulationSql(patients: number): string[] {
  if (!Number.isSafeInteger(patients) || patients < 1000) throw new Error('patients must be an integer ≥ 1000');
  const practices = Math.max(10, Math.round(patients / 10_000));
  const pcns = Math.max(2, Math.round(practices / 5));
  const subIcbs = Math.max(2, Math.round(pcns / 12));
  const icbs = Math.max(2, Math.round(subIcbs / 2.5));
  const regions = Math.min(7, icbs);
  const code = (prefix: string, width: number, i: string) => `'${prefix}' || lpad((${i})::VARCHAR, ${width}, '0')`;
  // u(i, k): a uniform number in [0, 1) from the hash of (i, k).
  const u = (i: string, k: number) => `(hash(${i}, ${k}) % 1000000)::DOUBLE / 1000000`;
  const day = (from: string, days: number, i: string, k: number | string) => `(DATE '${from}' + (hash(${i}, ${k}) % ${days})::INTEGER)`;
  return [
    `INSERT INTO organisations
     SELECT ${code('Y', 2, 'i')}, 'Region ' || i, 'region', NULL FROM range(${regions}) t(i)
     UNION ALL SELECT ${code('Q', 2, 'i')}, 'ICB ' || i, 'icb', ${code('Y', 2, `i % ${regions}`)} FROM range(${icbs}) t(i)
     UNION ALL SELECT ${code('S', 2, 'i')}, 'Sub-ICB ' || i, 'sub_icb', ${code('Q', 2, `i % ${icbs}`)} FROM range(${subIcbs}) t(i)
     UNION ALL SELECT ${code('U', 5, 'i')}, 'PCN ' || i, 'pcn', ${code('S', 2, `i % ${subIcbs}`)} FROM range(${pcns}) t(i)
     UNION ALL SELECT ${code('A', 5, 'i')}, 'Practice ' || i, 'practice', ${code('U', 5, `i % ${pcns}`)} FROM range(${practices}) t(i)`,
    `INSERT INTO patients
     SELECT i, 'p' || i, ${day('1925-01-01', 36500, 'i', 1)},
            ['F', 'M', 'F', 'M', 'I', 'U'][1 + (hash(i, 2) % 4)::INTEGER + CASE WHEN hash(i, 3) % 100 = 0 THEN 2 ELSE 0 END],
            ['white', 'white', 'white', 'asian', 'black', 'mixed', 'other', 'unknown'][1 + (hash(i, 4) % 8)::INTEGER],
            CASE WHEN hash(i, 5) % 10 = 0 THEN NULL ELSE 1 + (hash(i, 5) % 5) END,
            CASE WHEN hash(i, 6) % 100 < 4 THEN ${day('2019-01-01', 2190, 'i', 7)} END
     FROM range(1, ${patients + 1}) t(i)`,
    `INSERT INTO registrations
     SELECT i, i, ${code('A', 5, `hash(i, 10) % ${practices}`)}, ${day('1990-01-01', 12400, 'i', 11)},
            CASE WHEN hash(i, 12) % 100 < 6 THEN ${day('2019-01-01', 2000, 'i', 13)} END
     FROM range(1, ${patients + 1}) t(i);
     INSERT INTO registrations
     SELECT ${patients} + i, i, ${code('A', 5, `hash(i, 14) % ${practices}`)}, ${day('2019-01-01', 2100, 'i', 15)}, NULL
     FROM range(1, ${patients + 1}) t(i) WHERE hash(i, 12) % 100 < 6;
     DELETE FROM registrations r USING patients p
     WHERE r.patient_id = p.id AND r.registered_on >= coalesce(p.died_on, DATE '9999-12-31')`,
    `INSERT INTO conditions
     SELECT row_number() OVER (), i, ['HYP', 'AST', 'DM', 'DEP', 'CKD', 'CHD', 'COPD', 'AF', 'CAN', 'OST', 'HF', 'STIA', 'MH', 'DEM', 'EP', 'RA', 'LD', 'PAD'][1 + (hash(i, 20 + k) % 18)::INTEGER],
            NULL, ${day('2000-01-01', 9000, 'i', 30)} + (k * 200)::INTEGER,
            CASE WHEN hash(i, 40 + k) % 100 < 5 THEN ${day('2019-01-01', 2100, 'i', 50)} + 400 END
     FROM range(1, ${patients + 1}) t(i), range(0, 4) s(k)
     WHERE ${u('i', 8)} < 0.28 AND k <= hash(i, 9) % 4`,
    `INSERT INTO care_plans
     SELECT row_number() OVER (), 'plan' || i || '-' || k, i, ${code('A', 5, `hash(i, 10) % ${practices}`)},
            ${day('2019-01-01', 2150, 'i', '60 + k')}, NULL,
            CASE WHEN hash(i, 70 + k) % 3 = 0 THEN ${day('2019-01-01', 2150, 'i', '60 + k')} - (hash(i, 71) % 50)::INTEGER END,
            CASE WHEN hash(i, 72 + k) % 2 = 0 THEN ${day('2019-01-01', 2150, 'i', '60 + k')} + (hash(i, 73) % 40)::INTEGER END,
            CASE hash(i, 74) % 3 WHEN 0 THEN TRUE WHEN 1 THEN FALSE END
     FROM range(1, ${patients + 1}) t(i), range(0, 3) s(k)
     WHERE ${u('i', 8)} < 0.28 * 0.45 AND k <= hash(i, 75) % 3`,
    `INSERT INTO care_plan_reviews
     SELECT row_number() OVER (), id, agreed_on + (200 + hash(id, 80) % 300)::INTEGER FROM care_plans WHERE hash(id, 81) % 2 = 0`,
    `INSERT INTO care_plan_adjustments
     SELECT i, i, ${day('2019-01-01', 2150, 'i', 90)}, 'declined' FROM range(1, ${patients + 1}) t(i)
     WHERE ${u('i', 8)} < 0.28 AND hash(i, 91) % 100 < 6`,
    `INSERT INTO observations
     SELECT row_number() OVER (), i, ['PAM_LEVEL', 'HBA1C', 'PHQ9', 'SBP'][1 + (hash(i, 100 + k) % 4)::INTEGER],
            CASE hash(i, 100 + k) % 4 WHEN 0 THEN 1 + hash(i, 110 + k) % 4 WHEN 1 THEN 40 + hash(i, 110 + k) % 40
                 WHEN 2 THEN hash(i, 110 + k) % 27 ELSE 110 + hash(i, 110 + k) % 60 END,
            ${day('2019-01-01', 2150, 'i', '120 + k')}
     FROM range(1, ${patients + 1}) t(i), range(0, 4) s(k)
     WHERE ${u('i', 8)} < 0.28 AND k <= hash(i, 130) % 4`,
    `INSERT INTO admissions
     SELECT row_number() OVER (), i, ${day('2019-01-01', 2150, 'i', '140 + k')}, hash(i, 150 + k) % 10 < 7
     FROM range(1, ${patients + 1}) t(i), range(0, 2) s(k)
     WHERE ${u('i', 8)} < 0.28 AND hash(i, 160) % 100 < 15 AND k <= hash(i, 161) % 2`,
  ];
}
