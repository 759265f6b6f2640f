import * as Plot from '@observablehq/plot';
import { DECILE_MONTHS } from '../test/fixtures';
import { decileValues, decilesLegend, decilesOptions, decilesTable, lineValues } from './deciles.chart';

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
});
