import type { MeasureItem } from '@pcsp/contract/measures.contract';
import type { SeriesResponse } from '@pcsp/contract/series.contract';
import { useMemo } from 'react';
import { breakdownBars, breakdownOptions, breakdownTable } from '../charts/breakdown.chart';
import { ChartFigure } from '../charts/chart-figure';
import { formatBreakdown, formatMonth, formatRate, lowerFirst } from '../lib/format';
import { Empty } from './query-state';

/**
 * A measure split by one dimension for the latest month, with interval whiskers; its title a heading of `headingLevel`
 * (as ChartFigure's: 2 where it is a section of the page, 3 under a section's heading).
 */
export function BreakdownFigure({ series, measure, headingLevel }: { series: SeriesResponse; measure: MeasureItem; headingLevel?: 2 | 3 }) {
  const dimension = formatBreakdown(series.breakdown ?? '');
  const all = series.lines.find((l) => l.breakdown === '');
  const lastMonth = series.lines.flatMap((l) => l.points.map((p) => p.month)).sort().at(-1);
  const overall = all?.points.find((p) => p.month === lastMonth)?.rate ?? null;
  const options = useMemo(() => breakdownOptions({ lines: series.lines, unit: measure.unit, month: lastMonth, overall }), [series, measure.unit, lastMonth, overall]);
  if (breakdownBars(series.lines, lastMonth).length === 0) return <Empty>There is no breakdown by {lowerFirst(dimension)} for this organisation.</Empty>;
  const suppressed = breakdownBars(series.lines, lastMonth).filter((b) => b.suppressed).length;
  return (
    <ChartFigure
      title={`${measure.title} by ${lowerFirst(dimension)}, ${formatMonth(lastMonth)}`}
      description={`${measure.title} for ${series.org.name} split by ${lowerFirst(dimension)}, each bar with its 95% confidence interval. The dashed line is the whole population (${formatRate(overall, measure.unit)}).${suppressed ? ` ${suppressed} value${suppressed === 1 ? ' is' : 's are'} suppressed because the numbers are small.` : ''}`}
      options={options}
      table={breakdownTable(series.lines, measure.unit, dimension, lastMonth)}
      headingLevel={headingLevel}
    />
  );
}
