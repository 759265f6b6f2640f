import * as Plot from '@observablehq/plot';
import { DECILE_MONTHS, decileMonth } from '../test/fixtures';
import { contrastRatio } from '../test/colour';
import { decilesAcross, decileValues, decilesLegend, decilesOptions, decilesPractices, decilesTable, lineValues, PROVISIONAL_EDGE, PROVISIONAL_SHADE, provisionalSpan } from './deciles.chart';

const pcn = { label: 'North PCN', colour: '#009E73', dash: '6,3', points: [{ month: '2026-09', value: 33 }, { month: '2026-10', value: null }, { month: '2026-11', value: 36 }] };

describe('deciles chart', () => {
  it('spreads each month into nine percentiles and skips months without practices', () => {
    const values = decileValues(DECILE_MONTHS);
    expect(values).toHaveLength(18);
    // 2026-09 starts at 20 and steps by 5: the median (5th value) is 20 + 4·5 = 40.
    expect(values.filter((v) => v.percentile === 50).map((v) => v.value)).toEqual([40, 42]);
    expect(values.filter((v) => v.percentile === 90).map((v) => v.value)).toEqual([60, 62]);
  });

  it('says whose deciles they are and how many practices, from the API’s within and counts', () => {
    const england = { code: 'ENG', name: 'England', level: 'england' as const };
    const icb = { code: 'QWE', name: 'NHS North ICB', level: 'icb' as const };
    expect(decilesAcross(england)).toBe('practices in England');
    // The same count in every month with deciles (October has none, and its 0 is not counted): one number, with a comma.
    const national = [decileMonth('2026-09', 20, 5, 31, 6312), { month: '2026-10', deciles: [], practices: 0, orgRate: null }, decileMonth('2026-11', 22, 5, 40, 6312)];
    expect(decilesPractices(national, england)).toBe('the 6,312 practices in England');
    // Counts that differ by month: the lowest to the highest.
    expect(decilesPractices([decileMonth('2026-09', 15, 4, 31, 104), decileMonth('2026-11', 18, 4, 40, 103)], icb)).toBe('the practices in NHS North ICB (103 to 104 by month)');
    expect(decilesPractices([{ month: '2026-10', deciles: [], practices: 0, orgRate: null }], icb)).toBe('the practices in NHS North ICB');
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
    expect(decilesLegend('practices in England', 'Hill Street Practice', [pcn]).map((l) => l.label)).toEqual(['Deciles of practices in England', 'Median of practices in England', 'Hill Street Practice', 'North PCN']);
  });

  it('tabulates the 10th, median and 90th with the lines, under a caption that says whose deciles they are', () => {
    const table = decilesTable('practices in NHS North ICB', DECILE_MONTHS, '%', 'Hill Street Practice', [pcn]);
    expect(table.caption).toBe('Deciles of practices in NHS North ICB by month');
    expect(table.rows[0]).toEqual(['September 2026', '20.0%', '40.0%', '60.0%', '31.0%', '33.0%', '120']);
    expect(table.rows[1]).toEqual(['October 2026', 'no data', 'no data', 'no data', 'no data', 'no data', '0']);
  });

  describe('a provisional month', () => {
    // September and October final, November provisional (its figures can still rise).
    const months = [decileMonth('2026-09', 20, 5, 31), decileMonth('2026-10', 21, 5, 35), { ...decileMonth('2026-11', 10, 5, 12), provisional: true as const }];
    const note = 'November 2026 is provisional: plans agreed in its last 28 days may not yet be recorded as shared, so figures may rise at the next refresh';

    it('is shaded over its own month, a month wide, with a visible edge', () => {
      // November on the time axis: 1 November to 1 December. The month scale floors every x to a month's start, so the
      // band had been drawn from 1 October (its start, halfway through October, floored) to 1 November: over October.
      expect(provisionalSpan(months)).toEqual({ from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') });
      expect(provisionalSpan(DECILE_MONTHS)).toBeNull();
      expect(provisionalSpan(months.slice(2))).toEqual({ from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') });
      const svg = Plot.plot(decilesOptions({ months, unit: '%', orgLabel: 'Hill Street Practice' })) as SVGSVGElement & Plot.Plot;
      const x = (iso: string) => svg.scale('x')!.apply(new Date(iso)) as number;
      const shade = svg.querySelector('g[aria-label="rect"]')!;
      expect(shade.getAttribute('fill')).toBe(PROVISIONAL_SHADE);
      expect(shade.querySelectorAll('rect')).toHaveLength(1);
      const rect = shade.querySelector('rect')!;
      expect(Number(rect.getAttribute('x'))).toBeCloseTo(x('2026-11-01'), 6);
      expect(Number(rect.getAttribute('width'))).toBeCloseTo(x('2026-12-01') - x('2026-11-01'), 6);
      // Its edge, a dashed rule where it starts, in NHS dark grey #425563: relative luminance
      // 0.2126·0.0544 + 0.7152·0.0908 + 0.0722·0.1248 = 0.0855, so (1 + 0.05) / (0.0855 + 0.05) = 7.75 against white.
      const edge = svg.querySelector('g[aria-label="rule"]')!;
      expect(edge.getAttribute('stroke')).toBe(PROVISIONAL_EDGE);
      expect(contrastRatio(PROVISIONAL_EDGE, '#FFFFFF')).toBeCloseTo(7.75, 1);
      expect(Number(edge.querySelector('line')!.getAttribute('x1'))).toBeCloseTo(x('2026-11-01'), 6);
    });

    it('is labelled upright inside the band, not over the month before', () => {
      const svg = Plot.plot(decilesOptions({ months, unit: '%', orgLabel: 'Hill Street Practice' }));
      const left = Number(svg.querySelector('g[aria-label="rect"] rect')!.getAttribute('x'));
      const label = svg.querySelector('g[aria-label="text"]')!;
      const text = label.querySelector('text')!;
      expect(text.textContent).toBe('Provisional');
      expect(label.getAttribute('fill')).toBe(PROVISIONAL_EDGE);
      // Anchored at the band's edge and turned a quarter (-90°), the line's top towards the edge, so the word lies to
      // its right, inside the band (shifted 3 px more), running down from the top.
      expect(text.getAttribute('transform')).toBe(`translate(${left},20) rotate(-90)`);
      expect(text.getAttribute('y')).toBe('0.71em');
      expect(label.getAttribute('text-anchor')).toBe('end');
      expect(label.getAttribute('transform')).toBe('translate(3.5,6.5)');
    });

    it('dashes the median, the comparison lines and the organisation into it and draws its point hollow', () => {
      // The PCN's 33%, 34% and a provisional 30%, the ICB's 35%, 36%, 32%: both end in November.
      const lines3 = [
        { ...pcn, points: [{ month: '2026-09', value: 33 }, { month: '2026-10', value: 34 }, { month: '2026-11', value: 30 }] },
        { label: 'North ICB', colour: '#CC79A7', dash: '2,3', points: [{ month: '2026-09', value: 35 }, { month: '2026-10', value: 36 }, { month: '2026-11', value: 32 }] },
      ];
      const svg = Plot.plot(decilesOptions({ months, unit: '%', orgLabel: 'Hill Street Practice', lines: lines3 }));
      const lines = [...svg.querySelectorAll('g[aria-label="line"]')];
      // Deciles, the final median, its dashed tail (October → November), each comparison line in its own dash to
      // October and thinly dashed on (1.5 wide, where it is 2), the organisation, its dashed tail (Plot leaves out width 1).
      expect(lines.map((l) => [l.getAttribute('stroke'), l.getAttribute('stroke-dasharray'), l.getAttribute('stroke-width'), l.querySelectorAll('path').length])).toEqual([
        ['#0072B2', '4,3', null, 8],
        ['#0072B2', null, '2', 1],
        ['#0072B2', '4,3', '2', 1],
        ['#009E73', '6,3', '2', 1],
        ['#009E73', '4,3', '1.5', 1],
        ['#CC79A7', '2,3', '2', 1],
        ['#CC79A7', '4,3', '1.5', 1],
        ['#D5281B', null, '2.5', 1],
        ['#D5281B', '4,3', '2.5', 1],
      ]);
      const dots = [...svg.querySelectorAll('g[aria-label="dot"]')];
      expect(dots.map((d) => [d.getAttribute('fill'), d.querySelectorAll('circle').length])).toEqual([
        ['#D5281B', 2],
        ['white', 1],
      ]);
    });

    it('is marked in the table, and the legend says why', () => {
      expect(decilesTable('practices in England', months, '%', 'Hill Street Practice').rows.map((r) => r[0])).toEqual(['September 2026', 'October 2026', 'November 2026 (provisional)']);
      expect(decilesLegend('practices in England', 'Hill Street Practice', [], note).at(-1)).toEqual({ label: note, colour: PROVISIONAL_SHADE, shape: 'band' });
      expect(decilesLegend('practices in England', 'Hill Street Practice', []).map((l) => l.label)).toEqual(['Deciles of practices in England', 'Median of practices in England', 'Hill Street Practice']);
    });
  });
});
