import '../test/polyfills';
import { render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { standardApi } from '../test/api-fixtures';
import { installFakeApi } from '../test/render-app';
import { MonthSelect } from './month-select';

function renderSelect(provisional?: readonly string[]) {
  // The fixture's data-quality report: the snapshot holds August to October 2026.
  installFakeApi(standardApi());
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MonthSelect value="" onChange={() => undefined} provisional={provisional} />
    </QueryClientProvider>,
  );
}

describe('month select', () => {
  it('labels the months it is told are provisional, the latest among them', async () => {
    renderSelect(['2026-10', '2026-09']);
    await screen.findByRole('option', { name: 'Latest (October 2026, provisional)' });
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['Latest (October 2026, provisional)', 'September 2026 (provisional)', 'August 2026']);
  });

  it('labels no month provisional unless told', async () => {
    renderSelect();
    await screen.findByRole('option', { name: 'Latest (October 2026)' });
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['Latest (October 2026)', 'September 2026', 'August 2026']);
  });
});
