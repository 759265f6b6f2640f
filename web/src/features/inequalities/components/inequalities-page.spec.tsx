import '../../../test/polyfills';
import { screen, within } from '@testing-library/react';
import { routes } from '../../../app/router';
import { standardApi } from '../../../test/api-fixtures';
import { installFakeApi, renderAt } from '../../../test/render-app';

describe('inequalities page', () => {
  it('splits the measure and shows the gap between the most and least deprived', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/inequalities?measure=plan_coverage&breakdown=imd_quintile');
    const gap = await screen.findByRole('figure', { name: 'Deprivation gap in care plan coverage: NHS North ICB' });
    // Fixture: quintile 1 at 30 and 35, quintile 5 at 55 and 60: a gap of −25 both months.
    const cells = within(within(gap).getByRole('table')).getAllByRole('cell').map((c) => c.textContent);
    expect(cells).toEqual(['−25.0 percentage points', '−25.0 percentage points']);
  });
});
