import * as Plot from '@observablehq/plot';
import type { RateChangeValue } from '@pcsp/contract/compare.contract';
import { compareRow } from '../../../test/fixtures';
import { changeDescription, changeOptions, changePoints, changeTable } from './change.chart';

const change = (difference: number | null, low: number | null, high: number | null, significance: RateChangeValue['significance']): RateChangeValue => ({
  period: '12m',
  fromFirstMonth: '2025-10',
  fromMonth: '2025-10',
  toFirstMonth: '2026-10',
  toMonth: '2026-10',
  previousRate: difference === null ? null : 40,
  currentRate: difference === null ? null : 40 + difference,
  difference,
  low,
  high,
  significance,
});

const rows = [
  compareRow({ code: 'A1', name: 'Alpha', rate: 45, change: change(5, 1.2, 8.8, 'better') }),
  compareRow({ code: 'B2', name: 'Beta', rate: 38, change: change(-2, -6.1, 2.1, 'similar') }),
  compareRow({ code: 'C3', name: 'Gamma', rate: null, change: change(null, null, null, null) }),
  compareRow({ code: 'D4', name: 'Delta', rate: 40 }),
];

describe('change chart', () => {
  it('orders practices with a change from the largest fall to the largest rise', () => {
    expect(changePoints(rows).map((p) => [p.code, p.difference, p.colour])).toEqual([
      ['B2', -2, '#4C6272'],
      ['A1', 5, '#0072B2'],
    ]);
  });

  it('draws a dot and an interval for each', () => {
    const svg = Plot.plot(changeOptions(rows, '%'));
    expect(svg.querySelectorAll('g[aria-label="dot"] circle')).toHaveLength(2);
    // The first rule mark is the line of no change; the second holds the two intervals.
    expect(svg.querySelectorAll('g[aria-label="rule"]')[1]!.querySelectorAll('line')).toHaveLength(2);
  });

  it('tabulates each change in percentage points', () => {
    expect(changeTable(rows, '%').rows).toEqual([
      ['Beta (B2)', '40.0%', '38.0%', '−2.0 percentage points', '−6.1 percentage points to +2.1 percentage points'],
      ['Alpha (A1)', '40.0%', '45.0%', '+5.0 percentage points', '+1.2 percentage points to +8.8 percentage points'],
    ]);
  });

  it('promises no interval or colour for a count, and says so in the table', () => {
    expect(changeDescription('lower_is_better', 'count')).toBe(
      "Each practice's change in its count against the earlier period, ordered from the largest fall to the largest rise. A count's change has no interval, so none is marked significant.",
    );
    const counts = [compareRow({ code: 'C1', name: 'Count', numerator: 12, denominator: null, rate: null, change: { period: '12m', fromFirstMonth: '2025-10', fromMonth: '2025-10', toFirstMonth: '2026-10', toMonth: '2026-10', previousRate: 9, currentRate: 12, difference: 3, low: null, high: null, significance: null } })];
    expect(changeTable(counts, 'count').rows[0]?.[4]).toBe('none for a count');
  });

  it('names the colours of a measure with no better direction as rises and falls', () => {
    const lead = "Each practice's change against the earlier period with its 95% interval, ordered from the largest fall to the largest rise.";
    expect(changeDescription('neither', '%')).toBe(`${lead} Bluish green: a significant rise; reddish purple: a significant fall; grey: no significant change.`);
    expect(changeDescription('lower_is_better', 'per 1,000')).toBe(`${lead} Blue: a significant improvement; orange: a significant worsening; grey: no significant change.`);
    const colours = changePoints([
      compareRow({ code: 'R1', name: 'Rise', rate: 30, change: change(3, 1, 5, 'higher') }),
      compareRow({ code: 'F1', name: 'Fall', rate: 20, change: change(-3, -5, -1, 'lower') }),
    ]).map((p) => [p.code, p.colour]);
    expect(colours).toEqual([['F1', '#CC79A7'], ['R1', '#009E73']]);
  });
});
