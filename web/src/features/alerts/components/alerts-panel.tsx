import type { AlertItem, SpcRule } from '@pcsp/contract/alerts.contract';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Empty, ErrorMessage, QueryState } from '../../../components/query-state';
import { formatMonth, formatRate } from '../../../lib/format';
import { useAlertPreferences, useAlerts, useSetAlertPreferences, type AlertsFilter } from '../api/use-alerts';

const SPC_RULE_TEXT: Record<SpcRule, string> = {
  outside_limits: 'a month outside the process limits',
  shift: '7 months in a row on the worse side of the average',
  trend: '7 months in a row getting worse',
  two_of_three: '2 of 3 months close to the worse process limit',
};

function Reasons({ alert }: { alert: AlertItem }) {
  return (
    <ul className="nhsuk-list app-alert-reasons">
      {alert.reasons.map((reason) =>
        reason === 'outside_limit_first_time' ? (
          <li key={reason}>
            <strong className="nhsuk-tag nhsuk-tag--orange">New</strong> worse than the 99.8% limit{alert.limit === null ? '' : ` (${formatRate(alert.limit, alert.unit)})`} for the first time in 12 months
          </li>
        ) : (
          <li key={reason}>
            <strong className="nhsuk-tag nhsuk-tag--red">Deteriorating</strong> special cause: {alert.spcRules.map((r) => SPC_RULE_TEXT[r]).join('; ')}
          </li>
        ),
      )}
    </ul>
  );
}

/**
 * What an alert is, in plain words first, then the methods by name: for the Alerts page and the overview's Alerts
 * section, so that both say it the same way. The two kinds are named as the table's tags name them (New, Deteriorating).
 */
export function AlertsIntro() {
  return (
    <div data-testid="alerts-intro">
      <p>An alert shows a practice whose figure for a measure has got worse in a way worth looking into. There are 2 kinds:</p>
      <ul>
        <li>
          <strong>New</strong>: the practice’s figure has become unusually poor compared with its ICB, for the first time in 12 months
        </li>
        <li>
          <strong>Deteriorating</strong>: the practice’s own recent months show a change for the worse that is unlikely to be chance
        </li>
      </ul>
      <p>
        Alerts are for the latest month. Where a measure’s latest month is provisional (its figures can still rise), such as plan shared, they are
        for the month before.
      </p>
      <p>
        A new alert means the figure is worse than the 99.8% funnel limit around the ICB’s rate, a limit that allows for the practice’s size. A
        deteriorating alert means special-cause deterioration on the practice’s XmR chart, a statistical process control chart of its last 24
        months, judged by NHS England’s Making Data Count rules. The <Link to="/methodology#alerts">methodology page</Link> explains both, under Alerts.
      </p>
    </div>
  );
}

/** The signed-in user's choice about the weekly alerts email. */
export function DigestPreference() {
  const preferences = useAlertPreferences();
  const save = useSetAlertPreferences();
  // The choice being saved, held in React state set in the change handler itself: the mutation's own state reaches
  // the component a tick later, and a controlled box showing the cache meanwhile flicked back after the click.
  const [choosing, setChoosing] = useState<boolean | null>(null);
  if (!preferences.data) return null;
  const { digestAvailable } = preferences.data;
  const weeklyDigest = choosing ?? preferences.data.weeklyDigest;
  const choose = (next: boolean) => {
    setChoosing(next);
    // Settled, the cache holds what was saved (or, on error, what was there before): the box follows it again.
    save.mutate({ weeklyDigest: next }, { onSettled: () => setChoosing(null) });
  };
  return (
    <div className="nhsuk-form-group">
      {save.isError && <ErrorMessage error={save.error} title="Your choice was not saved" />}
      <div className="nhsuk-checkboxes">
        <div className="nhsuk-checkboxes__item">
          <input
            className="nhsuk-checkboxes__input"
            id="weekly-digest"
            type="checkbox"
            checked={weeklyDigest}
            disabled={save.isPending}
            aria-describedby="weekly-digest-hint"
            onChange={(e) => choose(e.target.checked)}
          />
          <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="weekly-digest">
            Email me the weekly alerts
          </label>
          <div className="nhsuk-hint nhsuk-checkboxes__hint" id="weekly-digest-hint">
            {digestAvailable
              ? 'Once a week, the alerts of the practices in your area, when there are any.'
              : 'No email server is configured for this installation yet, so no digest is sent; your choice is kept for when it is.'}
          </div>
        </div>
      </div>
    </div>
  );
}

/** The Alerts page of an area with the filter's choices, at a page (the first when omitted). */
export function alertsPageHref(area: string, filter: AlertsFilter = {}, page = 1): string {
  const search = new URLSearchParams({ area });
  if (filter.measure) search.set('measure', filter.measure);
  if (filter.reason) search.set('reason', filter.reason);
  if (page > 1) search.set('page', String(page));
  return `/alerts?${search.toString()}`;
}

const count = (n: number) => `${n.toLocaleString('en-GB')} ${n === 1 ? 'alert' : 'alerts'}`;

/** A page past the end of the list (an old link, or a page number typed in): says so, and links to the first and last pages. */
function PastLastPage({ area, filter, total, limit, offset }: { area: string; filter: AlertsFilter; total: number; limit: number; offset: number }) {
  const page = Math.floor(offset / limit) + 1;
  const lastPage = Math.max(1, Math.ceil(total / limit));
  const kind = filter.measure || filter.reason ? ' of this kind' : '';
  const where = lastPage === 1 ? 'page 1' : lastPage === 2 ? 'pages 1 and 2' : `pages 1 to ${lastPage.toLocaleString('en-GB')}`;
  return (
    <Empty>
      There are no alerts on page {page.toLocaleString('en-GB')}. {total === 1 ? `The only alert${kind} in this area is` : `The ${count(total)}${kind} in this area are`} on {where}.{' '}
      <Link to={alertsPageHref(area, filter)}>Go to the first page</Link>
      {lastPage > 1 && (
        <>
          {' '}
          or <Link to={alertsPageHref(area, filter, lastPage)}>go to the last page</Link>
        </>
      )}
      .
    </Empty>
  );
}

/**
 * One page of the practices in the area whose measure is newly beyond the 99.8% limit or shows special-cause
 * deterioration, most urgent first. The API sends only the page: at national size the whole list is thousands of
 * rows, which the browser took seconds to draw. With `seeAll`, a link to the Alerts page follows when there are more.
 */
export function AlertsPanel({
  area,
  limit,
  offset = 0,
  seeAll = false,
  filter = {},
}: {
  area: string;
  limit: number;
  offset?: number;
  seeAll?: boolean;
  filter?: AlertsFilter;
}) {
  const alerts = useAlerts(area, { limit, offset }, filter);
  const filtered = Boolean(filter.measure || filter.reason);
  return (
    <QueryState query={alerts} what="alerts">
      {(list) =>
        list.total === 0 ? (
          <Empty>
            {filtered ? 'No practice in this area has an alert of this kind' : 'No practice in this area has an alert'} in {formatMonth(list.judgedMonth)}.
          </Empty>
        ) : list.alerts.length === 0 ? (
          <PastLastPage area={area} filter={filter} total={list.total} limit={limit} offset={list.offset} />
        ) : (
          <>
            <div className="app-table-scroll" tabIndex={0} role="region" aria-label="Alerts">
              <table className="nhsuk-table app-table--compact" data-testid="alerts-table">
                <caption className="nhsuk-table__caption nhsuk-table__caption--s">
                  {list.alerts.length === list.total
                    ? count(list.total)
                    : `${(list.offset + 1).toLocaleString('en-GB')} to ${(list.offset + list.alerts.length).toLocaleString('en-GB')} of ${count(list.total)}, most urgent first`}
                  , {formatMonth(list.judgedMonth)}
                </caption>
                <thead className="nhsuk-table__head">
                  <tr className="nhsuk-table__row">
                    <th scope="col" className="nhsuk-table__header">Practice</th>
                    <th scope="col" className="nhsuk-table__header">Measure</th>
                    <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Value</th>
                    <th scope="col" className="nhsuk-table__header">Why</th>
                  </tr>
                </thead>
                <tbody className="nhsuk-table__body">
                  {list.alerts.map((a) => (
                    <tr key={`${a.practice.code}-${a.measure}`} className="nhsuk-table__row">
                      <th scope="row" className="nhsuk-table__header">
                        <Link to={`/org/${encodeURIComponent(a.practice.code)}?measure=${a.measure}${a.month !== list.month ? `&month=${a.month}` : ''}`}>{a.practice.name}</Link>
                      </th>
                      <td className="nhsuk-table__cell">
                        {a.title}
                        {/* Judged at an earlier month where the latest is still provisional for the measure (plan_shared). */}
                        {a.month !== list.month && (
                          <span className="nhsuk-body-s app-alert-month">
                            {' '}
                            (judged on {formatMonth(a.month)}, as {formatMonth(list.month)}’s figures can still rise)
                          </span>
                        )}
                      </td>
                      <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatRate(a.rate, a.unit)}</td>
                      <td className="nhsuk-table__cell">
                        <Reasons alert={a} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {seeAll && list.total > list.alerts.length && (
              <p>
                <Link to={alertsPageHref(area, filter)} data-testid="alerts-see-all">
                  See all {count(list.total)}
                </Link>
              </p>
            )}
          </>
        )
      }
    </QueryState>
  );
}
