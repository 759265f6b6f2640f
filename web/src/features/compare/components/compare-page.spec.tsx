import '../../../test/polyfills';
import { fireEvent, screen, within } from '@testing-library/react';
import type { Session } from '@pcsp/contract/auth.contract';
import type { CompareResponse } from '@pcsp/contract/compare.contract';
import type { OrganisationDetail } from '@pcsp/contract/organisations.contract';
import { routes } from '../../../app/router';
import { COMPARE, standardApi } from '../../../test/api-fixtures';
import { compareRow, FUNNEL_ROWS } from '../../../test/fixtures';
import { practiceApi } from '../../../test/practice-api';
import { installFakeApi, renderAt, SESSION, type FakeApi } from '../../../test/render-app';

const NORTH_REGION: OrganisationDetail = {
  code: 'Y01',
  name: 'North Region',
  level: 'region',
  parentCode: 'ENG',
  parents: [{ code: 'ENG', name: 'England', level: 'england' }],
  children: [
    { code: 'QXY', name: 'NHS Coast ICB', level: 'icb' },
    { code: 'QWE', name: 'NHS North ICB', level: 'icb' },
  ],
};
const COAST_ICB: OrganisationDetail = { code: 'QXY', name: 'NHS Coast ICB', level: 'icb', parentCode: 'Y01', parents: [{ code: 'Y01', name: 'North Region', level: 'region' }], children: [] };

/** A network manager of North Region, whose practices are in its two ICBs. */
const NETWORK_MANAGER: Session = {
  ...SESSION,
  user: { ...SESSION.user, name: 'Nia Network', role: 'network', areas: ['Y01'] },
  areas: [{ code: 'Y01', name: 'North Region', level: 'region' }],
};

/** A commissioner of two ICBs. */
const TWO_ICB_COMMISSIONER: Session = {
  ...SESSION,
  user: { ...SESSION.user, areas: ['QWE', 'QXY'] },
  areas: [
    { code: 'QWE', name: 'NHS North ICB', level: 'icb' },
    { code: 'QXY', name: 'NHS Coast ICB', level: 'icb' },
  ],
};

/**
 * The fake API for a user whose practices are in North Region's two ICBs. England at 50%, so that the fixture rows'
 * limits (50 ± z·√(0.5·0.5/n)) are England's too. Asked with benchmark=icb and no area, the API names no benchmark, as
 * for practices in two ICBs. GET /orgs?level=icb counts the ICBs inside `parent` (none inside an ICB) or the region.
 */
function twoIcbApi(session: Session): FakeApi {
  const standard = standardApi({ '/auth/session': { body: session } });
  return (path, init) => {
    const bare = path.split('?')[0]!;
    const params = new URLSearchParams(path.split('?')[1] ?? '');
    if (bare === '/orgs/Y01') return { body: NORTH_REGION };
    if (bare === '/orgs/QXY') return { body: COAST_ICB };
    if (bare === '/orgs' && params.get('level') === 'icb') {
      const icbs = !params.has('parent') || params.get('parent') === 'Y01' ? NORTH_REGION.children : [];
      const limit = Number(params.get('limit'));
      return { body: { total: icbs.length, offset: 0, limit, organisations: icbs.slice(0, limit).map((icb) => ({ ...icb, level: 'icb', parentCode: 'Y01' })) } };
    }
    const answer = standard(path, init);
    if (bare !== '/measures/plan_coverage/compare' || !answer) return answer;
    const body = answer.body as CompareResponse;
    const area = params.has('within') ? body.within : null;
    if (params.get('benchmark') === 'england') return { body: { ...body, within: area, benchmark: { level: 'england', rate: 50, org: { code: 'ENG', name: 'England', level: 'england' } } } };
    return area ? answer : { body: { ...body, within: null, benchmark: { level: 'icb', rate: null, org: null } } };
  };
}

const compareRequests = (requests: { url: string }[]) => requests.filter((r) => r.url.includes('/compare?')).map((r) => r.url);
const icbCountRequests = (requests: { url: string }[]) => requests.filter((r) => r.url.startsWith('/api/orgs?level=icb')).map((r) => r.url);
const optionLabels = (select: HTMLSelectElement) => [...select.options].map((o) => [o.value, o.textContent]);
const hintOf = (select: HTMLSelectElement) => document.getElementById(select.getAttribute('aria-describedby')!)!.textContent;
/** The funnel's limit lines (95% and 99.8%, lower and upper) and its benchmark rule. */
const limitMarks = (funnel: HTMLElement) => [funnel.querySelectorAll('g[data-mark="line"] path').length, funnel.querySelectorAll('g[data-mark="rule"]').length];

const ICB_DEFAULT_OPTIONS = [
  ['icb', 'Each practice’s ICB (default)'],
  ['region', 'Each practice’s region'],
  ['england', 'England'],
];
const ENGLAND_DEFAULT_OPTIONS = [
  ['icb', 'Each practice’s ICB'],
  ['region', 'Each practice’s region'],
  ['england', 'England (default)'],
];
const ICB_HINT = 'The overview, alerts and report cards compare each practice with its own ICB.';
const twoIcbHint =
  'These practices are in 2 ICBs, so by default they are compared with England, which gives the funnel one set of limits. Choose “Each practice’s ICB” to compare each with its own ICB, as the overview, alerts and report cards do.';
const FUNNEL_NAME = 'Funnel plot: Care plan coverage, October 2026';

describe('compare page', () => {
  it('draws the funnel and ranks the practices, the API leaving the closed practice out', async () => {
    const requests = installFakeApi(standardApi());
    renderAt(routes, '/compare?measure=plan_coverage&within=QWE&month=2026-10');
    const funnel = await screen.findByRole('figure', { name: 'Funnel plot: Care plan coverage, October 2026' });
    // Three practices: the API left the closed one out (not asked for).
    expect(funnel.querySelectorAll('g[data-mark="dot"] > *')).toHaveLength(3);
    const rows = within(screen.getByTestId('ranked-table')).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-code'))).toEqual(['B00002', 'A00001', 'D00004']);
    expect(screen.getByTestId('compare-summary').textContent).toContain('Closed practices (no registered patients) left out.');
    expect(requests.some((r) => r.url === '/api/measures/plan_coverage/compare?level=practice&month=2026-10&within=QWE&benchmark=icb&sort=rank&limit=1000')).toBe(true);
  });

  it('includes closed practices when asked, and keeps that in the URL', async () => {
    const requests = installFakeApi(standardApi());
    const { location } = renderAt(routes, '/compare?measure=plan_coverage');
    fireEvent.click(await screen.findByLabelText('Include closed practices'));
    expect(await screen.findByText(/1 closed practice \(no registered patients\) included\./)).toBeTruthy();
    const rows = within(await screen.findByTestId('ranked-table')).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(4);
    expect(location()).toBe('/compare?measure=plan_coverage&closed=1');
    // Asked of the API, not filtered here.
    expect(requests.some((r) => r.url === '/api/measures/plan_coverage/compare?level=practice&benchmark=icb&sort=rank&limit=1000&includeClosed=true')).toBe(true);
  });

  it('offers the comparison as CSV with the same choices', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/compare?measure=activation&within=PCN01&change=12m');
    const link = await screen.findByTestId('csv-download');
    expect(link.getAttribute('href')).toBe('/api/measures/activation/compare?level=practice&within=PCN01&benchmark=icb&change=12m&sort=change&limit=1000&format=csv');
  });

  it('says when there is nothing to compare', async () => {
    installFakeApi(standardApi({ '/measures/plan_coverage/compare': { body: { ...COMPARE, rows: [], total: 0 } } }));
    renderAt(routes, '/compare');
    expect(await screen.findByText('There are no practices to compare in this area.')).toBeTruthy();
  });

  it('says when the measure in the URL does not exist', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/compare?measure=nonsense');
    expect(await screen.findByText('There is no measure called “nonsense”. Choose one from the list.')).toBeTruthy();
  });

  it('does not ask a practice lead’s comparison for the data-quality report, which they may not read, yet lists the months', async () => {
    const requests = installFakeApi(practiceApi());
    renderAt(routes, '/compare?measure=plan_coverage');
    // The months from the lead's own series (August to October 2026), as the data-quality report would give them.
    expect((await screen.findByRole('option', { name: 'Latest (October 2026)' })).getAttribute('value')).toBe('');
    expect(screen.getByRole('option', { name: 'August 2026' })).toBeTruthy();
    expect(requests.filter((r) => r.url.startsWith('/api/data-quality'))).toEqual([]);
  });

  it('picks out a practice lead’s own practice in the ranked table and on the funnel, in words as well as shading', async () => {
    installFakeApi(practiceApi());
    renderAt(routes, '/compare?measure=plan_coverage');
    const funnel = await screen.findByRole('figure', { name: 'Funnel plot: Care plan coverage, October 2026' });
    // The lead's practice is Hill Street (A00001): one labelled disc under its point, and a legend entry.
    expect(funnel.querySelectorAll('g[data-mark="text"] text')).toHaveLength(1);
    expect(funnel.querySelector('g[data-mark="text"] text')!.textContent).toBe('Your practice');
    expect(funnel.querySelectorAll('g[data-mark="dot"]')).toHaveLength(2);
    expect(within(within(funnel).getByRole('list', { name: 'Legend' })).getByText('Your practice')).toBeTruthy();
    const rows = within(screen.getByTestId('ranked-table')).getAllByRole('row').slice(1);
    const marked = rows.filter((r) => within(r).queryByText('Your practice') !== null);
    expect(marked.map((r) => r.getAttribute('data-code'))).toEqual(['A00001']);
    expect(marked[0]!.classList.contains('app-table__row--own')).toBe(true);
    expect(rows.filter((r) => r.classList.contains('app-table__row--own'))).toHaveLength(1);
  });

  it('picks out no practice for a commissioner', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/compare?measure=plan_coverage&within=QWE');
    const funnel = await screen.findByRole('figure', { name: 'Funnel plot: Care plan coverage, October 2026' });
    expect(funnel.querySelectorAll('g[data-mark="dot"]')).toHaveLength(1);
    expect(screen.queryByText(/Your practice/)).toBeNull();
    expect(within(screen.getByTestId('ranked-table')).getAllByRole('row').slice(1).filter((r) => r.classList.contains('app-table__row--own'))).toEqual([]);
  });

  it('tells keyboard and screen-reader users how to open a practice: by its name in the ranked table, each a link', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/compare?measure=plan_coverage&within=QWE');
    const funnel = await screen.findByRole('figure', { name: 'Funnel plot: Care plan coverage, October 2026' });
    expect(funnel.getAttribute('aria-describedby')).not.toBeNull();
    const description = document.getElementById(funnel.getAttribute('aria-describedby')!)!.textContent;
    expect(description).toMatch(/ Select a point, or a practice's name in the ranked table below, to open that practice\.$/);
    // The ranked table does link each practice's name to its report card.
    const table = screen.getByTestId('ranked-table');
    expect(within(table).getByRole('link', { name: 'Hill Street Practice' }).getAttribute('href')).toBe('/org/A00001?measure=plan_coverage');
    expect(within(table).getAllByRole('link')).toHaveLength(3);
  });

  it('says plainly when the compared month is provisional: beside the month, on the funnel and its table, the ranked table and the changes', async () => {
    installFakeApi(standardApi({ '/measures/plan_shared/compare': { body: { ...COMPARE, measure: 'plan_shared', change: '12m', provisional: true } } }));
    renderAt(routes, '/compare?measure=plan_shared&month=2026-10&change=12m');
    // plan_shared's follow-up is 28 days (the registry's), so the note is worded from it.
    const note = 'October 2026 is provisional: plans agreed in its last 28 days may not yet be recorded as shared, so figures may rise at the next refresh';
    const funnel = await screen.findByRole('figure', { name: 'Funnel plot: Plan shared with the person, October 2026 (provisional)' });
    expect(screen.getByTestId('compare-summary').textContent).toContain('practices in NHS North ICB, October 2026 (provisional). Benchmark');
    expect(screen.getByTestId('compare-provisional').textContent).toBe(
      `${note}. Each change ends in October 2026, so it is likely understated: a rise may prove larger, and a fall smaller, once the month is final.`,
    );
    expect(document.getElementById(funnel.getAttribute('aria-describedby')!)!.textContent).toMatch(new RegExp(`^${note}\\. Each practice's rate`));
    expect(within(funnel).getByRole('region', { name: `Each practice on the funnel plot. ${note}.` })).toBeTruthy();
    expect(within(screen.getByTestId('ranked-table')).getByText('Practices ranked by change, October 2026 (provisional)')).toBeTruthy();
  });

  it('labels the compared month provisional in the month select', async () => {
    // The fixture's snapshot holds August to October 2026, so October is the latest.
    installFakeApi(standardApi({ '/measures/plan_shared/compare': { body: { ...COMPARE, measure: 'plan_shared', provisional: true } } }));
    renderAt(routes, '/compare?measure=plan_shared');
    expect((await screen.findByRole('option', { name: 'Latest (October 2026, provisional)' })).getAttribute('value')).toBe('');
    expect(screen.getByRole('option', { name: 'September 2026' })).toBeTruthy();
  });

  it('leaves the month select unmarked where the compared month is final', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/compare?measure=plan_coverage');
    await screen.findByTestId('compare-summary');
    expect(screen.getByRole('option', { name: 'Latest (October 2026)' })).toBeTruthy();
  });

  it('shows a practice the API gave no comparison as not compared, never similar: hollow on the funnel, in the legend and in both tables', async () => {
    // Harbour has a rate but no limits (its benchmark gave none), so no comparison; the closed practice has no rate at all.
    const harbour = compareRow({ code: 'E00005', name: 'Harbour Medical Practice', numerator: 90, denominator: 200, rate: 45, ciLow: 38.3, ciHigh: 51.9, rank: 4 });
    const rows = [...FUNNEL_ROWS, harbour];
    installFakeApi(standardApi({ '/measures/plan_coverage/compare': { body: { ...COMPARE, rows, total: rows.length } } }));
    renderAt(routes, '/compare?measure=plan_coverage&within=QWE&closed=1');
    const funnel = await screen.findByRole('figure', { name: 'Funnel plot: Care plan coverage, October 2026' });
    const [compared, notCompared] = [...funnel.querySelectorAll('g[data-mark="dot"]')];
    expect(compared!.children).toHaveLength(3);
    expect([notCompared!.getAttribute('fill'), notCompared!.getAttribute('stroke')]).toEqual(['white', '#4C6272']);
    expect(notCompared!.querySelectorAll('circle')).toHaveLength(1);
    expect(document.getElementById(funnel.getAttribute('aria-describedby')!)!.textContent).toContain(
      'Practices outside the 99.8% limits are flagged. Hollow grey points are practices not compared: their benchmark gives no limits. Select a point',
    );

    const legend = within(funnel).getByRole('list', { name: 'Legend' });
    expect(within(legend).getAllByRole('listitem').map((i) => i.textContent)).toEqual([
      'Better than expected', 'Similar to expected', 'Worse than expected', 'Not compared', 'NHS North ICB', '95% limits', '99.8% limits',
    ]);
    const swatch = within(legend).getByText('Not compared').querySelector('circle')!;
    expect([swatch.getAttribute('fill'), swatch.getAttribute('stroke')]).toEqual(['white', '#4C6272']);

    const numbers = within(funnel).getByRole('region', { name: 'Each practice on the funnel plot' });
    const harbourNumbers = within(numbers).getByRole('rowheader', { name: 'Harbour Medical Practice (E00005)' }).closest('tr')!;
    expect([...harbourNumbers.cells].slice(4).map((c) => c.textContent)).toEqual(['none', 'Not compared']);

    const ranked = within(screen.getByTestId('ranked-table')).getAllByRole('row').slice(1);
    const compareCell = (code: string) => ranked.find((r) => r.getAttribute('data-code') === code)!.lastElementChild!;
    expect(compareCell('E00005').textContent).toBe('Not compared');
    expect(compareCell('E00005').querySelector('.nhsuk-tag--white')).not.toBeNull();
    expect(compareCell('A00001').textContent).toBe('Similar');
    expect(compareCell('C00003').textContent).toBe('no comparison');
  });

  it('gives no Not compared legend entry when every practice drawn is compared', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/compare?measure=plan_coverage&within=QWE');
    const funnel = await screen.findByRole('figure', { name: 'Funnel plot: Care plan coverage, October 2026' });
    const legend = within(funnel).getByRole('list', { name: 'Legend' });
    expect(within(legend).getAllByRole('listitem').map((i) => i.textContent)).toEqual(['Better than expected', 'Similar to expected', 'Worse than expected', 'NHS North ICB', '95% limits', '99.8% limits']);
    expect(screen.queryByText('Not compared')).toBeNull();
    expect(document.getElementById(funnel.getAttribute('aria-describedby')!)!.textContent).toContain('Practices outside the 99.8% limits are flagged. Select a point');
  });

  it('compares each practice with its own ICB by default, as the overview, alerts and report cards do, and says so', async () => {
    const requests = installFakeApi(standardApi());
    const { location } = renderAt(routes, '/compare?measure=plan_coverage&within=QWE&month=2026-10');
    const select = (await screen.findByLabelText('Benchmark')) as HTMLSelectElement;
    expect([...select.options].map((o) => [o.value, o.textContent])).toEqual([
      ['icb', 'Each practice’s ICB (default)'],
      ['region', 'Each practice’s region'],
      ['england', 'England'],
    ]);
    expect(select.value).toBe('icb');
    expect(screen.getByText('The overview, alerts and report cards compare each practice with its own ICB.')).toBeTruthy();
    // The fixture's answer: NHS North ICB at 50%; three practices open.
    expect((await screen.findByTestId('compare-summary')).textContent).toBe(
      '3 practices in NHS North ICB, October 2026. Benchmark: NHS North ICB 50.0%. Closed practices (no registered patients) left out.',
    );
    expect(requests.filter((r) => r.url.includes('/compare?')).map((r) => r.url)).toEqual([
      '/api/measures/plan_coverage/compare?level=practice&month=2026-10&within=QWE&benchmark=icb&sort=rank&limit=1000',
    ]);
    // The default stays out of the URL.
    expect(location()).toBe('/compare?measure=plan_coverage&within=QWE&month=2026-10');
  });

  it('keeps a link with ?benchmark=england working, and puts the choice in the URL, the default taking it out again', async () => {
    const ENGLAND_BENCHMARK = { level: 'england' as const, rate: 48.5, org: { code: 'ENG', name: 'England', level: 'england' as const } };
    const api = standardApi();
    // The fixture's answer, with England's rate where England is asked for.
    const requests = installFakeApi((path, init) => {
      const answer = api(path, init);
      return answer && path.includes('benchmark=england') ? { ...answer, body: { ...(answer.body as typeof COMPARE), benchmark: ENGLAND_BENCHMARK } } : answer;
    });
    const { location } = renderAt(routes, '/compare?measure=plan_coverage&benchmark=england');
    const select = (await screen.findByLabelText('Benchmark')) as HTMLSelectElement;
    expect(select.value).toBe('england');
    expect(await screen.findByText(/Benchmark: England 48\.5%\./)).toBeTruthy();
    expect(requests.some((r) => r.url === '/api/measures/plan_coverage/compare?level=practice&benchmark=england&sort=rank&limit=1000')).toBe(true);

    fireEvent.change(select, { target: { value: 'icb' } });
    expect(location()).toBe('/compare?measure=plan_coverage');
    expect(await screen.findByText(/Benchmark: NHS North ICB 50\.0%\./)).toBeTruthy();
    fireEvent.change(select, { target: { value: 'region' } });
    expect(location()).toBe('/compare?measure=plan_coverage&benchmark=region');
  });

  it('compares practices in several ICBs with England by default, drawing the funnel’s limits, and says why beside the select', async () => {
    const requests = installFakeApi(twoIcbApi(NETWORK_MANAGER));
    const { location } = renderAt(routes, '/compare?measure=plan_coverage');
    expect((await screen.findByTestId('compare-summary')).textContent).toBe('3 practices, October 2026. Benchmark: England 50.0%. Closed practices (no registered patients) left out.');
    // The region's ICBs counted once, and the comparison asked once, with England.
    expect(icbCountRequests(requests)).toEqual(['/api/orgs?level=icb&limit=1']);
    expect(compareRequests(requests)).toEqual(['/api/measures/plan_coverage/compare?level=practice&benchmark=england&sort=rank&limit=1000']);
    const select = screen.getByLabelText('Benchmark') as HTMLSelectElement;
    expect(select.value).toBe('england');
    expect(optionLabels(select)).toEqual(ENGLAND_DEFAULT_OPTIONS);
    expect(hintOf(select)).toBe(twoIcbHint);
    // Four limit lines (95% and 99.8%, lower and upper) and England's rule.
    const funnel = screen.getByRole('figure', { name: FUNNEL_NAME });
    expect(limitMarks(funnel)).toEqual([4, 1]);
    expect(within(within(funnel).getByRole('list', { name: 'Legend' })).getAllByRole('listitem').map((i) => i.textContent)).toEqual([
      'Better than expected', 'Similar to expected', 'Worse than expected', 'England', '95% limits', '99.8% limits',
    ]);
    expect(location()).toBe('/compare?measure=plan_coverage');

    // Each practice's ICB, chosen, goes into the URL; England, the default here, takes it out again.
    fireEvent.change(select, { target: { value: 'icb' } });
    expect(location()).toBe('/compare?measure=plan_coverage&benchmark=icb');
    expect(await screen.findByText(/Benchmark: each practice’s own ICB\./)).toBeTruthy();
    expect(limitMarks(screen.getByRole('figure', { name: FUNNEL_NAME }))).toEqual([0, 0]);
    fireEvent.change(select, { target: { value: 'england' } });
    expect(location()).toBe('/compare?measure=plan_coverage');

    // One ICB of the region: none inside it, so the default is its ICB again.
    fireEvent.change(screen.getByLabelText('Practices in'), { target: { value: 'QWE' } });
    expect(location()).toBe('/compare?measure=plan_coverage&within=QWE');
    expect(await screen.findByText(/Benchmark: NHS North ICB 50\.0%\./)).toBeTruthy();
    expect(icbCountRequests(requests)).toEqual(['/api/orgs?level=icb&limit=1', '/api/orgs?level=icb&parent=QWE&limit=1']);
    expect(compareRequests(requests).filter((url) => url.includes('within=QWE'))).toEqual(['/api/measures/plan_coverage/compare?level=practice&within=QWE&benchmark=icb&sort=rank&limit=1000']);
    expect(select.value).toBe('icb');
    expect(optionLabels(select)).toEqual(ICB_DEFAULT_OPTIONS);
    expect(hintOf(select)).toBe(ICB_HINT);
    expect(limitMarks(screen.getByRole('figure', { name: FUNNEL_NAME }))).toEqual([4, 1]);
  });

  it('keeps each practice’s ICB where the URL asks for it, though the practices are in several ICBs', async () => {
    const requests = installFakeApi(twoIcbApi(NETWORK_MANAGER));
    const { location } = renderAt(routes, '/compare?measure=plan_coverage&benchmark=icb');
    expect(await screen.findByText(/Benchmark: each practice’s own ICB\./)).toBeTruthy();
    const select = screen.getByLabelText('Benchmark') as HTMLSelectElement;
    // Once the ICBs are counted, England is labelled the default, yet the URL's choice holds.
    expect(await screen.findByRole('option', { name: 'England (default)' })).toBeTruthy();
    expect(select.value).toBe('icb');
    expect(optionLabels(select)).toEqual(ENGLAND_DEFAULT_OPTIONS);
    expect(hintOf(select)).toBe(twoIcbHint);
    expect(compareRequests(requests)).toEqual(['/api/measures/plan_coverage/compare?level=practice&benchmark=icb&sort=rank&limit=1000']);
    expect(limitMarks(screen.getByRole('figure', { name: FUNNEL_NAME }))).toEqual([0, 0]);
    expect(location()).toBe('/compare?measure=plan_coverage&benchmark=icb');
  });

  it('knows a commissioner of two ICBs from their session, asking nothing more: England by default for all their practices, the ICB for one ICB', async () => {
    const requests = installFakeApi(twoIcbApi(TWO_ICB_COMMISSIONER));
    const { location } = renderAt(routes, '/compare?measure=plan_coverage');
    expect(await screen.findByText(/Benchmark: England 50\.0%\./)).toBeTruthy();
    const select = screen.getByLabelText('Benchmark') as HTMLSelectElement;
    expect(select.value).toBe('england');
    expect(optionLabels(select)).toEqual(ENGLAND_DEFAULT_OPTIONS);
    expect(hintOf(select)).toBe(twoIcbHint);
    expect(limitMarks(screen.getByRole('figure', { name: FUNNEL_NAME }))).toEqual([4, 1]);

    fireEvent.change(screen.getByLabelText('Practices in'), { target: { value: 'QWE' } });
    expect(location()).toBe('/compare?measure=plan_coverage&within=QWE');
    expect(await screen.findByText(/Benchmark: NHS North ICB 50\.0%\./)).toBeTruthy();
    expect(select.value).toBe('icb');
    expect(optionLabels(select)).toEqual(ICB_DEFAULT_OPTIONS);
    expect(hintOf(select)).toBe(ICB_HINT);
    expect(compareRequests(requests)).toEqual([
      '/api/measures/plan_coverage/compare?level=practice&benchmark=england&sort=rank&limit=1000',
      '/api/measures/plan_coverage/compare?level=practice&within=QWE&benchmark=icb&sort=rank&limit=1000',
    ]);
    expect(icbCountRequests(requests)).toEqual([]);
  });

  it('keeps England where the URL asks for it, in one ICB and then in two, where it has become the default', async () => {
    const requests = installFakeApi(twoIcbApi(TWO_ICB_COMMISSIONER));
    const { location } = renderAt(routes, '/compare?measure=plan_coverage&within=QWE&benchmark=england');
    expect(await screen.findByText(/Benchmark: England 50\.0%\./)).toBeTruthy();
    const select = screen.getByLabelText('Benchmark') as HTMLSelectElement;
    expect(select.value).toBe('england');
    expect(optionLabels(select)).toEqual(ICB_DEFAULT_OPTIONS);
    expect(hintOf(select)).toBe(ICB_HINT);

    fireEvent.change(screen.getByLabelText('Practices in'), { target: { value: '' } });
    expect(location()).toBe('/compare?measure=plan_coverage&benchmark=england');
    expect(await screen.findByText(/^3 practices, October 2026\. Benchmark: England 50\.0%\./)).toBeTruthy();
    expect(optionLabels(select)).toEqual(ENGLAND_DEFAULT_OPTIONS);
    expect(hintOf(select)).toBe(twoIcbHint);
    expect(compareRequests(requests)).toEqual([
      '/api/measures/plan_coverage/compare?level=practice&within=QWE&benchmark=england&sort=rank&limit=1000',
      '/api/measures/plan_coverage/compare?level=practice&benchmark=england&sort=rank&limit=1000',
    ]);
  });

  it('names no single benchmark where the practices are in several ICBs, and draws their points without one set of limits', async () => {
    // All practices a network manager sees: two ICBs, so the API gives no benchmark organisation or rate; each row's
    // limits are its own ICB's.
    const open = FUNNEL_ROWS.filter((r) => !r.closed);
    installFakeApi(standardApi({ '/measures/plan_coverage/compare': { body: { ...COMPARE, within: null, benchmark: { level: 'icb', rate: null, org: null }, rows: open, total: 3 } } }));
    renderAt(routes, '/compare?measure=plan_coverage');
    const funnel = await screen.findByRole('figure', { name: 'Funnel plot: Care plan coverage, October 2026' });
    expect(screen.getByTestId('compare-summary').textContent).toBe('3 practices, October 2026. Benchmark: each practice’s own ICB. Closed practices (no registered patients) left out.');
    // The three practices with a rate, and no limit lines or benchmark rule.
    expect(funnel.querySelectorAll('g[data-mark="dot"] > *')).toHaveLength(3);
    expect(funnel.querySelectorAll('g[data-mark="line"] path')).toHaveLength(0);
    expect(funnel.querySelectorAll('g[data-mark="rule"]')).toHaveLength(0);
    const legend = within(funnel).getByRole('list', { name: 'Legend' });
    expect(within(legend).getAllByRole('listitem').map((i) => i.textContent)).toEqual(['Better than expected', 'Similar to expected', 'Worse than expected']);
    expect(document.getElementById(funnel.getAttribute('aria-describedby')!)!.textContent).toBe(
      "Each practice's rate against its denominator. Each practice is compared with its own ICB, so the limits differ between practices and none are drawn: choose one ICB under Practices in, or England as the benchmark, to see them. Practices outside their 99.8% limits are flagged. Select a point, or a practice's name in the ranked table below, to open that practice.",
    );
    // The numbers table keeps each practice's own limits: Riverside's 99.8% limits for 400 people, 42.27442 to 57.72558.
    const numbers = within(funnel).getByRole('region', { name: 'Each practice on the funnel plot' });
    const riverside = within(numbers).getByRole('rowheader', { name: 'Riverside Surgery (B00002)' }).closest('tr')!;
    expect([...riverside.cells].slice(4).map((c) => c.textContent)).toEqual(['42.3% to 57.7%', 'Worse than expected']);
  });

  it('lists a count by count, most first, with no rank number and no benchmark', async () => {
    // The API lists overdue reviews most first with no rank (a count mostly follows list size).
    const rows = [
      compareRow({ code: 'B00002', name: 'Riverside Surgery', numerator: 471 }),
      compareRow({ code: 'D00004', name: 'Meadow Health Centre', numerator: 120 }),
      compareRow({ code: 'A00001', name: 'Hill Street Practice', numerator: 9 }),
    ];
    const body = { ...COMPARE, measure: 'overdue_reviews' as const, benchmark: { level: 'icb' as const, rate: null, org: null }, rows, total: 3 };
    installFakeApi(standardApi({ '/measures/overdue_reviews/compare': { body } }));
    renderAt(routes, '/compare?measure=overdue_reviews&within=QWE');
    const table = await screen.findByTestId('ranked-table');
    expect(screen.getByRole('heading', { level: 2, name: 'Practices by count' })).toBeTruthy();
    expect(within(table).getByText('Practices by overdue reviews, most first, not ranked')).toBeTruthy();
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Practice', 'Count', 'Compared with benchmark']);
    const bodyRows = within(table).getAllByRole('row').slice(1);
    expect(bodyRows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent))).toEqual([
      ['Riverside Surgery B00002', '471', 'Not compared'],
      ['Meadow Health Centre D00004', '120', 'Not compared'],
      ['Hill Street Practice A00001', '9', 'Not compared'],
    ]);
    expect(screen.getByTestId('compare-summary').textContent).toBe('3 practices in NHS North ICB, October 2026. A count is not compared with a benchmark. Closed practices (no registered patients) left out.');
    expect(
      screen.getByText('A count has no denominator, so it has no funnel plot, and it is not ranked, as a count mostly follows list size: the table lists the practices by count, most first.'),
    ).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Practices by count' })).toBeTruthy();
  });

  it('shows a count’s year-on-year change as the average a month over each 3-month period, the columns naming the periods', async () => {
    // year-on-year at 2026-10: August to October 2026 against August to October 2025. The API gives a count over 3
    // months as its average a month: Hill Street 10 + 12 + 11 = 33 then (11 a month), 14 + 15 + 17 = 46 now (15.333),
    // +4.333 a month; Riverside 6 + 6 + 6 = 18 (6), 5 + 5 + 5 = 15 (5), −1 a month. The rows' counts are October 2026's.
    const yearOnYear = (previousRate: number, currentRate: number) => ({
      period: 'year-on-year' as const,
      fromFirstMonth: '2025-08',
      fromMonth: '2025-10',
      toFirstMonth: '2026-08',
      toMonth: '2026-10',
      previousRate,
      currentRate,
      difference: currentRate - previousRate,
      low: null,
      high: null,
      significance: null,
    });
    const rows = [
      compareRow({ code: 'A00001', name: 'Hill Street Practice', numerator: 17, change: yearOnYear(11, 46 / 3) }),
      compareRow({ code: 'B00002', name: 'Riverside Surgery', numerator: 5, change: yearOnYear(6, 5) }),
    ];
    const body = { ...COMPARE, measure: 'overdue_reviews' as const, benchmark: { level: 'icb' as const, rate: null, org: null }, change: 'year-on-year' as const, sort: 'change' as const, rows, total: 2 };
    installFakeApi(standardApi({ '/measures/overdue_reviews/compare': { body } }));
    renderAt(routes, '/compare?measure=overdue_reviews&within=QWE&change=year-on-year');
    const figure = await screen.findByRole('figure', { name: 'Change in overdue reviews' });
    expect(document.getElementById(figure.getAttribute('aria-describedby')!)!.textContent).toBe(
      "Each practice's average count a month in August to October 2026 against August to October 2025: the change, ordered from the largest fall to the largest rise. A count's change has no interval, so none is marked significant.",
    );
    const numbers = within(figure).getByRole('region', { name: 'Change by practice: average count a month in August to October 2026 against August to October 2025' });
    expect(within(numbers).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Practice', 'August to October 2025', 'August to October 2026', 'Change', '95% interval of the change']);
    expect(within(numbers).getAllByRole('row').slice(1).map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent))).toEqual([
      ['Riverside Surgery (B00002)', '6.0 a month', '5.0 a month', '−1.0 a month', 'none for a count'],
      ['Hill Street Practice (A00001)', '11.0 a month', '15.3 a month', '+4.3 a month', 'none for a count'],
    ]);
    // The ranked table's count is the month's; its change column names the periods it is between.
    const table = screen.getByTestId('ranked-table');
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Practice', 'Count', 'Change, August to October 2026 against August to October 2025', 'Compared with benchmark']);
    expect(within(table).getAllByRole('row').slice(1).map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent))).toEqual([
      ['Hill Street Practice A00001', '17', '+4.3 a month', 'Not compared'],
      ['Riverside Surgery B00002', '5', '−1.0 a month', 'Not compared'],
    ]);
  });
});
