import '../test/polyfills';
import { fireEvent, render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { TargetList } from '@pcsp/contract/targets.contract';
import { seriesPoint } from '../test/fixtures';
import { installFakeApi, MEASURE_LIST } from '../test/render-app';
import { SpcFigure } from './spc-figure';

// Plan coverage 40, 44, 42, 46: mean 43, moving ranges 4, 2, 4 → mean 10/3, limits 43 ∓ 2.66 × 10/3 = 34.13 to 51.87.
// Higher is better: a target of 95 lies above the upper limit (missed every month), 30 below the lower one
// (met every month), 45 inside them (hit and miss).
const POINTS = [40, 44, 42, 46].map((rate, i) => seriesPoint(`2026-0${i + 1}`, { numerator: rate, denominator: 100, rate }));
const NATIONAL: TargetList = {
  targets: [
    { id: 'b7c1d3d2-1f7e-4c55-9a43-2d7d2e1b8a10', measure: 'plan_coverage', org: { code: 'QWE', name: 'NHS North ICB', level: 'icb' }, targetRate: 95, targetMonth: '2027-03', setBy: 'admin@test.nhs.uk', updatedAt: '2026-11-01T09:00:00.000Z' },
    // Another measure's target in the same area, and the same measure's in another area: neither applies.
    { id: 'c0a3e0f4-5a61-4c0e-8d0b-31f4b1c7e2aa', measure: 'review_completion', org: { code: 'QWE', name: 'NHS North ICB', level: 'icb' }, targetRate: 30, targetMonth: '2027-03', setBy: 'admin@test.nhs.uk', updatedAt: '2026-11-01T09:00:00.000Z' },
    { id: 'd1b4f1a5-6b72-4d1f-9e1c-42a5c2d8f3bb', measure: 'plan_coverage', org: { code: 'Y01', name: 'North Region', level: 'region' }, targetRate: 30, targetMonth: '2027-03', setBy: 'admin@test.nhs.uk', updatedAt: '2026-11-01T09:00:00.000Z' },
  ],
};

function renderSpc(org: string) {
  const measure = MEASURE_LIST.measures.find((m) => m.id === 'plan_coverage')!;
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <SpcFigure points={POINTS} measure={measure} name="NHS North ICB" org={org} />
    </QueryClientProvider>,
  );
}

describe('SPC view: the target of the assurance icon', () => {
  it('uses the target an administrator set for the measure in the area, until another is typed or the box is cleared', async () => {
    const requests = installFakeApi((path) => (path === '/targets?org=QWE' ? { body: NATIONAL } : undefined));
    renderSpc('QWE');
    const box = screen.getByLabelText<HTMLInputElement>(/Target for the assurance icon/);
    expect(await screen.findByRole('img', { name: 'Assurance: the target is missed every month unless the process changes' })).toBeTruthy();
    expect(box.value).toBe('95');
    expect(screen.getByText('The target set for NHS North ICB: 95.0% by March 2027. Type another to see its assurance instead.')).toBeTruthy();
    expect(requests.map((r) => r.url)).toEqual(['/api/targets?org=QWE']);

    fireEvent.change(box, { target: { value: '30' } });
    expect(screen.getByRole('img', { name: 'Assurance: the target is met every month (it lies beyond the lower process limit)' })).toBeTruthy();
    expect(screen.getByText('You have replaced the target set for NHS North ICB (95.0% by March 2027).')).toBeTruthy();
    fireEvent.change(box, { target: { value: '45' } });
    expect(screen.getByRole('img', { name: /hit and missed at random/ })).toBeTruthy();
    fireEvent.change(box, { target: { value: '' } });
    expect(screen.queryByRole('img', { name: /^Assurance/ })).toBeNull();
  });

  it('has no target, and no assurance icon, where none is set for the area itself (another area’s targets do not apply)', async () => {
    const requests = installFakeApi((path) => (path === '/targets?org=A00001' ? { body: { targets: NATIONAL.targets.map((t) => ({ ...t, org: { code: 'QWE', name: 'NHS North ICB', level: 'icb' as const } })) } } : undefined));
    renderSpc('A00001');
    expect(await screen.findByText('No target has been set for NHS North ICB; type one to see whether it is met.')).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>(/Target for the assurance icon/).value).toBe('');
    expect(screen.queryByRole('img', { name: /^Assurance/ })).toBeNull();
    expect(requests.map((r) => r.url)).toEqual(['/api/targets?org=A00001']);
  });
});
