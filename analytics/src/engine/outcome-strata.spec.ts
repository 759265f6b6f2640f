import { OUTCOME_STRATA_SERIES_SQL, OUTCOME_STRATA_SQL, PRACTICE_COVERAGE_SQL, PRACTICE_TRAINING_SQL } from '../sql/evaluation-queries.sql';
import { buildTestSnapshot, type TestSnapshot } from './testing/test-snapshot';
import { patient, TEST_ORGANISATIONS } from './testing/test-world';

// The snapshot's strata for standardised outcomes and its training table, month 2024-01
// (window 2023-02-01 to 2024-01-31). Sex codes F 0, M 1; age bands 0-17 0 … 40-64 2, 65-79 3, 80+ 4.
//   P1 A00001 F 63 DM, plan 2023-06-01, HbA1c 50 → controlled (band 2, 1 LTC, with plan)
//   P2 A00001 M 83 DM + HYP, HbA1c 70 → not controlled (band 4, 2 LTCs, without)
//   P3 A00003 F 63 DM, no HbA1c (band 2, 1 LTC, without)
//   P4 A00002 F 63 AST (band 2, 1 LTC, without)   P5 A00001 on no register
describe('outcome strata and training in the snapshot', () => {
  let snapshot: TestSnapshot;
  beforeAll(async () => {
    snapshot = await buildTestSnapshot(
      {
        organisations: TEST_ORGANISATIONS,
        patients: [patient(1), patient(2, { sex: 'M', birth_date: '1940-03-01' }), patient(3), patient(4), patient(5)],
        registrations: [
          { id: 1, patient_id: 1, practice_code: 'A00001', registered_on: '2000-01-01' },
          { id: 2, patient_id: 2, practice_code: 'A00001', registered_on: '2000-01-01' },
          { id: 3, patient_id: 3, practice_code: 'A00003', registered_on: '2000-01-01' },
          { id: 4, patient_id: 4, practice_code: 'A00002', registered_on: '2000-01-01' },
          { id: 5, patient_id: 5, practice_code: 'A00001', registered_on: '2000-01-01' },
        ],
        conditions: [
          { id: 1, patient_id: 1, condition: 'DM', diagnosed_on: '2010-01-01' },
          { id: 2, patient_id: 2, condition: 'DM', diagnosed_on: '2010-01-01' },
          { id: 3, patient_id: 2, condition: 'HYP', diagnosed_on: '2010-01-01' },
          { id: 4, patient_id: 3, condition: 'DM', diagnosed_on: '2010-01-01' },
          { id: 5, patient_id: 4, condition: 'AST', diagnosed_on: '2010-01-01' },
        ],
        care_plans: [{ id: 1, plan_id: 'p1', patient_id: 1, practice_code: 'A00001', agreed_on: '2023-06-01' }],
        observations: [
          { id: 1, patient_id: 1, code: 'HBA1C', value: 50, observed_on: '2023-12-01' },
          { id: 2, patient_id: 2, code: 'HBA1C', value: 70, observed_on: '2023-12-01' },
        ],
        training: [{ id: 1, practice_code: 'A00002', trained_on: '2023-03-15', programme: 'PCSP', staff_trained: 2 }],
      },
      { from: '2024-01', to: '2024-01', asOf: new Date('2024-02-01') },
    );
  }, 60_000);
  afterAll(() => snapshot.close());

  it('counts each stratum of the organisation by plan, with the standard area’s LTC population', async () => {
    const rows = await snapshot.reader.query(OUTCOME_STRATA_SQL, { month: '2024-01-01', org: 'U00001', standard: 'Q01' });
    const diabetes = rows.filter((r) => r.measure === 'diabetes_control').map((r) => [r.sex, r.age_band, r.ltc_count, r.plan, r.events, r.people, r.standard]);
    // Standard Q01: (F, 40-64, 1 LTC) P1, P3, P4 = 3; (M, 80+, 2 LTCs) P2 = 1; total 4.
    expect(diabetes).toEqual([
      [0, 2, 1, false, 0, 0, 3], // P4: on a register but not DM
      [0, 2, 1, true, 1, 1, 3], // P1
      [1, 4, 2, false, 0, 1, 1], // P2
    ]);
    expect(rows.every((r) => r.standard_total === 4)).toBe(true);
    // England as the organisation adds P3 (A00003) to the (F, 40-64, 1 LTC, without) stratum.
    const england = await snapshot.reader.query(OUTCOME_STRATA_SQL, { month: '2024-01-01', org: 'ENG', standard: 'ENG' });
    expect(england.find((r) => r.measure === 'diabetes_control' && r.sex === 0 && r.plan === false)).toMatchObject({ events: 0, people: 1 });
  });

  it('gives the same strata month by month over a range, each month with its own standard total', async () => {
    const one = await snapshot.reader.query(OUTCOME_STRATA_SQL, { month: '2024-01-01', org: 'U00001', standard: 'Q01' });
    const series = await snapshot.reader.query(OUTCOME_STRATA_SERIES_SQL, { from: '2023-01-01', to: '2024-12-01', org: 'U00001', standard: 'Q01' });
    // The snapshot holds 2024-01 only: the range finds that month and nothing else.
    expect(series).toEqual(one);
    expect(new Set(series.map((r) => r.month))).toEqual(new Set(['2024-01']));
    await expect(snapshot.reader.query(OUTCOME_STRATA_SERIES_SQL, { from: '2024-02-01', to: '2024-12-01', org: 'U00001', standard: 'Q01' })).resolves.toEqual([]);
  });

  it('keeps training.csv and reads coverage and training by area', async () => {
    await expect(snapshot.reader.query(PRACTICE_TRAINING_SQL, { area: 'U00001' })).resolves.toEqual([
      { practice_code: 'A00002', name: 'Second practice', trained_on: '2023-03-15', programme: 'PCSP', staff_trained: 2 },
    ]);
    await expect(snapshot.reader.query(PRACTICE_TRAINING_SQL, { area: 'U00002' })).resolves.toEqual([]);
    // Plan coverage at A00001: P1 with a plan of P1, P2 → 1/2; month index 2024 × 12 + 0.
    const coverage = await snapshot.reader.query(PRACTICE_COVERAGE_SQL, { area: 'A00001' });
    expect(coverage).toEqual([{ practice: 'A00001', month_index: 2024 * 12, numerator: 1, denominator: 2 }]);
  });
});
