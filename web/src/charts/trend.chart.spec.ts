import * as Plot from '@observablehq/plot';
import { TREND_POINTS } from '../test/fixtures';
import { seriesPoint } from '../test/fixtures';
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

  it('says a rate per 1,000 without an interval has none, where admissions outnumber people', () => {
    // 9 admissions among 5 people in October: 1,800 per 1,000, beyond Wilson's interval of a proportion.
    const points = [TREND_POINTS[2]!, { ...TREND_POINTS[2]!, numerator: 9, denominator: 5, rate: 1800, ciLow: null, ciHigh: null }];
    const table = trendTable(points, 'per 1,000', names);
    expect(table.rows.map((r) => r[4])).toEqual(['35.6 per 1,000 to 54.8 per 1,000', 'none (more admissions than people)']);
  });

  describe('provisional months', () => {
    // 2026-08 and 2026-10 as in TREND_POINTS (2026-09 suppressed), then 2026-11 at 30% provisional.
    const points = [...TREND_POINTS, seriesPoint('2026-11', { numerator: 30, denominator: 100, rate: 30, ciLow: 21.9, ciHigh: 39.6, parentRate: 41, englandRate: 44, provisional: true })];
    // lib/provisional's provisionalNote for plan_shared (its wording is tested there).
    const note = 'Provisional: plans agreed in a month’s last 28 days may not yet be recorded as shared, so figures may rise at the next refresh';

    it('draws the provisional month as a hollow point on a dashed segment from the last final month', () => {
      const shape = trendShape(points, '%');
      expect(shape.provisional.map((v) => [v.month, v.value])).toEqual([['2026-11', 30]]);
      const svg = Plot.plot(trendOptions({ points, unit: '%', names }));
      // Solid organisation line 2026-08 → 2026-10, dashed 2026-10 → 2026-11; parent and England.
      const lines = [...svg.querySelectorAll('g[aria-label="line"]')];
      expect(lines.map((g) => g.getAttribute('stroke-dasharray'))).toEqual(['6,3', '2,3', null, '4,3']);
      expect(lines[3]!.querySelector('path')?.getAttribute('d')?.match(/[ML]/g)).toEqual(['M', 'L']);
      // Two filled points (2026-08, 2026-10) and one hollow (2026-11).
      const dots = [...svg.querySelectorAll('g[aria-label="dot"]')];
      expect(dots.map((g) => [g.getAttribute('fill'), g.querySelectorAll('circle').length])).toEqual([
        ['#005EB8', 2],
        ['white', 1],
      ]);
      // A small multiple keeps the hollow point, though it draws no others.
      const compact = Plot.plot(trendOptions({ points, unit: '%', names, compact: true, width: 360, height: 180 }));
      expect([...compact.querySelectorAll('g[aria-label="dot"]')].map((g) => g.getAttribute('fill'))).toEqual(['white']);
      // Without a provisional month, one solid organisation line and no hollow point.
      const plain = Plot.plot(trendOptions({ points: TREND_POINTS, unit: '%', names }));
      expect([...plain.querySelectorAll('g[aria-label="dot"]')].map((g) => g.getAttribute('fill'))).toEqual(['#005EB8']);
    });

    it('names the note in the legend only where a month is provisional, and marks the month in the numbers', () => {
      expect(trendLegend(names, trendShape(points, '%'), note).map((i) => [i.label, i.dash])).toEqual([
        ['Hill Street Practice', undefined],
        [note, '4,3'],
        ['95% confidence interval', undefined],
        ['NHS North ICB', '6,3'],
        ['England', '2,3'],
      ]);
      expect(trendLegend(names, trendShape(TREND_POINTS, '%'), note).map((i) => i.label)).not.toContain(note);
      const table = trendTable(points, '%', names);
      expect(table.rows.map((r) => r[0])).toEqual(['August 2026', 'September 2026', 'October 2026', 'November 2026 (provisional)']);
      expect(table.rows[3]).toEqual(['November 2026 (provisional)', '30', '100', '30.0%', '21.9% to 39.6%', '41.0%', '44.0%']);
      expect(trendTable([{ ...points[3]!, numerator: 12, denominator: null, rate: null }], 'count', names).rows).toEqual([['November 2026 (provisional)', '12']]);
    });
  });
});
