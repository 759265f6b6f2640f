import { buildTestSnapshot, type TestSnapshot } from './testing/test-snapshot';
import { patient, TEST_ORGANISATIONS } from './testing/test-world';

// Spec tests for measures.md "Building blocks" and "Uptake": each population is an input table,
// each expectation the [numerator, denominator] by month worked out by hand in the comments.

describe('registered at M (ltc_prevalence, months 2024-01 to 2024-06)', () => {
  let snapshot: TestSnapshot;
  beforeAll(async () => {
    snapshot = await buildTestSnapshot(
      {
        organisations: TEST_ORGANISATIONS,
        patients: [
          patient(1), patient(2), patient(3, { died_on: '2024-04-30' }), patient(4, { died_on: '2024-05-01' }),
          patient(5), patient(6), patient(7), patient(8),
        ],
        registrations: [
          // id | patient | practice | registered_on | deregistered_on
          { id: 11, patient_id: 1, practice_code: 'A00001', registered_on: '2024-01-31' }, // last day of Jan: counts in Jan
          { id: 21, patient_id: 2, practice_code: 'A00001', registered_on: '2023-01-01', deregistered_on: '2024-03-31' }, // gone in Mar
          { id: 31, patient_id: 3, practice_code: 'A00001', registered_on: '2023-01-01' }, // died 2024-04-30: not in Apr
          { id: 41, patient_id: 4, practice_code: 'A00001', registered_on: '2023-01-01' }, // died 2024-05-01: in Apr, not May
          { id: 51, patient_id: 5, practice_code: 'A00001', registered_on: '2023-01-01', deregistered_on: '2024-03-10' },
          { id: 52, patient_id: 5, practice_code: 'A00002', registered_on: '2024-03-10' }, // moves: A00002 from Mar
          { id: 61, patient_id: 6, practice_code: 'A00001', registered_on: '2020-01-01' },
          { id: 62, patient_id: 6, practice_code: 'A00002', registered_on: '2024-02-15', deregistered_on: '2024-04-20' }, // overlaps: A00002 Feb-Mar, A00001 resumes in Apr
          { id: 71, patient_id: 7, practice_code: 'A00001', registered_on: '2024-02-01' },
          { id: 72, patient_id: 7, practice_code: 'A00003', registered_on: '2024-02-01' }, // same start: larger id holds
          { id: 81, patient_id: 8, practice_code: 'A00003', registered_on: '2024-06-30' },
        ],
        conditions: [
          { id: 1, patient_id: 1, condition: 'HYP', diagnosed_on: '2024-02-29' }, // leap day, last day of Feb: from Feb
          { id: 2, patient_id: 4, condition: 'DM', diagnosed_on: '2020-01-01', resolved_on: '2024-03-31' }, // resolved at M of Mar
          { id: 3, patient_id: 6, condition: 'AST', diagnosed_on: '2019-01-01' },
        ],
      },
      { from: '2024-01', to: '2024-06', asOf: new Date('2024-07-15') },
    );
  }, 60_000);
  afterAll(() => snapshot.close());

  it('counts each patient at the practice that holds them at M', async () => {
    // A00001 registered: Jan P1 P2 P3 P4 P5 P6 = 6 | Feb P1 P2 P3 P4 P5 = 5 (P6 at A00002) | Mar P1 P3 P4 = 3
    //   | Apr P1 P4 P6 = 3 | May P1 P6 = 2 | Jun 2.  On the register: Jan P4 P6 | Feb P1 P4 | Mar P1 | Apr-Jun P1 P6.
    await expect(snapshot.series('ltc_prevalence', 'A00001')).resolves.toEqual({
      '2024-01': [2, 6], '2024-02': [2, 5], '2024-03': [1, 3], '2024-04': [2, 3], '2024-05': [2, 2], '2024-06': [2, 2],
    });
    // A00002: Feb P6 | Mar P5 P6 | Apr-Jun P5 (no condition).
    await expect(snapshot.series('ltc_prevalence', 'A00002')).resolves.toEqual({
      '2024-02': [1, 1], '2024-03': [1, 2], '2024-04': [0, 1], '2024-05': [0, 1], '2024-06': [0, 1],
    });
    // A00003: P7 from Feb (id 72 beats id 71), P8 from Jun.
    await expect(snapshot.series('ltc_prevalence', 'A00003')).resolves.toEqual({
      '2024-02': [0, 1], '2024-03': [0, 1], '2024-04': [0, 1], '2024-05': [0, 1], '2024-06': [0, 2],
    });
  });

  it('rolls up to PCN, sub-ICB, ICB, region and England as sums of the practices', async () => {
    // U00001 = A00001 + A00002.
    await expect(snapshot.series('ltc_prevalence', 'U00001', '', 'pcn')).resolves.toEqual({
      '2024-01': [2, 6], '2024-02': [3, 6], '2024-03': [2, 5], '2024-04': [2, 4], '2024-05': [2, 3], '2024-06': [2, 3],
    });
    // Every practice: U00001 + A00003.
    const all = {
      '2024-01': [2, 6], '2024-02': [3, 7], '2024-03': [2, 6], '2024-04': [2, 5], '2024-05': [2, 4], '2024-06': [2, 5],
    };
    await expect(snapshot.series('ltc_prevalence', '00A', '', 'sub_icb')).resolves.toEqual(all);
    await expect(snapshot.series('ltc_prevalence', 'Q01', '', 'icb')).resolves.toEqual(all);
    await expect(snapshot.series('ltc_prevalence', 'Y01', '', 'region')).resolves.toEqual(all);
    await expect(snapshot.series('ltc_prevalence', 'ENG', '', 'england')).resolves.toEqual(all);
  });

  it('gives the rate in percent with the 95% Wilson interval', async () => {
    // England Jun 2/5: rate 40%; Wilson z=1.959964, z²=3.841459: centre (4+3.841459)/(2·8.841459) = 0.443449,
    // half-width 1.959964·√(3.841459+4·2·0.6)/17.682918 = 0.325828 → 11.7621% to 76.9277%.
    const [cell] = (await snapshot.cellsOf('ltc_prevalence', 'england', '2024-06')).filter((c) => c.breakdown === '');
    expect(cell.rate).toBe(40);
    expect(cell.ci_low as number).toBeCloseTo(11.7621, 3);
    expect(cell.ci_high as number).toBeCloseTo(76.9277, 3);
  });
});

describe('LTC count, plans and adjustments (months 2024-01 to 2024-04, all at A00001)', () => {
  let snapshot: TestSnapshot;
  beforeAll(async () => {
    snapshot = await buildTestSnapshot(
      {
        organisations: TEST_ORGANISATIONS,
        patients: [
          patient(1, { imd_quintile: null }), patient(2, { sex: 'M' }), patient(3), patient(4, { sex: 'M' }),
          patient(5, { sex: 'I' }), patient(6),
        ],
        registrations: [1, 2, 3, 4, 5, 6].map((p) => ({ id: p, patient_id: p, practice_code: 'A00001', registered_on: '2000-01-01' })),
        conditions: [
          { id: 1, patient_id: 1, condition: 'DM', diagnosed_on: '2010-01-01' },
          { id: 2, patient_id: 1, condition: 'DM', diagnosed_on: '2015-01-01' }, // same register twice: LTC count 1
          { id: 3, patient_id: 2, condition: 'HYP', diagnosed_on: '2010-01-01' },
          { id: 4, patient_id: 2, condition: 'CHD', diagnosed_on: '2010-01-01' },
          { id: 5, patient_id: 3, condition: 'AST', diagnosed_on: '2010-01-01' },
          { id: 6, patient_id: 4, condition: 'COPD', diagnosed_on: '2010-01-01' },
          { id: 7, patient_id: 4, condition: 'DM', diagnosed_on: '2010-01-01' },
          { id: 8, patient_id: 4, condition: 'HF', diagnosed_on: '2010-01-01' },
          { id: 9, patient_id: 4, condition: 'CKD', diagnosed_on: '2010-01-01' },
          { id: 10, patient_id: 6, condition: 'DEP', diagnosed_on: '2024-03-01' },
        ],
        care_plans: [
          // P1: window of Jan is 2023-02-01..2024-01-31 (first day): current Jan only.
          { id: 1, plan_id: 'a', patient_id: 1, practice_code: 'A00001', agreed_on: '2023-02-01' },
          // P2: agreed on M of Feb (last day): current from Feb.
          { id: 2, plan_id: 'b', patient_id: 2, practice_code: 'A00001', agreed_on: '2024-02-29' },
          { id: 3, plan_id: 'c', patient_id: 4, practice_code: 'A00002', agreed_on: '2024-03-10' }, // agreed at another practice
          { id: 4, plan_id: 'd', patient_id: 5, practice_code: 'A00001', agreed_on: '2024-01-05' }, // P5 has no LTC
        ],
        care_plan_adjustments: [
          { id: 1, patient_id: 3, recorded_on: '2023-03-01', reason: 'declined' }, // PCA Jan, Feb (out of the window from Mar)
          { id: 2, patient_id: 4, recorded_on: '2024-01-15', reason: 'no_response' }, // PCA all months, plan from Mar
        ],
      },
      { from: '2024-01', to: '2024-04', asOf: new Date('2024-05-02') },
    );
  }, 60_000);
  afterAll(() => snapshot.close());

  it('ltc_prevalence and multimorbidity count distinct registers', async () => {
    // Register: Jan-Feb P1 P2 P3 P4 = 4, Mar-Apr + P6 = 5; LTC count ≥ 2: P2 (2), P4 (4).
    await expect(snapshot.series('ltc_prevalence', 'A00001')).resolves.toEqual({
      '2024-01': [4, 6], '2024-02': [4, 6], '2024-03': [5, 6], '2024-04': [5, 6],
    });
    await expect(snapshot.series('multimorbidity', 'A00001')).resolves.toEqual({
      '2024-01': [2, 4], '2024-02': [2, 4], '2024-03': [2, 5], '2024-04': [2, 5],
    });
  });

  it('plan_coverage leaves out a PCA without a plan, keeps a PCA with a plan', async () => {
    // Jan: plan P1; excepted P3, P4 → [1, 2] | Feb: plan P2 (P1 out of window); excepted P3, P4 → [1, 2]
    // Mar-Apr: plans P2, P4 (P4's PCA no longer excepts); P3's PCA out of the window → [2, 5].
    await expect(snapshot.series('plan_coverage', 'A00001')).resolves.toEqual({
      '2024-01': [1, 2], '2024-02': [1, 2], '2024-03': [2, 5], '2024-04': [2, 5],
    });
    // LTC count ≥ 2 only (P2, P4): Jan P2 no plan, P4 excepted → [0, 1] | Feb [1, 1] | Mar-Apr [2, 2].
    await expect(snapshot.series('plan_coverage_multimorbid', 'A00001')).resolves.toEqual({
      '2024-01': [0, 1], '2024-02': [1, 1], '2024-03': [2, 2], '2024-04': [2, 2],
    });
    // PCA and no plan: P3, P4 in Jan-Feb; none after.
    await expect(snapshot.series('pca_rate', 'A00001')).resolves.toEqual({
      '2024-01': [2, 4], '2024-02': [2, 4], '2024-03': [0, 5], '2024-04': [0, 5],
    });
  });

  it('splits by LTC count, register, sex and IMD quintile', async () => {
    const march = async (breakdown: string, measure = 'plan_coverage') =>
      (await snapshot.series(measure, 'A00001', breakdown))['2024-03'];
    // March plan_coverage: P1 (DM, no plan), P2 (HYP+CHD, plan), P3 (AST), P4 (4 registers, plan), P6 (DEP).
    await expect(march('ltc_count=1')).resolves.toEqual([0, 3]);
    await expect(march('ltc_count=2')).resolves.toEqual([1, 1]);
    await expect(march('ltc_count=4+')).resolves.toEqual([1, 1]);
    await expect(march('ltc_count=3')).resolves.toBeUndefined();
    await expect(march('register=DM')).resolves.toEqual([1, 2]);
    await expect(march('register=CHD')).resolves.toEqual([1, 1]);
    await expect(march('sex=F')).resolves.toEqual([0, 3]);
    await expect(march('sex=M')).resolves.toEqual([2, 2]);
    await expect(march('imd_quintile=unknown')).resolves.toEqual([0, 1]);
    await expect(march('imd_quintile=3')).resolves.toEqual([2, 4]);
    // ltc_prevalence's denominator includes P5, on no register: in the whole practice and under sex=I (P5 alone), but
    // under no LTC count (the spec's are 1, 2, 3 and 4+), whose cells hold only people on a register.
    await expect(march('', 'ltc_prevalence')).resolves.toEqual([5, 6]);
    await expect(march('ltc_count=0', 'ltc_prevalence')).resolves.toBeUndefined();
    await expect(march('ltc_count=1', 'ltc_prevalence')).resolves.toEqual([3, 3]);
    await expect(march('sex=I', 'ltc_prevalence')).resolves.toEqual([0, 1]);
    // No with/without-plan split for uptake measures.
    await expect(march('plan=with')).resolves.toBeUndefined();
  });
});

describe('age band at M (ltc_prevalence denominators, months 2022-01 to 2022-04)', () => {
  let snapshot: TestSnapshot;
  beforeAll(async () => {
    snapshot = await buildTestSnapshot(
      {
        organisations: TEST_ORGANISATIONS,
        patients: [
          patient(1, { birth_date: '2004-02-29' }), // 18 on 2022-03-01 (2022 is not a leap year)
          patient(2, { birth_date: '1957-02-28' }), // 65 on 2022-02-28
          patient(3, { birth_date: '1942-03-31' }), // 80 on 2022-03-31, the last day of March
          patient(4, { birth_date: '1944-02-29' }), // 80 on 2024-02-29: outside these months, 77 throughout
        ],
        registrations: [1, 2, 3, 4].map((p) => ({ id: p, patient_id: p, practice_code: 'A00001', registered_on: '2000-01-01' })),
        care_plans: [{ id: 1, plan_id: 'x', patient_id: 1, practice_code: 'A00001', agreed_on: '2021-11-20' }],
      },
      { to: '2022-04', asOf: new Date('2022-05-01') },
    );
  }, 60_000);
  afterAll(() => snapshot.close());

  it('starts at the month of the first activity record', async () => {
    const months = Object.keys(await snapshot.series('ltc_prevalence', 'A00001'));
    expect(months).toEqual(['2021-11', '2021-12', '2022-01', '2022-02', '2022-03', '2022-04']);
  });

  it('moves a 29 February birthday to 1 March in a non-leap year', async () => {
    const band = (b: string) => snapshot.series('ltc_prevalence', 'A00001', `age_band=${b}`);
    // P1 is 17 at 2022-02-28 and 18 at 2022-03-31.
    await expect(band('0-17')).resolves.toEqual({ '2021-11': [0, 1], '2021-12': [0, 1], '2022-01': [0, 1], '2022-02': [0, 1] });
    await expect(band('18-39')).resolves.toEqual({ '2022-03': [0, 1], '2022-04': [0, 1] });
    // P2 64 until Jan, 65 from Feb; P3 79 until Feb, 80 from Mar; P4 77 throughout.
    await expect(band('40-64')).resolves.toEqual({ '2021-11': [0, 1], '2021-12': [0, 1], '2022-01': [0, 1] });
    await expect(band('65-79')).resolves.toEqual({
      '2021-11': [0, 2], '2021-12': [0, 2], '2022-01': [0, 2], '2022-02': [0, 3], '2022-03': [0, 2], '2022-04': [0, 2],
    });
    await expect(band('80+')).resolves.toEqual({ '2022-03': [0, 1], '2022-04': [0, 1] });
  });
});

describe('turning 40 (ltc_prevalence denominators by age band, months 2023-12 to 2024-03)', () => {
  let snapshot: TestSnapshot;
  beforeAll(async () => {
    snapshot = await buildTestSnapshot(
      {
        organisations: TEST_ORGANISATIONS,
        patients: [
          patient(1, { birth_date: '1984-01-15' }), // 40 on 2024-01-15, mid-January
          patient(2, { birth_date: '1984-02-29' }), // 40 on 2024-02-29, a leap day and M of February 2024
          patient(3, { birth_date: '1984-03-31' }), // 40 on 2024-03-31, M of March
          patient(4, { birth_date: '1984-04-01' }), // 40 on 2024-04-01, the day after M of March: 39 throughout
        ],
        registrations: [1, 2, 3, 4].map((p) => ({ id: p, patient_id: p, practice_code: 'A00001', registered_on: '2000-01-01' })),
      },
      { from: '2023-12', to: '2024-03', asOf: new Date('2024-04-15') },
    );
  }, 60_000);
  afterAll(() => snapshot.close());

  it('moves a patient from 18-39 to 40-64 in the month whose M is on or after their 40th birthday', async () => {
    const band = (b: string) => snapshot.series('ltc_prevalence', 'A00001', `age_band=${b}`);
    // Age at M: Dec (2023-12-31) all 39 | Jan (2024-01-31) P1 40 | Feb (2024-02-29) P1, P2 40 | Mar (2024-03-31) P1-P3 40.
    await expect(band('18-39')).resolves.toEqual({ '2023-12': [0, 4], '2024-01': [0, 3], '2024-02': [0, 2], '2024-03': [0, 1] });
    await expect(band('40-64')).resolves.toEqual({ '2024-01': [0, 1], '2024-02': [0, 2], '2024-03': [0, 3] });
  });
});

describe('a practice outside any PCN (months 2024-01 to 2024-02)', () => {
  let snapshot: TestSnapshot;
  beforeAll(async () => {
    snapshot = await buildTestSnapshot(
      {
        // A00009 hangs straight off the sub-ICB 00A, and A00010 off a second sub-ICB, 00B: every level is summed
        // from the one below, so each must reach its own sub-ICB and above through the practices without a PCN.
        organisations: [
          ...TEST_ORGANISATIONS,
          { code: 'A00009', name: 'Ninth practice', level: 'practice', parent_code: '00A' },
          { code: '00B', name: 'Second sub-ICB', level: 'sub_icb', parent_code: 'Q01' },
          { code: 'A00010', name: 'Tenth practice', level: 'practice', parent_code: '00B' },
        ],
        patients: [patient(1), patient(2), patient(3), patient(4)],
        registrations: [
          { id: 1, patient_id: 1, practice_code: 'A00001', registered_on: '2020-01-01' },
          { id: 2, patient_id: 2, practice_code: 'A00009', registered_on: '2020-01-01' },
          { id: 3, patient_id: 3, practice_code: 'A00009', registered_on: '2020-01-01' },
          { id: 4, patient_id: 4, practice_code: 'A00010', registered_on: '2020-01-01' },
        ],
        conditions: [
          { id: 1, patient_id: 1, condition: 'HYP', diagnosed_on: '2020-01-01' },
          { id: 2, patient_id: 2, condition: 'DM', diagnosed_on: '2020-01-01' },
          { id: 3, patient_id: 4, condition: 'AF', diagnosed_on: '2020-01-01' },
        ],
        care_plans: [
          { id: 1, plan_id: 'p2', patient_id: 2, practice_code: 'A00009', agreed_on: '2024-01-10', shared_on: '2024-01-15' },
        ],
      },
      { from: '2024-01', to: '2024-02', asOf: new Date('2024-03-15') },
    );
  }, 60_000);
  afterAll(() => snapshot.close());

  it('counts it at its sub-ICB and above, and in no PCN', async () => {
    // ltc_prevalence: A00001 P1 on a register 1/1; A00009 P2 on a register, P3 not: 1/2; 00A: 2/3; A00010 and 00B P4
    // on a register: 1/1; Q01 and up: 3/4.
    const both = { '2024-01': [1, 1], '2024-02': [1, 1] };
    await expect(snapshot.series('ltc_prevalence', 'A00009')).resolves.toEqual({ '2024-01': [1, 2], '2024-02': [1, 2] });
    await expect(snapshot.series('ltc_prevalence', 'U00001', '', 'pcn')).resolves.toEqual(both);
    await expect(snapshot.series('ltc_prevalence', 'U00002', '', 'pcn')).resolves.toEqual({});
    await expect(snapshot.series('ltc_prevalence', '00A', '', 'sub_icb')).resolves.toEqual({ '2024-01': [2, 3], '2024-02': [2, 3] });
    await expect(snapshot.series('ltc_prevalence', '00B', '', 'sub_icb')).resolves.toEqual(both);
    const all = { '2024-01': [3, 4], '2024-02': [3, 4] };
    for (const [org, level] of [['Q01', 'icb'], ['Y01', 'region'], ['ENG', 'england']]) {
      await expect(snapshot.series('ltc_prevalence', org, '', level)).resolves.toEqual(all);
    }
    // A plan-level measure takes the same way: P2's plan, shared 5 days after it was agreed, at A00009 only.
    await expect(snapshot.series('plan_shared', 'A00009')).resolves.toEqual(both);
    await expect(snapshot.series('plan_shared', 'U00001', '', 'pcn')).resolves.toEqual({});
    for (const [org, level] of [['00A', 'sub_icb'], ['ENG', 'england']]) {
      await expect(snapshot.series('plan_shared', org, '', level)).resolves.toEqual(both);
    }
  });
});

describe('overdue_reviews is 0, not missing, where people are registered and none is overdue (months 2024-01 to 2024-06)', () => {
  let snapshot: TestSnapshot;
  beforeAll(async () => {
    snapshot = await buildTestSnapshot(
      {
        organisations: TEST_ORGANISATIONS,
        patients: [patient(1), patient(2), patient(3)],
        registrations: [
          { id: 11, patient_id: 1, practice_code: 'A00001', registered_on: '2023-01-01' },
          { id: 21, patient_id: 2, practice_code: 'A00002', registered_on: '2023-01-01' }, // on no register, no plan
          { id: 31, patient_id: 3, practice_code: 'A00003', registered_on: '2024-03-15' }, // A00003's first patient, from Mar
        ],
        conditions: [{ id: 1, patient_id: 1, condition: 'HYP', diagnosed_on: '2020-01-01' }],
        care_plans: [{ id: 1, plan_id: 'p1', patient_id: 1, practice_code: 'A00001', agreed_on: '2023-01-10', review_due_on: '2024-02-10' }],
        care_plan_reviews: [{ id: 1, care_plan_id: 1, reviewed_on: '2024-04-05' }],
      },
      { from: '2024-01', to: '2024-06', asOf: new Date('2024-07-15') },
    );
  }, 60_000);
  afterAll(() => snapshot.close());

  it('gives each practice a count in every month it has anyone registered', async () => {
    // P1 due 2024-02-10 < M of Feb, reviewed 2024-04-05 ≤ M of Apr: overdue in Feb and Mar only; 0 in Jan and Apr-Jun.
    await expect(snapshot.series('overdue_reviews', 'A00001')).resolves.toEqual({
      '2024-01': [0, null], '2024-02': [1, null], '2024-03': [1, null], '2024-04': [0, null], '2024-05': [0, null], '2024-06': [0, null],
    });
    // A00002: P2 registered all six months, nobody overdue.
    const none = { '2024-01': [0, null], '2024-02': [0, null], '2024-03': [0, null], '2024-04': [0, null], '2024-05': [0, null], '2024-06': [0, null] };
    await expect(snapshot.series('overdue_reviews', 'A00002')).resolves.toEqual(none);
    // A00003: nobody registered in Jan and Feb (no figure), P3 from Mar.
    await expect(snapshot.series('overdue_reviews', 'A00003')).resolves.toEqual({
      '2024-03': [0, null], '2024-04': [0, null], '2024-05': [0, null], '2024-06': [0, null],
    });
    // The second PCN (A00003 alone) and England (the sum of the practices) likewise.
    await expect(snapshot.series('overdue_reviews', 'U00002', '', 'pcn')).resolves.toEqual({
      '2024-03': [0, null], '2024-04': [0, null], '2024-05': [0, null], '2024-06': [0, null],
    });
    await expect(snapshot.series('overdue_reviews', 'ENG', '', 'england')).resolves.toEqual({
      '2024-01': [0, null], '2024-02': [1, null], '2024-03': [1, null], '2024-04': [0, null], '2024-05': [0, null], '2024-06': [0, null],
    });
  });
});
