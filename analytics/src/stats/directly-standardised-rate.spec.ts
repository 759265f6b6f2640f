import { directlyStandardisedRate } from './directly-standardised-rate';

describe('directlyStandardisedRate', () => {
  it('weights stratum rates by the standard population and gives Dobson’s interval (hand calculation)', () => {
    // Standard 600 and 400 → weights 0.6 and 0.4; stratum rates 10/100 = 0.10 and 30/200 = 0.15.
    // DSR = 0.6 × 0.10 + 0.4 × 0.15 = 0.12. V = 0.6² × 10/100² + 0.4² × 30/200² = 0.00036 + 0.00012 = 0.00048.
    // O = 40. Byar: O_L = 40 (1 − 1/360 − 1.959964/(3√40))³ = 40 × 0.893923³ = 28.57330,
    // O_U = 41 (1 − 1/369 + 1.959964/(3√41))³ = 54.47010.
    // DSR ± √(V/O)(O_limit − O): √(0.00048/40) = 0.0034641; low 0.12 − 0.0034641 × 11.42670 = 0.080417,
    // high 0.12 + 0.0034641 × 14.47010 = 0.170126. Per 100: 12, 8.0417, 17.0126.
    const dsr = directlyStandardisedRate(
      [
        { standard: 600, events: 10, population: 100 },
        { standard: 400, events: 30, population: 200 },
      ],
      100,
    );
    expect(dsr.rate).toBeCloseTo(12, 10);
    expect(dsr.low).toBeCloseTo(8.0417, 4);
    expect(dsr.high).toBeCloseTo(17.0126, 4);
    expect(dsr.events).toBe(40);
    expect(dsr.population).toBe(300);
  });

  it('equals the crude rate when the group has the standard’s structure', () => {
    // Both strata at 20%: any weights give 20%.
    const dsr = directlyStandardisedRate([
      { standard: 1, events: 20, population: 100 },
      { standard: 3, events: 60, population: 300 },
    ]);
    expect(dsr.rate).toBeCloseTo(0.2, 12);
  });

  it('has no interval below 10 events, as Fingertips publishes none', () => {
    const dsr = directlyStandardisedRate([{ standard: 5, events: 9, population: 50 }], 100);
    expect(dsr.rate).toBeCloseTo(18, 12);
    expect(dsr.low).toBeNull();
    expect(dsr.high).toBeNull();
  });

  it('rejects a stratum without people and an empty standard', () => {
    expect(() => directlyStandardisedRate([{ standard: 5, events: 0, population: 0 }])).toThrow('stratum 1 has no people');
    expect(() => directlyStandardisedRate([{ standard: 0, events: 1, population: 2 }])).toThrow('standard population is empty');
    expect(() => directlyStandardisedRate([])).toThrow('at least one stratum');
  });
});
