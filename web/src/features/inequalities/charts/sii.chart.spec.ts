import * as Plot from '@observablehq/plot';
import type { SeriesLine, SeriesPoint } from '@pcsp/contract/series.contract';
import { seriesPoint } from '../../../test/fixtures';
import { deprivationSiiValues, formatChangeInterval, latestSeriesMonth, shortfallWords, siiOptions, siiShortfall, siiTable, siiTip } from './sii.chart';

/**
 * Five quintiles of 100 people each, rates 50, 52, 55, 58, 60 for quintiles 1 to 5, every interval 10 wide (rate ± 5).
 * Ordered 5, 4, 3, 2, 1: x = 0.1, 0.3, 0.5, 0.7, 0.9, x̄ = 0.5, Σ n (x − x̄)² = 100 (0.16 + 0.04 + 0 + 0.04 + 0.16) = 40,
 * c = 100 (x − x̄) / 40 = −1, −0.5, 0, 0.5, 1; SII = −60 − 29 + 0 + 26 + 50 = −13 (most minus least deprived).
 * Half-width 1.959964 √(Σ c² (10 / (2 × 1.959964))²) = √(100 + 25 + 0 + 25 + 100) / 2 = √250 / 2 = 7.905694:
 * (−20.905694, −5.094306), shown −13.0 (−20.9 to −5.1).
 */
const RATES = { 1: 50, 2: 52, 3: 55, 4: 58, 5: 60 } as const;

/** The five quintile lines with these points in each of `months`, `change` applied to each quintile's. */
function lines(months: string | string[], change: (q: 1 | 2 | 3 | 4 | 5) => Partial<SeriesPoint> = () => ({})): SeriesLine[] {
  return ([1, 2, 3, 4, 5] as const).map((q) => ({
    breakdown: `imd_quintile=${q}`,
    label: String(q),
    points: [months].flat().map((m) => seriesPoint(m, { numerator: RATES[q], denominator: 100, rate: RATES[q], ciLow: RATES[q] - 5, ciHigh: RATES[q] + 5, ...change(q) })),
  }));
}

describe('SII chart', () => {
  it('gives each month’s SII, most minus least deprived, and marks a provisional month in the table', () => {
    const values = deprivationSiiValues(lines('2026-11', () => ({ provisional: true })));
    expect(values).toHaveLength(1);
    expect(values[0]!.sii).toBeCloseTo(-13, 12);
    expect(values[0]!.low).toBeCloseTo(-20.905694, 5);
    expect(values[0]!.high).toBeCloseTo(-5.094306, 5);
    expect(siiTable(values, '%').rows).toEqual([['November 2026 (provisional)', '−13.0 percentage points', '−20.9 to −5.1 percentage points']]);
    expect(siiTable(values, 'per 1,000').rows).toEqual([['November 2026 (provisional)', '−13.0 per 1,000', '−20.9 to −5.1 per 1,000']]);
    expect(siiTip(values[0]!, '%')).toBe('November 2026 (provisional)\nSII, most minus least deprived: −13.0 percentage points (95% CI −20.9 to −5.1 percentage points)');
  });

  it('has no SII in a month where a quintile lacks an interval or a population, and says which', () => {
    const noInterval = lines('2026-10', (q) => (q === 2 ? { ciLow: null, ciHigh: null } : {}));
    expect(deprivationSiiValues(noInterval)).toEqual([]);
    expect(siiShortfall(noInterval, '2026-10')).toEqual({ suppressed: [], missing: [2] });
    const noPopulation = lines('2026-10', (q) => (q === 4 ? { denominator: 0 } : {}));
    expect(deprivationSiiValues(noPopulation)).toEqual([]);
    expect(siiShortfall(noPopulation, '2026-10')).toEqual({ suppressed: [], missing: [4] });
    const hidden = lines('2026-10', (q) => (q <= 3 ? { rate: null, ciLow: null, ciHigh: null, numerator: null, denominator: null, suppressed: true } : {}));
    expect(shortfallWords(siiShortfall(hidden, '2026-10'))).toBe('quintiles 1, 2 and 3 are suppressed');
    expect(shortfallWords(siiShortfall(lines('2026-10').slice(1), '2026-10'))).toBe('quintile 1 has none');
    expect(latestSeriesMonth(lines(['2026-09', '2026-10']))).toBe('2026-10');
    expect(latestSeriesMonth([])).toBeNull();
  });

  it('writes an interval’s sign as a change is written, its unit once', () => {
    expect(formatChangeInterval(1.25, 3.4, '%')).toBe('+1.3 to +3.4 percentage points');
    expect(formatChangeInterval(0, 3.4, 'per 1,000')).toBe('0.0 to +3.4 per 1,000');
  });

  it('draws the interval as a band, or as a whisker for a single month, and the line of no difference', () => {
    const one = Plot.plot(siiOptions(deprivationSiiValues(lines('2026-10')), '%'));
    expect(one.querySelectorAll('g[aria-label="rule"]')).toHaveLength(2);
    expect(one.querySelectorAll('g[aria-label="dot"] circle')).toHaveLength(1);
    const two = Plot.plot(siiOptions(deprivationSiiValues(lines(['2026-09', '2026-10'])), '%'));
    expect(two.querySelectorAll('g[aria-label="area"] path')).toHaveLength(1);
    expect(two.querySelectorAll('g[aria-label="rule"]')).toHaveLength(1);
    expect(two.querySelectorAll('g[aria-label="dot"] circle')).toHaveLength(2);
  });
});
