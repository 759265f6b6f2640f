import * as Plot from '@observablehq/plot';
import { DECILE_MONTHS, decileMonth } from '../test/fixtures';
import { decileValues, decilesLegend, decilesOptions, decilesTable, lineValues, PROVISIONAL_SHADE, provisionalSpan } from './deciles.chart';

const pcn = { label: 'North PCN', colour: '#009E73', dash: '6,3', points: [{ month: '2026-09', value: 33 }, { month: '2026-10', value: null }, { month: '2026-11', value: 36 }] };

describe('deciles chart', () => {
  it('spreads each month into nine percentiles and skips months without practices', () => {
    const values = decileValues(DECILE_MONTHS);
    expect(values).toHaveLength(18);
    // 2026-09 starts at 20 and steps by 5: the median (5th value) is 20 + 4·5 = 40.
    expect(values.filter((v) => v.percentile === 50).map((v) => v.value)).toEqual([40, 42]);
    expect(values.filter((v) => v.percentile === 90).map((v) => v.value)).toEqual([60, 62]);
  });

  it('keeps only the months a comparison line has a value', () => {
    expect(lineValues(pcn).map((v) => [v.month, v.value])).toEqual([['2026-09', 33], ['2026-11', 36]]);
  });

  it('draws dashed deciles, a solid median and the organisation in red', () => {
    const svg = Plot.plot(decilesOptions({ months: DECILE_MONTHS, unit: '%', orgLabel: 'Hill Street Practice', lines: [pcn] }));
    const lines = [...svg.querySelectorAll('g[aria-label="line"]')];
    expect(lines).toHaveLength(4);
    // Eight dashed decile paths (10th … 90th without the median), then the median, the PCN and the organisation.
    expect(lines[0]!.querySelectorAll('path')).toHaveLength(8);
    expect(lines[0]!.getAttribute('stroke-dasharray')).toBe('4,3');
    expect(lines[1]!.getAttribute('stroke-dasharray')).toBeNull();
    expect(lines[3]!.getAttribute('stroke')).toBe('#D5281B');
    expect(decilesLegend('Hill Street Practice', [pcn]).map((l) => l.label)).toEqual(['Deciles of practices', 'Median of practices', 'Hill Street Practice', 'North PCN']);
  });

  it('tabulates the 10th, median and 90th with the lines', () => {
    const table = decilesTable(DECILE_MONTHS, '%', 'Hill Street Practice', [pcn]);
    expect(table.rows[0]).toEqual(['September 2026', '20.0%', '40.0%', '60.0%', '31.0%', '33.0%', '120']);
    expect(table.rows[1]).toEqual(['October 2026', 'no data', 'no data', 'no data', 'no data', 'no data', '0']);
  });

  describe('a provisional month', () => {
    // September and October final, November provisional (its figures can still rise).
    const months = [decileMonth('2026-09', 20, 5, 31), decileMonth('2026-10', 21, 5, 35), { ...decileMonth('2026-11', 10, 5, 12), provisional: true as const }];
    const note = 'November 2026 is provisional: plans agreed in its last 28 days may not yet be recorded as shared, so figures may rise at the next refresh';

    it('is shaded from halfway after the last final month to its own, and labelled', () => {
      // 1 October to 1 November is 31 days: halfway is 16 October, 12:00.
      expect(provisionalSpan(months)).toEqual({ from: new Date('2026-10-16T12:00:00Z'), to: new Date('2026-11-01T00:00:00Z') });
      expect(provisionalSpan(DECILE_MONTHS)).toBeNull();
      // A provisional month with none before it is shaded from itself.
      expect(provisionalSpan(months.slice(2))).toEqual({ from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-11-01T00:00:00Z') });
      const svg = Plot.plot(decilesOptions({ months, unit: '%', orgLabel: 'Hill Street Practice' }));
      const shade = svg.querySelector('g[aria-label="rect"]')!;
      expect(shade.getAttribute('fill')).toBe(PROVISIONAL_SHADE);
      expect(shade.querySelectorAll('rect')).toHaveLength(1);
      expect(svg.querySelector('g[aria-label="text"] text')!.textContent).toBe('Provisional');
    });

    it('dashes the median and the organisation into it and draws its point hollow', () => {
      const svg = Plot.plot(decilesOptions({ months, unit: '%', orgLabel: 'Hill Street Practice' }));
      const lines = [...svg.querySelectorAll('g[aria-label="line"]')];
      // Deciles, the final median, its dashed tail (October → November), the organisation, its dashed tail.
      expect(lines.map((l) => [l.getAttribute('stroke'), l.getAttribute('stroke-dasharray'), l.querySelectorAll('path').length])).toEqual([
        ['#0072B2', '4,3', 8],
        ['#0072B2', null, 1],
        ['#0072B2', '4,3', 1],
        ['#D5281B', null, 1],
        ['#D5281B', '4,3', 1],
      ]);
      const dots = [...svg.querySelectorAll('g[aria-label="dot"]')];
      expect(dots.map((d) => [d.getAttribute('fill'), d.querySelectorAll('circle').length])).toEqual([
        ['#D5281B', 2],
        ['white', 1],
      ]);
    });

    it('is marked in the table, and the legend says why', () => {
      expect(decilesTable(months, '%', 'Hill Street Practice').rows.map((r) => r[0])).toEqual(['September 2026', 'October 2026', 'November 2026 (provisional)']);
      expect(decilesLegend('Hill Street Practice', [], note).at(-1)).toEqual({ label: note, colour: PROVISIONAL_SHADE, shape: 'band' });
      expect(decilesLegend('Hill Street Practice', []).map((l) => l.label)).toEqual(['Deciles of practices', 'Median of practices', 'Hill Street Practice']);
    });
  });
});
