import { pooledEstimate } from './pooled-estimate';

describe('pooledEstimate (DerSimonian–Laird)', () => {
  it('pools agreeing estimates as the fixed-effect mean (τ² = 0)', () => {
    // y = 1, 2 with se 1, 1: w = 1, 1; mean 1.5; Q = 0.25 + 0.25 = 0.5 < k − 1 = 1 → τ² = 0; se = 1/√2.
    const pooled = pooledEstimate([
      { estimate: 1, standardError: 1 },
      { estimate: 2, standardError: 1 },
    ]);
    expect(pooled?.estimate).toBeCloseTo(1.5, 12);
    expect(pooled?.tau2).toBe(0);
    expect(pooled?.q).toBeCloseTo(0.5, 12);
    expect(pooled?.standardError).toBeCloseTo(Math.SQRT1_2, 12);
    expect(pooled?.low).toBeCloseTo(1.5 - 1.959964 * Math.SQRT1_2, 12);
  });

  it('widens for heterogeneity (hand calculation)', () => {
    // y = 0, 2, 6 with se 1, 1, 2: w = 1, 1, 0.25, Σw = 2.25; fixed = (0 + 2 + 1.5)/2.25 = 1.5556;
    // Q = 1.5556² + 0.4444² + 0.25 × 4.4444² = 2.4198 + 0.1975 + 4.9383 = 7.5556;
    // c = 2.25 − (1 + 1 + 0.0625)/2.25 = 1.3333; τ² = (7.5556 − 2)/1.3333 = 4.1667;
    // w* = 1/5.1667, 1/5.1667, 1/8.1667 = 0.19355, 0.19355, 0.12245; Σ = 0.50955;
    // pooled = (0 + 0.38710 + 0.73469)/0.50955 = 2.20155; se = 1/√0.50955 = 1.4009.
    const pooled = pooledEstimate([
      { estimate: 0, standardError: 1 },
      { estimate: 2, standardError: 1 },
      { estimate: 6, standardError: 2 },
    ]);
    expect(pooled?.q).toBeCloseTo(7.5556, 4);
    expect(pooled?.tau2).toBeCloseTo(4.1667, 4);
    expect(pooled?.estimate).toBeCloseTo(2.20155, 4);
    expect(pooled?.standardError).toBeCloseTo(1.4009, 4);
    expect(pooled?.units).toBe(3);
  });

  it('is null for no units and rejects a zero standard error', () => {
    expect(pooledEstimate([])).toBeNull();
    expect(() => pooledEstimate([{ estimate: 1, standardError: 0 }])).toThrow('positive standard error');
  });
});
