import '../../../test/polyfills';
import { screen, within } from '@testing-library/react';
import { routes } from '../../../app/router';
import { standardApi } from '../../../test/api-fixtures';
import { installFakeApi, renderAt } from '../../../test/render-app';

describe('overview page', () => {
  it('shows loading, then the headline tiles of the area with their change', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/');
    expect((await screen.findAllByRole('status'))[0]!.textContent).toMatch(/^Loading /);
    expect((await screen.findByTestId('tile-plan_coverage')).textContent).toBe('50.0%');
    const tile = screen.getByTestId('tile-plan_coverage').closest('li')!;
    expect(within(tile).getByText('+3.2 percentage points over 12 months')).toBeTruthy();
    // 41,234 people on registers: the numerator of prevalence, unrounded as a whole-area total.
    expect(screen.getByText('41,234 people on LTC registers')).toBeTruthy();
    expect(screen.getByTestId('tile-overdue_reviews').textContent).toBe('1,532');
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
});
