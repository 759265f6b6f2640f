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
    const result = comparePlanOutcomes(rows, 2000, 100);
    expect(result.withPlan.crude.rate).toBeCloseTo((100 * 69) / 130, 10);
    expect(result.withoutPlan.crude.rate).toBeCloseTo((100 * 32) / 120, 10);
    expect(result.withPlan.standardised?.rate).toBeCloseTo(32, 10);
    expect(result.withoutPlan.standardised?.rate).toBeCloseTo(32, 10);
    expect(result.withPlan.standardised?.events).toBe(64);
    expect(result.strata).toBe(2);
    expect(result.standardCovered).toBe(0.5);
  });

  it('has no standardised rate when the groups share no stratum, and rejects a stratum given twice', () => {
    const result = comparePlanOutcomes([row('a', true, 1, 2, 5), row('b', false, 1, 2, 5)], 10, 100);
    expect(result.withPlan.standardised).toBeNull();
    expect(result.standardCovered).toBe(0);
    expect(() => comparePlanOutcomes([row('a', true, 1, 2, 5), row('a', true, 1, 2, 5)], 10, 100)).toThrow('stratum a appears twice');
  });
});
