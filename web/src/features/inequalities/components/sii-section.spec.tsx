import '../../../test/polyfills';
import { render, screen } from '@testing-library/react';
import { findMeasure } from '@pcsp/analytics/measures/measure-registry';
import { SUMMARY, seriesOf } from '../../../test/api-fixtures';
import { seriesPoint } from '../../../test/fixtures';
import { SiiSection } from './sii-section';

describe('SII section', () => {
  it('says a count has no slope index, whatever its quintiles hold', async () => {
    // Were a count split by deprivation, its points would have numerators and no rates: nothing to fit.
    const count = { ...findMeasure('overdue_reviews')!, breakdowns: ['imd_quintile' as const] };
    const lines = [1, 2, 3, 4, 5].map((q) => ({ breakdown: `imd_quintile=${q}`, label: String(q), points: [seriesPoint('2026-10', { numerator: 20 })] }));
    render(<SiiSection series={{ ...seriesOf('overdue_reviews', SUMMARY.org, 'imd_quintile'), lines }} measure={count} />);
    expect((await screen.findByRole('heading', { level: 3 })).textContent).toBe('Slope index of inequality');
    expect(screen.getByText(/no slope index/).textContent).toBe('A count has no rates, so it has no slope index of inequality.');
    expect(screen.queryByRole('figure')).toBeNull();
  });
});
