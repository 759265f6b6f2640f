import { monthNumber, rankByGap, targetGap, targetProgress, type MonthRate } from './target-progress';

// The five months of the linear-trend hand calculation (y = 2, 4, 5, 4, 5 at consecutive x),
// with a month older than the 12-month window (excluded) and a month without a rate (skipped).
// x = months after the latest month: −4 … 0, x̄ = −2. The line: slope 0.6, ŷ(0) = 5.2;
// one month ahead (x0 = 1, i.e. 3 from x̄ as x0 = 6 was from x̄ = 3 there): ŷ = 5.8,
// SE = √0.8·√(1 + 1/5 + 9/10) = 1.296148, t(0.975, 3) = 3.182446, 95% PI (1.675078, 9.924922).
const SERIES: MonthRate[] = [
  { month: '2025-10', rate: 99 },
  { month: '2026-06', rate: 2 },
  { month: '2026-07', rate: 4 },
  { month: '2026-08', rate: 5 },
  { month: '2026-09', rate: 4 },
  { month: '2026-10', rate: 5 },
  { month: '2026-11', rate: null },
];

describe('targetProgress', () => {
  it('projects the last 12 months’ line to the target month with its 95% prediction interval', () => {
    const p = targetProgress(SERIES, 9, '2026-11', 'higher_is_better')!;
    expect(p.latestMonth).toBe('2026-10');
    expect(p.latestRate).toBe(5);
    expect(p.trendFrom).toBe('2026-06');
    expect(p.slopePerMonth).toBeCloseTo(0.6, 12);
    expect(p.lineAtLatest).toBeCloseTo(5.2, 12);
    expect(p.projection!.month).toBe('2026-11');
    expect(p.projection!.rate).toBeCloseTo(5.8, 12);
    expect(p.projection!.low).toBeCloseTo(1.675078, 5);
    expect(p.projection!.high).toBeCloseTo(9.924922, 5);
    // Target 9 lies inside the interval; the latest rate 5 is 4 short of it.
    expect(p.status).toBe('uncertain');
    expect(p.gap).toBe(4);
  });

  it('is on track when the whole interval meets the target and off track when none of it does', () => {
    expect(targetProgress(SERIES, 1.5, '2026-11', 'higher_is_better')!.status).toBe('on_track');
    expect(targetProgress(SERIES, 10, '2026-11', 'higher_is_better')!.status).toBe('off_track');
    // Lower is better: the interval's worse end is its top, 9.92 ≤ 10 → on track; ≤ 1.5 nowhere → off track.
    expect(targetProgress(SERIES, 10, '2026-11', 'lower_is_better')!.status).toBe('on_track');
    expect(targetProgress(SERIES, 1.5, '2026-11', 'lower_is_better')!.status).toBe('off_track');
    expect(targetProgress(SERIES, 1.5, '2026-11', 'lower_is_better')!.gap).toBe(3.5);
  });

  it('clamps the projection to the range a rate can take', () => {
    const p = targetProgress(SERIES, 9, '2026-11', 'higher_is_better', { min: 0, max: 9 })!;
    expect(p.projection!.high).toBe(9);
    expect(p.projection!.low).toBeCloseTo(1.675078, 5);
  });

  it('fits exactly the 12 months up to the latest one', () => {
    // 2025-11 … 2026-10 on the line 40 + 0.5k (k = 0 … 11, so 45.5 in 2026-10); 2025-10 is month −12, outside.
    const series: MonthRate[] = [{ month: '2025-10', rate: 1000 }];
    for (let k = 0; k < 12; k++) series.push({ month: `${k < 2 ? 2025 : 2026}-${String(((10 + k) % 12) + 1).padStart(2, '0')}`, rate: 40 + 0.5 * k });
    const p = targetProgress(series, 46, '2026-12', 'higher_is_better')!;
    expect(p.trendFrom).toBe('2025-11');
    // Two months ahead: 45.5 + 2 × 0.5 = 46.5, a perfect fit so a zero-width interval, above 46.
    expect(p.projection).toEqual({ month: '2026-12', rate: 46.5, low: 46.5, high: 46.5 });
    expect(p.status).toBe('on_track');
  });

  it('says met or missed once the target month has passed', () => {
    expect(targetProgress(SERIES, 5, '2026-10', 'higher_is_better')!.status).toBe('met');
    expect(targetProgress(SERIES, 6, '2026-09', 'higher_is_better')).toMatchObject({ status: 'missed', projection: null, gap: 1 });
  });

  it('leaves months after the final month out of the line and the gap, and lists them as provisional', () => {
    // SERIES with a provisional 1 in 2026-11 (final to 2026-10). Fitted on the final months, as in the first test:
    // slope 0.6, ŷ = 5.2 at 2026-10 (x = 0); the target month 2026-12 is x0 = 2: ŷ = 5.2 + 2·0.6 = 6.4,
    // SE = √0.8·√(1 + 1/5 + (2 − (−2))²/10) = 0.894427·√2.8 = 1.496663, × t(0.975, 3) 3.182446 = 4.763049:
    // 95% PI (1.636951, 11.163049); the gap is the final 5's, 9 − 5 = 4.
    const series: MonthRate[] = [...SERIES.slice(0, 6), { month: '2026-11', rate: 1 }];
    const p = targetProgress(series, 9, '2026-12', 'higher_is_better', undefined, '2026-10')!;
    expect([p.latestMonth, p.latestRate, p.gap, p.trendFrom, p.trendTo]).toEqual(['2026-10', 5, 4, '2026-06', '2026-10']);
    expect(p.slopePerMonth).toBeCloseTo(0.6, 12);
    expect(p.lineAtLatest).toBeCloseTo(5.2, 12);
    expect(p.projection!.rate).toBeCloseTo(6.4, 12);
    expect(p.projection!.low).toBeCloseTo(1.636951, 5);
    expect(p.projection!.high).toBeCloseTo(11.163049, 5);
    expect(p.provisional).toEqual([{ month: '2026-11', rate: 1 }]);
    // Fitted with 2026-11 (x = −5 … 0, y = 2, 4, 5, 4, 5, 1): x̄ = −2.5, ȳ = 3.5, Sxx = 17.5,
    // Sxy = (−2.5)(−1.5) + (−1.5)(0.5) + (−0.5)(1.5) + (0.5)(0.5) + (1.5)(1.5) + (2.5)(−2.5) = −1.5:
    // the slope would be −1.5 / 17.5 = −0.085714 and the gap 9 − 1 = 8.
    const biased = targetProgress(series, 9, '2026-12', 'higher_is_better')!;
    expect(biased.slopePerMonth).toBeCloseTo(-0.085714, 6);
    expect([biased.latestMonth, biased.gap, biased.provisional]).toEqual(['2026-11', 8, []]);
  });

  it('has no projection from fewer than three rates and nothing without any', () => {
    const two = targetProgress(SERIES.slice(4), 9, '2027-03', 'higher_is_better')!;
    expect(two).toMatchObject({ latestRate: 5, projection: null, status: null, slopePerMonth: null, gap: 4 });
    expect(targetProgress([{ month: '2026-01', rate: null }], 9, '2027-03', 'higher_is_better')).toBeNull();
  });
});

describe('rankByGap', () => {
  it('ranks the largest shortfall first, ties sharing a rank, no rate last', () => {
    const rows = [
      { code: 'A', rate: 80 },
      { code: 'B', rate: 90 },
      { code: 'C', rate: 80 },
      { code: 'D', rate: null },
      { code: 'E', rate: 96 },
    ];
    // Target 95: gaps A 15, B 5, C 15, E −1.
    expect(rankByGap(rows, 95, 'higher_is_better').map((r) => [r.code, r.gap, r.rank])).toEqual([
      ['A', 15, 1],
      ['C', 15, 1],
      ['B', 5, 3],
      ['E', -1, 4],
      ['D', null, null],
    ]);
    // Lower is better, target 85: gaps A −5, B 5, C −5, E 11.
    expect(rankByGap(rows, 85, 'lower_is_better').map((r) => r.code)).toEqual(['E', 'B', 'A', 'C', 'D']);
  });

  it('measures gaps in the measure’s direction and counts months', () => {
    expect(targetGap(60, 95, 'higher_is_better')).toBe(35);
    expect(targetGap(60, 50, 'lower_is_better')).toBe(10);
    expect(monthNumber('2027-03') - monthNumber('2026-10')).toBe(5);
  });
});
