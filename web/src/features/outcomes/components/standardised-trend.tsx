import { ChartFigure } from '../../../charts/chart-figure';
import { ChartLegend } from '../../../charts/chart-legend';
import { QueryState } from '../../../components/query-state';
import { formatMonth } from '../../../lib/format';
import { useStandardisedTrend } from '../api/standardised-api';
import { PLAN_GROUPS, standardisedTrendOptions, standardisedTrendTable } from '../charts/standardised-trend.chart';

/**
 * The fair comparison over time: for each outcome, the standardised rates with and without a plan by
 * month with their 95% intervals, so that a gap that holds month after month (and intervals that do
 * not overlap) can be told from one month's noise.
 */
export function StandardisedTrend({ area }: { area: string }) {
  const result = useStandardisedTrend(area);
  if (area.startsWith('group:')) return null;
  return (
    <QueryState query={result} what="standardised outcomes by month">
      {(r) => (
        <>
          {r.outcomes.map((o) => (
            <ChartFigure
              key={o.measure}
              title={`${o.title}, standardised, with and without a plan: ${r.org.name}`}
              description={`${formatMonth(r.from)} to ${formatMonth(r.to)}, each month standardised for age band, sex and LTC count to the LTC population of ${r.standard.name}; the bands are 95% intervals. Months without both groups, or suppressed, are gaps.`}
              options={standardisedTrendOptions(o)}
              table={standardisedTrendTable(o)}
              legend={<ChartLegend items={PLAN_GROUPS.map((g) => ({ label: g.label, colour: g.colour }))} />}
            />
          ))}
        </>
      )}
    </QueryState>
  );
}
