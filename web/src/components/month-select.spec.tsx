import '../test/polyfills';
import { render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { SnapshotMonthsResponse } from '@pcsp/contract/snapshot-months.contract';
import { SNAPSHOT_MONTHS, SNAPSHOT_MONTHS_TWO_MEASURES, standardApi } from '../test/api-fixtures';
import { installFakeApi } from '../test/render-app';
import { MonthSelect } from './month-select';

function renderSelect(provisional?: readonly string[], months: SnapshotMonthsResponse = SNAPSHOT_MONTHS) {
  installFakeApi(standardApi({ '/snapshot/months': { body: months } }));
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MonthSelect value="" onChange={() => undefined} provisional={provisional} />
    </QueryClientProvider>,
  );
}

const labels = () => screen.getAllByRole('option').map((o) => o.textContent);

describe('month select', () => {
  it('says which measures a month is provisional for, from the snapshot’s months', async () => {
    // The fixture: August to October 2026, October provisional for plan_shared.
    renderSelect();
    await screen.findByRole('option', { name: 'Latest (October 2026, provisional for plan shared with the person)' });
    expect(labels()).toEqual(['Latest (October 2026, provisional for plan shared with the person)', 'September 2026', 'August 2026']);
  });

  it('names every measure of a month, and marks an earlier month too', async () => {
    renderSelect(undefined, SNAPSHOT_MONTHS_TWO_MEASURES);
    await screen.findByRole('option', { name: 'Latest (October 2026, provisional for plan shared with the person and patient activation)' });
    expect(labels()).toEqual(['Latest (October 2026, provisional for plan shared with the person and patient activation)', 'September 2026 (provisional for patient activation)', 'August 2026']);
  });

  it('labels no month provisional where the snapshot has none', async () => {
    renderSelect(undefined, { months: ['2026-10', '2026-09', '2026-08'], provisional: [] });
    await screen.findByRole('option', { name: 'Latest (October 2026)' });
    expect(labels()).toEqual(['Latest (October 2026)', 'September 2026', 'August 2026']);
  });

  it('labels the months a page showing one measure passes, the latest among them, and no others', async () => {
    renderSelect(['2026-10', '2026-09']);
    await screen.findByRole('option', { name: 'Latest (October 2026, provisional)' });
    expect(labels()).toEqual(['Latest (October 2026, provisional)', 'September 2026 (provisional)', 'August 2026']);
  });

  it('labels no month where a page passes none, though the snapshot’s months mark October', async () => {
    renderSelect([]);
    await screen.findByRole('option', { name: 'Latest (October 2026)' });
    expect(labels()).toEqual(['Latest (October 2026)', 'September 2026', 'August 2026']);
  });
});
