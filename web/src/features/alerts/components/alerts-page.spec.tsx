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
  area: { code: 'QWE', name: 'NHS North ICB', level: 'icb' },
  total: 53,
  limit: 50,
  offset,
  alerts: Array.from({ length: count }, (_, i) => alert(offset + i + 1)),
});

describe('Alerts page', () => {
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

  it('says so when the page asked for is past the last alert', async () => {
    installFakeApi(standardApi({ '/alerts?area=QWE&limit=50&offset=100': { body: page(100, 0) } }));
    renderAt(routes, '/alerts?area=QWE&page=3');
    const empty = await screen.findByText(/There are 53 alerts in this area, none from number 101 on\./);
    expect(within(empty).getByRole('link', { name: 'Go to the first page' }).getAttribute('href')).toBe('/alerts?area=QWE');
    expect(within(screen.getByRole('navigation', { name: 'Pagination' })).getAllByRole('link').map((l) => l.getAttribute('href'))).toEqual(['/alerts?area=QWE&page=2']);
  });
});
