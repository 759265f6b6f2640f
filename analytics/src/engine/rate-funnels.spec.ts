import type { RecordRow } from '../sql/record-rows.sql';
import { buildTestSnapshot, type TestSnapshot } from './testing/test-snapshot';
import { patient, TEST_ORGANISATIONS } from './testing/test-world';

// measures.md "Statistics" for the rate per 1,000 (emergency_admissions), as for every rate: funnel limits around the
// ICB's p0 = admissions / people, p0 ± z·√(p0(1−p0)/n) clamped to [0, 1] as a percentage's are, × 1,000, and the
// 99.8% flag; no limits (and no flag) where p0 > 1. A cell's interval is Wilson's × 1,000, none where admissions
// outnumber people.
// A00001 and A00002 (PCN U00001, ICB Q01) each have 20 people on the HYP register all along, so n = 20 for both.
// Windows: Jan 2023-02-01..2024-01-31 | Feb 2023-03-01..2024-02-29 | Mar 2023-04-01..2024-03-31 | Apr 2023-05-01..2024-04-30.
// Emergency admissions:
// - A00001: P1, P2 on 2023-02-01 (the first day of Jan's window only)       → Jan 2, Feb 0, Mar 0, Apr 0;
// - A00002: P21..P38 on 2023-06-15 (every window), P21..P38 again on 2024-03-10 (Mar and Apr, 18 more), P21..P26 on
//   2024-04-05 (Apr only, 6 more)                                            → Jan 18, Feb 18, Mar 36, Apr 42.
// z² = 1.959964² = 3.841458881296 (95%), z = 3.090232 at 99.8%.

const registered = (id: number, practice: string): RecordRow => ({ id, patient_id: id, practice_code: practice, registered_on: '2020-01-01' });
const ids = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const everyone = ids(1, 40);
const admissionDates: [number, string][] = [
  ...ids(1, 2).map((p): [number, string] => [p, '2023-02-01']),
  ...ids(21, 38).map((p): [number, string] => [p, '2023-06-15']),
  ...ids(21, 38).map((p): [number, string] => [p, '2024-03-10']),
  ...ids(21, 26).map((p): [number, string] => [p, '2024-04-05']),
];

describe('funnel limits of a rate per 1,000 (emergency_admissions against the ICB, 2024-01 to 2024-04)', () => {
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
      { from: '2024-01', to: '2024-04', asOf: new Date('2024-05-15') },
    );
  }, 60_000);
  afterAll(() => snapshot.close());

  const practices = async (month: string) =>
    (await snapshot.funnels('emergency_admissions', month, 'icb')).filter((f) => f.level === 'practice');
  const limitsOf = (f: Record<string, unknown>) => [f.low_95, f.high_95, f.low_998, f.high_998];

  it('counts the admissions of each practice and the ICB as worked out above', async () => {
    await expect(snapshot.series('emergency_admissions', 'A00001')).resolves.toEqual({
      '2024-01': [2, 20], '2024-02': [0, 20], '2024-03': [0, 20], '2024-04': [0, 20],
    });
    await expect(snapshot.series('emergency_admissions', 'A00002')).resolves.toEqual({
      '2024-01': [18, 20], '2024-02': [18, 20], '2024-03': [36, 20], '2024-04': [42, 20],
    });
    await expect(snapshot.series('emergency_admissions', 'Q01', '', 'icb')).resolves.toEqual({
      '2024-01': [20, 40], '2024-02': [18, 40], '2024-03': [36, 40], '2024-04': [42, 40],
    });
  });

  it('gives a cell with more admissions than people its rate but no interval', async () => {
    // A00002 in March 36/20 = 1,800 per 1,000: z² + 4·36·(1 − 1.8) = 3.841459 − 115.2 < 0, so Wilson has no root.
    // The ICB in March, 36/40 = 900: √(z² + 4·36·0.1) = √18.241458881296 = 4.27100209333782, × 1.959964 =
    // 8.37101034686676; (72 + z² ∓ it) / (2·43.841458881296 = 87.682917762592) = 0.769482246440641 to 0.960420471592588.
    // In April the ICB itself, 42/40 = 1,050, has none.
    const [a2] = (await snapshot.cellsOf('emergency_admissions', 'practice', '2024-03')).filter((c) => c.org === 'A00002' && c.breakdown === '');
    expect([a2.rate, a2.ci_low, a2.ci_high]).toEqual([1800, null, null]);
    const [icbMarch] = (await snapshot.cellsOf('emergency_admissions', 'icb', '2024-03')).filter((c) => c.breakdown === '');
    expect(icbMarch.rate).toBe(900);
    expect(icbMarch.ci_low as number).toBeCloseTo(769.482246440641, 10);
    expect(icbMarch.ci_high as number).toBeCloseTo(960.420471592588, 10);
    const [icbApril] = (await snapshot.cellsOf('emergency_admissions', 'icb', '2024-04')).filter((c) => c.breakdown === '');
    expect([icbApril.rate, icbApril.ci_low, icbApril.ci_high]).toEqual([1050, null, null]);
  });

  it('January: ICB 500 per 1,000; 100 and 900 lie outside the 99.8% limits at n = 20 (lower, higher)', async () => {
    // p0 = 20/40 = 0.5, n = 20: √(0.5·0.5/20) = √0.0125 = 0.111803398874989.
    // 95%: 1.959964 · it = 0.219130636872620 → 1,000 · (0.5 ∓ it) = 280.869363127380 to 719.130636872620.
    // 99.8%: 3.090232 · it = 0.345498440912257 → 154.501559087743 to 845.498440912257.
    // A00001 2/20 = 100 < 154.50: lower; A00002 18/20 = 900 > 845.50: higher.
    const funnels = await practices('2024-01');
    expect(funnels.map((f) => [f.org, f.benchmark_org, f.benchmark_rate, f.rate, f.flag])).toEqual([
      ['A00001', 'Q01', 500, 100, 'lower'],
      ['A00002', 'Q01', 500, 900, 'higher'],
    ]);
    for (const f of funnels) {
      expect(f.low_95 as number).toBeCloseTo(280.86936312738, 10);
      expect(f.high_95 as number).toBeCloseTo(719.13063687262, 10);
      expect(f.low_998 as number).toBeCloseTo(154.501559087743, 10);
      expect(f.high_998 as number).toBeCloseTo(845.498440912257, 10);
    }
  });

  it('February: ICB 450 per 1,000; a practice with no admissions is below the lower limit', async () => {
    // p0 = 18/40 = 0.45, n = 20: √(0.45·0.55/20) = √0.012375 = 0.111242977306435.
    // 95%: 1.959964 · it = 0.218032230773429 → 231.967769226571 to 668.032230773429.
    // 99.8%: 3.090232 · it = 0.343766608247619 → 106.233391752381 to 793.766608247619.
    // A00001 0 < 106.23: lower; A00002 900 > 793.77: higher.
    const funnels = await practices('2024-02');
    expect(funnels.map((f) => [f.org, f.benchmark_rate, f.rate, f.flag])).toEqual([
      ['A00001', 450, 0, 'lower'],
      ['A00002', 450, 900, 'higher'],
    ]);
    for (const f of funnels) {
      expect(f.low_95 as number).toBeCloseTo(231.967769226571, 10);
      expect(f.high_95 as number).toBeCloseTo(668.032230773429, 10);
      expect(f.low_998 as number).toBeCloseTo(106.233391752381, 10);
      expect(f.high_998 as number).toBeCloseTo(793.766608247619, 10);
    }
  });

  it('March: ICB 900 per 1,000; the upper limits are clamped at 1,000 as a percentage’s at 100', async () => {
    // p0 = 36/40 = 0.9, n = 20: √(0.9·0.1/20) = √0.0045 = 0.0670820393249937.
    // 95%: 1.959964 · it = 0.131478382123572 → 768.521617876428 to 1,031.478 → clamped to 1,000.
    // 99.8%: 3.090232 · it = 0.207299064547354 → 692.700935452646 to 1,107.299 → clamped to 1,000.
    // A00001 0 < 692.70: lower; A00002 36/20 = 1,800 > 1,000: higher.
    const funnels = await practices('2024-03');
    expect(funnels.map((f) => [f.org, f.benchmark_rate, f.rate, f.flag, f.high_95, f.high_998])).toEqual([
      ['A00001', 900, 0, 'lower', 1000, 1000],
      ['A00002', 900, 1800, 'higher', 1000, 1000],
    ]);
    for (const f of funnels) {
      expect(f.low_95 as number).toBeCloseTo(768.521617876428, 10);
      expect(f.low_998 as number).toBeCloseTo(692.700935452646, 10);
    }
  });

  it('April: the ICB has more admissions than people (p0 = 42/40 = 1.05 > 1), so no limits and no flag', async () => {
    // p0(1 − p0) = 1.05 · (−0.05) < 0: the binomial limits do not exist.
    const funnels = await practices('2024-04');
    expect(funnels.map((f) => [f.org, f.benchmark_rate, f.rate, f.flag, ...limitsOf(f)])).toEqual([
      ['A00001', 1050, 0, null, null, null, null, null],
      ['A00002', 1050, 2100, null, null, null, null, null],
    ]);
  });
});
