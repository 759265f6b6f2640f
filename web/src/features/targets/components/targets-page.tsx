import type { MeasureId, MeasureItem } from '@pcsp/contract/measures.contract';
import type { TargetItem } from '@pcsp/contract/targets.contract';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { AreaSelect } from '../../../components/area-select';
import { MeasureSelect } from '../../../components/measure-select';
import { Empty, ErrorMessage, QueryState } from '../../../components/query-state';
import { defaultArea } from '../../../lib/default-area';
import { formatDateTime, formatMonth, formatRate } from '../../../lib/format';
import { useMeasures, useSession } from '../../../lib/queries';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useSearchParam } from '../../../lib/use-search-param';
import { useTargetMutations, useTargets } from '../api/use-targets';
import { TargetProgressPanel } from './target-progress-panel';

const targetable = (m: MeasureItem) => m.direction !== 'neither';

/** Administrators only: set (or replace) the target of a measure in an area. */
function SetTargetForm({ measures, area }: { measures: MeasureItem[]; area: string }) {
  const { set } = useTargetMutations();
  const [measure, setMeasure] = useState<string>('plan_coverage');
  const [org, setOrg] = useState(area);
  const [rate, setRate] = useState('95');
  const [month, setMonth] = useState('2027-03');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    set.mutate({ measure: measure as MeasureId, org: org.trim().toUpperCase(), targetRate: Number(rate), targetMonth: month });
  };
  const unit = measures.find((m) => m.id === measure)?.unit ?? '%';
  return (
    <form onSubmit={submit} noValidate className="app-target-form" aria-labelledby="set-target-heading">
      <h2 id="set-target-heading">Set a target</h2>
      {set.isError && <ErrorMessage error={set.error} title="The target was not saved" />}
      {set.isSuccess && (
        <div className="nhsuk-inset-text" role="status">
          <p>
            Saved: {formatRate(set.data.targetRate, unit)} by {formatMonth(set.data.targetMonth)} for {set.data.org.name}.
          </p>
        </div>
      )}
      <MeasureSelect measures={measures} value={measure} onChange={setMeasure} filter={targetable} />
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="target-org">
          Area code
        </label>
        <div className="nhsuk-hint" id="target-org-hint">
          An ICB, sub-ICB or region code, or ENG for England. Setting a target again replaces it.
        </div>
        <input className="nhsuk-input nhsuk-input--width-10" id="target-org" aria-describedby="target-org-hint" value={org} onChange={(e) => setOrg(e.target.value)} />
      </div>
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="target-rate">
          Target ({unit})
        </label>
        <input className="nhsuk-input nhsuk-input--width-5" id="target-rate" type="number" inputMode="decimal" min="0" step="0.1" value={rate} onChange={(e) => setRate(e.target.value)} />
      </div>
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="target-month">
          To be met by (month)
        </label>
        <div className="nhsuk-hint" id="target-month-hint">
          As YYYY-MM, for example 2027-03.
        </div>
        <input className="nhsuk-input nhsuk-input--width-10" id="target-month" aria-describedby="target-month-hint" value={month} onChange={(e) => setMonth(e.target.value)} />
      </div>
      <button className="nhsuk-button" type="submit" disabled={set.isPending}>
        Save target
      </button>
    </form>
  );
}

function TargetsTable({ targets, measures, isAdmin }: { targets: TargetItem[]; measures: MeasureItem[]; isAdmin: boolean }) {
  const { remove } = useTargetMutations();
  return (
    <div className="app-table-scroll" tabIndex={0} role="region" aria-label="Targets">
      {remove.isError && <ErrorMessage error={remove.error} title="The target was not removed" />}
      <table className="nhsuk-table app-table--compact" data-testid="targets-table">
        <caption className="nhsuk-table__caption nhsuk-table__caption--s">Targets that apply in your area</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header">Measure</th>
            <th scope="col" className="nhsuk-table__header">Area</th>
            <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Target</th>
            <th scope="col" className="nhsuk-table__header">By</th>
            <th scope="col" className="nhsuk-table__header">Set by</th>
            {isAdmin && <th scope="col" className="nhsuk-table__header"><span className="nhsuk-u-visually-hidden">Actions</span></th>}
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {targets.map((t) => {
            const measure = measures.find((m) => m.id === t.measure);
            return (
              <tr key={t.id} className="nhsuk-table__row">
                <td className="nhsuk-table__cell">{measure?.title ?? t.measure}</td>
                <td className="nhsuk-table__cell">{t.org.name}</td>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatRate(t.targetRate, measure?.unit ?? '%')}</td>
                <td className="nhsuk-table__cell">{formatMonth(t.targetMonth)}</td>
                <td className="nhsuk-table__cell">
                  {t.setBy}, {formatDateTime(t.updatedAt)}
                </td>
                {isAdmin && (
                  <td className="nhsuk-table__cell">
                    <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" disabled={remove.isPending} onClick={() => remove.mutate(t.id)}>
                      Remove<span className="nhsuk-u-visually-hidden"> the target for {measure?.title ?? t.measure} in {t.org.name}</span>
                    </button>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Who sets targets, and for an administrator where: the form on this page. */
function WhoSetsTargets({ isAdmin }: { isAdmin: boolean }) {
  return isAdmin ? (
    <>
      An administrator sets targets. You can set one with the <a href="#set-target-heading">Set a target</a> form on this page.
    </>
  ) : (
    <>An administrator sets targets.</>
  );
}

/** Targets: what has been set, how the chosen area is heading, and which PCNs and practices are furthest short. */
export function TargetsPage() {
  const session = useSession().data;
  const isAdmin = session?.user.role === 'admin';
  const [area, setArea] = useSearchParam('area', defaultArea(session));
  const measures = useMeasures();
  const targets = useTargets();
  useDocumentTitle('Targets');
  return (
    <>
      <h1>Targets</h1>
      <p>This page shows whether each area is on course to meet its targets. A target set for an area also applies to every area inside it.</p>
      <p>
        For each target, we draw a straight line through the area’s figures for the last 12 months whose figures are final. We carry the line on to
        the month the target is due. We also show the range the figure would fall in 19 times out of 20 if things carry on as they are. This range is
        called the 95% prediction interval.
      </p>
      <p>An area is:</p>
      <ul>
        <li>
          <strong>on track</strong> when the whole range meets the target
        </li>
        <li>
          <strong>off track</strong> when none of the range meets the target
        </li>
        <li>
          <strong>uncertain</strong> when the range includes the target
        </li>
      </ul>
      <p>Once the figures for the target month are final, the target is met or missed by the latest final figure.</p>
      <details className="nhsuk-details" data-testid="targets-method">
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">How this is worked out</span>
        </summary>
        <div className="nhsuk-details__text">
          <p>
            The straight line is fitted by ordinary least squares. A provisional month, whose figures can still rise, is shown on the chart but not used
            for the line. The gap to the target is measured at the latest final month.
          </p>
          <p>
            The range is a 95% prediction interval for a single month’s figure, worked out with Student’s t distribution. The{' '}
            <Link to="/methodology#targets">methodology page</Link> explains the method in full, under Targets and projections.
          </p>
        </div>
      </details>
      <QueryState query={measures} what="measures">
        {(list) => (
          <>
            {isAdmin && <SetTargetForm measures={list} area={area} />}
            <h2>Targets set</h2>
            <QueryState query={targets} what="targets">
              {(items) =>
                items.length === 0 ? (
                  <Empty>
                    No targets have been set for your area yet. <WhoSetsTargets isAdmin={isAdmin} />
                  </Empty>
                ) : (
                  <TargetsTable targets={items} measures={list} isAdmin={isAdmin} />
                )
              }
            </QueryState>
          </>
        )}
      </QueryState>
      {/* With no target at all, the message above is the only one: none can apply to any area chosen here either. */}
      {(targets.isError || (targets.data !== undefined && targets.data.length > 0)) && (
        <>
          <h2>Progress</h2>
          <div className="app-filters">
            <AreaSelect value={area} onChange={setArea} includeGroups={false} />
          </div>
          <TargetProgressPanel
            org={area}
            emptyText={
              <>
                No target applies to this area yet. <WhoSetsTargets isAdmin={isAdmin} />
              </>
            }
          />
        </>
      )}
    </>
  );
}
