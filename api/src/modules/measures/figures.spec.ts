import { DuckDBInstance } from '@duckdb/node-api';
import { DEFAULT_DISCLOSURE_POLICY, findMeasure, type MeasureDefinition } from '@pcsp/analytics';
import { CELL_MACROS_SQL } from '../../../../analytics/src/sql/snapshot-results.sql';
import { CREATE_STATS_MACROS_SQL } from '../../../../analytics/src/sql/stats-macros.sql';
import type { FunnelLimitsValue } from '../../contract/compare.contract';
import { changeOf, comparisonOf, disclosedFigures, figuresOf, funnelAgainst, type Counts } from './figures';

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
const overdueReviews = measure('overdue_reviews'); // a count at the month's end, lower is better

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

  describe('a rate per 1,000 (binomial limits as for %, scaled by 1,000)', () => {
    it('flags 100 lower and 900 higher around 500 at n = 20', () => {
      // ICB 20/40: p0 = 0.5; n = 20: √(0.5·0.5/20) = √0.0125 = 0.111803398874989.
      // 95%: 1,000 · (0.5 ∓ 1.959964 · it = 0.219130636872620) = 280.869363127380 to 719.130636872620;
      // 99.8%: 1,000 · (0.5 ∓ 3.090232 · it = 0.345498440912257) = 154.501559087743 to 845.498440912257.
      // 2/20 = 100 < 154.50: lower, better (lower is better); 18/20 = 900 > 845.50: higher, worse.
      const icb: Counts = { numerator: 20, denominator: 40 };
      const limits = { low95: 280.86936312738, high95: 719.13063687262, low998: 154.501559087743, high998: 845.498440912257 };
      const cases: [number, string, string][] = [[2, 'lower', 'better'], [18, 'higher', 'worse'], [10, 'similar', 'similar']];
      for (const [numerator, flag, comparison] of cases) {
        const funnel = funnelAgainst(emergencyAdmissions, { numerator, denominator: 20 }, icb);
        expectLimits(funnel.limits, limits);
        expect([numerator, funnel.flag, comparisonOf(emergencyAdmissions, funnel.flag)]).toEqual([numerator, flag, comparison]);
      }
    });

    it('clamps the limits to 0 and 1,000, as a percentage’s to 0 and 100', () => {
      // ICB 4/40: p0 = 0.1; n = 20: √(0.1·0.9/20) = √0.0045 = 0.0670820393249937; 1.959964 · it = 0.131478382123572,
      // 3.090232 · it = 0.207299064547354. 95%: 0.1 − 0.1315 < 0 → 0 to 231.478382123572; 99.8%: 0 to 307.299064547354.
      // A group with no admissions is not below 0: similar.
      const low = funnelAgainst(emergencyAdmissions, { numerator: 0, denominator: 20 }, { numerator: 4, denominator: 40 });
      expectLimits(low.limits, { low95: 0, high95: 231.478382123572, low998: 0, high998: 307.299064547354 });
      expect([low.limits?.low95, low.limits?.low998, low.flag]).toEqual([0, 0, 'similar']);
      // ICB 36/40: p0 = 0.9, the same √0.0045. 95%: 768.521617876428 to 1,031.48 → 1,000; 99.8%: 692.700935452646 to
      // 1,107.30 → 1,000. 20/20 = 1,000 is not above 1,000: similar; 25/20 = 1,250 is: higher, worse.
      const icb: Counts = { numerator: 36, denominator: 40 };
      const high = { low95: 768.521617876428, high95: 1000, low998: 692.700935452646, high998: 1000 };
      for (const [numerator, flag] of [[20, 'similar'], [25, 'higher']] as const) {
        const funnel = funnelAgainst(emergencyAdmissions, { numerator, denominator: 20 }, icb);
        expectLimits(funnel.limits, high);
        expect([funnel.limits?.high95, funnel.limits?.high998, funnel.flag]).toEqual([1000, 1000, flag]);
      }
      expect(comparisonOf(emergencyAdmissions, 'higher')).toBe('worse');
    });

    it('gives no limits and no flag where the ICB has more admissions than people (p0 > 1)', () => {
      // ICB 60/40: p0 = 1.5, p0(1 − p0) < 0: the binomial limits do not exist.
      for (const numerator of [0, 30, 50]) {
        expect(funnelAgainst(emergencyAdmissions, { numerator, denominator: 20 }, { numerator: 60, denominator: 40 })).toEqual({ limits: null, flag: null });
      }
      // At p0 = 1 exactly (ICB 40/40) they exist and have no width: 1,000 to 1,000.
      expect(funnelAgainst(emergencyAdmissions, { numerator: 30, denominator: 20 }, { numerator: 40, denominator: 40 })).toEqual({
        limits: { low95: 1000, high95: 1000, low998: 1000, high998: 1000 },
        flag: 'higher',
      });
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

  it('rounds counts and computes a rate per 1,000 with its Wilson interval from them, scaled by 1,000', () => {
    // 12 → 10, 43 → 45: 10/45 · 1,000 = 222.222…; Wilson of 10/45 as in the percentage above (0.125446854752485 to
    // 0.362692922956451) × 1,000 = 125.446854752485 to 362.692922956451.
    const f = disclosedFigures(emergencyAdmissions, { numerator: 12, denominator: 43 }, DEFAULT_DISCLOSURE_POLICY);
    expect([f.numerator, f.denominator, f.suppressed]).toEqual([10, 45, false]);
    expect(f.rate as number).toBeCloseTo(222.222222222222, 10);
    expect(f.ciLow as number).toBeCloseTo(125.446854752485, 10);
    expect(f.ciHigh as number).toBeCloseTo(362.692922956451, 10);
  });

  it('shows 0 as 0, not suppressed', () => {
    // 0/45 (43 rounded): rate 0; Wilson at 0 events: low 0, high (z² + z·√z²)/(2(45 + z²)) = z²/(45 + z²)
    // = 3.841458881296/48.841458881296 = 0.078651599876086 → 78.651599876086 per 1,000.
    const f = disclosedFigures(emergencyAdmissions, { numerator: 0, denominator: 43 }, DEFAULT_DISCLOSURE_POLICY);
    expect([f.numerator, f.denominator, f.rate, f.ciLow, f.suppressed]).toEqual([0, 45, 0, 0, false]);
    expect(f.ciHigh as number).toBeCloseTo(78.651599876086, 10);
  });

  it('gives a rate per 1,000 with more admissions than people its rate but no interval', () => {
    // 62 → 60, 38 → 40: 60/40 · 1,000 = 1,500; z² + 4·60·(1 − 1.5) = 3.841459 − 120 < 0: Wilson has no root.
    expect(disclosedFigures(emergencyAdmissions, { numerator: 62, denominator: 38 }, DEFAULT_DISCLOSURE_POLICY)).toEqual({
      numerator: 60, denominator: 40, rate: 1500, ciLow: null, ciHigh: null, suppressed: false,
    });
  });

  it('shows the exact counts when the policy is off', () => {
    // 3/40 = 7.5%; Wilson → 2.58360255732625% to 19.8642336516432%.
    const f = disclosedFigures(planCoverage, { numerator: 3, denominator: 40 }, { ...DEFAULT_DISCLOSURE_POLICY, enabled: false });
    expect([f.numerator, f.denominator, f.rate, f.suppressed]).toEqual([3, 40, 7.5, false]);
    expect(f.ciLow as number).toBeCloseTo(2.58360255732625, 10);
    expect(f.ciHigh as number).toBeCloseTo(19.8642336516432, 10);
  });
});

describe('figuresOf: the twin of the engine’s cell macros', () => {
  it('gives the rate and interval the snapshot gives, null exactly where it is NULL (more events than people)', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      await connection.run(CREATE_STATS_MACROS_SQL);
      await connection.run(CELL_MACROS_SQL);
      const reader = await connection.runAndReadAll(`
        SELECT unit, num, den, cell_rate(unit, num, den) AS rate, cell_ci_low(unit, num, den) AS low, cell_ci_high(unit, num, den) AS high
        FROM (VALUES ('%'), ('per 1,000')) u(unit), (SELECT range::DOUBLE AS num FROM range(0, 26)) a(num),
             (VALUES (0.0), (1.0), (4.0), (20.0), (45.0), (800.0)) d(den)
        ORDER BY unit, num, den`);
      const rows = reader.getRowObjectsJS() as { unit: string; num: number; den: number; rate: number | null; low: number | null; high: number | null }[];
      expect(rows).toHaveLength(2 * 26 * 6);
      const close = (ts: number | null, sql: number | null) =>
        ts === null || sql === null ? ts === sql : Math.abs(ts - sql) <= 1e-12 * Math.max(1, Math.abs(sql));
      const mismatches = rows.filter((row) => {
        const f = figuresOf(row.unit === '%' ? planCoverage : emergencyAdmissions, { numerator: row.num, denominator: row.den });
        return !(close(f.rate, row.rate) && close(f.ciLow, row.low) && close(f.ciHigh, row.high));
      });
      expect(mismatches).toEqual([]);
      // Per 1,000, the cells with a rate but no interval are those with num > den: 2 to 25 over 1 (24), 5 to 25 over 4
      // (21), 21 to 25 over 20 (5).
      const noInterval = rows.filter((row) => row.unit === 'per 1,000' && row.rate !== null && row.low === null);
      expect(noInterval).toHaveLength(24 + 21 + 5);
      expect(noInterval.every((row) => row.num > row.den && row.high === null)).toBe(true);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it('gives 120 admissions among 800 people 150 per 1,000, Wilson 126.931864208236 to 176.413349188258', () => {
    // p = 0.15, z² = 3.841458881296; √(z² + 4·120·0.85) = √411.841458881296 = 20.2938773742549, × 1.959964 =
    // 39.7752690739542; (240 + z² ∓ it) / (2·803.841458881296) = 0.126931864208236 to 0.176413349188258, × 1,000.
    const f = figuresOf(emergencyAdmissions, { numerator: 120, denominator: 800 });
    expect(f.rate).toBe(150);
    expect(f.ciLow as number).toBeCloseTo(126.931864208236, 10);
    expect(f.ciHigh as number).toBeCloseTo(176.413349188258, 10);
  });
});

describe('changeOf: the change between two periods, as the compare page and report cards show it', () => {
  it('pools a percentage over 3 months: the later period is its own pooled rate, not the last month’s', () => {
    // year-on-year at 2026-10: 2026-08 to 2026-10 against 2025-08 to 2025-10. PERIOD_TOTALS_SQL sums each period's
    // cells: now 30/100 + 44/110 + 60/120 = 134/330 = 40.60606…% (the last month alone is 50%, the mean of the three
    // monthly rates 40%); then 20/100 + 22/110 + 24/120 = 66/330 = 20%; change 68/330 = 20.60606… percentage points.
    // Newcombe (z = 1.959964, z² = 3.841459): Wilson of 134/330: spread = z·√(z² + 4·134·(196/330)) = z·√(3.841459 +
    // 318.351515) = 35.180834, scale = 2(330 + z²) = 667.682918, low = (268 + 3.841459 − 35.180834)/667.682918 = 0.354451,
    // high = (268 + 3.841459 + 35.180834)/667.682918 = 0.459832; of 66/330: spread = z·√(3.841459 + 211.2) = 28.741484,
    // low = (132 + 3.841459 − 28.741484)/667.682918 = 0.160405, high = (132 + 3.841459 + 28.741484)/667.682918 = 0.246499.
    // δ = √((0.406061 − 0.354451)² + (0.246499 − 0.2)²) = 0.069467, ε = √((0.459832 − 0.406061)² + (0.2 − 0.160405)²) = 0.066777:
    // low = 20.6061 − 6.9467 = 13.6593, high = 20.6061 + 6.6777 = 27.2837 percentage points, above 0: better.
    const change = changeOf(planCoverage, 'year-on-year', '2026-10', { numerator: 134, denominator: 330 }, { numerator: 66, denominator: 330 });
    expect(change).toMatchObject({ period: 'year-on-year', fromFirstMonth: '2025-08', fromMonth: '2025-10', toFirstMonth: '2026-08', toMonth: '2026-10', previousRate: 20, significance: 'better' });
    expect(change.currentRate).toBeCloseTo((100 * 134) / 330, 10);
    expect(change.difference).toBeCloseTo((100 * 68) / 330, 10);
    expect(change.low).toBeCloseTo(13.6593, 3);
    expect(change.high).toBeCloseTo(27.2837, 3);
  });

  it('averages a count over 3 months: the average count a month, the change that of the monthly level', () => {
    // Overdue reviews are a stock at each month's end. year-on-year at 2026-10: now 14 + 15 + 17 = 46 over 3 months,
    // 15.333… a month; then 10 + 12 + 11 = 33, 11 a month; change 46/3 − 11 = 13/3 = 4.333… a month (summed: 46 − 33 = 13).
    const change = changeOf(overdueReviews, 'year-on-year', '2026-10', { numerator: 46, denominator: null }, { numerator: 33, denominator: null });
    expect(change).toMatchObject({ fromFirstMonth: '2025-08', fromMonth: '2025-10', toFirstMonth: '2026-08', toMonth: '2026-10', previousRate: 11, low: null, high: null, significance: null });
    expect(change.currentRate).toBeCloseTo(46 / 3, 10);
    expect(change.difference).toBeCloseTo(13 / 3, 10);
  });

  it('keeps one-month periods as they were: the month’s count, rate and change', () => {
    // 12m at 2026-10 of a count: 9 in 2025-10, 12 in 2026-10, +3.
    expect(changeOf(overdueReviews, '12m', '2026-10', { numerator: 12, denominator: null }, { numerator: 9, denominator: null })).toEqual({
      period: '12m', fromFirstMonth: '2025-10', fromMonth: '2025-10', toFirstMonth: '2026-10', toMonth: '2026-10',
      previousRate: 9, currentRate: 12, difference: 3, low: null, high: null, significance: null,
    });
    // quarter at 2026-10 of a %: 40/100 in 2026-07, 45/100 in 2026-10, +5 points. Wilson of 45/100: spread =
    // z·√(3.841459 + 99) = 19.876147, scale 207.682918, (90 + 3.841459 ∓ 19.876147)/207.682918 = 0.356145, 0.547554; of 40/100:
    // spread = z·√(3.841459 + 96) = 19.584097, (80 + 3.841459 ∓ 19.584097)/207.682918 = 0.309401, 0.497997. δ = √(0.093855² +
    // 0.097997²) = 0.135691, ε = √(0.097554² + 0.090599²) = 0.133135: −8.5691 to +18.3135, across 0: similar.
    const quarter = changeOf(planCoverage, 'quarter', '2026-10', { numerator: 45, denominator: 100 }, { numerator: 40, denominator: 100 });
    expect(quarter).toMatchObject({ fromFirstMonth: '2026-07', fromMonth: '2026-07', toFirstMonth: '2026-10', toMonth: '2026-10', previousRate: 40, currentRate: 45, significance: 'similar' });
    expect(quarter.difference).toBeCloseTo(5, 10);
    expect(quarter.low).toBeCloseTo(-8.5691, 3);
    expect(quarter.high).toBeCloseTo(18.3135, 3);
    // 12m per 1,000: 120/800 = 150 then, 150/800 = 187.5 now, +37.5; Poisson spread 1000·z·√(150 + 120)/800 =
    // 1000·1.959964·16.431677/800 = 40.2569: −2.7569 to 77.7569, similar.
    const admissions = changeOf(emergencyAdmissions, '12m', '2026-10', { numerator: 150, denominator: 800 }, { numerator: 120, denominator: 800 });
    expect(admissions).toMatchObject({ fromFirstMonth: '2025-10', toFirstMonth: '2026-10', previousRate: 150, currentRate: 187.5, difference: 37.5, significance: 'similar' });
    expect(admissions.low).toBeCloseTo(-2.7569, 3);
    expect(admissions.high).toBeCloseTo(77.7569, 3);
  });

  it('gives neither rate without both periods’ figures, but still names the periods', () => {
    expect(changeOf(planCoverage, 'year-on-year', '2026-01', { numerator: 5, denominator: 10 }, undefined)).toEqual({
      period: 'year-on-year', fromFirstMonth: '2024-11', fromMonth: '2025-01', toFirstMonth: '2025-11', toMonth: '2026-01',
      previousRate: null, currentRate: null, difference: null, low: null, high: null, significance: null,
    });
    expect(changeOf(planCoverage, '12m', '2026-01', { numerator: 5, denominator: 10 }, { numerator: 0, denominator: 0 })).toMatchObject({ previousRate: null, currentRate: null, difference: null });
  });
});
