import { evaluateTraining, type CoverageCell } from './training-evaluation';

const cell = (practice: string, monthIndex: number, numerator: number, denominator: number): CoverageCell => ({ practice, monthIndex, numerator, denominator });

describe('evaluateTraining', () => {
  it('takes the difference in differences against practices not trained by 12 months after (hand calculation)', () => {
    // A trained in month 100: 20/100 at month 99, 50/100 at month 112.
    // Controls: B never trained 30/100 → 40/100; C trained in 113 (after 112) 10/50 → 20/50.
    // D trained in 112 is not a control. Controls summed: 40/150 = 26.667% → 60/150 = 40%.
    // DiD = (50 − 20) − (40 − 26.667) = 16.667 points.
    // Variance: .2×.8/100 + .5×.5/100 + (.26667×.73333)/150 + .4×.6/150 = .0016 + .0025 + .0013037 + .0016
    // = .0070037 → se = 100 × √.0070037 = 8.3688 points.
    const cells = [
      cell('A', 99, 20, 100), cell('A', 112, 50, 100),
      cell('B', 99, 30, 100), cell('B', 112, 40, 100),
      cell('C', 99, 10, 50), cell('C', 112, 20, 50),
      cell('D', 99, 90, 100), cell('D', 112, 10, 100),
    ];
    const result = evaluateTraining(cells, [
      { practice: 'A', monthIndex: 100 },
      { practice: 'C', monthIndex: 113 },
      { practice: 'D', monthIndex: 112 },
      // A refresher later: only the first training counts.
      { practice: 'A', monthIndex: 105 },
    ]);
    const a = result.practices.find((p) => p.practice === 'A');
    expect(a?.trainingMonthIndex).toBe(100);
    const did = a?.differenceInDifferences;
    expect(did?.controls).toBe(2);
    expect(did?.controlBefore).toBeCloseTo(26.6667, 4);
    expect(did?.controlAfter).toBeCloseTo(40, 12);
    expect(did?.effect.estimate).toBeCloseTo(16.6667, 4);
    expect(did?.effect.standardError).toBeCloseTo(8.3688, 4);
    expect(did?.effect.low).toBeCloseTo(16.6667 - 1.959964 * 8.3688, 3);
    // C has no month 125 and D no month 124: A alone has an estimate, too few to pool.
    expect(result.practices.find((p) => p.practice === 'C')?.differenceInDifferences).toBeNull();
    expect(result.pooled.differenceInDifferences).toBeNull();
    // Too few months for a time series.
    expect(a?.timeSeries).toBeNull();
  });

  it('averages the differences in differences with a jackknife over every practice involved (hand calculation)', () => {
    // A and B trained in month 100; C and D never. Changes from month 99 to 112 (points):
    // A 20 → 50 (+30), B 40 → 60 (+20), C 30 → 40, D 10 → 30; controls summed 40/200 = 20% → 70/200 = 35% (+15).
    // DiD: A 15, B 5; mean 10. Leave out A: 5; B: 15; C (controls D: +20): A 10, B 0 → 5; D (controls C: +10):
    // A 20, B 10 → 15. Jackknife: mean of replicates 10, variance (4 − 1)/4 × (25 + 25 + 25 + 25) = 75, se √75 = 8.6603.
    const cells = [
      cell('A', 99, 20, 100), cell('A', 112, 50, 100),
      cell('B', 99, 40, 100), cell('B', 112, 60, 100),
      cell('C', 99, 30, 100), cell('C', 112, 40, 100),
      cell('D', 99, 10, 100), cell('D', 112, 30, 100),
    ];
    const pooled = evaluateTraining(cells, [{ practice: 'A', monthIndex: 100 }, { practice: 'B', monthIndex: 100 }]).pooled.differenceInDifferences;
    expect(pooled?.estimate).toBeCloseTo(10, 10);
    expect(pooled?.standardError).toBeCloseTo(Math.sqrt(75), 10);
    expect(pooled?.units).toBe(2);
    expect(pooled?.replicates).toBe(4);
  });

  it('recovers level and slope changes from a segmented series', () => {
    // Coverage 30 + 0.5 t before training (t = month − training month, from −10 to −1), then
    // 30 + 0.5 t + 5 + 0.25 t from t = 0 to 9: the fit is exact (its errors are tested in ordinary-least-squares.spec.ts).
    const cells: CoverageCell[] = [];
    for (let t = -10; t < 10; t++) {
      const y = 30 + 0.5 * t + (t >= 0 ? 5 + 0.25 * t : 0);
      cells.push(cell('A', 200 + t, y * 10, 1000));
    }
    const result = evaluateTraining(cells, [{ practice: 'A', monthIndex: 200 }]);
    const its = result.practices[0].timeSeries;
    expect(its?.months).toBe(20);
    expect(its?.slopeBefore.estimate).toBeCloseTo(0.5, 10);
    expect(its?.levelChange.estimate).toBeCloseTo(5, 10);
    expect(its?.slopeChange.estimate).toBeCloseTo(0.25, 10);
    // 5 + 12 × 0.25
    expect(its?.effectAt12.estimate).toBeCloseTo(8, 10);
    expect(its?.levelChange.standardError).toBeCloseTo(0, 10);
    // Mean coverage by months from training: one practice, so its own values.
    expect(result.eventTime[0]).toEqual({ offset: -10, meanCoverage: 25, practices: 1 });
    expect(result.practices[0].differenceInDifferences).toBeNull();
  });
});
