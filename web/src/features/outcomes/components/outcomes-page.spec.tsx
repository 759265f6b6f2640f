import '../../../test/polyfills';
import { screen, waitFor, within } from '@testing-library/react';
import { MEASURES } from '@pcsp/analytics/measures/measure-registry';
import { routes } from '../../../app/router';
import { standardApi } from '../../../test/api-fixtures';
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
});
