import { comparePlanOutcomes, type PlanStratumCounts } from './plan-outcome-comparison';

const row = (stratum: string, plan: boolean, events: number, people: number, standard: number): PlanStratumCounts => ({ stratum, plan, events, people, standard });

describe('comparePlanOutcomes', () => {
  it('standardises both groups over the strata they share, removing a difference made by who has a plan', () => {
    // Old people do better in both groups (60% vs 20%), and most people with a plan are old:
    //   old:   with 60/100, without 12/20;  young: with 4/20, without 20/100.
    // Standard (area): old 300, young 700, and a third stratum (standard 1,000) where only people with a plan are (5/10).
    // Crude: with (60 + 4 + 5)/130 = 53.08%, without 32/120 = 26.67%: a gap made by who has a plan.
    // Standardised over old and young (weights 0.3, 0.7): both 0.3 × 60 + 0.7 × 20 = 32%.
    // Share of the standard covered: 1,000 / 2,000 = 0.5.
    const rows = [
      row('old', true, 60, 100, 300),
      row('old', false, 12, 20, 300),
      row('young', true, 4, 20, 700),
      row('young', false, 20, 100, 700),
      row('middle', true, 5, 10, 1000),
    ];
    const result = comparePlanOutcomes(rows, 2000, 100, { proportion: true });
    expect(result.withPlan.crude.rate).toBeCloseTo((100 * 69) / 130, 10);
    expect(result.withoutPlan.crude.rate).toBeCloseTo((100 * 32) / 120, 10);
    expect(result.withPlan.standardised?.rate).toBeCloseTo(32, 10);
    expect(result.withoutPlan.standardised?.rate).toBeCloseTo(32, 10);
    expect(result.withPlan.standardised?.events).toBe(64);
    expect(result.strata).toBe(2);
    expect(result.standardCovered).toBe(0.5);
  });

  it('has no standardised rate when the groups share no stratum, and rejects a stratum given twice', () => {
    const result = comparePlanOutcomes([row('a', true, 1, 2, 5), row('b', false, 1, 2, 5)], 10, 100, { proportion: true });
    expect(result.withPlan.standardised).toBeNull();
    expect(result.standardCovered).toBe(0);
    expect(() => comparePlanOutcomes([row('a', true, 1, 2, 5), row('a', true, 1, 2, 5)], 10, 100, { proportion: true })).toThrow('stratum a appears twice');
  });

  it("cuts the upper limit of a proportion at 100%, where Dobson's Poisson interval passes it", () => {
    // With a plan: women 16/20 (0.8), men 5/10 (0.5); standard women 70, men 30: DSR 0.7 × 80 + 0.3 × 50 = 71%.
    // O = 21, V = 0.7² × 16/20² + 0.3² × 5/10² = 0.0196 + 0.0045 = 0.0241, √(V/O) = 0.033877;
    // Byar(21) = 12.994396 to 32.102240: 0.71 − 0.0338766 × 8.005604 = 0.4387969, 0.71 + 0.0338766 × 11.102240 = 1.0861062.
    const rows = [row('F', true, 16, 20, 70), row('F', false, 10, 20, 70), row('M', true, 5, 10, 30), row('M', false, 4, 10, 30)];
    const round = (x: number | null | undefined) => (x == null ? x : Math.round(x * 100) / 100);
    const rate = comparePlanOutcomes(rows, 100, 1000, { proportion: false }).withPlan.standardised;
    expect([round(rate?.rate), round(rate?.low), round(rate?.high)]).toEqual([710, 438.8, 1086.11]);
    const share = comparePlanOutcomes(rows, 100, 100, { proportion: true }).withPlan.standardised;
    expect([round(share?.rate), round(share?.low), share?.high]).toEqual([71, 43.88, 100]);
  });
});
