import { slopeIndexOfInequality, type SiiGroup } from './slope-index-of-inequality';

/**
 * Five groups in order along the scale, populations n = 100, 200, 300, 200, 200 (N = 1,000), values y = 70, 60, 55, 50, 40,
 * intervals whose widths are 2 × 1.959964 × se with se = 2, 1.5, 1, 1.5, 2 (the third one lopsided, as a Wilson interval
 * is: only the width counts).
 */
const GROUPS: SiiGroup[] = [
  { population: 100, value: 70, low: 66.080072, high: 73.919928 },
  { population: 200, value: 60, low: 57.060054, high: 62.939946 },
  { population: 300, value: 55, low: 53.5, high: 57.419928 },
  { population: 200, value: 50, low: 47.060054, high: 52.939946 },
  { population: 200, value: 40, low: 36.080072, high: 43.919928 },
];

describe('slopeIndexOfInequality', () => {
  it('gives the slope and its exact 95% interval worked out by hand', () => {
    // Shares a = 0.1, 0.2, 0.3, 0.2, 0.2; relative ranks (midpoints of the cumulative shares)
    // x = 0.05, 0.1 + 0.1 = 0.2, 0.3 + 0.15 = 0.45, 0.6 + 0.1 = 0.7, 0.8 + 0.1 = 0.9.
    // x̄ = Σ a x = 0.005 + 0.04 + 0.135 + 0.14 + 0.18 = 0.5; x − x̄ = −0.45, −0.3, −0.05, 0.2, 0.4.
    // Σ n (x − x̄)² = 100(0.2025) + 200(0.09) + 300(0.0025) + 200(0.04) + 200(0.16) = 20.25 + 18 + 0.75 + 8 + 32 = 79.
    // c = n (x − x̄) / 79 = −45/79, −60/79, −15/79, 40/79, 80/79 = −0.569620, −0.759494, −0.189873, 0.506329, 1.012658.
    // Slope = Σ c y = (−45·70 − 60·60 − 15·55 + 40·50 + 80·40) / 79 = (−3150 − 3600 − 825 + 2000 + 3200) / 79 = −2375/79 = −30.063291.
    // Variance = Σ c² se² = (45²·4 + 60²·2.25 + 15²·1 + 40²·2.25 + 80²·4) / 79² = (8100 + 8100 + 225 + 3600 + 25600) / 6241
    //          = 45625/6241 = 7.310527; se = √45625 / 79 = 213.600094 / 79 = 2.703799.
    // Limits: −30.063291 ∓ 1.959964 × 2.703799 = −30.063291 ∓ 5.299348 → (−35.362639, −24.763943).
    const result = slopeIndexOfInequality(GROUPS);
    expect(result).not.toBeNull();
    const sii = result!;
    [0.05, 0.2, 0.45, 0.7, 0.9].forEach((x, i) => expect(sii.ranks[i]).toBeCloseTo(x, 12));
    [-0.56962, -0.759494, -0.189873, 0.506329, 1.012658].forEach((c, i) => expect(sii.coefficients[i]).toBeCloseTo(c, 6));
    expect(sii.sii).toBeCloseTo(-30.063291, 6);
    expect(sii.standardError ** 2).toBeCloseTo(7.310527, 5);
    expect(sii.standardError).toBeCloseTo(2.703799, 6);
    expect(sii.low).toBeCloseTo(-35.362639, 5);
    expect(sii.high).toBeCloseTo(-24.763943, 5);
  });

  it('changes sign, not size, when the caller orders the groups the other way', () => {
    // Reversed: n = 200, 200, 300, 200, 100, x = 0.1, 0.3, 0.55, 0.8, 0.95, x̄ = 0.5, x − x̄ = −0.4, −0.2, 0.05, 0.3, 0.45,
    // c = −80/79, −40/79, 15/79, 60/79, 45/79; slope = (−80·40 − 40·50 + 15·55 + 60·60 + 45·70) / 79
    // = (−3200 − 2000 + 825 + 3600 + 3150) / 79 = 2375/79 = 30.063291, the same c² and so the same se 2.703799.
    const reversed = slopeIndexOfInequality([...GROUPS].reverse())!;
    expect(reversed.sii).toBeCloseTo(30.063291, 6);
    expect(reversed.standardError).toBeCloseTo(2.703799, 6);
    expect(reversed.low).toBeCloseTo(24.763943, 5);
    expect(reversed.high).toBeCloseTo(35.362639, 5);
  });

  it('is 0 with a finite interval when every group has the same value', () => {
    // Σ c = 0, so the slope is 0 whatever the populations; the intervals are those above: se 2.703799, half-width 5.299348.
    const flat = slopeIndexOfInequality(GROUPS.map((g) => ({ ...g, value: 55, low: 55 - (g.high! - g.low!) / 2, high: 55 + (g.high! - g.low!) / 2 })))!;
    expect(flat.sii).toBe(0);
    expect(flat.low).toBeCloseTo(-5.299348, 5);
    expect(flat.high).toBeCloseTo(5.299348, 5);
  });

  it('runs the line to the ends of the scale, so two halves give twice their difference', () => {
    // Two groups of 50: x = 0.25 and 0.75, so the slope is (40 − 30) / 0.5 = 20. c = ∓50·0.25 / (2·50·0.0625) = ∓2;
    // se_i = 2 each, so se = √(4·4 + 4·4) = √32 = 5.656854 and the limits 20 ∓ 1.959964 × 5.656854 = 20 ∓ 11.087230.
    const halves = slopeIndexOfInequality([
      { population: 50, value: 30, low: 26.080072, high: 33.919928 },
      { population: 50, value: 40, low: 36.080072, high: 43.919928 },
    ])!;
    expect(halves.coefficients).toEqual([-2, 2]);
    expect(halves.sii).toBeCloseTo(20, 12);
    expect(halves.low).toBeCloseTo(8.91277, 5);
    expect(halves.high).toBeCloseTo(31.08723, 5);
  });

  it('has no value when a group has no population, no interval, or there is only one group', () => {
    const withGroup = (i: number, change: Partial<SiiGroup>) => GROUPS.map((g, j) => (j === i ? { ...g, ...change } : g));
    expect(slopeIndexOfInequality(withGroup(2, { population: 0 }))).toBeNull();
    expect(slopeIndexOfInequality(withGroup(4, { population: -5 }))).toBeNull();
    expect(slopeIndexOfInequality(withGroup(1, { low: null }))).toBeNull();
    expect(slopeIndexOfInequality(withGroup(3, { high: null }))).toBeNull();
    expect(slopeIndexOfInequality(withGroup(0, { low: 74, high: 66 }))).toBeNull();
    expect(slopeIndexOfInequality(GROUPS.slice(0, 1))).toBeNull();
    expect(slopeIndexOfInequality([])).toBeNull();
  });
});
