import * as Plot from '@observablehq/plot';
import { monthDate } from '../lib/format';
import { monthScale } from './month-scale';

const tickLabels = (months: string[]) => {
  const values = months.map((month, i) => ({ date: monthDate(month), value: i }));
  const svg = Plot.plot({ x: monthScale(), marks: [Plot.lineY(values, { x: 'date', y: 'value' })] }) as unknown as Element;
  return [...svg.querySelectorAll('[aria-label="x-axis tick label"] text')].map((t) => t.textContent);
};

describe('the month scale', () => {
  it('ticks months across a short span, where a plain time scale ticked days (2Aug, 9, 16 …)', () => {
    expect(tickLabels(['2026-08', '2026-09', '2026-10', '2026-11'])).toEqual(['Aug2026', 'Sep', 'Oct', 'Nov']);
    expect(tickLabels(['2026-11'])).toEqual(['Nov2026']);
  });

  it('ticks quarters across two years, as before', () => {
    const months = Array.from({ length: 24 }, (_, i) => `${2025 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
    expect(tickLabels(months)).toEqual(['Jan2025', 'Apr', 'Jul', 'Oct', 'Jan2026', 'Apr', 'Jul', 'Oct']);
  });
});
