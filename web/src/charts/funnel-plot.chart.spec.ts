import * as Plot from '@observablehq/plot';
import { compareRow, FUNNEL_ROWS, LIMITS_100, LIMITS_400 } from '../test/fixtures';
import { funnelLegendItems, funnelLimitLines, funnelPlotOptions, funnelPointTitle, funnelPoints, funnelTable } from './funnel-plot.chart';

/**
 * A practice with a rate but no comparison: the API gave no limits (its benchmark had no rate, or for a rate per 1,000
 * p0 above 1). 90 / 200 = 45%; Wilson 95%: (90 + 1.92074) / 203.8415 = 0.45094 ± 0.0096151 × √(49.5 + 0.96037)
 * = ± 0.06830, so 38.3% to 51.9%.
 */
const HARBOUR = compareRow({ code: 'E00005', name: 'Harbour Medical Practice', numerator: 90, denominator: 200, rate: 45, ciLow: 38.3, ciHigh: 51.9, rank: 4 });

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

  it('picks out the highlighted practice on a dark disc under its own symbol, labelled, and nothing without one', () => {
    const svg = Plot.plot(funnelPlotOptions({ rows: FUNNEL_ROWS, benchmark: 50, benchmarkName: 'ICB', unit: '%', highlight: 'A00001' }));
    const [disc, points] = [...svg.querySelectorAll('g[aria-label="dot"]')];
    // One disc of radius 9 (twice the points' 4.5), drawn before the points so that they sit on it.
    const circles = disc!.querySelectorAll('circle');
    expect(circles).toHaveLength(1);
    expect(circles[0]!.getAttribute('r')).toBe('9');
    expect(disc!.getAttribute('fill')).toBe('#212B32');
    // Centred on Hill Street Practice (A00001, 'similar', grey #4C6272), the second row of FUNNEL_ROWS.
    const hill = points!.querySelectorAll('path')[1]!;
    expect(hill.getAttribute('fill')).toBe('#4C6272');
    expect(hill.getAttribute('transform')).toBe(`translate(${circles[0]!.getAttribute('cx')},${circles[0]!.getAttribute('cy')})`);
    const label = svg.querySelector('g[aria-label="text"] text')!;
    expect(label.textContent).toBe('Your practice');
    expect(label.getAttribute('transform')).toBe(hill.getAttribute('transform'));

    const plain = Plot.plot(funnelPlotOptions({ rows: FUNNEL_ROWS, benchmark: 50, benchmarkName: 'ICB', unit: '%' }));
    expect(plain.querySelectorAll('g[aria-label="dot"]')).toHaveLength(1);
    expect(plain.querySelector('g[aria-label="text"]')).toBeNull();
  });

  it('lists every row in the numbers table, with no data for a closed practice', () => {
    const table = funnelTable(FUNNEL_ROWS, '%');
    expect(table.rows[2]).toEqual(['Closed Practice (C00003)', 'no data', 'no data', 'no data', 'no data', 'no data']);
    expect(table.rows[0]).toEqual(['Riverside Surgery (B00002)', '120', '400', '30.0%', '42.3% to 57.7%', 'Worse than expected']);
    // A practice lead's own practice is named as theirs in the table too, as on the chart.
    expect(funnelTable(FUNNEL_ROWS, '%', 'B00002').rows[0]?.[0]).toBe('Riverside Surgery (B00002), your practice');
  });

  it('ends the table’s caption with a provisional month’s note', () => {
    // lib/provisional's provisionalMonthNote for plan_shared in October 2026 (its wording is tested there).
    const note = 'October 2026 is provisional: plans agreed in its last 28 days may not yet be recorded as shared, so figures may rise at the next refresh';
    expect(funnelTable(FUNNEL_ROWS, '%', null, note).caption).toBe(
      'Each practice on the funnel plot. October 2026 is provisional: plans agreed in its last 28 days may not yet be recorded as shared, so figures may rise at the next refresh.',
    );
    expect(funnelTable(FUNNEL_ROWS, '%').caption).toBe('Each practice on the funnel plot');
  });

  describe('a practice not compared (no limits, so no comparison)', () => {
    it('is its own class, not similar, and leaves the others’ classes as they were', () => {
      expect(funnelPoints([...FUNNEL_ROWS, HARBOUR]).map((p) => [p.code, p.comparison])).toEqual([
        ['B00002', 'worse'],
        ['A00001', 'similar'],
        ['D00004', 'better'],
        ['E00005', 'not compared'],
      ]);
    });

    it('is titled not compared', () => {
      const harbour = funnelPoints([HARBOUR])[0]!;
      expect(funnelPointTitle(harbour, '%')).toBe('Harbour Medical Practice (E00005)\nRate: 45.0% (95% CI 38.3% to 51.9%)\nNumerator: 90\nDenominator: 200\nNot compared');
    });

    it('is drawn as a hollow grey circle apart from the compared points, whose colours are unchanged', () => {
      const svg = Plot.plot(funnelPlotOptions({ rows: [...FUNNEL_ROWS, HARBOUR], benchmark: 50, benchmarkName: 'ICB', unit: '%' }));
      const [compared, notCompared] = [...svg.querySelectorAll('g[aria-label="dot"]')];
      expect([...compared!.children].map((d) => d.getAttribute('fill')).sort()).toEqual(['#0072B2', '#4C6272', '#D55E00'].sort());
      expect([notCompared!.getAttribute('fill'), notCompared!.getAttribute('stroke'), notCompared!.getAttribute('stroke-width')]).toEqual(['white', '#4C6272', '1.5']);
      expect(notCompared!.querySelectorAll('circle')).toHaveLength(1);
    });

    it('draws every point hollow where none is compared (a benchmark with no rate)', () => {
      const rows = [HARBOUR, compareRow({ code: 'F00006', name: 'Quay Surgery', numerator: 30, denominator: 50, rate: 60 })];
      const svg = Plot.plot(funnelPlotOptions({ rows, benchmark: null, benchmarkName: 'ICB', unit: '%' }));
      // Plot draws nothing for the empty mark of compared points: the one dot mark is the hollow one.
      const dots = svg.querySelectorAll('g[aria-label="dot"]');
      expect(dots).toHaveLength(1);
      expect(dots[0]!.getAttribute('fill')).toBe('white');
      expect(dots[0]!.querySelectorAll('circle')).toHaveLength(2);
      expect(svg.querySelectorAll('g[aria-label="line"] path')).toHaveLength(0);
    });

    it('has a legend entry, hollow, only where such a point is drawn', () => {
      const compared = [
        { label: 'Better than expected', colour: '#0072B2', shape: 'dot', symbol: 'triangle' },
        { label: 'Similar to expected', colour: '#4C6272', shape: 'dot', symbol: 'circle' },
        { label: 'Worse than expected', colour: '#D55E00', shape: 'dot', symbol: 'diamond' },
      ];
      expect(funnelLegendItems(FUNNEL_ROWS)).toEqual(compared);
      expect(funnelLegendItems([...FUNNEL_ROWS, HARBOUR])).toEqual([...compared, { label: 'Not compared', colour: '#4C6272', shape: 'dot', symbol: 'circle', hollow: true }]);
      // The closed practice has no comparison either, but it is not drawn.
      expect(funnelLegendItems(FUNNEL_ROWS.filter((r) => r.closed)).map((i) => i.label)).toEqual([]);
    });

    it('says Not compared in the numbers table, with no limits, where a practice with no rate has no data', () => {
      const table = funnelTable([...FUNNEL_ROWS, HARBOUR], '%');
      expect(table.rows[4]).toEqual(['Harbour Medical Practice (E00005)', '90', '200', '45.0%', 'none', 'Not compared']);
      expect(table.rows[2]).toEqual(['Closed Practice (C00003)', 'no data', 'no data', 'no data', 'no data', 'no data']);
      expect(table.rows[1]?.[5]).toBe('Similar to expected');
    });
  });
});
