import '../../../test/polyfills';
import { screen, waitFor, within } from '@testing-library/react';
import { MEASURES } from '@pcsp/analytics/measures/measure-registry';
import { routes } from '../../../app/router';
import { standardApi } from '../../../test/api-fixtures';
import { practiceApi } from '../../../test/practice-api';
import { installFakeApi, renderAt } from '../../../test/render-app';

describe('outcomes page', () => {
  it('draws each plan-split outcome with and without a plan', async () => {
    const requests = installFakeApi(standardApi());
    renderAt(routes, '/outcomes');
    const outcomes = MEASURES.filter((m) => m.planSplit);
    await waitFor(() => expect(screen.getAllByRole('figure')).toHaveLength(outcomes.length));
    const first = screen.getAllByRole('figure')[0]!;
    expect(within(first).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['With a plan', 'Without a plan']);
    // Without a plan is suppressed in October 2026: shown as suppressed, never 0.
    expect(within(first).getAllByRole('row')[2]!.textContent).toBe('October 2026' + '64.0%' + 'suppressed');
    for (const m of outcomes) expect(requests.some((r) => r.url === `/api/measures/${m.id}/series?org=QWE&breakdown=plan`)).toBe(true);
  });

  it('tells a practice lead who picks their ICB that figures by plan are for their own practice, and asks for none', async () => {
    const requests = installFakeApi(practiceApi());
    renderAt(routes, '/outcomes?area=QWE');
    expect((await screen.findByTestId('breakdowns-own-practice')).textContent).toBe('Figures split by whether people had a plan are shown for your own practice only.');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryAllByRole('figure')).toEqual([]);
    expect(requests.filter((r) => r.url.includes('breakdown=plan') || r.url.startsWith('/api/outcomes'))).toEqual([]);
  });

  it('asks for a practice lead’s own practice split by plan as before', async () => {
    const requests = installFakeApi(practiceApi());
    renderAt(routes, '/outcomes');
    const outcomes = MEASURES.filter((m) => m.planSplit);
    await waitFor(() => expect(screen.getAllByRole('figure')).toHaveLength(outcomes.length));
    expect(screen.queryByTestId('breakdowns-own-practice')).toBeNull();
    for (const m of outcomes) expect(requests.some((r) => r.url === `/api/measures/${m.id}/series?org=A00001&breakdown=plan`)).toBe(true);
    expect(requests.some((r) => r.url === '/api/outcomes/standardised?org=A00001')).toBe(true);
  });
});
