import { xmrChart, xmrPhases, type SpcRule } from './xmr-chart';

/** [index, side, rules] of every special point. */
const specials = (chart: ReturnType<typeof xmrChart>) =>
  chart.points.flatMap((p, i) => (p.special ? [[i, p.special.side, p.special.rules] as [number, string, SpcRule[]]] : []));

describe('xmrChart', () => {
  it('computes the mean, moving ranges and limits by hand, with no special cause', () => {
    // mean = (10+12+11+13+12)/5 = 58/5 = 11.6; moving ranges 2, 1, 2, 1, mean 1.5;
    // limits 11.6 ± 2.66 × 1.5 = 11.6 ± 3.99 → 7.61 and 15.59; two thirds 11.6 ± 2.66 → 8.94 and 14.26.
    const chart = xmrChart([10, 12, 11, 13, 12], 'higher');
    expect(chart.mean).toBeCloseTo(11.6, 12);
    expect(chart.meanMovingRange).toBeCloseTo(1.5, 12);
    expect(chart.upperLimit).toBeCloseTo(15.59, 12);
    expect(chart.lowerLimit).toBeCloseTo(7.61, 12);
    expect(chart.upperTwoThirds).toBeCloseTo(14.26, 12);
    expect(chart.lowerTwoThirds).toBeCloseTo(8.94, 12);
    expect(chart.points.map((p) => p.movingRange)).toEqual([null, 2, 1, 2, 1]);
    expect(specials(chart)).toEqual([]);
    expect(chart.variation).toBe('common_cause');
    expect(chart.assurance).toBeNull();
  });

  it('gives the assurance icon from where the target lies against the limits (7.61 to 15.59)', () => {
    const values = [10, 12, 11, 13, 12];
    expect(xmrChart(values, 'higher', 7).assurance).toBe('pass'); // lower limit 7.61 > 7: always met
    expect(xmrChart(values, 'higher', 16).assurance).toBe('fail'); // upper limit 15.59 < 16: never met
    expect(xmrChart(values, 'higher', 12).assurance).toBe('hit_and_miss');
    expect(xmrChart(values, 'lower', 16).assurance).toBe('pass');
    expect(xmrChart(values, 'lower', 7).assurance).toBe('fail');
    expect(xmrChart(values, 'neither', 7).assurance).toBeNull();
  });

  it('flags a point outside the limits, coloured by the direction', () => {
    // 8,12 ×5 then 30: mean 138/12 = 11.5 (so 8s below, 12s above: no run); moving ranges 4 ×10 and 22 →
    // 62/11 = 5.6364; upper limit 11.5 + 2.66 × 5.6364 = 26.493 < 30; two-thirds line 21.495: only 30 beyond.
    const values = [8, 12, 8, 12, 8, 12, 8, 12, 8, 12, 8, 30];
    const lower = xmrChart(values, 'lower');
    expect(lower.mean).toBe(11.5);
    expect(lower.upperLimit).toBeCloseTo(11.5 + (2.66 * 62) / 11, 12);
    expect(specials(lower)).toEqual([[11, 'high', ['outside_limits']]]);
    expect(lower.points[11].special?.kind).toBe('concern');
    expect(lower.variation).toBe('concern_high');
    expect(xmrChart(values, 'higher').variation).toBe('improvement_high');
    expect(xmrChart(values, 'neither').variation).toBe('neither_high');
  });

  it('flags 7 points on one side of the mean as a shift, but not 6', () => {
    // 1,2,1,2,1,2,1 then 3,4,3,4,3,4,3: mean 34/14 = 2.4286; moving ranges 1 ×6, 2, 1 ×6 → 14/13 = 1.0769;
    // two-thirds lines 2.4286 ± 1.9097 → 0.519 and 4.338: no point beyond; steps alternate: no trend.
    const seven = xmrChart([1, 2, 1, 2, 1, 2, 1, 3, 4, 3, 4, 3, 4, 3], 'higher');
    expect(seven.mean).toBeCloseTo(34 / 14, 12);
    expect(seven.meanMovingRange).toBeCloseTo(14 / 13, 12);
    expect(specials(seven)).toEqual([
      ...[0, 1, 2, 3, 4, 5, 6].map((i) => [i, 'low', ['shift']]),
      ...[7, 8, 9, 10, 11, 12, 13].map((i) => [i, 'high', ['shift']]),
    ]);
    expect(seven.points[0].special?.kind).toBe('concern');
    expect(seven.variation).toBe('improvement_high');
    // Six each side: mean 2.5, moving ranges all 1, two-thirds lines 2.5 ± 1.7733: nothing special.
    expect(specials(xmrChart([1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4], 'higher'))).toEqual([]);
  });

  it('breaks a shift at a point exactly on the mean', () => {
    // 1 ×6, 2, 3 ×6 → mean 26/13 = 2: the middle point sits on the mean, leaving runs of 6 below and 6 above.
    const chart = xmrChart([1, 1, 1, 1, 1, 1, 2, 3, 3, 3, 3, 3, 3], 'higher');
    expect(chart.mean).toBe(2);
    expect(chart.points.some((p) => p.special?.rules.includes('shift'))).toBe(false);
  });

  it('flags 7 points each higher than the last as a trend, but not 6, and an equal value breaks it', () => {
    // 3,1,2,3,4,5,6,7,4: steps −2, +1 ×6, −3: points 1 to 7 rise. mean 35/9 = 3.8889; moving ranges
    // 2,1,1,1,1,1,1,3 → 11/8 = 1.375; limits 3.8889 ± 3.6575; two-thirds lines 1.4506 and 6.3272: only
    // one point beyond each (1 and 7); sides of the mean: 4 below, 5 above: no shift.
    const rising = xmrChart([3, 1, 2, 3, 4, 5, 6, 7, 4], 'lower');
    expect(rising.meanMovingRange).toBeCloseTo(1.375, 12);
    expect(specials(rising)).toEqual([1, 2, 3, 4, 5, 6, 7].map((i) => [i, 'high', ['trend']]));
    expect(rising.points[4].special?.kind).toBe('concern');
    expect(rising.variation).toBe('common_cause');
    // Six rising points (five steps): mean 3.5, moving ranges 9/7, two-thirds lines 1.22 and 5.78: nothing.
    expect(specials(xmrChart([3, 1, 2, 3, 4, 5, 6, 4], 'lower'))).toEqual([]);
    // Falling: 5,7,6,5,4,3,2,1,4 mirrors the first: points 1 to 7 fall.
    expect(specials(xmrChart([5, 7, 6, 5, 4, 3, 2, 1, 4], 'higher'))).toEqual(
      [1, 2, 3, 4, 5, 6, 7].map((i) => [i, 'low', ['trend']]),
    );
    // 1,2,3,3,4,5,6,7: the equal pair leaves runs of 2 and 4 steps (no trend).
    expect(xmrChart([1, 2, 3, 3, 4, 5, 6, 7], 'higher').points.some((p) => p.special?.rules.includes('trend'))).toBe(false);
  });

  it('flags 2 of 3 points beyond two thirds of the way to the same limit', () => {
    // 10 ×6, 13, 10, 13, 10: mean 106/10 = 10.6; moving ranges 0 ×5, 3 ×4 → 12/9 = 1.3333;
    // upper two-thirds line 10.6 + (2/3)(2.66)(1.3333) = 12.9644 < 13; limit 14.1467 > 13; 6 points below: no shift.
    const chart = xmrChart([10, 10, 10, 10, 10, 10, 13, 10, 13, 10], 'lower');
    expect(chart.upperTwoThirds).toBeCloseTo(10.6 + (2 / 3) * 2.66 * (12 / 9), 12);
    expect(specials(chart)).toEqual([
      [6, 'high', ['two_of_three']],
      [8, 'high', ['two_of_three']],
    ]);
    expect(chart.points[6].special?.kind).toBe('concern');
    // One point beyond in any three is not enough: 10 ×6, 13, 10, 10, 13.
    expect(specials(xmrChart([10, 10, 10, 10, 10, 10, 13, 10, 10, 13], 'lower'))).toEqual([]);
  });

  it('rejects fewer than 2 values and values that are not numbers', () => {
    expect(() => xmrChart([1], 'higher')).toThrow('at least 2 values');
    expect(() => xmrChart([1, Number.NaN], 'higher')).toThrow('value 2');
  });

  it('takes the mean and limits from a baseline of the first values when asked, judging the later ones against it', () => {
    const values = [10, 12, 11, 13, 20, 22, 21, 23];
    // Baseline of 4: mean (10 + 12 + 11 + 13) / 4 = 11.5; moving ranges 2, 1, 2 → 5/3; half width 2.66 × 5/3 = 4.433333:
    // limits 7.066667 to 15.933333. 20, 22, 21, 23 lie above them: special cause, high (an improvement when higher is better).
    const based = xmrChart(values, 'higher', null, 4);
    expect(based.mean).toBeCloseTo(11.5, 12);
    expect(based.meanMovingRange).toBeCloseTo(5 / 3, 12);
    expect(based.upperLimit).toBeCloseTo(15.933333, 6);
    expect(based.lowerLimit).toBeCloseTo(7.066667, 6);
    expect(based.points.map((p) => p.special?.kind ?? null)).toEqual([null, null, null, null, 'improvement', 'improvement', 'improvement', 'improvement']);
    // Every moving range is still each point's own: the fifth's is |20 − 13| = 7.
    expect(based.points[4]?.movingRange).toBe(7);
    // From all eight: mean 16.5, moving ranges 2, 1, 2, 7, 2, 1, 2 → 17/7; half width 6.46: limits 10.04 to 22.96;
    // 10 lies below (a concern) and 23 above.
    const whole = xmrChart(values, 'higher');
    expect(whole.mean).toBeCloseTo(16.5, 12);
    expect(whole.upperLimit).toBeCloseTo(16.5 + 2.66 * (17 / 7), 12);
    expect(whole.points[0]?.special?.kind).toBe('concern');
    expect(() => xmrChart(values, 'higher', null, 1)).toThrow('an XmR baseline is 2 to 8 values, got 1');
    expect(() => xmrChart(values, 'higher', null, 9)).toThrow('an XmR baseline is 2 to 8 values, got 9');
  });
});

describe('xmrPhases', () => {
  const kinds = (points: readonly { special: { kind: string } | null }[]) => points.map((p) => p.special?.kind ?? null);

  it('gives each phase its own mean and limits, leaving the step into a phase out of its mean moving range', () => {
    const values = [10, 12, 11, 13, 20, 22, 21, 23];
    const chart = xmrPhases(values, 'higher', null, [4]);
    // Phase 1, 10 12 11 13: mean 11.5; moving ranges 2, 1, 2 → 5/3; half width 2.66 × 5/3 = 4.433333: 7.066667 to 15.933333.
    // Phase 2, 20 22 21 23: mean 21.5; moving ranges 2, 1, 2 → 5/3 (the step 13 → 20 of 7 left out: with it, 12/4 = 3);
    // limits 17.066667 to 25.933333. No point is special in either phase.
    expect(chart.phases.map((p) => p.start)).toEqual([0, 4]);
    expect(chart.phases[0].mean).toBeCloseTo(11.5, 12);
    expect(chart.phases[0].meanMovingRange).toBeCloseTo(5 / 3, 12);
    expect(chart.phases[0].lowerLimit).toBeCloseTo(7.066667, 6);
    expect(chart.phases[0].upperLimit).toBeCloseTo(15.933333, 6);
    expect(chart.phases[1].mean).toBeCloseTo(21.5, 12);
    expect(chart.phases[1].meanMovingRange).toBeCloseTo(5 / 3, 12);
    expect(chart.phases[1].lowerLimit).toBeCloseTo(17.066667, 6);
    expect(chart.phases[1].upperLimit).toBeCloseTo(25.933333, 6);
    expect(chart.points.map((p) => p.value)).toEqual(values);
    expect(chart.points.map((p) => p.movingRange)).toEqual([null, 2, 1, 2, null, 2, 1, 2]);
    expect(kinds(chart.points)).toEqual([null, null, null, null, null, null, null, null]);
    expect(chart.variation).toBe('common_cause');
    // One phase (mean 16.5, moving ranges 17/7, half width 6.46: limits 10.04 to 22.96, two-thirds lines 16.5 ± 4.3067 →
    // 12.193 and 20.807) had marked 10 12 11 (below the lower line) as a concern and 22 21 23 as an improvement.
    expect(kinds(xmrChart(values, 'higher').points)).toEqual(['concern', 'concern', 'concern', null, null, 'improvement', 'improvement', 'improvement']);
    // A baseline for phase 2 of its first 2: mean 21, moving range 2, limits 21 ± 5.32.
    const based = xmrPhases(values, 'higher', null, [4], [undefined, 2]);
    expect(based.phases[0].mean).toBeCloseTo(11.5, 12);
    expect(based.phases[1].mean).toBe(21);
    expect(based.phases[1].upperLimit).toBeCloseTo(26.32, 12);
  });

  it('flags a point in phase 2 against its own limits that one phase would not, and takes the icons from the latest phase', () => {
    const values = [10, 20, 10, 20, 15, 15, 15, 15, 18];
    // One phase: mean 138/9 = 15.3333; moving ranges 10, 10, 10, 5, 0, 0, 0, 3 → 38/8 = 4.75; half width 12.635:
    // limits 2.6983 to 27.9683, two-thirds lines 6.91 and 23.757: nothing beyond; sides − + − + − − − − +: no run of 7;
    // steps + − + − 0 0 0 +: no trend. Nothing special; a target of 13 lies inside the limits.
    const one = xmrChart(values, 'higher', 13);
    expect(specials(one)).toEqual([]);
    expect(one.variation).toBe('common_cause');
    expect(one.assurance).toBe('hit_and_miss');
    // Phase 2, 15 15 15 15 18: mean 78/5 = 15.6; moving ranges 0, 0, 0, 3 → 0.75; half width 1.995: limits 13.605 to
    // 17.595, so 18 lies above (an improvement); two-thirds lines 14.27 and 16.93: the 15s lie inside them.
    // Phase 1, 10 20 10 20: mean 15, moving ranges 10 → limits 15 ± 26.6: nothing, and 13 inside (hit and miss).
    // The target 13 lies below phase 2's lower limit 13.605: met every month (pass).
    const phased = xmrPhases(values, 'higher', 13, [4]);
    expect(phased.phases[1].mean).toBeCloseTo(15.6, 12);
    expect(phased.phases[1].lowerLimit).toBeCloseTo(13.605, 12);
    expect(phased.phases[1].upperLimit).toBeCloseTo(17.595, 12);
    expect(phased.points.map((p, i) => (p.special ? [i, p.special.side, p.special.kind, p.special.rules] : null)).filter(Boolean)).toEqual([
      [8, 'high', 'improvement', ['outside_limits']],
    ]);
    expect(phased.phases[0].assurance).toBe('hit_and_miss');
    expect(phased.variation).toBe('improvement_high');
    expect(phased.assurance).toBe('pass');
  });

  it('does not carry a run of 7 across a recalculation', () => {
    const values = [3, 1, 2, 3, 4, 5, 6, 7, 4];
    // One phase: points 1 to 7 rise (a trend, as in xmrChart's own test).
    expect(specials(xmrChart(values, 'lower'))).toEqual([1, 2, 3, 4, 5, 6, 7].map((i) => [i, 'high', ['trend']]));
    // Recalculated at index 4: phase 1, 3 1 2 3 (mean 2.25, moving ranges 4/3, two-thirds lines 2.25 ± 2.3644 → −0.114 and
    // 4.614: none beyond), rises over 3 points; phase 2, 4 5 6 7 4 (mean 5.2, moving ranges 1, 1, 1, 3 → 1.5; two-thirds
    // lines 5.2 ± 2.66 → 2.54 and 7.86: none beyond; limits 1.21 to 9.19), over 4. Neither has 7: nothing is special.
    const phased = xmrPhases(values, 'lower', null, [4]);
    expect(phased.phases[1].mean).toBeCloseTo(5.2, 12);
    expect(phased.phases[1].meanMovingRange).toBeCloseTo(1.5, 12);
    expect(kinds(phased.points)).toEqual([null, null, null, null, null, null, null, null, null]);
  });

  it('is xmrChart with no recalculation', () => {
    const values = [8, 12, 8, 12, 8, 12, 8, 12, 8, 12, 8, 30];
    const chart = xmrChart(values, 'lower', 20);
    expect(xmrPhases(values, 'lower', 20)).toEqual({ phases: [{ ...chart, start: 0 }], points: chart.points, variation: 'concern_high', assurance: chart.assurance });
  });

  it('needs at least 2 values in every phase', () => {
    const values = [10, 12, 11, 13, 20, 22];
    // At index 2, the earliest: phase 1 is 10 12 (mean 11, moving range 2, limits 11 ± 5.32); phase 2 is 11 13 20 22
    // (mean 16.5, moving ranges 2, 7, 2 → 11/3).
    const earliest = xmrPhases(values, 'higher', null, [2]);
    expect(earliest.phases.map((p) => [p.start, p.mean])).toEqual([
      [0, 11],
      [2, 16.5],
    ]);
    expect(earliest.phases[0].upperLimit).toBeCloseTo(16.32, 12);
    expect(earliest.phases[1].meanMovingRange).toBeCloseTo(11 / 3, 12);
    // At index 4, the latest: phase 2 is 20 22 (mean 21).
    expect(xmrPhases(values, 'higher', null, [4]).phases[1].mean).toBe(21);
    expect(xmrPhases(values, 'higher', null, [2, 4]).phases.map((p) => p.mean)).toEqual([11, 12, 21]);
    expect(() => xmrPhases(values, 'higher', null, [1])).toThrow('an XmR phase needs at least 2 values: phase 1 (from index 0) has 1');
    expect(() => xmrPhases(values, 'higher', null, [5])).toThrow('phase 2 (from index 5) has 1');
    expect(() => xmrPhases(values, 'higher', null, [6])).toThrow('phase 2 (from index 6) has 0');
    expect(() => xmrPhases(values, 'higher', null, [0])).toThrow('phase 1 (from index 0) has 0');
    expect(() => xmrPhases(values, 'higher', null, [4, 2])).toThrow('phase 2 (from index 4) has 0');
    expect(() => xmrPhases(values, 'higher', null, [2.5])).toThrow('a whole index, got 2.5');
    expect(() => xmrPhases(values, 'higher', null, [3], [undefined, undefined, 2])).toThrow('3 XmR baselines given for 2 phases');
    expect(() => xmrPhases([1, Number.NaN, 3, 4], 'higher', null, [2])).toThrow('value 2');
  });
});
