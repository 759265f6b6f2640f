import * as Plot from '@observablehq/plot';
import { TREND_POINTS } from '../test/fixtures';
import { trendLegend, trendOptions, trendShape, trendTable } from './trend.chart';

const names = { org: 'Hill Street Practice', parent: 'NHS North ICB', england: 'England' };

describe('trend chart', () => {
  it('leaves the suppressed month out of the organisation line and band but keeps the parent and England', () => {
    const shape = trendShape(TREND_POINTS, '%');
    expect(shape.org.map((v) => [v.month, v.value])).toEqual([['2026-08', 40], ['2026-10', 45]]);
    expect(shape.band.map((b) => [b.low, b.high])).toEqual([[30.9, 49.8], [35.6, 54.8]]);
    expect(shape.parent.map((v) => v.value)).toEqual([42, 43, 44]);
    expect(shape.england.map((v) => v.value)).toEqual([45, 45.5, 46]);
    expect(shape.org[0]!.date.toISOString()).toBe('2026-08-01T00:00:00.000Z');
  });

  it('shows the numerator of a count measure and no parent lines', () => {
    const shape = trendShape([{ ...TREND_POINTS[0]!, numerator: 17, denominator: null, rate: null, ciLow: null, ciHigh: null }], 'count');
    expect(shape.org.map((v) => v.value)).toEqual([17]);
    expect(shape.parent).toEqual([]);
  });

  it('names each line in the legend', () => {
    expect(trendLegend(names, trendShape(TREND_POINTS, '%')).map((i) => i.label)).toEqual([
      'Hill Street Practice',
      '95% confidence interval',
      'NHS North ICB',
      'England',
    ]);
  });

  it('draws the band, the parent, England and the organisation', () => {
    const svg = Plot.plot(trendOptions({ points: TREND_POINTS, unit: '%', names }));
    expect(svg.querySelectorAll('g[aria-label="area"]')).toHaveLength(1);
    expect(svg.querySelectorAll('g[aria-label="line"]')).toHaveLength(3);
    expect(svg.querySelectorAll('g[aria-label="dot"] circle')).toHaveLength(2);
  });

  it('labels a small multiple’s y axis with its measure’s unit', () => {
    const label = (unit: '%' | 'per 1,000' | 'count') =>
      Plot.plot(trendOptions({ points: TREND_POINTS, unit, names, compact: true, width: 360, height: 180 })).querySelector('g[aria-label="y-axis label"]')?.textContent;
    expect(label('%')).toBe('↑ %');
    expect(label('per 1,000')).toBe('↑ per 1,000');
    expect(label('count')).toBe('↑ count');
  });

  it('leaves England out beside England itself', () => {
    const england = { org: 'England', parent: null, england: 'England' };
    expect(trendTable(TREND_POINTS, '%', england).columns).toEqual(['Month', 'Numerator', 'Denominator', 'England', '95% confidence interval']);
    expect(trendLegend(england, trendShape(TREND_POINTS, '%')).map((i) => i.label)).toEqual(['England', '95% confidence interval']);
    const svg = Plot.plot(trendOptions({ points: TREND_POINTS, unit: '%', names: england }));
    expect(svg.querySelectorAll('g[aria-label="line"]')).toHaveLength(1);
  });

  it('shows the suppressed month as suppressed in the numbers, never 0', () => {
    const table = trendTable(TREND_POINTS, '%', names);
    expect(table.columns).toEqual(['Month', 'Numerator', 'Denominator', 'Hill Street Practice', '95% confidence interval', 'NHS North ICB', 'England']);
    expect(table.rows[1]).toEqual(['September 2026', 'suppressed', 'suppressed', 'suppressed', 'suppressed', '43.0%', '45.5%']);
    expect(table.rows[2]).toEqual(['October 2026', '45', '100', '45.0%', '35.6% to 54.8%', '44.0%', '46.0%']);
  });
});
