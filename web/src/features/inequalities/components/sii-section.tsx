import type { MeasureItem } from '@pcsp/contract/measures.contract';
import type { SeriesResponse } from '@pcsp/contract/series.contract';
import { ChartFigure } from '../../../charts/chart-figure';
import { ChartLegend } from '../../../charts/chart-legend';
import { Empty } from '../../../components/query-state';
import { formatChange, formatMonth, lowerFirst } from '../../../lib/format';
import {
  deprivationSiiOf,
  deprivationSiiValues,
  formatChangeInterval,
  latestSeriesMonth,
  shortfallWords,
  SII_LEGEND,
  siiMonthLabel,
  siiOptions,
  siiReading,
  siiShortfall,
  siiTable,
} from '../charts/sii.chart';

/** The slope index of inequality across the five IMD quintiles: the latest month's in a sentence, then every month's on a chart. */
export function SiiSection({ series, measure }: { series: SeriesResponse; measure: MeasureItem }) {
  if (measure.unit === 'count') {
    return (
      <>
        <h3>Slope index of inequality</h3>
        <Empty>A count has no rates, so it has no slope index of inequality.</Empty>
      </>
    );
  }
  const values = deprivationSiiValues(series.lines);
  const month = latestSeriesMonth(series.lines);
  const latest = month ? deprivationSiiOf(series.lines, month) : null;
  return (
    <>
      <h3>Slope index of inequality</h3>
      {latest ? (
        <p className="nhsuk-body" data-testid="sii-latest">
          In {siiMonthLabel(latest)} the slope index of inequality, most deprived minus least deprived, was {formatChange(latest.sii, measure.unit)} (95% confidence
          interval {formatChangeInterval(latest.low, latest.high, measure.unit)}). It is the difference between the two ends of the deprivation scale given by a line
          through all five fifths (IMD quintiles 1 to 5), each weighted by its population. {siiReading(measure.direction)}
        </p>
      ) : (
        <Empty>
          {month
            ? `There is no slope index of inequality for ${formatMonth(month)}: it needs the rate, interval and population of all five IMD quintiles (${shortfallWords(siiShortfall(series.lines, month))}).`
            : 'There is no slope index of inequality: there are no figures for the IMD quintiles.'}
        </Empty>
      )}
      {values.length > 0 && (
        <ChartFigure
          headingLevel={4}
          title={`Slope index of inequality in ${lowerFirst(measure.title)}, most minus least deprived: ${series.org.name}`}
          description={`The modelled difference most deprived minus least deprived (IMD quintile 1 end minus quintile 5 end) from all five fifths weighted by population, by month, with its 95% confidence interval as a band. ${siiReading(measure.direction)} Months in which any fifth is suppressed or missing are left out.`}
          options={siiOptions(values, measure.unit)}
          legend={<ChartLegend items={SII_LEGEND} />}
          table={siiTable(values, measure.unit)}
        />
      )}
    </>
  );
}
