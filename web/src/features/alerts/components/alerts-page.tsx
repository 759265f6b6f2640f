import { Link, useSearchParams } from 'react-router-dom';
import { AreaSelect } from '../../../components/area-select';
import { defaultArea } from '../../../lib/default-area';
import { SelectField } from '../../../components/select-field';
import { useMeasures, useSession } from '../../../lib/queries';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useSearchParam } from '../../../lib/use-search-param';
import { alertsApi, useAlerts, type AlertsFilter } from '../api/use-alerts';
import { AlertsIntro, AlertsPanel, alertsPageHref } from './alerts-panel';

/** Alerts per page here: a page a person can scan, far short of the thousands England has. */
export const ALERTS_PAGE_SIZE = 50;

function PageLink({ area, filter, page, rel }: { area: string; filter: AlertsFilter; page: number; rel: 'prev' | 'next' }) {
  const arrow =
    rel === 'prev'
      ? 'M10.7 6.3c.4.4.4 1 0 1.4L7.4 11H19a1 1 0 0 1 0 2H7.4l3.3 3.3c.4.4.4 1 0 1.4a1 1 0 0 1-1.4 0l-5-5A1 1 0 0 1 4 12c0-.3.1-.5.3-.7l5-5a1 1 0 0 1 1.4 0Z'
      : 'm14.7 6.3 5 5c.2.2.3.4.3.7 0 .3-.1.5-.3.7l-5 5a1 1 0 0 1-1.4-1.4l3.3-3.3H5a1 1 0 0 1 0-2h11.6l-3.3-3.3a1 1 0 1 1 1.4-1.4Z';
  return (
    <li className={rel === 'prev' ? 'nhsuk-pagination-item--previous' : 'nhsuk-pagination-item--next'}>
      <Link className={`nhsuk-pagination__link nhsuk-pagination__link--${rel}`} to={alertsPageHref(area, filter, page)} rel={rel}>
        <span className="nhsuk-pagination__title">
          {rel === 'prev' ? 'Previous' : 'Next'}
          <span className="nhsuk-u-visually-hidden"> page</span>
        </span>
        <span className="nhsuk-u-visually-hidden">:</span>
        <span className="nhsuk-pagination__page">Page {page}</span>
        <svg className={`nhsuk-icon nhsuk-icon--arrow-${rel === 'prev' ? 'left' : 'right'}`} xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16" focusable="false" aria-hidden="true">
          <path d={arrow} />
        </svg>
      </Link>
    </li>
  );
}

/** Reasons to keep, as the filter offers them. */
const REASON_OPTIONS = [
  { value: '', label: 'Any reason' },
  { value: 'outside_limit_first_time', label: 'Newly worse than the 99.8% limit' },
  { value: 'special_cause_deterioration', label: 'Deteriorating (special cause)' },
];

/** What the status says of a list: how many alerts, of which measure and reason. */
function filterSummary(total: number, measureTitle: string | undefined, reason: { value: string; label: string } | undefined): string {
  const kept = [measureTitle, reason?.value ? reason.label.toLowerCase() : undefined].filter(Boolean).join(', ');
  return `${total.toLocaleString('en-GB')} ${total === 1 ? 'alert' : 'alerts'}${kept ? `: ${kept}` : ''}.`;
}

/** Every alert of the chosen area, a page at a time (the overview shows the first few), of one measure or reason if chosen. */
export function AlertsPage() {
  const session = useSession().data;
  const measures = useMeasures().data ?? [];
  const [area] = useSearchParam('area', defaultArea(session));
  const [pageParam] = useSearchParam('page', '1');
  const [measure] = useSearchParam('measure', '');
  const [reason] = useSearchParam('reason', '');
  const [, setParams] = useSearchParams();
  const filter: AlertsFilter = { measure: measure || undefined, reason: reason || undefined };
  // Another area or filter starts again at its first page.
  const show = (nextArea: string, next: AlertsFilter) => setParams(new URLSearchParams(alertsPageHref(nextArea, next).split('?')[1]));
  const page = /^[1-9]\d{0,5}$/.test(pageParam) ? Number(pageParam) : 1;
  const offset = (page - 1) * ALERTS_PAGE_SIZE;
  // The same query as the panel's (shared through the cache): its total says how many pages there are.
  const list = useAlerts(area, { limit: ALERTS_PAGE_SIZE, offset }, filter).data;
  const total = list?.total;
  const pages = total === undefined ? undefined : Math.max(1, Math.ceil(total / ALERTS_PAGE_SIZE));
  const pastEnd = pages !== undefined && page > pages;
  useDocumentTitle(pastEnd ? `Alerts (no alerts on page ${page})` : pages !== undefined && pages > 1 ? `Alerts (page ${page} of ${pages})` : 'Alerts');
  // Only measures with a better direction can alert.
  const alerting = measures.filter((m) => m.direction !== 'neither');
  return (
    <>
      <h1>Alerts</h1>
      <AlertsIntro />
      <p data-testid="alerts-order">The most urgent are listed first: alerts that are both new and deteriorating, then new alerts, then deteriorating alerts.</p>
      <form className="app-filters" onSubmit={(e) => e.preventDefault()} aria-label="Choose which alerts">
        <AreaSelect value={area} onChange={(next) => show(next, filter)} includeGroups={false} />
        <SelectField
          label="Measure"
          value={measure}
          onChange={(next) => show(area, { ...filter, measure: next || undefined })}
          options={[{ value: '', label: 'All measures' }, ...alerting.map((m) => ({ value: m.id, label: m.title }))]}
        />
        <SelectField label="Reason" value={reason} onChange={(next) => show(area, { ...filter, reason: next || undefined })} options={REASON_OPTIONS} />
      </form>
      <p className="app-no-print">
        <a className="nhsuk-button nhsuk-button--secondary" href={alertsApi.csvUrl(area, filter)} download data-testid="alerts-csv">
          Download these alerts as CSV (every page)
        </a>
      </p>
      {/* Says what a change of filter found: the table or the empty message replaces the old one silently otherwise. */}
      <p className="nhsuk-u-visually-hidden" role="status" data-testid="alerts-status">
        {list ? filterSummary(list.total, alerting.find((m) => m.id === filter.measure)?.title, REASON_OPTIONS.find((r) => r.value === (filter.reason ?? ''))) : ''}
      </p>
      {pages !== undefined && pages > 1 && !pastEnd && (
        <p data-testid="alerts-page-of">
          Page {page} of {pages}
        </p>
      )}
      <AlertsPanel area={area} limit={ALERTS_PAGE_SIZE} offset={offset} filter={filter} />
      {/* Past the end, the panel's message links to the first and last pages instead. */}
      {pages !== undefined && pages > 1 && !pastEnd && (
        <nav className="nhsuk-pagination" role="navigation" aria-label="Pagination">
          <ul className="nhsuk-list nhsuk-pagination__list">
            {page > 1 && <PageLink area={area} filter={filter} page={page - 1} rel="prev" />}
            {page < pages && <PageLink area={area} filter={filter} page={page + 1} rel="next" />}
          </ul>
        </nav>
      )}
    </>
  );
}
