import type { RecordRow } from '../sql/record-rows.sql';
import { buildTestSnapshot, type TestSnapshot } from './testing/test-snapshot';
import { patient, TEST_ORGANISATIONS } from './testing/test-world';

// measures.md "Statistics" for the rate per 1,000 (emergency_admissions): funnel limits around the ICB rate with the
// benchmark taken as a Poisson rate per person, λ0 ± z·√(λ0/n) floored at 0, × 1,000 (the methodology page's Poisson
// wording in place of the spec's binomial p0(1−p0)), and the 99.8% flag.
// A00001 and A00002 (PCN U00001, ICB Q01) each have 20 people on the HYP register all along, so n = 20 for both.
// Windows: Jan 2023-02-01..2024-01-31 | Feb 2023-03-01..2024-02-29 | Mar 2023-04-01..2024-03-31.
// Emergency admissions:
// - A00001: P1, P2 on 2023-02-01 (the first day of Jan's window only)            → Jan 2, Feb 0, Mar 0;
// - A00002: P21..P38 on 2023-06-15 (every window), P21..P40 and again P21, P22 on
//   2024-03-10 (Mar only, 22 more)                                                → Jan 18, Feb 18, Mar 40.

const registered = (id: number, practice: string): RecordRow => ({ id, patient_id: id, practice_code: practice, registered_on: '2020-01-01' });
const ids = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const everyone = ids(1, 40);
const admissionDates: [number, string][] = [
  ...ids(1, 2).map((p): [number, string] => [p, '2023-02-01']),
  ...ids(21, 38).map((p): [number, string] => [p, '2023-06-15']),
  ...[...ids(21, 40), 21, 22].map((p): [number, string] => [p, '2024-03-10']),
];

describe('funnel limits of a rate per 1,000 (emergency_admissions against the ICB, 2024-01 to 2024-03)', () => {
  let snapshot: TestSnapshot;
  beforeAll(async () => {
    snapshot = await buildTestSnapshot(
      {
        organisations: TEST_ORGANISATIONS,
        patients: everyone.map((p) => patient(p)),
        registrations: everyone.map((p) => registered(p, p <= 20 ? 'A00001' : 'A00002')),
        conditions: everyone.map((p) => ({ id: p, patient_id: p, condition: 'HYP', diagnosed_on: '2020-01-01' })),
        admissions: admissionDates.map(([p, on], i) => ({ id: i + 1, patient_id: p, admitted_on: on, emergency: true })),
      },
      { from: '2024-01', to: '2024-03', asOf: new Date('2024-04-15') },
    );
  }, 60_000);
  afterAll(() => snapshot.close());

  const practices = async (month: string) =>
    (await snapshot.funnels('emergency_admissions', month, 'icb')).filter((f) => f.level === 'practice');

  it('counts the admissions of each practice and the ICB as worked out above', async () => {
    await expect(snapshot.series('emergency_admissions', 'A00001')).resolves.toEqual({
      '2024-01': [2, 20], '2024-02': [0, 20], '2024-03': [0, 20],
    });
    await expect(snapshot.series('emergency_admissions', 'A00002')).resolves.toEqual({
      '2024-01': [18, 20], '2024-02': [18, 20], '2024-03': [40, 20],
    });
    await expect(snapshot.series('emergency_admissions', 'Q01', '', 'icb')).resolves.toEqual({
      '2024-01': [20, 40], '2024-02': [18, 40], '2024-03': [40, 40],
    });
  });

  it('January: ICB 500 per 1,000; 100 and 900 lie inside the 99.8% limits at n = 20 (similar)', async () => {
    // λ0 = 20/40 = 0.5, n = 20: √(0.5/20) = √0.025 = 0.158113883008419.
    // 95%: 1.959964 · 0.158113883008419 = 0.309897518596713 → 1,000 · (0.5 ∓ it) = 190.102481403287 to 809.897518596713.
    // 99.8%: 3.090232 · 0.158113883008419 = 0.488608580916873 → 11.391419083127 to 988.608580916873.
    // A00001 2/20 = 100 ≥ 11.39 and B 18/20 = 900 ≤ 988.61: both similar. (Binomial limits, √(0.5·0.5/20), would be
    // 154.50 to 845.50 and flag A lower and B higher.) A00001 is below the 95% limit but only 99.8% flags.
    const funnels = await practices('2024-01');
    expect(funnels.map((f) => [f.org, f.benchmark_org, f.benchmark_rate, f.rate, f.flag])).toEqual([
      ['A00001', 'Q01', 500, 100, 'similar'],
      ['A00002', 'Q01', 500, 900, 'similar'],
    ]);
    for (const f of funnels) {
      expect(f.low_95 as number).toBeCloseTo(190.102481403287, 10);
      expect(f.high_95 as number).toBeCloseTo(809.897518596713, 10);
      expect(f.low_998 as number).toBeCloseTo(11.391419083127, 10);
      expect(f.high_998 as number).toBeCloseTo(988.608580916873, 10);
    }
  });

  it('February: the lower limits are floored at 0, so a practice with no admissions is not flagged', async () => {
    // λ0 = 18/40 = 0.45, n = 20: √(0.45/20) = √0.0225 = 0.15.
    // 95%: 1.959964 · 0.15 = 0.2939946 → 156.0054 to 743.9946.
    // 99.8%: 3.090232 · 0.15 = 0.4635348 → 0.45 − 0.4635348 = −0.0135348 floored to 0; high 913.5348.
    // A00001 0/20 = 0 is not below 0: similar; A00002 900 ≤ 913.5348: similar.
    const funnels = await practices('2024-02');
    expect(funnels.map((f) => [f.org, f.benchmark_rate, f.rate, f.flag])).toEqual([
      ['A00001', 450, 0, 'similar'],
      ['A00002', 450, 900, 'similar'],
    ]);
    for (const f of funnels) {
      expect(f.low_95 as number).toBeCloseTo(156.0054, 10);
      expect(f.high_95 as number).toBeCloseTo(743.9946, 10);
      expect(f.low_998).toBe(0);
      expect(f.high_998 as number).toBeCloseTo(913.5348, 10);
    }
  });

  it('March: outside the 99.8% limits, flagged lower and higher', async () => {
    // λ0 = 40/40 = 1, n = 20: √(1/20) = 0.223606797749979.
    // 95%: 1.959964 · 0.223606797749979 = 0.438261273745240 → 561.738726254760 to 1,438.261273745240.
    // 99.8%: 3.090232 · 0.223606797749979 = 0.690996881824513 → 309.003118175487 to 1,690.996881824513.
    // A00001 0 < 309.00: lower; A00002 40/20 = 2,000 > 1,691.00: higher.
    const funnels = await practices('2024-03');
    expect(funnels.map((f) => [f.org, f.benchmark_rate, f.rate, f.flag])).toEqual([
      ['A00001', 1000, 0, 'lower'],
      ['A00002', 1000, 2000, 'higher'],
    ]);
    for (const f of funnels) {
      expect(f.low_95 as number).toBeCloseTo(561.73872625476, 10);
      expect(f.high_95 as number).toBeCloseTo(1438.26127374524, 10);
      expect(f.low_998 as number).toBeCloseTo(309.003118175487, 10);
      expect(f.high_998 as number).toBeCloseTo(1690.996881824513, 10);
    }
  });
});
