import { compareWithBenchmark, comparisonClass, funnelFlag, funnelLimit, funnelLimits } from './funnel-limits';

describe('funnelLimits', () => {
  it('computes p0 ± z·√(p0(1−p0)/n) at 95% and 99.8%', () => {
    // p0 = 0.5, n = 100: √(0.25/100) = 0.05; 1.959964·0.05 = 0.0979982; 3.090232·0.05 = 0.1545116
    const limits = funnelLimits(0.5, 100);
    expect(limits?.low95).toBeCloseTo(0.4020018, 12);
    expect(limits?.high95).toBeCloseTo(0.5979982, 12);
    expect(limits?.low998).toBeCloseTo(0.3454884, 12);
    expect(limits?.high998).toBeCloseTo(0.6545116, 12);
  });

  it('clamps to [0, 1]', () => {
    // p0 = 0.02, n = 10: √(0.0196/10) = 0.0442719; 99.8%: 0.02 − 0.1368105 < 0 → 0, 0.1568105
    const low = funnelLimits(0.02, 10);
    expect(low?.low998).toBe(0);
    expect(low?.low95).toBe(0);
    expect(low?.high998).toBeCloseTo(0.1568105, 6);
    // p0 = 0.98 mirrors it: upper clamps to 1, lower 1 − 0.1568105 = 0.8431895
    const high = funnelLimits(0.98, 10);
    expect(high?.high998).toBe(1);
    expect(high?.low998).toBeCloseTo(0.8431895, 6);
  });

  it('is undefined for n ≤ 0 or a benchmark that is not a proportion', () => {
    expect(funnelLimit(0.5, 0, 1.959964)).toBeNull();
    expect(funnelLimits(1.2, 50)).toBeNull();
    expect(funnelLimits(-0.1, 50)).toBeNull();
  });

  it('flags only outside the 99.8% limits', () => {
    // p0 = 0.5, n = 100: 99.8% limits 0.3454884 and 0.6545116; 95% limits 0.402 and 0.598.
    expect(compareWithBenchmark(66, 100, 0.5)).toBe('higher'); // 0.66 > 0.6545
    expect(compareWithBenchmark(65, 100, 0.5)).toBe('similar'); // outside 95% only
    expect(compareWithBenchmark(35, 100, 0.5)).toBe('similar'); // 0.35 > 0.3455
    expect(compareWithBenchmark(34, 100, 0.5)).toBe('lower');
    expect(compareWithBenchmark(1, 0, 0.5)).toBeNull();
    // On a clamped limit: p0 = 0 gives limits [0, 0]; 0 is similar, anything above is higher.
    const zero = funnelLimits(0, 20);
    expect(zero && funnelFlag(0, zero)).toBe('similar');
    expect(zero && funnelFlag(0.05, zero)).toBe('higher');
  });

  it('colours by polarity', () => {
    expect(comparisonClass('higher', 'higher_is_better')).toBe('better');
    expect(comparisonClass('lower', 'higher_is_better')).toBe('worse');
    expect(comparisonClass('higher', 'lower_is_better')).toBe('worse');
    expect(comparisonClass('lower', 'lower_is_better')).toBe('better');
    expect(comparisonClass('similar', 'lower_is_better')).toBe('similar');
    expect(comparisonClass('higher', 'neither')).toBe('higher');
    expect(comparisonClass('lower', 'neither')).toBe('lower');
    expect(comparisonClass('similar', 'neither')).toBe('similar');
  });
});
