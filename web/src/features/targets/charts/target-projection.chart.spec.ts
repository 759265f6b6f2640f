import * as Plot from '@observablehq/plot';
import type { TargetProgressItem } from '@pcsp/contract/targets.contract';
import { LINE_COLOURS } from '../../../charts/palette';
import { fittedLine, targetProjectionOptions, targetProjectionTable } from './target-projection.chart';

// Five months 2026-06 … 2026-10 at 2, 4, 5, 4, 5: the line has slope 0.6 and is 5.2 at 2026-10 (the
// analytics hand calculation); projected to 2026-11: 5.8 with 95% prediction interval 1.7 to 9.9.
const item: TargetProgressItem = {
  target: { id: 't1', measure: 'plan_coverage', org: { code: 'QWE', name: 'NHS North ICB', level: 'icb' }, targetRate: 9, targetMonth: '2026-11', setBy: 'a@b', updatedAt: '2026-11-01T00:00:00Z' },
  inherited: false,
  unit: '%',
  direction: 'higher_is_better',
  finalMonth: '2026-10',
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

  it('fits the y scale to the months, the line, the interval and the target, down to 0 when they lie near it', () => {
    // From 1.675078 to 9.924922: 0 is nearer than half that spread, and a tenth of it (0.8249844) goes above.
    const options = targetProjectionOptions(item);
    expect((options.y?.domain as number[])[0]).toBe(0);
    expect((options.y?.domain as number[])[1]).toBeCloseTo(10.7499064, 9);
    expect(Plot.plot(options).scale('y')?.domain).toEqual([0, 11]);
  });

  it('leaves 0 out when the rates lie far from it, so rates of 20% to 35% fill the chart', () => {
    const far: TargetProgressItem = {
      ...item,
      target: { ...item.target, targetRate: 50, targetMonth: '2027-03' },
      trend: [
        { month: '2026-08', rate: 20 },
        { month: '2026-09', rate: 27.5 },
        { month: '2026-10', rate: 35 },
      ],
      progress: null,
    };
    // 20 to 50 (the target), a tenth of the spread (3) either side.
    const options = targetProjectionOptions(far);
    expect(options.y?.domain).toEqual([17, 53]);
    expect(Plot.plot(options).scale('y')?.domain).toEqual([15, 55]);
  });

  it('stops a percentage at 100, the prediction interval with it', () => {
    const high: TargetProgressItem = {
      ...item,
      target: { ...item.target, targetRate: 95 },
      trend: [
        { month: '2026-08', rate: 90 },
        { month: '2026-09', rate: 94 },
        { month: '2026-10', rate: 98 },
      ],
      progress: { ...item.progress!, slopePerMonth: null, projection: { month: '2026-11', rate: 99, low: 95, high: 103 } },
    };
    // 90 to 100 (the interval's 103 cut to 100), a tenth of that spread below.
    const options = targetProjectionOptions(high);
    expect(options.y?.domain).toEqual([89, 100]);
    const svg = Plot.plot(options);
    const interval = svg.querySelectorAll('g[aria-label="rule"]')[1]!.querySelector('line')!;
    expect([Number(interval.getAttribute('y1')), Number(interval.getAttribute('y2'))]).toEqual([svg.scale('y')!.apply(95), svg.scale('y')!.apply(100)]);
  });

  it('ends the target’s label at the plot’s right edge, inside the figure', () => {
    const svg = Plot.plot(targetProjectionOptions(item, { width: 760 }));
    const label = svg.querySelector('g[aria-label="text"]')!;
    expect(label.getAttribute('text-anchor')).toBe('end');
    // The month after the last one drawn is the end of the x scale: 760 less the default 20 px right margin.
    expect(label.querySelector('text')!.getAttribute('transform')).toMatch(/^translate\(740,/);
    expect(svg.scale('x')!.range).toEqual([56, 740]);
  });

  it('tabulates each month with the line, then the projection with its interval', () => {
    const table = targetProjectionTable(item, 'NHS North ICB');
    expect(table.rows[0]).toEqual(['June 2026', '2.0%', '2.8%', '']);
    expect(table.rows.at(-1)).toEqual(['November 2026 (projection)', '', '5.8%', '1.7% to 9.9%']);
  });

  describe('with a provisional month', () => {
    // The same final months and a provisional 1 in 2026-11, left out of the line (analytics' hand calculation):
    // slope 0.6, 5.2 at 2026-10; projected to 2026-12: 6.4 with 95% prediction interval 1.6 to 11.2.
    const withProvisional: TargetProgressItem = {
      ...item,
      target: { ...item.target, targetMonth: '2026-12' },
      trend: [...item.trend, { month: '2026-11', rate: 1, provisional: true }],
      progress: { ...item.progress!, projection: { month: '2026-12', rate: 6.4, low: 1.636951, high: 11.163049 } },
    };

    it('draws it hollow on a dashed segment from the last final month, apart from the line', () => {
      const svg = Plot.plot(targetProjectionOptions(withProvisional));
      const dots = [...svg.querySelectorAll('g[aria-label="dot"]')];
      // The projection, the five final months, the provisional month (white fill).
      expect(dots.map((d) => [d.getAttribute('fill'), d.querySelectorAll('circle').length])).toEqual([
        [LINE_COLOURS.parent, 1],
        [LINE_COLOURS.org, 5],
        ['white', 1],
      ]);
      const lines = [...svg.querySelectorAll('g[aria-label="line"]')];
      // The fitted line (6,3), the final months, then October → November dashed.
      expect(lines.map((l) => l.getAttribute('stroke-dasharray'))).toEqual(['6,3', null, '4,3']);
      // The fitted line still runs from 2026-06 (5.2 − 4 × 0.6 = 2.8) to the target month (6.4).
      expect(fittedLine(withProvisional).map((p) => [p.month, Math.round(p.value * 10) / 10])).toEqual([['2026-06', 2.8], ['2026-12', 6.4]]);
    });

    it('marks it in the table as not in the trend line and names the months fitted in the caption', () => {
      const table = targetProjectionTable(withProvisional, 'NHS North ICB');
      // The line at 2026-11: 5.2 + 0.6 = 5.8.
      expect(table.rows.at(-2)).toEqual(['November 2026 (provisional, not in the trend line)', '1.0%', '5.8%', '']);
      expect(table.caption).toBe('NHS North ICB: the 12 final months to October 2026, the provisional months after them and the projection');
    });
  });
});
