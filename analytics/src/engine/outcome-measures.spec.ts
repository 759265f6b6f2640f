import { buildTestSnapshot, type TestSnapshot } from './testing/test-snapshot';
import { patient, TEST_ORGANISATIONS } from './testing/test-world';

// Spec tests for measures.md "Outcomes": latest observation in the window of m, admissions in the
// window, and the with/without-plan split. Months 2024-01 to 2024-03, everyone at A00001.
// Windows: Jan 2023-02-01..2024-01-31 | Feb 2023-03-01..2024-02-29 | Mar 2023-04-01..2024-03-31.

describe('outcome measures', () => {
  let snapshot: TestSnapshot;
  beforeAll(async () => {
    snapshot = await buildTestSnapshot(
      {
        organisations: TEST_ORGANISATIONS,
        patients: [patient(1), patient(2), patient(3), patient(4), patient(5)],
        registrations: [1, 2, 3, 4, 5].map((p) => ({ id: p, patient_id: p, practice_code: 'A00001', registered_on: '2000-01-01' })),
        conditions: [
          { id: 1, patient_id: 1, condition: 'DM', diagnosed_on: '2010-01-01' },
          { id: 2, patient_id: 2, condition: 'DM', diagnosed_on: '2010-01-01' },
          { id: 3, patient_id: 3, condition: 'DEP', diagnosed_on: '2010-01-01' },
          { id: 4, patient_id: 4, condition: 'AST', diagnosed_on: '2010-01-01' },
          // P5 is on no register.
        ],
        care_plans: [{ id: 1, plan_id: 'p2', patient_id: 2, practice_code: 'A00001', agreed_on: '2023-06-01' }],
        observations: [
          // id | patient | code | value | observed_on
          { id: 1, patient_id: 1, code: 'HBA1C', value: 50, observed_on: '2023-01-31' }, // before every window
          { id: 2, patient_id: 1, code: 'HBA1C', value: 70, observed_on: '2023-02-01' }, // first day of Jan's window only
          { id: 3, patient_id: 1, code: 'HBA1C', value: 60, observed_on: '2024-02-15' },
          { id: 4, patient_id: 1, code: 'HBA1C', value: 55, observed_on: '2024-02-15' }, // same day, larger id: the latest
          { id: 5, patient_id: 2, code: 'HBA1C', value: 58, observed_on: '2024-01-31' }, // 58 is controlled
          { id: 6, patient_id: 3, code: 'PHQ9', value: 12, observed_on: '2023-03-31' }, // in Jan and Feb windows
          { id: 7, patient_id: 3, code: 'PHQ9', value: 8, observed_on: '2024-03-01' },
          { id: 8, patient_id: 4, code: 'PAM_LEVEL', value: 3, observed_on: '2023-06-01' },
          { id: 9, patient_id: 4, code: 'PAM_LEVEL', value: 2, observed_on: '2024-02-10' },
          { id: 10, patient_id: 4, code: 'SBP', value: 150, observed_on: '2024-01-10' }, // no measure uses SBP
        ],
        admissions: [
          { id: 1, patient_id: 4, admitted_on: '2023-01-31', emergency: true }, // before every window
          { id: 2, patient_id: 4, admitted_on: '2023-02-01', emergency: true }, // Jan only
          { id: 3, patient_id: 4, admitted_on: '2024-02-29', emergency: true }, // Feb, Mar
          { id: 4, patient_id: 4, admitted_on: '2024-03-05', emergency: false }, // elective: never counted
          { id: 5, patient_id: 4, admitted_on: '2024-03-31', emergency: true }, // Mar (its last day)
          { id: 6, patient_id: 5, admitted_on: '2024-01-10', emergency: true }, // P5 not on the register
        ],
      },
      { from: '2024-01', to: '2024-03', asOf: new Date('2024-04-01') },
    );
  }, 60_000);
  afterAll(() => snapshot.close());

  it('diabetes_control: latest HbA1c in the window ≤ 58, denominator the whole DM register', async () => {
    // P1: Jan latest 70 (no) | Feb, Mar latest id 4 = 55 (yes). P2: 58 from Jan (yes).
    await expect(snapshot.series('diabetes_control', 'A00001')).resolves.toEqual({
      '2024-01': [1, 2], '2024-02': [2, 2], '2024-03': [2, 2],
    });
    // With a plan: P2 (agreed 2023-06-01, current Jan-Mar); without: P1.
    await expect(snapshot.series('diabetes_control', 'A00001', 'plan=with')).resolves.toEqual({
      '2024-01': [1, 1], '2024-02': [1, 1], '2024-03': [1, 1],
    });
    await expect(snapshot.series('diabetes_control', 'A00001', 'plan=without')).resolves.toEqual({
      '2024-01': [0, 1], '2024-02': [1, 1], '2024-03': [1, 1],
    });
  });

  it('depression_remission: latest PHQ-9 in the window < 10, among those with one', async () => {
    // P3: Jan, Feb latest 12 (no) | Mar: 12 is out of the window, latest 8 (yes).
    await expect(snapshot.series('depression_remission', 'A00001')).resolves.toEqual({
      '2024-01': [0, 1], '2024-02': [0, 1], '2024-03': [1, 1],
    });
  });

  it('activation: latest PAM level 3 or 4, among those on the register with one', async () => {
    // P4: Jan latest 3 (yes) | Feb, Mar latest 2 (no).
    await expect(snapshot.series('activation', 'A00001')).resolves.toEqual({
      '2024-01': [1, 1], '2024-02': [0, 1], '2024-03': [0, 1],
    });
  });

  it('emergency_admissions: emergency admissions in the window per 1,000 on the register', async () => {
    // On the register: P1-P4 = 4. P4's emergency admissions: Jan id 2 | Feb id 3 | Mar ids 3, 5. P5 is not counted.
    await expect(snapshot.series('emergency_admissions', 'A00001')).resolves.toEqual({
      '2024-01': [1, 4], '2024-02': [1, 4], '2024-03': [2, 4],
    });
    const [march] = (await snapshot.cellsOf('emergency_admissions', 'practice', '2024-03')).filter((c) => c.breakdown === '');
    expect(march.rate).toBe(500); // 2 / 4 × 1,000
    // Wilson of p = 2/4 × 1,000 (measures.md "Statistics"): z² = 3.841458881296; √(z² + 4·2·0.5) = √7.841458881296
    // = 2.80026050239902, × 1.959964 = 5.48840977532399; (4 + z² ∓ it) / (2·7.841458881296 = 15.682917762592)
    // = 0.150038987744020 to 0.849961012255980 → 150.038987744020 to 849.961012255980 per 1,000.
    expect(march.ci_low as number).toBeCloseTo(150.03898774402, 10);
    expect(march.ci_high as number).toBeCloseTo(849.96101225598, 10);
    // P4 has no plan.
    await expect(snapshot.series('emergency_admissions', 'A00001', 'plan=without')).resolves.toEqual({
      '2024-01': [1, 3], '2024-02': [1, 3], '2024-03': [2, 3],
    });
    await expect(snapshot.series('emergency_admissions', 'A00001', 'plan=with')).resolves.toEqual({
      '2024-01': [0, 1], '2024-02': [0, 1], '2024-03': [0, 1],
    });
  });
});

describe('outcome thresholds (2024-03, P1 at A00001 and P2 at A00002)', () => {
  let snapshot: TestSnapshot;
  beforeAll(async () => {
    snapshot = await buildTestSnapshot(
      {
        organisations: TEST_ORGANISATIONS,
        patients: [patient(1), patient(2)],
        registrations: [
          { id: 1, patient_id: 1, practice_code: 'A00001', registered_on: '2000-01-01' },
          { id: 2, patient_id: 2, practice_code: 'A00002', registered_on: '2000-01-01' },
        ],
        conditions: [
          { id: 1, patient_id: 1, condition: 'DEP', diagnosed_on: '2010-01-01' },
          { id: 2, patient_id: 2, condition: 'DEP', diagnosed_on: '2010-01-01' },
        ],
        observations: [
          // All in the window of March (2023-04-01..2024-03-31), one of each code a patient: each is the latest.
          { id: 1, patient_id: 1, code: 'PHQ9', value: 10, observed_on: '2024-03-01' },
          { id: 2, patient_id: 2, code: 'PHQ9', value: 9, observed_on: '2024-03-01' },
          { id: 3, patient_id: 1, code: 'PAM_LEVEL', value: 4, observed_on: '2024-03-01' },
          { id: 4, patient_id: 2, code: 'PAM_LEVEL', value: 2, observed_on: '2024-03-01' },
        ],
      },
      { from: '2024-03', to: '2024-03', asOf: new Date('2024-04-15') },
    );
  }, 60_000);
  afterAll(() => snapshot.close());

  it('depression_remission: a PHQ-9 of 10 is not in remission, 9 is (< 10)', async () => {
    await expect(snapshot.series('depression_remission', 'A00001')).resolves.toEqual({ '2024-03': [0, 1] });
    await expect(snapshot.series('depression_remission', 'A00002')).resolves.toEqual({ '2024-03': [1, 1] });
  });

  it('activation: PAM level 4 is activated, level 2 is not (3 or 4)', async () => {
    await expect(snapshot.series('activation', 'A00001')).resolves.toEqual({ '2024-03': [1, 1] });
    await expect(snapshot.series('activation', 'A00002')).resolves.toEqual({ '2024-03': [0, 1] });
  });
});
