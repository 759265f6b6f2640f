import '../../../test/polyfills';
import { render, screen, waitFor, within } from '@testing-library/react';
import { routes } from '../../../app/router';
import type { MeasureId } from '@pcsp/contract/measures.contract';
import type { OrganisationDetail } from '@pcsp/contract/organisations.contract';
import type { SeriesResponse } from '@pcsp/contract/series.contract';
import { card, seriesOf, standardApi, SUMMARY, SNAPSHOT_MONTHS_TWO_MEASURES } from '../../../test/api-fixtures';
import { practiceApi } from '../../../test/practice-api';
import { installFakeApi, MEASURE_LIST, renderAt, SESSION } from '../../../test/render-app';
import { HeadlineTile } from './overview-page';

const ENGLAND = { code: 'ENG', name: 'England', level: 'england' as const };
const REGION: OrganisationDetail = { code: 'Y61', name: 'East of England', level: 'region', parentCode: 'ENG', parents: [ENGLAND], children: [] };

/** A network manager over a region, whose series' parent is England (the API's parentOf a region). */
function regionApi() {
  const standard = standardApi({
    '/auth/session': { body: { ...SESSION, user: { ...SESSION.user, role: 'network', areas: ['Y61'] }, areas: [{ code: 'Y61', name: 'East of England', level: 'region' }] } },
    '/orgs/Y61/summary': { body: { ...SUMMARY, org: { code: 'Y61', name: 'East of England', level: 'region' } } },
    '/orgs/Y61': { body: REGION },
  });
  return (path: string, init: RequestInit | undefined) => {
    const measure = /^\/measures\/([a-z_]+)\/series\?/.exec(path)?.[1];
    if (measure) return { body: { ...seriesOf(measure as SeriesResponse['measure'], { code: 'Y61', name: 'East of England', level: 'region' }), parent: ENGLAND } };
    return standard(path, init);
  };
}

/** The registry's words for who a measure's denominator counts, as the API serves them. */
const nounOf = (id: MeasureId) => MEASURE_LIST.measures.find((m) => m.id === id)!.denominatorNoun;

const legendOf = (figure: HTMLElement) => within(within(figure).getByRole('list', { name: 'Legend' })).getAllByRole('listitem').map((li) => li.textContent);

describe('overview page', () => {
  it('says provisional beside a tile’s value whose month can still change', () => {
    const shared = card({ measure: 'plan_shared', title: 'Plan shared with the person', numerator: 20, denominator: 40, rate: 50 });
    render(
      <ul>
        <HeadlineTile card={{ ...shared, provisional: true }} denominatorNoun={nounOf('plan_shared')} />
        <HeadlineTile card={{ ...shared, measure: 'preparation' }} denominatorNoun={nounOf('preparation')} />
      </ul>,
    );
    expect(screen.getByTestId('tile-plan_shared').textContent).toBe('50.0% (provisional)');
    expect(screen.getByTestId('tile-preparation').textContent).toBe('50.0%');
  });

  it('names each headline rate’s denominator, and says whether each change is significant', () => {
    // The tile's rate (or count) now, and the change from a year before, which gives the earlier figure.
    const change = (now: number, difference: number, significance: 'better' | 'worse' | 'similar' | null) => ({ period: '12m' as const, fromFirstMonth: '2025-10', fromMonth: '2025-10', toFirstMonth: '2026-10', toMonth: '2026-10', previousRate: now - difference, currentRate: now, difference, low: null, high: null, significance });
    render(
      <ul>
        <HeadlineTile card={card({ measure: 'review_completion', title: 'Reviews completed on time', numerator: 30, denominator: 60, rate: 50, change: change(50, -4, 'worse') })} denominatorNoun={nounOf('review_completion')} />
        <HeadlineTile card={card({ measure: 'activation', title: 'Patient activation', numerator: 12, denominator: 48, rate: 25, change: change(25, 0.4, 'similar') })} denominatorNoun={nounOf('activation')} />
        <HeadlineTile card={card({ measure: 'overdue_reviews', title: 'Overdue reviews', unit: 'count', direction: 'lower_is_better', numerator: 9, change: change(9, 2, null) })} denominatorNoun={nounOf('overdue_reviews')} />
      </ul>,
    );
    const metaOf = (measure: string) => [...screen.getByTestId(`tile-${measure}`).closest('li')!.querySelectorAll('.app-tile__meta')].map((p) => p.textContent);
    expect(metaOf('review_completion')).toEqual(['30 of 60 plans due for review in the last 12 months', '−4.0 percentage points over 12 months, a significant worsening']);
    expect(metaOf('activation')).toEqual(['12 of 48 people on the LTC register with a Patient Activation Measure in the last 12 months', '+0.4 percentage points over 12 months, no significant change']);
    // A count's change has no interval, so the API judges none and the tile says none.
    expect(metaOf('overdue_reviews')).toEqual(['Fewer is better', '+2 over 12 months']);
  });

  it('shows loading, then the headline tiles of the area with their change', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/');
    expect((await screen.findAllByRole('status'))[0]!.textContent).toMatch(/^Loading /);
    expect((await screen.findByTestId('tile-plan_coverage')).textContent).toBe('50.0%');
    const tile = screen.getByTestId('tile-plan_coverage').closest('li')!;
    // The fixture's change is 3.2 points, its interval 2.5 to 3.9 leaving out 0 upwards: better for a higher-is-better measure.
    expect(within(tile).getByText('+3.2 percentage points over 12 months, a significant improvement')).toBeTruthy();
    // Each rate with its counts, unrounded as whole-area totals, and who they count: 41,234 of 150,000 registered people on
    // registers, 20,000 of the 40,000 in coverage's denominator (people with a PCA and no plan left out).
    expect(screen.getByText('41,234 of 150,000 registered people')).toBeTruthy();
    expect(within(tile).getByText('20,000 of 40,000 people on the LTC register, less those who chose not to have a plan')).toBeTruthy();
    const overdue = screen.getByTestId('tile-overdue_reviews');
    expect(overdue.textContent).toBe('1,532');
    expect(within(overdue.closest('li')!).getByText('Fewer is better')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Overview NHS North ICB');
  });

  it('draws the coverage trend with a table of its numbers, the suppressed month as suppressed', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/?area=QWE');
    const figure = await screen.findByRole('figure', { name: 'Care plan coverage: NHS North ICB' });
    expect(figure.querySelector('svg')).not.toBeNull();
    const table = within(figure).getByRole('table');
    expect(within(table).getAllByRole('row')[2]!.textContent).toContain('suppressed');
  });

  it('labels each small multiple’s y axis with its measure’s unit', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/?area=QWE');
    // PlotFigure moves Plot's aria-labels to data-mark.
    const unitOf = async (title: string) => (await screen.findByRole('figure', { name: title })).querySelector('g[data-mark="y-axis label"]')?.textContent;
    await expect(unitOf('Long-term condition prevalence')).resolves.toBe('↑ %');
    await expect(unitOf('Emergency admissions')).resolves.toBe('↑ per 1,000');
    await expect(unitOf('Overdue reviews')).resolves.toBe('↑ count');
  });

  it('lists the practices flagged lower than expected', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/');
    const link = await screen.findByRole('link', { name: 'Riverside Surgery' });
    expect(link.getAttribute('href')).toBe('/org/B00002?measure=plan_coverage');
  });

  it('says what went wrong when the headlines cannot be loaded, the area being known', async () => {
    installFakeApi(standardApi({ '/orgs/QWE/summary': { status: 503, body: { type: 'about:blank', title: 'Service Unavailable', status: 503, detail: 'No analytics snapshot has been built yet: import records and run pcsp refresh.' } } }));
    renderAt(routes, '/');
    const alert = await screen.findByText('No analytics snapshot has been built yet: import records and run pcsp refresh.');
    expect(alert.closest('[role="alert"]')?.textContent).toContain('The headline figures could not be loaded (503)');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Overview NHS North ICB');
  });

  /** Requests for an area's figures: what the panels ask for, alongside the area's own look-up rather than after it. */
  const figureRequests = (requests: { url: string }[]) => requests.filter((r) => /\/summary|\/series|\/compare|\/alerts|\/targets|\/deciles/.test(r.url)).map((r) => r.url);
  const problem = (status: number, detail: string) => ({ status, body: { type: 'about:blank', title: status === 404 ? 'Not Found' : 'Forbidden', status, detail } });

  it('says once, as the page’s h1 and title, that no organisation has an unknown code, shows none of its panels, and offers the user’s own area', async () => {
    const requests = installFakeApi(standardApi({ '/orgs/ZZZ999': problem(404, 'code: no organisation has the code ZZZ999') }));
    renderAt(routes, '/?area=ZZZ999');
    const message = await screen.findByTestId('organisation-problem');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('No organisation has the code ZZZ999');
    expect([...message.querySelectorAll(':scope > p')].map((p) => p.textContent)).toEqual(['If you typed the web address, check it is correct.', 'Go to the overview of NHS North ICB.']);
    // The user's first area is the overview's default: its address is the overview's own.
    expect(within(message).getByRole('link', { name: 'NHS North ICB' }).getAttribute('href')).toBe('/');
    expect(within(message).getByRole('combobox', { name: 'Or choose another area' })).toBeTruthy();
    await waitFor(() => expect(document.title).toBe('Not found – Overview: ZZZ999 – PCSP Insights – NHS'));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryAllByRole('heading', { level: 2 })).toEqual([]);
    expect(screen.queryByRole('combobox', { name: 'Month' })).toBeNull();
    // The panels asked for their figures without waiting for the area (a known area's overview waits for no extra round
    // trip); their refusals are not shown: the one message above says it.
    expect(figureRequests(requests)).toContain('/api/orgs/ZZZ999/summary');
  });

  it('says an organisation outside the user’s area is outside it, and who can add it', async () => {
    const requests = installFakeApi(standardApi({ '/orgs/QMH': problem(403, 'code: QMH (Queen Mary Health Centre) is outside your area') }));
    renderAt(routes, '/?area=QMH');
    await screen.findByTestId('organisation-problem');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('QMH is outside the area you can see');
    expect(screen.getByText('If you need to see its figures, ask an administrator of PCSP Insights to add it to the areas of your account.')).toBeTruthy();
    await waitFor(() => expect(document.title).toBe('No access – Overview: QMH – PCSP Insights – NHS'));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryAllByRole('heading', { level: 2 })).toEqual([]);
    expect(figureRequests(requests)).toContain('/api/orgs/QMH/summary');
  });

  it('says a group the user may not know of could not be found, from its summary (a group has no organisation)', async () => {
    const requests = installFakeApi(standardApi({ '/orgs/group%3A7/summary': problem(404, 'code: there is no group group:7') }));
    renderAt(routes, '/?area=group:7');
    await screen.findByTestId('organisation-problem');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('This group could not be found');
    expect(screen.getByText('It may have been deleted, or its owner no longer shares it.')).toBeTruthy();
    await waitFor(() => expect(document.title).toBe('Not found – Overview: group:7 – PCSP Insights – NHS'));
    // Resolved by its summary (the panels ask the same, one request); never GET /orgs/group:7, which the API refuses.
    expect(requests.filter((r) => r.url === '/api/orgs/group%3A7/summary')).toHaveLength(1);
    expect(screen.queryAllByRole('heading', { level: 2 })).toEqual([]);
    expect(requests.some((r) => r.url === '/api/orgs/group%3A7')).toBe(false);
  });

  it('takes an area’s code in lower case as the same organisation, putting it in capitals in the address', async () => {
    const requests = installFakeApi(standardApi({ '/orgs/A00001/summary': { body: { ...SUMMARY, org: { code: 'A00001', name: 'Hill Street Practice', level: 'practice' } } } }));
    const { location } = renderAt(routes, '/?area=a00001&month=2026-09');
    expect((await screen.findByTestId('tile-plan_coverage')).textContent).toBe('50.0%');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Overview Hill Street Practice');
    await waitFor(() => expect(location()).toBe('/?area=A00001&month=2026-09'));
    expect(requests.some((r) => r.url.toLowerCase() !== r.url && r.url.includes('a00001'))).toBe(false);
    expect(requests.some((r) => r.url === '/api/orgs/A00001/summary?month=2026-09')).toBe(true);
  });

  it('shows the latest month, and says so once, for a month the snapshot does not hold, asking for none of its figures', async () => {
    const requests = installFakeApi(standardApi());
    renderAt(routes, '/?area=QWE&month=2031-01');
    // The fixture's months are August to October 2026: 2031-01 (January 2031) is not one of them.
    expect((await screen.findByTestId('unavailable-month')).textContent).toBe('Information: There are no figures for January 2031: showing the latest month, October 2026.');
    expect((await screen.findByTestId('tile-plan_coverage')).textContent).toBe('50.0%');
    const select = screen.getByRole('combobox', { name: 'Month' }) as HTMLSelectElement;
    await waitFor(() => expect(select.selectedOptions[0]!.textContent).toBe('Latest (October 2026, provisional for plan shared with the person)'));
    expect(screen.getAllByTestId('unavailable-month')).toHaveLength(1);
    expect(requests.filter((r) => r.url.includes('2031'))).toEqual([]);
    expect(requests.some((r) => r.url === '/api/orgs/QWE/summary')).toBe(true);
  });

  it('draws a region against England once, its parent being England', async () => {
    installFakeApi(regionApi());
    renderAt(routes, '/');
    const figure = await screen.findByRole('figure', { name: 'Care plan coverage: East of England' });
    expect(within(figure).getByText(/^Care plan coverage by month/).textContent).toBe(
      'Care plan coverage by month for East of England against England, with the 95% confidence interval as a band. Months with suppressed figures are left out of the line.',
    );
    expect(legendOf(figure)).toEqual(['East of England', '95% confidence interval', 'England']);
    const headers = within(within(figure).getByRole('table')).getAllByRole('columnheader').map((th) => th.textContent);
    expect(headers).toEqual(['Month', 'Numerator', 'Denominator', 'East of England', '95% confidence interval', 'England']);
    // One dashed comparison line (England's, dotted 2,3), no parent line (dashed 6,3).
    expect(figure.querySelectorAll('g[data-mark="line"][stroke-dasharray="2,3"]')).toHaveLength(1);
    expect(figure.querySelectorAll('g[data-mark="line"][stroke-dasharray="6,3"]')).toHaveLength(0);
    const small = await screen.findByRole('figure', { name: 'Long-term condition prevalence' });
    expect(within(small).getByText('By month against England.')).toBeTruthy();
    const others = screen.getByRole('heading', { name: 'Other measures' }).nextElementSibling as HTMLElement;
    expect(within(others).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['East of England', '95% confidence interval', 'England']);
  });

  it('draws an ICB against both its region and England, two organisations', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/?area=QWE');
    const figure = await screen.findByRole('figure', { name: 'Care plan coverage: NHS North ICB' });
    expect(within(figure).getByText(/^Care plan coverage by month/).textContent).toContain('for NHS North ICB against North Region and England,');
    expect(legendOf(figure)).toEqual(['NHS North ICB', '95% confidence interval', 'North Region', 'England']);
    expect(figure.querySelectorAll('g[data-mark="line"][stroke-dasharray="6,3"]')).toHaveLength(1);
    expect(figure.querySelectorAll('g[data-mark="line"][stroke-dasharray="2,3"]')).toHaveLength(1);
  });

  it('does not ask a practice lead’s overview for the data-quality report, which they may not read, yet lists the months', async () => {
    const requests = installFakeApi(practiceApi());
    renderAt(routes, '/');
    // The snapshot's months (August to October 2026, October provisional for plan_shared), which every user may read.
    expect((await screen.findByRole('option', { name: 'Latest (October 2026, provisional for plan shared with the person)' })).getAttribute('value')).toBe('');
    expect(screen.getByRole('option', { name: 'August 2026' })).toBeTruthy();
    expect(requests.filter((r) => r.url.startsWith('/api/data-quality'))).toEqual([]);
  });

  it('says in the month select which months are provisional and for which measures, as the snapshot’s months answer says', async () => {
    // As if activation had follow-up days too, provisional in October and September; plan_shared in October only.
    const requests = installFakeApi(
      standardApi({
        '/snapshot/months': { body: SNAPSHOT_MONTHS_TWO_MEASURES },
      }),
    );
    renderAt(routes, '/?area=QWE&month=2026-09');
    const select = await screen.findByRole('combobox', { name: 'Month' });
    await within(select).findByRole('option', { name: 'Latest (October 2026, provisional for plan shared with the person and patient activation)' });
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Latest (October 2026, provisional for plan shared with the person and patient activation)',
      'September 2026 (provisional for patient activation)',
      'August 2026',
    ]);
    // The chosen month's label is what the closed select shows, and what a screen reader reads.
    expect((select as HTMLSelectElement).selectedOptions[0]!.textContent).toBe('September 2026 (provisional for patient activation)');
    expect(requests.filter((r) => r.url === '/api/snapshot/months')).toHaveLength(1);
  });

  it('names each trend’s table of numbers by its measure, so that no two share a name', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/?area=QWE');
    const tableName = async (figureName: string) => {
      const figure = await screen.findByRole('figure', { name: figureName });
      const region = within(figure).getByRole('region');
      // The region's name and the table's caption are the same words.
      expect(within(region).getByRole('table').querySelector('caption')!.textContent).toBe(region.getAttribute('aria-label'));
      return region.getAttribute('aria-label');
    };
    await expect(tableName('Care plan coverage: NHS North ICB')).resolves.toBe('Care plan coverage: NHS North ICB by month');
    await expect(tableName('Long-term condition prevalence')).resolves.toBe('Long-term condition prevalence: NHS North ICB by month');
    await expect(tableName('Overdue reviews')).resolves.toBe('Overdue reviews: NHS North ICB by month');
    // Care plan coverage and the registry's other measures, one figure each.
    await waitFor(() => expect(screen.getAllByRole('figure')).toHaveLength(MEASURE_LIST.measures.length));
    const names = screen.getAllByRole('figure').map((f) => within(f).getByRole('region').getAttribute('aria-label'));
    expect(new Set(names).size).toBe(names.length);
  });

  it('shows no flagged practices for a single practice, and asks for no comparison', async () => {
    const practiceSummary = { ...SUMMARY, org: { code: 'A00001', name: 'Hill Street Practice', level: 'practice' as const } };
    const requests = installFakeApi(standardApi({ '/orgs/A00001/summary': { body: practiceSummary } }));
    renderAt(routes, '/?area=A00001');
    expect(await screen.findByRole('figure', { name: 'Care plan coverage: Hill Street Practice' })).toBeTruthy();
    expect((await screen.findByTestId('tile-plan_coverage')).textContent).toBe('50.0%');
    expect(screen.getByRole('heading', { name: 'Alerts' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Practices flagged lower than expected' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Compare all practices' })).toBeNull();
    expect(requests.filter((r) => r.url.includes('/compare'))).toEqual([]);
  });

  it('shows a practice lead’s overview of their practice without flagged practices', async () => {
    const practiceSummary = { ...SUMMARY, org: { code: 'A00001', name: 'Hill Street Practice', level: 'practice' as const } };
    const lead = practiceApi();
    installFakeApi((path, init) => (path.startsWith('/orgs/A00001/summary') ? { body: practiceSummary } : lead(path, init)));
    renderAt(routes, '/');
    expect((await screen.findByTestId('tile-plan_coverage')).textContent).toBe('50.0%');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Overview Hill Street Practice');
    expect(screen.queryByRole('heading', { name: 'Practices flagged lower than expected' })).toBeNull();
  });

  it('still flags practices within an ICB', async () => {
    const requests = installFakeApi(standardApi());
    renderAt(routes, '/?area=QWE');
    expect(await screen.findByRole('heading', { name: 'Practices flagged lower than expected' })).toBeTruthy();
    expect(await screen.findByRole('link', { name: 'Riverside Surgery' })).toBeTruthy();
    // Against each practice's ICB, as the alerts and report cards judge them.
    expect(requests.some((r) => r.url === '/api/measures/plan_coverage/compare?level=practice&within=QWE&benchmark=icb&sort=rate&limit=1000')).toBe(true);
    expect(screen.getByText(/below the 99.8% funnel limit around their ICB’s rate, as the alerts and report cards judge them/)).toBeTruthy();
  });
});
