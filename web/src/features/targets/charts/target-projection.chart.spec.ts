import * as Plot from '@observablehq/plot';
import type { TargetProgressItem } from '@pcsp/contract/targets.contract';
import { fittedLine, targetProjectionOptions, targetProjectionTable } from './target-projection.chart';

// Five months 2026-06 … 2026-10 at 2, 4, 5, 4, 5: the line has slope 0.6 and is 5.2 at 2026-10 (the
// analytics hand calculation); projected to 2026-11: 5.8 with 95% prediction interval 1.7 to 9.9.
const item: TargetProgressItem = {
  target: { id: 't1', measure: 'plan_coverage', org: { code: 'QWE', name: 'NHS North ICB', level: 'icb' }, targetRate: 9, targetMonth: '2026-11', setBy: 'a@b', updatedAt: '2026-11-01T00:00:00Z' },
  inherited: false,
  unit: '%',
  direction: 'higher_is_better',
  trend: [
    { month: '2026-06', rate: 2 },
    { month: '2026-07', rate: 4 },
    { month: '2026-08', rate: 5 },
    { month: '2026-09', rate: 4 },
    { month: '2026-10', rate: 5 },
  ],
  progress: {
    latestMonth: '2026-10',
    latestRate: 5,
    slopePerMonth: 0.6,
    lineAtLatest: 5.2,
    trendFrom: '2026-06',
    trendTo: '2026-10',
    projection: { month: '2026-11', rate: 5.8, low: 1.675078, high: 9.924922 },
    gap: 4,
    status: 'uncertain',
  },
  practices: [],
  pcns: [],
};

describe('target projection chart', () => {
  it('carries the fitted line from its first month to the target month', () => {
    // 5.2 − 4 × 0.6 = 2.8 at 2026-06; 5.2 + 0.6 = 5.8 at 2026-11.
    const line = fittedLine(item);
    expect(line.map((p) => p.month)).toEqual(['2026-06', '2026-11']);
    expect(line[0]!.value).toBeCloseTo(2.8, 12);
    expect(line[1]!.value).toBeCloseTo(5.8, 12);
    expect(fittedLine({ ...item, progress: null })).toEqual([]);
  });

  it('draws the months, the line, the interval and the target', () => {
    const svg = Plot.plot(targetProjectionOptions(item));
    const dots = svg.querySelectorAll('g[aria-label="dot"]');
    expect(dots).toHaveLength(2);
    expect(dots[1]!.querySelectorAll('circle')).toHaveLength(5);
    expect(svg.querySelectorAll('g[aria-label="rule"]')).toHaveLength(2);
    expect(svg.querySelector('g[aria-label="text"]')?.textContent).toBe('Target 9.0%');
    expect(svg.querySelectorAll('g[aria-label="line"]')).toHaveLength(2);
  });

  it('tabulates each month with the line, then the projection with its interval', () => {
    const table = targetProjectionTable(item, 'NHS North ICB');
    expect(table.rows[0]).toEqual(['June 2026', '2.0%', '2.8%', '']);
    expect(table.rows.at(-1)).toEqual(['November 2026 (projection)', '', '5.8%', '1.7% to 9.9%']);
  });
});
