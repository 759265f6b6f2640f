import type { MeasureItem } from '@pcsp/contract/measures.contract';
import { categoryLinesOptions, categoryLinesTable } from '../../../charts/breakdown.chart';
import { ChartFigure } from '../../../charts/chart-figure';
import { ChartLegend } from '../../../charts/chart-legend';
import { CATEGORY_COLOURS } from '../../../charts/palette';
import { AreaSelect } from '../../../components/area-select';
import { Empty, QueryState } from '../../../components/query-state';
import { defaultArea } from '../../../lib/default-area';
import { formatBreakdownValue } from '../../../lib/format';
import { useMeasures, useSeries, useSession } from '../../../lib/queries';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useSearchParam } from '../../../lib/use-search-param';
import { maySeeBreakdownsOf } from '../../../lib/user-access';
import { StandardisedOutcomes } from './standardised-outcomes';
import { StandardisedTrend } from './standardised-trend';

function OutcomeFigure({ measure, area }: { measure: MeasureItem; area: string }) {
  const series = useSeries(measure.id, { org: area, breakdown: 'plan' });
  return (
    <QueryState query={series} what={`${measure.title} figures`} isEmpty={(s) => s.lines.filter((l) => l.breakdown !== '').length === 0}>
      {(s) => {
        const lines = s.lines.filter((l) => l.breakdown !== '');
        return (
          <ChartFigure
            title={`${measure.title} with and without a plan: ${s.org.name}`}
            description={`${measure.description} One line for people with a care plan current in the month, one for people without. Suppressed months are left out.`}
            options={categoryLinesOptions(lines, measure.unit)}
            table={categoryLinesTable(lines, measure.unit, `${measure.title} with and without a plan, by month`)}
            legend={<ChartLegend items={lines.map((l, i) => ({ label: formatBreakdownValue(l), colour: CATEGORY_COLOURS[i] ?? '#4C6272' }))} />}
          />
        );
      }}
    </QueryState>
  );
}

function OutcomeSections({ area }: { area: string }) {
  const measures = useMeasures();
  return (
    <>
      <section aria-label="Fair comparison">
        <h2>Fair comparison: standardised for age, sex and number of conditions</h2>
        <StandardisedOutcomes area={area} />
        <StandardisedTrend area={area} />
      </section>
      <QueryState query={measures} what="measures">
        {(list) => {
          const outcomes = list.filter((m) => m.planSplit);
          if (outcomes.length === 0) return <Empty>No measure is split by whether people had a plan.</Empty>;
          return outcomes.map((m) => (
            <section key={m.id} aria-label={m.title}>
              <h2>{m.title}</h2>
              <OutcomeFigure measure={m} area={area} />
            </section>
          ));
        }}
      </QueryState>
    </>
  );
}

export function OutcomesPage() {
  const session = useSession().data;
  const [area, setArea] = useSearchParam('area', defaultArea(session));
  // A practice lead sees figures split by plan for their own practice only: the API refuses any other area (403).
  const mayBreakDown = session ? maySeeBreakdownsOf(session, area) : false;
  useDocumentTitle('Outcomes with and without a plan');
  return (
    <>
      <h1>Outcomes with and without a plan</h1>
      <p>Each outcome for people who had a personalised care and support plan and for people who did not, month by month. The groups differ in more than their plan, so a gap is a prompt to look closer, not proof of effect.</p>
      <div className="app-filters">
        <AreaSelect value={area} onChange={setArea} />
      </div>
      {mayBreakDown ? (
        <OutcomeSections area={area} />
      ) : (
        <p className="nhsuk-body" data-testid="breakdowns-own-practice">
          Figures split by whether people had a plan are shown for your own practice only.
        </p>
      )}
    </>
  );
}
