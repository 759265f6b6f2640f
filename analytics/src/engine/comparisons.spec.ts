import type { RecordRow } from '../sql/record-rows.sql';
import { buildTestSnapshot, type TestSnapshot } from './testing/test-snapshot';
import { patient } from './testing/test-world';

// measures.md "Statistics": funnel limits against the ICB, region and England, the 99.8% flag,
// and deciles across practices. Ten practices of 100 registered patients; practice k (1..10)
// has 10·(k−1) of them on the HYP register, so ltc_prevalence is 0%, 10%, …, 90%; ICB 450/1000.

const codes = Array.from({ length: 10 }, (_, i) => `A${String(i + 1).padStart(5, '0')}`);

const organisations: RecordRow[] = [
  { code: 'Y01', name: 'Region', level: 'region', parent_code: null },
  { code: 'Q01', name: 'ICB', level: 'icb', parent_code: 'Y01' },
  { code: '00A', name: 'Sub-ICB', level: 'sub_icb', parent_code: 'Q01' },
  { code: 'U00001', name: 'PCN', level: 'pcn', parent_code: '00A' },
  ...codes.map((code) => ({ code, name: code, level: 'practice', parent_code: 'U00001' })),
];
const patients: RecordRow[] = [];
const registrations: RecordRow[] = [];
const conditions: RecordRow[] = [];
codes.forEach((code, k) => {
  for (let j = 0; j < 100; j++) {
    const id = k * 100 + j + 1;
    patients.push(patient(id));
    registrations.push({ id, patient_id: id, practice_code: code, registered_on: '2020-01-01' });
    if (j < 10 * k) conditions.push({ id, patient_id: id, condition: 'HYP', diagnosed_on: '2020-01-01' });
  }
});

describe('funnel limits and deciles (ltc_prevalence, 2024-01)', () => {
  let snapshot: TestSnapshot;
  beforeAll(async () => {
    snapshot = await buildTestSnapshot(
      { organisations, patients, registrations, conditions },
      { from: '2024-01', to: '2024-01', asOf: new Date('2024-02-01') },
    );
  }, 60_000);
  afterAll(() => snapshot.close());

  it('flags practices outside the 99.8% limits around the ICB rate', async () => {
    // p0 = 0.45, n = 100: √(0.45·0.55/100) = 0.0497494. 95%: ± 1.959964·0.0497494 = 0.0975070 → 35.2493% to 54.7507%;
    // 99.8%: ± 3.090232·0.0497494 = 0.153737 → 29.6263% to 60.3737%. 0, 10, 20% lower; 70, 80, 90% higher.
    const funnels = (await snapshot.funnels('ltc_prevalence', '2024-01', 'icb')).filter((f) => f.level === 'practice');
    expect(funnels.map((f) => [f.org, f.rate, f.flag])).toEqual([
      ['A00001', 0, 'lower'], ['A00002', 10, 'lower'], ['A00003', 20, 'lower'], ['A00004', 30, 'similar'],
      ['A00005', 40, 'similar'], ['A00006', 50, 'similar'], ['A00007', 60, 'similar'], ['A00008', 70, 'higher'],
      ['A00009', 80, 'higher'], ['A00010', 90, 'higher'],
    ]);
    const first = funnels[0];
    expect(first.benchmark_org).toBe('Q01');
    expect(first.benchmark_rate).toBe(45);
    expect(first.low_95 as number).toBeCloseTo(35.2493, 3);
    expect(first.high_95 as number).toBeCloseTo(54.7507, 3);
    expect(first.low_998 as number).toBeCloseTo(29.6263, 3);
    expect(first.high_998 as number).toBeCloseTo(60.3737, 3);
  });

  it('compares with the region and England too, and higher levels with theirs', async () => {
    const region = await snapshot.funnels('ltc_prevalence', '2024-01', 'region');
    // Practices, the PCN, the sub-ICB and the ICB are compared with the region (same 45%).
    expect(region.map((f) => f.level).filter((l, i, all) => all.indexOf(l) === i)).toEqual(['icb', 'pcn', 'practice', 'sub_icb']);
    expect(region.find((f) => f.org === 'A00010')?.flag).toBe('higher');
    const england = await snapshot.funnels('ltc_prevalence', '2024-01', 'england');
    expect(england.find((f) => f.org === 'Y01')).toMatchObject({ benchmark_org: 'ENG', rate: 45, flag: 'similar' });
  });

  it('gives the 10th to 90th percentiles of the practice rates, linearly interpolated', async () => {
    // Rates 0, 10, …, 90: percentile p at h = 9p → 9, 18, 27, …, 81.
    const deciles = await snapshot.deciles('ltc_prevalence');
    expect(deciles.map((d) => d.month)).toEqual(Array(9).fill('2024-01'));
    expect(deciles.map((d) => d.percentile)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90]);
    deciles.forEach((d, i) => expect(d.rate as number).toBeCloseTo(9 * (i + 1), 9));
  });
});
