import * as Plot from '@observablehq/plot';
import type { RateChangeValue } from '@pcsp/contract/compare.contract';
import { compareRow } from '../../../test/fixtures';
import { changeDescription, changeOptions, changePoints, changeSpan, changeTable } from './change.chart';

/** A 12-month change at 2026-10 from `previous` to `current` (null: no change), as the API gives it. */
const change = (previous: number | null, current: number | null, low: number | null, high: number | null, significance: RateChangeValue['significance']): RateChangeValue => ({
  period: '12m',
  fromFirstMonth: '2025-10',
  fromMonth: '2025-10',
  toFirstMonth: '2026-10',
  toMonth: '2026-10',
  previousRate: previous,
  currentRate: current,
  difference: previous === null || current === null ? null : current - previous,
  low,
  high,
  significance,
});

/** year-on-year at 2026-10: August to October 2026 against August to October 2025, each period's figure over its 3 months. */
const yearOnYear = (previous: number, current: number, low: number | null, high: number | null, significance: RateChangeValue['significance']): RateChangeValue => ({
  period: 'year-on-year',
  fromFirstMonth: '2025-08',
  fromMonth: '2025-10',
  toFirstMonth: '2026-08',
  toMonth: '2026-10',
  previousRate: previous,
  currentRate: current,
  difference: current - previous,
  low,
  high,
  significance,
});

const rows = [
  compareRow({ code: 'A1', name: 'Alpha', rate: 45, change: change(40, 45, 1.2, 8.8, 'better') }),
  compareRow({ code: 'B2', name: 'Beta', rate: 38, change: change(40, 38, -6.1, 2.1, 'similar') }),
  compareRow({ code: 'C3', name: 'Gamma', rate: null, change: change(null, null, null, null, null) }),
  compareRow({ code: 'D4', name: 'Delta', rate: 40 }),
];

const LEAD_12M = "Each practice's rate in October 2026 against October 2025: the change with its 95% interval, ordered from the largest fall to the largest rise.";
const COLOURS = 'Blue: a significant improvement; orange: a significant worsening; grey: no significant change.';
const COUNT_TAIL = "the change, ordered from the largest fall to the largest rise. A count's change has no interval, so none is marked significant.";

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

  it('tabulates each change in percentage points, the columns naming the two months', () => {
    expect(changeSpan(rows)).toEqual({ earlier: 'October 2025', later: 'October 2026', months: 1 });
    const table = changeTable(rows, '%');
    expect(table.caption).toBe('Change by practice: rate in October 2026 against October 2025');
    expect(table.columns).toEqual(['Practice', 'October 2025', 'October 2026', 'Change', '95% interval of the change']);
    expect(table.rows).toEqual([
      ['Beta (B2)', '40.0%', '38.0%', '−2.0 percentage points', '−6.1 percentage points to +2.1 percentage points'],
      ['Alpha (A1)', '40.0%', '45.0%', '+5.0 percentage points', '+1.2 percentage points to +8.8 percentage points'],
    ]);
    expect(changeDescription('higher_is_better', '%', changeSpan(rows))).toBe(`${LEAD_12M} ${COLOURS}`);
  });

  it('over 3 months, shows the later period’s pooled rate, not the month’s, and names both periods', () => {
    // The API's pooled figures (figures.spec.ts): 66/330 = 20% in August to October 2025, 134/330 = 40.606% in August
    // to October 2026, +20.606 points, 13.659 to 27.284. October 2026 alone is 60/120 = 50%, the row's rate.
    const pooled = [compareRow({ code: 'A1', name: 'Alpha', numerator: 60, denominator: 120, rate: 50, change: yearOnYear(20, (100 * 134) / 330, 13.6593, 27.2837, 'better') })];
    const table = changeTable(pooled, '%');
    expect(table.caption).toBe('Change by practice: rate in August to October 2026 against August to October 2025');
    expect(table.columns).toEqual(['Practice', 'August to October 2025', 'August to October 2026', 'Change', '95% interval of the change']);
    expect(table.rows).toEqual([['Alpha (A1)', '20.0%', '40.6%', '+20.6 percentage points', '+13.7 percentage points to +27.3 percentage points']]);
    expect(changeDescription('higher_is_better', '%', changeSpan(pooled))).toBe(
      `Each practice's rate in August to October 2026 against August to October 2025, each period's numerators and denominators summed over its 3 months: the change with its 95% interval, ordered from the largest fall to the largest rise. ${COLOURS}`,
    );
    // The point's tip names the earlier period, not only its last month.
    const options = changeOptions(pooled, '%');
    const dot = (options.marks as Plot.Markish[])[2] as Plot.Dot & { channels: { title: { value: (d: unknown) => string } } };
    const title = dot.channels.title.value;
    expect(title(changePoints(pooled)[0])).toBe('Alpha (A1)\n+20.6 percentage points (20.0% in August to October 2025)');
  });

  it('over 3 months, shows a count as its average a month with one decimal', () => {
    // Overdue reviews of 10 + 12 + 11 = 33 then and 14 + 15 + 17 = 46 now: 11 and 15.333 a month, +4.333 a month;
    // the row's count, 17, is October 2026's.
    const counts = [compareRow({ code: 'C1', name: 'Count', numerator: 17, denominator: null, rate: null, change: yearOnYear(11, 46 / 3, null, null, null) })];
    const table = changeTable(counts, 'count');
    expect(table.caption).toBe('Change by practice: average count a month in August to October 2026 against August to October 2025');
    expect(table.columns.slice(1, 3)).toEqual(['August to October 2025', 'August to October 2026']);
    expect(table.rows).toEqual([['Count (C1)', '11.0 a month', '15.3 a month', '+4.3 a month', 'none for a count']]);
    expect(changeDescription('lower_is_better', 'count', changeSpan(counts))).toBe(`Each practice's average count a month in August to October 2026 against August to October 2025: ${COUNT_TAIL}`);
  });

  it('promises no interval or colour for a count over one month, and says so in the table, in whole numbers', () => {
    const counts = [compareRow({ code: 'C1', name: 'Count', numerator: 12, denominator: null, rate: null, change: change(9, 12, null, null, null) })];
    expect(changeDescription('lower_is_better', 'count', changeSpan(counts))).toBe(`Each practice's count in October 2026 against October 2025: ${COUNT_TAIL}`);
    expect(changeTable(counts, 'count').rows).toEqual([['Count (C1)', '9', '12', '+3', 'none for a count']]);
  });

  it('names the colours of a measure with no better direction as rises and falls', () => {
    const span = changeSpan(rows);
    expect(changeDescription('neither', '%', span)).toBe(`${LEAD_12M} Bluish green: a significant rise; reddish purple: a significant fall; grey: no significant change.`);
    expect(changeDescription('lower_is_better', 'per 1,000', span)).toBe(`${LEAD_12M} ${COLOURS}`);
    const colours = changePoints([
      compareRow({ code: 'R1', name: 'Rise', rate: 30, change: change(27, 30, 1, 5, 'higher') }),
      compareRow({ code: 'F1', name: 'Fall', rate: 20, change: change(23, 20, -5, -1, 'lower') }),
    ]).map((p) => [p.code, p.colour]);
    expect(colours).toEqual([['F1', '#CC79A7'], ['R1', '#009E73']]);
  });
});
