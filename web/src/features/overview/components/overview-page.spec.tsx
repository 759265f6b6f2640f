import '../../../test/polyfills';
import { render, screen, waitFor, within } from '@testing-library/react';
import { routes } from '../../../app/router';
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

const legendOf = (figure: HTMLElement) => within(within(figure).getByRole('list', { name: 'Legend' })).getAllByRole('listitem').map((li) => li.textContent);

describe('overview page', () => {
  it('says provisional beside a tile’s value whose month can still change', () => {
    const shared = card({ measure: 'plan_shared', title: 'Plan shared with the person', numerator: 20, denominator: 40, rate: 50 });
    render(
      <ul>
        <HeadlineTile card={{ ...shared, provisional: true }} />
        <HeadlineTile card={{ ...shared, measure: 'preparation' }} />
      </ul>,
    );
    expect(screen.getByTestId('tile-plan_shared').textContent).toBe('50.0% (provisional)');
    expect(screen.getByTestId('tile-preparation').textContent).toBe('50.0%');
  });

  it('shows loading, then the headline tiles of the area with their change', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/');
    expect((await screen.findAllByRole('status'))[0]!.textContent).toMatch(/^Loading /);
    expect((await screen.findByTestId('tile-plan_coverage')).textContent).toBe('50.0%');
    const tile = screen.getByTestId('tile-plan_coverage').closest('li')!;
    expect(within(tile).getByText('+3.2 percentage points over 12 months')).toBeTruthy();
    // Each rate with its counts, unrounded as whole-area totals: 41,234 of 150,000 registered people on registers,
    // 20,000 of the 40,000 in coverage's denominator (people with a PCA and no plan left out).
    expect(screen.getByText('41,234 of 150,000 registered people')).toBeTruthy();
    expect(within(tile).getByText('20,000 of 40,000')).toBeTruthy();
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

  it('says what went wrong when the headlines cannot be loaded', async () => {
    installFakeApi(standardApi({ '/orgs/QWE/summary': { status: 403, body: { type: 'about:blank', title: 'Forbidden', status: 403, detail: 'QWE is outside your area' } } }));
    renderAt(routes, '/');
    const alert = await screen.findByText('QWE is outside your area');
    expect(alert.closest('[role="alert"]')?.textContent).toContain('The headline figures could not be loaded (403)');
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
