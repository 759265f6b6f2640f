import type { EstimateValue, PooledValue } from '@pcsp/contract/evaluation.contract';
import { useMemo } from 'react';
import { ChartFigure } from '../../../charts/chart-figure';
import { AreaSelect } from '../../../components/area-select';
import { QueryState } from '../../../components/query-state';
import { formatMonth } from '../../../lib/format';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useSearchParam } from '../../../lib/use-search-param';
import { useTrainingEvaluation } from '../api/evaluation-api';
import { eventTimeOptions, eventTimeTable } from '../charts/event-time.chart';

const points = (v: number, digits = 1) => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(digits)}`;
const withInterval = (e: EstimateValue | null | undefined, digits = 1) =>
  e ? `${points(e.estimate, digits)} (${points(e.low, digits)} to ${points(e.high, digits)})` : 'not estimable';

function PooledRow({ label, value, unit, digits = 1 }: { label: string; value: PooledValue | null; unit: string; digits?: number }) {
  return (
    <tr className="nhsuk-table__row">
      <th scope="row" className="nhsuk-table__header">
        {label}
      </th>
      <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{withInterval(value, digits)}</td>
      <td className="nhsuk-table__cell">{unit}</td>
      <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{value?.units ?? 0}</td>
    </tr>
  );
}

export function EvaluationPage() {
  const [area, setArea] = useSearchParam('area', '');
  const evaluation = useTrainingEvaluation(area);
  useDocumentTitle('Training programme evaluation');
  return (
    <>
      <h1>Training programme evaluation</h1>
      <p>
        Plan coverage of each practice before and after its staff were trained in care and support planning (training.csv): an interrupted
        time series for each trained practice, and a difference in differences against the practices not yet trained at the same dates,
        pooled across the area. The methodology page explains both.
      </p>
      <div className="app-filters">
        <AreaSelect value={area} onChange={setArea} includeGroups={false} allLabel="Your whole area" searchLevels={['england', 'region', 'icb', 'sub_icb', 'pcn']} />
      </div>
      <QueryState query={evaluation} what="training evaluation" isEmpty={(e) => e.trainedPractices === 0} empty="No practice in this area has training recorded.">
        {(e) => (
          <EvaluationResult evaluation={e} />
        )}
      </QueryState>
    </>
  );
}

function EvaluationResult({ evaluation: e }: { evaluation: NonNullable<ReturnType<typeof useTrainingEvaluation>['data']> }) {
  const options = useMemo(() => eventTimeOptions(e.eventTime), [e.eventTime]);
  return (
    <>
      <h2>Pooled effect in {e.area.name}</h2>
      <p>
        {e.trainedPractices} of {e.practices} practices have training recorded. Changes are in percentage points of plan coverage with 95%
        intervals. A trained practice counts in an estimate only where the months it needs are in the snapshot: at least 6 months of coverage
        on each side of its training month for the time series, and the months before training and 12 months after it for the difference in
        differences; the Practices column gives how many each estimate uses.
      </p>
      <div className="app-table-scroll" tabIndex={0} role="region" aria-label="Pooled effect of training">
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption nhsuk-table__caption--s">Pooled effect of training on plan coverage</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">Estimate</th>
              <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Change (95% interval)</th>
              <th scope="col" className="nhsuk-table__header">Unit</th>
              <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Practices</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            <PooledRow label="Difference in differences, 12 months after training" value={e.pooled.differenceInDifferences} unit="points" />
            <PooledRow label="Time series: change from the old trend 12 months after" value={e.pooled.effectAt12} unit="points" />
            <PooledRow label="Time series: level change at training" value={e.pooled.levelChange} unit="points" />
            <PooledRow label="Time series: slope change" value={e.pooled.slopeChange} unit="points a month" digits={2} />
          </tbody>
        </table>
      </div>
      <ChartFigure
        title={`Plan coverage around training: ${e.area.name}`}
        description="Mean plan coverage of the trained practices by months before and after their training month (0, marked). A plan counts for 12 months, so a change in the rate of new plans shows as a ramp over the following year."
        options={options}
        table={eventTimeTable(e.eventTime)}
      />
      <h2>Each trained practice</h2>
      <div className="app-table-scroll" tabIndex={0} role="region" aria-label="Each trained practice">
        <table className="nhsuk-table app-table--compact">
          <caption className="nhsuk-table__caption nhsuk-table__caption--s">Effect of training by practice (percentage points, 95% intervals)</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">Practice</th>
              <th scope="col" className="nhsuk-table__header">Trained</th>
              <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Level change</th>
              <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Slope change</th>
              <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Difference in differences</th>
              <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Controls</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {e.trained.map((p) => (
              <tr className="nhsuk-table__row" key={p.practice.code}>
                <td className="nhsuk-table__cell">
                  {p.practice.name} ({p.practice.code})
                </td>
                <td className="nhsuk-table__cell">{formatMonth(p.trainingMonth)}</td>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{withInterval(p.timeSeries?.levelChange)}</td>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{withInterval(p.timeSeries?.slopeChange, 2)}</td>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{withInterval(p.differenceInDifferences?.effect)}</td>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{p.differenceInDifferences?.controls ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
