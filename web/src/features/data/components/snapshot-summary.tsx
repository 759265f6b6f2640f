import type { DataQualityResponse } from '@pcsp/contract/data-quality.contract';
import { formatDateTime, formatMonth } from '../../../lib/format';

/** Why figures built by another engine version may differ from this version's (the server refreshes them as it starts). */
const OTHER_ENGINE: Record<'earlier' | 'later', string> = {
  earlier:
    'These figures were computed by an earlier version of PCSP Insights; a refresh, which the server starts by itself when it starts, recomputes them with this version.',
  later:
    'These figures were computed by a later version of PCSP Insights than this one; a refresh, which the server starts by itself when it starts, recomputes them with this version.',
};

/**
 * How fresh the figures are: when the snapshot was built and how long ago, its months, whether records changed since,
 * whether another version of the engine computed them and with which DuckDB version, and a failed last refresh.
 * `errorWithheld` when the API gives only that it failed (to all but administrators).
 */
export function SnapshotSummary({ snapshot, errorWithheld }: { snapshot: DataQualityResponse['snapshot']; errorWithheld: boolean }) {
  // Not up to date, whatever the records: this version would compute other figures from them.
  const otherEngine = snapshot.engine === 'earlier' || snapshot.engine === 'later' ? snapshot.engine : null;
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
            {snapshot.stale ? (
              <strong className="nhsuk-tag nhsuk-tag--yellow">Records changed since the last refresh</strong>
            ) : (
              otherEngine === null && <strong className="nhsuk-tag nhsuk-tag--green">Up to date</strong>
            )}
            {otherEngine !== null && <p className={`nhsuk-body-s nhsuk-u-margin-bottom-0${snapshot.stale ? ' nhsuk-u-margin-top-2' : ''}`}>{OTHER_ENGINE[otherEngine]}</p>}
          </dd>
        </div>
        {snapshot.builtAt !== null && (
          // A DuckDB release can change figures as a new version of PCSP Insights can: which one computed these.
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Computed with</dt>
            <dd className="nhsuk-summary-list__value">{snapshot.duckdbVersion === null ? 'DuckDB (its version was not recorded)' : `DuckDB ${snapshot.duckdbVersion}`}</dd>
          </div>
        )}
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
