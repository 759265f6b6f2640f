import type { MeasureItem } from '@pcsp/contract/measures.contract';
import type { SeriesResponse } from '@pcsp/contract/series.contract';
import { categoryLinesLegend, categoryLinesOptions, categoryLinesTable, deprivationGapValues } from '../../../charts/breakdown.chart';
import { ChartFigure } from '../../../charts/chart-figure';
import { ChartLegend } from '../../../charts/chart-legend';
import { AreaSelect } from '../../../components/area-select';
import { BreakdownFigure } from '../../../components/breakdown-figure';
import { MeasureSelect } from '../../../components/measure-select';
import { Empty, QueryState } from '../../../components/query-state';
import { SelectField } from '../../../components/select-field';
import { defaultArea } from '../../../lib/default-area';
import { formatBreakdown, lowerFirst } from '../../../lib/format';
import { useMeasures, useSeries, useSession } from '../../../lib/queries';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useSearchParam } from '../../../lib/use-search-param';
import { maySeeBreakdownsOf } from '../../../lib/user-access';
import { gapOptions, gapTable } from '../charts/gap.chart';
import { SiiSection } from './sii-section';

function GapFigure({ series, measure }: { series: SeriesResponse; measure: MeasureItem }) {
  const gaps = deprivationGapValues(series.lines);
  if (gaps.length === 0) return <Empty>The gap cannot be shown: figures for the most or least deprived fifth are suppressed or missing.</Empty>;
  return (
    <ChartFigure
      title={`Deprivation gap in ${lowerFirst(measure.title)}: ${series.org.name}`}
      description="The most deprived fifth's rate minus the least deprived fifth's, by month (IMD quintile 1 minus quintile 5). Below zero, the most deprived do worse on a measure where higher is better. Months with a suppressed value are left out."
      options={gapOptions(gaps, measure.unit)}
      table={gapTable(gaps, measure.unit)}
    />
  );
}

export function InequalitiesPage() {
  const session = useSession().data;
  const measures = useMeasures();
  const [measureId, setMeasure] = useSearchParam('measure', 'plan_coverage');
  const [area, setArea] = useSearchParam('area', defaultArea(session));
  const measure = measures.data?.find((m) => m.id === measureId);
  const [breakdown, setBreakdown] = useSearchParam('breakdown', 'imd_quintile');
  const dimension = measure?.breakdowns.includes(breakdown as never) ? breakdown : measure?.breakdowns[0];
  // A practice lead's breakdowns are of their own practice only: the API refuses any other area (403).
  const mayBreakDown = session ? maySeeBreakdownsOf(session, area) : false;
  const split = useSeries(measure?.id, { org: area, breakdown: dimension }, mayBreakDown && Boolean(dimension));
  const imd = useSeries(measure?.id, { org: area, breakdown: 'imd_quintile' }, mayBreakDown && Boolean(measure?.breakdowns.includes('imd_quintile')));
  useDocumentTitle(`Inequalities: ${measure?.title ?? ''}`);

  return (
    <>
      <h1>Inequalities</h1>
      <p>How a measure differs by deprivation, ethnicity, age, sex and number of long-term conditions, with 95% confidence intervals. Small numbers are suppressed.</p>
      <QueryState query={measures} what="measures">
        {(list) => (
          <>
            <div className="app-filters">
              <MeasureSelect measures={list} value={measureId} onChange={setMeasure} filter={(m) => m.breakdowns.length > 0} />
              <AreaSelect value={area} onChange={setArea} />
              {measure && measure.breakdowns.length > 0 && (
                <SelectField label="Split by" value={dimension ?? ''} onChange={setBreakdown} options={measure.breakdowns.map((b) => ({ value: b, label: formatBreakdown(b) }))} />
              )}
            </div>
            {!measure || !dimension ? (
              <Empty>This measure has no breakdowns. Choose another measure.</Empty>
            ) : !mayBreakDown ? (
              <p className="nhsuk-body" data-testid="breakdowns-own-practice">
                Figures split by deprivation, ethnicity, age, sex or number of long-term conditions are shown for your own practice only.
              </p>
            ) : (
              <>
                <QueryState query={split} what="breakdown" isEmpty={(s) => s.lines.length === 0}>
                  {(s) => (
                    <>
                      <BreakdownFigure series={s} measure={measure} headingLevel={2} />
                      <ChartFigure headingLevel={2}
                        title={`${measure.title} by ${lowerFirst(formatBreakdown(dimension))} over time: ${s.org.name}`}
                        description={`One line for each value of ${lowerFirst(formatBreakdown(dimension))}. Suppressed months are left out of the lines.`}
                        options={categoryLinesOptions(s.lines.filter((l) => l.breakdown !== ''), measure.unit)}
                        legend={<ChartLegend items={categoryLinesLegend(s.lines.filter((l) => l.breakdown !== ''))} />}
                        table={categoryLinesTable(s.lines.filter((l) => l.breakdown !== ''), measure.unit, `${measure.title} by ${lowerFirst(formatBreakdown(dimension))} and month`)}
                      />
                    </>
                  )}
                </QueryState>
                <h2>Gap between the most and least deprived</h2>
                {measure.breakdowns.includes('imd_quintile') ? (
                  <QueryState query={imd} what="deprivation gap">
                    {(s) => (
                      <>
                        <GapFigure series={s} measure={measure} />
                        <SiiSection series={s} measure={measure} />
                      </>
                    )}
                  </QueryState>
                ) : (
                  <Empty>This measure is not split by deprivation.</Empty>
                )}
              </>
            )}
          </>
        )}
      </QueryState>
    </>
  );
}
