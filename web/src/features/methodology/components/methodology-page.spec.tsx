import '../../../test/polyfills';
import { screen } from '@testing-library/react';
import { MEASURES } from '@pcsp/analytics/measures/measure-registry';
import { routes } from '../../../app/router';
import { standardApi } from '../../../test/api-fixtures';
import { installFakeApi, renderAt } from '../../../test/render-app';

describe('methodology page', () => {
  it('shows every measure of the registry with its definition', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/methodology');
    await screen.findByRole('heading', { level: 3, name: MEASURES[0]!.title });
    const titles = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    for (const m of MEASURES) expect(titles).toContain(m.title);
    expect(screen.getAllByText(MEASURES[0]!.numerator)).toHaveLength(1);
    expect(screen.getByText(/z = 3.090232/)).toBeTruthy();
  });
});
