import type { MeasureId, MeasureItem } from '@pcsp/contract/measures.contract';
import type { SummaryCard } from '@pcsp/contract/summary.contract';
import { Link } from 'react-router-dom';
import { ChartLegend } from '../../../charts/chart-legend';
import { LINE_COLOURS } from '../../../charts/palette';
import { AreaSelect } from '../../../components/area-select';
import { ComparisonTag } from '../../../components/comparison-tag';
import { MonthSelect, UnavailableMonthNotice } from '../../../components/month-select';
import { organisationProblem, organisationProblemTitle, OrganisationProblemMessage, OwnAreaLinks } from '../../../components/organisation-problem';
import { Empty, Loading, QueryState } from '../../../components/query-state';
import { TrendFigure } from '../../../components/trend-figure';
import { changeSignificanceText } from '../../../lib/change-significance';
import { comparisonLines } from '../../../lib/comparison-lines';
import { defaultArea } from '../../../lib/default-area';
import { formatChange, formatCount, formatInterval, formatMonth, formatRate } from '../../../lib/format';
import { canonicalOrgCode } from '../../../lib/org-code';
import { useCompare, useMeasures, useOrg, useSeries, useSession, useSummary } from '../../../lib/queries';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useMonthParam, useSearchParam } from '../../../lib/use-search-param';
import { AlertsIntro, AlertsPanel, DigestPreference } from '../../alerts/components/alerts-panel';
import { TargetProgressPanel } from '../../targets/components/target-progress-panel';

export const HEADLINE_MEASURES: MeasureId[] = ['ltc_prevalence', 'plan_coverage', 'review_completion', 'overdue_reviews', 'activation'];

/** "+3.2 percentage points over 12 months, a significant improvement": the change and, where the API judged it, whether it is significant. */
function changeText(card: SummaryCard): string {
  const significance = changeSignificanceText(card.change);
  return `${formatChange(card.change?.difference, card.unit)} over 12 months${significance ? `, ${significance}` : ''}`;
}

/** One headline figure; `denominatorNoun` (the registry's, for a rate) says who or what its denominator counts. */
export function HeadlineTile({ card, denominatorNoun }: { card: SummaryCard; denominatorNoun: string | null }) {
  const isCount = card.unit === 'count';
  const value = isCount ? formatCount(card.numerator) : formatRate(card.rate, card.unit);
  return (
    <li className="app-tile" data-measure={card.measure}>
      <h3 className="app-tile__label">{card.title}</h3>
      <p className="app-tile__value" data-testid={`tile-${card.measure}`}>
        {value}
        {/* The month's figure can still rise at the next refresh (SummaryCard.provisional). */}
        {card.provisional && <span className="nhsuk-u-font-size-16"> (provisional)</span>}
      </p>
      {/* The counts behind a rate, so that it can be checked: coverage's denominator leaves out people with a PCA. */}
      {!isCount && card.numerator !== null && card.denominator !== null && (
        <p className="app-tile__meta">
          {`${formatCount(card.numerator)} ${card.unit === '%' ? 'of' : 'among'} ${formatCount(card.denominator)}${denominatorNoun ? ` ${denominatorNoun}` : ''}`}
        </p>
      )}
      {isCount && card.direction === 'lower_is_better' && <p className="app-tile__meta">Fewer is better</p>}
      {!isCount && card.ciLow !== null && <p className="app-tile__meta">95% CI {formatInterval(card.ciLow, card.ciHigh, card.unit)}</p>}
      <p className="app-tile__meta">
        {card.change ? changeText(card) : 'No change figure'}
      </p>
      {!isCount && card.englandRate !== null && <p className="app-tile__meta">England {formatRate(card.englandRate, card.unit)}</p>}
    </li>
  );
}

function SmallMultiple({ measure, org, to }: { measure: MeasureItem; org: string; to?: string }) {
  const series = useSeries(measure.id, { org, to });
  return (
    <QueryState query={series} what={`${measure.title} figures`} isEmpty={(s) => s.lines.every((l) => l.points.length === 0)}>
      {(s) => <TrendFigure series={s} measure={measure} title={measure.title} tableCaption={`${measure.title}: ${s.org.name} by month`} compact />}
    </QueryState>
  );
}

function FlaggedPractices({ area, month }: { area: string; month: string }) {
  // Each practice against its own ICB, as the alerts below and the report cards judge it (not England, the compare page's default).
  const compare = useCompare('plan_coverage', { within: area, benchmark: 'icb', month: month || undefined, sort: 'rate', limit: 1000 });
  return (
    <QueryState query={compare} what="practices flagged lower than expected">
      {(c) => {
        const flagged = c.rows.filter((r) => r.flag === 'lower');
        if (flagged.length === 0) return <Empty>No practice in this area has care plan coverage lower than expected in {formatMonth(c.month)}.</Empty>;
        return (
          <div className="app-table-scroll" tabIndex={0} role="region" aria-label="Practices flagged lower than expected">
            <table className="nhsuk-table app-table--compact">
              <caption className="nhsuk-table__caption nhsuk-table__caption--s">
                Care plan coverage below the 99.8% limit around {c.benchmark.org ? `${c.benchmark.org.name} (${formatRate(c.benchmark.rate, '%')})` : 'each practice’s ICB rate'}, {formatMonth(c.month)}
              </caption>
              <thead className="nhsuk-table__head">
                <tr className="nhsuk-table__row">
                  <th scope="col" className="nhsuk-table__header">Practice</th>
                  <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Coverage</th>
                  <th scope="col" className="nhsuk-table__header">95% confidence interval</th>
                  <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Denominator</th>
                  <th scope="col" className="nhsuk-table__header">Compared with benchmark</th>
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {flagged.map((r) => (
                  <tr key={r.code} className="nhsuk-table__row">
                    <th scope="row" className="nhsuk-table__header">
                      <Link to={`/org/${encodeURIComponent(r.code)}?measure=plan_coverage`}>{r.name}</Link>
                    </th>
                    <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatRate(r.rate, '%')}</td>
                    <td className="nhsuk-table__cell">{formatInterval(r.ciLow, r.ciHigh, '%')}</td>
                    <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatCount(r.denominator)}</td>
                    <td className="nhsuk-table__cell">
                      <ComparisonTag comparison={r.comparison} value={r.rate} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      }}
    </QueryState>
  );
}

/** Alerts shown on the overview, most urgent first; the rest are on the Alerts page. */
const OVERVIEW_ALERTS = 10;

/** The overview's figures for an area (`name` and `level` once the API has resolved it), at `month` ('' the latest). */
function OverviewPanels({ area, name, level, month }: { area: string; name?: string; level?: string; month: string }) {
  const summary = useSummary(area, month);
  const measures = useMeasures();
  const planCoverage = measures.data?.find((m) => m.id === 'plan_coverage');
  const coverage = useSeries('plan_coverage', { org: area, to: month || undefined });
  const compared = coverage.data ? comparisonLines(coverage.data.org, coverage.data.parent) : undefined;

  return (
    <>
      <h2>Headlines{summary.data ? `, ${formatMonth(summary.data.month)}` : ''}</h2>
      <QueryState query={summary} what="headline figures" isEmpty={(s) => s.cards.length === 0}>
        {(s) => (
          <ul className="app-tiles">
            {HEADLINE_MEASURES.map((id) => s.cards.find((c) => c.measure === id))
              .filter((c): c is SummaryCard => c !== undefined)
              .map((card) => (
                <HeadlineTile key={card.measure} card={card} denominatorNoun={measures.data?.find((m) => m.id === card.measure)?.denominatorNoun ?? null} />
              ))}
          </ul>
        )}
      </QueryState>

      <h2>Care plan coverage over time</h2>
      <QueryState query={coverage} what="care plan coverage trend" isEmpty={(s) => s.lines.every((l) => l.points.length === 0)}>
        {(s) => (planCoverage ? <TrendFigure series={s} measure={planCoverage} tableCaption={`${planCoverage.title}: ${s.org.name} by month`} /> : null)}
      </QueryState>

      <h2>Targets</h2>
      <TargetProgressPanel org={area} limit={5} emptyText="No target applies to this area yet. An administrator sets targets on the Targets page." />
      <p>
        <Link to={`/targets?area=${encodeURIComponent(area)}`}>All targets, with every PCN and practice ranked by its gap</Link>
      </p>

      {level !== undefined && level !== 'practice' && (
        <>
          <h2>Practices flagged lower than expected</h2>
          <p>
            Practices whose care plan coverage is below the 99.8% funnel limit around their ICB’s rate, as the alerts and report cards judge them. <Link to={`/compare?measure=plan_coverage&within=${encodeURIComponent(area)}${month ? `&month=${month}` : ''}`}>Compare all practices</Link>
          </p>
          <FlaggedPractices area={area} month={month} />
        </>
      )}

      <h2>Alerts</h2>
      <AlertsIntro />
      <DigestPreference />
      <AlertsPanel area={area} limit={OVERVIEW_ALERTS} seeAll />

      <h2>Other measures</h2>
      <ChartLegend
        items={[
          { label: name ?? area, colour: LINE_COLOURS.org },
          { label: '95% confidence interval', colour: LINE_COLOURS.band, shape: 'band' },
          ...(compared?.parent ? [{ label: compared.parent.name, colour: LINE_COLOURS.parent, dash: '6,3' }] : []),
          ...(compared && !compared.england ? [] : [{ label: 'England', colour: LINE_COLOURS.england, dash: '2,3' }]),
        ]}
      />
      <QueryState query={measures} what="measures">
        {(list) => (
          <div className="app-small-multiples">
            {list
              .filter((m) => m.id !== 'plan_coverage')
              .map((m) => (
                <SmallMultiple key={m.id} measure={m} org={area} to={month || undefined} />
              ))}
          </div>
        )}
      </QueryState>
    </>
  );
}

/**
 * The overview of one area (?area=, the user's first area by default; ?month=). The area is resolved first, by its
 * organisation (GET /orgs/:code; a group by its summary, as it has no organisation): one unknown, outside the user's
 * area or no code at all is said once for the page, with where to go instead, and no panel asks for its figures.
 */
export function OverviewPage() {
  const session = useSession().data;
  const own = defaultArea(session);
  const [area, setArea] = useSearchParam('area', own, canonicalOrgCode);
  const { month, setMonth, ready, unavailable, latest } = useMonthParam();
  const isGroup = area.startsWith('group:');
  const org = useOrg(isGroup ? undefined : area);
  const groupSummary = useSummary(isGroup && ready ? area : '', month);
  const resolved = isGroup ? { data: groupSummary.data?.org, isPending: groupSummary.isPending, isError: groupSummary.isError, error: groupSummary.error } : org;
  const problem = resolved.isError ? organisationProblem(resolved.error, area) : undefined;
  const areaName = resolved.data?.name;
  useDocumentTitle(problem ? organisationProblemTitle(problem, `Overview: ${area}`) : areaName ? `Overview: ${areaName}` : 'Overview');

  if (problem) {
    const onlyPractice = session?.areas.length === 1 && session.areas[0]!.level === 'practice';
    return (
      <OrganisationProblemMessage problem={problem}>
        <p>
          Go to the overview of <OwnAreaLinks session={session} href={(code) => (code === own ? '/' : `/?area=${encodeURIComponent(code)}`)} />.
        </p>
        {!onlyPractice && (
          <div className="app-filters">
            <AreaSelect value="" onChange={setArea} label="Or choose another area" />
          </div>
        )}
      </OrganisationProblemMessage>
    );
  }

  return (
    <>
      <h1>
        Overview{areaName && <span className="nhsuk-caption-l nhsuk-caption--bottom"> {areaName}</span>}
      </h1>
      <div className="app-filters">
        <AreaSelect value={area} onChange={setArea} />
        <MonthSelect value={month} onChange={setMonth} />
      </div>
      {unavailable && latest && <UnavailableMonthNotice requested={unavailable} latest={latest} />}
      {resolved.isError ? (
        <QueryState query={resolved} what="area">
          {() => null}
        </QueryState>
      ) : ready ? (
        // Asked for alongside the area, not after it: a returning user's overview waits for no extra round trip, and an
        // area that turns out unknown or outside theirs replaces the panels with its one message (their requests unused).
        <OverviewPanels area={area} name={resolved.data?.name} level={resolved.data?.level} month={month} />
      ) : (
        <Loading what="the area" />
      )}
    </>
  );
}
