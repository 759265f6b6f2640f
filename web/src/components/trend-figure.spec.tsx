import '../test/polyfills';
import { render, screen, within } from '@testing-library/react';
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

function renderTrend(id: string, series: SeriesResponse, compact = false) {
  installFakeApi(() => ({ status: 404, body: { detail: 'not used' } }));
  const measure = MEASURE_LIST.measures.find((m) => m.id === id)!;
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <TrendFigure series={series} measure={measure} compact={compact} />
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

  it('names the view switch by the measure’s title with only its first letter lowered, so an acronym keeps its capitals', () => {
    // diabetes_control's title is 'Diabetes control (HbA1c 58 or less)': 'D' lowered, 'HbA1c' untouched.
    renderTrend('diabetes_control', seriesOf('diabetes_control', (i) => 10 * i));
    expect(screen.getAllByRole('radio')[0]!.closest('fieldset')!.querySelector('legend')!.textContent).toBe('View of diabetes control (HbA1c 58 or less)');
    expect(screen.getByRole('group', { name: 'View of diabetes control (HbA1c 58 or less)' })).toBeTruthy();
  });

  describe('provisional months', () => {
    const note = 'Provisional: plans agreed in a month’s last 28 days may not yet be recorded as shared, so figures may rise at the next refresh';
    // plan_shared 10%, 20%, 30% in 2026-01 … 03, the last provisional.
    const shared = (): SeriesResponse => {
      const series = seriesOf('plan_shared', (i) => 10 * i);
      series.lines[0]!.points[2] = { ...series.lines[0]!.points[2]!, provisional: true };
      return series;
    };

    it('gives the note, worded from plan_shared’s 28 follow-up days, in the legend and marks the month in the numbers', () => {
      renderTrend('plan_shared', shared());
      expect(within(screen.getByRole('list', { name: 'Legend' })).getAllByRole('listitem').map((li) => li.textContent)).toContain(note);
      expect(screen.getByRole('rowheader', { name: 'March 2026 (provisional)' })).toBeTruthy();
      expect(screen.getByRole('rowheader', { name: 'February 2026' })).toBeTruthy();
      expect(screen.getByText(/Provisional months are hollow points on a dashed line\.$/)).toBeTruthy();
    });

    it('says it in a small multiple’s description, which has no legend', () => {
      renderTrend('plan_shared', shared(), true);
      expect(screen.queryByRole('list', { name: 'Legend' })).toBeNull();
      expect(screen.getByText(`By month against East of England and England. ${note} (hollow point).`)).toBeTruthy();
    });

    it('says nothing of it where no month is provisional', () => {
      renderTrend('plan_shared', seriesOf('plan_shared', (i) => 10 * i));
      expect(screen.queryByText(new RegExp(note))).toBeNull();
      expect(screen.queryByText(/provisional/i)).toBeNull();
    });
  });
});
