import * as Plot from '@observablehq/plot';
import { FUNNEL_ROWS, LIMITS_100, LIMITS_400 } from '../test/fixtures';
import { funnelLimitLines, funnelPlotOptions, funnelPointTitle, funnelPoints, funnelTable } from './funnel-plot.chart';

describe('funnel plot', () => {
  it('places only rows with a rate and a denominator', () => {
    const points = funnelPoints(FUNNEL_ROWS);
    expect(points.map((p) => [p.code, p.denominator, p.rate, p.comparison])).toEqual([
      ['B00002', 400, 30, 'worse'],
      ['A00001', 100, 50, 'similar'],
      ['D00004', 100, 70, 'better'],
    ]);
  });

  it('draws each limit through the rows ordered by denominator, once per denominator', () => {
    const lines = funnelLimitLines(FUNNEL_ROWS);
    // n = 100 appears twice (A and D) and is drawn once; n = 400 follows it.
    expect(lines.filter((l) => l.limit === '99.8% upper')).toEqual([
      { denominator: 100, value: LIMITS_100.high998, limit: '99.8% upper' },
      { denominator: 400, value: LIMITS_400.high998, limit: '99.8% upper' },
    ]);
    expect(lines.filter((l) => l.limit === '95% lower').map((l) => l.value)).toEqual([40.20018, 45.10009]);
    expect(lines).toHaveLength(8);
  });

  it('titles a point with its name and figures', () => {
    const [riverside] = funnelPoints(FUNNEL_ROWS);
    expect(funnelPointTitle(riverside!, '%')).toBe(
      'Riverside Surgery (B00002)\nRate: 30.0% (95% CI 25.7% to 34.7%)\nNumerator: 120\nDenominator: 400\nWorse than expected',
    );
  });

  it('renders one symbol per practice, coloured by comparison, with four limit lines and the benchmark', () => {
    const svg = Plot.plot(funnelPlotOptions({ rows: FUNNEL_ROWS, benchmark: 50, benchmarkName: 'ICB', unit: '%' }));
    const dots = svg.querySelectorAll('g[aria-label="dot"] > *');
    expect(dots).toHaveLength(3);
    const fills = [...dots].map((d) => d.getAttribute('fill')).sort();
    expect(fills).toEqual(['#0072B2', '#4C6272', '#D55E00'].sort());
    expect(svg.querySelectorAll('g[aria-label="line"]')).toHaveLength(4);
    expect(svg.querySelectorAll('g[aria-label="rule"]')).toHaveLength(1);
  });

  it('lists every row in the numbers table, with no data for a closed practice', () => {
    const table = funnelTable(FUNNEL_ROWS, '%');
    expect(table.rows[2]).toEqual(['Closed Practice (C00003)', 'no data', 'no data', 'no data', 'no data', 'no data']);
    expect(table.rows[0]).toEqual(['Riverside Surgery (B00002)', '120', '400', '30.0%', '42.3% to 57.7%', 'Worse than expected']);
  });
});
