import '../../../test/polyfills';
import { fireEvent, screen, within } from '@testing-library/react';
import type { AlertItem, AlertList } from '@pcsp/contract/alerts.contract';
import { routes } from '../../../app/router';
import { standardApi } from '../../../test/api-fixtures';
import { installFakeApi, renderAt } from '../../../test/render-app';

/** Practice `n` of the area, its care plan coverage newly below the 99.8% limit. */
const alert = (n: number): AlertItem => ({
  practice: { code: `B${String(n).padStart(5, '0')}`, name: `Practice ${String(n).padStart(2, '0')}`, level: 'practice' },
  icbCode: 'QWE',
  measure: 'plan_coverage',
  title: 'Care plan coverage',
  unit: '%',
  month: '2026-10',
  rate: 20,
  benchmarkRate: 50,
  limit: 40,
  reasons: ['outside_limit_first_time'],
  spcRules: [],
});

// 53 alerts in pages of 50: page 1 holds practices 1–50, page 2 practices 51–53.
const page = (offset: number, count: number): AlertList => ({
  month: '2026-10',
  judgedMonth: '2026-10',
  area: { code: 'QWE', name: 'NHS North ICB', level: 'icb' },
  measure: null,
  reason: null,
  total: 53,
  limit: 50,
  offset,
  alerts: Array.from({ length: count }, (_, i) => alert(offset + i + 1)),
});

describe('Alerts page', () => {
  it('says first in plain words what an alert is, then names the methods and links to the methodology page', async () => {
    installFakeApi(standardApi({ '/alerts?area=QWE&limit=50&offset=0': { body: page(0, 50) } }));
    renderAt(routes, '/alerts');
    await screen.findByTestId('alerts-table');
    const intro = screen.getByTestId('alerts-intro');
    const text = (e: Element) => e.textContent!.replace(/\s+/g, ' ');
    expect([...intro.children].map((e) => [e.tagName, text(e)])).toEqual([
      ['P', 'An alert shows a practice whose figure for a measure has got worse in a way worth looking into. There are 2 kinds:'],
      [
        'UL',
        'New: the practice’s figure has become unusually poor compared with its ICB, for the first time in 12 months' +
          'Deteriorating: the practice’s own recent months show a change for the worse that is unlikely to be chance',
      ],
      ['P', 'Alerts are for the latest month. Where a measure’s latest month is provisional (its figures can still rise), such as plan shared, they are for the month before.'],
      [
        'P',
        'A new alert means the figure is worse than the 99.8% funnel limit around the ICB’s rate, a limit that allows for the practice’s size. ' +
          'A deteriorating alert means special-cause deterioration on the practice’s XmR chart, a statistical process control chart of its last 24 months, ' +
          'judged by NHS England’s Making Data Count rules. The methodology page explains both, under Alerts.',
      ],
    ]);
    // The plain words come before any method's name.
    expect(text(intro).indexOf('99.8%')).toBeGreaterThan(text(intro).indexOf('unlikely to be chance'));
    const link = within(intro).getByRole('link', { name: 'methodology page' });
    expect(link.getAttribute('href')).toBe('/methodology#alerts');
    expect(screen.getByTestId('alerts-order').textContent).toBe(
      'The most urgent are listed first: alerts that are both new and deteriorating, then new alerts, then deteriorating alerts.',
    );
  });

  it('pages through every alert of the area, 50 at a time, with previous and next links', async () => {
    const requests = installFakeApi(
      standardApi({
        '/alerts?area=QWE&limit=50&offset=0': { body: page(0, 50) },
        '/alerts?area=QWE&limit=50&offset=50': { body: page(50, 3) },
      }),
    );
    const app = renderAt(routes, '/alerts');
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('Alerts');
    const first = await screen.findByTestId('alerts-table');
    expect(first.querySelector('caption')!.textContent).toBe('1 to 50 of 53 alerts, most urgent first, October 2026');
    expect(within(first).getAllByRole('row')).toHaveLength(51);
    expect(screen.getByTestId('alerts-page-of').textContent).toBe('Page 1 of 2');
    const pagination = screen.getByRole('navigation', { name: 'Pagination' });
    expect(within(pagination).getAllByRole('link').map((l) => [l.textContent, l.getAttribute('href')])).toEqual([['Next page:Page 2', '/alerts?area=QWE&page=2']]);

    fireEvent.click(within(pagination).getByRole('link'));
    const second = await screen.findByText('51 to 53 of 53 alerts, most urgent first, October 2026');
    expect(app.location()).toBe('/alerts?area=QWE&page=2');
    expect(within(second.closest('table')!).getAllByRole('row').slice(1).map((r) => r.querySelector('th')!.textContent)).toEqual(['Practice 51', 'Practice 52', 'Practice 53']);
    expect(screen.getByTestId('alerts-page-of').textContent).toBe('Page 2 of 2');
    const back = within(screen.getByRole('navigation', { name: 'Pagination' })).getAllByRole('link');
    expect(back.map((l) => [l.textContent, l.getAttribute('href')])).toEqual([['Previous page:Page 1', '/alerts?area=QWE']]);
    expect(requests.filter((r) => r.url.startsWith('/api/alerts?')).map((r) => r.url)).toEqual(['/api/alerts?area=QWE&limit=50&offset=0', '/api/alerts?area=QWE&limit=50&offset=50']);
  });

  it('says plainly that a page past the end has no alerts, with links to the first and last pages', async () => {
    // Page 99 asks from alert 4,901 (98 × 50 + 1); the area has 53, on pages 1 and 2.
    const requests = installFakeApi(standardApi({ '/alerts?area=QWE&limit=50&offset=4900': { body: page(4900, 0) } }));
    renderAt(routes, '/alerts?area=QWE&page=99');
    const empty = await screen.findByText(/^There are no alerts on page 99\./);
    expect(empty.textContent).toBe('There are no alerts on page 99. The 53 alerts in this area are on pages 1 and 2. Go to the first page or go to the last page.');
    expect(within(empty).getAllByRole('link').map((l) => [l.textContent, l.getAttribute('href')])).toEqual([
      ['Go to the first page', '/alerts?area=QWE'],
      ['go to the last page', '/alerts?area=QWE&page=2'],
    ]);
    // No "Page 99 of 2", and no previous link to a page 98 that does not exist either.
    expect(screen.queryByTestId('alerts-page-of')).toBeNull();
    expect(screen.queryByRole('navigation', { name: 'Pagination' })).toBeNull();
    expect(document.title).toBe('Alerts (no alerts on page 99) – PCSP Insights – NHS');
    expect(requests.filter((r) => r.url.startsWith('/api/alerts?')).map((r) => r.url)).toEqual(['/api/alerts?area=QWE&limit=50&offset=4900']);
  });

  it('past the end of a one-page list of one kind, names the kind and links to the first page only', async () => {
    // 3 alerts of plan_shared fit on page 1; page 3 asks from alert 101.
    const three: AlertList = { ...page(100, 0), measure: 'plan_shared', total: 3 };
    installFakeApi(standardApi({ '/alerts?area=QWE&limit=50&offset=100&measure=plan_shared': { body: three } }));
    renderAt(routes, '/alerts?area=QWE&measure=plan_shared&page=3');
    const empty = await screen.findByText(/^There are no alerts on page 3\./);
    expect(empty.textContent).toBe('There are no alerts on page 3. The 3 alerts of this kind in this area are on page 1. Go to the first page.');
    expect(within(empty).getAllByRole('link').map((l) => l.getAttribute('href'))).toEqual(['/alerts?area=QWE&measure=plan_shared']);
  });

  it('keeps one measure or reason, in the address, from the first page, with a CSV download of every alert kept', async () => {
    const shared: AlertItem = { ...alert(7), measure: 'plan_shared', title: 'Plan shared with the person', month: '2026-09' };
    // Kept to plan_shared, the list is judged at September, the month before the provisional October.
    const one: AlertList = { ...page(0, 0), judgedMonth: '2026-09', measure: 'plan_shared', total: 1, alerts: [shared] };
    const requests = installFakeApi(
      standardApi({
        '/alerts?area=QWE&limit=50&offset=50': { body: page(50, 3) },
        // Prefixes, the longer first.
        '/alerts?area=QWE&limit=50&offset=0&measure=plan_shared&reason=special_cause_deterioration': { body: { ...one, total: 0, alerts: [] } },
        '/alerts?area=QWE&limit=50&offset=0&measure=plan_shared': { body: one },
      }),
    );
    const app = renderAt(routes, '/alerts?area=QWE&page=2');
    await screen.findByText('51 to 53 of 53 alerts, most urgent first, October 2026');
    expect(screen.getByTestId('alerts-csv').getAttribute('href')).toBe('/api/alerts?area=QWE&format=csv');
    const measureSelect = screen.getByLabelText<HTMLSelectElement>('Measure');
    // Only measures with a better direction can alert: LTC prevalence and multimorbidity are not offered.
    const offered = within(measureSelect).getAllByRole('option').map((o) => o.textContent);
    expect(offered[0]).toBe('All measures');
    expect(offered).toContain('Plan shared with the person');
    expect(offered.some((o) => /prevalence/i.test(o ?? ''))).toBe(false);

    fireEvent.change(measureSelect, { target: { value: 'plan_shared' } });
    const table = await screen.findByTestId('alerts-table');
    expect(app.location()).toBe('/alerts?area=QWE&measure=plan_shared');
    // Judged in September: October is provisional for this measure. The link opens the report card at that month.
    expect(table.querySelector('caption')!.textContent).toBe('1 alert, September 2026');
    const row = within(table).getAllByRole('row')[1];
    expect(row.querySelectorAll('td')[0].textContent).toBe('Plan shared with the person (judged on September 2026, as October 2026’s figures can still rise)');
    expect(within(row).getByRole('link', { name: 'Practice 07' }).getAttribute('href')).toBe('/org/B00007?measure=plan_shared&month=2026-09');
    expect(screen.getByTestId('alerts-status').textContent).toBe('1 alert: Plan shared with the person.');
    expect(screen.getByTestId('alerts-csv').getAttribute('href')).toBe('/api/alerts?area=QWE&measure=plan_shared&format=csv');

    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'special_cause_deterioration' } });
    expect(await screen.findByText('No practice in this area has an alert of this kind in September 2026.')).toBeTruthy();
    expect(screen.getByTestId('alerts-status').textContent).toBe('0 alerts: Plan shared with the person, deteriorating (special cause).');
    expect(app.location()).toBe('/alerts?area=QWE&measure=plan_shared&reason=special_cause_deterioration');
    expect(requests.filter((r) => r.url.startsWith('/api/alerts?')).map((r) => r.url)).toEqual([
      '/api/alerts?area=QWE&limit=50&offset=50',
      '/api/alerts?area=QWE&limit=50&offset=0&measure=plan_shared',
      '/api/alerts?area=QWE&limit=50&offset=0&measure=plan_shared&reason=special_cause_deterioration',
    ]);
  });
});
