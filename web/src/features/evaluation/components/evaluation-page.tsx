import type { EstimateValue, PooledValue } from '@pcsp/contract/evaluation.contract';
import { useMemo, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
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

const DIFFERENCE_IN_DIFFERENCES =
  'the change in a trained practice’s coverage from the month before training to 12 months after, less the change at practices not yet trained over the same months. Those practices show what would probably have happened without the training.';
const TIME_SERIES =
  'a trained practice’s coverage after training, compared with where its own trend before training was heading. The level change is the jump at the training month. The slope change is how much faster coverage changed each month after training (slower if it is negative).';
const CONTROLS =
  'the number of practices a trained practice is compared with in the difference in differences. These are the practices not trained by 12 months after its training that have coverage in both months compared.';

/** Why an estimate can be missing, as evaluateTraining decides: too few months in the snapshot, or no practice to compare with. */
function NotEstimable({ pooled }: { pooled: boolean }) {
  return (
    <p>
      <strong>Not estimable</strong>: there is not enough data for the estimate. A time series needs at least 6 months of coverage before the
      training month and 6 from it on. A difference in differences needs coverage in the month before training and 12 months after it, and at least
      one practice not yet trained with coverage in both months. So there is none yet for a practice trained less than a year before the latest month.
      {pooled ? ' Combined for the area, the time series needs at least 1 practice with an estimate, and the difference in differences at least 2.' : ''}
    </p>
  );
}

/** The terms of a table, explained where the table is: NHS details, closed until asked for. */
function Explained({ summary, children, testId }: { summary: string; children: ReactNode; testId: string }) {
  return (
    <details className="nhsuk-details" data-testid={testId}>
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">{summary}</span>
      </summary>
      <div className="nhsuk-details__text">{children}</div>
    </details>
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
        This page shows whether plan coverage changed at practices after their staff were trained in care and support planning. It uses the
        training records in the data upload: the date each practice’s staff were trained.
      </p>
      <p>It looks at the change in 2 ways:</p>
      <ul>
        <li>
          <strong>before and after training</strong>: each trained practice’s coverage after training, compared with where its own trend before
          training was heading (a time series)
        </li>
        <li>
          <strong>against practices not yet trained</strong>: how much more a trained practice’s coverage changed in the year after training than
          coverage at practices not yet trained over the same months (a difference in differences)
        </li>
      </ul>
      <p>
        The practices’ results are combined (pooled) into one figure for the area. The <Link to="/methodology#training-evaluation">methodology page</Link> explains both
        methods, under Training programme evaluation.
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
      <h2>Effect across trained practices in {e.area.name} (pooled)</h2>
      <p>
        {e.trainedPractices} of {e.practices} practices have training recorded. Changes are in percentage points of plan coverage with 95%
        intervals. A trained practice counts in an estimate only where the months it needs are in the snapshot: at least 6 months of coverage
        on each side of its training month for the time series, and the months before training and 12 months after it for the difference in
        differences; the Practices column gives how many each estimate uses.
      </p>
      <Explained summary="What these estimates mean" testId="pooled-terms">
        <p>
          <strong>Difference in differences</strong>: {DIFFERENCE_IN_DIFFERENCES}
        </p>
        <p>
          <strong>Time series</strong>: {TIME_SERIES} The change from the old trend 12 months after is the level change plus 12 months of the
          slope change.
        </p>
        <NotEstimable pooled />
      </Explained>
      <div className="app-table-scroll" tabIndex={0} role="region" aria-label="Effect of training across trained practices (pooled)">
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption nhsuk-table__caption--s">Effect of training on plan coverage, trained practices combined (pooled)</caption>
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
      <Explained summary="What the columns mean" testId="practice-terms">
        <p>
          <strong>Level change</strong> and <strong>slope change</strong> come from the practice’s time series: {TIME_SERIES}
        </p>
        <p>
          <strong>Difference in differences</strong>: {DIFFERENCE_IN_DIFFERENCES}
        </p>
        <p>
          <strong>Controls</strong>: {CONTROLS}
        </p>
        <NotEstimable pooled={false} />
      </Explained>
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
