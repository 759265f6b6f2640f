import { DEFAULT_DISCLOSURE_POLICY, findMeasure, type MeasureDefinition } from '@pcsp/analytics';
import type { FunnelLimitsValue } from '../../contract/compare.contract';
import { comparisonOf, disclosedFigures, funnelAgainst, type Counts } from './figures';

// A practice group is compared with its ICB at request time (measures.md "Statistics"): funnel limits around the ICB's
// rate for the group's denominator, flagged outside the 99.8% limits, coloured by the measure's polarity. Limits are
// worked out by hand (bc, 30 digits) and checked to 10 decimal places, well inside what a double keeps at these sizes.

const measure = (id: string): MeasureDefinition => {
  const found = findMeasure(id);
  if (!found) throw new Error(`no measure ${id}`);
  return found;
};
const planCoverage = measure('plan_coverage'); // %, higher is better
const pcaRate = measure('pca_rate'); // %, lower is better
const emergencyAdmissions = measure('emergency_admissions'); // per 1,000, lower is better

function expectLimits(actual: FunnelLimitsValue | null, expected: FunnelLimitsValue): void {
  expect(actual).not.toBeNull();
  const limits = actual as FunnelLimitsValue;
  expect(limits.low95).toBeCloseTo(expected.low95, 10);
  expect(limits.high95).toBeCloseTo(expected.high95, 10);
  expect(limits.low998).toBeCloseTo(expected.low998, 10);
  expect(limits.high998).toBeCloseTo(expected.high998, 10);
}

describe('funnelAgainst: a group against its ICB', () => {
  describe('a percentage (binomial limits)', () => {
    // ICB 450/1,000: p0 = 0.45; group n = 100: √(0.45·0.55/100) = √0.002475 = 0.0497493718553310.
    // 95%: ± 1.959964 · it = 0.0975070 → 35.2493022140938% to 54.7506977859062%;
    // 99.8%: ± 3.090232 · it = 0.1537371 → 29.6262899112757% to 60.3737100887243%.
    const icb: Counts = { numerator: 450, denominator: 1000 };
    const limits = { low95: 35.2493022140938, high95: 54.7506977859062, low998: 29.6262899112757, high998: 60.3737100887243 };

    it('flags 20% lower: worse where higher is better, better where lower is better', () => {
      const funnel = funnelAgainst(planCoverage, { numerator: 20, denominator: 100 }, icb);
      expectLimits(funnel.limits, limits);
      expect(funnel.flag).toBe('lower'); // 20 < 29.6263
      expect(comparisonOf(planCoverage, funnel.flag)).toBe('worse');
      expect(comparisonOf(pcaRate, funnelAgainst(pcaRate, { numerator: 20, denominator: 100 }, icb).flag)).toBe('better');
    });

    it('flags 70% higher: better where higher is better, worse where lower is better', () => {
      const funnel = funnelAgainst(planCoverage, { numerator: 70, denominator: 100 }, icb);
      expectLimits(funnel.limits, limits);
      expect(funnel.flag).toBe('higher'); // 70 > 60.3737
      expect(comparisonOf(planCoverage, funnel.flag)).toBe('better');
      expect(comparisonOf(pcaRate, funnelAgainst(pcaRate, { numerator: 70, denominator: 100 }, icb).flag)).toBe('worse');
    });

    it('leaves 30% similar: outside the 95% limits but inside the 99.8% ones', () => {
      const funnel = funnelAgainst(planCoverage, { numerator: 30, denominator: 100 }, icb);
      expectLimits(funnel.limits, limits);
      expect(funnel.flag).toBe('similar'); // 29.6263 ≤ 30 < 35.2493
      expect(comparisonOf(planCoverage, funnel.flag)).toBe('similar');
    });
  });

  describe('a rate per 1,000 (Poisson limits, λ0 ± z·√(λ0/n) floored at 0)', () => {
    it('leaves 100 and 900 similar around 500 at n = 20, where binomial limits would flag both', () => {
      // ICB 20/40: λ0 = 0.5; n = 20: √(0.5/20) = 0.158113883008419.
      // 95%: 1,000 · (0.5 ∓ 1.959964 · it) = 190.102481403287 to 809.897518596713;
      // 99.8%: 1,000 · (0.5 ∓ 3.090232 · it) = 11.391419083127 to 988.608580916873 (binomial: 154.50 to 845.50).
      const icb: Counts = { numerator: 20, denominator: 40 };
      const limits = { low95: 190.102481403287, high95: 809.897518596713, low998: 11.391419083127, high998: 988.608580916873 };
      for (const numerator of [2, 18]) {
        const funnel = funnelAgainst(emergencyAdmissions, { numerator, denominator: 20 }, icb);
        expectLimits(funnel.limits, limits);
        expect(funnel.flag).toBe('similar');
        expect(comparisonOf(emergencyAdmissions, funnel.flag)).toBe('similar');
      }
    });

    it('floors the lower limits at 0, so a group with no admissions is not flagged', () => {
      // ICB 18/40: λ0 = 0.45; n = 20: √0.0225 = 0.15. 95%: 0.45 ∓ 0.2939946 → 156.0054 to 743.9946;
      // 99.8%: 0.45 − 0.4635348 < 0 → 0, high 913.5348. A rate of 0 is not below 0.
      const funnel = funnelAgainst(emergencyAdmissions, { numerator: 0, denominator: 20 }, { numerator: 18, denominator: 40 });
      expectLimits(funnel.limits, { low95: 156.0054, high95: 743.9946, low998: 0, high998: 913.5348 });
      expect(funnel.limits?.low998).toBe(0);
      expect(funnel.flag).toBe('similar');
    });

    it('flags below and above the 99.8% limits, better and worse as lower is better, with λ0 above 1', () => {
      // ICB 60/40: λ0 = 1.5 admissions a person (binomial limits do not exist); n = 20: √(1.5/20) = √0.075 = 0.273861278752583.
      // 95%: 1.5 ∓ 0.536758247349028 → 963.241752650972 to 2,036.758247349028;
      // 99.8%: 1.5 ∓ 0.846294887162152 → 653.705112837848 to 2,346.294887162152.
      // 10/20 = 500 < 653.71: lower, better; 50/20 = 2,500 > 2,346.29: higher, worse; 30/20 = 1,500: similar.
      const icb: Counts = { numerator: 60, denominator: 40 };
      const limits = { low95: 963.241752650972, high95: 2036.758247349028, low998: 653.705112837848, high998: 2346.294887162152 };
      const cases: [number, string, string][] = [[10, 'lower', 'better'], [50, 'higher', 'worse'], [30, 'similar', 'similar']];
      for (const [numerator, flag, comparison] of cases) {
        const funnel = funnelAgainst(emergencyAdmissions, { numerator, denominator: 20 }, icb);
        expectLimits(funnel.limits, limits);
        expect([numerator, funnel.flag, comparisonOf(emergencyAdmissions, funnel.flag)]).toEqual([numerator, flag, comparison]);
      }
    });
  });

  it('gives no limits or flag for a count, without an ICB figure, or for an empty group or ICB', () => {
    const none = { limits: null, flag: null };
    expect(funnelAgainst(measure('overdue_reviews'), { numerator: 5, denominator: null }, { numerator: 50, denominator: null })).toEqual(none);
    expect(funnelAgainst(planCoverage, { numerator: 5, denominator: 10 }, undefined)).toEqual(none);
    expect(funnelAgainst(planCoverage, { numerator: 0, denominator: 0 }, { numerator: 450, denominator: 1000 })).toEqual(none);
    expect(funnelAgainst(emergencyAdmissions, { numerator: 2, denominator: 20 }, { numerator: 0, denominator: 0 })).toEqual(none);
  });
});

describe('disclosedFigures: a breakdown cell under the default policy', () => {
  it('suppresses a count of 1 to 7, and the rate with it', () => {
    // 3 is suppressed; 40 is a multiple of 5 and would be shown.
    expect(disclosedFigures(planCoverage, { numerator: 3, denominator: 40 }, DEFAULT_DISCLOSURE_POLICY)).toEqual({
      numerator: null, denominator: 40, rate: null, ciLow: null, ciHigh: null, suppressed: true,
    });
    expect(disclosedFigures(planCoverage, { numerator: 12, denominator: 5 }, DEFAULT_DISCLOSURE_POLICY)).toMatchObject({
      denominator: null, rate: null, suppressed: true,
    });
  });

  it('rounds counts to the nearest 5 and computes a percentage and its Wilson interval from them', () => {
    // 12 → 10, 43 → 45: 10/45 = 22.2222…%. Wilson, z² = 3.841458881296: centre (10 + 1.920729)/48.841459,
    // half-width 1.959964 · √(10·35/45 + 0.960365)/48.841459 → 12.5446854752485% to 36.2692922956451%.
    const f = disclosedFigures(planCoverage, { numerator: 12, denominator: 43 }, DEFAULT_DISCLOSURE_POLICY);
    expect([f.numerator, f.denominator, f.suppressed]).toEqual([10, 45, false]);
    expect(f.rate as number).toBeCloseTo(22.2222222222222, 10);
    expect(f.ciLow as number).toBeCloseTo(12.5446854752485, 10);
    expect(f.ciHigh as number).toBeCloseTo(36.2692922956451, 10);
  });

  it('rounds counts and computes a rate per 1,000 with its Byar interval from them', () => {
    // 10/45 · 1,000 = 222.222…; Byar with 10 events: 10 · (1 − 1/90 − 1.959964/(3√10))³ · 1,000/45 = 106.387775201084,
    // 11 · (1 − 1/99 + 1.959964/(3√11))³ · 1,000/45 = 408.699081733041.
    const f = disclosedFigures(emergencyAdmissions, { numerator: 12, denominator: 43 }, DEFAULT_DISCLOSURE_POLICY);
    expect([f.numerator, f.denominator, f.suppressed]).toEqual([10, 45, false]);
    expect(f.rate as number).toBeCloseTo(222.222222222222, 10);
    expect(f.ciLow as number).toBeCloseTo(106.387775201084, 10);
    expect(f.ciHigh as number).toBeCloseTo(408.699081733041, 10);
  });

  it('shows 0 as 0, not suppressed', () => {
    // 0/45 (43 rounded): rate 0; exact Poisson upper limit for 0 events 3.688879454113936 · 1,000/45 = 81.9750989803097.
    const f = disclosedFigures(emergencyAdmissions, { numerator: 0, denominator: 43 }, DEFAULT_DISCLOSURE_POLICY);
    expect([f.numerator, f.denominator, f.rate, f.ciLow, f.suppressed]).toEqual([0, 45, 0, 0, false]);
    expect(f.ciHigh as number).toBeCloseTo(81.9750989803097, 10);
  });

  it('shows the exact counts when the policy is off', () => {
    // 3/40 = 7.5%; Wilson → 2.58360255732625% to 19.8642336516432%.
    const f = disclosedFigures(planCoverage, { numerator: 3, denominator: 40 }, { ...DEFAULT_DISCLOSURE_POLICY, enabled: false });
    expect([f.numerator, f.denominator, f.rate, f.suppressed]).toEqual([3, 40, 7.5, false]);
    expect(f.ciLow as number).toBeCloseTo(2.58360255732625, 10);
    expect(f.ciHigh as number).toBeCloseTo(19.8642336516432, 10);
  });
});
