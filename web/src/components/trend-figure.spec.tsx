import '../test/polyfills';
import { render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { SeriesResponse } from '@pcsp/contract/series.contract';
import { seriesPoint } from '../test/fixtures';
import { installFakeApi, MEASURE_LIST } from '../test/render-app';
import { TrendFigure } from './trend-figure';

const seriesOf = (measure: SeriesResponse['measure'], rate: (i: number) => number | null): SeriesResponse => ({
  measure,
  org: { code: 'QWE', name: 'NHS North ICB', level: 'icb' },
  parent: { code: 'Y61', name: 'East of England', level: 'region' },
  breakdown: null,
  from: '2026-01',
  to: '2026-03',
  lines: [{ breakdown: '', label: 'All', points: [1, 2, 3].map((i) => seriesPoint(`2026-0${i}`, { numerator: 10 * i, denominator: measure === 'overdue_reviews' ? null : 100, rate: rate(i) })) }],
});

function renderTrend(id: string, series: SeriesResponse) {
  installFakeApi(() => ({ status: 404, body: { detail: 'not used' } }));
  const measure = MEASURE_LIST.measures.find((m) => m.id === id)!;
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <TrendFigure series={series} measure={measure} />
    </QueryClientProvider>,
  );
}

describe('trend figure', () => {
  it('offers a rate’s trend with its interval, or its XmR chart', () => {
    renderTrend('plan_coverage', seriesOf('plan_coverage', (i) => 10 * i));
    expect(screen.getAllByRole('radio').map((r) => r.parentElement?.textContent)).toEqual(['Trend with interval', 'XmR / SPC']);
  });

  it('offers a count’s trend without promising an interval, which a count has not', () => {
    renderTrend('overdue_reviews', seriesOf('overdue_reviews', () => null));
    expect(screen.getAllByRole('radio').map((r) => r.parentElement?.textContent)).toEqual(['Trend', 'XmR / SPC']);
  });
});
