import type { DataQualityResponse } from '@pcsp/contract/data-quality.contract';
import { formatDateTime, formatMonth } from '../../../lib/format';

/**
 * How fresh the figures are: when the snapshot was built and how long ago, its months, whether records changed since,
 * and a failed last refresh. `errorWithheld` when the API gives only that it failed (to all but administrators).
 */
export function SnapshotSummary({ snapshot, errorWithheld }: { snapshot: DataQualityResponse['snapshot']; errorWithheld: boolean }) {
  return (
    <>
      <h2>Snapshot</h2>
      <dl className="nhsuk-summary-list" data-testid="snapshot">
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Built</dt>
          <dd className="nhsuk-summary-list__value">
            {formatDateTime(snapshot.builtAt)}
            {snapshot.ageHours !== null && ` (${snapshot.ageHours < 1 ? 'less than an hour' : `${Math.round(snapshot.ageHours)} hours`} ago)`}
          </dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Months</dt>
          <dd className="nhsuk-summary-list__value">
            {formatMonth(snapshot.firstMonth)} to {formatMonth(snapshot.lastMonth)}
          </dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Figures</dt>
          <dd className="nhsuk-summary-list__value">
            {snapshot.stale ? <strong className="nhsuk-tag nhsuk-tag--yellow">Records changed since the last refresh</strong> : <strong className="nhsuk-tag nhsuk-tag--green">Up to date</strong>}
          </dd>
        </div>
        {snapshot.lastError &&
          (errorWithheld ? (
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">Last refresh</dt>
              <dd className="nhsuk-summary-list__value">
                {snapshot.builtAt ? `Failed. The figures shown are still those of the snapshot built ${formatDateTime(snapshot.builtAt)}.` : 'Failed. No snapshot has been built yet.'}
              </dd>
            </div>
          ) : (
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">Last refresh error</dt>
              <dd className="nhsuk-summary-list__value">{snapshot.lastError}</dd>
            </div>
          ))}
      </dl>
    </>
  );
}
